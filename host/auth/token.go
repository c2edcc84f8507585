package auth

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Verification errors. The HTTP layer renders ErrInvalidToken as 401
// "Invalid token" and ErrTokenExpired as 401 "Token expired".
var (
	ErrInvalidToken = errors.New("Invalid token")
	ErrTokenExpired = errors.New("Token expired")
)

// es512SigLen is the raw r||s length of a P-521 signature.
const es512SigLen = 132

// maxTokenLen bounds what is even looked at; Wazuh tokens are ~600 bytes.
const maxTokenLen = 8192

var timeUnix = func(s int64) time.Time { return time.Unix(s, 0) }

// Sign issues a token for claims with kp.
func Sign(kp *KeyPair, claims *Claims) (string, error) {
	tok := jwt.NewWithClaims(jwt.SigningMethodES512, claims)
	s, err := tok.SignedString(kp.Private)
	if err != nil {
		return "", fmt.Errorf("auth: sign token: %w", err)
	}
	return s, nil
}

// precheck parses a token's claims and structure without signature work:
// three base64url parts, an ES512 header, a 132-byte signature, Wazuh's
// audience, a subject, and nbf <= now < exp (zero leeway, like PyJWT).
func precheck(token string, now int64) (*Claims, error) {
	if len(token) == 0 || len(token) > maxTokenLen {
		return nil, ErrInvalidToken
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, ErrInvalidToken
	}
	hdr, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return nil, ErrInvalidToken
	}
	var h struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal(hdr, &h) != nil || h.Alg != "ES512" {
		return nil, ErrInvalidToken
	}
	if base64.RawURLEncoding.DecodedLen(len(parts[2])) != es512SigLen {
		return nil, ErrInvalidToken
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, ErrInvalidToken
	}
	var c Claims
	dec := json.NewDecoder(bytes.NewReader(payload))
	if dec.Decode(&c) != nil {
		return nil, ErrInvalidToken
	}
	if c.Audience != Audience || c.Subject == "" || c.ExpiresAt == 0 {
		return nil, ErrInvalidToken
	}
	if now >= c.ExpiresAt || (c.NotBefore != 0 && now < c.NotBefore) {
		return nil, ErrInvalidToken
	}
	return &c, nil
}

// verifySignature checks the ES512 signature with kp and only ES512.
func verifySignature(token string, kp *KeyPair) error {
	parser := jwt.NewParser(jwt.WithValidMethods([]string{"ES512"}), jwt.WithoutClaimsValidation())
	_, err := parser.ParseWithClaims(token, &Claims{}, func(*jwt.Token) (any, error) { return kp.Public, nil })
	if err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidToken, err)
	}
	return nil
}
