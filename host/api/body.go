package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
)

// maxJSONDepth bounds body nesting (Wazuh 4.14.5 answers deep JSON with
// "Maximum recursion depth exceeded."; the exact depth is Python's
// recursion budget, so this value is ours).
const maxJSONDepth = 100

// readBody reads at most limit bytes (0 = unlimited). A larger body gives
// Wazuh's 413 "Content size exceeded." problem.
func readBody(r *http.Request, limit int64) ([]byte, *problem) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	reader := io.Reader(r.Body)
	if limit > 0 {
		if r.ContentLength > limit {
			p := problemTooLarge(limit, r.ContentLength)
			return nil, &p
		}
		reader = io.LimitReader(r.Body, limit+1)
	}
	body, err := io.ReadAll(reader)
	if err != nil {
		p := problemBadRequest("Error reading request body")
		return nil, &p
	}
	if limit > 0 && int64(len(body)) > limit {
		p := problemTooLarge(limit, int64(len(body)))
		return nil, &p
	}
	return body, nil
}

// checkBody applies connexion's and Wazuh's body checks in Wazuh's order:
// no Content-Type → 406 (6002); a type the route does not consume → 415;
// JSON syntax errors → 400 with Python's JSONDecodeError text; too deep → 400.
func checkBody(r *http.Request, body []byte, consumes []string) *problem {
	if len(body) == 0 {
		return nil
	}
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		p := problemNoContentType
		return &p
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || !slices.Contains(consumes, mt) {
		p := problemUnsupportedMedia(ct)
		if len(consumes) > 0 && consumes[0] != "application/json" {
			p.detail = fmt.Sprintf("Invalid Content-type (%s), expected %s", ct, pyList(consumes))
		}
		return &p
	}
	if mt != "application/json" {
		return nil
	}
	if msg := pythonJSONError(body); msg != "" {
		p := problemBadRequest(msg)
		return &p
	}
	if jsonDepth(body) > maxJSONDepth {
		return &problem{status: http.StatusBadRequest, title: "Maximum recursion depth exceeded.", detail: "The JSON structure of the request exceeds the maximum nesting depth allowed by the API."}
	}
	return nil
}

func pyList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "'" + s + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// pythonJSONError returns the message Python's json module gives for body, or
// "" when body is valid JSON.
func pythonJSONError(body []byte) string {
	dec := json.NewDecoder(bytes.NewReader(body))
	var v any
	err := dec.Decode(&v)
	if err == nil {
		if rest := bytes.TrimSpace(body[dec.InputOffset():]); len(rest) > 0 {
			return pyPos("Extra data", body, len(body)-len(rest))
		}
		return ""
	}
	var se *json.SyntaxError
	offset := len(body)
	msg := "Expecting value"
	if errors.As(err, &se) {
		offset = int(se.Offset) - 1
		switch s := se.Error(); {
		case strings.Contains(s, "after object key:value pair"), strings.Contains(s, "after array element"):
			msg = "Expecting ',' delimiter"
		case strings.Contains(s, "after object key"):
			msg = "Expecting ':' delimiter"
		case strings.Contains(s, "beginning of object key string"):
			msg = "Expecting property name enclosed in double quotes"
		case strings.Contains(s, "in string"):
			msg = "Invalid control character at"
		case strings.Contains(s, "in literal"), strings.HasSuffix(s, "in numeric literal") && offset > 0 && body[offset-1] == '-':
			// A misspelled true/false/null, or a lone "-": Python reports
			// the start of the value, Go the offending byte inside it.
			offset = literalStart(body, offset)
		}
	}
	if offset < 0 {
		offset = 0
	}
	return pyPos(msg, body, offset)
}

// literalStart walks back from offset to the first byte of the literal
// containing it (letters, or the "-" of a number).
func literalStart(body []byte, offset int) int {
	offset = min(offset, len(body))
	for offset > 0 {
		c := body[offset-1]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
			break
		}
		offset--
	}
	return offset
}

func pyPos(msg string, body []byte, offset int) string {
	if offset > len(body) {
		offset = len(body)
	}
	line := 1 + bytes.Count(body[:offset], []byte("\n"))
	col := offset + 1
	if i := bytes.LastIndexByte(body[:offset], '\n'); i >= 0 {
		col = offset - i
	}
	return fmt.Sprintf("%s: line %d column %d (char %d)", msg, line, col, offset)
}

// jsonDepth returns the maximum nesting depth of valid JSON.
func jsonDepth(body []byte) int {
	depth, max := 0, 0
	inString, escaped := false, false
	for _, c := range body {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				max = depth
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return max
}
