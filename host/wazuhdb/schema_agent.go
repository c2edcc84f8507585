package wazuhdb

// AgentSchemaVersion is the per-agent database schema version of Wazuh 4.14.
const AgentSchemaVersion = 16

// agentCreate creates an empty queue/db/NNN.db (schema v16): FIM, rootcheck,
// syscollector, SCA, CIS-CAT and sync tables, then the seeded metadata,
// scan_info and sync_info rows.
func agentCreate() []string {
	stmts := append(agentCoreTables(), agentSyscollectorTables()...)
	return append(stmts, agentSeedRows()...)
}

// agentCoreTables are the FIM, rootcheck, SCA, CIS-CAT, scan and sync tables.
func agentCoreTables() []string {
	return []string{
		`CREATE TABLE IF NOT EXISTS fim_entry (
    full_path TEXT NOT NULL PRIMARY KEY,
    file TEXT,
    type TEXT NOT NULL CHECK (type IN ('file', 'registry_key', 'registry_value')),
    date INTEGER NOT NULL DEFAULT (strftime('%s', 'now')),
    changes INTEGER NOT NULL DEFAULT 1,
    arch TEXT CHECK (arch IN (NULL, '[x64]', '[x32]')),
    value_name TEXT,
    value_type TEXT,
    size INTEGER,
    perm TEXT,
    uid TEXT,
    gid TEXT,
    md5 TEXT,
    sha1 TEXT,
    uname TEXT,
    gname TEXT,
    mtime INTEGER,
    inode INTEGER,
    sha256 TEXT,
    attributes TEXT,
    symbolic_path TEXT,
    checksum TEXT
)`,
		`CREATE INDEX IF NOT EXISTS fim_full_path_index ON fim_entry (full_path)`,
		`CREATE INDEX IF NOT EXISTS fim_file_index ON fim_entry (file)`,
		`CREATE INDEX IF NOT EXISTS fim_date_index ON fim_entry (date)`,
		`CREATE INDEX IF NOT EXISTS fim_type_full_path_index ON fim_entry (type, full_path)`,
		`CREATE INDEX IF NOT EXISTS fim_type_file_index ON fim_entry (type, file)`,
		`CREATE INDEX IF NOT EXISTS fim_type_full_path_checksum_index ON fim_entry(type,full_path,checksum)`,
		`CREATE INDEX IF NOT EXISTS fim_type_file_checksum_index ON fim_entry(type,file,checksum)`,
		`CREATE TABLE IF NOT EXISTS pm_event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    date_first INTEGER,
    date_last INTEGER,
    log TEXT,
    pci_dss TEXT,
    cis TEXT
)`,
		`CREATE INDEX IF NOT EXISTS pm_event_log ON pm_event (log)`,
		`CREATE INDEX IF NOT EXISTS pm_event_date ON pm_event (date_last)`,
		`CREATE TABLE IF NOT EXISTS ciscat_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scan_id INTEGER,
    scan_time TEXT,
    benchmark TEXT,
    profile TEXT,
    pass INTEGER,
    fail INTEGER,
    error INTEGER,
    notchecked INTEGER,
    unknown INTEGER,
    score INTEGER
)`,
		`CREATE INDEX IF NOT EXISTS ciscat_id ON ciscat_results (scan_id)`,
		`CREATE TABLE IF NOT EXISTS metadata (
    key TEXT PRIMARY KEY,
    value TEXT
)`,
		`CREATE TABLE IF NOT EXISTS scan_info (
    module TEXT PRIMARY KEY,
    first_start INTEGER DEFAULT 0,
    first_end INTEGER DEFAULT 0,
    start_scan INTEGER DEFAULT 0,
    end_scan INTEGER DEFAULT 0,
    fim_first_check INTEGER DEFAULT 0,
    fim_second_check INTEGER DEFAULT 0,
    fim_third_check INTEGER DEFAULT 0
)`,
		`CREATE TABLE IF NOT EXISTS sca_policy (
    name TEXT,
    file TEXT,
    id TEXT,
    description TEXT,
    ` + "`" + `references` + "`" + ` TEXT,
    hash_file TEXT
)`,
		`CREATE TABLE IF NOT EXISTS sca_scan_info (
    id INTEGER PRIMARY KEY,
    start_scan INTEGER,
    end_scan INTEGER,
    policy_id TEXT REFERENCES sca_policy (id),
    pass INTEGER,
    fail INTEGER,
    invalid INTEGER,
    total_checks INTEGER,
    score INTEGER,
    hash TEXT
)`,
		`CREATE TABLE IF NOT EXISTS sca_check (
    scan_id INTEGER REFERENCES sca_scan_info (id),
    id INTEGER PRIMARY KEY,
    policy_id TEXT REFERENCES sca_policy (id),
    title TEXT,
    description TEXT,
    rationale TEXT,
    remediation TEXT,
    file TEXT,
    process TEXT,
    directory TEXT,
    registry TEXT,
    command TEXT,
    ` + "`" + `references` + "`" + ` TEXT,
    result TEXT,
    reason TEXT,
    condition TEXT
)`,
		`CREATE INDEX IF NOT EXISTS policy_id_index ON sca_check (policy_id)`,
		`CREATE TABLE IF NOT EXISTS sca_check_rules (
    id_check INTEGER REFERENCES sca_check (id),
    ` + "`" + `type` + "`" + ` TEXT,
    rule TEXT,
    PRIMARY KEY (id_check, ` + "`" + `type` + "`" + `, rule)
)`,
		`CREATE INDEX IF NOT EXISTS rules_id_check_index ON sca_check_rules (id_check)`,
		`CREATE TABLE IF NOT EXISTS sca_check_compliance (
    id_check INTEGER REFERENCES sca_check (id),
    ` + "`" + `key` + "`" + ` TEXT,
    ` + "`" + `value` + "`" + ` TEXT,
    PRIMARY KEY (id_check, ` + "`" + `key` + "`" + `, ` + "`" + `value` + "`" + `)
)`,
		`CREATE INDEX IF NOT EXISTS comp_id_check_index ON sca_check_compliance (id_check)`,
		`CREATE TABLE IF NOT EXISTS sync_info (
    component TEXT PRIMARY KEY,
    last_attempt INTEGER DEFAULT 0,
    last_completion INTEGER DEFAULT 0,
    n_attempts INTEGER DEFAULT 0,
    n_completions INTEGER DEFAULT 0,
    last_manager_checksum TEXT NOT NULL DEFAULT '',
    last_agent_checksum TEXT NOT NULL DEFAULT ''
)`,
	}
}

// agentSeedRows are the rows schema_agents.sql inserts.
func agentSeedRows() []string {
	return []string{
		`INSERT INTO metadata (key, value) VALUES ('db_version', '16')`,
		`INSERT INTO scan_info (module) VALUES ('fim')`,
		`INSERT INTO scan_info (module) VALUES ('syscollector')`,
		`INSERT INTO sync_info (component) VALUES ('fim')`,
		`INSERT INTO sync_info (component) VALUES ('fim_file')`,
		`INSERT INTO sync_info (component) VALUES ('fim_registry')`,
		`INSERT INTO sync_info (component) VALUES ('fim_registry_key')`,
		`INSERT INTO sync_info (component) VALUES ('fim_registry_value')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-processes')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-packages')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-hotfixes')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-ports')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-netproto')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-netaddress')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-netinfo')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-hwinfo')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-osinfo')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-users')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-groups')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-browser-extensions')`,
		`INSERT INTO sync_info (component) VALUES ('syscollector-services')`,
	}
}
