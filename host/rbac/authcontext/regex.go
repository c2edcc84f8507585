package authcontext

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// regexPrefix marks a rule string as a regular expression.
const regexPrefix = "r'"

// maxCachedRegexes bounds the compiled-regex cache.
const maxCachedRegexes = 4096

var (
	regexCache     sync.Map // string -> *regexp.Regexp (nil for "not a regex")
	regexCacheSize atomic.Int64
)

// regexState says how a rule string behaves.
type regexState int

const (
	notRegex   regexState = iota // compare literally
	validRegex                   // use the compiled pattern
	neverMatch                   // regex too long: never matches
)

// compileRule returns the regex a rule string denotes. Like Wazuh's
// RBAChecker.check_regex, only strings starting with "r'" are regexes, the
// pattern is s[2:-2] in characters, and a pattern that does not compile
// makes the string a literal again.
func compileRule(s string) (*regexp.Regexp, regexState) {
	if !strings.HasPrefix(s, regexPrefix) {
		return nil, notRegex
	}
	runes := []rune(s)
	pattern := ""
	if len(runes) > 4 {
		pattern = string(runes[2 : len(runes)-2])
	}
	if len(pattern) > MaxPatternLength {
		return nil, neverMatch
	}
	if v, ok := regexCache.Load(pattern); ok {
		re, _ := v.(*regexp.Regexp)
		if re == nil {
			return nil, notRegex
		}
		return re, validRegex
	}
	re, err := regexp.Compile(`^(?:` + pattern + `)`)
	if err != nil {
		re = nil
	}
	if regexCacheSize.Load() < maxCachedRegexes {
		if _, loaded := regexCache.LoadOrStore(pattern, re); !loaded {
			regexCacheSize.Add(1)
		}
	}
	if re == nil {
		return nil, notRegex
	}
	return re, validRegex
}

// regexMatch applies re.match to a context value: strings only, bounded.
func regexMatch(re *regexp.Regexp, v any) bool {
	s, ok := v.(string)
	if !ok || len(s) > MaxSubjectLength {
		return false
	}
	return re.MatchString(s)
}
