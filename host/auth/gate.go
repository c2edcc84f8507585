package auth

import (
	"runtime"
	"sync"
	"time"
)

// Default budget of ES512 signature verifications (each costs about 1.6 ms
// of CPU on P-521). Tokens issued by this process are admitted to the
// verified cache at login, so only tokens it has not issued since start
// (forged ones, or real ones after a restart) ever need a verification.
const (
	DefaultVerifyRate  = 50
	DefaultVerifyBurst = 100
)

// verifyGate bounds signature work so that a flood of well-formed but
// unknown tokens cannot starve legitimate requests: a token bucket caps
// verifications per second (beyond it the token is refused without any
// signature work) and a semaphore caps how many run at once.
type verifyGate struct {
	slots chan struct{}
	now   func() time.Time

	mu      sync.Mutex
	rate    float64
	burst   float64
	tokens  float64
	last    time.Time
	granted int // verifications admitted so far (for tests and metrics)
}

func newVerifyGate(rate, burst, concurrent int, now func() time.Time) *verifyGate {
	if concurrent <= 0 {
		concurrent = max(1, runtime.GOMAXPROCS(0)/2)
	}
	return &verifyGate{
		slots: make(chan struct{}, concurrent), now: now,
		rate: float64(rate), burst: float64(burst), tokens: float64(burst),
	}
}

// acquire reserves one verification. It returns false, without waiting,
// when the per-second budget is spent; otherwise it waits for a free slot
// and the caller must call release.
func (g *verifyGate) acquire() bool {
	if g.rate > 0 {
		g.mu.Lock()
		now := g.now()
		if !g.last.IsZero() {
			g.tokens = min(g.burst, g.tokens+now.Sub(g.last).Seconds()*g.rate)
		}
		g.last = now
		if g.tokens < 1 {
			g.mu.Unlock()
			return false
		}
		g.tokens--
		g.granted++
		g.mu.Unlock()
	}
	g.slots <- struct{}{}
	return true
}

func (g *verifyGate) release() { <-g.slots }
