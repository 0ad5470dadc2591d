package search

import (
	"encoding/json"
	"testing"
)

func TestPassageCounts(t *testing.T) {
	pc := CountsOf(map[string]int{"Jan de Vries": 3, "Anna Bakker": 1, "onderwijs": 2})
	tests := []struct {
		name string
		want int
	}{
		{"Anna Bakker", 1},
		{"Jan de Vries", 3},
		{"onderwijs", 2},
		{"jan de vries", 0}, // names are exact
		{"", 0},
		{"zzz", 0},
	}
	for _, tt := range tests {
		if got := pc.Get(tt.name); got != tt.want {
			t.Errorf("Get(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
	// Written as the map it replaces was written, and read back the same.
	data, err := json.Marshal(struct {
		C PassageCounts `json:"c,omitempty"`
		E PassageCounts `json:"e,omitempty"`
	}{C: pc})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"c":{"Anna Bakker":1,"Jan de Vries":3,"onderwijs":2}}`; string(data) != want {
		t.Errorf("JSON %s, want %s", data, want)
	}
	var back struct{ C PassageCounts }
	if err := json.Unmarshal([]byte(`{"C":{"onderwijs":2,"Anna Bakker":1,"Jan de Vries":3}}`), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.C) != 3 || back.C.Get("Jan de Vries") != 3 || back.C[0].Name != "Anna Bakker" {
		t.Errorf("read back %v", back.C)
	}
	if err := json.Unmarshal([]byte(`{"C":[1,2]}`), &back); err == nil {
		t.Error("an array read as passage counts without an error")
	}
}
