package rbac

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestNewDatabaseSchema(t *testing.T) {
	s, _ := newTestStore(t)
	for _, tbl := range tableDDL {
		var sql string
		if err := s.db.Raw(`SELECT sql FROM sqlite_master WHERE type='table' AND name=?`, tbl.name).Scan(&sql).Error; err != nil {
			t.Fatal(err)
		}
		if sql != tbl.sql {
			t.Errorf("table %s:\n got %s\nwant %s", tbl.name, sql, tbl.sql)
		}
	}
	if v := must[int](t)(s.SchemaVersion(bg)); v != SchemaVersion {
		t.Fatalf("user_version = %d", v)
	}
	var fk int
	s.db.Raw(`PRAGMA foreign_keys`).Scan(&fk)
	if fk != 1 {
		t.Fatal("foreign keys are not enforced")
	}
}

func TestNewDatabaseFileMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rbac.db")
	copyFile(t, templateDB, path)
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{ScryptN: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != DBFileMode {
		t.Fatalf("mode %v", st.Mode().Perm())
	}
	if st, err := os.Stat(templateDB); err != nil || st.Mode().Perm() != DBFileMode {
		t.Fatalf("new database mode %v %v", st.Mode().Perm(), err)
	}
}

func TestDefaultUsersRolesRules(t *testing.T) {
	s, _ := newTestStore(t)
	users := must[Result[User]](t)(s.GetUsers(bg, nil))
	want := []User{
		{ID: 1, Username: "wazuh", AllowRunAs: true, Roles: []int{1}},
		{ID: 2, Username: "wazuh-wui", AllowRunAs: true, Roles: []int{1}},
	}
	for i := range users.Items {
		users.Items[i].CreatedAt = want[0].CreatedAt
	}
	if !reflect.DeepEqual(users.Items, want) {
		t.Fatalf("users = %+v", users.Items)
	}
	roles := must[Result[Role]](t)(s.GetRoles(bg, nil))
	names := []string{}
	for _, r := range roles.Items {
		names = append(names, r.Name)
	}
	if !reflect.DeepEqual(names, defaultRoles) || roles.Items[0].ID != 1 || roles.Items[6].ID != 7 {
		t.Fatalf("roles = %v", names)
	}
	wantPolicies := map[int][]int{
		1: {1, 2, 3, 6, 7, 8, 29, 30, 12, 14, 15, 18, 19, 21, 23, 24, 16, 25, 27, 28, 33, 34, 35},
		2: {4, 5, 12, 31, 32, 13, 17, 20, 22, 16, 25, 26, 28},
		3: {9, 10}, 4: {4, 5}, 5: {1, 2, 3}, 6: {31, 32}, 7: {29, 30},
	}
	for _, r := range roles.Items {
		if !reflect.DeepEqual(r.Policies, wantPolicies[r.ID]) {
			t.Errorf("role %d policies = %v, want %v", r.ID, r.Policies, wantPolicies[r.ID])
		}
	}
	if !reflect.DeepEqual(roles.Items[0].Rules, []int{1, 2}) || !reflect.DeepEqual(roles.Items[0].Users, []int{1, 2}) {
		t.Fatalf("administrator = %+v", roles.Items[0])
	}
	rules := must[Result[Rule]](t)(s.GetRules(bg, nil))
	if len(rules.Items) != 2 || rules.Items[0].Name != "wui_elastic_admin" ||
		string(rules.Items[0].Rule) != `{"FIND": {"username": "elastic"}}` ||
		string(rules.Items[1].Rule) != `{"FIND": {"user_name": "admin"}}` {
		t.Fatalf("rules = %+v", rules.Items)
	}
}

