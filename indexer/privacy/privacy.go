// Package privacy finds personal data that should not stand in public minutes of youth
// care: citizen service numbers (BSN), dates of birth, and the mobile numbers and private
// e-mail addresses of persons. Pure functions: text in, findings out.
package privacy

import (
	"regexp"
	"slices"
	"strings"
)

// Kinds of finding.
const (
	KindBSN         = "bsn"
	KindBirthDate   = "geboortedatum"
	KindPhoneNumber = "telefoonnummer"
	KindEmail       = "e-mailadres"
)

// Finding is one piece of likely personal data.
type Finding struct {
	Kind    string // KindBSN, KindBirthDate, KindPhoneNumber or KindEmail
	Masked  string // the value with most of it hidden, to point at it without repeating it
	Context string // the words around it, the value masked
}

var (
	// Nine digits, alone or grouped as 1234.56.789 / 1234 56 789.
	bsnRe = regexp.MustCompile(`(^|[^\d.,-])(\d{4}[. ]?\d{2}[. ]?\d{3})($|[^\d,-]|[.,](\s|$))`)
	// "geboren op 3 mei 2011", "geboortedatum: 03-05-2011", "geb. 3-5-2011".
	birthRe = regexp.MustCompile(`(?i)\b(geboren(\s+op)?|geboortedatum\s*:?|geb\.)\s*(\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|okt|nov|dec)\.?\s+\d{4})`)
	// Dutch mobile numbers: 06-12345678, 06 1234 5678, +31 6 12345678, 0031612345678.
	mobileRe = regexp.MustCompile(`(^|[^\d+])((?:\+31|0031)[\s-]?6|06)[\s-]?(\d[\s-]?){8}($|\D)`)
	emailRe  = regexp.MustCompile(`(?i)\b[a-z0-9._%+-]+@([a-z0-9-]+(\.[a-z0-9-]+)+)\b`)
)

// privateMailDomains are e-mail providers for persons: an address there is a private
// one, where info@gemeente-x.nl is an organisation's.
var privateMailDomains = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "hotmail.com": true, "hotmail.nl": true, "outlook.com": true,
	"outlook.nl": true, "live.nl": true, "live.com": true, "msn.com": true, "yahoo.com": true, "yahoo.nl": true,
	"icloud.com": true, "me.com": true, "ziggo.nl": true, "kpnmail.nl": true, "kpnplanet.nl": true,
	"planet.nl": true, "home.nl": true, "xs4all.nl": true, "hetnet.nl": true, "upcmail.nl": true,
	"telfort.nl": true, "casema.nl": true, "chello.nl": true, "quicknet.nl": true, "tele2.nl": true,
	"online.nl": true, "zonnet.nl": true, "caiway.nl": true, "solcon.nl": true, "protonmail.com": true,
	"proton.me": true,
}

// Find returns the likely personal data in text, in order of appearance per kind. No
// finding repeats a found value: in the contexts, every one of them is masked whole,
// also one that the edge of a context would otherwise cut in two.
func Find(text string) []Finding {
	spans := find(text)
	byStart := slices.Clone(spans)
	slices.SortStableFunc(byStart, func(a, b span) int { return a.start - b.start })
	out := make([]Finding, 0, len(spans))
	for _, sp := range spans {
		out = append(out, finding(sp, text, byStart))
	}
	return out
}

// span is a found value: text[start:end] of a kind.
type span struct {
	kind       string
	start, end int
}

func find(text string) []span {
	var out []span
	for _, m := range bsnRe.FindAllStringSubmatchIndex(text, -1) {
		v := text[m[4]:m[5]]
		if validBSN(digits(v)) {
			out = append(out, span{KindBSN, m[4], m[5]})
		}
	}
	for _, m := range birthRe.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, span{KindBirthDate, m[6], m[7]})
	}
	for _, m := range mobileRe.FindAllStringSubmatchIndex(text, -1) {
		end := m[1]
		if m[8] >= 0 && m[9] > m[8] {
			end = m[8] // the character after the number is not part of it
		}
		out = append(out, span{KindPhoneNumber, m[4], end})
	}
	for _, m := range emailRe.FindAllStringSubmatchIndex(text, -1) {
		if privateMailDomains[strings.ToLower(text[m[2]:m[3]])] {
			out = append(out, span{KindEmail, m[0], m[1]})
		}
	}
	return out
}

// validBSN applies the eleven test of the citizen service number: 9×d1 + 8×d2 + … +
// 2×d8 − d9 is a multiple of 11 (and not zero).
func validBSN(d string) bool {
	if len(d) != 9 || d == "000000000" {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += int(d[i]-'0') * (9 - i)
	}
	sum -= int(d[8] - '0')
	return sum%11 == 0
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// contextBytes is how much text a context shows on either side of a value.
const contextBytes = 40

// finding describes the value of sp with the words around it. Every value of all (sorted
// by start) that the context touches is masked whole; a context edge that would cut a
// value moves out to the value's end.
func finding(sp span, text string, all []span) Finding {
	from, to := max(0, sp.start-contextBytes), min(len(text), sp.end+contextBytes)
	for moved := true; moved; {
		moved = false
		for _, o := range all {
			if o.start < from && o.end > from {
				from, moved = o.start, true
			}
			if o.start < to && o.end > to {
				to, moved = o.end, true
			}
		}
	}
	for from > 0 && text[from-1]&0xC0 == 0x80 {
		from--
	}
	for to < len(text) && text[to]&0xC0 == 0x80 {
		to++
	}
	var b strings.Builder
	pos := from
	for _, o := range all {
		if o.start < pos || o.start >= to {
			continue // before the context, inside a value already masked, or after it
		}
		b.WriteString(text[pos:o.start])
		b.WriteString(mask(text[o.start:o.end]))
		pos = o.end
	}
	b.WriteString(text[pos:to])
	v := text[sp.start:sp.end]
	return Finding{Kind: sp.kind, Masked: mask(v), Context: strings.Join(strings.Fields(b.String()), " ")}
}

// mask keeps the first two and the last character of a value and hides the rest.
func mask(v string) string {
	r := []rune(strings.TrimSpace(v))
	if len(r) <= 4 {
		return strings.Repeat("•", len(r))
	}
	return string(r[:2]) + strings.Repeat("•", len(r)-3) + string(r[len(r)-1:])
}
