package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"google.golang.org/protobuf/proto"
)

// Both Exchange streams of the protocol (ModuleService.Exchange, opened by
// the host, and HostService.Exchange, opened by the module) carry calls
// the same way: the caller numbers each call and sends its request; the
// callee answers with messages carrying the call's number, the last one
// marked as the end; the caller may cancel a call, and grants credit for
// the messages it has consumed. A call may have at most muxWindow
// messages in flight, so the caller's receiver never waits on a slow call
// and one stream serves every call.

// muxWindow is the number of response messages a call may have in flight
// before the caller grants more: small responses are one message, and a
// large body keeps this many chunks on their way while the caller
// consumes the previous ones.
const muxWindow = 4

// errMuxClosed reports a call lost with its Exchange stream.
var errMuxClosed = errors.New("pluginhost: exchange stream closed")

// msgStream is the part of a gRPC stream both ends use.
type msgStream interface {
	SendMsg(m any) error
	RecvMsg(m any) error
}

// callerWire adapts one service's Exchange messages to muxCaller.
type callerWire struct {
	// start, cancel and credit build the caller's messages.
	start  func(id uint64, req proto.Message) proto.Message
	cancel func(id uint64) proto.Message
	credit func(id uint64, n uint32) proto.Message
	// newResponse returns an empty response whose large field is received
	// without a copy.
	newResponse func() *aliasedMsg
	// frame returns a response's call and whether it is the call's last.
	frame func(resp proto.Message) (id uint64, end bool)
}

// muxCaller is the calling end of an Exchange stream.
type muxCaller struct {
	stream msgStream
	wire   *callerWire
	cancel context.CancelFunc
	sendMu sync.Mutex

	mu    sync.Mutex
	calls map[uint64]*muxCall
	next  uint64
	err   error // set once the stream is broken
}

// newMuxCaller starts the receiver of an open stream; cancel ends it.
func newMuxCaller(stream msgStream, cancel context.CancelFunc, wire *callerWire) *muxCaller {
	m := &muxCaller{stream: stream, wire: wire, cancel: cancel, calls: map[uint64]*muxCall{}}
	go m.receive()
	return m
}

// lazyMux is a caller's Exchange stream, opened on first use and again
// after it breaks, when the other end's protocol minor has Exchange.
type lazyMux struct {
	wire *callerWire
	// open opens the stream on ctx (codecCallOption, for aliasedMsg).
	open func(ctx context.Context) (msgStream, error)

	mu    sync.Mutex
	minor int32 // the other end's protocol minor
	m     *muxCaller
}

// setMinor records the other end's protocol minor.
func (l *lazyMux) setMinor(minor int32) {
	l.mu.Lock()
	l.minor = minor
	l.mu.Unlock()
}

// caller returns the open stream; nil when the other end predates Exchange
// or the stream cannot be opened (the caller then uses the per-call RPCs).
// Opening waits for the connection no longer than ctx allows; the stream
// itself outlives ctx.
func (l *lazyMux) caller(ctx context.Context) *muxCaller {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.minor < exchangeMinor {
		return nil
	}
	if l.m != nil && !l.m.broken() {
		return l.m
	}
	streamCtx, cancel := context.WithCancel(context.Background())
	stop := context.AfterFunc(ctx, cancel)
	stream, err := l.open(streamCtx)
	if !stop() && err == nil {
		err = ctx.Err()
	}
	if err != nil {
		cancel()
		return nil
	}
	l.m = newMuxCaller(stream, cancel, l.wire)
	return l.m
}

// current returns the stream opened last, if any.
func (l *lazyMux) current() *muxCaller {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.m
}

// close ends the stream, if one is open.
func (l *lazyMux) close() {
	if m := l.current(); m != nil {
		m.close()
	}
}

// close ends the stream; the callee cancels the calls still in progress.
func (m *muxCaller) close() { m.fail(nil) }

