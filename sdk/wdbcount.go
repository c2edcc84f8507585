package sdk

import (
	"context"
	"encoding/json"
)

// CountingStreamer is implemented by hosts that run a listing's count query
// in the same call as its page query. The host given to a module by
// plugin.Serve implements it (one round trip instead of two); use
// StreamWDBWithCount rather than asserting it.
type CountingStreamer interface {
	// StreamWDBWithCount streams command's pages through fn, as StreamWDB
	// does, and returns the payload of countCommand, which runs
	// concurrently.
	StreamWDBWithCount(ctx context.Context, command, countCommand string, fn func(page json.RawMessage) error) (json.RawMessage, error)
}

// StreamWDBWithCount streams the page query command through fn and returns
// the payload of countCommand (typically the listing's SELECT COUNT(*), for
// Wazuh's total_affected_items). Hosts that implement CountingStreamer do
// both in one call; with others the count runs as a concurrent QueryWDB.
// A failed page stream is reported before a failed count.
func StreamWDBWithCount(ctx context.Context, h Host, command, countCommand string, fn func(page json.RawMessage) error) (json.RawMessage, error) {
	if cs, ok := h.(CountingStreamer); ok {
		return cs.StreamWDBWithCount(ctx, command, countCommand, fn)
	}
	return streamThenCount(ctx, h, command, countCommand, fn)
}

// streamThenCount is the two-call fallback: the count runs concurrently
// with the stream.
func streamThenCount(ctx context.Context, h Host, command, countCommand string, fn func(page json.RawMessage) error) (json.RawMessage, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type counted struct {
		payload json.RawMessage
		err     error
	}
	done := make(chan counted, 1)
	go func() {
		p, err := h.QueryWDB(ctx, countCommand)
		done <- counted{p, err}
	}()
	if err := h.StreamWDB(ctx, command, fn); err != nil {
		return nil, err
	}
	c := <-done
	return c.payload, c.err
}
