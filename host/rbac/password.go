package rbac

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"math/big"
	"strconv"
	"strings"

	"golang.org/x/crypto/scrypt"
)

// Werkzeug 3.1 defaults for generate_password_hash.
const (
	DefaultScryptN = 32768
	scryptR        = 8
	scryptP        = 1
	scryptKeyLen   = 64
	saltLength     = 16
	saltChars      = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	// defaultPBKDF2Iterations is used for "pbkdf2:<hash>" without a count.
	defaultPBKDF2Iterations = 1_000_000
)

// Upper bounds on the work a stored hash may ask for, so a damaged or
// hostile row cannot turn one login into a denial of service.
const (
	maxScryptN          = 1 << 20
	maxScryptRP         = 64
	maxPBKDF2Iterations = 10_000_000
)

// ErrUnsupportedHash reports a stored password hash werkzeug could not
// check either (unknown method or malformed parameters).
var ErrUnsupportedHash = errors.New("rbac: unsupported password hash")

// HashPassword hashes password as werkzeug's generate_password_hash does by
// default: "scrypt:32768:8:1$<16-char salt>$<128 hex digits>".
func HashPassword(password string) (string, error) {
	return hashScrypt(password, DefaultScryptN)
}

func hashScrypt(password string, n int) (string, error) {
	salt, err := newSalt()
	if err != nil {
		return "", err
	}
	key, err := scrypt.Key([]byte(password), []byte(salt), n, scryptR, scryptP, scryptKeyLen)
	if err != nil {
		return "", fmt.Errorf("rbac: scrypt: %w", err)
	}
	return fmt.Sprintf("scrypt:%d:%d:%d$%s$%s", n, scryptR, scryptP, salt, hex.EncodeToString(key)), nil
}

// newSalt returns werkzeug's gen_salt(16): letters and digits, uniformly.
func newSalt() (string, error) {
	var b strings.Builder
	limit := big.NewInt(int64(len(saltChars)))
	for range saltLength {
		i, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return "", fmt.Errorf("rbac: salt: %w", err)
		}
		b.WriteByte(saltChars[i.Int64()])
	}
	return b.String(), nil
}

// VerifyPassword checks password against a werkzeug hash: scrypt
// ("scrypt:N:r:p$salt$hex", or "scrypt$salt$hex" with the defaults) and
// pbkdf2 ("pbkdf2:sha256:iterations$salt$hex" and its short forms), as
// check_password_hash does, comparing the hex digests in constant time.
func VerifyPassword(stored, password string) (bool, error) {
	method, rest, ok := strings.Cut(stored, "$")
	if !ok {
		return false, nil
	}
	salt, want, ok := strings.Cut(rest, "$")
	if !ok {
		return false, nil
	}
	got, err := werkzeugHash(method, salt, password)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1, nil
}

// werkzeugHash is werkzeug's _hash_internal: the hex digest for method.
func werkzeugHash(method, salt, password string) (string, error) {
	name, args, _ := strings.Cut(method, ":")
	var params []string
	if args != "" {
		params = strings.Split(args, ":")
	}
	switch name {
	case "scrypt":
		n, r, p := DefaultScryptN, scryptR, scryptP
		if len(params) > 0 {
			if len(params) < 3 {
				return "", fmt.Errorf("%w: %q", ErrUnsupportedHash, method)
			}
			var err error
			if n, err = strconv.Atoi(params[0]); err != nil {
				return "", fmt.Errorf("%w: %q", ErrUnsupportedHash, method)
			}
			if r, err = strconv.Atoi(params[1]); err != nil {
				return "", fmt.Errorf("%w: %q", ErrUnsupportedHash, method)
			}
			if p, err = strconv.Atoi(params[2]); err != nil {
				return "", fmt.Errorf("%w: %q", ErrUnsupportedHash, method)
			}
		}
		if n <= 1 || n > maxScryptN || r <= 0 || p <= 0 || r*p > maxScryptRP {
			return "", fmt.Errorf("%w: scrypt parameters out of range in %q", ErrUnsupportedHash, method)
		}
		key, err := scrypt.Key([]byte(password), []byte(salt), n, r, p, scryptKeyLen)
		if err != nil {
			return "", fmt.Errorf("%w: %w", ErrUnsupportedHash, err)
		}
		return hex.EncodeToString(key), nil
	case "pbkdf2":
		return pbkdf2Hex(params, method, salt, password)
	default:
		return "", fmt.Errorf("%w: method %q", ErrUnsupportedHash, name)
	}
}

func pbkdf2Hex(params []string, method, salt, password string) (string, error) {
	hashName, iterations := "sha256", defaultPBKDF2Iterations
	if len(params) >= 1 {
		hashName = params[0]
	}
	if len(params) >= 2 {
		var err error
		if iterations, err = strconv.Atoi(params[1]); err != nil {
			return "", fmt.Errorf("%w: %q", ErrUnsupportedHash, method)
		}
	}
	if iterations <= 0 || iterations > maxPBKDF2Iterations {
		return "", fmt.Errorf("%w: iterations out of range in %q", ErrUnsupportedHash, method)
	}
	var h func() hash.Hash
	switch hashName {
	case "sha1":
		h = sha1.New
	case "sha224":
		h = sha256.New224
	case "sha256":
		h = sha256.New
	case "sha384":
		h = sha512.New384
	case "sha512":
		h = sha512.New
	default:
		return "", fmt.Errorf("%w: pbkdf2 hash %q", ErrUnsupportedHash, hashName)
	}
	key, err := pbkdf2.Key(h, password, []byte(salt), iterations, h().Size())
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrUnsupportedHash, err)
	}
	return hex.EncodeToString(key), nil
}
