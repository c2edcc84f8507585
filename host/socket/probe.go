package socket

import (
	"net"
	"time"
)

// Probe reports whether something accepts connections on the Unix stream
// socket at path, which is how the host decides between attaching to a real
// Wazuh daemon and starting an embedded one.
func Probe(path string, timeout time.Duration) bool {
	if timeout <= 0 {
		timeout = time.Second
	}
	c, err := net.DialTimeout("unix", path, timeout)
	if err != nil {
		return false
	}
	_ = c.Close()
	return true
}
