package rbac

import (
	"fmt"

	"gorm.io/gorm"
)

// SchemaVersion is the PRAGMA user_version Wazuh 4.14 stamps on rbac.db
// (orm.py CURRENT_ORM_VERSION).
const SchemaVersion = 1

// tableDDL is the schema SQLAlchemy emits for Wazuh's ORM models, table by
// table, in creation order (parents before children).
var tableDDL = []struct{ name, sql string }{
	{"users", `CREATE TABLE users (
	id INTEGER NOT NULL, 
	username VARCHAR(32) NOT NULL, 
	password VARCHAR(256) NOT NULL, 
	allow_run_as BOOLEAN NOT NULL, 
	created_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT username_restriction UNIQUE (username)
)`},
	{"roles", `CREATE TABLE roles (
	id INTEGER NOT NULL, 
	name VARCHAR(20) NOT NULL, 
	created_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT name_role UNIQUE (name), 
	CHECK (length(name) <= 64)
)`},
	{"rules", `CREATE TABLE rules (
	id INTEGER NOT NULL, 
	name VARCHAR(20) NOT NULL, 
	rule TEXT NOT NULL, 
	created_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT rule_name UNIQUE (name), 
	CONSTRAINT rule_definition UNIQUE (rule)
)`},
	{"policies", `CREATE TABLE policies (
	id INTEGER NOT NULL, 
	name VARCHAR(20) NOT NULL, 
	policy TEXT NOT NULL, 
	created_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT name_policy UNIQUE (name), 
	CONSTRAINT policy_definition UNIQUE (policy)
)`},
	{"users_token_blacklist", `CREATE TABLE users_token_blacklist (
	user_id INTEGER NOT NULL, 
	nbf_invalid_until INTEGER NOT NULL, 
	is_valid_until INTEGER NOT NULL, 
	PRIMARY KEY (user_id), 
	CONSTRAINT user_invalidation_rule UNIQUE (user_id)
)`},
	{"roles_token_blacklist", `CREATE TABLE roles_token_blacklist (
	role_id INTEGER NOT NULL, 
	nbf_invalid_until INTEGER NOT NULL, 
	is_valid_until INTEGER NOT NULL, 
	PRIMARY KEY (role_id), 
	CONSTRAINT role_invalidation_rule UNIQUE (role_id)
)`},
	{"runas_token_blacklist", `CREATE TABLE runas_token_blacklist (
	nbf_invalid_until INTEGER NOT NULL, 
	is_valid_until INTEGER NOT NULL, 
	PRIMARY KEY (nbf_invalid_until), 
	CONSTRAINT nbf_invalid_until_invalidation_rule UNIQUE (nbf_invalid_until)
)`},
	{"user_roles", `CREATE TABLE user_roles (
	id INTEGER NOT NULL, 
	user_id INTEGER, 
	role_id INTEGER, 
	level INTEGER, 
	created_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT user_role UNIQUE (user_id, role_id), 
	FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE, 
	FOREIGN KEY(role_id) REFERENCES roles (id) ON DELETE CASCADE
)`},
	{"roles_policies", `CREATE TABLE roles_policies (
	id INTEGER NOT NULL, 
	role_id INTEGER, 
	policy_id INTEGER, 
	level INTEGER, 
	created_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT role_policy UNIQUE (role_id, policy_id), 
	FOREIGN KEY(role_id) REFERENCES roles (id) ON DELETE CASCADE, 
	FOREIGN KEY(policy_id) REFERENCES policies (id) ON DELETE CASCADE
)`},
	{"roles_rules", `CREATE TABLE roles_rules (
	id INTEGER NOT NULL, 
	role_id INTEGER, 
	rule_id INTEGER, 
	created_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT role_rule UNIQUE (role_id, rule_id), 
	FOREIGN KEY(role_id) REFERENCES roles (id) ON DELETE CASCADE, 
	FOREIGN KEY(rule_id) REFERENCES rules (id) ON DELETE CASCADE
)`},
}

// ensureSchema creates the tables that are missing, never altering existing
// ones. fresh reports whether the database had none of them, in which case
// the caller seeds the defaults and stamps SchemaVersion.
func ensureSchema(db *gorm.DB) (fresh bool, err error) {
	have, err := existingTables(db)
	if err != nil {
		return false, err
	}
	fresh = true
	for _, t := range tableDDL {
		if have[t.name] {
			fresh = false
		}
	}
	for _, t := range tableDDL {
		if have[t.name] {
			continue
		}
		if err := db.Exec(t.sql).Error; err != nil {
			return false, fmt.Errorf("rbac: create table %s: %w", t.name, err)
		}
	}
	return fresh, nil
}

// existingTables returns which of Wazuh's RBAC tables exist.
func existingTables(db *gorm.DB) (map[string]bool, error) {
	var names []string
	if err := db.Raw(`SELECT name FROM sqlite_master WHERE type = 'table'`).Scan(&names).Error; err != nil {
		return nil, fmt.Errorf("rbac: list tables: %w", err)
	}
	have := map[string]bool{}
	for _, n := range names {
		for _, t := range tableDDL {
			if t.name == n {
				have[n] = true
			}
		}
	}
	return have, nil
}

// schemaVersion reads PRAGMA user_version.
func schemaVersion(db *gorm.DB) (int, error) {
	var v int
	if err := db.Raw(`PRAGMA user_version`).Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("rbac: read user_version: %w", err)
	}
	return v, nil
}
