package query

import (
	"math/big"
	"regexp"
	"strings"

	"github.com/wazuh-go/server/sdk"
)

var (
	// relativeTimeRegex is WazuhDBQuery's re.match(r'\d+[dhms]', value): a
	// prefix test, so "7dxyz" is relative too.
	relativeTimeRegex = regexp.MustCompile(`^\p{Nd}+[dhms]`)
	// timeframeUnitRegex is get_timeframe_in_seconds' findall(r'(\d+)(\w)').
	timeframeUnitRegex = regexp.MustCompile(`(\p{Nd}+)([` + pyW + `])`)
	// dateRegex is WazuhDBQuery.date_regex, also used with re.match (a
	// prefix test; the "." before the fraction is any character).
	dateRegex = regexp.MustCompile(`^\p{Nd}{4}-\p{Nd}{2}-\p{Nd}{2}([ T]\p{Nd}{2}:\p{Nd}{2}:\p{Nd}{2}(.\p{Nd}{1,6})?Z?)?`)
)

// isRelativeTime reports whether a date-field value is a relative time
// (bare digits, or digits and a d/h/m/s unit at its start).
func isRelativeTime(v string) bool {
	return pyIsDigits(v) || relativeTimeRegex.MatchString(v)
}

// TimeframeSeconds converts a timeframe to seconds like Wazuh's
// get_timeframe_in_seconds: bare digits are seconds; otherwise every
// "<digits><word char>" pair found is summed with d=86400, h=3600, m=60,
// s=1, and any other unit gives 1411 "TimeFrame is not valid: <v>". Text
// between pairs is ignored ("1d2h" is 93600, "7dxyz" is 604800).
func TimeframeSeconds(v string) (*big.Int, *sdk.Error) {
	if pyIsDigits(v) {
		n, _ := pyInt(v)
		return n, nil
	}
	if !strings.ContainsAny(v, "dhms") {
		return nil, wazuhError(1411, v)
	}
	total := new(big.Int)
	for _, m := range timeframeUnitRegex.FindAllStringSubmatch(v, -1) {
		var mult int64
		switch m[2] {
		case "d":
			mult = 86400
		case "h":
			mult = 3600
		case "m":
			mult = 60
		case "s":
			mult = 1
		default:
			return nil, wazuhError(1411, v)
		}
		n, _ := pyInt(m[1])
		total.Add(total, n.Mul(n, big.NewInt(mult)))
	}
	return total, nil
}
