package pluginhost

import (
	"context"
	"time"
)

// Calls between host and module do not send their deadline: Client and
// hostClient call gRPC with withoutDeadline(ctx). gRPC would encode it as a
// grpc-timeout header on every call (3% of a module's CPU under small
// listings) and the receiver would arm a timer for it. Nothing is lost:
// when the caller's deadline passes its context is done, gRPC resets the
// stream and the receiver's context is cancelled when it would have
// expired.

// noDeadline hides its parent's deadline and keeps its cancellation.
type noDeadline struct{ context.Context }

// Deadline reports none.
func (noDeadline) Deadline() (time.Time, bool) { return time.Time{}, false }

// withoutDeadline returns ctx without its deadline (ctx itself when it has
// none).
func withoutDeadline(ctx context.Context) context.Context {
	if _, ok := ctx.Deadline(); !ok {
		return ctx
	}
	return noDeadline{ctx}
}
