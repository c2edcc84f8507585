package main

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/sdktest"
)

// hookHost is a FakeHost whose Files run onStat after the first Stat of a
// path containing match.
type hookHost struct {
	*sdktest.FakeHost
	files hookFiles
}

func (h *hookHost) Files() sdk.Files { return &h.files }

type hookFiles struct {
	sdk.Files
	match  string
	once   sync.Once
	onStat func()
}

func (f *hookFiles) Stat(ctx context.Context, p string) (sdk.FileInfo, error) {
	fi, err := f.Files.Stat(ctx, p)
	if strings.Contains(p, f.match) {
		f.once.Do(f.onStat)
	}
	return fi, err
}

// A group deleted by another request while PUT …/configuration is
// validating the upload is 1710, not a failed write into the removed
// directory (500).
func TestPutGroupConfigGroupDeletedMeanwhile(t *testing.T) {
	mod := New()
	fh := groupHost(t)
	h := &hookHost{FakeHost: fh, files: hookFiles{Files: fh.Files(), match: "etc/shared/dmz"}}
	c := sdktest.Serve(t, mod, h, nil)
	h.files.onStat = func() {
		// DELETE /groups runs to completion between PUT's first check
		// and its write.
		del := sdktest.NewRequest(mod.Describe(), routeDeleteGroups, "groups_list=dmz", nil)
		if body := mustBody(t, c, del); !strings.Contains(body, `"affected_items": ["dmz"]`) {
			t.Errorf("delete: %s", body)
		}
	}
	_, werr := call(t, c, putConf(mod, "dmz", "<agent_config><localfile><location>/x</location>"+
		"<log_format>syslog</log_format></localfile></agent_config>"))
	if werr == nil || werr.Code != 1710 {
		t.Fatalf("want 1710, got %v", werr)
	}
}
