package sdk

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
	"unicode"
)

// sortIDs orders the ids of one failed_items group as Wazuh's results.py
// does: numerically (sorted(ids, key=int)) when every id parses with
// Python's int(), else lexically. int() accepts surrounding whitespace, a
// sign and single underscores between digits, but no fraction, exponent,
// "inf" or "nan": group names such as "1e5" or "nan" sort lexically.
func sortIDs(ids []any) {
	nums := make([]*big.Int, len(ids))
	for i, id := range ids {
		n, ok := pyIntOf(id)
		if !ok {
			sort.SliceStable(ids, func(a, b int) bool { return fmt.Sprint(ids[a]) < fmt.Sprint(ids[b]) })
			return
		}
		nums[i] = n
	}
	idx := make([]int, len(ids))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return nums[idx[a]].Cmp(nums[idx[b]]) < 0 })
	sorted := make([]any, len(ids))
	for i, k := range idx {
		sorted[i] = ids[k]
	}
	copy(ids, sorted)
}

// pyIntOf is Python's int(id) for the id types results carry: Go integers,
// and strings parsed as int(str) does with ASCII digits.
func pyIntOf(id any) (*big.Int, bool) {
	switch v := id.(type) {
	case int:
		return big.NewInt(int64(v)), true
	case int32:
		return big.NewInt(int64(v)), true
	case int64:
		return big.NewInt(v), true
	case uint64:
		return new(big.Int).SetUint64(v), true
	case string:
		return pyIntString(v)
	}
	return nil, false
}

// pyIntString parses s like int(s): optional whitespace, an optional sign,
// then digits where a single "_" may separate two digits.
func pyIntString(s string) (*big.Int, bool) {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f) })
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' || strings.Contains(s, "__") {
		return nil, false
	}
	digits := strings.ReplaceAll(s, "_", "")
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return nil, false
		}
	}
	n, ok := new(big.Int).SetString(digits, 10)
	if ok && neg {
		n.Neg(n)
	}
	return n, ok
}
