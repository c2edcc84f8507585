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
// The file is checked as Wazuh checks api.yaml (unknown keys and wrong
// types are refused); environment values are converted to their key's type;
// then the merged values are validated.
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
		if err := normalizeFile(fk); err != nil {
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
	var envErrs []error
	envProvider := env.Provider(".", env.Opt{
		Prefix:      EnvPrefix,
		EnvironFunc: func() []string { return environ },
		TransformFunc: func(name, value string) (string, any) {
			if slices.Contains(envOnly, name) {
				return "", nil
			}
			key := strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(name, EnvPrefix)), "__", ".")
			v, err := parseEnvValue(name, key, value)
			if err != nil {
				envErrs = append(envErrs, err)
				return "", nil
			}
			return key, normalizeValue(key, v)
		},
	})
	if err := k.Load(envProvider, nil); err != nil {
		return nil, fmt.Errorf("config: environment: %w", err)
	}
	if err := errors.Join(envErrs...); err != nil {
		return nil, fmt.Errorf("config: environment: %w", err)
	}
	if src.Flags != nil {
		fp := posflag.ProviderWithFlag(src.Flags, ".", k, func(f *pflag.Flag) (string, any) {
			if _, known := lookupKind(f.Name); !f.Changed || !known {
				return "", nil // unset, or not a key (--config)
			}
			return f.Name, posflag.FlagVal(src.Flags, f)
		})
		if err := k.Load(fp, nil); err != nil {
			return nil, fmt.Errorf("config: flags: %w", err)
		}
	}
	var cfg Config
	if err := k.UnmarshalWithConf("", &cfg, koanf.UnmarshalConf{Tag: "koanf"}); err != nil {
		return nil, fmt.Errorf("config: %w: %w", ErrInvalid, err)
	}
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	cfg.k = k
	return &cfg, nil
}
