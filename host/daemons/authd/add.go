package authd

import (
	"context"
	"strconv"
)

// Add registers a new agent (authd's local_add). Checks, in authd's order:
// groups (9014), IP format (9006), name format (9005), explicit ID (9010,
// duplicate 9012), duplicate IP (9007), manager name and duplicate name
// (9008), agent limit (9013), key (9009). A duplicate that the force rules
// allow is replaced: it is removed exactly like a remove request, but only
// once every check has passed. Then client.keys is rewritten and the agent is
// inserted into global.db; if that insert fails client.keys is restored and
// the reply is 9001.
func (s *Service) Add(ctx context.Context, a AddArgs) (AgentData, *ProtocolError) {
	force := *s.cfg.DefaultForce
	if a.Force != nil {
		force = *a.Force
	}
	var groups []string
	if a.Groups != "" {
		g, ok := SplitGroups(a.Groups, s.sharedDir())
		if !ok {
			s.log.Warn("invalid group(s) in add request", "groups", a.Groups)
			return AgentData{}, newError(CodeInvalidGroup)
		}
		groups = g
	}
	if !ValidIP(a.IP) {
		return AgentData{}, newError(CodeNoIP)
	}
	if !ValidName(a.Name) {
		return AgentData{}, newError(CodeNoName)
	}
	explicitID := -1
	if a.ID != "" {
		n, ok := ParseAgentID(a.ID)
		if !ok {
			return AgentData{}, newError(CodeNoID)
		}
		if n == 0 { // 000 is the manager
			return AgentData{}, newError(CodeDuplicateID)
		}
		explicitID = n
	}
	if a.Key != "" && !ValidKey(a.Key) {
		return AgentData{}, newError(CodeKey)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	kf, perr := s.load()
	if perr != nil {
		return AgentData{}, perr
	}
	replaced, perr := s.duplicates(ctx, kf, a, explicitID, force)
	if perr != nil {
		return AgentData{}, perr
	}
	if s.cfg.MaxAgents > 0 && kf.ActiveCount()-len(replaced) >= s.cfg.MaxAgents {
		return AgentData{}, newError(CodeAgentLimit)
	}

	s.noteIDs(kf)
	id := explicitID
	if id < 0 {
		id = s.counter + 1
	}
	if id > MaxAgentID {
		return AgentData{}, newError(CodeAgentLimit)
	}
	entry := KeyEntry{ID: FormatAgentID(id), Name: a.Name, IP: a.IP, Key: a.Key}
	if entry.Key == "" {
		k, err := GenerateKey(a.Name, a.IP, entry.ID)
		if err != nil {
			s.log.Error("cannot generate key", "error", err)
			return AgentData{}, newError(CodeKey)
		}
		entry.Key = k
	}

	next := kf.Clone()
	purge := s.cfg.PurgeAlways
	for _, old := range replaced {
		n, _ := strconv.Atoi(old.ID)
		next.RemoveAt(next.ActiveByID(n), purge)
	}
	next.DropRemovedID(id)
	next.Entries = append(next.Entries, entry)
	if perr := s.store(next); perr != nil {
		return AgentData{}, perr
	}
	if id > s.counter {
		s.counter = id
	}
	for _, old := range replaced {
		s.log.Info("removing old agent (replaced by new registration)", "id", old.ID, "name", old.Name)
		s.forget(ctx, old)
	}
	if err := s.insert(ctx, id, entry, a.Groups, groups); err != nil {
		s.log.Error("cannot insert agent into wazuh-db; restoring client.keys", "id", entry.ID, "error", err)
		if perr := s.store(s.restoreAfterFailedInsert(kf, replaced)); perr != nil {
			s.log.Error("cannot restore client.keys", "id", entry.ID)
		}
		return AgentData{}, newError(CodeInternal)
	}
	s.log.Info("agent added (by local request)", "id", entry.ID, "name", entry.Name, "ip", entry.IP)
	return AgentData{ID: entry.ID, Name: entry.Name, IP: entry.IP, Key: entry.Key}, nil
}

// duplicates applies the ID, IP and name checks and returns the distinct
// active agents the new one replaces.
func (s *Service) duplicates(ctx context.Context, kf *KeyFile, a AddArgs, explicitID int, force Force) ([]KeyEntry, *ProtocolError) {
	var replaced []KeyEntry
	seen := map[string]bool{}
	check := func(i, code int, what string) *ProtocolError {
		if i < 0 || seen[kf.Entries[i].ID] {
			return nil
		}
		old := kf.Entries[i]
		if reason := s.replaceable(ctx, old, force); reason != "" {
			s.log.Warn("duplicate "+what+", rejecting registration", "id", old.ID, "name", old.Name, "reason", reason)
			return newError(code)
		}
		seen[old.ID] = true
		replaced = append(replaced, old)
		return nil
	}
	if explicitID >= 0 {
		if perr := check(kf.ActiveByID(explicitID), CodeDuplicateID, "ID"); perr != nil {
			return nil, perr
		}
	}
	if !IsAnyIP(a.IP) {
		if perr := check(kf.ActiveByIP(a.IP), CodeDuplicateIP, "IP"); perr != nil {
			return nil, perr
		}
	}
	if a.Name == s.cfg.ManagerName {
		s.log.Warn("invalid agent name (same as manager)", "name", a.Name)
		return nil, newError(CodeDuplicateName)
	}
	if perr := check(kf.ActiveByName(a.Name), CodeDuplicateName, "name"); perr != nil {
		return nil, perr
	}
	return replaced, nil
}

// insert writes the new agent to wazuh-db: insert-agent, then
// set-agent-groups when groups were requested (its failure is only logged,
// as authd does).
func (s *Service) insert(ctx context.Context, id int, e KeyEntry, groupsCSV string, groups []string) error {
	if s.cfg.WDB == nil {
		return nil
	}
	cmd := InsertAgentCommand(id, e.Name, e.IP, e.Key, groupsCSV, s.cfg.Now().Unix())
	if _, err := execOK(ctx, s.cfg.WDB, cmd); err != nil {
		return err
	}
	if len(groups) > 0 {
		if _, err := execOK(ctx, s.cfg.WDB, SetAgentGroupsCommand(id, groups, s.cfg.SyncStatus)); err != nil {
			s.log.Error("unable to set agent centralized group", "id", e.ID, "groups", groupsCSV, "error", err)
		}
	}
	return nil
}

// restoreAfterFailedInsert returns the client.keys to write back when the
// new agent could not be inserted: the original file, except that replaced
// agents (already deleted from wazuh-db) stay removed.
func (s *Service) restoreAfterFailedInsert(orig *KeyFile, replaced []KeyEntry) *KeyFile {
	kf := orig.Clone()
	for _, old := range replaced {
		n, _ := strconv.Atoi(old.ID)
		if i := kf.ActiveByID(n); i >= 0 {
			kf.RemoveAt(i, s.cfg.PurgeAlways)
		}
	}
	return kf
}
