package wazuhdb

import (
	"strconv"
	"strings"
)

// Command is one parsed wazuh-db request, split the way wazuh-db's
// wdb_parse splits it: "<actor> [<agent id>] <query> [<args>]".
type Command struct {
	// Actor is "agent", "global", "mitre", "task" or "wazuhdb"; "" for a
	// JSON com request (one starting with '{').
	Actor string
	// AgentID is the agent of an "agent" request.
	AgentID int64
	// Query is the sub-command ("sql", "insert-agent", "get-agent-info"...).
	Query string
	// Args is everything after the query word, verbatim (may be empty).
	Args string
	// HasArgs reports whether a space followed the query word.
	HasArgs bool
	// JSON is the raw request of a JSON com request.
	JSON string
}

// ProtocolError is a request wazuh-db rejects while parsing; the reply is
// "err " followed by Error().
type ProtocolError struct{ msg string }

// Error returns the text wazuh-db puts after "err ".
func (e *ProtocolError) Error() string { return e.msg }

func syntaxError(near string) error {
	return &ProtocolError{msg: "Invalid DB query syntax, near '" + clip32(near) + "'"}
}

// clip32 is C's "%.32s".
func clip32(s string) string {
	if len(s) > 32 {
		return s[:32]
	}
	return s
}

// ParseCommand parses a request the way wazuh-db does. The text is cut at
// the first NUL byte and leading blanks and newlines are skipped, as C
// string handling does; a trailing newline must already have been removed.
// Unknown actors and malformed requests give a *ProtocolError whose text is
// wazuh-db's reply.
func ParseCommand(req string) (Command, error) {
	if i := strings.IndexByte(req, 0); i >= 0 {
		req = req[:i]
	}
	req = strings.TrimLeft(req, " \n")
	if req == "" {
		return Command{}, &ProtocolError{msg: "Empty input query"}
	}
	if req[0] == '{' {
		return Command{JSON: req}, nil
	}
	actor, rest, ok := strings.Cut(req, " ")
	if !ok {
		return Command{}, syntaxError(req)
	}
	cmd := Command{Actor: actor}
	switch actor {
	case "agent":
		id, after, ok := strings.Cut(rest, " ")
		if !ok {
			return Command{}, syntaxError(id)
		}
		n, valid := parseStrtol(id)
		if !valid {
			return Command{}, &ProtocolError{msg: "Invalid agent ID '" + clip32(id) + "'"}
		}
		cmd.AgentID = n
		rest = after
	case "global", "mitre", "task", "wazuhdb":
	default:
		return Command{}, &ProtocolError{msg: "Invalid DB query actor: '" + clip32(actor) + "'"}
	}
	cmd.Query, cmd.Args, cmd.HasArgs = strings.Cut(rest, " ")
	return cmd, nil
}

// parseStrtol mimics strtol(s, &end, 10) with the "*end must be NUL"
// check wazuh-db applies: optional blanks and sign, then only digits. An
// empty string is agent 0, as in C.
func parseStrtol(s string) (int64, bool) {
	t := strings.TrimLeft(s, " \t\n\r\f\v")
	if t == "" {
		return 0, s == ""
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// atoi mimics C's atoi: leading blanks, optional sign, leading digits;
// anything else gives 0.
func atoi(s string) int64 {
	s = strings.TrimLeft(s, " \t\n\r\f\v")
	end := 0
	if end < len(s) && (s[end] == '-' || s[end] == '+') {
		end++
	}
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, _ := strconv.ParseInt(s[:end], 10, 64)
	return n
}
