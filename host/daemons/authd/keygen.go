package authd

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"time"
)

// GenerateKey returns a new 64-character lowercase hex agent key built like
// authd's OS_AddNewAgent: md5hex(time+name+random+hostname) followed by
// md5hex(ip+id+random). The random parts come from crypto/rand.
func GenerateKey(name, ip, id string) (string, error) {
	var r [32]byte
	if _, err := rand.Read(r[:]); err != nil {
		return "", fmt.Errorf("authd: generate key: %w", err)
	}
	host, _ := os.Hostname()
	s1 := fmt.Sprintf("%d%s%x%s", time.Now().UnixNano(), name, r[:16], host)
	s2 := fmt.Sprintf("%s%s%x", ip, id, r[16:])
	m1, m2 := md5.Sum([]byte(s1)), md5.Sum([]byte(s2))
	return hex.EncodeToString(m1[:]) + hex.EncodeToString(m2[:]), nil
}
