package authd

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// KeyEntry is one line of etc/client.keys: "ID NAME IP KEY". A removed
// agent keeps its line with the name prefixed by "!" (or "#" in old files).
type KeyEntry struct {
	// ID is the agent id as written in the file ("013").
	ID string
	// Name is the agent name without the removal mark.
	Name string
	// IP is "any", an address or a CIDR.
	IP string
	// Key is the agent key.
	Key string
	// Removed is true for "!name" (and legacy "#name") lines.
	Removed bool

	mark byte   // the removal mark as read ('!' or '#'), 0 for active lines
	raw  string // verbatim text of a line that is not a key entry
}

// Line renders the entry as it is written to client.keys (no newline).
func (e KeyEntry) Line() string {
	if e.raw != "" {
		return e.raw
	}
	name := e.Name
	if e.Removed {
		mark := e.mark
		if mark == 0 {
			mark = '!'
		}
		name = string(mark) + name
	}
	return e.ID + " " + name + " " + e.IP + " " + e.Key
}

func (e KeyEntry) valid() bool { return e.raw == "" }

// KeyFile is the parsed content of client.keys, in file order. Lines that
// are not key entries are kept verbatim so a rewrite never loses them.
type KeyFile struct {
	// Entries holds every line of the file.
	Entries []KeyEntry
}

// ParseKeys parses client.keys content. It never fails: malformed lines are
// preserved as opaque entries and ignored by lookups.
func ParseKeys(data []byte) *KeyFile {
	kf := &KeyFile{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		kf.Entries = append(kf.Entries, parseKeyLine(line))
	}
	return kf
}

func parseKeyLine(line string) KeyEntry {
	f := strings.Split(line, " ")
	if len(f) != 4 || !isDigits(f[0]) || f[1] == "" || f[2] == "" || f[3] == "" {
		return KeyEntry{raw: line}
	}
	e := KeyEntry{ID: f[0], Name: f[1], IP: f[2], Key: f[3]}
	if c := e.Name[0]; c == '!' || c == '#' {
		e.Removed, e.mark, e.Name = true, c, e.Name[1:]
	}
	return e
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ReadKeyFile reads and parses path; a missing file is an empty KeyFile.
func ReadKeyFile(path string) (*KeyFile, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &KeyFile{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("authd: read %s: %w", path, err)
	}
	return ParseKeys(data), nil
}

// Marshal renders the file, one line per entry, each ending in "\n".
func (kf *KeyFile) Marshal() []byte {
	var b bytes.Buffer
	for _, e := range kf.Entries {
		b.WriteString(e.Line())
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Clone returns a copy whose entry slice can be modified independently.
func (kf *KeyFile) Clone() *KeyFile {
	return &KeyFile{Entries: append([]KeyEntry(nil), kf.Entries...)}
}

// find returns the index of the first active entry matching pred, or -1.
func (kf *KeyFile) find(pred func(KeyEntry) bool) int {
	for i, e := range kf.Entries {
		if e.valid() && !e.Removed && pred(e) {
			return i
		}
	}
	return -1
}

// ActiveByID returns the index of the active agent with id (compared
// numerically, so "13" finds "013"), or -1.
func (kf *KeyFile) ActiveByID(id int) int {
	return kf.find(func(e KeyEntry) bool { n, err := strconv.Atoi(e.ID); return err == nil && n == id })
}

// ActiveByName returns the index of the active agent named name, or -1.
func (kf *KeyFile) ActiveByName(name string) int {
	return kf.find(func(e KeyEntry) bool { return e.Name == name })
}

// ActiveByIP returns the index of the active agent registered with ip, or -1.
func (kf *KeyFile) ActiveByIP(ip string) int {
	return kf.find(func(e KeyEntry) bool { return e.IP == ip })
}

// ActiveCount returns the number of active agents.
func (kf *KeyFile) ActiveCount() int {
	n := 0
	for _, e := range kf.Entries {
		if e.valid() && !e.Removed {
			n++
		}
	}
	return n
}

// MaxID returns the highest id in the file, removed agents included (authd's
// id counter), or 0.
func (kf *KeyFile) MaxID() int {
	max := 0
	for _, e := range kf.Entries {
		if !e.valid() {
			continue
		}
		if n, err := strconv.Atoi(e.ID); err == nil && n > max {
			max = n
		}
	}
	return max
}

// RemoveAt marks entry i as removed ("!name"), or deletes its line when purge.
func (kf *KeyFile) RemoveAt(i int, purge bool) {
	if purge {
		kf.Entries = append(kf.Entries[:i:i], kf.Entries[i+1:]...)
		return
	}
	kf.Entries[i].Removed, kf.Entries[i].mark = true, '!'
}

// DropRemovedID deletes the lines of removed agents with id, so that the id
// can be registered again without two lines sharing it.
func (kf *KeyFile) DropRemovedID(id int) {
	out := kf.Entries[:0:0]
	for _, e := range kf.Entries {
		if e.valid() && e.Removed {
			if n, err := strconv.Atoi(e.ID); err == nil && n == id {
				continue
			}
		}
		out = append(out, e)
	}
	kf.Entries = out
}
