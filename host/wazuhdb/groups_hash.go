package wazuhdb

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
)

// groupHash is wazuh-db's agent group_hash: the first 8 hex digits of the
// SHA-256 of the agent's group CSV ("default,g1"); empty CSV has no hash.
func groupHash(csv string) string {
	if csv == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(csv))
	return hex.EncodeToString(sum[:4])
}

// globalGroupHashOf is the global group hash: SHA-1 over the concatenated
// group_hash values of every agent (id > 0, hash not NULL) in id order.
func globalGroupHashOf(hashes []string) string {
	h := sha1.New()
	for _, s := range hashes {
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}
