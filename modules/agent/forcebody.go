package main

import (
	"bytes"
	"encoding/json"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
)

// checkForce validates the "force" object of POST /agents/insert against
// spec.yaml's AgentInsertForce, as connexion's jsonschema validator does:
// properties in schema order (enabled, disconnected_time {enabled, value},
// after_registration_time), the first failure reported as
// "<msg> - 'force.<path>'". Without it a bad timeframe reached authd and
// came back as a 500 (1725).
func checkForce(raw json.RawMessage) *sdk.Error {
	force, err := bodyObject(raw, "force")
	if err != nil {
		return err
	}
	if err := bodyBool(force, "enabled", "force."); err != nil {
		return err
	}
	if dtRaw, ok := force["disconnected_time"]; ok {
		dt, err := bodyObject(dtRaw, "force.disconnected_time")
		if err != nil {
			return err
		}
		if err := bodyBool(dt, "enabled", "force.disconnected_time."); err != nil {
			return err
		}
		if err := bodyTimeframe(dt, "value", "force.disconnected_time."); err != nil {
			return err
		}
	}
	return bodyTimeframe(force, "after_registration_time", "force.")
}

// bodyObject decodes raw as a JSON object, or reports jsonschema's type
// error at path.
func bodyObject(raw json.RawMessage, path string) (map[string]json.RawMessage, *sdk.Error) {
	var obj map[string]json.RawMessage
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' || json.Unmarshal(t, &obj) != nil {
		return nil, sdk.BadRequest(pyJSONRepr(raw) + " is not of type 'object' - '" + path + "'")
	}
	return obj, nil
}

// bodyBool checks that the optional property name of obj is a boolean.
func bodyBool(obj map[string]json.RawMessage, name, prefix string) *sdk.Error {
	raw, ok := obj[name]
	if !ok {
		return nil
	}
	if t := string(bytes.TrimSpace(raw)); t != "true" && t != "false" {
		return sdk.BadRequest(pyJSONRepr(raw) + " is not of type 'boolean' - '" + prefix + name + "'")
	}
	return nil
}

// bodyTimeframe checks that the optional property name of obj is a string
// of the timeframe format.
func bodyTimeframe(obj map[string]json.RawMessage, name, prefix string) *sdk.Error {
	raw, ok := obj[name]
	if !ok {
		return nil
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return sdk.BadRequest(pyJSONRepr(raw) + " is not of type 'string' - '" + prefix + name + "'")
	}
	if !query.ValidTimeframe(s) {
		return sdk.BadRequest(pyjson.StrRepr(s) + " is not a 'timeframe' - '" + prefix + name + "'")
	}
	return nil
}
