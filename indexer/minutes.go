package indexer

import (
	"kennisbank/indexer/extract"
	"kennisbank/indexer/meeting"
	"kennisbank/indexer/search"
)

// DecisionRecord is a decision of a report as the index keeps it.
type DecisionRecord struct {
	Text string `json:"text"`
	// PassageID is the id of the passage the decision stands in ("<report id>#p<n>").
	PassageID string `json:"passage_id"`
}

// ActionRecord is an action item of a report as the index keeps it.
type ActionRecord struct {
	Text      string `json:"text"`
	Owner     string `json:"owner,omitempty"`
	Due       string `json:"due,omitempty"`
	Status    string `json:"status"`
	PassageID string `json:"passage_id"`
	// Listed is true for an item of an action list.
	Listed bool `json:"listed,omitempty"`
}

func decisionRecords(id string, ds []meeting.Decision) []DecisionRecord {
	out := make([]DecisionRecord, 0, len(ds))
	for _, d := range ds {
		out = append(out, DecisionRecord{Text: d.Text, PassageID: PassageID(id, d.Passage+1)})
	}
	return out
}

func actionRecords(id string, as []meeting.Action) []ActionRecord {
	out := make([]ActionRecord, 0, len(as))
	for _, a := range as {
		out = append(out, ActionRecord{Text: a.Text, Owner: a.Owner, Due: a.Due, Status: a.Status,
			PassageID: PassageID(id, a.Passage+1), Listed: a.Listed})
	}
	return out
}

// passageKinds says, by passage index, whether a passage records a decision or an
// action item (search.KindDecision, search.KindAction).
func passageKinds(rep meeting.Report) map[int][]string {
	out := map[int][]string{}
	add := func(i int, k string) {
		for _, have := range out[i] {
			if have == k {
				return
			}
		}
		out[i] = append(out[i], k)
	}
	for _, d := range rep.Decisions {
		add(d.Passage, search.KindDecision)
	}
	for _, a := range rep.Actions {
		add(a.Passage, search.KindAction)
	}
	return out
}

// actionFixes turns the action items of a sidecar into meeting's corrections.
func actionFixes(as *[]extract.ActionMeta) *[]meeting.ActionFix {
	if as == nil {
		return nil
	}
	out := make([]meeting.ActionFix, 0, len(*as))
	for _, a := range *as {
		out = append(out, meeting.ActionFix{Text: a.Text, Owner: a.Owner, Due: a.Due, Status: a.Status})
	}
	return &out
}
