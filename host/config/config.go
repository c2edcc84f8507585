package config

import (
	"time"

	"github.com/knadh/koanf/v2"
)

// Config is the whole host configuration.
type Config struct {
	// Host lists bind addresses (Wazuh default ["0.0.0.0", "::"]).
	Host []string `koanf:"host"`
	// Port is the HTTPS (or HTTP) port, default 55000.
	Port int `koanf:"port"`
	// DropPrivileges switches a host started as root in attached mode to
	// the wazuh user and group (host/privdrop).
	DropPrivileges bool `koanf:"drop_privileges"`
	// ExperimentalFeatures enables /experimental routes.
	ExperimentalFeatures bool `koanf:"experimental_features"`
	// MaxUploadSize is the request body limit in bytes (0 = unlimited).
	MaxUploadSize int64 `koanf:"max_upload_size"`
	// AuthenticationPoolSize bounds concurrent password verifications.
	AuthenticationPoolSize int `koanf:"authentication_pool_size"`
	// Intervals holds timeouts.
	Intervals Intervals `koanf:"intervals"`
	// HTTPS holds TLS options.
	HTTPS HTTPS `koanf:"https"`
	// Logs holds logging options.
	Logs Logs `koanf:"logs"`
	// CORS holds CORS options.
	CORS CORS `koanf:"cors"`
	// Access holds brute-force and rate-limit options.
	Access Access `koanf:"access"`
	// UploadConfiguration guards PUT /manager/configuration (kept as data).
	UploadConfiguration map[string]any `koanf:"upload_configuration"`

	// Root is the Wazuh root directory (wazuh-go extension).
	Root string `koanf:"root"`
	// Mode is "embedded" (run embedded daemons in Root) or "attached" (use a
	// real Wazuh manager's sockets and files in Root).
	Mode string `koanf:"mode"`
	// NodeName is the node name used in dapi_errors (Wazuh default node01).
	NodeName string `koanf:"node_name"`
	// Modules configures the module processes.
	Modules Modules `koanf:"modules"`

	k *koanf.Koanf
}

// Intervals holds Wazuh's intervals section.
type Intervals struct {
	// RequestTimeout is the per-request timeout in seconds (default 10).
	RequestTimeout int `koanf:"request_timeout"`
}

// HTTPS holds Wazuh's https section.
type HTTPS struct {
	// Enabled serves HTTPS (default true).
	Enabled bool `koanf:"enabled"`
	// Key is the key file name under api/configuration/ssl.
	Key string `koanf:"key"`
	// Cert is the certificate file name under api/configuration/ssl.
	Cert string `koanf:"cert"`
	// UseCA requires client certificates signed by CA.
	UseCA bool `koanf:"use_ca"`
	// CA is the CA file name under api/configuration/ssl.
	CA string `koanf:"ca"`
	// SSLProtocol is tls, tlsv1, tlsv1.1, tlsv1.2 or auto; as in Wazuh it
	// does not change the negotiated versions (TLS 1.2 or later) and
	// tlsv1 and tlsv1.1 only log a deprecation warning.
	SSLProtocol string `koanf:"ssl_protocol"`
	// SSLCiphers is an OpenSSL cipher list; empty keeps Go's defaults.
	SSLCiphers string `koanf:"ssl_ciphers"`
}

// Logs holds Wazuh's logs section.
type Logs struct {
	// Level is disabled, info, warning, error, debug or debug2.
	Level string `koanf:"level"`
	// Format is plain, json or "plain,json" ("json,plain").
	Format string `koanf:"format"`
	// MaxSize configures size-based rotation of logs/api.log and
	// logs/api.json (host/logfile) instead of rotation at midnight.
	MaxSize LogsMaxSize `koanf:"max_size"`
}

// LogsMaxSize is Wazuh's logs.max_size section.
type LogsMaxSize struct {
	// Enabled switches from midnight to size rotation.
	Enabled bool `koanf:"enabled"`
	// Size is <number>K or <number>M, at least 1M (default 1M).
	Size string `koanf:"size"`
}

// CORS holds Wazuh's cors section.
type CORS struct {
	// Enabled turns CORS on.
	Enabled bool `koanf:"enabled"`
	// SourceRoute is the allowed origin.
	SourceRoute string `koanf:"source_route"`
	// ExposeHeaders is the exposed headers value.
	ExposeHeaders string `koanf:"expose_headers"`
	// AllowHeaders is the allowed headers value.
	AllowHeaders string `koanf:"allow_headers"`
	// AllowCredentials allows credentials.
	AllowCredentials bool `koanf:"allow_credentials"`
}

// Access holds Wazuh's access section.
type Access struct {
	// MaxLoginAttempts per IP before blocking (default 50).
	MaxLoginAttempts int `koanf:"max_login_attempts"`
	// BlockTime in seconds (default 300).
	BlockTime int `koanf:"block_time"`
	// MaxRequestPerMinute is the global rate limit (default 300, 0 = off).
	MaxRequestPerMinute int `koanf:"max_request_per_minute"`
}

// Modules configures module processes.
type Modules struct {
	// Dir holds the module binaries (wazuh-module-<name>).
	Dir string `koanf:"dir"`
	// StartTimeout bounds a module's start and handshake.
	StartTimeout time.Duration `koanf:"start_timeout"`
	// HealthInterval is how often each running module must answer a
	// health check; three unanswered in a row get it killed and restarted.
	// Zero disables the checks.
	HealthInterval time.Duration `koanf:"health_interval"`
	// Enabled lists the modules to run.
	Enabled []ModuleConfig `koanf:"enabled"`
}

// ModuleConfig configures one module.
type ModuleConfig struct {
	// Name of the module; the binary is <Dir>/wazuh-module-<Name> unless
	// Path is set.
	Name string `koanf:"name"`
	// Path overrides the binary path.
	Path string `koanf:"path"`
	// SHA256 pins the binary: the host refuses to start a binary whose
	// hash differs.
	SHA256 string `koanf:"sha256"`
	// Env lists extra environment variables (NAME=value) for the module;
	// the host environment is not inherited beyond an allowlist.
	Env []string `koanf:"env"`
	// Grant limits the capabilities granted; nil grants what the module
	// declares it needs.
	Grant *Grant `koanf:"grant"`
	// Settings is passed to the module's Configure as JSON.
	Settings map[string]any `koanf:"settings"`
}

// Grant lists granted capabilities.
type Grant struct {
	// WDB targets.
	WDB []string `koanf:"wdb"`
	// Sockets by logical name.
	Sockets []string `koanf:"sockets"`
	// Files as root-relative directories.
	Files []string `koanf:"files"`
}

// RequestTimeout returns Intervals.RequestTimeout as a duration.
func (c *Config) RequestTimeout() time.Duration {
	return time.Duration(c.Intervals.RequestTimeout) * time.Second
}
