package rbac

import (
	"regexp"
	"strings"
	"testing"
)

// Hashes generated with werkzeug 3.1 generate_password_hash.
const (
	vecScrypt       = "scrypt:32768:8:1$axF6vnP2vRNqMVmH$c68e6e4253f5f3601372f02e808a5e36d67abd0a89944e2cb9d9664c8ed33a6e6cf0a186c3912d9dfb726033d932988f4183379450fb875a440cf2a10e0b907e"   // Wazuh12!
	vecPBKDF2       = "pbkdf2:sha256:150000$iTRKklfgnU2iyEhV$030ebf6ebed0b13a99c6baa45c6c6dda79e9904b4567b61f5835be3f823f86b0"                                                               // wazuh
	vecPBKDF2SHA512 = "pbkdf2:sha512:1000$UDX5mmkWTWyCMel9$14ff466353eb8947ca38586a402ef248fd720c93ef023180f9dc25618366f283e5b893b74c31810795774883a8304d12ec4e9addba5dc7fb7e49fd90da4397a0" // S3cret!pass
	vecScryptUTF8   = "scrypt:16384:8:1$59VZoCUQ3ZFbmN7m$25cbd7c9a90c537b3df25d062ba311817fdbc33b5b6e212275580133c21ccf7548eb53d7a54391caa0c56e82543a46427c0a32b230524c792ea2806c0e501f76"   // héllo-wörld
)

func TestVerifyWerkzeugHashes(t *testing.T) {
	cases := []struct {
		hash, password string
		want           bool
	}{
		{vecScrypt, "Wazuh12!", true},
		{vecScrypt, "Wazuh12?", false},
		{vecPBKDF2, "wazuh", true},
		{vecPBKDF2, "Wazuh", false},
		{vecPBKDF2SHA512, "S3cret!pass", true},
		{vecScryptUTF8, "héllo-wörld", true},
		{vecScryptUTF8, "hello-world", false},
		{"no-dollars", "x", false},
		{"scrypt:16384:8:1$onlysalt", "x", false},
	}
	for _, c := range cases {
		got, err := VerifyPassword(c.hash, c.password)
		if err != nil || got != c.want {
			t.Errorf("VerifyPassword(%.20s…, %q) = %v, %v; want %v", c.hash, c.password, got, err, c.want)
		}
	}
	for _, bad := range []string{"md5$salt$abc", "scrypt:1:8:1$s$00", "scrypt:x:8:1$s$00", "pbkdf2:sha3:1000$s$00", "scrypt:2097152:8:1$s$00"} {
		if _, err := VerifyPassword(bad, "x"); err == nil {
			t.Errorf("VerifyPassword(%s) accepted", bad)
		}
	}
}

func TestHashPasswordIsWerkzeugScrypt(t *testing.T) {
	h, err := HashPassword("Wazuh12!")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^scrypt:32768:8:1\$[A-Za-z0-9]{16}\$[0-9a-f]{128}$`).MatchString(h) {
		t.Fatalf("hash %s", h)
	}
	if ok, err := VerifyPassword(h, "Wazuh12!"); !ok || err != nil {
		t.Fatalf("round trip: %v %v", ok, err)
	}
	if !regexp.MustCompile(`^scrypt:32768:8:1\$[A-Za-z0-9]{16}\$[0-9a-f]{128}$`).MatchString(dummyScryptHash) {
		t.Fatal("dummy hash is not a werkzeug scrypt hash")
	}
}

func TestPasswordPolicy(t *testing.T) {
	valid64 := "Wazuh12!" + strings.Repeat("a", 56)
	cases := []struct {
		pw   string
		code int
	}{
		{"Abc!1", CodePasswordLength},                             // security.md §9
		{"abcdefgh1!", CodePasswordComplexity},                    // no upper case
		{valid64 + "a", CodePasswordLength},                       // 65 characters
		{"Wazuh12!", 0},                                           // accepted
		{valid64, 0},                                              // 64 characters
		{"Wazuh12345", CodePasswordComplexity},                    // no symbol
		{"WAZUH12!", CodePasswordComplexity},                      // no lower case
		{"Wazuhhh!", CodePasswordComplexity},                      // no digit
		{"Wazuh12\n!", CodePasswordComplexity},                    // "." does not cross lines
		{"Wazuh12!\n", 0},                                         // "$" matches before a final newline
		{"Wazuh١!x", 0},                                           // a Unicode digit is \d (and a symbol)
		{"Wäzuh12" + strings.Repeat("ü", 57), 0},                  // 64 characters, 121 bytes
		{"Wäzuh12" + strings.Repeat("ü", 58), CodePasswordLength}, // 65 characters
	}
	for _, c := range cases {
		err := ValidatePassword(c.pw)
		if c.code == 0 {
			if err != nil {
				t.Errorf("ValidatePassword(%q) = %v", c.pw, err)
			}
			continue
		}
		wantCode(t, err, c.code)
	}
}
