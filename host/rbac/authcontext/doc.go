// Package authcontext evaluates Wazuh's run_as "authorization context" rules
// (security.md §2.6): the JSON rules stored in rbac.db's rules table that map
// an external identity document (the body of
// POST /security/user/authenticate/run_as) to roles.
//
// A rule is a JSON object whose keys are logical operators (AND, OR, NOT) or
// search functions (MATCH, MATCH$, FIND, FIND$); they nest freely. Strings of
// the form "r'<regex>'" in rule keys or values are regular expressions
// anchored at the start, and, as in Wazuh, the pattern is taken as s[2:-2],
// which drops the last character of the regex (usually a "$").
//
// Safety:
//   - Contexts and rules are plain data (package pyjson): no key has special
//     meaning, so payloads such as {"__unhandled_exc__": ...} are inert
//     (CVE-2025-24016).
//   - FIND recursion into the context is capped at MaxFindDepth (8) and
//     logical-operator nesting at MaxRuleNesting (8); exceeding either yields
//     ErrDepthExceeded, which makes the caller grant nothing for the role.
//   - Regexes use Go's RE2 engine, which runs in time linear in the input, so
//     there is no catastrophic backtracking and no need for Wazuh's 0.1 s
//     regex timeout. Inputs are still bounded: patterns longer than
//     MaxPatternLength and subjects longer than MaxSubjectLength never match
//     (the equivalent of a timed-out match in Wazuh).
//   - Patterns RE2 cannot compile (look-arounds, back-references) are treated
//     as literal strings, exactly as Wazuh treats patterns Python's re cannot
//     compile.
package authcontext
