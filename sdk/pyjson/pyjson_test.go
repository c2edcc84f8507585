package pyjson

import (
	"errors"
	"testing"
)

func TestRoundTripPythonLayout(t *testing.T) {
	cases := map[string]string{
		`{"actions":["agent:read"],"resources":["agent:id:*"],"effect":"allow"}`: `{"actions": ["agent:read"], "resources": ["agent:id:*"], "effect": "allow"}`,
		`{"b":1,"a":2,"b":3}`:                                      `{"b": 3, "a": 2}`,
		`[1.0, 1e5, 1E16, 0.00001, -0]`:                            `[1.0, 100000.0, 1e+16, 1e-05, 0]`,
		`[0.0001, 123.456, -2.5e-7]`:                               `[0.0001, 123.456, -2.5e-07]`,
		`["é", "\u0001", "\ud83d\ude00", "\u007f"]`:                `["\u00e9", "\u0001", "\ud83d\ude00", "\u007f"]`,
		`{"__unhandled_exc__":{"__class__":"exit","__args__":[]}}`: `{"__unhandled_exc__": {"__class__": "exit", "__args__": []}}`,
		`{}`:                             `{}`,
		`[]`:                             `[]`,
		`1e400`:                          `Infinity`,
		`123456789012345678901234567890`: `123456789012345678901234567890`,
	}
	for in, want := range cases {
		v, err := Decode([]byte(in))
		if err != nil {
			t.Fatalf("Decode(%s): %v", in, err)
		}
		if got := string(Encode(v)); got != want {
			t.Errorf("Encode(Decode(%s)) = %s, want %s", in, got, want)
		}
	}
}

func TestDecodeRejects(t *testing.T) {
	for _, in := range []string{``, `{`, `{"a":1} x`, `[1,]`, `NaN`} {
		if _, err := Decode([]byte(in)); err == nil {
			t.Errorf("Decode(%q) succeeded", in)
		}
	}
	if _, err := DecodeDepth([]byte(`[[[1]]]`), 2); !errors.Is(err, ErrTooDeep) {
		t.Errorf("depth 3 with limit 2: %v", err)
	}
	if _, err := DecodeDepth([]byte(`[[[1]]]`), 3); err != nil {
		t.Errorf("depth 3 with limit 3: %v", err)
	}
}

func TestObjectOrderAndDepth(t *testing.T) {
	o := NewObject()
	o.Set("z", Number("1"))
	o.Set("a", []Value{NewObject()})
	o.Set("z", "x")
	if got := string(Encode(o)); got != `{"z": "x", "a": [{}]}` {
		t.Fatalf("got %s", got)
	}
	if d := Depth(o); d != 3 {
		t.Fatalf("Depth = %d", d)
	}
	o.Delete("z")
	if got := string(Encode(o)); got != `{"a": [{}]}` {
		t.Fatalf("after delete: %s", got)
	}
}

// Expected strings produced with CPython 3 json.dumps(json.loads(...)).
func TestFloatReprMatchesCPython(t *testing.T) {
	in := `[1.0, 1e5, 1E16, 0.00001, -0, -0.0, 1e15, 12345678901234567.0, 0.1, 1e-4, 5e-324]`
	want := `[1.0, 100000.0, 1e+16, 1e-05, 0, -0.0, 1000000000000000.0, 1.2345678901234568e+16, 0.1, 0.0001, 5e-324]`
	v, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(Encode(v)); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
