package main

import (
	"encoding/json"
	"reflect"
	"testing"
)

// loadWazuhXMLCases pair a file with what Wazuh's load_wazuh_xml gives:
// the ElementTree (tag, attributes, text before the first child, children)
// or "ERR " + the ParseError text. Expectations were produced by running
// load_wazuh_xml with CPython 3.11's ElementTree (expat 2.5.0); note the
// lenient escaping (bare "&", "x < y", "&#65;" kept literally) and its
// quirk of escaping a one-letter tag alone on its line.
var loadWazuhXMLCases = [][2]string{
	{"<agent_config>\n\n  <!-- Shared agent configuration here -->\n\n</agent_config>\n",
		"{\"t\": \"root_tag\", \"a\": [], \"x\": \"\", \"c\": [{\"t\": \"agent_config\", \"a\": [], \"x\": \"\\n\\n  \\n\\n\", \"c\": []}]}"},
	{"<agent_config os=\"Linux\">\n  <localfile>\n    <location>/var/log/a & b.log</location>\n  </localfile>\n</agent_config>\n",
		"{\"t\": \"root_tag\", \"a\": [], \"x\": \"\", \"c\": [{\"t\": \"agent_config\", \"a\": [[\"os\", \"Linux\"]], \"x\": \"\\n  \", \"c\": [{\"t\": \"localfile\", \"a\": [], \"x\": \"\\n    \", \"c\": [{\"t\": \"location\", \"a\": [], \"x\": \"/var/log/a & b.log\", \"c\": []}]}]}]}"},
	{"<agent_config>\n  <!-- a -- b -->\n  <localfile><regex>^\\<\\d+\\></regex><match>a &lt; b &gt; c</match></localfile>\n</agent_config>",
		"{\"t\": \"root_tag\", \"a\": [], \"x\": \"\", \"c\": [{\"t\": \"agent_config\", \"a\": [], \"x\": \"\\n  \\n  \", \"c\": [{\"t\": \"localfile\", \"a\": [], \"x\": \"\", \"c\": [{\"t\": \"regex\", \"a\": [], \"x\": \"^\\\\<\\\\d+\\\\>\", \"c\": []}, {\"t\": \"match\", \"a\": [], \"x\": \"a &lt; b &gt; c\", \"c\": []}]}]}]}"},
	{"<agent_config>\n<a>x < y</a>\n</agent_config>",
		"\"ERR mismatched tag: line 6, column 2\""},
	{"<agent_config><a>&#65;&quot;&nbsp;</a></agent_config>",
		"{\"t\": \"root_tag\", \"a\": [], \"x\": \"\", \"c\": [{\"t\": \"agent_config\", \"a\": [], \"x\": \"\", \"c\": [{\"t\": \"a\", \"a\": [], \"x\": \"&#65;\\\"&nbsp;\", \"c\": []}]}]}"},
	{"<agent_config name=\"&lt;x&gt;\"><b><![CDATA[raw <data>]]></b></agent_config>",
		"\"ERR not well-formed (invalid token): line 4, column 90\""},
	{"<agent_config><a>\n</agent_config>",
		"{\"t\": \"root_tag\", \"a\": [], \"x\": \"\", \"c\": [{\"t\": \"agent_config\", \"a\": [], \"x\": \"<a>\\n\", \"c\": []}]}"},
	{"<agent_config><b>x</c></agent_config>",
		"\"ERR mismatched tag: line 4, column 30\""},
	{"<?xml version=\"1.0\"?><agent_config/>",
		"{\"t\": \"root_tag\", \"a\": [], \"x\": \"<?xml version=\\\"1.0\\\"?>\", \"c\": [{\"t\": \"agent_config\", \"a\": [], \"x\": \"\", \"c\": []}]}"},
	{"<a>\n<b>",
		"{\"t\": \"root_tag\", \"a\": [], \"x\": \"<a>\\n<b>\", \"c\": []}"},
	{"<agent_config>\n<x>\n<y>1</y>tail\n</x>\n</agent_config>",
		"\"ERR mismatched tag: line 8, column 2\""},
}

// etreeDump is the comparison shape of an ElementTree element.
type etreeDump struct {
	T string      `json:"t"`
	A [][2]string `json:"a"`
	X string      `json:"x"`
	C []etreeDump `json:"c"`
}

func dumpETree(n *xmlNode) etreeDump {
	d := etreeDump{T: n.name, X: n.text, A: [][2]string{}, C: []etreeDump{}}
	for _, a := range n.attrs {
		d.A = append(d.A, [2]string{a.name, a.value})
	}
	for _, c := range n.children {
		d.C = append(d.C, dumpETree(c))
	}
	return d
}

func TestLoadWazuhXMLMatchesWazuh(t *testing.T) {
	for i, c := range loadWazuhXMLCases {
		var got any
		if n, err := loadWazuhXML([]byte(c[0])); err != nil {
			got = "ERR " + err.Error()
		} else {
			got = dumpETree(n)
		}
		var want any
		if c[1][0] == '"' {
			var s string
			_ = json.Unmarshal([]byte(c[1]), &s)
			want = s
		} else {
			var d etreeDump
			_ = json.Unmarshal([]byte(c[1]), &d)
			want = d
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("case %d %q:\n got %+v\nwant %+v", i, c[0], got, want)
		}
	}
}
