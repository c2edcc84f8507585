package query

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The array engine works on Go values standing for the Python objects
// Wazuh's process_array sees: nil is None, bool is bool (a Python int
// subclass), Go integers are int, float32/64 are float, string is str,
// time.Time is an aware datetime, slices are lists and maps are dicts.

// pyType classifies a Go value as the Python type it stands for.
type pyType uint8

const (
	pyNone pyType = iota
	pyBool
	pyIntT
	pyFloat
	pyStr
	pyList
	pyDict
	pyDatetime
	pyOther
)

// typeOf returns the Python type of v.
func typeOf(v any) pyType {
	switch v.(type) {
	case nil:
		return pyNone
	case bool:
		return pyBool
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return pyIntT
	case float32, float64:
		return pyFloat
	case string:
		return pyStr
	case time.Time:
		return pyDatetime
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Slice, reflect.Array:
		return pyList
	case reflect.Map:
		return pyDict
	}
	return pyOther
}

// isPyInt reports isinstance(v, int): Python bools are ints too.
func isPyInt(v any) bool {
	t := typeOf(v)
	return t == pyIntT || t == pyBool
}

// numeric returns v as a number: exact when it is an int or bool.
func numeric(v any) (i int64, f float64, isFloat, ok bool) {
	switch x := v.(type) {
	case bool:
		if x {
			return 1, 1, false, true
		}
		return 0, 0, false, true
	case float32:
		return 0, float64(x), true, true
	case float64:
		return 0, x, true, true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), float64(rv.Int()), false, true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return math.MaxInt64, float64(u), false, true
		}
		return int64(u), float64(u), false, true
	}
	return 0, 0, false, false
}

// numCompare compares two numbers; -1, 0 or 1.
func numCompare(a, b any) int {
	ai, af, aFloat, _ := numeric(a)
	bi, bf, bFloat, _ := numeric(b)
	if !aFloat && !bFloat {
		return cmpOrdered(ai, bi)
	}
	return cmpOrdered(af, bf)
}

// cmpOrdered compares two ordered values.
func cmpOrdered[T int64 | float64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// listItems returns the elements of a slice value.
func listItems(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	rv := reflect.ValueOf(v)
	out := make([]any, rv.Len())
	for i := range out {
		out[i] = rv.Index(i).Interface()
	}
	return out
}

// dictItems returns a map value as map[string]any (keys formatted).
func dictItems(v any) map[string]any {
	if m, ok := v.(map[string]any); ok {
		return m
	}
	rv := reflect.ValueOf(v)
	out := make(map[string]any, rv.Len())
	for _, k := range rv.MapKeys() {
		out[fmt.Sprint(k.Interface())] = rv.MapIndex(k).Interface()
	}
	return out
}

// pyEqual is Python's ==: numbers across int/float/bool, deep lists and
// dicts, and False for values of unrelated types.
func pyEqual(a, b any) bool {
	ta, tb := typeOf(a), typeOf(b)
	isNum := func(t pyType) bool { return t == pyBool || t == pyIntT || t == pyFloat }
	switch {
	case isNum(ta) && isNum(tb):
		return numCompare(a, b) == 0
	case ta != tb:
		return false
	}
	switch ta {
	case pyNone:
		return true
	case pyStr:
		return a.(string) == b.(string)
	case pyDatetime:
		return a.(time.Time).Equal(b.(time.Time))
	case pyList:
		la, lb := listItems(a), listItems(b)
		if len(la) != len(lb) {
			return false
		}
		for i := range la {
			if !pyEqual(la[i], lb[i]) {
				return false
			}
		}
		return true
	case pyDict:
		da, db := dictItems(a), dictItems(b)
		if len(da) != len(db) {
			return false
		}
		for k, va := range da {
			vb, ok := db[k]
			if !ok || !pyEqual(va, vb) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// pyLess is Python's a < b; ok is false where Python raises TypeError
// (None, dicts, or unrelated types).
func pyLess(a, b any) (less, ok bool) {
	ta, tb := typeOf(a), typeOf(b)
	isNum := func(t pyType) bool { return t == pyBool || t == pyIntT || t == pyFloat }
	switch {
	case isNum(ta) && isNum(tb):
		return numCompare(a, b) < 0, true
	case ta != tb:
		return false, false
	}
	switch ta {
	case pyStr:
		return a.(string) < b.(string), true
	case pyDatetime:
		return a.(time.Time).Before(b.(time.Time)), true
	case pyList:
		la, lb := listItems(a), listItems(b)
		for i := 0; i < len(la) && i < len(lb); i++ {
			if !pyEqual(la[i], lb[i]) {
				return pyLess(la[i], lb[i])
			}
		}
		return len(la) < len(lb), true
	}
	return false, false
}

// pyKey is a canonical key such that pyEqual values share it, for
// distinct's `element not in distinct_array`.
func pyKey(v any) string {
	switch typeOf(v) {
	case pyNone:
		return "z"
	case pyBool, pyIntT, pyFloat:
		i, f, isFloat, _ := numeric(v)
		if isFloat && f != math.Trunc(f) || math.IsInf(f, 0) || math.IsNaN(f) {
			return "n" + strconv.FormatFloat(f, 'g', -1, 64)
		}
		if isFloat {
			return "n" + strconv.FormatFloat(f, 'f', -1, 64)
		}
		return "n" + strconv.FormatInt(i, 10)
	case pyStr:
		return "s" + strconv.Quote(v.(string))
	case pyDatetime:
		return "t" + v.(time.Time).UTC().Format(time.RFC3339Nano)
	case pyList:
		items := listItems(v)
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = pyKey(it)
		}
		return "[" + strings.Join(parts, ",") + "]"
	case pyDict:
		d := dictItems(v)
		keys := make([]string, 0, len(d))
		for k := range d {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = strconv.Quote(k) + ":" + pyKey(d[k])
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return "o" + fmt.Sprintf("%#v", v)
}
