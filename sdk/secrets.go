package sdk

// The actions whose explicit allow lets a caller see configuration secrets
// (Wazuh 4.14.7's @mask_sensitive_config, security.md §4.5).
const (
	// ActionManagerUpdateConfig is Wazuh's "manager:update_config".
	ActionManagerUpdateConfig = "manager:update_config"
	// ActionClusterUpdateConfig is Wazuh's "cluster:update_config".
	ActionClusterUpdateConfig = "cluster:update_config"
)

// RevealSecretsChecks returns the Route.AllowChecks a configuration-reading
// route declares so that Request.MayRevealSecrets can answer: the
// manager:update_config and cluster:update_config actions. Each call
// returns a new slice.
func RevealSecretsChecks() []string {
	return []string{ActionManagerUpdateConfig, ActionClusterUpdateConfig}
}

// MayRevealSecrets reports whether the caller may see configuration
// secrets (cluster.key, authd.pass, every "key" field) unmasked, as Wazuh
// 4.14.7 decides: the caller's processed policies hold an explicit allow
// for manager:update_config or cluster:update_config, on any resource. A
// deny entry does not count (the 4.14.7 fix), and neither does black
// mode's implicit allowance: with no allow entry the secrets are masked.
//
// It is false unless the route declared RevealSecretsChecks() in its
// AllowChecks (the host only evaluates declared actions), and against a
// host older than protocol minor 2; both fail closed.
//
//	if !req.MayRevealSecrets() {
//		data, err = sdk.MaskSensitiveConfig(data)
//	}
func (r *Request) MayRevealSecrets() bool {
	return r.Allows[ActionManagerUpdateConfig] || r.Allows[ActionClusterUpdateConfig]
}
