package wazuhdb_test

import (
	"context"
	"testing"

	"github.com/wazuh-go/server/host/wazuhdb"
	"github.com/wazuh-go/server/host/wdb"
)

func TestSmoke(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	s, err := wazuhdb.Start(ctx, root)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := wdb.New(s.SocketPath())
	defer c.Close()
	for _, cmd := range []string{
		"global sql SELECT * FROM agent",
		`global insert-agent {"id":1,"name":"a1","ip":"any","register_ip":"any","internal_key":"k","date_add":1700000000}`,
		`global set-agent-groups {"mode":"append","sync_status":"syncreq","data":[{"id":1,"groups":["default","g1"]}]}`,
		"global get-agent-info 1",
		"global get-all-agents last_id 0",
		"global get-group-agents g1 last_id 0",
		`global sync-agent-groups-get {"condition":"sync_status","set_synced":true,"get_global_hash":true}`,
		"global get-groups-integrity 0123456789012345678901234567890123456789",
		"agent 1 sql SELECT * FROM scan_info",
		"agent 2 sql SELECT 1",
		"agent x sql SELECT 1",
		"global sql SELECT 1; SELECT 2",
		"global sql DROP TABLE agent",
		"global sql SELECT * FROM nope",
		"mitre sql SELECT * FROM metadata",
		"task sql SELECT * FROM METADATA",
		"wazuhdb remove 1 2 x",
		"foo bar",
	} {
		st, p, err := c.Exec(ctx, cmd)
		t.Logf("%s\n  -> %s %s %v", cmd, st, p, err)
	}
}
