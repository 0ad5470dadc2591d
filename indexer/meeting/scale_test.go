package meeting

import (
	"fmt"
	"strings"
	"testing"
)

// scaleShapes are synthetic texts of a given size in bytes that once made Parse
// superlinear: many short paragraphs that name people, organisations, places and
// dates; one word repeated; one word without any space.
var scaleShapes = []struct {
	name string
	make func(size int) string
}{
	{"paragraphs", shortParagraphs},
	{"one-word", func(size int) string { return strings.Repeat("vergadering ", size/12+1)[:size] }},
	{"no-space", func(size int) string { return strings.Repeat("a", size) }},
}

// shortParagraphs builds size bytes of short paragraphs in the shape of a long report.
func shortParagraphs(size int) string {
	lines := []string{
		"Jan de Vries (Gemeente Roermond) opent de vergadering om 19.30 uur.",
		"Stichting Jeugdhulp Limburg en Vereniging Dorpsraad Haaksbergen zijn aanwezig.",
		"Op 12 mei 2023 vond een bijeenkomst plaats over de opstart van het Expertisecentrum Jeugdhulp Limburg.",
		"Piet Jansen namens VNG: de Wmo-raad Moerdijk vraagt om een toelichting.",
		"Besluit: het voorstel wordt aangenomen.",
		"Actie: Marieke Bos stuurt het verslag rond voor 3 juni 2023.",
		"De voorzitter sluit de vergadering.",
		"Dorpsraad Haaksbergen",
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "%s %d\n\n", lines[i%len(lines)], i)
	}
	return b.String()[:size]
}

// BenchmarkParseScale parses texts of 1, 2, 4 and 8 MB of each shape: the time per MB
// must stay flat as the text grows (Parse is linear, or n log n, in the text).
//
//	go test ./indexer/meeting -run '^$' -bench ParseScale -benchtime 1x
func BenchmarkParseScale(b *testing.B) {
	for _, shape := range scaleShapes {
		for _, mb := range []int{1, 2, 4, 8} {
			text := shape.make(mb << 20)
			b.Run(fmt.Sprintf("%s/%dMB", shape.name, mb), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for i := 0; i < b.N; i++ {
					Parse(Input{Name: "groot.txt", Format: "txt", Text: text}, Options{Now: fixedNow})
				}
			})
		}
	}
}

// TestParseStops checks that Parse gives up at once when its caller has stopped
// waiting, so that an abandoned report frees the processor.
func TestParseStops(t *testing.T) {
	in := Input{Name: "verslag.txt", Format: "txt", Text: shortParagraphs(64 << 10)}
	full := Parse(in, Options{Now: fixedNow})
	if len(full.Organisations) == 0 {
		t.Fatal("the text names no organisations; the test needs some")
	}
	stop := make(chan struct{})
	close(stop)
	part := Parse(in, Options{Now: fixedNow, Stop: stop})
	if len(part.Organisations) != 0 || len(part.Passages) != len(full.Passages) {
		t.Errorf("stopped Parse read %d organisations and %d passages, want none and %d (what it had before stopping)",
			len(part.Organisations), len(part.Passages), len(full.Passages))
	}
}
