package query

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

var (
	// ErrArgCount is wrapped by Inline when placeholders and arguments
	// differ.
	ErrArgCount = errors.New("query: placeholder and argument counts differ")
	// ErrUnsupportedArg is wrapped by Inline for an argument of unknown type.
	ErrUnsupportedArg = errors.New("query: unsupported argument type")
)

// Inline substitutes args into sql as SQL literals, for wazuh-db's text
// `sql` command which takes no bound parameters (Wazuh's
// _substitute_params). Strings become '…' with quotes doubled, integers
// and floats are bare, nil is NULL, booleans are 1/0. Placeholders inside
// quoted literals or identifiers are left alone.
func Inline(sql string, args []any) (string, error) {
	var b strings.Builder
	b.Grow(len(sql) + 16*len(args))
	n := 0
	var quote byte
	for i := 0; i < len(sql); i++ {
		ch := sql[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '?':
			if n >= len(args) {
				return "", fmt.Errorf("more than %d placeholders: %w", len(args), ErrArgCount)
			}
			lit, err := sqlLiteral(args[n])
			if err != nil {
				return "", err
			}
			b.WriteString(lit)
			n++
			continue
		}
		b.WriteByte(ch)
	}
	if n != len(args) {
		return "", fmt.Errorf("%d placeholders for %d arguments: %w", n, len(args), ErrArgCount)
	}
	return b.String(), nil
}

// sqlLiteral renders one argument as a SQL literal.
func sqlLiteral(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'", nil
	case bool:
		if x {
			return "1", nil
		}
		return "0", nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return "", fmt.Errorf("non-finite float %v: %w", x, ErrUnsupportedArg)
		}
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	}
	return "", fmt.Errorf("%T: %w", v, ErrUnsupportedArg)
}

// placeholders counts the `?` outside quoted literals and identifiers.
func placeholders(sql string) int {
	n := 0
	var quote byte
	for i := 0; i < len(sql); i++ {
		ch := sql[i]
		switch {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '?':
			n++
		}
	}
	return n
}
