package meeting

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when no single date
	}{
		{"18 mei", "--05-18"},
		{"dinsdag 18 mei", "--05-18"},
		{"Dinsdag, 18 mei", "--05-18"},
		{"7 oktober 2020", "2020-10-07"},
		{"4-1-2021", "2021-01-04"},
		{"31-08-2015 19:30 uur", "2015-08-31"},
		{"30/11/2020", "2020-11-30"},
		{"14 dec. 2020", "2020-12-14"},
		{"1e januari 2023", "2023-01-01"},
		{"2021-05-18", "2021-05-18"},
		{"Datum: 20 mei 2014", "2014-05-20"},
		{"maandagavond 25 januari", "--01-25"},
		{"vrijdagmiddag 1 december 2017", "2017-12-01"},
		{"Tuesday 13 June 2017", "2017-06-13"},
		{"05.02.2018", "2018-02-05"},
		{"5-2-18", "2018-02-05"},
		{"26-11, 13:15", "--11-26"},
		{"3-2", ""},
		{"https://www.voorbeeld.nl/nieuws/12-04-2019", ""},
		{"31 februari 2021", ""},
		{"29 februari 2021", ""},
		{"29 februari 2020", "2020-02-29"},
		{"Jan Waaijer", ""},
		{"18 van de 20", ""},
		{"19.30 uur", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if c, ok := parseDate(tt.in); ok {
			got = c.String()
		}
		if got != tt.want {
			t.Errorf("parseDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMeetingDates(t *testing.T) {
	var cases struct {
		Cases []struct {
			Name   string `yaml:"name"`
			File   string `yaml:"file"`
			Text   string `yaml:"text"`
			Want   string `yaml:"want"`
			Next   string `yaml:"next"`
			Source string `yaml:"source"`
		} `yaml:"cases"`
	}
	readYAML(t, "date-cases.yaml", &cases)
	for _, c := range cases.Cases {
		t.Run(c.Name, func(t *testing.T) {
			name := c.File
			if name == "" {
				name = "verslag.txt"
			}
			r := Parse(Input{Name: name, Text: c.Text}, Options{Now: fixedNow})
			if r.Date != c.Want {
				t.Errorf("date = %q (%s: %s), want %q", r.Date, r.DateSource, r.DateEvidence, c.Want)
			}
			if c.Source != "" && r.DateSource != c.Source {
				t.Errorf("source = %q, want %q", r.DateSource, c.Source)
			}
			if r.NextMeetingDate != c.Next {
				t.Errorf("next = %q, want %q", r.NextMeetingDate, c.Next)
			}
		})
	}
}

func TestSpeakerPatterns(t *testing.T) {
	var cases struct {
		Cases []struct {
			Name      string              `yaml:"name"`
			Text      string              `yaml:"text"`
			Speakers  []string            `yaml:"speakers"`
			Mentioned []string            `yaml:"mentioned"`
			Roles     map[string]string   `yaml:"roles"`
			RoleIs    map[string]string   `yaml:"role_is"` // the whole role, where roles asks a part
			Orgs      map[string]string   `yaml:"orgs"`
			Aliases   map[string][]string `yaml:"aliases"`
			Turns     []goldTurn          `yaml:"turns"`
		} `yaml:"cases"`
	}
	readYAML(t, "speaker-cases.yaml", &cases)
	for _, c := range cases.Cases {
		t.Run(c.Name, func(t *testing.T) {
			r := Parse(Input{Name: "verslag.txt", Text: c.Text}, Options{Now: fixedNow})
			var names []string
			for _, s := range r.Speakers {
				names = append(names, s.Name)
			}
			if !slices.Equal(sortedCopy(names), sortedCopy(c.Speakers)) {
				t.Errorf("speakers = %q, want %q", names, c.Speakers)
			}
			if c.Mentioned != nil && !slices.Equal(sortedCopy(r.Mentioned), sortedCopy(c.Mentioned)) {
				t.Errorf("mentioned = %q, want %q", r.Mentioned, c.Mentioned)
			}
			for _, s := range r.Speakers {
				if want, ok := c.Roles[s.Name]; ok && !strings.Contains(s.Role, want) {
					t.Errorf("%s: role = %q, want it to contain %q", s.Name, s.Role, want)
				}
				if want, ok := c.RoleIs[s.Name]; ok && s.Role != want {
					t.Errorf("%s: role = %q, want %q", s.Name, s.Role, want)
				}
				if want, ok := c.Orgs[s.Name]; ok && s.Organisation != want {
					t.Errorf("%s: organisation = %q, want %q", s.Name, s.Organisation, want)
				}
				if want, ok := c.Aliases[s.Name]; ok && !slices.Equal(s.Aliases, want) {
					t.Errorf("%s: aliases = %q, want %q", s.Name, s.Aliases, want)
				}
			}
			for _, turn := range c.Turns {
				p := findPassage(r.Passages, turn.Quote)
				if p == nil {
					t.Errorf("no passage contains %q", turn.Quote)
					continue
				}
				if !slices.Equal(sortedCopy(p.Speakers), sortedCopy(turn.Speakers)) {
					t.Errorf("turn %q: speakers = %q, want %q", turn.Quote, p.Speakers, turn.Speakers)
				}
			}
		})
	}
}

func TestCompoundRole(t *testing.T) {
	for w, want := range map[string]string{
		"stadsdeelwethouder": "wethouder",
		"jeugdwethouder":     "wethouder",
		"regiovoorzitter":    "voorzitter",
		"gemeentesecretaris": "secretaris",
		"wethouder":          "", // a role title itself
		"dagvoorzitter":      "", // a role title of its own
		"vicevoorzitter":     "",
		"oud-wethouder":      "",
		"locoburgemeester":   "",
		"kinderburgemeester": "",
		"gemeenteraadslid":   "raadslid",
		"aanhouder":          "",
		"rector":             "",
	} {
		if got := compoundRole(w); got != want {
			t.Errorf("compoundRole(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string // full() of each mention
	}{
		{"Rob van der Mark vertelde", []string{"Rob van der Mark"}},
		{"de heer Rene Cardynaals, kinder- en jeugdpsychiater", []string{"Rene Cardynaals"}},
		{"prof. dr. Therese van Amelsvoort", []string{"Therese van Amelsvoort"}},
		{"De heer E.M. Krijns deelt mee", []string{"E.M. Krijns"}},
		{"Wethouder mevrouw Smitsmans en de heer Rene Cardynaals", []string{"Smitsmans", "Rene Cardynaals"}},
		{"Harry van den Bergh geeft aan", []string{"Harry van den Bergh"}},
		{"Robert Jan Verkade licht toe", []string{"Robert Jan Verkade"}},
		{"Peter-Paul Koch (PPK) opent", []string{"Peter-Paul Koch"}},
		{"Marit vertelde", []string{"Marit"}},
		{"directeur van IKC Alexander", nil},
		{"in Limburg in zaal Het Forum in Roermond", nil},
		{"Vraag of Jad het in het Nederlands wil doen", []string{"Jad"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range findMentions(tokenize(tt.in), nil) {
			if m.kind != mentionRole {
				got = append(got, m.full())
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("names in %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseThemesAndPeople(t *testing.T) {
	if _, err := ParseThemes([]byte("themes:\n  - name: a\n  - name: A\n")); err == nil {
		t.Error("duplicate theme accepted")
	}
	if _, err := ParseThemes([]byte("themes: [")); err == nil {
		t.Error("bad YAML accepted")
	}
	v, err := ParseThemes([]byte("themes:\n  - name: Werkgroepen\n    triggers: [werkgroep]\n"))
	if err != nil || len(v.Themes) != 1 || v.Themes[0].Name != "werkgroepen" {
		t.Fatalf("ParseThemes = %+v, %v", v, err)
	}
	r := Parse(Input{Name: "x.txt", Text: "De werkgroepen kwamen bijeen."}, Options{Themes: v, Now: fixedNow})
	if !slices.Equal(r.Themes, []string{"werkgroepen"}) || !slices.Equal(r.Passages[0].Themes, []string{"werkgroepen"}) {
		t.Errorf("themes = %q / %q", r.Themes, r.Passages[0].Themes)
	}

	pp, err := ParsePeople([]byte("people:\n  - name: Jan Waaijer\n    aliases: [Jan Waayer]\n    role: voorzitter\n    organisation: JobHulpMaatje Zoetermeer\n"))
	if err != nil {
		t.Fatal(err)
	}
	r = Parse(Input{Name: "x.txt", Text: "Jan Waayer heet iedereen welkom en vertelt over de plannen."}, Options{People: pp, Now: fixedNow})
	if len(r.Speakers) != 1 || r.Speakers[0].Name != "Jan Waaijer" || r.Speakers[0].Role != "voorzitter" ||
		r.Speakers[0].Organisation != "JobHulpMaatje Zoetermeer" || !slices.Contains(r.Speakers[0].Aliases, "Jan Waayer") {
		t.Errorf("speakers = %+v", r.Speakers)
	}
	if _, err := ParsePeople([]byte("people:\n  - aliases: [x]\n")); err == nil {
		t.Error("person without a name accepted")
	}
}

func TestSectionsAndRepair(t *testing.T) {
	text := "Verslag 1 april\n\nHier hebben zich nog\n\nruim 100 mensen voor aangemeld.\n\n06. Vaststellen startnotitie\n\nDe commissie bespreekt het voorstel.\n\n## Rondvraag\n\nGeen vragen."
	r := Parse(Input{Name: "x.txt", Text: text}, Options{Now: fixedNow})
	if r.Title != "Verslag 1 april" {
		t.Errorf("title = %q", r.Title)
	}
	if want := []string{"06. Vaststellen startnotitie", "Rondvraag"}; !slices.Equal(r.Sections, want) {
		t.Errorf("sections = %q, want %q", r.Sections, want)
	}
	if findPassage(r.Passages, "Hier hebben zich nog ruim 100 mensen voor aangemeld.") == nil {
		t.Errorf("broken sentence not joined: %+v", r.Passages)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"18 mei", "dinsdag 18 mei", "7 oktober 2020", "4-1-2021", "31-08-2015 19:30 uur",
		"Datum: 20 mei 2014", "Den Haag, 3 april 2009", "29 februari 2020", "2021-05-18", "14 dec. as.", "99-99-9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range findDates(s) {
			if !m.Date.valid() {
				t.Fatalf("invalid date %v from %q", m.Date, s)
			}
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End {
				t.Fatalf("bad offsets %d..%d in %q", m.Start, m.End, s)
			}
			// Written out again, the date reads back the same.
			if c, ok := parseDate(m.Date.String()); m.Date.Year != 0 && (!ok || c != m.Date) {
				t.Fatalf("round trip of %v from %q gave %v %v", m.Date, s, c, ok)
			}
		}
		// Parse never panics on any text.
		_ = Parse(Input{Name: s, Text: s}, Options{Now: fixedNow})
	})
}

// TestTextHelpersMatchPatterns checks the hand-written text helpers against the
// regular expressions they replace.
func TestTextHelpersMatchPatterns(t *testing.T) {
	initialsRe := regexp.MustCompile(`^(\p{Lu}\.){1,4}$|^(\p{Lu}\.)+\p{Lu}\p{Ll}?\.$`)
	for _, s := range []string{"E.", "E.M.", "A.Th.", "A.B.C.D.", "A.B.C.D.E.", "Th.", "e.m.", "E.M", "EM.",
		"É.Ö.", "A.Bc.", "A.BC.", "prof.", "o.a.", "J.P.Balkenende.", "", ".", "A..", "A.Th.x"} {
		if got, want := isInitials(s), initialsRe.MatchString(s); got != want {
			t.Errorf("isInitials(%q) = %v, want %v", s, got, want)
		}
	}
	wsRe := regexp.MustCompile(`[ \t\p{Zs}]+`)
	for _, s := range []string{"", "a b", "a  b", "a\t\tb", "a\u00a0b", " a ", "a\u2003 \tb", "één  twee", "x\u3000"} {
		if got, want := collapseSpace(s), wsRe.ReplaceAllString(s, " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestSplitListMatchesPattern(t *testing.T) {
	listSepRe := regexp.MustCompile(`\s*(?:,|/|;|\(|\)|\s+en\s+|\s+of\s+)\s*`)
	for _, s := range []string{
		"gemeenten, onderwijs, jeugdhulporganisaties en sportverenigingen",
		"ouders en kinderen of jongeren / hulpverleners; scholen (po en vo)",
		"en dan", "dit en", "a  en  b", "a, en b", "geen lijst", "", ",,", "mensen enz. of of",
	} {
		want := listSepRe.Split(s, -1)
		for i := range want {
			want[i] = strings.Join(strings.Fields(want[i]), " ")
		}
		got := splitList(s)
		for i := range got {
			got[i] = strings.Join(strings.Fields(got[i]), " ")
		}
		if !slices.Equal(got, want) {
			t.Errorf("splitList(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestSpeechPhrasesMatchPattern checks hasSpeechPhrase against the single pattern it
// replaces, over every sentence of the sample reports and some made-up ones.
func TestSpeechPhrasesMatchPattern(t *testing.T) {
	speechPhraseRe := regexp.MustCompile(`\b(?i:(heeft|had|hebben|stelt|stelde)\s+(\S+\s+){0,3}(vraag|vragen|opmerking|opmerkingen|punt)\b|is\s+(erg\s+|zeer\s+)?blij|wil(de)?\s+(graag\s+)?weten|ziet\s+graag|neemt\s+het\s+woord|nam\s+het\s+woord|vindt\s+(het|dat)|vond\s+(het|dat)|wil(de)?\s+graag|laten\s+ervaren|vroeg\s+zich\s+af|vraagt\s+zich\s+af|deelt\s+mee|neemt\s+(ons\s+)?mee|nam\s+(ons\s+)?mee|in\s+(zijn|haar)\s+betoog|\bvolgens\s+[A-Z]|sluit\s+zich\s+aan|neemt\s+deel|nam\s+deel|brengt\s+verslag|bracht\s+verslag|geeft\s+een\s+update|doet\s+(een\s+)?(voorstel|oproep|suggestie))|\b[Vv]olgens\s+\p{Lu}`)
	sents := []string{
		"Jan heeft een vraag over de inkoop.", "Zij stelde twee korte vragen.", "Hij is erg blij met de uitkomst.",
		"Wij willen graag weten hoe het zit.", "Zij wilde graag meedoen.", "De wethouder ziet graag meer samenwerking.",
		"Anja neemt het woord.", "Piet nam ons mee in de plannen.", "Zij vindt dat het beter kan.", "Hij vond het lastig.",
		"Volgens mij klopt dat niet.", "volgens Peter is het klaar.", "Volgens Émile wel.", "De raad sluit zich aan.",
		"Zij neemt deel aan de werkgroep.", "Hij bracht verslag uit.", "Ze geeft een update.", "Hij doet een oproep.",
		"Hij vraagt zich af of dat kan.", "Zij deelt mee dat het doorgaat.", "In zijn betoog wees hij op de wachtlijsten.",
		"De bijeenkomst vond plaats in Roermond.", "Er waren geen vragen.", "De gemeente neemt meer tijd.", "",
	}
	for _, name := range []string{"mvs-terugkoppelbijeenkomst.txt", "expertisecentrum-jeugdhulp-limburg.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "corpus", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, block := range strings.Split(string(data), "\n\n") {
			sents = append(sents, sentences(block)...)
		}
	}
	for _, s := range sents {
		if got, want := hasSpeechPhrase(s), speechPhraseRe.MatchString(s); got != want {
			t.Errorf("hasSpeechPhrase(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestMendWordIsDeterministic: of two spellings one edit away and equally frequent,
// the same one wins every time, whatever the map order.
func TestMendWordIsDeterministic(t *testing.T) {
	wc := countWords("jeugdplatform jeugdplatvorm jeugdplatform jeugdplatvorm jeugdplatxorm jeugdplatvorn")
	for i := 0; i < 50; i++ {
		if got := mendWord("Jeugdplatxorm", wc); got != "Jeugdplatform" {
			t.Fatalf("mendWord(Jeugdplatxorm) = %q, want Jeugdplatform", got)
		}
	}
	if got := mendWord("Jeugdplatvorn", wc); got != "Jeugdplatvorm" {
		t.Errorf("mendWord(Jeugdplatvorn) = %q, want Jeugdplatvorm", got)
	}
}

func TestColonTitle(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Terugblik: Ouderavond over de nieuwe jeugdhulp in Westland", true},
		{"Verslag: Werkconferentie Jeugd en Onderwijs", true},
		{"Aanwezig: Piet Jansen, Karin de Vries", false},
		{"Datum: 12 maart 2024", false},
		{"Onderwerp: Inkoop jeugdhulp", false}, // docLabelRe reads the title from it
		{"Verslag: Jan Jansen", false},         // who took the minutes
		{"Notulist: Karin de Vries", false},
		{"Terugblik: de ouderavond", false},
		{"Terugblik: Ouderavond over jeugdhulp.", false},
	}
	for _, tt := range tests {
		if got := colonTitle(block{lines: []string{tt.line}}); got != tt.want {
			t.Errorf("colonTitle(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestUncapLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"JAN DE BOER: Welkom allemaal.", "Jan de Boer: Welkom allemaal."},
		{"ANNE-MARIE VOS: ja", "Anne-Marie Vos: ja"},
		{"VAN DER VEEN: nee", "VAN DER VEEN: nee"}, // no given name: could be a heading
		{"NB: de presentatie volgt", "NB: de presentatie volgt"},
		{"VVD: tegen", "VVD: tegen"},
		{"Jan: hoi", "Jan: hoi"},
		{"AGENDAPUNT 3: JEUGD", "AGENDAPUNT 3: JEUGD"},
	}
	for _, tt := range tests {
		got := uncapLabel(tt.in)
		if got != tt.want {
			t.Errorf("uncapLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(got) != len(tt.in) {
			t.Errorf("uncapLabel(%q) changed the length", tt.in)
		}
	}
}

func TestParticleInitialsOf(t *testing.T) {
	for name, want := range map[string]string{
		"Jan de Vries": "JdV", "Petra van den Berg": "PvdB", "Ahmed Kaddouri": "AK",
		"Peter-Paul Koch": "PPK", "Émile Zola": "",
	} {
		if got := particleInitialsOf(name); got != want {
			t.Errorf("particleInitialsOf(%q) = %q, want %q", name, got, want)
		}
	}
}
