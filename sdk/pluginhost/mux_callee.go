package pluginhost

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"google.golang.org/protobuf/proto"

	"github.com/wazuh-go/server/sdk/workers"
)

// calleeWire adapts one service's Exchange messages to serveMux.
type calleeWire struct {
	// newRequest returns an empty caller message.
	newRequest func() proto.Message
	// frame reads a caller message: its call, the request when it starts
	// the call, whether it cancels it, and the credit it grants.
	frame func(msg proto.Message) (id uint64, start proto.Message, cancel bool, credit uint32)
	// setCall stamps a response with its call.
	setCall func(resp proto.Message, id uint64)
}

// muxHandler serves one call: send sends one of its response messages
// (waiting for credit; the caller marks the last one as the end).
type muxHandler func(ctx context.Context, req proto.Message, send func(proto.Message) error)

// muxCallee is the serving end of an Exchange stream.
type muxCallee struct {
	stream msgStream
	ctx    context.Context
	wire   *calleeWire
	handle muxHandler
	sendMu sync.Mutex
	mu     sync.Mutex
	calls  map[uint64]*calleeCall
	wg     sync.WaitGroup
	// workers run the handlers.
	workers *workers.Pool
}

// calleeCall is one call in progress at the callee.
type calleeCall struct {
	cancel context.CancelFunc
	credit *creditGate
}

// serveMux serves the calls of one stream, each on a goroutine of its own
// while it runs (kept between calls, see package workers),
// until the caller closes it. It returns only when every handler it
// started has finished, since gRPC forbids sending on a stream whose
// handler has returned.
func serveMux(ctx context.Context, stream msgStream, wire *calleeWire, handle muxHandler) error {
	m := &muxCallee{stream: stream, ctx: ctx, wire: wire, handle: handle, calls: map[uint64]*calleeCall{}, workers: workers.New(0)}
	err := m.serve()
	if err != nil {
		m.cancelAll()
	}
	m.wg.Wait()
	m.workers.Close()
	return err
}

func (m *muxCallee) serve() error {
	for {
		msg := m.wire.newRequest()
		if err := m.stream.RecvMsg(msg); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("pluginhost: exchange: %w", err)
		}
		id, start, cancel, credit := m.wire.frame(msg)
		switch {
		case start != nil:
			m.start(id, start)
		case cancel:
			if c := m.call(id); c != nil {
				c.cancel()
			}
		case credit > 0:
			if c := m.call(id); c != nil {
				c.credit.add(int(credit))
			}
		}
	}
}

func (m *muxCallee) call(id uint64) *calleeCall {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls[id]
}

func (m *muxCallee) cancelAll() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range m.calls {
		c.cancel()
	}
}

// start runs the call's handler on a worker goroutine.
func (m *muxCallee) start(id uint64, req proto.Message) {
	ctx, cancel := context.WithCancel(m.ctx)
	c := &calleeCall{cancel: cancel, credit: newCreditGate(muxWindow)}
	m.mu.Lock()
	m.calls[id] = c
	m.mu.Unlock()
	send := func(resp proto.Message) error {
		if err := c.credit.acquire(ctx); err != nil {
			return err
		}
		m.wire.setCall(resp, id)
		m.sendMu.Lock()
		defer m.sendMu.Unlock()
		return m.stream.SendMsg(resp)
	}
	m.wg.Add(1)
	m.workers.Run(func() {
		defer m.wg.Done()
		defer func() {
			m.mu.Lock()
			delete(m.calls, id)
			m.mu.Unlock()
			cancel()
		}()
		m.handle(ctx, req, send)
	})
}

// creditGate counts the messages a call may still send.
type creditGate struct {
	mu   sync.Mutex
	n    int
	wake chan struct{}
}

func newCreditGate(n int) *creditGate { return &creditGate{n: n, wake: make(chan struct{}, 1)} }

// acquire takes one credit, waiting for the caller to grant one.
func (g *creditGate) acquire(ctx context.Context) error {
	for {
		g.mu.Lock()
		if g.n > 0 {
			g.n--
			g.mu.Unlock()
			return nil
		}
		g.mu.Unlock()
		select {
		case <-g.wake:
		case <-ctx.Done():
			return fmt.Errorf("pluginhost: waiting for credit: %w", ctx.Err())
		}
	}
}

// add grants n more credits.
func (g *creditGate) add(n int) {
	g.mu.Lock()
	g.n += n
	g.mu.Unlock()
	select {
	case g.wake <- struct{}{}:
	default:
	}
}
