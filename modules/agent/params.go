package main

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
)

// strSchema is a string parameter schema of spec.yaml, checked the way
// connexion's jsonschema validator does: keywords in the schema's key
// order, the first failure reported with Wazuh's cleaned-up detail.
type strSchema struct {
	// repr is the Python repr of the schema dict, as jsonschema prints it.
	repr string
	// checks are the keywords in schema order: "minLength", "maxLength",
	// "format", "enum".
	checks    []string
	minLength int
	maxLength int
	format    string
	enum      []string
}

// Schemas of the parameters the module validates (spec.yaml components).
var (
	schemaAgentID = strSchema{repr: "{'type': 'string', 'minLength': 3, 'description': 'Agent ID', 'format': 'numbers'}",
		checks: []string{"minLength", "format"}, minLength: 3, format: "numbers"}
	schemaAgentIDAll = strSchema{repr: "{'type': 'string', 'minLength': 3, 'description': 'Agent ID|all', 'format': 'numbers_or_all'}",
		checks: []string{"minLength", "format"}, minLength: 3, format: "numbers_or_all"}
	schemaGroupID = strSchema{repr: "{'type': 'string', 'description': 'Group name', 'format': 'group_names'}",
		checks: []string{"format"}, format: "group_names"}
	schemaGroupIDAll = strSchema{repr: "{'type': 'string', 'minLength': 1, 'description': 'Group name|all', 'format': 'group_names_or_all'}",
		checks: []string{"minLength", "format"}, minLength: 1, format: "group_names_or_all"}
	schemaTaskID = strSchema{repr: "{'type': 'string', 'format': 'numbers', 'description': 'Task ID'}",
		checks: []string{"format"}, format: "numbers"}
	schemaAlnum     = strSchema{repr: "{'type': 'string', 'format': 'alphanumeric'}", checks: []string{"format"}, format: "alphanumeric"}
	schemaNames     = strSchema{repr: "{'type': 'string', 'format': 'names'}", checks: []string{"format"}, format: "names"}
	schemaTimeframe = strSchema{repr: "{'type': 'string', 'format': 'timeframe'}", checks: []string{"format"}, format: "timeframe"}
	schemaOlderThan = strSchema{repr: "{'type': 'string', 'format': 'timeframe', 'default': '7d'}",
		checks: []string{"format"}, format: "timeframe"}
	schemaAgentName = strSchema{repr: "{'type': 'string', 'format': 'names', 'maxLength': 128}",
		checks: []string{"format", "maxLength"}, format: "names", maxLength: 128}
	schemaStatus       = enumSchema("active", "pending", "never_connected", "disconnected")
	schemaStatusDelete = enumSchema("all", "active", "pending", "never_connected", "disconnected")
	schemaGroupConfig  = enumSchema("synced", "not synced")
	schemaHash         = enumSchema("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s",
		"sha3_224", "sha3_256", "sha3_384", "sha3_512")
	schemaPackageType = enumSchema("rpm", "deb")
	schemaFileType    = enumSchema("conf", "rootkit_files", "rootkit_trojans", "rcl")
	schemaDaemons     = enumSchema("wazuh-analysisd", "wazuh-remoted")
	schemaVersion     = strSchema{repr: "{'type': 'string', 'format': 'wazuh_version'}", checks: []string{"format"}, format: "wazuh_version"}
	schemaPath        = strSchema{repr: "{'type': 'string', 'format': 'path'}", checks: []string{"format"}, format: "path"}
	schemaWPKPath     = strSchema{repr: "{'type': 'string', 'format': 'wpk_path'}", checks: []string{"format"}, format: "wpk_path"}
	schemaStatsComp   = enumSchema("logcollector", "agent")
)

func enumSchema(values ...string) strSchema {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = pyjson.StrRepr(v)
	}
	return strSchema{repr: "{'type': 'string', 'enum': [" + strings.Join(q, ", ") + "]}", checks: []string{"enum"}, enum: values}
}

var (
	reNumbers      = regexp.MustCompile(`^\p{Nd}+$`)
	reAlnum        = regexp.MustCompile(`^[\p{L}\p{N}_,\-.+\s:]+$`)
	reGroupName    = regexp.MustCompile(`^[A-Za-z0-9.\-_]+$`)
	reWazuhVersion = regexp.MustCompile(`(?i)^(?:wazuh |)v?\d+\.\d+\.\d+$`)
	reAlnumSymbols = regexp.MustCompile(`^[\p{L}\p{N}_,*<>!\-.+\s:/()\[\]'"|=~#]+$`)
	reWazuhKey     = regexp.MustCompile(`^[a-zA-Z0-9]+$`)
	rePath         = regexp.MustCompile(`^[\p{L}\p{N}_\-.\\/:]+$`)
	reWPKPath      = regexp.MustCompile(`^[\p{L}\p{N}_\-.\\/:\s]*[^/]\.wpk$`)
)

