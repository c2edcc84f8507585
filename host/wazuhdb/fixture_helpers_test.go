package wazuhdb

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fixtureDir is the reference fixtures directory, next to the repository
// (../shared from the repository top).
const fixtureDir = "../../../shared/reference/wazuh-4.14/fixtures"

// fixture returns the path of a fixture file, skipping the test when the
// reference material is not present.
func fixture(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(fixtureDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("reference fixture %s not available: %v", name, err)
	}
	return p
}

// copyFile copies a fixture into the test root (fixtures are read-only).
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o640)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// loadSQL runs a fixture SQL script into a new database file at dst, the
// way the framework's tests load them into SQLite. A transaction the script
// leaves open is committed.
func loadSQL(t *testing.T, script, dst string) {
	t.Helper()
	text, err := os.ReadFile(script)
	if err != nil {
		t.Fatal(err)
	}
	sqlText := string(text)
	if strings.Contains(sqlText, "BEGIN TRANSACTION") && !strings.Contains(sqlText, "COMMIT") {
		sqlText += "\nCOMMIT;"
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dst)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), sqlText); err != nil {
		t.Fatalf("load %s: %v", script, err)
	}
}

// rowsOf decodes an "ok [rows]" payload.
func rowsOf(t *testing.T, payload string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	if err := json.Unmarshal([]byte(payload), &rows); err != nil {
		t.Fatalf("decode %.100s: %v", payload, err)
	}
	return rows
}

// countBy counts rows per value of key ("<nil>" for missing keys).
func countBy(rows []map[string]any, key string) map[string]int {
	out := map[string]int{}
	for _, r := range rows {
		v, ok := r[key]
		if !ok {
			out["<nil>"]++
			continue
		}
		switch x := v.(type) {
		case string:
			out[x]++
		case float64:
			out[strconv.FormatFloat(x, 'f', -1, 64)]++
		}
	}
	return out
}

// readAgentGroups parses the integration agent_groups.yaml ("agent_ids:"
// then "  N:" keys with "    - \"group\"" items).
func readAgentGroups(t *testing.T, path string) map[int][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[int][]string{}
	cur := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, "- "):
			out[cur] = append(out[cur], strings.Trim(strings.TrimPrefix(line, "- "), `"'`))
		case strings.HasSuffix(line, ":"):
			if n, err := strconv.Atoi(strings.TrimSuffix(line, ":")); err == nil {
				cur = n
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
