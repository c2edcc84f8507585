package query

import (
	"strings"
	"unicode"
)

// The named formats of Wazuh's api/validator.py that the common parameters
// use. Each is an anchored Python regex `^…$`; Python's `$` also matches
// before one trailing "\n", which pyDollar reproduces.

// isPyWord is Python's \w for str patterns: Unicode letters and numbers
// plus the underscore.
func isPyWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// pyIsSpace is Python's str.isspace for one rune.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// pyDollar drops the one trailing newline Python's `$` tolerates.
func pyDollar(s string) string {
	return strings.TrimSuffix(s, "\n")
}

// allRunes reports whether s is non-empty and every rune satisfies ok.
func allRunes(s string, ok func(rune) bool) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !ok(r) {
			return false
		}
	}
	return true
}

// ValidSort reports whether s matches the `sort` format ^[\w_\-,\s+.]+$.
func ValidSort(s string) bool {
	// \s already covers the newline `$` would tolerate.
	return allRunes(s, func(r rune) bool {
		return isPyWord(r) || r == '-' || r == ',' || r == '+' || r == '.' || pyIsSpace(r)
	})
}

// ValidSearch reports whether s matches the `search` format ^[^;\|&^*>]+$.
func ValidSearch(s string) bool {
	// The negated class already covers the newline `$` would tolerate.
	return allRunes(s, func(r rune) bool {
		return !strings.ContainsRune(";|&^*>", r)
	})
}

// ValidNames reports whether s matches the `names` format ^[\w\-.%]+$
// (compiled with re.ASCII).
func ValidNames(s string) bool {
	return allRunes(pyDollar(s), func(r rune) bool {
		return r < 0x80 && (r == '_' || r == '-' || r == '.' || r == '%' ||
			unicode.IsLetter(r) || unicode.IsDigit(r))
	})
}

// ValidTimeframe reports whether s matches the `timeframe` format
// ^(\d+[dhms]?)$ (bare digits are seconds).
func ValidTimeframe(s string) bool {
	s = pyDollar(s)
	if s != "" && strings.ContainsRune("dhms", rune(s[len(s)-1])) {
		s = s[:len(s)-1]
	}
	return pyIsDigits(s)
}
