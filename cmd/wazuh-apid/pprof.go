package main

import (
	"fmt"
	"io"
	"os"

	sdkplugin "github.com/wazuh-go/server/sdk/plugin"
)

// pprofEnv names the environment variable that enables the profiling
// listener: WAZUH_APID_PPROF=127.0.0.1:6060 serves net/http/pprof there.
// It is off by default and only loopback addresses are accepted.
const pprofEnv = "WAZUH_APID_PPROF"

// startPprof starts the opt-in profiling listener, if requested.
func startPprof(stderr io.Writer) {
	addr := os.Getenv(pprofEnv)
	if addr == "" {
		return
	}
	err := sdkplugin.ServePprof(addr, func(err error) { fmt.Fprintf(stderr, "pprof listener: %v\n", err) })
	if err != nil {
		fmt.Fprintf(stderr, "%s ignored: %v\n", pprofEnv, err)
	}
}
