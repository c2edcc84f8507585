package sdk

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func encodeJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// GET /manager/configuration returns a list of sections; cluster.key is
// masked inside it, other fields are not.
func TestMaskSensitiveConfigSections(t *testing.T) {
	in := `[{"cluster": {"name": "wazuh", "node_name": "master-node", "key": "9d273b53510fef702b54a92e9cffc82e", "port": "1516", "nodes": ["wazuh-master"]}},` +
		`{"auth": {"use_password": "yes", "ssl_manager_key": "etc/sslmanager.key"}, "authd.pass": "s3cret"},` +
		`{"indexer": {"ssl": {"key": ["/etc/filebeat/certs/filebeat-key.pem"]}}}]`
	data := decodeJSON(t, in)
	got, err := MaskSensitiveConfig(data)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"cluster":{"key":"*****","name":"wazuh","node_name":"master-node","nodes":["wazuh-master"],"port":"1516"}},` +
		`{"auth":{"ssl_manager_key":"etc/sslmanager.key","use_password":"yes"},"authd.pass":"*****"},` +
		`{"indexer":{"ssl":{"key":"*****"}}}]`
	if s := encodeJSON(t, got); s != want {
		t.Fatalf("got  %s\nwant %s", s, want)
	}
	if !reflect.DeepEqual(data, decodeJSON(t, in)) {
		t.Fatal("the input was modified")
	}
}

// GET /cluster/local/config: the key at the top level of an item.
func TestMaskSensitiveConfigTopLevelKey(t *testing.T) {
	got, err := MaskSensitiveConfig(map[string]any{"name": "wazuh", "key": "abc", "port": 1516, "disabled": false, "nested": map[string]string{"key": "x", "pass": "p"}})
	if err != nil {
		t.Fatal(err)
	}
	if s := encodeJSON(t, got); s != `{"disabled":false,"key":"*****","name":"wazuh","nested":{"key":"*****","pass":"p"},"port":1516}` {
		t.Fatal(s)
	}
}

type orderedCluster struct {
	Name string `json:"name"`
	Key  string `json:"key"`
	Port int    `json:"port"`
}

// Structs and other types go through their JSON encoding, keeping order;
// raw JSON is rewritten in place; invalid raw JSON fails closed.
func TestMaskSensitiveConfigOtherTypes(t *testing.T) {
	got, err := MaskSensitiveConfig([]map[string]any{{"c": orderedCluster{Name: "wazuh", Key: "abc", Port: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if s := encodeJSON(t, got); s != `[{"c":{"name":"wazuh","key":"*****","port":1}}]` {
		t.Fatal(s)
	}
	got, err = MaskSensitiveConfig(map[string]any{"raw": json.RawMessage(`{"z": 1, "key": {"a": [1]}}`), "bad": json.RawMessage(`{"key"`)})
	if err != nil {
		t.Fatal(err)
	}
	if s := encodeJSON(t, got); s != `{"bad":"*****","raw":{"z":1,"key":"*****"}}` {
		t.Fatal(s)
	}
	if _, err := MaskSensitiveConfig(map[string]any{"f": func() {}}); err == nil {
		t.Fatal("an unencodable value must be an error")
	}
	cyclic := map[string]any{}
	cyclic["self"] = cyclic
	if _, err := MaskSensitiveConfig(cyclic); !errors.Is(err, errMaskDepth) {
		t.Fatalf("cyclic: %v", err)
	}
}

// A top-level string is raw ossec.conf.
func TestMaskSensitiveConfigRawString(t *testing.T) {
	got, err := MaskSensitiveConfig("<cluster><key>abc</key></cluster>")
	if err != nil || got != "<cluster><key>***</key></cluster>" {
		t.Fatal(got, err)
	}
}

func TestMaskSensitiveConfigJSON(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"cluster": {"name": "wazuh", "key": "abc", "port": 1516}}`, `{"cluster": {"name": "wazuh", "key": "*****", "port": 1516}}`},
		{`[{"key":1},{"key" :  {"a":[1,{"key":2}]} ,"b":2}]`, `[{"key":"*****"},{"key" :  "*****" ,"b":2}]`},
		{"{\n   \"authd.pass\": \"pw\",\n   \"auth\": {\"use_password\": \"yes\"}\n}", "{\n   \"authd.pass\": \"*****\",\n   \"auth\": {\"use_password\": \"yes\"}\n}"},
		{`{"k\u0065y": null, "key": 1.5e3, "Key": "kept", "keys": ["kept"]}`, `{"k\u0065y": "*****", "key": "*****", "Key": "kept", "keys": ["kept"]}`},
		{`{"a": "key", "b": ["key", {"c": "\"key\": 1"}]}`, `{"a": "key", "b": ["key", {"c": "\"key\": 1"}]}`},
		{` "key" `, ` "key" `},
		{`{"key":"a","key":"b"}`, `{"key":"*****","key":"*****"}`},
	} {
		got, err := MaskSensitiveConfigJSON([]byte(c.in))
		if err != nil || string(got) != c.want {
			t.Errorf("%s:\ngot  %s (%v)\nwant %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{``, `{`, `{"key": }`, `{"key": 1} {}`, `[1,]`, `{"a" 1}`, `nul`} {
		if out, err := MaskSensitiveConfigJSON([]byte(bad)); !errors.Is(err, ErrInvalidConfigJSON) || out != nil {
			t.Errorf("%q: %q %v", bad, out, err)
		}
	}
}

func TestMayRevealSecrets(t *testing.T) {
	for _, c := range []struct {
		allows map[string]bool
		want   bool
	}{
		{nil, false},
		{map[string]bool{ActionManagerUpdateConfig: true}, true},
		{map[string]bool{ActionClusterUpdateConfig: true}, true},
		{map[string]bool{ActionManagerUpdateConfig: false, ActionClusterUpdateConfig: false}, false},
		{map[string]bool{"manager:read": true}, false},
	} {
		if got := (&Request{Allows: c.allows}).MayRevealSecrets(); got != c.want {
			t.Errorf("%v: %v", c.allows, got)
		}
	}
	checks := RevealSecretsChecks()
	checks[0] = "changed"
	if RevealSecretsChecks()[0] != ActionManagerUpdateConfig {
		t.Fatal("RevealSecretsChecks must return a fresh slice")
	}
}
