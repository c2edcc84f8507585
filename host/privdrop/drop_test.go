package privdrop

import (
	"errors"
	"testing"
)

func TestPlanSwitchesOnlyRootWhenEnabled(t *testing.T) {
	found := func() (int, int, error) { return 998, 997, nil }
	missing := func() (int, int, error) { return 0, 0, ErrNoAccount }
	cases := []struct {
		name    string
		enabled bool
		euid    int
		find    lookup
		want    Plan
		err     error
	}{
		{"disabled as root", false, 0, found, Plan{}, nil},
		{"enabled as a user", true, 1000, missing, Plan{}, nil},
		{"enabled as root", true, 0, found, Plan{Switch: true, UID: 998, GID: 997}, nil},
		{"enabled as root without the account", true, 0, missing, Plan{}, ErrNoAccount},
		{"wazuh is root itself", true, 0, func() (int, int, error) { return 0, 0, nil }, Plan{GID: 0}, nil},
	}
	for _, c := range cases {
		got, err := plan(c.enabled, c.euid, c.find)
		if got != c.want || !errors.Is(err, c.err) {
			t.Errorf("%s: plan = %+v, %v; want %+v, %v", c.name, got, err, c.want, c.err)
		}
	}
}

func TestDropAsNonRootDoesNothing(t *testing.T) {
	switched, err := Drop(false)
	if switched || err != nil {
		t.Fatalf("Drop(false) = %v, %v", switched, err)
	}
}
