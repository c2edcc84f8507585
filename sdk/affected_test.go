package sdk

import (
	"fmt"
	"net/http"
	"testing"
)

// The partial-failure example of api-surface.md §2.3
// (PUT /agents/restart?agents_list=001,002,999).
func TestAffectedItemsPartialFailureMatchesWazuh(t *testing.T) {
	r := NewAffectedItems("Restart command was sent to all agents", "Restart command was not sent to some agents", "Restart command was not sent to any agent")
	r.AddAffected("001")
	notActive := &Error{Code: 1707, HTTPStatus: http.StatusBadRequest, Message: "Cannot send request, agent is not active", Remediation: "Please, check non-active agents connection and try again. Visit https://documentation.wazuh.com/4.14/user-manual/registering/index.html and https://documentation.wazuh.com/4.14/user-manual/agents/agent-connection.html to obtain more information on registering and connecting agents"}
	missing := &Error{Code: 1701, HTTPStatus: http.StatusNotFound, Message: "Agent does not exist", Remediation: "Please, use `GET /agents?select=id,name` to find all available agents"}
	r.AddFailed("002", notActive)
	r.AddFailed("999", missing)
	got, err := MarshalWazuhJSON(r, false)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"data": {"affected_items": ["001"], "total_affected_items": 1, "total_failed_items": 2, "failed_items": [{"error": {"code": 1701, "message": "Agent does not exist", "remediation": "Please, use ` + "`GET /agents?select=id,name`" + ` to find all available agents"}, "id": ["999"]}, {"error": {"code": 1707, "message": "Cannot send request, agent is not active", "remediation": "Please, check non-active agents connection and try again. Visit https://documentation.wazuh.com/4.14/user-manual/registering/index.html and https://documentation.wazuh.com/4.14/user-manual/agents/agent-connection.html to obtain more information on registering and connecting agents"}, "id": ["002"]}]}, "message": "Restart command was not sent to some agents", "error": 2}`
	if string(got) != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestAffectedItemsEmptyIsNoneMessageWithErrorZero(t *testing.T) {
	r := NewAffectedItems("All selected agents information was returned", "Some agents information was not returned", "No agent information was returned")
	r.SetTotal(0)
	got, _ := MarshalWazuhJSON(r, false)
	want := `{"data": {"affected_items": [], "total_affected_items": 0, "total_failed_items": 0, "failed_items": []}, "message": "No agent information was returned", "error": 0}`
	if string(got) != want {
		t.Fatalf("got %s", got)
	}
}

func TestAffectedItemsGroupsIdenticalErrorsAndSortsIDsNumerically(t *testing.T) {
	r := NewAffectedItems("a", "s", "n")
	e := &Error{Code: 1701, Message: "Agent does not exist"}
	for _, id := range []string{"010", "002", "100"} {
		r.AddFailed(id, e)
	}
	if r.ErrorFlag() != 1 || r.TotalFailed() != 3 || r.Message() != "n" {
		t.Fatalf("flag %d failed %d msg %q", r.ErrorFlag(), r.TotalFailed(), r.Message())
	}
	items := r.failedItems()
	if len(items) != 1 || items[0].ID[0] != "002" || items[0].ID[2] != "100" {
		t.Fatalf("items %+v", items)
	}
}

// Wazuh keeps each error's ids in a set: an id failing twice with the same
// error is listed and counted once; with another error it is listed again.
func TestAffectedItemsFailedIDsAreASetPerError(t *testing.T) {
	r := NewAffectedItems("a", "s", "n")
	missing := &Error{Code: 1701, Message: "Agent does not exist"}
	r.AddFailed("999", missing)
	r.AddFailed("999", &Error{Code: 1701, Message: "Agent does not exist"})
	r.AddFailed(5, missing)
	r.AddFailed(5, missing)
	r.AddFailed("999", &Error{Code: 1707, Message: "Cannot send request, agent is not active"})
	if r.TotalFailed() != 3 {
		t.Fatalf("total_failed_items %d, want 3", r.TotalFailed())
	}
	items := r.failedItems()
	if len(items) != 2 || len(items[0].ID) != 2 || len(items[1].ID) != 1 {
		t.Fatalf("items %+v", items)
	}
}

func TestPythonizeJSONMatchesJSONDumps(t *testing.T) {
	got, err := MarshalWazuhJSON(map[string]any{"name": "café 😀 <b>&", "n": []int{1, 2}}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"n": [1, 2], "name": "caf\u00e9 \ud83d\ude00 <b>&"}`
	if string(got) != want {
		t.Fatalf("got %s want %s", got, want)
	}
	pretty, _ := MarshalWazuhJSON(map[string]any{"a": []int{1}}, true)
	if string(pretty) != "{\n   \"a\": [\n      1\n   ]\n}" {
		t.Fatalf("pretty %q", pretty)
	}
}

// sorted(ids, key=int) falls back to lexical order as soon as one id is not
// a Python int: "1e5", "nan" or "1.5" are group names, not numbers.
func TestAffectedItemsFailedIDsSortLikePythonInt(t *testing.T) {
	cases := []struct {
		in, want []any
	}{
		{[]any{"10", "9", "+8", " 7 ", "1_0"}, []any{" 7 ", "+8", "9", "10", "1_0"}},
		{[]any{"2", "1e5"}, []any{"1e5", "2"}},
		{[]any{"nan", "inf", "10", "9"}, []any{"10", "9", "inf", "nan"}},
		{[]any{"2", "1.5"}, []any{"1.5", "2"}},
		{[]any{"2", "1__0"}, []any{"1__0", "2"}},
		{[]any{12, 3, 100}, []any{3, 12, 100}},
		{[]any{"99999999999999999999999", "5"}, []any{"5", "99999999999999999999999"}},
	}
	for _, c := range cases {
		r := NewAffectedItems("a", "s", "n")
		e := &Error{Code: 1710, Message: "The group does not exist"}
		for _, id := range c.in {
			r.AddFailed(id, e)
		}
		got := r.failedItems()[0].ID
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("ids %q: got %q, want %q", c.in, got, c.want)
		}
	}
}
