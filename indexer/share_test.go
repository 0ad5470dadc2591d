package indexer

import (
	"testing"

	"kennisbank/indexer/meeting"
)

func TestArenaCopiesExactly(t *testing.T) {
	var a arena[string]
	if got := a.copy(nil); got != nil {
		t.Errorf("copy(nil) = %#v, want nil", got)
	}
	if got := a.copy([]string{}); got == nil || len(got) != 0 {
		t.Errorf("copy([]string{}) = %#v, want an empty list", got)
	}
	src := make([]string, 2, 8)
	src[0], src[1] = "a", "b"
	one := a.copy(src)
	two := a.copy([]string{"c"})
	if len(one) != 2 || cap(one) != 2 || one[0] != "a" || one[1] != "b" {
		t.Errorf("copy = %q (cap %d), want [a b] with cap 2", one, cap(one))
	}
	src[0] = "x"
	if one[0] != "a" {
		t.Error("the copy shares the source's array")
	}
	// Appending to a piece copies it: the next piece is untouched.
	_ = append(one, "z")
	if two[0] != "c" {
		t.Errorf("appending to one piece changed the next: %q", two)
	}
	big := a.take(arenaChunk + 1)
	if len(big) != arenaChunk+1 {
		t.Errorf("take(%d) gave %d elements", arenaChunk+1, len(big))
	}
}

func TestPackKeepsRecord(t *testing.T) {
	r := ReportRecord{
		ID:            "r",
		Places:        append(make([]string, 0, 4), "Venlo"),
		Organisations: []string{},
		Speakers:      append(make([]meeting.Speaker, 0, 4), meeting.Speaker{Name: "Jan", Aliases: []string{"J."}}),
		Decisions:     []DecisionRecord{{Text: "Besloten", PassageID: "r#p1"}},
	}
	var a recordArenas
	a.pack(&r)
	if len(r.Places) != 1 || cap(r.Places) != 1 || r.Places[0] != "Venlo" {
		t.Errorf("places = %q (cap %d)", r.Places, cap(r.Places))
	}
	if r.Organisations == nil {
		t.Error("an empty list became nil")
	}
	if r.Themes != nil {
		t.Error("a nil list became empty")
	}
	if len(r.Speakers) != 1 || cap(r.Speakers) != 1 || r.Speakers[0].Name != "Jan" || r.Speakers[0].Aliases[0] != "J." {
		t.Errorf("speakers = %+v (cap %d)", r.Speakers, cap(r.Speakers))
	}
	if r.Decisions[0].Text != "Besloten" {
		t.Errorf("decisions = %+v", r.Decisions)
	}
}
