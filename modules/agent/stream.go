package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// Messages of the agent listings (framework get_agents).
var agentListMsgs = [3]string{"All selected agents information was returned",
	"Some agents information was not returned", "No agent information was returned"}

// agentList is one streamed agent listing: a compiled query, the failed
// items found before running it and the envelope messages.
type agentList struct {
	q        *query.Query
	explicit bool // select given: keys in request order
	msgs     [3]string
	failed   func(res *sdk.AffectedItemsResult)
}

// envelopeHead starts every AffectedItems envelope.
const envelopeHead = `{"data": {"affected_items": [`

// streamAgents answers an agent listing by streaming the rows of wazuh-db
// straight into the envelope: pages are transcoded as they arrive (never
// holding the whole result), the total is counted concurrently and written
// after the items, where Wazuh's envelope has it.
func (m *Module) streamAgents(ctx context.Context, req *sdk.Request, l agentList) (*sdk.Response, error) {
	pageCmd, err := sqlCommand("global", l.q.SQL, l.q.Args)
	if err != nil {
		return nil, err
	}
	countCmd, err := sqlCommand("global", l.q.CountSQL, l.q.CountArgs)
	if err != nil {
		return nil, err
	}
	plan := cachedAgentPlan(l.q.Columns, l.explicit)
	write := func(w io.Writer) error {
		if _, err := io.WriteString(w, envelopeHead); err != nil {
			return err
		}
		// The page and its total come back from one host call.
		var count json.RawMessage
		_, err := m.writeAgentRows(w, plan, func(page func(json.RawMessage) error) error {
			var err error
			count, err = sdk.StreamWDBWithCount(ctx, m.host, pageCmd, countCmd, page)
			return err
		})
		if err != nil {
			return err
		}
		rows, err := decodeRows(count)
		if err != nil {
			return fmt.Errorf("agent: count: %w", err)
		}
		res := sdk.NewAffectedItems(l.msgs[0], l.msgs[1], l.msgs[2])
		res.SetTotal(firstInt(rows)) // the total before offset/limit, even past the end
		if l.failed != nil {
			l.failed(res)
		}
		_, err = w.Write(envelopeTail(res))
		return err
	}
	if req.Pretty() {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return nil, err
		}
		return jsonResponse(sdk.PythonizeJSON(buf.Bytes(), true)), nil
	}
	return &sdk.Response{Status: http.StatusOK, Header: jsonHeader(), BodyWriter: write}, nil
}

// rowBufs recycles the buffers agents are rendered into, one wazuh-db page
// at a time.
var rowBufs = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

// writeAgentRows renders the agent rows of the pages that stream hands to
// its callback and writes them to w, comma separated; it returns how many
// were written.
func (m *Module) writeAgentRows(w io.Writer, plan *agentPlan, stream func(page func(json.RawMessage) error) error) (int, error) {
	n := 0
	bp := rowBufs.Get().(*[]byte)
	defer rowBufs.Put(bp)
	buf := (*bp)[:0]
	defer func() { *bp = buf[:0] }()
	vals := plan.newRow()
	err := stream(func(page json.RawMessage) error {
		buf = buf[:0]
		err := eachRow(page, func(r *rowScanner) error {
			if n > 0 {
				buf = append(buf, ", "...)
			}
			n++
			var err error
			buf, err = plan.appendAgent(buf, r, vals)
			return err
		})
		if err != nil {
			return err
		}
		_, err = w.Write(buf)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("agent: list agents: %w", err)
	}
	return n, nil
}

// firstInt returns the first value of the first row as an int.
func firstInt(rows []map[string]any) int {
	if len(rows) == 0 {
		return 0
	}
	for _, v := range rows[0] {
		return toInt(v)
	}
	return 0
}

// envelopeTail renders what follows the affected items of an envelope:
// "], total_affected_items ... error}".
func envelopeTail(res *sdk.AffectedItemsResult) []byte {
	b, err := sdk.MarshalWazuhJSON(res, false)
	if err != nil {
		return []byte(`]}, "error": 1}`)
	}
	// b starts with {"data": {"affected_items": [], ...
	return b[len(envelopeHead):]
}

func jsonHeader() http.Header {
	return http.Header{"Content-Type": {"application/json"}}
}

func jsonResponse(body []byte) *sdk.Response {
	return &sdk.Response{Status: http.StatusOK, Header: jsonHeader(), Body: body}
}
