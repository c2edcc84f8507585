package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/wazuh-go/server/host/wdb"
)

// wdbCommand sends one command to the embedded wazuh-db of the host serving
// root, through its socket, and returns the reply ("ok …", "err …").
func wdbCommand(t *testing.T, root, command string) string {
	t.Helper()
	c := wdb.New(filepath.Join(root, "queue", "db", "wdb"))
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	status, payload, err := c.Exec(ctx, command)
	if err != nil {
		t.Fatalf("wazuh-db %q: %v", command, err)
	}
	if len(payload) == 0 {
		return status
	}
	return status + " " + string(payload)
}
