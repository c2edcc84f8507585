package wazuhdb

import (
	"errors"
	"os"
	"strconv"
	"strings"
)

// removeAgentDBs answers "wazuhdb remove <id> [<id>...]": it deletes the
// listed agents' databases and reports per id "Ok", "Invalid agent ID",
// "DB waiting for deletion" (in use) or "DB not found".
func (s *Server) removeAgentDBs(args string) []byte {
	out := []byte(`{"agents":{`)
	first := true
	for _, tok := range strings.Fields(args) {
		result := "Ok"
		id, err := strconv.ParseInt(tok, 10, 64)
		switch {
		case err != nil || id <= 0:
			result = "Invalid agent ID"
		default:
			if err := s.store.removeAgentDB(id); errors.Is(err, os.ErrNotExist) {
				result = "DB not found"
			} else if err != nil {
				result = "DB waiting for deletion"
			}
		}
		if !first {
			out = append(out, ',')
		}
		first = false
		out = appendString(out, tok)
		out = append(out, ':')
		out = appendString(out, result)
	}
	return okReply(append(out, "}}"...))
}
