package rbac

// GORM models of rbac.db's tables. Table and column names are explicit so
// that they never depend on GORM's naming strategy; the DDL itself lives in
// schema.go and is Wazuh's, not GORM's.

type userRow struct {
	ID         int    `gorm:"column:id;primaryKey;autoIncrement:false"`
	Username   string `gorm:"column:username"`
	Password   string `gorm:"column:password"`
	AllowRunAs bool   `gorm:"column:allow_run_as"`
	CreatedAt  dbTime `gorm:"column:created_at"`
}

func (userRow) TableName() string { return "users" }

type roleRow struct {
	ID        int    `gorm:"column:id;primaryKey;autoIncrement:false"`
	Name      string `gorm:"column:name"`
	CreatedAt dbTime `gorm:"column:created_at"`
}

func (roleRow) TableName() string { return "roles" }

type policyRow struct {
	ID        int    `gorm:"column:id;primaryKey;autoIncrement:false"`
	Name      string `gorm:"column:name"`
	Policy    string `gorm:"column:policy"`
	CreatedAt dbTime `gorm:"column:created_at"`
}

func (policyRow) TableName() string { return "policies" }

type ruleRow struct {
	ID        int    `gorm:"column:id;primaryKey;autoIncrement:false"`
	Name      string `gorm:"column:name"`
	Rule      string `gorm:"column:rule"`
	CreatedAt dbTime `gorm:"column:created_at"`
}

func (ruleRow) TableName() string { return "rules" }

type userRoleRow struct {
	ID        int    `gorm:"column:id;primaryKey"`
	UserID    int    `gorm:"column:user_id"`
	RoleID    int    `gorm:"column:role_id"`
	Level     int    `gorm:"column:level"`
	CreatedAt dbTime `gorm:"column:created_at"`
}

func (userRoleRow) TableName() string { return "user_roles" }

type rolePolicyRow struct {
	ID        int    `gorm:"column:id;primaryKey"`
	RoleID    int    `gorm:"column:role_id"`
	PolicyID  int    `gorm:"column:policy_id"`
	Level     int    `gorm:"column:level"`
	CreatedAt dbTime `gorm:"column:created_at"`
}

func (rolePolicyRow) TableName() string { return "roles_policies" }

type roleRuleRow struct {
	ID        int    `gorm:"column:id;primaryKey"`
	RoleID    int    `gorm:"column:role_id"`
	RuleID    int    `gorm:"column:rule_id"`
	CreatedAt dbTime `gorm:"column:created_at"`
}

func (roleRuleRow) TableName() string { return "roles_rules" }

type userBlacklistRow struct {
	UserID          int   `gorm:"column:user_id;primaryKey;autoIncrement:false"`
	NbfInvalidUntil int64 `gorm:"column:nbf_invalid_until"`
	IsValidUntil    int64 `gorm:"column:is_valid_until"`
}

func (userBlacklistRow) TableName() string { return "users_token_blacklist" }

type roleBlacklistRow struct {
	RoleID          int   `gorm:"column:role_id;primaryKey;autoIncrement:false"`
	NbfInvalidUntil int64 `gorm:"column:nbf_invalid_until"`
	IsValidUntil    int64 `gorm:"column:is_valid_until"`
}

func (roleBlacklistRow) TableName() string { return "roles_token_blacklist" }

type runAsBlacklistRow struct {
	NbfInvalidUntil int64 `gorm:"column:nbf_invalid_until;primaryKey;autoIncrement:false"`
	IsValidUntil    int64 `gorm:"column:is_valid_until"`
}

func (runAsBlacklistRow) TableName() string { return "runas_token_blacklist" }
