package main

import (
	"encoding/json"
	"testing"
)

// TestAgentConfJSONFollowsConf2JSON checks GET /groups/{g}/configuration's
// "config" against Wazuh's _conf2json rules (data-layer.md §7), which the
// dashboard's group-configuration report reads: syscheck directories as a
// list of {attrs…, path}, labels as [{"label": [{"value", attrs…}]}], list
// options accumulating, other repeated options keeping the last value,
// merge sections merged across <agent_config> blocks of nothing but
// known sections, unknown sections dropped and empty options skipped.
func TestAgentConfJSONFollowsConf2JSON(t *testing.T) {
	cases := []struct {
		name, xml, want string
	}{
		{"syscheck directories and merge", `<agent_config os="Linux">
  <syscheck>
    <frequency>43200</frequency>
    <directories check_all="yes" realtime="yes">/etc, /usr/bin</directories>
    <directories>/opt</directories>
    <ignore>/etc/mtab</ignore>
    <synchronization><enabled>yes</enabled><interval>5m</interval></synchronization>
  </syscheck>
  <syscheck><frequency>60</frequency><ignore type="sregex">.log$</ignore></syscheck>
</agent_config>`,
			`[{"filters":{"os":"Linux"},"config":{"syscheck":{"frequency":"60","directories":[` +
				`{"check_all":"yes","realtime":"yes","path":"/etc"},{"check_all":"yes","realtime":"yes","path":"/usr/bin"},{"path":"/opt"}],` +
				`"ignore":["/etc/mtab",{"type":"sregex","item":".log$"}],"synchronization":{"enabled":"yes","interval":"5m"}}}}]`},
		{"labels, localfile lists and last value", `<agent_config profile="web">
  <labels><label key="env">prod</label><label key="team" hidden="yes">ops</label></labels>
  <localfile>
    <log_format>syslog</log_format>
    <location>/var/log/a</location>
    <location>/var/log/b</location>
    <filter type="osregex">x</filter>
    <only-future-events/>
  </localfile>
  <localfile><log_format>json</log_format><location>/var/log/c.json</location></localfile>
</agent_config>`,
			`[{"filters":{"profile":"web"},"config":{"labels":[{"label":[{"value":"prod","key":"env"},{"value":"ops","key":"team","hidden":"yes"}]}],` +
				`"localfile":[{"log_format":"syslog","location":"/var/log/b","filter":[{"type":"osregex","item":"x"}]},` +
				`{"log_format":"json","location":"/var/log/c.json"}]}}]`},
		{"wodle names, sca policies, unknown sections", `<agent_config>
  <wodle name="syscollector"><disabled>no</disabled><interval>1h</interval></wodle>
  <sca><enabled>yes</enabled><policies><policy>a.yml</policy><policy>b.yml</policy></policies></sca>
  <client_buffer><disabled>no</disabled></client_buffer>
  <wodle name="docker-listener"><disabled>no</disabled></wodle>
  <rootcheck><rootkit_files>/etc/rk.txt</rootkit_files></rootcheck>
  <osquery><pack name="p">/p.conf</pack></osquery>
</agent_config>
<agent_config name="web01"></agent_config>`,
			`[{"filters":{},"config":{"syscollector":{"disabled":"no","interval":"1h"},"sca":{"enabled":"yes","policies":["a.yml","b.yml"]},` +
				`"rootcheck":{"rootkit_files":["/etc/rk.txt"]},"osquery":{"pack":[{"name":"p","item":"/p.conf"}]}}},` +
				`{"filters":{"name":"web01"},"config":{}}]`},
		{"nested options", `<agent_config><client><server><address>m1</address><port>1514</port></server>` +
			`<server><address>m2</address></server></client></agent_config>`,
			`[{"filters":{},"config":{"client":{"server":{"address":["m2"]}}}}]`},
	}
	for _, c := range cases {
		root, err := loadWazuhXML([]byte(c.xml))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, err := json.Marshal(agentConfJSON(root))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if string(got) != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}
