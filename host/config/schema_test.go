package config

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// wazuhAPIYAML has every key of Wazuh 4.14's shipped api.yaml template
// uncommented, with the template's own spelling (yes/no, False, quoted
// strings) and values.
const wazuhAPIYAML = `host: ['0.0.0.0', '::']
port: 55000
https:
 enabled: yes
 key: "server.key"
 cert: "server.crt"
 use_ca: False
 ca: "ca.crt"
 ssl_protocol: "auto"
 ssl_ciphers: ""
intervals:
  request_timeout: 10
logs:
 level: "info"
 format: "plain"
 max_size:
   enabled: False
   size: "1M"
cors:
 enabled: no
 source_route: "*"
 expose_headers: "*"
 allow_headers: "*"
 allow_credentials: no
access:
 max_login_attempts: 50
 block_time: 300
 max_request_per_minute: 300
drop_privileges: yes
experimental_features: no
max_upload_size: 10485760
authentication_pool_size: 2
upload_configuration:
  remote_commands:
    localfile:
      allow: yes
      exceptions: []
    wodle_command:
      allow: yes
      exceptions: []
  limits:
    eps:
      allow: yes
  agents:
    allow_higher_versions:
      allow: yes
  indexer:
    allow: yes
  integrations:
    virustotal:
      public_key:
        allow: yes
        minimum_quota: 240
`

func TestWazuhTemplateLoadsUnchanged(t *testing.T) {
	commented := "# host: ['0.0.0.0', '::']\n# port: 55000\n# https:\n#  enabled: yes\n"
	for name, content := range map[string]string{"uncommented": wazuhAPIYAML, "commented": commented} {
		t.Run(name, func(t *testing.T) {
			c, err := Load(Sources{File: writeFile(t, content), Environ: []string{}})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.Host, []string{"0.0.0.0", "::"}) || c.Port != 55000 || !c.HTTPS.Enabled || c.HTTPS.UseCA ||
				c.HTTPS.SSLProtocol != "auto" || c.Logs.MaxSize.Size != "1M" || c.CORS.Enabled || c.CORS.SourceRoute != "*" ||
				!c.DropPrivileges || c.ExperimentalFeatures || c.AuthenticationPoolSize != 2 || c.Access.BlockTime != 300 {
				t.Fatalf("loaded: %+v", c)
			}
			v, err := c.Lookup("upload_configuration.integrations.virustotal.public_key.minimum_quota")
			if err != nil || string(v) != "240" {
				t.Fatalf("upload_configuration default: %s %v", v, err)
			}
		})
	}
}

func TestValuesAreLowerCasedExceptFileNames(t *testing.T) {
	c, err := Load(Sources{File: writeFile(t, "https:\n  ssl_protocol: TLSv1.2\n  cert: My.CRT\nlogs:\n  level: INFO\n  format: JSON,Plain\n"), Environ: []string{}})
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPS.SSLProtocol != "tlsv1.2" || c.HTTPS.Cert != "My.CRT" || c.Logs.Level != "info" || c.Logs.Format != "json,plain" {
		t.Fatalf("normalized: %+v %+v", c.HTTPS, c.Logs)
	}
}

