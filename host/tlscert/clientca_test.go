package tlscert

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testCA returns a CA (PEM) and a client certificate it signed.
func testCA(t *testing.T) ([]byte, tls.Certificate) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ca := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"}, IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ = x509.ParseCertificate(caDER)
	clientKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	client := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "client"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	clientDER, err := x509.CreateCertificate(rand.Reader, client, ca, &clientKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		tls.Certificate{Certificate: [][]byte{clientDER}, PrivateKey: clientKey}
}

// handshake runs a TLS handshake between server and client configs.
func handshake(server, client *tls.Config) error {
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	errc := make(chan error, 1)
	go func() { errc <- tls.Server(a, server).Handshake(); a.Close() }()
	c := tls.Client(b, client)
	cerr := c.Handshake()
	if cerr == nil {
		// With TLS 1.3 the server checks the client certificate after the
		// client's handshake returns: a read gets its verdict.
		_, cerr = c.Read(make([]byte, 1))
	}
	b.Close()
	if serr := <-errc; serr != nil {
		return serr
	}
	if cerr != nil && cerr.Error() != "EOF" {
		return cerr
	}
	return nil
}

func TestUseCARequiresAClientCertificateSignedByTheCA(t *testing.T) {
	dir := t.TempDir()
	key, cert, caPath := filepath.Join(dir, "server.key"), filepath.Join(dir, "server.crt"), filepath.Join(dir, "ca.crt")
	if _, err := Ensure(key, cert); err != nil {
		t.Fatal(err)
	}
	caPEM, clientCert := testCA(t)
	if err := os.WriteFile(caPath, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	server, err := ServerConfig(key, cert, caPath, "")
	if err != nil {
		t.Fatal(err)
	}
	client := &tls.Config{InsecureSkipVerify: true, ServerName: "localhost"}
	if err := handshake(server, client); err == nil {
		t.Fatal("a client without a certificate must be refused")
	}
	client.Certificates = []tls.Certificate{clientCert}
	if err := handshake(server, client); err != nil {
		t.Fatalf("a client certificate signed by the CA must be accepted: %v", err)
	}
	noCA, err := ServerConfig(key, cert, "", "")
	if err != nil || handshake(noCA, &tls.Config{InsecureSkipVerify: true}) != nil {
		t.Fatalf("without use_ca no client certificate is needed: %v", err)
	}
}

func TestUnusableFilesGiveClearErrors(t *testing.T) {
	dir := t.TempDir()
	key, cert := filepath.Join(dir, "server.key"), filepath.Join(dir, "server.crt")
	if _, err := Ensure(key, cert); err != nil {
		t.Fatal(err)
	}
	if _, err := ServerConfig(key, cert, filepath.Join(dir, "missing-ca.crt"), ""); err == nil || !strings.Contains(err.Error(), "use_ca is enabled") {
		t.Fatalf("missing CA: %v", err)
	}
	bad := filepath.Join(dir, "bad.crt")
	if err := os.WriteFile(bad, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ServerConfig(key, bad, "", ""); err == nil || !strings.Contains(err.Error(), bad) {
		t.Fatalf("bad certificate: %v", err)
	}
	if _, err := ServerConfig(key, cert, "", "HIGH:!aNULL"); err == nil || !strings.Contains(err.Error(), "ECDHE-RSA-AES128-GCM-SHA256") {
		t.Fatalf("unsupported cipher must list the supported names: %v", err)
	}
}
