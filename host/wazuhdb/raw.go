package wazuhdb

import (
	"errors"
	"reflect"
	"sync"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// The read path of "sql" commands talks to SQLite directly through the
// handle of the pooled glebarez connection (reached with sql.Conn.Raw),
// using the same modernc SQLite library the driver is built on; no second
// driver is registered. Compared with database/sql it avoids, per column,
// several mutex-guarded calls, a declared-type lookup, string copies and
// interface boxing, which makes encoding rows about 4x cheaper. It also
// returns TEXT exactly as stored, where the driver turns DATE/DATETIME
// columns into time.Time. If the driver's connection ever stops exposing
// its handle the server falls back to database/sql (see rawHandle).

// rawConn is the SQLite handle and C thread state of one driver connection.
type rawConn struct {
	tls *libc.TLS
	db  uintptr
}

var tlsType = reflect.TypeFor[*libc.TLS]()

// rawFields are the indices of the driver connection's "db" and "tls"
// fields, looked up once per type: FieldByName per request showed in
// profiles.
type rawFields struct {
	db, tls []int
	ok      bool
}

var rawFieldCache sync.Map // reflect.Type -> rawFields

func rawFieldsOf(t reflect.Type) rawFields {
	if f, ok := rawFieldCache.Load(t); ok {
		return f.(rawFields)
	}
	var f rawFields
	if t.PkgPath() == "modernc.org/sqlite" || t.PkgPath() == "github.com/glebarez/go-sqlite" {
		db, okDB := t.FieldByName("db")
		tls, okTLS := t.FieldByName("tls")
		f = rawFields{db: db.Index, tls: tls.Index, ok: okDB && okTLS && db.Type.Kind() == reflect.Uintptr && tls.Type == tlsType}
	}
	rawFieldCache.Store(t, f)
	return f
}

// rawHandle extracts the handle from a glebarez driver connection.
func rawHandle(driverConn any) (rawConn, bool) {
	v := reflect.ValueOf(driverConn)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return rawConn{}, false
	}
	e := v.Elem()
	f := rawFieldsOf(e.Type())
	if !f.ok {
		return rawConn{}, false
	}
	db, tls := e.FieldByIndex(f.db), e.FieldByIndex(f.tls)
	if tls.IsNil() {
		return rawConn{}, false
	}
	return rawConn{tls: (*libc.TLS)(tls.UnsafePointer()), db: uintptr(db.Uint())}, true
}

// errNotReadOnly is returned when a statement given to the read path would
// write.
var errNotReadOnly = errors.New("statement is not read-only")

// rawStmt is a prepared read-only statement.
type rawStmt struct {
	c     rawConn
	p     uintptr
	query string
	keys  [][]byte // pre-encoded `"name":` per column
}

// prepare compiles one read-only statement.
func (c rawConn) prepare(query string) (*rawStmt, error) {
	z, err := libc.CString(query)
	if err != nil {
		return nil, err
	}
	defer libc.Xfree(c.tls, z)
	pp := libc.Xmalloc(c.tls, 8)
	if pp == 0 {
		return nil, errors.New("out of memory")
	}
	defer libc.Xfree(c.tls, pp)
	*(*uintptr)(cPtr(pp)) = 0
	if rc := sqlite3.Xsqlite3_prepare_v2(c.tls, c.db, z, -1, pp, 0); rc != sqlite3.SQLITE_OK {
		return nil, c.err(rc)
	}
	s := &rawStmt{c: c, p: *(*uintptr)(cPtr(pp)), query: query}
	if s.p == 0 {
		return nil, errors.New("empty statement")
	}
	if sqlite3.Xsqlite3_stmt_readonly(c.tls, s.p) == 0 {
		s.close()
		return nil, errNotReadOnly
	}
	n := int(sqlite3.Xsqlite3_column_count(c.tls, s.p))
	s.keys = make([][]byte, n)
	for i := range n {
		name := libc.GoString(sqlite3.Xsqlite3_column_name(c.tls, s.p, int32(i)))
		s.keys[i] = append(appendString(nil, name), ':')
	}
	return s, nil
}

// err is SQLite's message for the last failure on the connection.
func (c rawConn) err(rc int32) error {
	return &rawError{code: int(rc), msg: libc.GoString(sqlite3.Xsqlite3_errmsg(c.tls, c.db))}
}

// rawError is an SQLite error from the read path; its message is
// sqlite3_errmsg, what wazuh-db reports.
type rawError struct {
	code int
	msg  string
}

// Error returns SQLite's message.
func (e *rawError) Error() string { return e.msg }

// Code returns the SQLite result code.
func (e *rawError) Code() int { return e.code }

// step advances to the next row; ok is false when there are no more.
func (s *rawStmt) step() (ok bool, err error) {
	switch rc := sqlite3.Xsqlite3_step(s.c.tls, s.p); rc {
	case sqlite3.SQLITE_ROW:
		return true, nil
	case sqlite3.SQLITE_DONE:
		return false, nil
	default:
		return false, s.c.err(rc)
	}
}

// appendRow appends the current row as wazuh-db encodes it. The column
// values are read from the statement's result row, where
// sqlite3_column_value finds them, without entering the connection mutex
// twice per column (which cost most of the encoding time): that is safe
// because the connection is held exclusively for the duration of the call.
func (s *rawStmt) appendRow(dst []byte) []byte {
	vm := (*sqlite3.TVdbe)(cPtr(s.p))
	row := vm.FpResultRow
	if row == 0 || int(vm.FnResColumn) < len(s.keys) {
		return s.appendRowAPI(dst)
	}
	const memSize = unsafe.Sizeof(sqlite3.TMem{})
	return s.appendObject(dst, func(i int) uintptr { return row + uintptr(i)*memSize })
}

// appendRowAPI is appendRow through sqlite3_column_value.
func (s *rawStmt) appendRowAPI(dst []byte) []byte {
	return s.appendObject(dst, func(i int) uintptr { return sqlite3.Xsqlite3_column_value(s.c.tls, s.p, int32(i)) })
}

// appendObject encodes the current row as a JSON object, NULL columns
// omitted, reading column i's sqlite3_value through value.
func (s *rawStmt) appendObject(dst []byte, value func(i int) uintptr) []byte {
	tls := s.c.tls
	dst = append(dst, '{')
	first := true
	for i, key := range s.keys {
		v := value(i)
		t := sqlite3.Xsqlite3_value_type(tls, v)
		if t == sqlite3.SQLITE_NULL {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = appendMem(append(dst, key...), tls, v, t)
	}
	return append(dst, '}')
}

// appendMem encodes the non-NULL value v of type t.
func appendMem(dst []byte, tls *libc.TLS, v uintptr, t int32) []byte {
	switch t {
	case sqlite3.SQLITE_INTEGER:
		return appendInt64(dst, sqlite3.Xsqlite3_value_int64(tls, v))
	case sqlite3.SQLITE_FLOAT:
		return appendNumber(dst, sqlite3.Xsqlite3_value_double(tls, v))
	}
	p := sqlite3.Xsqlite3_value_text(tls, v)
	n := int(sqlite3.Xsqlite3_value_bytes(tls, v))
	if p == 0 || n == 0 {
		return append(dst, `""`...)
	}
	return appendStringBytes(dst, unsafe.Slice((*byte)(cPtr(p)), n))
}

// close finalizes the statement.
func (s *rawStmt) close() {
	if s.p != 0 {
		sqlite3.Xsqlite3_finalize(s.c.tls, s.p)
		s.p = 0
	}
}

// cPtr turns an address of C memory (allocated by the SQLite library,
// outside the Go heap) into a pointer.
func cPtr(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }
