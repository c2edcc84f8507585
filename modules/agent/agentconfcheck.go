package main

import (
	"math/rand/v2"
	"regexp"
	"strings"
)

// The structural checks of Wazuh's verify-agent-conf, which
// upload_group_configuration runs on the formatted file before installing
// it (a failure is WazuhError 1114 "Wazuh syntax error"). The reference
// lists only the code; the messages follow the Wazuh C sources
// (src/config/config.c ReadConfig/read_main_elements,
// src/error_messages): verify-agent-conf stops at its first test
// (syscheck), which fails on any structural error of the file.
//
// Only the checks that do not depend on the manager's identity are
// reproduced: every top-level element must be <agent_config>, its
// attributes must be name, os, profile or overwrite, and the sections of an
// unfiltered block must be known configuration sections (filtered blocks
// are skipped by ReadConfig when they do not match the manager, so their
// sections are not checked). Option-level validation of each section is
// not reproduced.

// agentConfAttributes are the attributes ReadConfig accepts on
// <agent_config>.
var agentConfAttributes = map[string]bool{"name": true, "os": true, "profile": true, "overwrite": true}

// agentConfFilters are the attributes that make ReadConfig skip a block on
// a manager that does not match them.
var agentConfFilters = []string{"name", "os", "profile"}

// agentConfSections are the section names read_main_elements knows (Wazuh
// 4.14); anything else is "(1230): Invalid element in the configuration".
var agentConfSections = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`global ruleset rules syscheck rootcheck alerts email_alerts database_output
		syslog_output agentless localfile remote client client_buffer command integration active-response wodle
		labels auth logging cluster socket sca vulnerability-detector vulnerability-detection indexer gcp-pubsub
		gcp-bucket rule_test agent-upgrade task-manager wdb github office365 ms-graph anti_tampering
		fluent-forward reports osquery syscollector open-scap cis-cat docker-listener aws-s3 azure-logs`) {
		agentConfSections[s] = true
	}
}

// wazuhErrorText is the regex upload_group_configuration applies to
// verify-agent-conf's output: the text after "(NNNN): " up to the first
// character outside [\w /_\-.':].
var wazuhErrorText = regexp.MustCompile(`^[\p{L}\p{N}_ /\-.':]+`)

// verifyAgentConf returns the 1114 detail ("" when the file passes) for a
// document parsed from "<root>\n…\n</root>".
func verifyAgentConf(doc *domNode) string {
	tmp := "WAZUH_HOME/tmp/" + tempName("api_tmp_file_", ".xml")
	corrupted := "Syscheck remote configuration in '" + tmp + "' is corrupted."
	fail := func(msgs ...string) string {
		var out []string
		for _, m := range append(msgs, corrupted) {
			out = append(out, wazuhErrorText.FindString(m))
		}
		return strings.Join(out, " ")
	}
	for _, block := range elementChildren(rootElement(doc)) {
		if block.name != "agent_config" {
			return fail("Invalid element in the configuration: '" + block.name + "'.")
		}
		filtered := false
		for _, a := range block.attrs {
			if !agentConfAttributes[a.name] {
				return fail("Invalid attribute '" + a.name + "' in the configuration: '" + tmp + "'.")
			}
			for _, f := range agentConfFilters {
				filtered = filtered || a.name == f
			}
		}
		if filtered {
			continue
		}
		for _, s := range elementChildren(block) {
			if !agentConfSections[s.name] {
				return fail("Invalid element in the configuration: '"+s.name+"'.", "Configuration error at '"+tmp+"'.")
			}
		}
	}
	return ""
}

// rootElement is the document element of doc (nil when there is none).
func rootElement(doc *domNode) *domNode {
	for _, c := range doc.children {
		if c.kind == domElement {
			return c
		}
	}
	return nil
}

// elementChildren lists the element children of n.
func elementChildren(n *domNode) []*domNode {
	if n == nil {
		return nil
	}
	var out []*domNode
	for _, c := range n.children {
		if c.kind == domElement {
			out = append(out, c)
		}
	}
	return out
}

// tempName is a name as Python's tempfile.mkstemp makes it: prefix, eight
// characters of [a-z0-9_], suffix.
func tempName(prefix, suffix string) string {
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789_"
	b := make([]byte, 8)
	for i := range b {
		b[i] = chars[rand.IntN(len(chars))]
	}
	return prefix + string(b) + suffix
}
