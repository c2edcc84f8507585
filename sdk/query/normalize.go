package query

import "regexp"

// versionSpacing is WazuhDBQuery's re.sub(r'([a-zA-Z])([v])', r'\1 \2', v).
var versionSpacing = regexp.MustCompile(`([a-zA-Z])(v)`)

// NormalizeVersion is the rewrite Wazuh applies to WQL and filter values of
// the agents' version field (a Field.Normalize): a "v" glued to a letter
// gets a space, so "Wazuhv4.2.0" matches the stored "Wazuh v4.2.0".
func NormalizeVersion(v string) string {
	return versionSpacing.ReplaceAllString(v, "$1 $2")
}
