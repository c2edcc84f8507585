package module

import (
	"strings"
	"testing"

	"github.com/wazuh-go/server/sdk"
)

func wazuhOnly(a string) bool { return a == "manager:update_config" || a == "cluster:update_config" }

func TestValidateAllowChecks(t *testing.T) {
	route := func(checks ...string) sdk.Route {
		return sdk.Route{ID: "cfg.get", Method: "GET", Path: "/cfg", AllowChecks: checks}
	}
	ok := []sdk.Descriptor{
		{Name: "cfg", Routes: []sdk.Route{route()}},
		{Name: "cfg", Routes: []sdk.Route{route(sdk.RevealSecretsChecks()...)}},
		{Name: "cfg", Routes: []sdk.Route{route("cfg:reveal")}, Actions: []sdk.Action{{Name: "cfg:reveal"}}},
	}
	for _, d := range ok {
		if err := validateAllowChecks("cfg", d, wazuhOnly); err != nil {
			t.Errorf("%+v: %v", d.Routes, err)
		}
	}
	for _, c := range []struct {
		d    sdk.Descriptor
		want string
	}{
		{sdk.Descriptor{Name: "cfg", Routes: []sdk.Route{route("manager:update_confg")}}, `unknown action "manager:update_confg"`},
		{sdk.Descriptor{Name: "cfg", Routes: []sdk.Route{route("other:reveal")}, Actions: []sdk.Action{{Name: "cfg:reveal"}}}, `unknown action "other:reveal"`},
		{sdk.Descriptor{Name: "cfg", Routes: []sdk.Route{route("manager:update_config", "manager:update_config")}}, "listed twice"},
		{sdk.Descriptor{Name: "cfg", Routes: []sdk.Route{route("")}}, "not an action name"},
		{sdk.Descriptor{Name: "cfg", Routes: []sdk.Route{route("Manager:Update")}}, "not an action name"},
		{sdk.Descriptor{Name: "cfg", Routes: []sdk.Route{route("manager:update_config:*")}}, "not an action name"},
	} {
		err := validateAllowChecks("cfg", c.d, wazuhOnly)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), `route "cfg.get"`) {
			t.Errorf("%v: %v, want %q", c.d.Routes[0].AllowChecks, err, c.want)
		}
	}
	// Without a catalogue any well-formed action is accepted.
	if err := validateAllowChecks("cfg", sdk.Descriptor{Routes: []sdk.Route{route("other:reveal")}}, nil); err != nil {
		t.Fatal(err)
	}
}

// A restarted module must keep its AllowChecks: the host evaluates the
// ones it mounted.
func TestSameDescriptorComparesAllowChecks(t *testing.T) {
	a := sdk.Descriptor{Name: "cfg", Routes: []sdk.Route{{ID: "cfg.get", Method: "GET", Path: "/cfg", AllowChecks: []string{"manager:update_config"}}}}
	b := sdk.Descriptor{Name: "cfg", Routes: []sdk.Route{{ID: "cfg.get", Method: "GET", Path: "/cfg"}}}
	if !sameDescriptor(a, a) || sameDescriptor(a, b) {
		t.Fatal("sameDescriptor")
	}
}
