package main

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// formatAgentConfCases pairs an uploaded agent.conf with what Wazuh's
// upload_group_configuration writes, or "ERR " + the ExpatError text it
// reports as 1113. The expectations were produced by running that code
// (minidom.parseString + toprettyxml and Wazuh's post-processing) on
// CPython 3.11 with expat 2.5.0, so both the re-indentation and the
// parser's error messages and positions are Wazuh's.
var formatAgentConfCases = [][2]string{
	{"<agent_config os=\"Linux\">\n    <localfile>\n        <location>/var/log/linux.log</location>\n    </localfile>\n</agent_config>\n\n<agent_config name=\"agent01\">\n  <!-- comment with <tags> & ampersand -->\n  <labels>\n    <label key=\"aws.sec-group\" hidden=\"yes\">sg-1103</label>\n  </labels>\n  <localfile>\n    <location>C:\\Windows\\logs\\*.log</location>\n    <regex>^\\<\\d+\\></regex>\n    <match>a &lt; b &amp;&amp; c &gt; d</match>\n  </localfile>\n</agent_config>\n",
		"<agent_config os=\"Linux\">\n  <localfile>\n    <location>/var/log/linux.log</location>\n  </localfile>\n</agent_config>\n<agent_config name=\"agent01\">\n  <!-- comment with <tags> & ampersand -->\n  <labels>\n    <label key=\"aws.sec-group\" hidden=\"yes\">sg-1103</label>\n  </labels>\n  <localfile>\n    <location>C:\\Windows\\logs\\*.log</location>\n    <regex>^\\<\\d+\\></regex>\n    <match>a &lt; b && c &gt; d</match>\n  </localfile>\n</agent_config>\n"},
	{"<agent_config os=\"Linux\"><localfile><location>/var/log/syslog</location><log_format>syslog</log_format></localfile></agent_config>",
		"<agent_config os=\"Linux\">\n  <localfile>\n    <location>/var/log/syslog</location>\n    <log_format>syslog</log_format>\n  </localfile>\n</agent_config>\n"},
	{"<agent_config>\n\n  <!-- Shared agent configuration here -->\n\n</agent_config>\n",
		"<agent_config>\n  <!-- Shared agent configuration here -->\n</agent_config>\n"},
	{"<agent_config><broken></agent_config>",
		"ERR mismatched tag: line 2, column 24"},
	{"<agent_config>",
		"ERR mismatched tag: line 3, column 2"},
	{"</agent_config>",
		"ERR mismatched tag: line 2, column 2"},
	{"<a></b>",
		"ERR mismatched tag: line 2, column 5"},
	{"<a>x < y</a>",
		"ERR not well-formed (invalid token): line 2, column 6"},
	{"<a>x & y</a>",
		"ERR not well-formed (invalid token): line 2, column 6"},
	{"<a>&nbsp;</a>",
		"ERR undefined entity: line 2, column 3"},
	{"<a>&amp;&quot;&apos;&lt;&gt;&#65;&#x42;</a>",
		"<a>&\"'&lt;&gt;AB</a>\n"},
	{"<a>&#0;</a>",
		"ERR reference to invalid character number: line 2, column 3"},
	{"<a>&#;</a>",
		"ERR not well-formed (invalid token): line 2, column 5"},
	{"<a>&#xZ;</a>",
		"ERR not well-formed (invalid token): line 2, column 6"},
	{"<a b=\"1\" b=\"2\"/>",
		"ERR duplicate attribute: line 2, column 9"},
	{"<a b=\"1\"c=\"2\"/>",
		"ERR not well-formed (invalid token): line 2, column 8"},
	{"<a b=1/>",
		"ERR not well-formed (invalid token): line 2, column 5"},
	{"<a b=\"x<y\"/>",
		"ERR not well-formed (invalid token): line 2, column 7"},
	{"<a b=\"x&amp;y\" c='q\"q' d=\"t\tn\nr\r\nx\"/>",
		"<a b=\"x&y\" c=\"q\"q\" d=\"t n r x\"/>\n"},
	{"<?xml version=\"1.0\"?><a/>",
		"ERR XML or text declaration not at start of entity: line 2, column 0"},
	{"<?XML version=\"1.0\"?><a/>",
		"ERR not well-formed (invalid token): line 2, column 5"},
	{"<?pi some data ?><a/>",
		"<?pi some data ?>\n<a/>\n"},
	{"<a><![CDATA[x < y & z]]></a>",
		"<a><![CDATA[x < y & z]]></a>\n"},
	{"<a><![CDATA[x]]><b/></a>",
		"<a>\n<![CDATA[x]]>    <b/>\n</a>\n"},
	{"<a><![CDATA[]]></a>",
		"<a/>\n"},
	{"<a><![CDATX[x]]></a>",
		"ERR not well-formed (invalid token): line 2, column 10"},
	{"<a><![CDATA[x</a>",
		"ERR unclosed CDATA section: line 3, column 7"},
	{"<!-- c -- d -->",
		"ERR not well-formed (invalid token): line 2, column 9"},
	{"<!-- unclosed",
		"ERR unclosed token: line 2, column 0"},
	{"<!- x -->",
		"ERR not well-formed (invalid token): line 2, column 3"},
	{"<a>]]></a>",
		"ERR not well-formed (invalid token): line 2, column 5"},
	{"<a>\u0001</a>",
		"ERR not well-formed (invalid token): line 2, column 3"},
	{"<p:a/>",
		"ERR unbound prefix: line 2, column 0"},
	{"<p:a xmlns:p=\"urn:x\" q:b=\"1\"/>",
		"ERR unbound prefix: line 2, column 0"},
	{"<a xmlns:p=\"urn:x\" p:b=\"1\" c=\"2\" xmlns=\"urn:d\"/>",
		"<a xmlns:p=\"urn:x\" xmlns=\"urn:d\" p:b=\"1\" c=\"2\"/>\n"},
	{"</root><b/>",
		"ERR junk after document element: line 2, column 7"},
	{"</root>junk",
		"ERR junk after document element: line 2, column 7"},
	{"<1a/>",
		"ERR not well-formed (invalid token): line 2, column 1"},
	{"<a></a >",
		"<a/>\n"},
	{"<a></a x>",
		"ERR not well-formed (invalid token): line 2, column 7"},
	{"< a/>",
		"ERR not well-formed (invalid token): line 2, column 1"},
	{"<a>\\<regex\\></a>",
		"<a>\\<regex\\></a>\n"},
	{"<a>&lt;b&gt;</a>",
		"<a>&lt;b&gt;</a>\n"},
	{"<a>x<b>y</b>z</a>",
		"<a>\n  x\n  <b>y</b>\n  z\n</a>\n"},
	{"<a>\n  line1\n  line2\n</a>",
		"<a>\nline1\nline2\n</a>\n"},
	{"   ",
		"\n"},
	{"text only",
		"text only\n"},
	{"<a/><b/>",
		"<a/>\n<b/>\n"},
	{"<a>é ü 中</a>\n<b>ok</b>",
		"<a>é ü 中</a>\n<b>ok</b>\n"},
	{"<agent_config>\r\n  <x>1</x>\r\n</agent_config>\r\n",
		"<agent_config>\n  <x>1</x>\n</agent_config>\n"},
	{"<a b=\"&#10;\"/>",
		"<a b=\"\n\"/>\n"},
	{"<a><b><c>deep</c></b></a>",
		"<a>\n  <b>\n    <c>deep</c>\n  </b>\n</a>\n"},
	{"<a x=\"1\">  </a>",
		"<a x=\"1\">  </a>\n"},
	{"<a>&amp;lt;</a>",
		"<a><</a>\n"},
	{"<!DOCTYPE a><a/>",
		"ERR not well-formed (invalid token): line 2, column 2"},
	{"<a>\n<!-- c1 --><b/>\n</a>",
		"<a>\n  <!-- c1 -->\n  <b/>\n</a>\n"},
	{"<a><?pi x?></a>",
		"<a>\n  <?pi x?>\n</a>\n"},
	{"<a>é < b</a>",
		"ERR not well-formed (invalid token): line 2, column 6"},
	{"<a\n  b=\"1\"\n  c>",
		"ERR not well-formed (invalid token): line 4, column 3"},
	{"<a/>\n\n<b/>  <c/>",
		"<a/>\n<b/>\n<c/>\n"},
	{"_custom_open_tag_",
		"\\<\n"},
	{"<a>\n<b>\n</a>",
		"ERR mismatched tag: line 4, column 2"},
	{"<a b=\"1\" b=\"2\" c=x/>",
		"ERR not well-formed (invalid token): line 2, column 17"},
	{"<a><b></b></c></a>",
		"ERR mismatched tag: line 2, column 12"},
	{"<a>&#xD800;</a>",
		"ERR reference to invalid character number: line 2, column 3"},
	{"<a>&#1114112;</a>",
		"ERR reference to invalid character number: line 2, column 3"},
	{"<a>&#99999999999;</a>",
		"ERR reference to invalid character number: line 2, column 3"},
	{"<a>&bad</a>",
		"ERR not well-formed (invalid token): line 2, column 7"},
	{"<a>&</a>",
		"ERR not well-formed (invalid token): line 2, column 4"},
	{"<a b=\"&bad;\"/>",
		"ERR undefined entity: line 2, column 0"},
	{"<a b=\"&#0;\"/>",
		"ERR reference to invalid character number: line 2, column 6"},
	{"<a b=\"\u0002\"/>",
		"ERR not well-formed (invalid token): line 2, column 6"},
	{"<a><!--x--y--></a>",
		"ERR not well-formed (invalid token): line 2, column 10"},
	{"<a><!---></a>",
		"ERR unclosed token: line 2, column 3"},
	{"<a><!----></a>",
		"<a>\n  <!---->\n</a>\n"},
	{"<a><?xml-stylesheet x?></a>",
		"<a>\n  <?xml-stylesheet x?>\n</a>\n"},
	{"<a><?pi?></a>",
		"<a>\n  <?pi ?>\n</a>\n"},
	{"<a><?pi\u0001?></a>",
		"ERR not well-formed (invalid token): line 2, column 7"},
	{"<a><?9pi?></a>",
		"ERR not well-formed (invalid token): line 2, column 5"},
	{"<a><!X></a>",
		"ERR not well-formed (invalid token): line 2, column 5"},
	{"<a><![CDATA[a]]>b<![CDATA[c]]></a>",
		"<a>\n<![CDATA[a]]>    b\n<![CDATA[c]]>  </a>\n"},
	{"<a>a<![CDATA[b]]></a>",
		"<a>\n  a\n<![CDATA[b]]>  </a>\n"},
	{"<a xmlns:p=\"u\"><p:b/></a><p:c/>",
		"ERR unbound prefix: line 2, column 25"},
	{"<a xmlns:xml=\"http://www.w3.org/XML/1998/namespace\" xml:lang=\"en\"/>",
		"<a xmlns:xml=\"http://www.w3.org/XML/1998/namespace\" xml:lang=\"en\"/>\n"},
	{"<a>\ufeff</a>",
		"<a>\ufeff</a>\n"},
	{"<a>\ufffe</a>",
		"ERR not well-formed (invalid token): line 2, column 3"},
	{"<a b = \"1\" />",
		"<a b=\"1\"/>\n"},
	{"<a/ >",
		"ERR not well-formed (invalid token): line 2, column 3"},
	{"<a/x>",
		"ERR not well-formed (invalid token): line 2, column 3"},
	{"<a b=\"1\"/><a b=\"1\" b=\"1\">",
		"ERR duplicate attribute: line 2, column 19"},
	{"<é/>",
		"<é/>\n"},
	{"<a-b.c_d/>",
		"<a-b.c_d/>\n"},
	{"<a>\t\ttabs</a>",
		"<a>\t\ttabs</a>\n"},
	{"\t<a>\n\t\t<b>x</b>\n\t</a>",
		"<a>\n  <b>x</b>\n</a>\n"},
	{"<agent_config name=\"a&amp;b\" os=\"Linux &quot;x&quot;\"/>",
		"<agent_config name=\"a&b\" os=\"Linux \"x\"\"/>\n"},
	{"<a>&#x3c;b&#x3e;</a>",
		"<a><b></a>\n"},
	{"<a></a><!-- tail -->",
		"<a/>\n<!-- tail -->\n"},
	{"</root><!-- after -->",
		"ERR not well-formed (invalid token): line 3, column 1"},
	{"</root><?pi after?>",
		"ERR not well-formed (invalid token): line 3, column 1"},
	{"</root>  ",
		"ERR not well-formed (invalid token): line 3, column 1"},
}

