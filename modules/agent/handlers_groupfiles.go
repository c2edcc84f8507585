package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
)

// groupFiles is GET /groups/{group_id}/files: [{filename, hash}] plus
// ar.conf, processed by the array engine (default sort filename). As in
// Wazuh's get_group_files, every entry of the group directory is listed
// (a subdirectory has hash null, get_hash's None), and a group that does
// not exist is a 1710 failed item (HTTP 200, error 1), not a 404; a group
// the scope denies is still 403.
func (m *Module) groupFiles(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, perr := pathParam(req, "group_id", schemaGroupID)
	if perr != nil {
		return nil, perr
	}
	q := cleanQuery(req.Query)
	p, werr := query.Parse(q, query.Spec{Order: []string{"offset", "limit", "sort", "search", "q", "select", "distinct"}})
	if werr != nil {
		return nil, werr
	}
	alg, ok, werr := strParam(q, "hash", schemaHash)
	if werr != nil {
		return nil, werr
	}
	if !ok {
		alg = "md5"
	}
	if !scopeFor(req, "group:read", "group:id").Permits(g) {
		return nil, sdk.NewError(4000, "Resource type: group:id")
	}
	res := sdk.NewAffectedItems("All selected groups files were returned", "Some groups files were not returned",
		"No groups files were returned")
	// Wazuh's group_exists is path.exists, so a plain file there would
	// reach listdir and a 500 (1727); it is reported as a missing group.
	if ok, err := m.groupExists(ctx, g); err != nil {
		return nil, err
	} else if !ok {
		res.AddFailed(g, sdk.NewError(1710))
		return sdk.OK(req, res)
	}
	entries, err := m.host.Files().List(ctx, sharedDir+"/"+g)
	if err != nil {
		return nil, sdk.NewError(1727, err.Error())
	}
	var items []map[string]any
	for _, e := range entries {
		items = append(items, map[string]any{"filename": e.Name, "hash": m.fileHash(ctx, sharedDir+"/"+g+"/"+e.Name, alg)})
	}
	items = append(items, map[string]any{"filename": "ar.conf", "hash": m.fileHash(ctx, sharedDir+"/ar.conf", alg)})
	page, total, werr := query.ApplyArray(items, p, query.ArrayOptions{Required: []string{"filename"}, DefaultSort: []string{"filename"}})
	if werr != nil {
		return nil, werr
	}
	res.AddAffected(ordered(page, []string{"filename", "hash"})...)
	res.SetTotal(total)
	return sdk.OK(req, res)
}

// groupFileTypes are get_file_conf's parsers by `type`.
var groupFileTypes = map[string]func([]byte) (any, error){
	"conf": agentConfFileJSON, "rootkit_files": rootkitFilesJSON, "rootkit_trojans": rootkitTrojansJSON, "rcl": rclJSON,
}

// groupFileTypeNames is how the 1104 message prints the valid types
// (Python's repr of the dict's keys).
const groupFileTypeNames = "dict_keys(['conf', 'rootkit_files', 'rootkit_trojans', 'rcl'])"

// groupFile is GET /groups/{group_id}/files/{file_name}, Wazuh's
// get_file_conf: raw=true gives the file itself; otherwise it is parsed by
// `type` (the raw last value of the query string, as the controller reads
// it, so a value that only validates once lower-cased is 1104) or, without
// one, by name: agent.conf as get_agent_conf, rootkit_files.txt,
// rootkit_trojans.txt, ar.conf, and every other file as an rcl policy.
//
// file_name is a bare name (the `alphanumeric` format refuses "/" and
// "\"); "." and ".." name directories and are never passed to the host.
func (m *Module) groupFile(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, werr := pathParam(req, "group_id", schemaGroupID)
	if werr != nil {
		return nil, werr
	}
	name, werr := pathParam(req, "file_name", schemaAlnum)
	if werr != nil {
		return nil, werr
	}
	if _, _, werr = listParam(req.Query, "type", schemaFileType); werr != nil {
		return nil, werr
	}
	raw, _, werr := optBool(req.Query, "raw", false)
	if werr != nil {
		return nil, werr
	}
	if err := m.requireGroupAccess(ctx, req, "group:read", g); err != nil {
		return nil, err
	}
	path := sharedDir + "/" + g + "/" + name
	data, isDir, err := m.groupFileData(ctx, path)
	if err != nil {
		return nil, err
	}
	if raw {
		if isDir {
			// Wazuh's open() raises IsADirectoryError here, which surfaces
			// as a 500; a bad file name must not be a server error, so the
			// module answers the 1006 Wazuh uses for unreadable files.
			return nil, errFile("WAZUH_HOME/" + path)
		}
		ct := "text/plain; charset=utf-8"
		if strings.HasSuffix(name, ".conf") || strings.HasSuffix(name, ".xml") {
			ct = "application/xml; charset=utf-8"
		}
		return &sdk.Response{Status: http.StatusOK, Header: http.Header{"Content-Type": {ct}}, Body: data}, nil
	}
	parse := groupFileParser(name)
	if typ, ok := query.LastValue(req.Query, "type"); ok && typ != "" {
		if parse = groupFileTypes[typ]; parse == nil {
			return nil, errInvalidType(typ + ". Valid types: " + groupFileTypeNames)
		}
	}
	if isDir {
		return nil, errComponent("[Errno 21] Is a directory: " + pyjson.StrRepr("WAZUH_HOME/"+path))
	}
	parsed, err := parse(data)
	if err != nil {
		if we := (*sdk.Error)(nil); errors.As(err, &we) {
			return nil, we
		}
		return nil, errComponent(err.Error())
	}
	return sdk.OK(req, sdk.WazuhResult{Data: parsed})
}

// groupFileParser is the parser get_file_conf picks by file name.
func groupFileParser(name string) func([]byte) (any, error) {
	switch name {
	case "agent.conf":
		return agentConfFileJSON
	case "rootkit_files.txt":
		return rootkitFilesJSON
	case "rootkit_trojans.txt":
		return rootkitTrojansJSON
	case "ar.conf":
		return arConfJSON
	}
	return rclJSON
}

// agentConfFileJSON is get_agent_conf(limit=None) on a group file.
func agentConfFileJSON(data []byte) (any, error) {
	return confData(data, 0, -1)
}

// groupFileData reads a group file: 1006 when it does not exist, isDir for
// directories ("." and ".." are directories by definition).
func (m *Module) groupFileData(ctx context.Context, path string) (data []byte, isDir bool, err error) {
	if base := path[strings.LastIndexByte(path, '/')+1:]; base == "." || base == ".." {
		return nil, true, nil
	}
	fi, err := m.host.Files().Stat(ctx, path)
	if errors.Is(err, sdk.ErrNotFound) {
		return nil, false, errFile("WAZUH_HOME/" + path)
	}
	if err != nil {
		return nil, false, fmt.Errorf("agent: stat %s: %w", path, err)
	}
	if fi.IsDir {
		return nil, true, nil
	}
	data, err = m.host.Files().Read(ctx, path)
	if errors.Is(err, sdk.ErrNotFound) {
		return nil, false, errFile("WAZUH_HOME/" + path)
	}
	if err != nil {
		return nil, false, fmt.Errorf("agent: read %s: %w", path, err)
	}
	return data, false, nil
}
