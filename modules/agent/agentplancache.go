package main

import (
	"strings"
	"sync"
	"sync/atomic"
)

// planCacheLimit bounds the cached plans: column lists come from the
// caller's select parameter, so the set of keys is open-ended.
const planCacheLimit = 256

// planCache keeps built agentPlans (immutable once built) by column list,
// so a listing does not rebuild its plan's maps on every request.
var planCache struct {
	m sync.Map // planKey -> *agentPlan
	n atomic.Int32
}

// cachedAgentPlan returns the plan of newAgentPlan(columns, explicit),
// built once per distinct column list while the cache has room.
func cachedAgentPlan(columns []string, explicit bool) *agentPlan {
	key := planKey(columns, explicit)
	if p, ok := planCache.m.Load(key); ok {
		return p.(*agentPlan)
	}
	p := newAgentPlan(columns, explicit)
	if planCache.n.Load() < planCacheLimit {
		if _, loaded := planCache.m.LoadOrStore(key, p); !loaded {
			planCache.n.Add(1)
		}
	}
	return p
}

// planKey joins the columns with a separator no column name contains.
func planKey(columns []string, explicit bool) string {
	var b strings.Builder
	if explicit {
		b.WriteByte('!')
	}
	for _, c := range columns {
		b.WriteString(c)
		b.WriteByte(0)
	}
	return b.String()
}
