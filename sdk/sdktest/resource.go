package sdktest

import "strings"

// ResourceType returns the resource type of a permission's resource
// template: "agent:id:{agents_list}" gives "agent:id", "*:*:*" gives "*:*".
func ResourceType(template string) string {
	if i := strings.LastIndexByte(template, ':'); i >= 0 {
		return template[:i]
	}
	return template
}
