package wazuhdb

// GlobalSchemaVersion is the global.db schema version of Wazuh 4.14
// (metadata.db_version).
const GlobalSchemaVersion = 7

// globalAgentDDL is the v7 agent table. It is a format string: %s is the
// table name, so the upgrade can build the new table beside the old one.
const globalAgentDDL = `CREATE TABLE IF NOT EXISTS %s (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    ip TEXT,
    register_ip TEXT,
    internal_key TEXT,
    os_name TEXT,
    os_version TEXT,
    os_major TEXT,
    os_minor TEXT,
    os_codename TEXT,
    os_build TEXT,
    os_platform TEXT,
    os_uname TEXT,
    os_arch TEXT,
    version TEXT,
    config_sum TEXT,
    merged_sum TEXT,
    manager_host TEXT,
    node_name TEXT DEFAULT 'unknown',
    date_add INTEGER NOT NULL,
    last_keepalive INTEGER,
    ` + "`group`" + ` TEXT DEFAULT 'default',
    group_hash TEXT DEFAULT NULL,
    group_sync_status TEXT NOT NULL CHECK (group_sync_status IN ('synced', 'syncreq')) DEFAULT 'synced',
    sync_status TEXT NOT NULL CHECK (sync_status IN ('synced', 'syncreq', 'syncreq_status', 'syncreq_keepalive')) DEFAULT 'synced',
    connection_status TEXT NOT NULL CHECK (connection_status IN ('pending', 'never_connected', 'active', 'disconnected')) DEFAULT 'never_connected',
    disconnection_time INTEGER DEFAULT 0,
    group_config_status TEXT NOT NULL CHECK (group_config_status IN ('synced', 'not synced')) DEFAULT 'not synced',
    status_code INTEGER DEFAULT 0
)`

// globalAgentColumns lists the v7 agent columns in table order.
var globalAgentColumns = []string{
	"id", "name", "ip", "register_ip", "internal_key", "os_name", "os_version",
	"os_major", "os_minor", "os_codename", "os_build", "os_platform", "os_uname",
	"os_arch", "version", "config_sum", "merged_sum", "manager_host", "node_name",
	"date_add", "last_keepalive", "group", "group_hash", "group_sync_status",
	"sync_status", "connection_status", "disconnection_time",
	"group_config_status", "status_code",
}

const globalLabelsDDL = `CREATE TABLE IF NOT EXISTS %s (
    id INTEGER REFERENCES agent (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (id,key)
)`

const globalGroupDDL = "CREATE TABLE IF NOT EXISTS %s (\n" +
	"    id INTEGER PRIMARY KEY AUTOINCREMENT,\n" +
	"    name TEXT,\n" +
	"    UNIQUE (name)\n" +
	")"

const globalBelongsDDL = "CREATE TABLE IF NOT EXISTS %s (\n" +
	"    id_agent INTEGER REFERENCES agent (id) ON DELETE CASCADE,\n" +
	"    id_group INTEGER REFERENCES `group` (id) ON DELETE CASCADE,\n" +
	"    priority INTEGER NOT NULL DEFAULT 0,\n" +
	"    UNIQUE (id_agent, priority),\n" +
	"    PRIMARY KEY (id_agent, id_group)\n" +
	")"

// globalIndexes are the v7 indexes; they are (re)created after every table
// rebuild.
var globalIndexes = []string{
	"CREATE INDEX IF NOT EXISTS agent_name ON agent (name)",
	"CREATE INDEX IF NOT EXISTS agent_ip ON agent (ip)",
	"CREATE INDEX IF NOT EXISTS agent_group_hash ON agent (group_hash)",
	"CREATE INDEX IF NOT EXISTS group_name ON `group` (name)",
	"CREATE INDEX IF NOT EXISTS belongs_id_agent ON belongs (id_agent)",
	"CREATE INDEX IF NOT EXISTS belongs_id_group ON belongs (id_group)",
}

// globalCreate creates an empty v7 global.db, including the manager row
// (agent 000) exactly as schema_global.sql inserts it.
func globalCreate() []string {
	stmts := []string{
		sprintfTable(globalAgentDDL, "agent"),
		sprintfTable(globalLabelsDDL, "labels"),
		"CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT)",
		sprintfTable(globalGroupDDL, "`group`"),
		sprintfTable(globalBelongsDDL, "belongs"),
		"CREATE TABLE IF NOT EXISTS metadata (key TEXT PRIMARY KEY, value TEXT)",
	}
	stmts = append(stmts, globalIndexes...)
	return append(stmts,
		"INSERT INTO agent (id, ip, register_ip, name, date_add, last_keepalive, `group`, connection_status) "+
			"VALUES (0, '127.0.0.1', '127.0.0.1', 'localhost', strftime('%s','now'), 253402300799, NULL, 'active')",
		"INSERT INTO metadata (key, value) VALUES ('db_version', '7')",
	)
}
