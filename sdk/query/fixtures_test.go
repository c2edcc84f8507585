package query

// agents is a catalogue shaped like WazuhDBQueryAgents (data-layer.md §2.7).
var agents = MustCatalogue(Catalogue{
	From: "agent",
	Fields: []Field{
		{Name: "id", Expr: "id", Kind: KindInt, Flags: IDSearch},
		{Name: "name", Expr: "name"},
		{Name: "ip", Expr: "coalesce(ip,register_ip)"},
		{Name: "status", Expr: "connection_status"},
		{Name: "os.name", Expr: "os_name"},
		{Name: "os.version", Expr: "os_version",
			SortExprs: []string{"CAST(os_major AS INTEGER)", "CAST(os_minor AS INTEGER)"}},
		{Name: "os.platform", Expr: "os_platform"},
		{Name: "version", Expr: "version", Normalize: NormalizeVersion},
		{Name: "manager", Expr: "manager_host"},
		{Name: "dateAdd", Expr: "date_add", Kind: KindDate},
		{Name: "group", Expr: "`group`", Kind: KindList},
		{Name: "node_name", Expr: "node_name"},
		{Name: "lastKeepAlive", Expr: "last_keepalive", Kind: KindDate},
		{Name: "internal_key", Expr: "internal_key", Flags: Internal},
	},
	MinSelect:     []string{"id"},
	DefaultSort:   "id",
	DateCondition: "id != 0",
})
