package wazuhdb

// mitreCreate creates an empty var/db/mitre.db with the tables the
// framework's mitre module reads (the layout of Wazuh's SQLAlchemy-built
// mitre.db: metadata db_version 1, mitre_version 2.0). Wazuh ships the data;
// an embedded root starts with empty tables.
func mitreCreate() []string {
	const (
		object = `(
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    description VARCHAR,
    created_time DATETIME,
    modified_time DATETIME,
    mitre_version VARCHAR,
    revoked_by VARCHAR,
    deprecated BOOLEAN,
    PRIMARY KEY (id),
    CHECK (deprecated IN (0, 1))
)`
		named = `(
    id VARCHAR NOT NULL,
    %[2]s VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    PRIMARY KEY (id, %[2]s)
)`
		techAttr = `(
    id VARCHAR NOT NULL,
    %[2]s VARCHAR NOT NULL,
    PRIMARY KEY (id, %[2]s),
    FOREIGN KEY(id) REFERENCES technique (id) ON DELETE CASCADE
)`
	)
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS metadata ("key" VARCHAR NOT NULL, value VARCHAR NOT NULL, PRIMARY KEY ("key"))`,
		`CREATE TABLE IF NOT EXISTS technique (
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    description VARCHAR,
    created_time DATETIME,
    modified_time DATETIME,
    mitre_version VARCHAR,
    mitre_detection VARCHAR,
    network_requirements BOOLEAN,
    remote_support BOOLEAN,
    revoked_by VARCHAR,
    deprecated BOOLEAN,
    subtechnique_of VARCHAR,
    PRIMARY KEY (id),
    CHECK (network_requirements IN (0, 1)),
    CHECK (remote_support IN (0, 1)),
    CHECK (deprecated IN (0, 1))
)`,
		`CREATE TABLE IF NOT EXISTS "group" ` + object,
		`CREATE TABLE IF NOT EXISTS software ` + object,
		`CREATE TABLE IF NOT EXISTS mitigation ` + object,
		`CREATE TABLE IF NOT EXISTS tactic (
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    description VARCHAR,
    created_time DATETIME,
    modified_time DATETIME,
    short_name VARCHAR,
    PRIMARY KEY (id)
)`,
		`CREATE TABLE IF NOT EXISTS reference (
    id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    external_id VARCHAR,
    url VARCHAR NOT NULL,
    description VARCHAR,
    type VARCHAR NOT NULL,
    PRIMARY KEY (id, source, url)
)`,
		`CREATE TABLE IF NOT EXISTS use (
    id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    source_type VARCHAR NOT NULL,
    target_id VARCHAR NOT NULL,
    target_type VARCHAR NOT NULL,
    description VARCHAR,
    created_time DATETIME,
    modified_time DATETIME,
    PRIMARY KEY (id)
)`,
		`CREATE TABLE IF NOT EXISTS mitigate (
    id VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    target_id VARCHAR NOT NULL,
    description VARCHAR,
    created_time DATETIME,
    modified_time DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(source_id) REFERENCES mitigation (id),
    FOREIGN KEY(target_id) REFERENCES technique (id)
)`,
		`CREATE TABLE IF NOT EXISTS phase (
    tactic_id VARCHAR NOT NULL,
    tech_id VARCHAR NOT NULL,
    PRIMARY KEY (tactic_id, tech_id),
    FOREIGN KEY(tactic_id) REFERENCES tactic (id) ON DELETE CASCADE,
    FOREIGN KEY(tech_id) REFERENCES technique (id) ON DELETE CASCADE
)`,
	}
	for _, t := range [][2]string{{"alias", "alias"}, {"contributor", "contributor"}, {"platform", "platform"}} {
		stmts = append(stmts, sprintfTable2("CREATE TABLE IF NOT EXISTS %[1]s "+named, t[0], t[1]))
	}
	for _, t := range [][2]string{
		{"data_source", "source"}, {"defense_bypassed", "defense"},
		{"effective_permission", "permission"}, {"impact", "impact"},
		{"permission", "permission"}, {"system_requirement", "requirement"},
	} {
		stmts = append(stmts, sprintfTable2("CREATE TABLE IF NOT EXISTS %[1]s "+techAttr, t[0], t[1]))
	}
	return append(stmts,
		"INSERT OR IGNORE INTO metadata VALUES ('db_version', '1')",
		"INSERT OR IGNORE INTO metadata VALUES ('mitre_version', '2.0')",
	)
}