func TestDefaultPolicies(t *testing.T) {
	s, _ := newTestStore(t)
	res := must[Result[Policy]](t)(s.GetPolicies(bg, nil))
	wantNames := []string{
		"agents_all_resourceless", "agents_all_agents", "agents_all_groups", "agents_read_agents",
		"agents_read_groups", "agents_commands_agents", "security_all_resourceless", "security_all_security",
		"users_all_resourceless", "users_all_users", "users_modify_run_as_flag", "ciscat_read_ciscat",
		"decoders_read_decoders", "decoders_all_files", "decoders_all_resourceless", "mitre_read_mitre",
		"lists_read_rules", "lists_all_rules", "lists_all_resourceless", "rootcheck_read_rootcheck",
		"rootcheck_all_rootcheck", "rules_read_rules", "rules_all_files", "rules_all_resourceless",
		"sca_read_sca", "syscheck_read_syscheck", "syscheck_all_syscheck", "syscollector_read_syscollector",
		"cluster_all_resourceless", "cluster_all_nodes", "cluster_read_resourceless", "cluster_read_nodes",
		"logtest_all_logtest", "task_status_task", "events_ingest_resourceless",
	}
	if len(res.Items) != len(wantNames) {
		t.Fatalf("%d policies", len(res.Items))
	}
	for i, p := range res.Items {
		if p.ID != i+1 || p.Name != wantNames[i] {
			t.Errorf("policy %d = %d %s, want %s", i+1, p.ID, p.Name, wantNames[i])
		}
	}
	if got := string(res.Items[0].Policy); got != `{"actions": ["agent:create", "group:create", "agent:uninstall"], "resources": ["*:*:*"], "effect": "allow"}` {
		t.Errorf("policy 1 body %s", got)
	}
	if got := string(res.Items[31].Policy); got != `{"actions": ["cluster:read_api_config", "cluster:read", "cluster:read_api_config"], "resources": ["node:id:*"], "effect": "allow"}` {
		t.Errorf("policy 32 body %s", got)
	}
	if len(res.Items[10].Roles) != 0 {
		t.Errorf("users_modify_run_as_flag is linked to %v", res.Items[10].Roles)
	}
	if !reflect.DeepEqual(res.Items[1].Roles, []int{1, 5}) {
		t.Errorf("agents_all_agents roles %v", res.Items[1].Roles)
	}
	var body map[string]any
	if err := json.Unmarshal(res.Items[7].Policy, &body); err != nil {
		t.Fatal(err)
	}
}

func TestAttachedDatabaseIsNotReseeded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rbac.db")
	copyFile(t, templateDB, path)
	s, err := Open(path, Options{ScryptN: 16})
	if err != nil {
		t.Fatal(err)
	}
	mkUser(t, s, "keeper")
	if _, err := s.DeleteRoles(bg, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`DELETE FROM policies WHERE id = 11`).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`DROP TABLE runas_token_blacklist`).Error; err != nil {
		t.Fatal(err)
	}
	s.Close()

	s, err = Open(path, Options{ScryptN: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.GetUserByName(bg, "keeper"); err != nil {
		t.Fatalf("user lost: %v", err)
	}
	res := must[Result[Policy]](t)(s.GetPolicies(bg, []int{11}))
	wantFailed(t, res, 11, CodePolicyNotFound)
	if err := s.InvalidateRunAs(bg); err != nil {
		t.Fatalf("missing table not recreated: %v", err)
	}
}

// TestAttachWazuhCreatedDatabase builds a database the way Wazuh does (its
// DDL, rows inserted by SQL with werkzeug hashes generated by Python) and
// checks that it works unchanged.
func TestAttachWazuhCreatedDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rbac.db")
	s, err := Open(path, Options{ScryptN: 16})
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{
		`DELETE FROM roles_rules`, `DELETE FROM roles_policies`, `DELETE FROM user_roles`,
		`DELETE FROM users`, `DELETE FROM roles`, `DELETE FROM policies`, `DELETE FROM rules`,
		`INSERT INTO users VALUES(1,'wazuh','` + vecPBKDF2 + `',1,'2024-01-02 03:04:05.123456')`,
		`INSERT INTO users VALUES(100,'analyst','` + vecScrypt + `',0,'1970-01-01 00:00:00')`,
		`INSERT INTO roles VALUES(100,'analysts','1970-01-01 00:00:00')`,
		`INSERT INTO policies VALUES(100,'p','{"actions": ["agent:read"], "resources": ["agent:id:001"], "effect": "allow"}','1970-01-01 00:00:00')`,
		`INSERT INTO roles_policies VALUES(1,100,100,0,'1970-01-01 00:00:00')`,
		`INSERT INTO user_roles VALUES(1,100,100,0,'1970-01-01 00:00:00')`,
	}
	for _, q := range stmts {
		if err := s.db.Exec(q).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s.Close()
	s, err = Open(path, Options{ScryptN: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	u, err := s.Authenticate("analyst", "Wazuh12!")
	if err != nil || u.ID != 100 || !reflect.DeepEqual(u.Roles, []int{100}) {
		t.Fatalf("analyst: %+v %v", u, err)
	}
	if u, err := s.Authenticate("wazuh", "wazuh"); err != nil || u.ID != 1 || u.CreatedAt.Year() != 2024 {
		t.Fatalf("wazuh: %+v %v", u, err)
	}
	perms := must[*Permissions](t)(s.Permissions(bg, u.Roles, ModeWhite))
	if ok := must[bool](t)(perms.Allows(bg, nil, "agent:read", "agent:id:001")); !ok {
		t.Fatal("policy from attached database not applied")
	}
	if r := mkRole(t, s, "next"); r != 101 {
		t.Fatalf("next role id %d", r)
	}
}
