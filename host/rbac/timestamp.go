package rbac

import (
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
)

// sqlAlchemyTimeLayout is how SQLAlchemy stores a DateTime in SQLite.
const sqlAlchemyTimeLayout = "2006-01-02 15:04:05.000000"

// dbTime is a created_at column value. It is written in SQLAlchemy's SQLite
// format so that Wazuh tools read it back, and read from any of the text
// layouts SQLite date functions accept (the test fixtures use
// "1970-01-01 00:00:00").
type dbTime struct {
	time.Time
}

// Value implements driver.Valuer.
func (t dbTime) Value() (driver.Value, error) {
	if t.IsZero() {
		return nil, nil
	}
	return t.UTC().Format(sqlAlchemyTimeLayout), nil
}

// Scan implements sql.Scanner.
func (t *dbTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		t.Time = time.Time{}
		return nil
	case time.Time:
		t.Time = v.UTC()
		return nil
	case []byte:
		return t.parse(string(v))
	case string:
		return t.parse(v)
	default:
		return fmt.Errorf("rbac: cannot scan %T into a timestamp", src)
	}
}

var dbTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00",
	"2006-01-02 15:04",
	"2006-01-02",
}

func (t *dbTime) parse(s string) error {
	s = strings.TrimSpace(s)
	for _, layout := range dbTimeLayouts {
		if v, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			t.Time = v.UTC()
			return nil
		}
	}
	// An unparsable timestamp is not worth refusing a row over.
	t.Time = time.Time{}
	return nil
}
