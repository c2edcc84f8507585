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
// Additions of the embedded mode, invisible in replies:
//
//   - In-process connections (Server.Dial, LocalConn) answer requests with
//     the same session logic as the socket, without it; the host's own
//     client uses them.
//   - A connection keeps its SELECT open between the LIMIT/OFFSET pages of
//     one statement (see cursor), and each pooled SQLite connection keeps
//     its recent prepared statements (stmtCache).
//   - Replies of aggregate statements on global.db (COUNT, GROUP BY,
//     DISTINCT... without time or random functions), such as the total of
//     every agent listing and the status summaries, are cached until the
//     database changes: a write through the server or, seen through
//     SQLite's data_version, by anyone else (aggCache).
//
// No index is added to Wazuh's schema: the agent module's GROUP BY listings
// order groups by a bare column (id), whose value SQLite takes from the
// scan order, so any index the planner could pick would change replies.
//
// Start with Start or Serve; GenerateAgents fills a global.db with
// realistic agents for load tests.
package wazuhdb
