package rbac

import (
	"reflect"
	"testing"
)

func TestCreateUser(t *testing.T) {
	s, _ := newTestStore(t)
	r := must[Result[User]](t)(s.CreateUser(bg, "analyst", "Wazuh12!"))
	if len(r.Items) != 1 || r.Total != 1 {
		t.Fatalf("%+v", r)
	}
	u := r.Items[0]
	if u.ID != 100 || u.AllowRunAs || len(u.Roles) != 0 || u.Roles == nil {
		t.Fatalf("new user %+v", u)
	}
	if id := mkUser(t, s, "second"); id != 101 {
		t.Fatalf("second id %d", id)
	}
	dup := must[Result[User]](t)(s.CreateUser(bg, "analyst", "Wazuh12!"))
	wantFailed(t, dup, "analyst", CodeUserNotCreated)
	_, err := s.CreateUser(bg, "weak", "Abc!1")
	wantCode(t, err, CodePasswordLength)
	_, err = s.CreateUser(bg, "weak", "abcdefgh1!")
	wantCode(t, err, CodePasswordComplexity)
}

func TestUpdatePasswordAdminOnlyByAdmins(t *testing.T) {
	s, _ := newTestStore(t)
	mkUser(t, s, "operator")
	// A non-reserved user cannot change user 1's or 2's password.
	for _, id := range []int{1, 2} {
		_, err := s.UpdateUserPassword(bg, "operator", id, ptr("Wazuh12!"))
		wantCode(t, err, CodeAdminOnlyByAdmins)
	}
	// An unknown caller fails closed.
	_, err := s.UpdateUserPassword(bg, "", 2, ptr("Wazuh12!"))
	wantCode(t, err, CodeAdminOnlyByAdmins)
	// User 1 can change user 2's password.
	r := must[Result[User]](t)(s.UpdateUserPassword(bg, "wazuh", 2, ptr("NewPass1!")))
	if len(r.Items) != 1 || r.Items[0].ID != 2 {
		t.Fatalf("%+v", r)
	}
	if _, err := s.Authenticate("wazuh-wui", "NewPass1!"); err != nil {
		t.Fatal(err)
	}
	_, err = s.UpdateUserPassword(bg, "wazuh", 2, nil)
	wantCode(t, err, CodeEmptyBody)
	_, err = s.UpdateUserPassword(bg, "wazuh", 2, ptr("short"))
	wantCode(t, err, CodePasswordLength)
	missing := must[Result[User]](t)(s.UpdateUserPassword(bg, "wazuh", 555, ptr("Wazuh12!")))
	wantFailed(t, missing, 555, CodeUserNotFound)
	// A non-reserved user may change another non-reserved user.
	other := mkUser(t, s, "other")
	if r := must[Result[User]](t)(s.UpdateUserPassword(bg, "operator", other, ptr("Wazuh12!!"))); r.Total != 1 {
		t.Fatalf("%+v", r)
	}
}

func TestSetAllowRunAs(t *testing.T) {
	s, _ := newTestStore(t)
	id := mkUser(t, s, "flag")
	r := must[Result[User]](t)(s.SetAllowRunAs(bg, id, true))
	if !r.Items[0].AllowRunAs {
		t.Fatal("flag not set")
	}
	// No reserved-id protection (Wazuh quirk kept).
	r = must[Result[User]](t)(s.SetAllowRunAs(bg, 1, false))
	if r.Items[0].AllowRunAs {
		t.Fatal("flag not cleared on user 1")
	}
	wantFailed(t, must[Result[User]](t)(s.SetAllowRunAs(bg, 999, true)), 999, CodeUserNotFound)
}

func TestDeleteUsers(t *testing.T) {
	s, _ := newTestStore(t)
	me := mkUser(t, s, "me")
	a := mkUser(t, s, "a")
	b := mkUser(t, s, "b")
	r := must[Result[User]](t)(s.DeleteUsers(bg, "me", []int{1, 2, me, 777, b}))
	wantFailed(t, r, 1, CodeReservedUser, 2, CodeReservedUser, me, CodeCurrentUser, 777, CodeUserNotFound)
	if len(r.Items) != 1 || r.Items[0].ID != b {
		t.Fatalf("%+v", r.Items)
	}
	// user_ids=all: reserved users and the caller are silently skipped.
	all := must[Result[User]](t)(s.DeleteUsers(bg, "me", nil)).Without(CodeUserNotFound, CodeReservedUser, CodeCurrentUser)
	if len(all.Failed) != 0 || len(all.Items) != 1 || all.Items[0].ID != a {
		t.Fatalf("%+v", all)
	}
	left := must[Result[User]](t)(s.GetUsers(bg, nil))
	ids := []int{}
	for _, u := range left.Items {
		ids = append(ids, u.ID)
	}
	if !reflect.DeepEqual(ids, []int{1, 2, me}) {
		t.Fatalf("left %v", ids)
	}
	// Reserved users are reserved even if a non-reserved admin deletes.
	wantFailed(t, must[Result[User]](t)(s.DeleteUsers(bg, "wazuh", []int{1})), 1, CodeReservedUser)
}

func TestDeletedUserLinksAreRemoved(t *testing.T) {
	s, _ := newTestStore(t)
	u := mkUser(t, s, "linked")
	role := mkRole(t, s, "r")
	must[Result[User]](t)(s.AddUserRoles(bg, u, []int{role}, nil))
	must[Result[User]](t)(s.DeleteUsers(bg, "wazuh", []int{u}))
	r := must[Result[Role]](t)(s.GetRoles(bg, []int{role}))
	if len(r.Items[0].Users) != 0 {
		t.Fatalf("role still linked to %v", r.Items[0].Users)
	}
}
