package rbac

import (
	"unicode"
	"unicode/utf8"
)

// Password length limits of the API (security.md §2.2), in characters.
const (
	MinPasswordLength = 8
	MaxPasswordLength = 64
)

// ValidatePassword applies Wazuh's API password policy: a length between 8
// and 64 characters (else error 5009, checked first), then Python's
// ^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,}$ (else 5007): an
// ASCII lower-case letter, an ASCII upper-case letter, a (Unicode) digit and
// any other character, none of them a line break except one trailing "\n"
// (Python's "." and "$").
func ValidatePassword(password string) error {
	n := utf8.RuneCountInString(password)
	if n < MinPasswordLength || n > MaxPasswordLength {
		return wazuhError(CodePasswordLength)
	}
	if !passwordComplex(password) {
		return wazuhError(CodePasswordComplexity)
	}
	return nil
}

func passwordComplex(password string) bool {
	line := password
	if l := len(line); l > 0 && line[l-1] == '\n' {
		line = line[:l-1] // "$" also matches before a final newline
	}
	var lower, upper, digit, other bool
	count := 0
	for _, r := range line {
		if r == '\n' {
			return false // "." never crosses a newline
		}
		count++
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		default:
			if r >= '0' && r <= '9' || unicode.Is(unicode.Nd, r) {
				digit = true
			}
			if !(r >= '0' && r <= '9') {
				other = true
			}
		}
	}
	return count >= MinPasswordLength && lower && upper && digit && other
}