// broken reports whether the stream can no longer carry calls.
func (m *muxCaller) broken() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.err != nil
}

func (m *muxCaller) send(msg proto.Message) error {
	m.sendMu.Lock()
	defer m.sendMu.Unlock()
	return m.stream.SendMsg(msg)
}

// receive hands every message to its call until the stream fails, then
// fails the calls in progress.
func (m *muxCaller) receive() {
	for {
		am := m.wire.newResponse()
		if err := m.stream.RecvMsg(am); err != nil {
			m.fail(err)
			return
		}
		id, end := m.wire.frame(am.msg)
		m.mu.Lock()
		c := m.calls[id]
		if c != nil && end {
			delete(m.calls, id)
		}
		m.mu.Unlock()
		if c == nil { // an abandoned call's late messages
			am.release()
			continue
		}
		select {
		case c.ch <- am:
		default: // more messages than credited: refuse the call
			am.release()
			m.forget(id)
			_ = m.send(m.wire.cancel(id))
			c.abort(fmt.Errorf("pluginhost: call %d exceeded its credit", id))
		}
	}
}

func (m *muxCaller) fail(err error) {
	if err == nil || errors.Is(err, io.EOF) {
		err = errMuxClosed
	} else {
		err = fmt.Errorf("%w: %w", errMuxClosed, err)
	}
	m.mu.Lock()
	if m.err != nil {
		m.mu.Unlock()
		return
	}
	m.err = err
	calls := m.calls
	m.calls = map[uint64]*muxCall{}
	m.mu.Unlock()
	for _, c := range calls {
		c.abort(err)
	}
	m.cancel()
}

func (m *muxCaller) forget(id uint64) {
	m.mu.Lock()
	delete(m.calls, id)
	m.mu.Unlock()
}

// start sends a call's request.
func (m *muxCaller) start(req proto.Message) (*muxCall, error) {
	m.mu.Lock()
	if m.err != nil {
		m.mu.Unlock()
		return nil, m.err
	}
	m.next++
	c := &muxCall{id: m.next, m: m, ch: make(chan *aliasedMsg, muxWindow), done: make(chan struct{})}
	m.calls[c.id] = c
	m.mu.Unlock()
	if err := m.send(m.wire.start(c.id, req)); err != nil {
		m.forget(c.id)
		return nil, fmt.Errorf("pluginhost: exchange send: %w", err)
	}
	return c, nil
}

// muxCall is one call in progress at the caller.
type muxCall struct {
	id       uint64
	m        *muxCaller
	ch       chan *aliasedMsg
	done     chan struct{}
	once     sync.Once
	err      error
	consumed uint32
	ended    bool
}

func (c *muxCall) abort(err error) {
	c.once.Do(func() { c.err = err; close(c.done) })
}

// recv returns the call's next message and whether it is the last; it
// grants the callee a credit for every message taken, in batches of half
// the window.
func (c *muxCall) recv(ctx context.Context) (*aliasedMsg, bool, error) {
	var am *aliasedMsg
	select {
	case am = <-c.ch:
	default:
		select {
		case am = <-c.ch:
		case <-c.done:
			select { // a message may have arrived with the failure
			case am = <-c.ch:
			default:
				return nil, false, c.err
			}
		case <-ctx.Done():
			return nil, false, ctx.Err()
		}
	}
	if _, end := c.m.wire.frame(am.msg); end {
		c.ended = true
		return am, true, nil
	}
	if c.consumed++; c.consumed >= muxWindow/2 {
		_ = c.m.send(c.m.wire.credit(c.id, c.consumed))
		c.consumed = 0
	}
	return am, false, nil
}

// finish cancels the call at the callee unless it ended, and frees what
// was received and not read.
func (c *muxCall) finish() {
	if !c.ended {
		c.m.forget(c.id)
		_ = c.m.send(c.m.wire.cancel(c.id))
	}
	for {
		select {
		case am := <-c.ch:
			am.release()
		default:
			return
		}
	}
}
