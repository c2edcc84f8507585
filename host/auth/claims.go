package auth

import (
	"github.com/golang-jwt/jwt/v5"
)

// Audience and Issuer are Wazuh's fixed claim values.
const (
	Audience = "Wazuh API REST"
	Issuer   = "wazuh"
)

// Claims are Wazuh's token claims (security.md §1.2): no iat and no jti.
type Claims struct {
	// Issuer is "wazuh" (not verified on decode).
	Issuer string `json:"iss"`
	// Audience is "Wazuh API REST" (verified).
	Audience string `json:"aud"`
	// NotBefore is the issue second.
	NotBefore int64 `json:"nbf"`
	// ExpiresAt is NotBefore + auth_token_exp_timeout.
	ExpiresAt int64 `json:"exp"`
	// Subject is the username.
	Subject string `json:"sub"`
	// RunAs is true for run_as tokens.
	RunAs bool `json:"run_as"`
	// RBACRoles are the role ids the token carries.
	RBACRoles []int64 `json:"rbac_roles"`
	// RBACMode is "white" or "black" at issue time.
	RBACMode string `json:"rbac_mode"`
	// HashAuthContext is set on run_as tokens only.
	HashAuthContext string `json:"hash_auth_context,omitempty"`
}

// The jwt.Claims interface; validation is done by Verifier itself with zero
// leeway, so these only expose values.

// GetExpirationTime implements jwt.Claims.
func (c *Claims) GetExpirationTime() (*jwt.NumericDate, error) { return unix(c.ExpiresAt), nil }

// GetIssuedAt implements jwt.Claims (Wazuh sets no iat).
func (c *Claims) GetIssuedAt() (*jwt.NumericDate, error) { return nil, nil }

// GetNotBefore implements jwt.Claims.
func (c *Claims) GetNotBefore() (*jwt.NumericDate, error) { return unix(c.NotBefore), nil }

// GetIssuer implements jwt.Claims.
func (c *Claims) GetIssuer() (string, error) { return c.Issuer, nil }

// GetSubject implements jwt.Claims.
func (c *Claims) GetSubject() (string, error) { return c.Subject, nil }

// GetAudience implements jwt.Claims.
func (c *Claims) GetAudience() (jwt.ClaimStrings, error) {
	if c.Audience == "" {
		return nil, nil
	}
	return jwt.ClaimStrings{c.Audience}, nil
}

func unix(s int64) *jwt.NumericDate {
	if s == 0 {
		return nil
	}
	return jwt.NewNumericDate(timeUnix(s))
}
