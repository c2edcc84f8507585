package query

import "testing"

func BenchmarkParseWQL(b *testing.B) {
	for b.Loop() {
		if _, err := ParseWQL("status=active;os.platform~ubuntu"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCompileTwoConditions(b *testing.B) {
	p := Params{Limit: 500, Q: "status=active;os.platform~ubuntu"}
	for b.Loop() {
		if _, err := agents.Compile(p); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkApplyArrayTwoConditions(b *testing.B) {
	items := make([]map[string]any, 0, 1000)
	for i := range 1000 {
		items = append(items, map[string]any{"name": "group" + string(rune('a'+i%26)), "count": i})
	}
	p := Params{Limit: 500, Q: "name~group;count>10", Sort: &Sort{Fields: []string{"name"}}}
	for b.Loop() {
		if _, _, err := ApplyArray(items, p, ArrayOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
