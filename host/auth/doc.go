// Package auth issues and verifies Wazuh API tokens: ES512 JWTs with Wazuh's
// claims (security.md §1), signed with a P-521 key pair kept in the security
// directory, and a verified-token cache so that an authenticated request does
// not pay for ES512 verification. Malformed tokens are rejected by cheap
// structural checks before any signature work.
package auth
