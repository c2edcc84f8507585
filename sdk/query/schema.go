package query

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

// schemaFailure is one jsonschema 4.20 ValidationError raised by connexion's
// parameter validator (Draft4Validator(schema).validate(value)).
type schemaFailure struct {
	message  string // e.g. "'abc' is not of type 'integer'"
	keyword  string // failing validator: type, format, minimum, maximum
	schema   string // Python repr of the schema the keyword belongs to
	item     int    // index in an array parameter, -1 for the parameter itself
	instance string // pprint.pformat of the failing instance
}

// err renders the failure as Wazuh's code-less 400: str(ValidationError)
// passed through _cleanup_detail_field, e.g. "0 is less than the minimum of
// 1. Failed validating 'minimum' in schema: {…}. On instance: 0".
func (f schemaFailure) err() *sdk.Error {
	schemaPath, instancePath := "schema", "instance"
	if f.item >= 0 {
		schemaPath = "schema['items']"
		instancePath = "instance[" + strconv.Itoa(f.item) + "]"
	}
	raw := f.message + "\n\nFailed validating " + pyRepr(f.keyword) + " in " + schemaPath + ":\n    " +
		f.schema + "\n\nOn " + instancePath + ":\n    " + f.instance
	return sdk.BadRequest(cleanupDetail(raw))
}

// formatFailure is the failure of a string "format" keyword.
func formatFailure(value, format, schema string, item int) *sdk.Error {
	return schemaFailure{
		message:  pyRepr(value) + " is not a " + pyRepr(format),
		keyword:  "format",
		schema:   schema,
		item:     item,
		instance: pformatStr(value),
	}.err()
}

// typeFailure is the failure of the "type" keyword for a value connexion
// could not coerce and therefore left as a string.
func typeFailure(value, typ, schema string) *sdk.Error {
	return schemaFailure{
		message:  pyRepr(value) + " is not of type " + pyRepr(typ),
		keyword:  "type",
		schema:   schema,
		item:     -1,
		instance: pformatStr(value),
	}.err()
}

// IntSchema is an OpenAPI integer parameter schema. Its fields are rendered
// in the key order Wazuh's spec.yaml uses (type, format, default, minimum,
// maximum), which is the order jsonschema prints the schema in.
type IntSchema struct {
	// Format is the spec's format ("int32"); never checked, only printed.
	Format string
	// Default is injected when the parameter is absent.
	Default *int
	// Minimum and Maximum are inclusive bounds.
	Minimum, Maximum *int
}

// Int returns a pointer to v, for IntSchema literals.
func Int(v int) *int { return &v }

// repr is the Python repr of the schema dict.
func (s IntSchema) repr() string {
	parts := []string{"'type': 'integer'"}
	if s.Format != "" {
		parts = append(parts, "'format': "+pyRepr(s.Format))
	}
	if s.Default != nil {
		parts = append(parts, "'default': "+strconv.Itoa(*s.Default))
	}
	if s.Minimum != nil {
		parts = append(parts, "'minimum': "+strconv.Itoa(*s.Minimum))
	}
	if s.Maximum != nil {
		parts = append(parts, "'maximum': "+strconv.Itoa(*s.Maximum))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// check validates a coerced integer against the bounds, in jsonschema's
// keyword order (minimum before maximum, as in the spec).
func (s IntSchema) check(v *big.Int) *sdk.Error {
	fail := func(kw, msg string) *sdk.Error {
		return schemaFailure{message: v.String() + msg, keyword: kw, schema: s.repr(), item: -1,
			instance: v.String()}.err()
	}
	if s.Minimum != nil && v.Cmp(big.NewInt(int64(*s.Minimum))) < 0 {
		return fail("minimum", " is less than the minimum of "+strconv.Itoa(*s.Minimum))
	}
	if s.Maximum != nil && v.Cmp(big.NewInt(int64(*s.Maximum))) > 0 {
		return fail("maximum", " is greater than the maximum of "+strconv.Itoa(*s.Maximum))
	}
	return nil
}

// boolSchemaRepr is the Python repr of {type: boolean, default: <def>}.
func boolSchemaRepr(def *bool) string {
	if def == nil {
		return "{'type': 'boolean'}"
	}
	if *def {
		return "{'type': 'boolean', 'default': True}"
	}
	return "{'type': 'boolean', 'default': False}"
}

// Schemas of the common string parameters, as Python reprs.
const (
	sortSchema        = "{'type': 'string', 'format': 'sort'}"
	searchSchema      = "{'type': 'string', 'format': 'search'}"
	selectItemsSchema = "{'type': 'string', 'format': 'names'}"
)

// CleanupDetail is Wazuh's api/error_handler.py _cleanup_detail_field,
// applied to the "detail" of every problem+json body (not to dapi_errors):
// blank lines become ". ", line breaks vanish and whitespace runs (Python's
// str.split()) collapse to one space, trimming both ends.
func CleanupDetail(s string) string { return cleanupDetail(s) }

// cleanupDetail implements CleanupDetail.
func cleanupDetail(s string) string {
	s = strings.ReplaceAll(s, "\n\n", ". ")
	s = strings.ReplaceAll(s, "\n", "")
	return strings.Join(strings.FieldsFunc(s, pyIsSpace), " ")
}
