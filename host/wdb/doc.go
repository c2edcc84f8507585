// Package wdb is the client of the wazuh-db text protocol, used the same
// way against a real manager's socket (<WAZUH_PATH>/queue/db/wdb, "attached"
// mode) and against the embedded server of package host/wazuhdb.
//
// A Client keeps a pool of persistent framed connections and is safe for
// concurrent use. Exec sends one command and returns the status word (ok,
// due, err, ign, unk) and payload. Query and Stream add what the Python
// framework's WazuhDBConnection does on top: "err" becomes Wazuh error 2003,
// and SELECT statements are paged with LIMIT/OFFSET so results larger than
// one 64 KiB frame come back whole (Query) or page by page (Stream, SQLEach).
// Paging adapts to the frame: rows of a reply wazuh-db had to cut are kept
// and the next request starts after them. Rows are returned as raw JSON
// objects, keys in column order, NULL columns omitted as wazuh-db omits them.
//
// The pages of one statement go to the same connection whenever possible:
// between pages the connection is parked rather than freed, and is only
// taken by another request when nothing else is idle and no connection may
// be opened. wazuh-db recomputes every page anyway; the embedded server
// continues the statement it left open for that connection instead, which
// makes paging through N rows O(N). Parked connections hold no slot, so a
// page callback may query wazuh-db itself.
//
// WithDialer replaces the Unix socket: in embedded mode the host talks to
// its own wazuh-db through in-process connections (wazuhdb.Server.Dial),
// same protocol and errors, no socket. Such connections may hand replies
// over from a buffer pool (Recycler): Stream gives them back once its
// callback has returned, which is why it must not retain a page.
//
// Errors carry Wazuh codes (errors.As into *sdk.Error): 2003 wazuh-db
// error, 2004 invalid query, 2005 cannot connect, 2006 bad JSON, 2007
// failed paged command, 2009 a row larger than a frame; socket-level
// failures keep 1014/1123 from package host/socket.
package wdb
