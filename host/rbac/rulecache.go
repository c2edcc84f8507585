package rbac

import (
	"fmt"
	"sync"

	"github.com/wazuh-go/server/host/rbac/authcontext"
)

// maxCachedRules bounds the parsed-rule cache.
const maxCachedRules = 1024

// ruleCache keeps parsed rules by their stored text.
type ruleCache struct {
	mu    sync.Mutex
	rules map[string]*authcontext.Rule
}

func newRuleCache() *ruleCache {
	return &ruleCache{rules: map[string]*authcontext.Rule{}}
}

func (c *ruleCache) get(text string) (*authcontext.Rule, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if r, ok := c.rules[text]; ok {
		return r, nil
	}
	r, err := authcontext.ParseRule([]byte(text))
	if err != nil {
		return nil, fmt.Errorf("rbac: parse rule: %w", err)
	}
	if len(c.rules) >= maxCachedRules {
		c.rules = map[string]*authcontext.Rule{}
	}
	c.rules[text] = r
	return r, nil
}