func TestSchemaViolationsAreRefused(t *testing.T) {
	for name, tc := range map[string]struct{ content, want string }{
		"string port":         {"port: \"55000\"\n", "port must be an integer"},
		"numeric boolean":     {"https:\n  enabled: 1\n", "https.enabled must be a boolean"},
		"host of numbers":     {"host: [1, 2]\n", "host must be a list of strings"},
		"empty host":          {"host: []\n", "host must list at least one address"},
		"scalar section":      {"https: yes\n", "https must be a mapping"},
		"nested unknown":      {"upload_configuration:\n  limits:\n    eps:\n      deny: yes\n", "unknown key(s) upload_configuration.limits.eps.deny"},
		"tls 1.3":             {"https:\n  ssl_protocol: tlsv1.3\n", "https.ssl_protocol \"tlsv1.3\" must be one of"},
		"log format":          {"logs:\n  format: xml\n", "logs.format \"xml\""},
		"rotation too small":  {"logs:\n  max_size:\n    enabled: yes\n    size: 512K\n", "below the minimum of 1M"},
		"rotation syntax":     {"logs:\n  max_size:\n    size: 1G\n", "must be <number>K or <number>M"},
		"zero timeout":        {"intervals:\n  request_timeout: 0\n", "intervals.request_timeout must be >= 1"},
		"auth pool":           {"authentication_pool_size: 51\n", "authentication_pool_size must be 1-50"},
		"openssl cipher rule": {"https:\n  ssl_ciphers: HIGH:!aNULL\n", `unsupported cipher "HIGH"`},
		"cert with space":     {"https:\n  cert: my cert.pem\n", "must be a bare file name"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Load(Sources{File: writeFile(t, tc.content), Environ: []string{}})
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want ErrInvalid containing %q, got %v", tc.want, err)
			}
		})
	}
}

func TestSingleHostStringIsAccepted(t *testing.T) {
	c, err := Load(Sources{File: writeFile(t, "host: 127.0.0.1\n"), Environ: []string{}})
	if err != nil || !slices.Equal(c.Host, []string{"127.0.0.1"}) {
		t.Fatalf("host %q: %v", c.Host, err)
	}
}

func TestEnvironmentValuesAreTyped(t *testing.T) {
	c, err := Load(Sources{Environ: []string{"WAZUH_API_HOST=127.0.0.1, ::1", "WAZUH_API_CORS__ENABLED=yes", "WAZUH_API_LOGS__LEVEL=DEBUG"}})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Host, []string{"127.0.0.1", "::1"}) || !c.CORS.Enabled || c.Logs.Level != "debug" {
		t.Fatalf("host %q cors %v level %q", c.Host, c.CORS.Enabled, c.Logs.Level)
	}
	for env, want := range map[string]string{
		"WAZUH_API_PORTT=1":              "WAZUH_API_PORTT: unknown key portt",
		"WAZUH_API_HTTPS__ENABLED=maybe": "https.enabled must be a boolean",
		"WAZUH_API_PORT=abc":             "port must be an integer",
		"WAZUH_API_HTTPS=1":              "https is a section",
	} {
		if _, err := Load(Sources{Environ: []string{env}}); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want ErrInvalid containing %q, got %v", env, want, err)
		}
	}
}

func TestPrecedenceDefaultsFileEnvironmentFlags(t *testing.T) {
	file := writeFile(t, "port: 55001\nlogs:\n  level: warning\n")
	flags := pflag.NewFlagSet("t", pflag.ContinueOnError)
	flags.Int("port", 0, "")
	if err := flags.Parse([]string{"--port", "55003"}); err != nil {
		t.Fatal(err)
	}
	environ := []string{"WAZUH_API_PORT=55002"}
	for _, tc := range []struct {
		src  Sources
		want int
	}{
		{Sources{Environ: []string{}}, 55000},
		{Sources{File: file, Environ: []string{}}, 55001},
		{Sources{File: file, Environ: environ}, 55002},
		{Sources{File: file, Environ: environ, Flags: flags}, 55003},
	} {
		c, err := Load(tc.src)
		if err != nil {
			t.Fatal(err)
		}
		if c.Port != tc.want {
			t.Fatalf("port %d, want %d", c.Port, tc.want)
		}
	}
}

func TestDeprecatedTLSVersionsWarn(t *testing.T) {
	c, err := Load(Sources{Environ: []string{"WAZUH_API_HTTPS__SSL_PROTOCOL=TLSv1.1"}})
	if err != nil {
		t.Fatal(err)
	}
	if w := c.Warnings(); len(w) != 1 || !strings.Contains(w[0], "deprecated") {
		t.Fatalf("warnings: %q", w)
	}
}
