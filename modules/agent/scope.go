package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/wazuh-go/server/sdk"
	"github.com/wazuh-go/server/sdk/query"
)

// scopeFor returns the request's scope for action on resourceType,
// failing closed (nothing permitted) when the host sent none.
func scopeFor(req *sdk.Request, action, resourceType string) sdk.ResourceScope {
	s, _ := req.Scopes.For(action, resourceType)
	return s
}

// idCond restricts the integer agent id column to the scope, before
// offset/limit. Consecutive ids are written as ranges so that large
// scopes stay far below wazuh-db's 64 KiB request limit.
func idCond(s sdk.ResourceScope) query.Cond {
	var parts []string
	if !s.All {
		if len(s.Allow) == 0 {
			return query.Cond{SQL: "0"}
		}
		parts = append(parts, rangeSQL("id", false, s.Allow))
	}
	if len(s.Deny) > 0 {
		parts = append(parts, rangeSQL("id", true, s.Deny))
	}
	return query.Cond{SQL: strings.Join(parts, " AND ")}
}

// rangeSQL renders "col IN (...)" (or its negation) for numeric ids,
// compressing runs of consecutive ids into BETWEEN clauses.
func rangeSQL(col string, negate bool, ids []string) string {
	nums := make([]int, 0, len(ids))
	for _, id := range ids {
		if n, err := strconv.Atoi(id); err == nil {
			nums = append(nums, n)
		}
	}
	slices.Sort(nums)
	nums = slices.Compact(nums)
	var singles, ranges []string
	for i := 0; i < len(nums); {
		j := i
		for j+1 < len(nums) && nums[j+1] == nums[j]+1 {
			j++
		}
		if j-i >= 2 {
			ranges = append(ranges, col+" BETWEEN "+strconv.Itoa(nums[i])+" AND "+strconv.Itoa(nums[j]))
		} else {
			for k := i; k <= j; k++ {
				singles = append(singles, strconv.Itoa(nums[k]))
			}
		}
		i = j + 1
	}
	terms := ranges
	if len(singles) > 0 || len(terms) == 0 {
		terms = append(terms, col+" IN ("+strings.Join(singles, ",")+")")
	}
	sql := "(" + strings.Join(terms, " OR ") + ")"
	if negate {
		return "NOT " + sql
	}
	return sql
}

// explicitIDs partitions explicitly requested ids with the scope: denied
// ids become 4000 failed items, and a list entirely denied is Wazuh's 403.
func explicitIDs(res *sdk.AffectedItemsResult, s sdk.ResourceScope, ids []string) ([]string, *sdk.Error) {
	allowed, denied := s.Partition(ids)
	if len(allowed) == 0 && len(denied) > 0 {
		return nil, sdk.NewError(4000, "Resource type: "+s.ResourceType)
	}
	for _, d := range denied {
		res.AddDenied(s.ResourceType, d)
	}
	return allowed, nil
}

// permitsAny reports whether the scope may allow some resource (Wazuh's
// expanded list is not empty).
func permitsAny(s sdk.ResourceScope) bool {
	return s.All || len(s.Allow) > 0
}

// isAll reports whether a list parameter asks for every resource.
func isAll(ids []string) bool {
	return slices.Contains(ids, "all")
}
