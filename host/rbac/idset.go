package rbac

// idSet is an insertion-ordered set of ids.
type idSet struct {
	order []string
	has   map[string]bool
}

func (s *idSet) add(ids ...string) {
	if s.has == nil {
		s.has = map[string]bool{}
	}
	for _, id := range ids {
		if !s.has[id] {
			s.has[id] = true
			s.order = append(s.order, id)
		}
	}
}

func (s *idSet) remove(ids ...string) {
	changed := false
	for _, id := range ids {
		if s.has[id] {
			delete(s.has, id)
			changed = true
		}
	}
	if !changed {
		return
	}
	kept := s.order[:0]
	for _, id := range s.order {
		if s.has[id] {
			kept = append(kept, id)
		}
	}
	s.order = kept
}

func (s *idSet) contains(id string) bool { return s.has[id] }

func (s *idSet) empty() bool { return len(s.order) == 0 }

func (s *idSet) list() []string { return append([]string(nil), s.order...) }

// scopeSet is a possibly infinite set of ids, (all ? everything : allow)
// minus deny: the symbolic form of Wazuh's allowed-resources set, which lets
// wildcards stand for "every id, existing or not".
type scopeSet struct {
	all   bool
	allow idSet
	deny  idSet
}

// setAll applies a wildcard: allow makes everything permitted, deny nothing.
func (s *scopeSet) setAll(allow bool) {
	*s = scopeSet{all: allow}
}

// apply adds (allow) or removes (deny) explicit ids.
func (s *scopeSet) apply(allow bool, ids []string) {
	switch {
	case allow && s.all:
		s.deny.remove(ids...)
	case allow:
		s.allow.add(ids...)
	case s.all:
		s.deny.add(ids...)
	default:
		s.allow.remove(ids...)
	}
}

// noop reports whether applying explicit ids with this effect cannot change
// the set, so an agent:group lookup can be skipped.
func (s *scopeSet) noop(allow bool) bool {
	if allow {
		return s.all && s.deny.empty()
	}
	return !s.all && s.allow.empty()
}

func (s *scopeSet) permits(id string) bool {
	if s.all {
		return !s.deny.contains(id)
	}
	return s.allow.contains(id)
}
