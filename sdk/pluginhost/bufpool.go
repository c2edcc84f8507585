package pluginhost

import (
	"math/bits"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/experimental"
)

// Tiers of wirePool: powers of two from 4 KiB to 4 MiB.
const (
	minTierExp = 12
	maxTierExp = 22
)

// wirePool is the gRPC buffer pool of both ends of the module protocol.
// gRPC's default pool clears every buffer it hands out, sized to its next
// tier (1 MiB for anything over 32 KiB), so each streamed 64 KiB wazuh-db
// page or body chunk cost a megabyte of memclr on marshal and again on
// receive. gRPC fills every byte of the length it asks for (marshaling,
// reading frames), so this pool does not zero, and its tiers are finer.
type wirePool struct {
	tiers [maxTierExp - minTierExp + 1]sync.Pool
}

var sharedWirePool = &wirePool{}

// Get returns a buffer of length n, recycled when one of its tier is free.
func (p *wirePool) Get(n int) *[]byte {
	exp := max(bits.Len(uint(n-1)), minTierExp)
	if n <= 0 || exp > maxTierExp {
		b := make([]byte, n)
		return &b
	}
	if v := p.tiers[exp-minTierExp].Get(); v != nil {
		b := v.(*[]byte)
		*b = (*b)[:n]
		return b
	}
	b := make([]byte, n, 1<<exp)
	return &b
}

// Put recycles b in the largest tier its capacity covers.
func (p *wirePool) Put(b *[]byte) {
	exp := bits.Len(uint(cap(*b))) - 1
	if exp < minTierExp {
		return
	}
	exp = min(exp, maxTierExp)
	*b = (*b)[:0]
	p.tiers[exp-minTierExp].Put(b)
}

// bufferPoolServerOption and bufferPoolDialOption install wirePool.
func bufferPoolServerOption() grpc.ServerOption { return experimental.BufferPool(sharedWirePool) }

func bufferPoolDialOption() grpc.DialOption { return experimental.WithBufferPool(sharedWirePool) }