// validFormat implements the named formats of api/validator.py used here.
func validFormat(format, v string) bool {
	v1 := strings.TrimSuffix(v, "\n") // Python's $ tolerates one trailing newline
	switch format {
	case "numbers":
		return reNumbers.MatchString(v1)
	case "numbers_or_all":
		return v1 == "all" || reNumbers.MatchString(v1)
	case "group_names":
		return v1 != "." && v1 != ".." && v1 != "all" && reGroupName.MatchString(v1)
	case "group_names_or_all":
		return v1 != "." && v1 != ".." && reGroupName.MatchString(v1)
	case "alphanumeric":
		return reAlnum.MatchString(v)
	case "names":
		return query.ValidNames(v)
	case "timeframe":
		return query.ValidTimeframe(v)
	case "alphanumeric_symbols":
		return reAlnumSymbols.MatchString(v)
	case "wazuh_key":
		return reWazuhKey.MatchString(v1)
	case "wazuh_version":
		return reWazuhVersion.MatchString(v1)
	case "path":
		return rePath.MatchString(v1) && safePath(v1)
	case "wpk_path":
		return reWPKPath.MatchString(v1) && strings.HasPrefix(v1, "/") && safePath(v1)
	}
	return true
}

func safePath(p string) bool {
	for _, bad := range []string{"../", `..\`, "/..", `\..`} {
		if strings.Contains(p, bad) {
			return false
		}
	}
	return true
}

// check validates one value; item is the array index or -1.
func (s strSchema) check(v string, item int) *sdk.Error {
	for _, c := range s.checks {
		switch c {
		case "minLength":
			if len([]rune(v)) < s.minLength {
				return schemaError(pyjson.StrRepr(v)+" is too short", c, s.repr, item, pyjson.StrRepr(v))
			}
		case "maxLength":
			if len([]rune(v)) > s.maxLength {
				return schemaError(pyjson.StrRepr(v)+" is too long", c, s.repr, item, pyjson.StrRepr(v))
			}
		case "format":
			if !validFormat(s.format, v) {
				return schemaError(pyjson.StrRepr(v)+" is not a "+pyjson.StrRepr(s.format), c, s.repr, item, pyjson.StrRepr(v))
			}
		case "enum":
			ok := false
			for _, e := range s.enum {
				ok = ok || e == v
			}
			if !ok {
				q := make([]string, len(s.enum))
				for i, e := range s.enum {
					q[i] = pyjson.StrRepr(e)
				}
				return schemaError(pyjson.StrRepr(v)+" is not one of ["+strings.Join(q, ", ")+"]", c, s.repr, item, pyjson.StrRepr(v))
			}
		}
	}
	return nil
}

// schemaError renders a jsonschema ValidationError as Wazuh's 400 detail.
func schemaError(msg, keyword, schema string, item int, instance string) *sdk.Error {
	sp, ip := "schema", "instance"
	if item >= 0 {
		sp, ip = "schema['items']", "instance["+strconv.Itoa(item)+"]"
	}
	raw := msg + ". Failed validating " + pyjson.StrRepr(keyword) + " in " + sp + ": " + schema + ". On " + ip + ": " + instance
	return sdk.BadRequest(strings.Join(strings.Fields(raw), " "))
}

// lowered lists the parameters whose values connexion lower-cases before
// validation (api-surface.md §4.1).
var lowered = map[string]bool{"component": true, "configuration": true, "hash": true, "status": true, "type": true}

// strParam reads an optional scalar string parameter (last value wins).
func strParam(q url.Values, name string, s strSchema) (string, bool, *sdk.Error) {
	v, ok := query.LastValue(q, name)
	if !ok {
		return "", false, nil
	}
	if lowered[name] {
		v = strings.ToLower(v)
	}
	return v, true, s.check(v, -1)
}

// requiredStr reads a required scalar string parameter.
func requiredStr(q url.Values, name string, s strSchema) (string, *sdk.Error) {
	v, ok, err := strParam(q, name, s)
	if err == nil && !ok {
		err = sdk.BadRequest("Missing query parameter '" + name + "'")
	}
	return v, err
}

// listParam reads an optional array parameter (comma-separated, repeats
// concatenated), validating every item.
func listParam(q url.Values, name string, s strSchema) ([]string, bool, *sdk.Error) {
	items, ok := query.ArrayValues(q, name)
	if !ok {
		return nil, false, nil
	}
	for i, it := range items {
		if lowered[name] {
			items[i] = strings.ToLower(it)
		}
		if err := s.check(items[i], i); err != nil {
			return nil, true, err
		}
	}
	return items, true, nil
}

// requiredList reads a required array parameter.
func requiredList(q url.Values, name string, s strSchema) ([]string, *sdk.Error) {
	v, ok, err := listParam(q, name, s)
	if err == nil && !ok {
		err = sdk.BadRequest("Missing query parameter '" + name + "'")
	}
	return v, err
}

// pathParam validates a path parameter.
func pathParam(req *sdk.Request, name string, s strSchema) (string, *sdk.Error) {
	v := req.PathParams[name]
	if lowered[name] {
		v = strings.ToLower(v)
	}
	return v, s.check(v, -1)
}

// optBool reads an optional boolean; present reports whether it was given.
func optBool(q url.Values, name string, def bool) (v, present bool, err *sdk.Error) {
	_, present = query.LastValue(q, name)
	v, err = query.ParseBool(q, name, def)
	return v, present, err
}

// cleanQuery drops the empty sort, q, search and select parameters the
// dashboard sends (dashboard-calls.md §4 rule 2): Wazuh treats them as
// absent.
func cleanQuery(q url.Values) url.Values {
	out := url.Values{}
	for k, vs := range q {
		switch k {
		case "sort", "q", "search", "select":
			if v := vs[len(vs)-1]; v == "" {
				continue
			}
		}
		out[k] = vs
	}
	return out
}
