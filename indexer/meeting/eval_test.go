package meeting

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"kennisbank/internal/sharedtest"
)

// Floors for the evaluation: the test fails below them. They sit under the measured
// figures so that a regression fails and noise does not.
const (
	floorDates        = 0.85
	floorSpeakerP     = 0.90
	floorSpeakerR     = 0.92
	floorAnnotatedTrn = 0.85
)

type evalExpect struct {
	Reports []struct {
		File     string    `yaml:"file"`
		Date     string    `yaml:"date"`
		Next     string    `yaml:"next"`
		Speakers *[]string `yaml:"speakers"`
	} `yaml:"reports"`
}

var dateInNameRe = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// TestEvalCorpus measures the extractor on shared/eval-corpus: meeting dates and
// speakers of the reports against testdata/eval-reports.yaml, and speakers and turns of
// the annotated parliamentary files against their markup. Run with -v to see the table:
//
//	go test ./indexer/meeting -run TestEvalCorpus -v
func TestEvalCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped in -short mode")
	}
	dir := sharedtest.Path(t, "eval-corpus")
	data, err := os.ReadFile(filepath.Join("testdata", "eval-reports.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var exp evalExpect
	if err := yaml.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	opts := Options{Now: fixedNow}
	var dateOK, dateN, nextOK, nextN int
	var tp, fp, fn int
	for _, e := range exp.Reports {
		path := filepath.Join(dir, "reports", e.File)
		// The file names carry the answer; hide it so the text is measured.
		r := parseFileAs(t, path, dateInNameRe.ReplaceAllString(e.File, "x"), opts)
		want := e.Date
		if want == "none" {
			want = ""
		}
		dateN++
		mark := "ok"
		if r.Date == want {
			dateOK++
		} else {
			mark = "WRONG"
		}
		t.Logf("date %-5s %-70s got %-10s (%s) want %s", mark, e.File, r.Date, r.DateSource, want)
		if e.Next != "" {
			nextN++
			if r.NextMeetingDate == e.Next {
				nextOK++
			} else {
				t.Logf("next WRONG %s got %q want %q", e.File, r.NextMeetingDate, e.Next)
			}
		}
		if e.Speakers != nil {
			var got []string
			for _, s := range r.Speakers {
				got = append(got, s.Name)
			}
			a, b, c := setCompare(got, *e.Speakers)
			tp, fp, fn = tp+a, fp+b, fn+c
			if b+c > 0 {
				t.Logf("speakers %s: got %q want %q", e.File, got, *e.Speakers)
			}
		}
	}
	dateShare := float64(dateOK) / float64(dateN)
	p, rc := ratio(tp, tp+fp), ratio(tp, tp+fn)
	t.Logf("REPORTS  dates %d/%d = %.2f  next %d/%d  speakers P=%.2f R=%.2f (tp %d fp %d fn %d)",
		dateOK, dateN, dateShare, nextOK, nextN, p, rc, tp, fp, fn)

	// Annotated parliamentary files.
	var aTP, aFP, aFN, turnOK, turnN int
	for _, a := range annotatedFiles(t, dir) {
		r := Parse(Input{Name: "annotated.txt", Format: "txt", Text: a.text}, opts)
		var got []string
		for _, s := range r.Speakers {
			got = append(got, surnameKey(s.Name))
		}
		var want []string
		for _, w := range a.speakers {
			want = append(want, surnameKey(w))
		}
		x, y, z := setCompare(got, want)
		aTP, aFP, aFN = aTP+x, aFP+y, aFN+z
		ok, n := 0, 0
		for _, pa := range a.paras {
			pp := findPassage(r.Passages, pa.text)
			n++
			if pp != nil && len(pp.Speakers) == 1 && surnameKey(pp.Speakers[0]) == surnameKey(pa.speaker) {
				ok++
			}
		}
		turnOK, turnN = turnOK+ok, turnN+n
		t.Logf("annotated %-60s speakers P=%.2f R=%.2f turns %d/%d", a.name, ratio(x, x+y), ratio(x, x+z), ok, n)
		if y+z > 0 {
			t.Logf("   got %q want %q", got, want)
		}
	}
	ap, ar, at := ratio(aTP, aTP+aFP), ratio(aTP, aTP+aFN), ratio(turnOK, turnN)
	t.Logf("ANNOTATED speakers P=%.2f R=%.2f  turn accuracy %d/%d = %.2f", ap, ar, turnOK, turnN, at)

	switch {
	case dateShare < floorDates:
		t.Errorf("date accuracy %.2f below floor %.2f", dateShare, floorDates)
	case p < floorSpeakerP || rc < floorSpeakerR:
		t.Errorf("report speakers P=%.2f R=%.2f below floors %.2f/%.2f", p, rc, floorSpeakerP, floorSpeakerR)
	case turnN > 0 && at < floorAnnotatedTrn:
		t.Errorf("annotated turn accuracy %.2f below floor %.2f", at, floorAnnotatedTrn)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// setCompare counts true positives, false positives and false negatives, comparing
// folded names.
func setCompare(got, want []string) (tp, fp, fn int) {
	g := map[string]bool{}
	for _, x := range got {
		g[fold(x)] = true
	}
	w := map[string]bool{}
	for _, x := range want {
		w[fold(x)] = true
	}
	for x := range g {
		if w[x] {
			tp++
		} else {
			fp++
		}
	}
	for x := range w {
		if !g[x] {
			fn++
		}
	}
	return
}

func parseFileAs(t testing.TB, path, name string, opts Options) Report {
	t.Helper()
	return parseFileNamed(t, path, name, opts)
}

// surnameKey reduces a name to its last word, folded, for comparing against markup that
// gives only surnames ("Van Haersma Buma" and "Sybrand van Haersma Buma" → "buma");
// chairs are "voorzitter".
func surnameKey(s string) string {
	f := strings.Fields(fold(s))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// annotated is a parliamentary file rendered to plain text, with its markup's answers.
type annotated struct {
	name     string
	text     string
	speakers []string
	paras    []struct{ text, speaker string }
}

func (a *annotated) turn(label, speaker string, paras []string) {
	var clean []string
	for _, p := range paras {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" && p != label {
			clean = append(clean, p)
		}
	}
	if len(clean) == 0 {
		return
	}
	a.text += label + "\n\n"
	for _, p := range clean {
		a.text += p + "\n\n"
		if len([]rune(p)) >= 40 {
			a.paras = append(a.paras, struct{ text, speaker string }{p, speaker})
		}
	}
	if !slices.Contains(a.speakers, speaker) {
		a.speakers = append(a.speakers, speaker)
	}
}

// annotatedFiles renders the annotated files to text as a printed report reads: a
// speaker label on its own line, then the paragraphs of the turn.
func annotatedFiles(t *testing.T, dir string) []annotated {
	var out []annotated
	files, _ := filepath.Glob(filepath.Join(dir, "annotated", "*"))
	for _, f := range files {
		base := filepath.Base(f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.TrimPrefix(data, []byte("\ufeff"))
		var a annotated
		switch {
		case strings.HasPrefix(base, "handelingen") && strings.Contains(base, "-utf8-repaired"):
			a = renderHandelingen(t, data)
		case strings.HasPrefix(base, "parlamint") && strings.HasSuffix(base, ".xml"):
			meta, err := os.ReadFile(strings.TrimSuffix(f, ".xml") + "-meta.tsv")
			if err != nil {
				t.Fatal(err)
			}
			a = renderParlaMint(t, data, meta)
		case strings.HasPrefix(base, "tk-vlos"):
			a = renderVLOS(t, data)
		default:
			continue
		}
		a.name = base
		if len(a.paras) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// xmlNode is a generic element tree.
type xmlNode struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Nodes   []xmlNode  `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (n *xmlNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// allText concatenates the character data below n.
func (n *xmlNode) allText() string {
	var b strings.Builder
	var walk func(x *xmlNode)
	walk = func(x *xmlNode) {
		b.WriteString(x.Text)
		for i := range x.Nodes {
			b.WriteString(" ")
			walk(&x.Nodes[i])
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func (n *xmlNode) find(local string) []*xmlNode {
	var out []*xmlNode
	var walk func(x *xmlNode)
	walk = func(x *xmlNode) {
		for i := range x.Nodes {
			c := &x.Nodes[i]
			if c.XMLName.Local == local {
				out = append(out, c)
				continue
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

func (n *xmlNode) child(local string) *xmlNode {
	for i := range n.Nodes {
		if n.Nodes[i].XMLName.Local == local {
			return &n.Nodes[i]
		}
	}
	return nil
}

func decodeXML(t *testing.T, data []byte) *xmlNode {
	var root xmlNode
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	if err := d.Decode(&root); err != nil {
		t.Fatalf("xml: %v", err)
	}
	return &root
}

func renderHandelingen(t *testing.T, data []byte) annotated {
	var a annotated
	root := decodeXML(t, data)
	for _, sb := range root.find("spreekbeurt") {
		sp := sb.child("spreker")
		if sp == nil {
			continue
		}
		pre := ""
		if v := sp.child("voorvoegsels"); v != nil {
			pre = v.allText()
		}
		last := ""
		if nm := sp.child("naam"); nm != nil {
			if an := nm.child("achternaam"); an != nil {
				last = an.allText()
			}
		}
		party := ""
		if p := sp.child("politiek"); p != nil {
			party = p.allText()
		}
		label := strings.TrimSpace(pre + " " + last)
		speaker := last
		if strings.EqualFold(last, "voorzitter") {
			speaker = "voorzitter"
		}
		if party != "" {
			label += " (" + party + ")"
		}
		label += ":"
		var paras []string
		if tx := sb.child("tekst"); tx != nil {
			for _, al := range tx.find("al") {
				paras = append(paras, al.allText())
			}
		}
		a.turn(label, speaker, paras)
	}
	return a
}

func renderVLOS(t *testing.T, data []byte) annotated {
	var a annotated
	root := decodeXML(t, data)
	var walk func(n *xmlNode)
	walk = func(n *xmlNode) {
		for i := range n.Nodes {
			c := &n.Nodes[i]
			if c.XMLName.Local == "woordvoerder" || c.XMLName.Local == "interrumpant" {
				sp := c.child("spreker")
				tx := c.child("tekst")
				if sp == nil || tx == nil {
					continue
				}
				name := ""
				if v := sp.child("verslagnaam"); v != nil {
					name = v.allText()
				}
				aanhef := ""
				if v := sp.child("aanhef"); v != nil {
					aanhef = v.allText()
				}
				party := ""
				if v := sp.child("fractie"); v != nil {
					party = v.allText()
				}
				label := strings.TrimSpace(aanhef+" "+name) + " (" + party + "):"
				speaker := name
				if iv := c.child("isvoorzitter"); iv != nil && iv.allText() == "true" {
					label, speaker = "De voorzitter:", "voorzitter"
				}
				if f := sp.child("functie"); f != nil && strings.HasPrefix(f.allText(), "minister") && speaker != "voorzitter" {
					label = "Minister " + name + ":"
				}
				var paras []string
				for _, it := range tx.find("alineaitem") {
					s := it.allText()
					if strings.HasSuffix(s, ":") && len([]rune(s)) < 60 {
						continue // the printed label itself
					}
					paras = append(paras, s)
				}
				a.turn(label, speaker, paras)
				continue
			}
			walk(c)
		}
	}
	walk(root)
	return a
}

func renderParlaMint(t *testing.T, data, meta []byte) annotated {
	var a annotated
	names := map[string]string{} // utterance id → "Surname, Given"
	rd := csv.NewReader(bytes.NewReader(meta))
	rd.Comma = '\t'
	rd.LazyQuotes = true
	rd.FieldsPerRecord = -1
	rows, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) > 0 {
		idCol, nameCol := slices.Index(rows[0], "ID"), slices.Index(rows[0], "Speaker_name")
		for _, row := range rows[1:] {
			if idCol >= 0 && nameCol >= 0 && nameCol < len(row) {
				names[row[idCol]] = row[nameCol]
			}
		}
	}
	root := decodeXML(t, data)
	for _, body := range root.find("body") {
		label := ""
		var walk func(n *xmlNode)
		walk = func(n *xmlNode) {
			for i := range n.Nodes {
				c := &n.Nodes[i]
				switch {
				case c.XMLName.Local == "note" && c.attr("type") == "speaker":
					label = c.allText()
				case c.XMLName.Local == "u":
					id := c.attr("id")
					surname, _, _ := strings.Cut(names[id], ",")
					speaker := surname
					if strings.Contains(c.attr("ana"), "#chair") {
						speaker = "voorzitter"
					}
					var paras []string
					for _, seg := range c.find("seg") {
						paras = append(paras, seg.allText())
					}
					l := strings.TrimSuffix(strings.TrimSpace(label), ":") + ":"
					a.turn(l, speaker, paras)
				default:
					walk(c)
				}
			}
		}
		walk(body)
	}
	return a
}
