package config

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/wazuh-go/server/host/tlscert"
)

// Enumerations of Wazuh 4.14's api.yaml schema (security.md §6.1). Values
// are compared after lower-casing, as Wazuh lower-cases them.
var (
	logLevels    = []string{"disabled", "info", "warning", "error", "debug", "debug2"}
	logFormats   = []string{"plain", "json", "plain,json", "json,plain"}
	sslProtocols = []string{"tls", "tlsv1", "tlsv1.1", "tlsv1.2", "auto"}
)

// sslFileName is Wazuh's pattern for https.key, https.cert and https.ca:
// bare file names under api/configuration/ssl.
var sslFileName = regexp.MustCompile(`^[\p{L}\p{N}_\-.]+$`)

// logSize is Wazuh's pattern for logs.max_size.size.
var logSize = regexp.MustCompile(`^[0-9]+[km]$`)

// minLogSize is the smallest logs.max_size.size Wazuh accepts when size
// rotation is enabled (1M).
const minLogSize = 1 << 20

// Validate checks values against Wazuh's api.yaml schema and wazuh-go's
// own keys, reporting every problem at once.
func (c *Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...))
	}
	if len(c.Host) == 0 || slices.Contains(c.Host, "") {
		bad("host must list at least one address, got %q", c.Host)
	}
	if c.Port < 1 || c.Port > 65535 {
		bad("port %d out of range 1-65535", c.Port)
	}
	if c.MaxUploadSize < 0 {
		bad("max_upload_size must be >= 0 (0 = unlimited), got %d", c.MaxUploadSize)
	}
	if c.AuthenticationPoolSize < 1 || c.AuthenticationPoolSize > 50 {
		bad("authentication_pool_size must be 1-50, got %d", c.AuthenticationPoolSize)
	}
	if c.Intervals.RequestTimeout < 1 {
		bad("intervals.request_timeout must be >= 1 second, got %d", c.Intervals.RequestTimeout)
	}
	for key, name := range map[string]string{"https.key": c.HTTPS.Key, "https.cert": c.HTTPS.Cert, "https.ca": c.HTTPS.CA} {
		if !sslFileName.MatchString(name) || name == "." || name == ".." {
			bad("%s %q must be a bare file name (letters, digits, _, - and .) under api/configuration/ssl", key, name)
		}
	}
	if !slices.Contains(sslProtocols, c.HTTPS.SSLProtocol) {
		bad("https.ssl_protocol %q must be one of %s", c.HTTPS.SSLProtocol, strings.Join(sslProtocols, ", "))
	}
	if _, err := tlscert.ParseCiphers(c.HTTPS.SSLCiphers); err != nil {
		errs = append(errs, fmt.Errorf("%w: %w", ErrInvalid, err))
	}
	if !slices.Contains(logLevels, c.Logs.Level) {
		bad("logs.level %q must be one of %s", c.Logs.Level, strings.Join(logLevels, ", "))
	}
	if !slices.Contains(logFormats, c.Logs.Format) {
		bad("logs.format %q must be one of %s", c.Logs.Format, strings.Join(logFormats, ", "))
	}
	if n, err := c.Logs.MaxSize.Bytes(); err != nil {
		errs = append(errs, err)
	} else if c.Logs.MaxSize.Enabled && n < minLogSize {
		bad("logs.max_size.size %q is below the minimum of 1M", c.Logs.MaxSize.Size)
	}
	if c.Mode != "embedded" && c.Mode != "attached" {
		bad("mode must be embedded or attached, got %q", c.Mode)
	}
	if c.Root == "" {
		bad("root is empty")
	}
	if c.Modules.StartTimeout < 0 || c.Modules.HealthInterval < 0 {
		bad("modules.start_timeout and modules.health_interval must not be negative, got %v and %v", c.Modules.StartTimeout, c.Modules.HealthInterval)
	}
	seen := map[string]bool{}
	for _, m := range c.Modules.Enabled {
		if m.Name == "" || strings.ContainsAny(m.Name, "/\\ ") || seen[m.Name] {
			bad("module name %q empty, invalid or duplicated", m.Name)
		}
		seen[m.Name] = true
	}
	return errors.Join(errs...)
}

// Bytes returns the rotation size in bytes (K = 1024, M = 1024²).
func (m LogsMaxSize) Bytes() (int64, error) {
	s := strings.ToLower(m.Size)
	if !logSize.MatchString(s) {
		return 0, fmt.Errorf("%w: logs.max_size.size %q must be <number>K or <number>M", ErrInvalid, m.Size)
	}
	n, err := strconv.ParseInt(s[:len(s)-1], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: logs.max_size.size %q: %w", ErrInvalid, m.Size, err)
	}
	if s[len(s)-1] == 'm' {
		return n << 20, nil
	}
	return n << 10, nil
}

// Warnings returns what Wazuh logs as warnings at start for a valid
// configuration: the deprecated TLS versions (Wazuh, like wazuh-go, keeps
// negotiating TLS 1.2 or later whatever https.ssl_protocol says).
func (c *Config) Warnings() []string {
	var w []string
	if c.HTTPS.Enabled && (c.HTTPS.SSLProtocol == "tlsv1" || c.HTTPS.SSLProtocol == "tlsv1.1") {
		w = append(w, fmt.Sprintf("https.ssl_protocol %q is deprecated and ignored: TLS 1.2 or later is negotiated", c.HTTPS.SSLProtocol))
	}
	return w
}
