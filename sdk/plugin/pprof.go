package plugin

import (
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"time"

	"github.com/hashicorp/go-hclog"
)

// PprofEnv names the environment variable that enables a module's
// profiling listener, e.g. in the module's config:
// env: ["WAZUH_MODULE_PPROF=127.0.0.1:6071"]. It is off by default and only
// loopback addresses are accepted.
const PprofEnv = "WAZUH_MODULE_PPROF"

// startPprof starts the opt-in profiling listener, if requested.
func startPprof(logger hclog.Logger) {
	addr := os.Getenv(PprofEnv)
	if addr == "" {
		return
	}
	err := ServePprof(addr, func(err error) { logger.Warn("profiling listener stopped", "error", err) })
	if err != nil {
		logger.Warn("profiling listener ignored", "env", PprofEnv, "error", err)
	}
}

// ServePprof serves net/http/pprof on addr, which must be a loopback
// host:port, in the background; stopped is called if the listener ends.
// The host uses it too (WAZUH_APID_PPROF).
func ServePprof(addr string, stopped func(error)) error {
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("pprof address %q: a loopback host:port is required", addr)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { stopped(srv.ListenAndServe()) }()
	return nil
}
