// Package query is Wazuh's query engine: the common list parameters
// (offset, limit, sort, search, select, distinct, q) and the two engines
// that apply them, as Wazuh 4.14 does.
//
// # Parameters
//
// Parse and the Parse* helpers read url.Values the way connexion 3.1 does
// for Wazuh's spec: the last value of a repeated scalar wins, repeated array
// parameters are concatenated, defaults (limit 500, offset 0) are injected,
// and a value that fails its schema gives the code-less 400 whose detail is
// jsonschema's message after Wazuh's whitespace clean-up. CheckAllowed gives
// connexion's strict-validation 400 for unknown parameters.
//
// # SQL engine
//
// A Catalogue describes the fields of one resource (public name, SQL
// expression, kind, what may be sorted, selected, queried or searched).
// Catalogue.Compile turns Params, legacy filters and trusted extra
// conditions into a parameterised SELECT and its COUNT query, reproducing
// framework/wazuh/core/utils.py WazuhDBQuery: WQL with COLLATE NOCASE, `~`
// as LIKE with unescaped % and _, quotes turned into _ wildcards, relative
// and absolute date filters, the "all" and "null" values, search over every
// field and the 1403/1408/1409/1410/1411/1412/1724 errors. User input only
// ever reaches the SQL as `?` arguments.
//
// # Array engine
//
// ApplyArray is Wazuh's process_array for in-memory collections (groups,
// logs, cluster nodes, MITRE, security): sort, search, q, select, distinct,
// offset and limit in that order, with its own WQL dialect (case-sensitive
// `=` and `~`, unknown fields silently false, no parentheses, 500 code 1000
// for unsupported operators).
//
// Everything that goes back to the client is an *sdk.Error carrying Wazuh's
// code and message; see sdk/errcodes_query.go for the catalogue entries.
package query
