package authcontext

import "errors"

const (
	// MaxFindDepth is how deep FIND and FIND$ descend into the context
	// (Wazuh 4.14.7). The root is depth 0; every nested object or array adds 1.
	MaxFindDepth = 8
	// MaxRuleNesting bounds the nesting of logical operators in a rule.
	MaxRuleNesting = 8
	// MaxMatchDepth bounds the simultaneous recursion of MATCH into nested
	// rule values, in place of Python's recursion limit.
	MaxMatchDepth = 64
	// MaxPatternLength is the longest regex (in bytes) that is ever compiled.
	MaxPatternLength = 1024
	// MaxSubjectLength is the longest string a regex is matched against.
	MaxSubjectLength = 8192
	// MaxContextBytes is the largest authorization context accepted by
	// ParseContext, the limit of the run_as endpoint.
	MaxContextBytes = 8192
)

// ErrDepthExceeded reports that evaluating a rule went past MaxFindDepth,
// MaxRuleNesting or MaxMatchDepth. The role being evaluated must not be
// granted.
var ErrDepthExceeded = errors.New("authcontext: maximum rule or context depth exceeded")

// ErrInvalidRule reports a rule that is not a JSON object.
var ErrInvalidRule = errors.New("authcontext: rule must be a JSON object")

// ErrContextTooLarge reports an authorization context over MaxContextBytes.
var ErrContextTooLarge = errors.New("authcontext: authorization context exceeds the maximum allowed size of 8192 bytes")
