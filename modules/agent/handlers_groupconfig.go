package main

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/pyjson"
	"github.com/wazuh-go/server/sdk/query"
)

// confData is get_agent_conf's {"total_affected_items", "affected_items"}
// for an agent.conf; limit < 0 means no limit. A file that does not parse
// is 1101.
func confData(data []byte, offset, limit int) (orderedMap, error) {
	root, err := loadWazuhXML(data)
	if err != nil {
		return nil, errComponent(err.Error())
	}
	items := agentConfJSON(root)
	total := len(items)
	end := total
	// limit < total-offset, not offset+limit < total: offset may be as
	// large as MaxInt64 and the sum would wrap negative.
	if limit >= 0 && offset < total && limit < total-offset {
		end = offset + limit
	}
	offset = min(offset, end)
	return orderedMap{{"total_affected_items", total}, {"affected_items", items[offset:end]}}, nil
}

// getGroupConfig is GET /groups/{group_id}/configuration.
func (m *Module) getGroupConfig(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, werr := pathParam(req, "group_id", schemaGroupID)
	if werr != nil {
		return nil, werr
	}
	offset, werr := query.ParseOffset(req.Query)
	if werr != nil {
		return nil, werr
	}
	limit, werr := query.ParseLimit(req.Query, 0)
	if werr != nil {
		return nil, werr
	}
	if err := m.requireGroupAccess(ctx, req, "group:read", g); err != nil {
		return nil, err
	}
	path := sharedDir + "/" + g + "/agent.conf"
	data, isDir, err := m.groupFileData(ctx, path)
	if err != nil {
		return nil, err
	}
	if isDir {
		return nil, errComponent("[Errno 21] Is a directory: " + pyjson.StrRepr("WAZUH_HOME/"+path))
	}
	conf, err := confData(data, offset, limit)
	if err != nil {
		return nil, err
	}
	return sdk.OK(req, sdk.WazuhResult{Data: conf})
}

// putGroupConfig is PUT /groups/{group_id}/configuration (XML body), Wazuh
// 4.14's put_group_config → upload_group_file → upload_group_configuration:
// the body must be UTF-8 (2006, checked by the controller), non-empty
// (1112), well-formed XML (1113 with the parser's message) and accepted by
// verify-agent-conf (1114); the file written is Wazuh's re-indented
// serialization (formatAgentConf), mode 0660. Too large bodies (413) and
// a wrong Content-Type (406/415) are answered by the host before the
// module runs.
func (m *Module) putGroupConfig(ctx context.Context, req *sdk.Request) (*sdk.Response, error) {
	g, werr := pathParam(req, "group_id", schemaGroupID)
	if werr != nil {
		return nil, werr
	}
	if !utf8.Valid(req.Body) {
		return nil, errBodyEncoding()
	}
	if err := m.requireGroupAccess(ctx, req, "group:update_config", g); err != nil {
		return nil, err
	}
	if len(req.Body) == 0 {
		return nil, errEmptyFile()
	}
	content, doc, err := formatAgentConf(string(req.Body))
	if err != nil {
		return nil, errXMLSyntax(errorDetail(err))
	}
	if detail := verifyAgentConf(doc); detail != "" {
		return nil, errWazuhSyntax(detail)
	}
	// A concurrent DELETE /groups may have removed the group since the
	// check above; writing into it then failed halfway (500).
	m.groupMu.Lock()
	defer m.groupMu.Unlock()
	if err := m.requireGroup(ctx, g); err != nil {
		return nil, err
	}
	if err := m.host.Files().Write(ctx, sharedDir+"/"+g+"/agent.conf", []byte(content), 0o660); err != nil {
		return nil, fmt.Errorf("agent: write %s agent.conf: %w", g, err)
	}
	return sdk.OK(req, sdk.WazuhResult{Message: "Agent configuration was successfully updated"})
}
