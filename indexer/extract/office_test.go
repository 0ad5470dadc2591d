package extract

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOfficeFiles(t *testing.T) {
	tests := []struct {
		file     string
		format   string
		text     string // exact text, when set
		contains []string
		absent   []string
		props    Properties
	}{
		{
			file:   "office/word-verslag.docx",
			format: "docx",
			text: "# Verslag werkgroep Wijkteams Zuidoost\n\n" +
				"Datum: dinsdag 14 januari 2020, 19.30 uur, wijkcentrum De Linde\n\n" +
				"# 1. Opening en mededelingen\n\n" +
				"De voorzitter, Marieke Verhoeven, opent de vergadering en heet iedereen welkom. Er zijn twee afmeldingen.\n\n" +
				"## 1.1 Terugblik\n\n" +
				"Sander de Wit vertelt dat de wachtlijst voor de schuldhulpverlening korter is geworden.\n\n" +
				"- Aanmeldingen via het sociaal loket\n- Inloopspreekuur op woensdag\n\n" +
				"# 2. Cijfers per wijk\n\n" +
				"Wijk | Aanmeldingen\n\nBijlmer-Centrum | 42\n\nGaasperdam | 17\n\n" +
				"Het veld 2 telt mee.\n\n" +
				"# 3. Rondvraag en sluiting\n\n" +
				"Geen vragen.\tDe volgende bijeenkomst is op 11 februari 2020.",
			props: Properties{Title: "Verslag wijkteams", Author: "Marieke Verhoeven", Created: "2020-01-03", Modified: "2020-01-20"},
		},
		{
			file:   "office/odf-verslag.odt",
			format: "odt",
			text: "# Verslag dorpsraad Westerbroek\n\n" +
				"Bijeenkomst van donderdag 5 maart 2020 in het dorpshuis.\n\n" +
				"## Opening\n\n" +
				"Voorzitter Joost Hamers opent om 20.00 uur. De notulen worden vastgesteld.\n\n" +
				"## Verkeersveiligheid\n\n" +
				"Ellen Bosman meldt dat de snelheid op de Dorpsstraat te hoog is.\nDe gemeente plaatst drempels.\n\n" +
				"- Drempels bij de school\n- Een extra zebrapad\n\n" +
				"Actie | Wie\n\nBrief aan de wethouder | Ellen Bosman\n\n" +
				"Sluiting om 21.45 uur.",
			props: Properties{Title: "Dorpsraad maart", Author: "Joost Hamers", Created: "2020-03-06", Modified: "2020-03-09"},
		},
		{
			// Written by LibreOffice Writer 7.4 from libreoffice-verslag.fodt.
			file:   "office/libreoffice-verslag.odt",
			format: "odt",
			text: "# Verslag klankbordgroep Jeugd en Gezin\n\n" +
				"Vergadering van woensdag 26 mei 2021 in het stadskantoor van Deventer.\n\n" +
				"## Opening\n\n" +
				"Voorzitter Noor Jansen opent de vergadering. Het verslag van april wordt vastgesteld.\n\n" +
				"## Wachttijden jeugd-ggz\n\n" +
				"Bram Kuipers vertelt dat de wachttijd voor de jeugd-ggz is opgelopen tot veertien weken.\n\n" +
				"- Een overbruggingsaanbod via de praktijkondersteuner\n- Een gesprek met de zorgaanbieders in september\n\n" +
				"Actie | Wie\n\nOverzicht wachttijden | Bram Kuipers\n\n" +
				"## Sluiting\n\n" +
				"De voorzitter sluit om 21.30 uur.",
			props: Properties{Title: "Klankbordgroep juni", Author: "Noor Jansen", Created: "2021-06-02", Modified: "2021-06-04"},
		},
		{
			// The same document saved by LibreOffice as Word 2007–365 (.docx).
			file:   "office/libreoffice-verslag.docx",
			format: "docx",
			text: "# Verslag klankbordgroep Jeugd en Gezin\n\n" +
				"Vergadering van woensdag 26 mei 2021 in het stadskantoor van Deventer.\n\n" +
				"## Opening\n\n" +
				"Voorzitter Noor Jansen opent de vergadering. Het verslag van april wordt vastgesteld.\n\n" +
				"## Wachttijden jeugd-ggz\n\n" +
				"Bram Kuipers vertelt dat de wachttijd voor de jeugd-ggz is opgelopen tot veertien weken.\n\n" +
				"- Een overbruggingsaanbod via de praktijkondersteuner\n- Een gesprek met de zorgaanbieders in september\n\n" +
				"Actie | Wie\n\nOverzicht wachttijden | Bram Kuipers\n\n" +
				"## Sluiting\n\n" +
				"De voorzitter sluit om 21.30 uur.",
			props: Properties{Title: "Klankbordgroep juni", Author: "Noor Jansen", Created: "2021-06-02", Modified: "2021-06-04"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := File(context.Background(), filepath.Join("testdata", tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != tt.format {
				t.Errorf("format %q, want %q", doc.Format, tt.format)
			}
			if tt.text != "" && doc.Text != tt.text {
				t.Errorf("text:\n%s\n--- want:\n%s", doc.Text, tt.text)
			}
			for _, s := range tt.contains {
				if !strings.Contains(doc.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, doc.Text)
				}
			}
			for _, s := range append(tt.absent, "Voetnoot", "Opmerking die", "geschrapte", "PAGE") {
				if strings.Contains(doc.Text, s) {
					t.Errorf("text holds %q:\n%s", s, doc.Text)
				}
			}
			if tt.props != (Properties{}) && doc.Properties != tt.props {
				t.Errorf("properties %+v, want %+v", doc.Properties, tt.props)
			}
			if !doc.Meta.IsZero() {
				t.Errorf("meta %+v: document properties must not override the text", doc.Meta)
			}
		})
	}
}

// TestOfficeBadInput holds hostile and broken packages: each ends as a reason, quickly
// and without a crash.
func TestOfficeBadInput(t *testing.T) {
	tests := []struct {
		file   string
		reason string // a substring of the Dutch reason
	}{
		{"office/bom.docx", "zip-bom"},
		{"office/many-entries.docx", "te veel onderdelen"},
		{"office/entities.docx", "beschadigd"},
		{"office/no-body.docx", "word/document.xml ontbreekt"},
		{"office/program.docx", "geen zip-pakket"},
		{"office/program.odt", "geen zip-pakket"},
		{"office/word-verslag.odt", "content.xml ontbreekt"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", tt.file)
			if _, err := os.Stat(path); err != nil {
				// The .odt cases reuse a .docx under another name.
				src := strings.TrimSuffix(path, ".odt") + ".docx"
				data, err := os.ReadFile(src)
				if err != nil {
					t.Fatal(err)
				}
				path = filepath.Join(t.TempDir(), filepath.Base(path))
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			start := time.Now()
			_, err := File(context.Background(), path, Options{})
			var se *SkipError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a *SkipError", err)
			}
			if !strings.Contains(se.Reason, tt.reason) {
				t.Errorf("reason %q, want it to contain %q", se.Reason, tt.reason)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}
