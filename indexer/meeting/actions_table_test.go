package meeting

import "testing"

func TestActionTables(t *testing.T) {
	tests := []struct {
		name, text string
		want       []Action // Text, Owner, Due
	}{
		{"markdown table", "Notulen werkgroep inkoop, 12 maart 2024\n\nAanwezig: Piet Jansen, Karin de Vries\n\n## Actielijst\n\n| Wat | Wie | Wanneer |\n|---|---|---|\n| Offertes opvragen | Karin | 1 april |\n| Notitie rondsturen | Piet | volgende vergadering |\n",
			[]Action{{Text: "Offertes opvragen", Owner: "Karin de Vries", Due: "2024-04-01"}, {Text: "Notitie rondsturen", Owner: "Piet Jansen", Due: DueNextMeeting}}},
		{"table from a document", "Verslag stuurgroep, 3 oktober 2023\n\nAanwezig: Anja Krijnberg, Sander Vink\n\nActie | Eigenaar | Deadline\nBegroting aanpassen | Anja | eind oktober\nSubsidie aanvragen | Sander | \n",
			[]Action{{Text: "Begroting aanpassen", Owner: "Anja Krijnberg", Due: "eind oktober"}, {Text: "Subsidie aanvragen", Owner: "Sander Vink"}}},
		{"a table of something else", "Verslag, 3 oktober 2023\n\nPost | Bedrag\nHuur | 1200\nKoffie | 80\n", nil},
	}
	for _, tt := range tests {
		r := Parse(Input{Name: "verslag.md", Format: "md", Text: tt.text}, Options{Now: fixedNow})
		var got []Action
		for _, a := range r.Actions {
			got = append(got, Action{Text: a.Text, Owner: a.Owner, Due: a.Due})
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: actions %+v, want %+v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: action %d = %+v, want %+v", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}
