package pyjson

// Value is a decoded JSON value: nil, bool, string, Number, []Value or
// *Object.
type Value = any

// Number is a JSON number kept as its literal text.
type Number string

// Object is a JSON object that keeps its keys in insertion order.
type Object struct {
	keys []string
	vals map[string]Value
}

// NewObject returns an empty object.
func NewObject() *Object {
	return &Object{vals: map[string]Value{}}
}

// Len returns the number of keys.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.keys)
}

// Keys returns the keys in order. The slice must not be modified.
func (o *Object) Keys() []string {
	if o == nil {
		return nil
	}
	return o.keys
}

// Get returns the value of key and whether it exists.
func (o *Object) Get(key string) (Value, bool) {
	if o == nil {
		return nil, false
	}
	v, ok := o.vals[key]
	return v, ok
}

// Set stores key. An existing key keeps its position, as in a Python dict.
func (o *Object) Set(key string, v Value) {
	if o.vals == nil {
		o.vals = map[string]Value{}
	}
	if _, ok := o.vals[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.vals[key] = v
}

// Delete removes key, keeping the order of the others.
func (o *Object) Delete(key string) {
	if _, ok := o.vals[key]; !ok {
		return
	}
	delete(o.vals, key)
	for i, k := range o.keys {
		if k == key {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			break
		}
	}
}

// Depth returns the nesting depth of v: 0 for scalars, 1 for a flat array or
// object, and so on.
func Depth(v Value) int {
	switch t := v.(type) {
	case []Value:
		d := 0
		for _, e := range t {
			d = max(d, Depth(e))
		}
		return d + 1
	case *Object:
		d := 0
		for _, k := range t.keys {
			d = max(d, Depth(t.vals[k]))
		}
		return d + 1
	default:
		return 0
	}
}