func TestFormatAgentConfMatchesWazuh(t *testing.T) {
	for i, c := range formatAgentConfCases {
		got, _, err := formatAgentConf(c[0])
		if err != nil {
			got = "ERR " + errorDetail(err)
		}
		if got != c[1] {
			t.Errorf("case %d %q:\n got %q\nwant %q", i, c[0], got, c[1])
		}
	}
}

// Large and deeply nested uploads stay linear and bounded: many references
// in one text, and nesting past Python's recursion limit (Wazuh's
// RecursionError, reported as 1113).
func TestFormatAgentConfLimits(t *testing.T) {
	big := "<a>" + strings.Repeat("&amp;x", 1<<20) + "</a>"
	out, _, err := formatAgentConf(big)
	if err != nil || len(out) != len("<a></a>\n")+2*(1<<20) {
		t.Fatalf("big text: %d bytes, %v", len(out), err)
	}
	deep := strings.Repeat("<a>", 100000) + strings.Repeat("</a>", 100000)
	if _, _, err := formatAgentConf(deep); err == nil || errorDetail(err) != errRecursion {
		t.Fatalf("deep: %v", err)
	}
	ok := strings.Repeat("<a>", 900) + strings.Repeat("</a>", 900)
	if _, _, err := formatAgentConf(ok); err != nil {
		t.Fatalf("900 levels: %v", err)
	}
	wide := strings.Repeat("<a>", 900) + strings.Repeat("<b/>", 1<<17) + strings.Repeat("</a>", 900)
	if _, _, err := formatAgentConf(wide); !errors.Is(err, errTooLarge) {
		t.Fatalf("expanding: %v", err)
	}
}

// Arbitrary input never panics, never hangs, and a failure always carries
// expat's position.
func FuzzFormatAgentConf(f *testing.F) {
	for _, c := range formatAgentConfCases {
		f.Add(c[0])
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if _, _, err := formatAgentConf(s); err != nil && !strings.Contains(err.Error(), ": line ") &&
			!strings.Contains(err.Error(), errRecursion) {
			t.Fatalf("error without position: %v", err)
		}
	})
}
