package wazuhdb

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// GenerateAgents inserts n realistic, Wazuh-shaped agents into db, a v7
// global.db (see OpenGlobalDB): names, IPs, registration keys, OS fields,
// agent versions, cluster nodes, connection statuses with consistent
// keepalive/disconnection dates, and group memberships (belongs rows,
// `group` CSV and group_hash kept in sync as wazuh-db keeps them). Ids
// continue after the highest existing id. Everything is written in one
// transaction, so 100,000 agents take a few seconds. The data is
// deterministic for a given n apart from dates, which are relative to now.
func GenerateAgents(ctx context.Context, db *sql.DB, n int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("wazuhdb: generate: begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	g, err := newGenerator(ctx, tx)
	if err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := g.agent(ctx); err != nil {
			return err
		}
	}
	if err := g.agents.flush(ctx); err != nil {
		return fmt.Errorf("wazuhdb: generate agents: %w", err)
	}
	if err := g.belongs.flush(ctx); err != nil {
		return fmt.Errorf("wazuhdb: generate groups: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("wazuhdb: generate: commit: %w", err)
	}
	return nil
}

// GenerateGlobalDB creates (or upgrades) the global.db at path and adds n
// generated agents to it. The file can then be served by an embedded server
// whose root holds it at queue/db/global.db.
func GenerateGlobalDB(ctx context.Context, path string, n int) error {
	db, err := OpenGlobalDB(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	return GenerateAgents(ctx, db, n)
}

// generator holds the prepared statements and random source of one run.
type generator struct {
	rng     *rand.Rand
	now     int64
	nextID  int64
	groups  map[string]int64
	agents  batch
	belongs batch
	osTotal int
	vTotal  int
}

func newGenerator(ctx context.Context, tx *sql.Tx) (*generator, error) {
	g := &generator{now: time.Now().Unix(), groups: map[string]int64{}}
	var maxID sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT max(id) FROM agent").Scan(&maxID); err != nil {
		return nil, fmt.Errorf("wazuhdb: generate: %w", err)
	}
	g.nextID = maxID.Int64 + 1
	g.rng = rand.New(rand.NewPCG(uint64(g.nextID), 0x5eed))
	for _, name := range generatedGroups {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO `group` (name) VALUES (?)", name); err != nil {
			return nil, fmt.Errorf("wazuhdb: generate: group %s: %w", name, err)
		}
		var id int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM `group` WHERE name = ?", name).Scan(&id); err != nil {
			return nil, fmt.Errorf("wazuhdb: generate: group %s: %w", name, err)
		}
		g.groups[name] = id
	}
	g.agents = batch{tx: tx, head: "INSERT INTO agent (id, name, ip, register_ip, internal_key, os_name, os_version, os_major, os_minor, os_codename, os_build, os_platform, os_uname, os_arch, version, config_sum, merged_sum, manager_host, node_name, date_add, last_keepalive, `group`, group_hash, group_sync_status, sync_status, connection_status, disconnection_time, group_config_status, status_code) VALUES ", cols: 29, rows: 10}
	// belongs rows are flushed right after their agents (foreign keys).
	g.belongs = batch{tx: tx, head: "INSERT INTO belongs (id_agent, id_group, priority) VALUES ", cols: 3, rows: 1 << 30}
	for _, p := range osProfiles {
		g.osTotal += p.weight
	}
	for _, v := range agentVersions {
		g.vTotal += v.weight
	}
	return g, nil
}

// agent inserts one generated agent and its group memberships.
func (g *generator) agent(ctx context.Context) error {
	id := g.nextID
	g.nextID++
	a := g.draw(id)
	for prio, name := range a.groups {
		if err := g.belongs.add(ctx, id, g.groups[name], prio); err != nil {
			return fmt.Errorf("wazuhdb: generate agent %d groups: %w", id, err)
		}
	}
	if err := g.agents.add(ctx, a.values()...); err != nil {
		return fmt.Errorf("wazuhdb: generate agent %d: %w", id, err)
	}
	if g.agents.n == 0 {
		if err := g.belongs.flush(ctx); err != nil {
			return fmt.Errorf("wazuhdb: generate agent %d groups: %w", id, err)
		}
	}
	return nil
}

// genAgent is one generated agent row.
type genAgent struct {
	id                                 int64
	name, ip, registerIP, key          string
	os                                 *osProfile
	version, configSum, mergedSum      string
	node, status, groupConfig          string
	dateAdd, keepalive, disconnectedAt int64
	groups                             []string
}

func (g *generator) draw(id int64) genAgent {
	r := g.rng
	os := g.pickOS()
	role := hostRoles[r.IntN(len(hostRoles))]
	env := hostEnvs[r.IntN(len(hostEnvs))]
	a := genAgent{id: id, os: os, dateAdd: g.now - int64(r.IntN(730*86400)) - 3600}
	a.name = hostName(os.family, role, env, id)
	a.ip = fmt.Sprintf("10.%d.%d.%d", (id>>16)&255, (id>>8)&255, id&255)
	a.registerIP = "any"
	if r.IntN(4) == 0 {
		a.registerIP = a.ip
	}
	key := sha256.Sum256([]byte("wazuh-go agent key " + strconv.FormatInt(id, 10)))
	a.key = hex.EncodeToString(key[:])
	switch p := r.IntN(100); {
	case p < 72:
		a.status, a.keepalive = "active", g.now-int64(r.IntN(60))
	case p < 86:
		a.status, a.keepalive = "disconnected", g.now-3600-int64(r.IntN(30*86400))
		a.disconnectedAt = a.keepalive + 900
	case p < 95:
		a.status = "never_connected"
	default:
		a.status, a.keepalive = "pending", g.now-int64(r.IntN(30))
	}
	if a.status != "never_connected" {
		a.version = g.pickVersion()
		a.node = cluster[r.IntN(len(cluster))]
		sum := md5.Sum([]byte(a.name + a.version))
		a.configSum = hex.EncodeToString(sum[:])
	} else {
		a.node = "unknown"
	}
	if a.status == "never_connected" && r.IntN(2) == 0 {
		return a // registered without groups: `group` NULL, no belongs rows
	}
	a.groups = append(a.groups, "default")
	if r.IntN(10) < 7 {
		a.groups = append(a.groups, os.family)
	}
	if gname, ok := roleGroups[role]; ok && r.IntN(10) < 6 {
		a.groups = append(a.groups, gname)
	}
	if gname, ok := envGroups[env]; ok && r.IntN(2) == 0 {
		a.groups = append(a.groups, gname)
	}
	if a.status == "active" {
		a.groupConfig = "synced"
		sum := md5.Sum([]byte(strings.Join(a.groups, ",")))
		a.mergedSum = hex.EncodeToString(sum[:])
	}
	return a
}

func (g *generator) pickOS() *osProfile {
	n := g.rng.IntN(g.osTotal)
	for i := range osProfiles {
		if n < osProfiles[i].weight {
			return &osProfiles[i]
		}
		n -= osProfiles[i].weight
	}
	return &osProfiles[0]
}

func (g *generator) pickVersion() string {
	n := g.rng.IntN(g.vTotal)
	for _, v := range agentVersions {
		if n < v.weight {
			return v.version
		}
		n -= v.weight
	}
	return agentVersions[0].version
}

func hostName(family, role, env string, id int64) string {
	switch family {
	case "windows":
		return fmt.Sprintf("WIN-%s-%s-%05d", strings.ToUpper(role), strings.ToUpper(env), id)
	case "macos":
		return fmt.Sprintf("mbp-%s-%05d", env, id)
	}
	return fmt.Sprintf("%s-%s-%05d", role, env, id)
}
