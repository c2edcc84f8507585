package auth

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// Security defaults (security.md §6.2).
const (
	DefaultTokenTimeout = 900
	DefaultRBACMode     = "white"
)

// Settings is security.yaml: auth_token_exp_timeout and rbac_mode. Omitted
// keys fall back to defaults when read (Wazuh's behaviour).
type Settings struct {
	path string

	mu      sync.RWMutex
	timeout int64
	mode    string
}

type settingsFile struct {
	AuthTokenExpTimeout *int64  `yaml:"auth_token_exp_timeout,omitempty"`
	RBACMode            *string `yaml:"rbac_mode,omitempty"`
}

// LoadSettings reads path; a missing file means defaults.
func LoadSettings(path string) (*Settings, error) {
	s := &Settings{path: path}
	if err := s.Reload(); err != nil {
		return nil, err
	}
	return s, nil
}

// Reload re-reads the file.
func (s *Settings) Reload() error {
	timeout, mode := int64(DefaultTokenTimeout), DefaultRBACMode
	data, err := os.ReadFile(s.path)
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("auth: read %s: %w", s.path, err)
	}
	if err == nil {
		var f settingsFile
		if err := yaml.Unmarshal(data, &f); err != nil {
			return fmt.Errorf("auth: parse %s (error 4021): %w", s.path, err)
		}
		if f.AuthTokenExpTimeout != nil {
			timeout = *f.AuthTokenExpTimeout
		}
		if f.RBACMode != nil {
			if *f.RBACMode != "white" && *f.RBACMode != "black" {
				return fmt.Errorf("auth: %s: rbac_mode must be white or black", s.path)
			}
			mode = *f.RBACMode
		}
	}
	s.mu.Lock()
	s.timeout, s.mode = timeout, mode
	s.mu.Unlock()
	return nil
}

// Current returns the token timeout in seconds and the RBAC mode.
func (s *Settings) Current() (int64, string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.timeout, s.mode
}

// Update writes only the supplied keys (nil = not supplied), as Wazuh's
// PUT /security/config does, and reloads.
func (s *Settings) Update(timeout *int64, mode *string) error {
	data, err := yaml.Marshal(settingsFile{AuthTokenExpTimeout: timeout, RBACMode: mode})
	if err != nil {
		return fmt.Errorf("auth: encode settings: %w", err)
	}
	if err := writeFileAtomic(s.path, data, 0o640); err != nil {
		return err
	}
	return s.Reload()
}

// Watch re-reads the file every interval until ctx is done, as Wazuh reads
// security.yaml on every token check: an edit on disk to rbac_mode or
// auth_token_exp_timeout makes older tokens "Token expired" within one
// interval. A file that fails to parse leaves the settings unchanged and
// is reported (report may be nil).
func (s *Settings) Watch(ctx context.Context, interval time.Duration, report func(error)) {
	every(ctx, interval, s.Reload, report)
}

// Path is the security.yaml file.
func (s *Settings) Path() string { return s.path }
