package tlscert

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestEnsureGeneratesWazuhLikeCertificateOnce(t *testing.T) {
	dir := t.TempDir()
	key, cert := filepath.Join(dir, "server.key"), filepath.Join(dir, "server.crt")
	generated, err := Ensure(key, cert)
	if err != nil || !generated {
		t.Fatalf("first Ensure: %v %v", generated, err)
	}
	info, _ := os.Stat(key)
	if info.Mode().Perm() != 0o400 {
		t.Fatalf("key mode %v, want 0400", info.Mode().Perm())
	}
	data, _ := os.ReadFile(cert)
	block, _ := pem.Decode(data)
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if c.Subject.CommonName != "wazuh.com" || len(c.DNSNames) != 1 || c.DNSNames[0] != "localhost" || c.NotAfter.Sub(c.NotBefore) < 364*24*time.Hour {
		t.Fatalf("certificate: %v %v %v", c.Subject, c.DNSNames, c.NotAfter)
	}
	if again, err := Ensure(key, cert); err != nil || again {
		t.Fatalf("second Ensure must keep the files: %v %v", again, err)
	}
	cfg, err := ServerConfig(key, cert, "", "ECDHE-RSA-AES128-GCM-SHA256:ecdhe-rsa-aes256-gcm-sha384")
	if err != nil || len(cfg.CipherSuites) != 2 || cfg.CipherSuites[0] != tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 {
		t.Fatalf("ciphers: %v %v", cfg, err)
	}
	if _, err := ServerConfig(key, cert, "", "RC4-MD5"); err == nil {
		t.Fatal("an unknown cipher must be refused")
	}
}
