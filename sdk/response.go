package sdk

import (
	"io"
	"net/http"
)

// Response is a module's HTTP answer.
type Response struct {
	// Status is the HTTP status; 0 means 200.
	Status int
	// Header holds response headers; the host adds Wazuh's security headers.
	Header http.Header
	// Body is the response body.
	Body []byte
	// BodyWriter, when set, produces the body instead of Body. On streaming
	// routes it is sent to the host in chunks as it is written, so bodies
	// larger than MaxMessageBytes pass; on other routes it is buffered.
	BodyWriter func(w io.Writer) error
}
