package extract

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// looksGlued reports whether text reads as words glued together, the sign of a PDF
// that places words by position without space characters.
func looksGlued(text string) bool {
	return meanWordLength(text) > 12
}

// meanWordLength is the mean length in runes of the white-space separated tokens that
// hold at least one letter.
func meanWordLength(text string) float64 {
	var words, runes int
	for _, f := range strings.Fields(text) {
		n, letters := 0, 0
		for _, r := range f {
			n++
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters > 0 {
			words++
			runes += n
		}
	}
	if words < 20 {
		return 0 // too little text to judge
	}
	return float64(runes) / float64(words)
}

// safePositionedText is positionedText with panics turned into errors.
func safePositionedText(p pdf.Page, spaces bool) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("panic: %v", r)
		}
	}()
	return positionedText(p, spaces), nil
}

// textFont is what positionedText needs of a font.
type textFont struct {
	enc    pdf.TextEncoding
	first  int
	widths []float64 // glyph widths in 1/1000 text space units; nil when unknown
}

type nopEncoding struct{}

func (nopEncoding) Decode(raw string) string { return raw }

// positionedText rebuilds a page's text from the text operators, like the library's
// Page.GetPlainText, but it also reads positions. A move to another line (in device
// space, through the CTM) starts a new line, and a new text object on the same line
// adds a space. With spaces set, a move along the same line or a large TJ displacement
// adds a space too; where the font gives glyph widths, only when it leaves a visible
// gap. Without spaces, the words are exactly those of the library, plus line breaks.
func positionedText(p pdf.Page, spaces bool) string {
	fonts := make(map[string]*textFont)
	res := p.Resources().Key("Font")
	for _, name := range res.Keys() {
		fv := res.Key(name)
		f := pdf.Font{V: fv}
		tf := &textFont{enc: f.Encoder()}
		if fv.Key("Subtype").Name() != "Type0" {
			tf.first = f.FirstChar()
			tf.widths = f.Widths()
		}
		fonts[name] = tf
	}

	var (
		b        strings.Builder
		font     = &textFont{enc: nopEncoding{}}
		size     = 1.0
		charSp   float64
		wordSp   float64
		hScale   = 1.0
		leading  float64
		tm, tlm  = identity, identity
		ctm      = identity
		ctmStack []matrix
		lineY    = math.NaN() // y of the current output line
		endX     = math.NaN() // x where the last shown text ended, when known
		moved    = false
		newText  = false // a text object began since the last text shown
		mustBrk  = false // T*, ' or " asked for a new line
		lastRune rune
	)
	write := func(s string) {
		for _, r := range s {
			b.WriteRune(r)
			lastRune = r
		}
	}
	// device maps the current text position to device space through the CTM.
	device := func() (x, y, sx, sy float64) {
		m := tm.mul(ctm)
		return m[4], m[5], math.Hypot(m[0], m[1]), math.Hypot(m[2], m[3])
	}
	separate := func() {
		x, y, sx, sy := device()
		switch {
		case lastRune == 0:
		case mustBrk || math.Abs(y-lineY) > 0.5*math.Max(size*sy, 1):
			if lastRune != '\n' {
				write("\n")
			}
		case lastRune == ' ' || lastRune == '\n':
		case newText:
			write(" ")
		case !spaces:
		case !math.IsNaN(endX) && math.Abs(x-endX) < 0.15*size*sx:
			// The move only closes a kerning gap: no space.
		default:
			write(" ")
		}
		lineY = y
		moved, newText, mustBrk = false, false, false
	}
	show := func(raw string) {
		if moved || newText || mustBrk || math.IsNaN(lineY) {
			separate()
		}
		write(font.enc.Decode(raw))
		if font.widths == nil {
			endX = math.NaN()
			return
		}
		adv := 0.0
		for i := 0; i < len(raw); i++ {
			w := 0.0
			if c := int(raw[i]) - font.first; c >= 0 && c < len(font.widths) {
				w = font.widths[c]
			}
			adv += (w/1000*size + charSp) * hScale
			if raw[i] == ' ' {
				adv += wordSp * hScale
			}
		}
		tm[4] += adv * tm[0]
		tm[5] += adv * tm[1]
		endX, _, _, _ = device()
	}
	nextLine := func(tx, ty float64) {
		tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
		tm = tlm
		moved = true
	}

	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		switch op {
		case "q":
			if len(ctmStack) < 256 {
				ctmStack = append(ctmStack, ctm)
			}
		case "Q":
			if n := len(ctmStack); n > 0 {
				ctm, ctmStack = ctmStack[n-1], ctmStack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(ctm)
			}
		case "BT":
			tm, tlm = identity, identity
			newText = true
		case "Tf":
			if len(args) == 2 {
				if f, ok := fonts[args[0].Name()]; ok {
					font = f
				} else {
					font = &textFont{enc: nopEncoding{}}
				}
				size = args[1].Float64()
			}
		case "Tc":
			charSp = num(0)
		case "Tw":
			wordSp = num(0)
		case "Tz":
			hScale = num(0) / 100
		case "TL":
			leading = num(0)
		case "Td":
			nextLine(num(0), num(1))
		case "TD":
			leading = -num(1)
			nextLine(num(0), num(1))
		case "Tm":
			if len(args) == 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
				moved = true
			}
		case "T*":
			nextLine(0, -leading)
			mustBrk = true
		case "'", "\"":
			nextLine(0, -leading)
			mustBrk = true
			if len(args) > 0 {
				show(args[len(args)-1].RawString())
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				x := v.Index(i)
				switch x.Kind() {
				case pdf.String:
					show(x.RawString())
				case pdf.Integer, pdf.Real:
					d := -x.Float64() / 1000 * size * hScale
					tm[4] += d * tm[0]
					tm[5] += d * tm[1]
					if !math.IsNaN(endX) {
						endX, _, _, _ = device()
					}
					if spaces && x.Float64() < -110 && lastRune != ' ' && lastRune != '\n' && lastRune != 0 {
						write(" ")
					}
				}
			}
		}
	})
	return b.String()
}

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}
