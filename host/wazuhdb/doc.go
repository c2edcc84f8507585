// Package wazuhdb is an embedded wazuh-db: it serves the wazuh-db text
// protocol (4-byte little-endian length frames of at most 64 KiB, requests
// "<actor> <query> <args>", replies "ok|due|err|ign|unk <payload>") on a
// real Unix socket, from SQLite files laid out as in a Wazuh root:
//
//	<root>/queue/db/wdb          the socket
//	<root>/queue/db/global.db    agents, groups, labels (schema v7)
//	<root>/queue/db/NNN.db       one per agent (schema v16), created on use
//	<root>/queue/tasks/tasks.db  task manager (schema v1)
//	<root>/var/db/mitre.db       MITRE ATT&CK (empty tables unless shipped)
//
// Because it speaks the same protocol as the real daemon, one client
// (package host/wdb) serves both an attached Wazuh manager and this
// embedded default. Databases are created on first start; an older
// global.db (e.g. schema v2) is upgraded in place to v7.
//
// Replies follow wazuh-db byte for byte where clients can observe it: rows
// are JSON objects with keys in column order and NULL columns omitted,
// numbers printed as cJSON prints doubles, "sql" replies cut at 65536 bytes
// (clients page with LIMIT/OFFSET), and the self-paging global commands
// answer "due" with a chunk that fits one frame. Two things are stricter
// than wazuh-db: "sql" text must hold a single SELECT/INSERT/UPDATE/DELETE
// statement (see WithReadOnlySQL), and malformed frames are answered with
// "err ..." or a closed connection, never a hang.
//
// Start with Start or Serve; GenerateAgents fills a global.db with
// realistic agents for load tests.
package wazuhdb
