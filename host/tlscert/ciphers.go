package tlscert

import (
	"crypto/tls"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// openSSLNames maps OpenSSL cipher names (Wazuh's https.ssl_ciphers syntax)
// to Go's TLS 1.2 suites. TLS 1.3 suites are not configurable in Go and
// stay enabled, as with OpenSSL's separate ciphersuites setting.
var openSSLNames = map[string]uint16{
	"ECDHE-ECDSA-AES128-GCM-SHA256": tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	"ECDHE-RSA-AES128-GCM-SHA256":   tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	"ECDHE-ECDSA-AES256-GCM-SHA384": tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	"ECDHE-RSA-AES256-GCM-SHA384":   tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	"ECDHE-ECDSA-CHACHA20-POLY1305": tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	"ECDHE-RSA-CHACHA20-POLY1305":   tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	"ECDHE-ECDSA-AES128-SHA":        tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
	"ECDHE-RSA-AES128-SHA":          tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
	"ECDHE-ECDSA-AES256-SHA":        tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
	"ECDHE-RSA-AES256-SHA":          tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
	"AES128-GCM-SHA256":             tls.TLS_RSA_WITH_AES_128_GCM_SHA256,
	"AES256-GCM-SHA384":             tls.TLS_RSA_WITH_AES_256_GCM_SHA384,
	"AES128-SHA":                    tls.TLS_RSA_WITH_AES_128_CBC_SHA,
	"AES256-SHA":                    tls.TLS_RSA_WITH_AES_256_CBC_SHA,
}

// ParseCiphers turns an OpenSSL cipher list ("A:B", case-insensitive, as
// Wazuh upper-cases it) into Go suites. An empty list keeps Go's defaults
// (nil). Unknown names are an error rather than silently weaker settings.
func ParseCiphers(list string) ([]uint16, error) {
	list = strings.TrimSpace(list)
	if list == "" {
		return nil, nil
	}
	var out []uint16
	for _, name := range strings.FieldsFunc(list, func(r rune) bool { return r == ':' || r == ',' || r == ' ' }) {
		id, ok := openSSLNames[strings.ToUpper(name)]
		if !ok {
			return nil, fmt.Errorf("https.ssl_ciphers: unsupported cipher %q: list OpenSSL names separated by ':' among %s (TLS 1.3 suites are always enabled)", strings.ToUpper(name), supportedNames())
		}
		out = append(out, id)
	}
	return out, nil
}

// supportedNames lists the accepted OpenSSL cipher names, sorted.
func supportedNames() string {
	return strings.Join(slices.Sorted(maps.Keys(openSSLNames)), ", ")
}
