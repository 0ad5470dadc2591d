package privacy

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // kinds found, in the order Find returns them
	}{
		{"bsn", "Het BSN van de jongere is 111222333 volgens het dossier.", []string{KindBSN}},
		{"bsn grouped", "burgerservicenummer 1112.22.333.", []string{KindBSN}},
		{"nine digits failing the eleven test", "Dossiernummer 123456788 is afgesloten.", nil},
		{"part of a longer number", "IBAN NL91ABNA0417164300 en 1112223334", nil},
		{"amount", "Het budget is 111.222.333 euro.", nil},
		{"birth date", "Jongen, geboren op 3 mei 2011, woont bij zijn oma.", []string{KindBirthDate}},
		{"birth date label", "Geboortedatum: 03-05-2011", []string{KindBirthDate}},
		{"meeting date", "De bijeenkomst op 3 mei 2011 ging over onderwijs.", nil},
		{"mobile", "Bel moeder op 06-12345678 of +31 6 1234 5678.", []string{KindPhoneNumber, KindPhoneNumber}},
		{"landline of an office", "Het loket is bereikbaar op 010-1234567.", nil},
		{"private mail", "Mail naar j.jansen@gmail.com voor vragen.", []string{KindEmail}},
		{"organisation mail", "Mail naar info@jeugdhulp-limburg.nl of secretariaat@vng.nl.", nil},
		{"clean minutes", "Peter Dijkshoorn vertelt over gesloten jeugdzorg in 2020.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.text)
			var kinds []string
			for _, f := range got {
				kinds = append(kinds, f.Kind)
				if strings.Contains(f.Context, "12345678") || strings.Contains(f.Context, "111222333") || strings.Contains(f.Context, "jansen@") {
					t.Errorf("finding %+v repeats the value", f)
				}
			}
			if strings.Join(kinds, ",") != strings.Join(tt.want, ",") {
				t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestValidBSN(t *testing.T) {
	for d, want := range map[string]bool{"111222333": true, "123456782": true, "123456788": false, "000000000": false, "12345678": false} {
		if got := validBSN(d); got != want {
			t.Errorf("validBSN(%s) = %v, want %v", d, got, want)
		}
	}
}

// TestContextsMaskOtherFindingsWhole checks that the context of one finding never
// shows part of another, also where the edge of the context would cut it.
func TestContextsMaskOtherFindingsWhole(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		values []string // the raw values, no part of which may show
	}{
		{"birth date before an e-mail", "Het kind (geboren op 14-03-2012) is bereikbaar via de moeder op pietje.zwetsloot@gmail.com zegt men.",
			[]string{"14-03-2012", "pietje.zwetsloot@gmail.com"}},
		{"e-mail before a phone number", "Stuur het naar pietje.zwetsloot@hotmail.com, en bel daarna het nummer 06-12345678 voor een afspraak.",
			[]string{"pietje.zwetsloot@hotmail.com", "06-12345678"}},
		{"three close together", "BSN 111222333, geb. 3-5-2011, mail a.b@gmail.com, tel 0612345678.",
			[]string{"111222333", "3-5-2011", "a.b@gmail.com", "0612345678"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := Find(tt.text)
			if len(found) != len(tt.values) {
				t.Fatalf("found %d, want %d: %+v", len(found), len(tt.values), found)
			}
			for _, f := range found {
				for _, v := range tt.values {
					// No five characters of a value in a row may show.
					for i := 0; i+5 <= len(v); i++ {
						if piece := v[i : i+5]; strings.Contains(f.Context, piece) {
							t.Errorf("context %q of %s shows %q of %q", f.Context, f.Kind, piece, v)
							break
						}
					}
				}
			}
		})
	}
}
