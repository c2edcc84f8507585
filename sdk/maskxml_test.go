package sdk

import (
	"strings"
	"testing"
)

const ossecConf = `<!--
  Wazuh - Manager - Default configuration
-->
<ossec_config>
    <cluster>
        <name>wazuh</name>
        <node_name>master-node</node_name>
        <node_type>master</node_type>
        <key>9d273b53510fef702b54a92e9cffc82e</key>
        <port>1516</port>
        <nodes>
            <node>wazuh-master</node>
        </nodes>
        <hidden>no</hidden>
        <disabled>no</disabled>
    </cluster>
    <auth>
        <use_password>yes</use_password>
        <ssl_manager_key>etc/sslmanager.key</ssl_manager_key>
    </auth>
</ossec_config>
<ossec_config>
    <cluster>
        <key>
            second-section-key
        </key>
    </cluster>
</ossec_config>
`

func TestMaskSensitiveConfigXMLOssecConf(t *testing.T) {
	got := MaskSensitiveConfigXML(ossecConf)
	want := strings.Replace(ossecConf, "9d273b53510fef702b54a92e9cffc82e", "***", 1)
	want = strings.Replace(want, "<key>\n            second-section-key\n        </key>", "<key>***</key>", 1)
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestMaskSensitiveConfigXML(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"no markup at all", "no markup at all"},
		{"<cluster><key>abc</key></cluster>", "<cluster><key>***</key></cluster>"},
		{"<key >abc</key >", "<key >***</key >"},
		{"<key>a</key><key>b</key>", "<key>***</key><key>***</key>"},
		{"<key/><key />", "<key/><key />"},
		{"<key></key>", "<key>***</key>"},
		{"<keys>kept</keys><mykey>kept</mykey><Key>kept</Key>", "<keys>kept</keys><mykey>kept</mykey><Key>kept</Key>"},
		{"<ssl_manager_key>etc/sslmanager.key</ssl_manager_key>", "<ssl_manager_key>etc/sslmanager.key</ssl_manager_key>"},
		{"<authd.pass>pw</authd.pass>", "<authd.pass>***</authd.pass>"},
		// Comments and CDATA inside the element are part of its content.
		{"<key><![CDATA[a</key>b]]></key>tail", "<key>***</key>tail"},
		{"<key>a<!-- </key> -->b</key>tail", "<key>***</key>tail"},
		{"<key><key>a</key>b</key>tail", "<key>***</key>tail"},
		// Key elements inside comments, CDATA and PIs are masked too.
		{"<!-- old: <cluster><key>old</key></cluster> --><x/>", "<!-- old: <cluster><key>***</key></cluster> --><x/>"},
		{"<c><![CDATA[<key>in-cdata</key>]]></c>", "<c><![CDATA[<key>***</key>]]></c>"},
		{"<?pi <key>v</key> ?>", "<?pi <key>***</key> ?>"},
		{"<!-- <!-- <key>v</key> -->", "<!-- <!-- <key>***</key> -->"},
		// Not well-formed: never leak.
		{"<key>never closed", "<key>***"},
		{"<key><!-- never closed </key>", "<key>***"},
		{"<!-- <key>v", "<!-- <key>***"},
		{"<a <key>v</key>", "<a <key>***</key>"},
		{`<a b="<key>v</key>">`, `<a b="<key>***</key>">`},
		{`<key a=">" b='>'>v</key>`, `<key a=">" b='>'>***</key>`},
		{`<key a=">v</key>`, `<key a=">***</key>`},
		{`<a b="><key>v</key>`, `<a b="><key>***</key>`},
		{"</key><key>v</key>", "</key><key>***</key>"},
		{"<<key>v</key>", "<<key>***</key>"},
		{"<!DOCTYPE x <key>v</key>", "<!DOCTYPE x <key>***</key>"},
		{"< key>v</key>", "< key>v</key>"},
	} {
		if got := MaskSensitiveConfigXML(c.in); got != c.want {
			t.Errorf("%q:\ngot  %q\nwant %q", c.in, got, c.want)
		}
	}
}

// Pathological inputs stay linear (a quadratic rewriter takes minutes).
func TestMaskSensitiveConfigXMLLinear(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("<key", 200000),
		strings.Repeat("<key><!--", 100000),
		strings.Repeat("<!--<key>", 100000),
		strings.Repeat("</key   ", 100000),
		"<key>" + strings.Repeat("<a ", 200000),
		strings.Repeat(`<a b="`, 200000) + "<key>v</key>",
	} {
		out := MaskSensitiveConfigXML(in)
		if strings.Contains(out, "<key>v") {
			t.Fatal("leaked")
		}
	}
}
