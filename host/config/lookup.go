package config

import (
	"encoding/json"
	"fmt"

	"github.com/wazuh-go/server/sdk"
)

// Lookup returns the value at a dotted key as JSON ("" for the whole
// configuration), for modules' Host.GetConfig.
func (c *Config) Lookup(key string) (json.RawMessage, error) {
	if c.k == nil {
		return nil, fmt.Errorf("config: not loaded: %w", sdk.ErrNotFound)
	}
	var v any
	if key == "" {
		v = c.k.Raw()
	} else {
		if !c.k.Exists(key) {
			return nil, fmt.Errorf("config: key %q: %w", key, sdk.ErrNotFound)
		}
		v = c.k.Get(key)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("config: encode %q: %w", key, err)
	}
	return b, nil
}
