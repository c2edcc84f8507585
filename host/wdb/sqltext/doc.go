// Package sqltext holds the small SQL text routines shared by the wazuh-db
// client (host/wdb) and the embedded server (host/wazuhdb): a tokenizer that
// knows SQLite's quoting and comment rules, the single-statement guard the
// embedded server applies to "sql" commands, the trailing LIMIT/OFFSET
// splitter both sides use for paging, and the lower-casing the Python
// framework applies to queries before sending them.
//
// None of it parses SQL fully; it only has to be exact about where strings,
// identifiers and comments start and end.
package sqltext
