package rbac

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// DBFileMode is the permission Wazuh gives rbac.db.
const DBFileMode fs.FileMode = 0o640

// DefaultTokenTimeout is Wazuh's default auth_token_exp_timeout in seconds.
const DefaultTokenTimeout = 900

// Options configures a Store. The zero value is Wazuh's defaults.
type Options struct {
	// TokenTimeout returns the current auth_token_exp_timeout in seconds. It
	// is read each time an invalidation rule is written (is_valid_until =
	// now + timeout). Nil means DefaultTokenTimeout.
	TokenTimeout func() int64
	// Now returns the current time. Nil means time.Now.
	Now func() time.Time
	// ScryptN is the scrypt cost of newly hashed passwords. Zero means
	// werkzeug's 32768; tests may lower it. Verification always uses the
	// parameters stored in each hash.
	ScryptN int
	// HashConcurrency bounds how many password hashes run at once (scrypt
	// with N=32768 needs 32 MiB each). Zero means GOMAXPROCS.
	HashConcurrency int
	// CredentialCacheSize bounds the verified-credentials cache. Zero means
	// 1024 entries; negative disables the cache.
	CredentialCacheSize int
	// InitialPasswords replaces the default users' well-known passwords
	// (username → password) when a new database is seeded. Existing
	// databases are never changed.
	InitialPasswords map[string]string
	// Logger receives warnings (for example run_as rules that hit the depth
	// limit). Nil discards them.
	Logger *slog.Logger
}

// Store is Wazuh's RBAC database (rbac.db) with its business rules. It is
// safe for concurrent use.
type Store struct {
	db         *gorm.DB
	opts       Options
	gen        atomic.Uint64
	creds      *credCache
	hashSlots  chan struct{}
	hashWork   atomic.Int64
	dummyHash  string
	perms      *permCache
	rulesCache *ruleCache
}

// Open opens the rbac.db at path. An existing Wazuh database is used as it
// is ("attached mode"): only missing tables are created and nothing is
// migrated or re-seeded. A new (or empty) file gets Wazuh 4.14's schema, the
// default users, roles, policies, rules and relationships with Wazuh's ids,
// and PRAGMA user_version = SchemaVersion. The file is given mode 0640.
func Open(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("rbac: empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("rbac: resolve %s: %w", path, err)
	}
	if err := prepareFile(abs, opts.Logger); err != nil {
		return nil, err
	}
	dsn := "file:" + (&url.URL{Path: abs}).EscapedPath() + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)"
	db, err := gorm.Open(sqlite.Open(dsn), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
	})
	if err != nil {
		return nil, fmt.Errorf("rbac: open database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("rbac: database handle: %w", err)
	}
	// One connection: SQLite has one writer anyway, and this keeps every
	// read-modify-write sequence serialized without SQLITE_BUSY retries.
	sqlDB.SetMaxOpenConns(1)
	s := newStore(db, opts)
	if err := s.init(context.Background()); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// prepareFile creates the database file if needed and gives it mode 0640,
// as Wazuh does on every start. Failing to change the mode of an existing
// file (not owned by this process) is only a warning.
func prepareFile(path string, logger *slog.Logger) error {
	_, statErr := os.Stat(path)
	existed := statErr == nil
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, DBFileMode)
	if err != nil {
		return fmt.Errorf("rbac: open %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("rbac: close %s: %w", path, err)
	}
	if err := os.Chmod(path, DBFileMode); err != nil {
		if !existed {
			return fmt.Errorf("rbac: chmod %s: %w", path, err)
		}
		if logger != nil {
			logger.Warn("cannot set the RBAC database mode to 0640", "path", path, "error", err)
		}
	}
	return nil
}

func newStore(db *gorm.DB, opts Options) *Store {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.ScryptN == 0 {
		opts.ScryptN = DefaultScryptN
	}
	slots := opts.HashConcurrency
	if slots <= 0 {
		slots = runtime.GOMAXPROCS(0)
	}
	return &Store{
		db:         db,
		opts:       opts,
		creds:      newCredCache(opts.CredentialCacheSize),
		hashSlots:  make(chan struct{}, slots),
		perms:      newPermCache(),
		rulesCache: newRuleCache(),
	}
}

// init creates the schema and, for a new database, the default resources.
func (s *Store) init(ctx context.Context) error {
	dummy, err := s.dummyHashFor(s.opts.ScryptN)
	if err != nil {
		return err
	}
	s.dummyHash = dummy
	db := s.db.WithContext(ctx)
	existing, err := existingTables(db)
	if err != nil {
		return err
	}
	var seed *seedPlan
	if len(existing) == 0 {
		// Hash the default passwords before the transaction: scrypt is slow.
		if seed, err = s.prepareSeed(); err != nil {
			return err
		}
	}
	return db.Transaction(func(tx *gorm.DB) error {
		fresh, err := ensureSchema(tx)
		if err != nil || !fresh {
			return err
		}
		if seed == nil {
			return errors.New("rbac: database was emptied while opening it")
		}
		if err := seed.apply(tx, s.now()); err != nil {
			return err
		}
		if err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion)).Error; err != nil {
			return fmt.Errorf("rbac: set user_version: %w", err)
		}
		return nil
	})
}

// Close closes the database.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("rbac: database handle: %w", err)
	}
	if err := sqlDB.Close(); err != nil {
		return fmt.Errorf("rbac: close: %w", err)
	}
	return nil
}

// SchemaVersion returns the database's PRAGMA user_version.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(s.db.WithContext(ctx))
}

// Generation is a counter incremented after every committed change that can
// affect token validity or permissions: invalidation rules, relationship
// changes, and any create, update or delete of users, roles, policies and
// rules. Caches of verified tokens or processed policies compare it to drop
// stale entries at once.
func (s *Store) Generation() uint64 {
	return s.gen.Load()
}

// bump records a committed change.
func (s *Store) bump() {
	s.gen.Add(1)
}

func (s *Store) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

func (s *Store) tokenTimeout() int64 {
	if s.opts.TokenTimeout != nil {
		return s.opts.TokenTimeout()
	}
	return DefaultTokenTimeout
}

// write runs fn in a transaction and bumps the generation when it commits.
func (s *Store) write(ctx context.Context, fn func(tx *gorm.DB) error) error {
	err := s.db.WithContext(ctx).Transaction(fn)
	if err == nil {
		s.bump()
	}
	return err
}
