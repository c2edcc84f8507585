package authd

import (
	"encoding/json"
	"testing"
)

// FuzzParseRequest checks that no input makes the request parser panic, that
// every refusal is one of authd's codes, and that every reply it leads to is
// valid JSON. The seed corpus is in testdata/fuzz/FuzzParseRequest.
func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(`{"function":"add","arguments":{"name":"a","ip":"any"}}`))
	f.Add([]byte(`{"function":"remove","arguments":{"id":"001","purge":true}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		req, perr := ParseRequest(in, DefaultForce())
		if perr != nil {
			if req != nil {
				t.Fatal("both request and error")
			}
			if perr.Code < CodeInternal || perr.Code > CodeNotMasterNode || perr.Message != CodeMessage(perr.Code) {
				t.Fatalf("bad error %+v", perr)
			}
			if !json.Valid(errorReply(perr)) {
				t.Fatal("invalid error reply")
			}
			return
		}
		switch req.Function {
		case FunctionAdd:
			if req.Add == nil || req.Remove != nil || req.Get != nil || req.Add.Force == nil {
				t.Fatalf("add request %+v", req)
			}
			if !json.Valid(dataReply(AgentData{ID: req.Add.ID, Name: req.Add.Name, IP: req.Add.IP, Key: req.Add.Key})) {
				t.Fatal("invalid data reply")
			}
		case FunctionRemove:
			if req.Remove == nil || req.Add != nil || req.Get != nil {
				t.Fatalf("remove request %+v", req)
			}
		case FunctionGet:
			if req.Get == nil || req.Add != nil || req.Remove != nil {
				t.Fatalf("get request %+v", req)
			}
		default:
			t.Fatalf("unexpected function %q", req.Function)
		}
	})
}

// FuzzParseKeys checks that client.keys parsing never panics and that a
// rewrite is stable: parse(marshal(parse(x))) == parse(x).
func FuzzParseKeys(f *testing.F) {
	f.Add([]byte("001 a any " + key64 + "\n002 !b 10.0.0.1 k\n# note\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		once := ParseKeys(in).Marshal()
		if twice := ParseKeys(once).Marshal(); string(twice) != string(once) {
			t.Fatalf("unstable rewrite:\n%q\n%q", once, twice)
		}
	})
}
