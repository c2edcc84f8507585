package pluginhost

import (
	"time"

	"github.com/wazuh-go/server/sdk"
	modulev1 "github.com/wazuh-go/server/sdk/internal/wire/wazuh/module/v1"
)

func descriptorToWire(d sdk.Descriptor) *modulev1.DescribeResponse {
	out := &modulev1.DescribeResponse{
		Name: d.Name, Version: d.Version, SdkVersion: sdk.Version, ProtocolMinor: sdk.ProtocolMinor,
		Needs: capsToWire(d.Needs),
	}
	for _, r := range d.Routes {
		wr := &modulev1.RouteSpec{
			Id: r.ID, Method: r.Method, Path: r.Path, Summary: r.Summary,
			TimeoutMs: r.Timeout.Milliseconds(), Stream: r.Stream, Dapi: r.DAPI,
			QueryParams: r.QueryParams, Deprecated: r.Deprecated, Public: r.Public, Consumes: r.Consumes,
			AllowChecks: r.AllowChecks, QueryParamsChecked: r.QueryParams != nil,
		}
		for _, p := range r.Permissions {
			wr.Permissions = append(wr.Permissions, &modulev1.Permission{Action: p.Action, Resource: p.Resource, TargetParam: p.TargetParam})
		}
		out.Routes = append(out.Routes, wr)
	}
	for _, a := range d.Actions {
		out.Actions = append(out.Actions, &modulev1.ActionSpec{Name: a.Name, Description: a.Description, Resources: a.Resources, RelatedEndpoints: a.RelatedEndpoints})
	}
	for _, t := range d.ResourceTypes {
		out.ResourceTypes = append(out.ResourceTypes, &modulev1.ResourceTypeSpec{Name: t.Name, Description: t.Description})
	}
	return out
}

func descriptorFromWire(w *modulev1.DescribeResponse) sdk.Descriptor {
	d := sdk.Descriptor{Name: w.GetName(), Version: w.GetVersion(), Needs: capsFromWire(w.GetNeeds())}
	for _, r := range w.GetRoutes() {
		sr := sdk.Route{
			ID: r.GetId(), Method: r.GetMethod(), Path: r.GetPath(), Summary: r.GetSummary(),
			Timeout: time.Duration(r.GetTimeoutMs()) * time.Millisecond, Stream: r.GetStream(), DAPI: r.GetDapi(),
			QueryParams: r.GetQueryParams(), Deprecated: r.GetDeprecated(), Public: r.GetPublic(), Consumes: r.GetConsumes(),
			AllowChecks: r.GetAllowChecks(),
		}
		if sr.QueryParams == nil && r.GetQueryParamsChecked() {
			sr.QueryParams = []string{} // declared empty: only pretty and wait_for_complete
		}
		for _, p := range r.GetPermissions() {
			sr.Permissions = append(sr.Permissions, sdk.Permission{Action: p.GetAction(), Resource: p.GetResource(), TargetParam: p.GetTargetParam()})
		}
		d.Routes = append(d.Routes, sr)
	}
	for _, a := range w.GetActions() {
		d.Actions = append(d.Actions, sdk.Action{Name: a.GetName(), Description: a.GetDescription(), Resources: a.GetResources(), RelatedEndpoints: a.GetRelatedEndpoints()})
	}
	for _, t := range w.GetResourceTypes() {
		d.ResourceTypes = append(d.ResourceTypes, sdk.ResourceType{Name: t.GetName(), Description: t.GetDescription()})
	}
	return d
}

func capsToWire(c sdk.Capabilities) *modulev1.Capabilities {
	return &modulev1.Capabilities{Wdb: c.WDB, Sockets: c.Sockets, Files: c.Files}
}

func capsFromWire(c *modulev1.Capabilities) sdk.Capabilities {
	return sdk.Capabilities{WDB: c.GetWdb(), Sockets: c.GetSockets(), Files: c.GetFiles()}
}
