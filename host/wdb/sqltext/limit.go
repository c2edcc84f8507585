package sqltext

import (
	"strconv"
	"strings"
)

// Paging is a statement split from its trailing LIMIT/OFFSET clause.
type Paging struct {
	// Base is the statement without the clause (and without a trailing ';').
	Base string
	// Limit is the row limit; negative means none. Without a LIMIT clause
	// it is -1.
	Limit int64
	// Offset is the number of rows skipped.
	Offset int64
	// HasLimit reports whether the statement had a LIMIT clause.
	HasLimit bool
}

// SplitLimit splits a trailing top-level "LIMIT n [OFFSET m]" (or SQLite's
// "LIMIT m, n") with integer literals off stmt. ok is false when the
// statement ends with a LIMIT clause it cannot read (expressions, bound
// parameters), in which case it must be sent as written.
func SplitLimit(stmt string) (p Paging, ok bool) {
	stmt = strings.TrimSpace(stmt)
	for strings.HasSuffix(stmt, ";") {
		stmt = strings.TrimSpace(strings.TrimSuffix(stmt, ";"))
	}
	toks, err := topLevelTokens(stmt)
	if err != nil {
		return Paging{}, false
	}
	at := -1
	for i, t := range toks {
		if strings.EqualFold(t.Text, "LIMIT") {
			at = i
		}
	}
	if at < 0 {
		return Paging{Base: stmt, Limit: -1}, true
	}
	nums, ok := parseLimitTail(toks[at+1:])
	if !ok {
		return Paging{}, false
	}
	p = Paging{Base: strings.TrimSpace(stmt[:toks[at].Pos]), HasLimit: true, Limit: nums[0]}
	if len(nums) == 3 { // LIMIT n OFFSET m
		p.Offset = nums[2]
	} else if len(nums) == 2 { // LIMIT m, n
		p.Offset, p.Limit = nums[0], nums[1]
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p, true
}

// parseLimitTail reads "n", "n OFFSET m" or "m , n" token lists. The result
// has one number, three (n, marker, m) or two (m, n).
func parseLimitTail(toks []Token) ([]int64, bool) {
	var out []int64
	i := 0
	num := func() bool {
		neg := false
		if i < len(toks) && (toks[i].Text == "-" || toks[i].Text == "+") {
			neg = toks[i].Text == "-"
			i++
		}
		if i >= len(toks) {
			return false
		}
		n, err := strconv.ParseInt(toks[i].Text, 10, 64)
		if err != nil {
			return false
		}
		if neg {
			n = -n
		}
		out = append(out, n)
		i++
		return true
	}
	if !num() {
		return nil, false
	}
	switch {
	case i == len(toks):
		return out, true
	case strings.EqualFold(toks[i].Text, "OFFSET"):
		i++
		out = append(out, 0)
		if !num() || i != len(toks) {
			return nil, false
		}
		return out, true
	case toks[i].Text == ",":
		i++
		if !num() || i != len(toks) {
			return nil, false
		}
		return out, true
	}
	return nil, false
}

// topLevelTokens returns the tokens outside parentheses.
func topLevelTokens(stmt string) ([]Token, error) {
	s := Scanner{src: stmt}
	var out []Token
	depth := 0
	for {
		t, err := s.Next()
		if err != nil {
			return nil, err
		}
		switch t.Text {
		case "":
			return out, nil
		case "(":
			depth++
		case ")":
			depth--
		default:
			if depth == 0 {
				out = append(out, t)
			}
		}
	}
}

// WithLimit returns base followed by " limit n offset m", the form the
// Python framework sends (with a newline instead of the space when base
// ends in a "--" comment, which would otherwise swallow the clause).
func WithLimit(base string, limit, offset int64) string {
	return base + clauseSep(base) + "limit " + strconv.FormatInt(limit, 10) + " offset " + strconv.FormatInt(offset, 10)
}

// AppendLimit is WithLimit with upper-case keywords, for SQL the embedded
// server rewrites.
func AppendLimit(base string, limit, offset int64) string {
	return base + clauseSep(base) + "LIMIT " + strconv.FormatInt(limit, 10) + " OFFSET " + strconv.FormatInt(offset, 10)
}

// clauseSep is the separator to put before a clause appended to base.
func clauseSep(base string) string {
	last := base
	if i := strings.LastIndexByte(base, '\n'); i >= 0 {
		last = base[i+1:]
	}
	if strings.Contains(last, "--") {
		return "\n"
	}
	return " "
}
