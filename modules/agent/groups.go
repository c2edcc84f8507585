package main

import (
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"sort"

	"golang.org/x/crypto/blake2b"
	"golang.org/x/crypto/blake2s"

	"github.com/wazuh-go/server/sdk"
)

// sharedDir is where groups live: one directory per group.
const sharedDir = "etc/shared"

// newBlake2b and newBlake2s are hashlib.blake2b() and hashlib.blake2s()
// with their default digest sizes (64 and 32 bytes), unkeyed.
func newBlake2b() hash.Hash { h, _ := blake2b.New512(nil); return h }
func newBlake2s() hash.Hash { h, _ := blake2s.New256(nil); return h }

// hashers are the algorithms of the `hash` parameter (Python hashlib).
var hashers = map[string]func() hash.Hash{
	"md5": md5.New, "sha1": sha1.New, "sha224": sha256.New224, "sha256": sha256.New,
	"sha384": sha512.New384, "sha512": sha512.New, "blake2b": newBlake2b, "blake2s": newBlake2s,
	"sha3_224": func() hash.Hash { return sha3.New224() }, "sha3_256": func() hash.Hash { return sha3.New256() },
	"sha3_384": func() hash.Hash { return sha3.New384() }, "sha3_512": func() hash.Hash { return sha3.New512() },
}

// fileHash is Wazuh's get_hash: the hex digest of a file, or nil when it
// cannot be read.
func (m *Module) fileHash(ctx context.Context, path, alg string) any {
	data, err := m.host.Files().Read(ctx, path)
	if err != nil {
		return nil
	}
	h := hashers[alg]()
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil))
}

// groupNames lists the groups: the directories of etc/shared, sorted.
func (m *Module) groupNames(ctx context.Context) ([]string, error) {
	entries, err := m.host.Files().List(ctx, sharedDir)
	if errors.Is(err, sdk.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("agent: list groups: %w", err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir {
			out = append(out, e.Name)
		}
	}
	sort.Strings(out)
	return out, nil
}

// groupExists reports whether etc/shared/<name> is a directory.
func (m *Module) groupExists(ctx context.Context, name string) (bool, error) {
	fi, err := m.host.Files().Stat(ctx, sharedDir+"/"+name)
	if errors.Is(err, sdk.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("agent: stat group %s: %w", name, err)
	}
	return fi.IsDir, nil
}

// requireGroup returns 1710 (404) when the group does not exist.
func (m *Module) requireGroup(ctx context.Context, name string) error {
	ok, err := m.groupExists(ctx, name)
	if err != nil {
		return err
	}
	if !ok {
		return sdk.NewError(1710)
	}
	return nil
}

// groupParam validates {group_id} and checks the caller may act on it
// with action (403) and that it exists (404).
func (m *Module) groupParam(ctx context.Context, req *sdk.Request, action string) (string, error) {
	g, werr := pathParam(req, "group_id", schemaGroupID)
	if werr != nil {
		return "", werr
	}
	if err := m.requireGroupAccess(ctx, req, action, g); err != nil {
		return "", err
	}
	return g, nil
}

// requireGroupAccess is expose_resources on group:id:{group_id} followed by
// the framework's existence check: a group the scope denies is Wazuh's
// 403 (the host normally answers it first), a missing one 1710 (404).
func (m *Module) requireGroupAccess(ctx context.Context, req *sdk.Request, action, g string) error {
	if !scopeFor(req, action, "group:id").Permits(g) {
		return sdk.NewError(4000, "Resource type: group:id")
	}
	return m.requireGroup(ctx, g)
}

// groupCounts returns the number of agents of every group in global.db.
func (m *Module) groupCounts(ctx context.Context) (map[string]int, error) {
	rows, err := m.wdb.rows(ctx, "global",
		"SELECT name, count(id_group) AS count FROM `group` LEFT JOIN belongs ON id = id_group GROUP BY name")
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[str(r["name"])] = toInt(r["count"])
	}
	return out, nil
}

// groupItems builds get_agent_groups' items for names: name, count and
// the hashes of merged.mg and agent.conf when they exist.
func (m *Module) groupItems(ctx context.Context, names []string, alg string) ([]map[string]any, error) {
	counts, err := m.groupCounts(ctx)
	if err != nil {
		return nil, err
	}
	items := make([]map[string]any, 0, len(names))
	for _, g := range names {
		it := map[string]any{"name": g, "count": counts[g]}
		if h := m.fileHash(ctx, sharedDir+"/"+g+"/merged.mg", alg); h != nil {
			it["mergedSum"] = h
		}
		if h := m.fileHash(ctx, sharedDir+"/"+g+"/agent.conf", alg); h != nil {
			it["configSum"] = h
		}
		items = append(items, it)
	}
	return items, nil
}

// groupOrder is the key order of a group item.
var groupOrder = []string{"name", "count", "mergedSum", "configSum"}

// ordered converts array-engine items back to Wazuh's key order.
func ordered(items []map[string]any, order []string) []any {
	out := make([]any, 0, len(items))
	for _, it := range items {
		o := make(orderedMap, 0, len(it))
		for _, k := range order {
			if v, ok := it[k]; ok {
				o = append(o, kv{k, v})
			}
		}
		out = append(out, o)
	}
	return out
}
