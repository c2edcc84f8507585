package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// wdb wraps the host's wazuh-db calls with the module's conventions:
// statements are built with `?` placeholders and inlined for wazuh-db's
// text protocol (which lower-cases everything outside single quotes).
type wdb struct {
	host sdk.Host
}

// sql inlines args into stmt and prefixes the target ("global", "task").
func sqlCommand(target, stmt string, args []any) (string, error) {
	s, err := query.Inline(stmt, args)
	if err != nil {
		return "", fmt.Errorf("agent: build %s query: %w", target, err)
	}
	return target + " sql " + s, nil
}

// rows runs a query and decodes its rows (numbers as json.Number).
func (w wdb) rows(ctx context.Context, target, stmt string, args ...any) ([]map[string]any, error) {
	cmd, err := sqlCommand(target, stmt, args)
	if err != nil {
		return nil, err
	}
	raw, err := w.host.QueryWDB(ctx, cmd)
	if err != nil {
		return nil, fmt.Errorf("agent: wazuh-db: %w", err)
	}
	return decodeRows(raw)
}

// decodeRows decodes a wazuh-db JSON array of row objects.
func decodeRows(raw []byte) ([]map[string]any, error) {
	var out []map[string]any
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("%w: %w", errBadRows, err)
	}
	return out, nil
}

// count runs a single-value query (SELECT COUNT(*) ...) and returns the
// value of its first column.
func (w wdb) count(ctx context.Context, target, stmt string, args ...any) (int, error) {
	rows, err := w.rows(ctx, target, stmt, args...)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 {
		return 0, nil
	}
	for _, v := range rows[0] {
		return toInt(v), nil
	}
	return 0, nil
}

// exec sends a non-sql command (set-agent-groups, delete-group...).
func (w wdb) exec(ctx context.Context, command string) (json.RawMessage, error) {
	out, err := w.host.QueryWDB(ctx, command)
	if err != nil {
		return nil, fmt.Errorf("agent: wazuh-db %q: %w", firstWords(command), err)
	}
	return out, nil
}

func firstWords(cmd string) string {
	if len(cmd) > 40 {
		return cmd[:40] + "..."
	}
	return cmd
}

// toInt converts a decoded JSON number (or numeric string) to int.
func toInt(v any) int {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return int(f)
	case float64:
		return int(x)
	case int:
		return x
	case string:
		n, _ := strconv.Atoi(x)
		return n
	}
	return 0
}

// str returns a decoded string value ("" when absent).
func str(v any) string {
	s, _ := v.(string)
	return s
}

// agentIDs converts agent id strings to ints for SQL.
func agentIDs(ids []string) []any {
	out := make([]any, 0, len(ids))
	for _, id := range ids {
		if n, err := strconv.Atoi(id); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// fmtID zero-pads an agent id to three digits.
func fmtID(n int) string {
	return fmt.Sprintf("%03d", n)
}
