package wazuhdb

import (
	"sync"

	"github.com/wazuh-go/server/host/wdb/sqltext"
)

// sqlPlan is what runSQL derives from a statement's text before running
// it: the checked statement, its LIMIT/OFFSET window and whether its
// result may be cached as an aggregate.
type sqlPlan struct {
	stmt      string
	readOnly  bool
	err       error
	page      sqltext.Paging
	cacheable bool
}

// planMemoSize bounds the memo; it is emptied when full. API listings send
// the same few texts again and again (with the same windows), and
// tokenizing them each time cost as much as running a small page.
const planMemoSize = 512

// planMemo remembers the sqlPlan of recent texts (for one write mode).
type planMemo struct {
	mu    sync.Mutex
	plans map[string]*sqlPlan
}

// plan returns the sqlPlan of text.
func (m *planMemo) plan(text string, allowWrite bool) *sqlPlan {
	m.mu.Lock()
	p, ok := m.plans[text]
	m.mu.Unlock()
	if ok {
		return p
	}
	p = &sqlPlan{}
	p.stmt, p.readOnly, p.err = sqltext.Check(text, allowWrite)
	if p.err == nil && p.readOnly {
		var ok bool
		if p.page, ok = sqltext.SplitLimit(p.stmt); !ok {
			p.page = sqltext.Paging{Base: p.stmt, Limit: -1}
		}
		p.cacheable = cacheableAggregate(p.stmt)
	}
	m.mu.Lock()
	if len(m.plans) >= planMemoSize || m.plans == nil {
		m.plans = make(map[string]*sqlPlan, planMemoSize)
	}
	m.plans[text] = p
	m.mu.Unlock()
	return p
}
