package tlscert

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"time"
)

// Ensure creates keyPath and certPath when either is missing, as Wazuh does:
// RSA-2048, self-signed SHA-256, 365 days, CN wazuh.com, SAN localhost,
// files mode 0400. It reports whether it generated them.
func Ensure(keyPath, certPath string) (bool, error) {
	_, kerr := os.Stat(keyPath)
	_, cerr := os.Stat(certPath)
	if kerr == nil && cerr == nil {
		return false, nil
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return false, fmt.Errorf("tlscert: generate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 128))
	if err != nil {
		return false, fmt.Errorf("tlscert: serial: %w", err)
	}
	name := pkix.Name{Country: []string{"US"}, Province: []string{"California"}, Locality: []string{"San Francisco"}, Organization: []string{"Wazuh"}, CommonName: "wazuh.com"}
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: name, Issuer: name,
		NotBefore: time.Now().Add(-time.Minute), NotAfter: time.Now().AddDate(0, 0, 365),
		DNSNames: []string{"localhost"}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return false, fmt.Errorf("tlscert: create certificate: %w", err)
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	for path, data := range map[string][]byte{keyPath: keyPEM, certPath: certPEM} {
		_ = os.Remove(path)
		if err := os.WriteFile(path, data, 0o400); err != nil {
			return false, fmt.Errorf("tlscert: write %s: %w", path, err)
		}
	}
	return true, nil
}

// ServerConfig loads the key pair; with caPath it requires client
// certificates signed by that CA (Wazuh's https.use_ca); ciphers is
// Wazuh's https.ssl_ciphers (OpenSSL names, empty for the defaults).
func ServerConfig(keyPath, certPath, caPath, ciphers string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certPath, keyPath)
	if err != nil {
		return nil, fmt.Errorf("https: cannot load the certificate %s with the key %s (https.cert and https.key): %w", certPath, keyPath, err)
	}
	suites, err := ParseCiphers(ciphers)
	if err != nil {
		return nil, err
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12, CipherSuites: suites}
	if caPath != "" {
		pemData, err := os.ReadFile(caPath)
		if err != nil {
			return nil, fmt.Errorf("https: use_ca is enabled but the CA file cannot be read (https.ca): %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pemData) {
			return nil, fmt.Errorf("https: use_ca is enabled but the CA file %s holds no PEM certificate (https.ca)", caPath)
		}
		cfg.ClientCAs, cfg.ClientAuth = pool, tls.RequireAndVerifyClientCert
	}
	return cfg, nil
}
