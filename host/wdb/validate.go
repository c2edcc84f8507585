package wdb

import (
	"strings"

	"github.com/wazuh-go/server/host/wdb/sqltext"
	"github.com/wazuh-go/server/sdk"
)

// sqlCommand is a "<target> sql <statement>" command split after "sql ".
type sqlCommand struct {
	prefix string // "global sql ", "agent 001 sql ", ...
	stmt   string
	// page is the statement's LIMIT/OFFSET window, when pageable (a
	// SELECT whose window could be read).
	page     sqltext.Paging
	pageable bool
}

// parseSQLCommand recognises "global sql X", "task sql X", "mitre sql X"
// and "agent <id> sql X".
func parseSQLCommand(command string) (sqlCommand, bool) {
	f := strings.SplitN(command, " ", 4)
	switch {
	case len(f) >= 3 && f[0] != "agent" && f[1] == "sql":
		n := len(f[0]) + len(" sql ")
		if len(command) < n {
			return sqlCommand{}, false
		}
		return sqlCommand{prefix: command[:n], stmt: command[n:]}, true
	case len(f) == 4 && f[0] == "agent" && f[2] == "sql":
		n := len(f[0]) + len(f[1]) + len("  sql ")
		return sqlCommand{prefix: command[:n], stmt: command[n:]}, true
	}
	return sqlCommand{}, false
}

// validateQuery applies the framework's input validation
// (WazuhDBConnection.__query_input_validation) to a lower-cased query:
// "<agent <digits>|global|task|mitre> sql <select|delete|update> ..."
// without ';'. Failures are Wazuh error 2004.
func validateQuery(query string) error {
	el := strings.Split(query, " ")
	first := 1
	if el[0] == "agent" {
		first = 2
	}
	at := func(i int) string {
		if i < len(el) {
			return el[i]
		}
		return ""
	}
	switch {
	case at(first) != "sql":
		return sdk.NewError(CodeInvalidQuery, "Incorrect WDB request type.")
	case el[0] != "agent" && el[0] != "global" && el[0] != "task" && el[0] != "mitre":
		return sdk.NewError(CodeInvalidQuery, "The "+el[0]+" database is not valid")
	case el[0] == "agent" && !isDigits(at(1)):
		return sdk.NewError(CodeInvalidQuery, "Incorrect agent ID "+at(1))
	}
	switch at(first + 1) {
	case "select", "delete", "update":
	default:
		return sdk.NewError(CodeInvalidQuery, `Only "select", "delete" or "update" requests can be sent to WDB`)
	}
	if strings.Contains(query, ";") {
		return sdk.NewError(CodeInvalidQuery, "Found a not valid symbol in database query: ;")
	}
	return nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
