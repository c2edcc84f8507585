package main

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// errFile is Wazuh's 1006 for a missing group file (an 11xx-range code
// outside the module's catalogue, built with Wazuh's text).
func errFile(path string) *sdk.Error {
	return &sdk.Error{Code: 1006, HTTPStatus: http.StatusBadRequest,
		Message: "File/directory does not exist or there is a problem with the permissions: " + path}
}

// groupParam validates {group_id} and requires the group to exist (404).
func (m *Module) groupParam(ctx context.Context, req *sdk.Request) (string, error) {
	g, err := pathParam(req, "group_id", schemaGroupID)
	if err != nil {
		return "", err
	}
	if err := m.requireGroup(ctx, g); err != nil {
		return "", err
	}
	return g, nil
}

// groupAgents is GET /groups/{group_id}/agents: get_agents with
// q = "group=<g>;(<q>)" and the status filter.
func (m *Module) groupAgents(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, err := m.groupParam(ctx, req)
	if err != nil {
		return nil, err
	}
	q := cleanQuery(req.Query)
	p, werr := query.Parse(q, query.Spec{Order: orderAgents})
	if werr != nil {
		return nil, werr
	}
	opts, werr := filterOptions(q, true)
	if werr != nil {
		return nil, werr
	}
	if p.Q != "" {
		p.Q = "group=" + g + ";(" + p.Q + ")"
	} else {
		p.Q = "group=" + g
	}
	opts = append(opts, query.Where(idCond(scopeFor(req, "agent:read", "agent:id"))))
	l := agentList{explicit: len(p.Select) > 0, msgs: agentListMsgs}
	if l.q, werr = agentCatalogue.Compile(p, opts...); werr != nil {
		return nil, werr
	}
	return m.streamAgents(ctx, req, l)
}

// groupFiles is GET /groups/{group_id}/files: [{filename, hash}] plus
// ar.conf, processed by the array engine (default sort filename).
func (m *Module) groupFiles(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, err := m.groupParam(ctx, req)
	if err != nil {
		return nil, err
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
	entries, err := m.host.Files().List(ctx, sharedDir+"/"+g)
	if err != nil {
		return nil, sdk.NewError(1727, err.Error())
	}
	var items []map[string]any
	for _, e := range entries {
		if !e.IsDir {
			items = append(items, map[string]any{"filename": e.Name, "hash": m.fileHash(ctx, sharedDir+"/"+g+"/"+e.Name, alg)})
		}
	}
	items = append(items, map[string]any{"filename": "ar.conf", "hash": m.fileHash(ctx, sharedDir+"/ar.conf", alg)})
	page, total, werr := query.ApplyArray(items, p, query.ArrayOptions{Required: []string{"filename"}, DefaultSort: []string{"filename"}})
	if werr != nil {
		return nil, werr
	}
	res := sdk.NewAffectedItems("All selected groups files were returned", "Some groups files were not returned",
		"No groups files were returned")
	res.AddAffected(ordered(page, []string{"filename", "hash"})...)
	res.SetTotal(total)
	return sdk.OK(req, res)
}

// readGroupFile reads etc/shared/<g>/<name> (1006 when missing).
func (m *Module) readGroupFile(ctx context.Context, g, name string) ([]byte, error) {
	path := sharedDir + "/" + g + "/" + name
	data, err := m.host.Files().Read(ctx, path)
	if errors.Is(err, sdk.ErrNotFound) {
		return nil, errFile("WAZUH_HOME/" + path)
	}
	return data, err
}

// confData is get_agent_conf's {"total_affected_items", "affected_items"}.
func confData(data []byte, offset, limit int) (orderedMap, error) {
	root, err := parseXMLFragment(data)
	if err != nil {
		return nil, &sdk.Error{Code: 1101, HTTPStatus: http.StatusBadRequest,
			Message: "Requested component does not exist: " + err.Error()}
	}
	items := agentConfJSON(root)
	total := len(items)
	end := min(total, offset+limit)
	if offset > total {
		offset = total
	}
	return orderedMap{{"total_affected_items", total}, {"affected_items", items[offset:end]}}, nil
}

// getGroupConfig is GET /groups/{group_id}/configuration.
func (m *Module) getGroupConfig(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, err := m.groupParam(ctx, req)
	if err != nil {
		return nil, err
	}
	offset, werr := query.ParseOffset(req.Query)
	if werr != nil {
		return nil, werr
	}
	limit, werr := query.ParseLimit(req.Query, 0)
	if werr != nil {
		return nil, werr
	}
	data, err := m.readGroupFile(ctx, g, "agent.conf")
	if err != nil {
		return nil, err
	}
	conf, err := confData(data, offset, limit)
	if err != nil {
		return nil, err
	}
	return sdk.OK(req, sdk.WazuhResult{Data: conf})
}

// putGroupConfig is PUT /groups/{group_id}/configuration (XML body).
func (m *Module) putGroupConfig(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, err := m.groupParam(ctx, req)
	if err != nil {
		return nil, err
	}
	body := strings.TrimSpace(string(req.Body))
	if body == "" {
		return nil, &sdk.Error{Code: 1112, HTTPStatus: http.StatusBadRequest, Message: "Empty files are not supported"}
	}
	if _, perr := parseXMLFragment([]byte(body)); perr != nil {
		return nil, &sdk.Error{Code: 1113, HTTPStatus: http.StatusBadRequest, Message: "XML syntax error"}
	}
	if err := m.host.Files().Write(ctx, sharedDir+"/"+g+"/agent.conf", []byte(body+"\n"), 0o660); err != nil {
		return nil, err
	}
	return sdk.OK(req, sdk.WazuhResult{Message: "Agent configuration was successfully updated"})
}

// groupFile is GET /groups/{group_id}/files/{file_name}: raw=true gives
// the file itself; otherwise agent.conf is parsed as get_agent_conf.
func (m *Module) groupFile(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, err := m.groupParam(ctx, req)
	if err != nil {
		return nil, err
	}
	name, werr := pathParam(req, "file_name", schemaAlnum)
	if werr != nil {
		return nil, werr
	}
	types, _, werr := listParam(req.Query, "type", schemaFileType)
	if werr != nil {
		return nil, werr
	}
	raw, _, werr := optBool(req.Query, "raw", false)
	if werr != nil {
		return nil, werr
	}
	data, err := m.readGroupFile(ctx, g, name)
	if err != nil {
		return nil, err
	}
	if raw {
		ct := "text/plain; charset=utf-8"
		if strings.HasSuffix(name, ".conf") || strings.HasSuffix(name, ".xml") {
			ct = "application/xml; charset=utf-8"
		}
		return &sdk.Response{Status: http.StatusOK, Header: http.Header{"Content-Type": {ct}}, Body: data}, nil
	}
	if name == "agent.conf" || (len(types) > 0 && types[0] == "conf") {
		conf, err := confData(data, 0, query.MaxLimit)
		if err != nil {
			return nil, err
		}
		return sdk.OK(req, sdk.WazuhResult{Data: conf})
	}
	return sdk.OK(req, sdk.WazuhResult{Data: string(data)})
}
