package config

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/knadh/koanf/parsers/yaml"
	"github.com/knadh/koanf/providers/confmap"
	"github.com/knadh/koanf/providers/env/v2"
	"github.com/knadh/koanf/providers/file"
	"github.com/knadh/koanf/providers/posflag"
	"github.com/knadh/koanf/v2"
	"github.com/spf13/pflag"
)

// EnvPrefix prefixes environment overrides.
const EnvPrefix = "WAZUH_API_"

// envOnly are WAZUH_API_* variables that are not configuration keys.
var envOnly = []string{"WAZUH_API_ADMIN_PASSWORD"}

// ErrInvalid is wrapped by every configuration validation error.
var ErrInvalid = errors.New("invalid configuration")

// Sources says where to load from.
type Sources struct {
	// File is the YAML file (--config); empty for none.
	File string
	// Environ is the environment (os.Environ() when nil).
	Environ []string
	// Flags are parsed command-line flags whose names are config keys
	// (e.g. "root", "port"); only flags that were set override.
	Flags *pflag.FlagSet
}

// Load builds the configuration from defaults, file, environment and flags.
func Load(src Sources) (*Config, error) {
	k := koanf.New(".")
	if err := k.Load(confmap.Provider(Defaults(), "."), nil); err != nil {
		return nil, fmt.Errorf("config: defaults: %w", err)
	}
	if src.File != "" {
		fk := koanf.New(".")
		if err := fk.Load(file.Provider(src.File), yaml.Parser()); err != nil {
			return nil, fmt.Errorf("config: read %s: %w", src.File, err)
		}
		if err := checkKnownKeys(fk.Keys()); err != nil {
			return nil, fmt.Errorf("config: %s: %w", src.File, err)
		}
		if err := k.Merge(fk); err != nil {
			return nil, fmt.Errorf("config: merge %s: %w", src.File, err)
		}
	}
	environ := src.Environ
	if environ == nil {
		environ = os.Environ()
	}
	envProvider := env.Provider(".", env.Opt{
		Prefix:      EnvPrefix,
		EnvironFunc: func() []string { return environ },
		TransformFunc: func(key, value string) (string, any) {
			if slices.Contains(envOnly, key) {
				return "", nil
			}
			key = strings.ToLower(strings.TrimPrefix(key, EnvPrefix))
			return strings.ReplaceAll(key, "__", "."), value
		},
	})
	if err := k.Load(envProvider, nil); err != nil {
		return nil, fmt.Errorf("config: environment: %w", err)
	}
	if src.Flags != nil {
		fp := posflag.ProviderWithFlag(src.Flags, ".", k, func(f *pflag.Flag) (string, any) {
			if !f.Changed {
				return "", nil
			}
			return f.Name, posflag.FlagVal(src.Flags, f)
		})
		if err := k.Load(fp, nil); err != nil {
			return nil, fmt.Errorf("config: flags: %w", err)
		}
	}
	if err := normalizeWazuhBooleans(k); err != nil {
		return nil, err
	}
	var cfg Config
	if err := k.UnmarshalWithConf("", &cfg, koanf.UnmarshalConf{Tag: "koanf"}); err != nil {
		return nil, fmt.Errorf("config: %w: %w", ErrInvalid, err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg.k = k
	return &cfg, nil
}

// checkKnownKeys refuses unknown keys as Wazuh's strict api.yaml schema does
// (APIError 2000 at start). Free-form sections are not descended into.
func checkKnownKeys(keys []string) error {
	known := map[string]bool{}
	for k := range Defaults() {
		known[k] = true
	}
	freeForm := []string{"upload_configuration", "modules", "logs.max_size"}
	var bad []string
	for _, key := range keys {
		if known[key] || slices.ContainsFunc(freeForm, func(p string) bool { return key == p || strings.HasPrefix(key, p+".") }) {
			continue
		}
		bad = append(bad, key)
	}
	if len(bad) > 0 {
		return fmt.Errorf("%w: unknown key(s) %s", ErrInvalid, strings.Join(bad, ", "))
	}
	return nil
}

// Validate checks values against Wazuh's api.yaml schema.
func (c *Config) Validate() error {
	var errs []error
	if c.Port < 1 || c.Port > 65535 {
		errs = append(errs, fmt.Errorf("%w: port %d out of range", ErrInvalid, c.Port))
	}
	if c.Mode != "embedded" && c.Mode != "attached" {
		errs = append(errs, fmt.Errorf("%w: mode must be embedded or attached, got %q", ErrInvalid, c.Mode))
	}
	if !slices.Contains([]string{"disabled", "info", "warning", "error", "debug", "debug2"}, c.Logs.Level) {
		errs = append(errs, fmt.Errorf("%w: logs.level %q", ErrInvalid, c.Logs.Level))
	}
	if c.MaxUploadSize < 0 {
		errs = append(errs, fmt.Errorf("%w: max_upload_size must be >= 0", ErrInvalid))
	}
	if c.AuthenticationPoolSize < 1 || c.AuthenticationPoolSize > 50 {
		errs = append(errs, fmt.Errorf("%w: authentication_pool_size must be 1-50", ErrInvalid))
	}
	if c.Intervals.RequestTimeout < 1 {
		errs = append(errs, fmt.Errorf("%w: intervals.request_timeout must be >= 1", ErrInvalid))
	}
	for _, name := range []string{c.HTTPS.Key, c.HTTPS.Cert, c.HTTPS.CA} {
		if name == "" || strings.ContainsAny(name, "/\\") || strings.Contains(name, "..") {
			errs = append(errs, fmt.Errorf("%w: https file name %q must be a bare file name", ErrInvalid, name))
		}
	}
	if c.Root == "" {
		errs = append(errs, fmt.Errorf("%w: root is empty", ErrInvalid))
	}
	seen := map[string]bool{}
	for _, m := range c.Modules.Enabled {
		if m.Name == "" || strings.ContainsAny(m.Name, "/\\ ") || seen[m.Name] {
			errs = append(errs, fmt.Errorf("%w: module name %q empty, invalid or duplicated", ErrInvalid, m.Name))
		}
		seen[m.Name] = true
	}
	return errors.Join(errs...)
}

// normalizeWazuhBooleans turns "yes"/"no" strings into booleans, as Wazuh
// does when it reads api.yaml ("enabled: no" is a string in YAML 1.2).
func normalizeWazuhBooleans(k *koanf.Koanf) error {
	for key, v := range k.All() {
		s, ok := v.(string)
		if !ok {
			continue
		}
		switch strings.ToLower(s) {
		case "yes":
			if err := k.Set(key, true); err != nil {
				return fmt.Errorf("config: %s: %w", key, err)
			}
		case "no":
			if err := k.Set(key, false); err != nil {
				return fmt.Errorf("config: %s: %w", key, err)
			}
		}
	}
	return nil
}
