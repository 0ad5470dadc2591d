package dutch

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"kennisbank/indexer/extract"
	"kennisbank/internal/sharedtest"
)

// TestFastTokenizerMatchesUnicode compares the fast tokenizer with Bleve's Unicode
// tokenizer, token by token, on tricky strings and on every report of the evaluation
// corpus and the sample reports.
func TestFastTokenizerMatchesUnicode(t *testing.T) {
	texts := []string{
		"", " ", "regio's en 's-Hertogenbosch", "F-35 en F35 en 35F", "1.000 en 1,5 en 12:30 en 10.30u",
		"e.g. i.e. a.1 1.a a:b", "snake_case _x x_", "einde. Begin, midden; slot:", "‘quote’ “dubbel” don't",
		"café coördinatie ideeën", "tab\there\r\nnieuw\fregel\vverticaal", "...", "a..b", "a.b.c", "1..2",
		"emoji 👍🏽 en 中文 en ｆｕｌｌ", "soft\u00adhyphen", "nbsp\u00a0hier", "www.example.nl/pad?x=1&y=2", "info@example.nl",
		"#hashtag @naam $5 €5 50% (haakjes) [blok] {accolade} <tag>", "3e 2de 21ste", "co-ouderschap", "'t Gooi",
	}
	shared := sharedtest.Dir(t)
	for _, dir := range []string{filepath.Join(shared, "eval-corpus", "reports"), filepath.Join(shared, "seed-reports")} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !extract.Supported(e.Name()) || strings.HasSuffix(e.Name(), ".pdf") {
				continue // PDFs would need the extraction child process
			}
			doc, err := extract.File(context.Background(), filepath.Join(dir, e.Name()), extract.Options{})
			if err != nil {
				continue
			}
			texts = append(texts, doc.Text)
			raw, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			texts = append(texts, string(raw))
		}
	}
	if len(texts) < 30 {
		t.Fatalf("only %d texts", len(texts))
	}
	fast := &fastTokenizer{slow: unicode.NewUnicodeTokenizer()}
	slow := unicode.NewUnicodeTokenizer()
	tokens := 0
	for _, text := range texts {
		got, want := fast.Tokenize([]byte(text)), slow.Tokenize([]byte(text))
		tokens += len(want)
		if !reflect.DeepEqual(flat(got), flat(want)) {
			g, w := flat(got), flat(want)
			for i := range min(len(g), len(w)) {
				if g[i] != w[i] {
					t.Errorf("%.60q…: token %d is %+v, want %+v", text, i, g[i], w[i])
					break
				}
			}
			if len(g) != len(w) {
				t.Errorf("%.60q…: %d tokens, want %d", text, len(g), len(w))
			}
		}
	}
	if tokens < 50000 {
		t.Errorf("only %d tokens compared", tokens)
	}
}

type flatToken struct {
	Term            string
	Start, End, Pos int
	Type            analysis.TokenType
}

func flat(ts analysis.TokenStream) []flatToken {
	out := make([]flatToken, len(ts))
	for i, t := range ts {
		out[i] = flatToken{string(t.Term), t.Start, t.End, t.Position, t.Type}
	}
	return out
}

func BenchmarkTokenizer(b *testing.B) {
	text := []byte(strings.Repeat("De gemeente sprak op 12 mei met de wethouder over regio's en 1.000 kinderen. ", 200))
	for _, tc := range []struct {
		name string
		tok  analysis.Tokenizer
	}{{"unicode", unicode.NewUnicodeTokenizer()}, {"fast", &fastTokenizer{slow: unicode.NewUnicodeTokenizer()}}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for i := 0; i < b.N; i++ {
				tc.tok.Tokenize(text)
			}
		})
	}
}
