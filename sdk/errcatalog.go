package sdk

import (
	"fmt"
	"sync"
)

// ErrorInfo is one entry of the Wazuh error-code catalogue.
type ErrorInfo struct {
	// Message is Wazuh's message template for the code.
	Message string
	// Remediation is Wazuh's remediation text, empty when Wazuh has none.
	Remediation string
	// Status is the HTTP status of the exception class Wazuh raises for the
	// code at its usual call site.
	Status int
}

var (
	catalogueMu sync.RWMutex
	catalogue   = map[int]ErrorInfo{}
)

// RegisterErrors adds codes to the catalogue. It panics on a code that is
// already registered with a different entry, so two files (or a third-party
// module) cannot silently disagree about a code.
func RegisterErrors(entries map[int]ErrorInfo) {
	catalogueMu.Lock()
	defer catalogueMu.Unlock()
	for code, info := range entries {
		if old, ok := catalogue[code]; ok && old != info {
			panic(fmt.Sprintf("sdk: error code %d registered twice with different entries", code))
		}
		catalogue[code] = info
	}
}

// LookupError returns the catalogue entry for code.
func LookupError(code int) (ErrorInfo, bool) {
	catalogueMu.RLock()
	defer catalogueMu.RUnlock()
	info, ok := catalogue[code]
	return info, ok
}
