package meeting

import (
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// seriesBody is a body whose meetings form a series, and the words that name it.
type seriesBody struct {
	name  string
	words [][]string
}

// readSeries finds the body whose meeting the report is ("bestuursvergadering" →
// bestuur, "ALV", "werkgroep Inkoop") and the organisations the report may be of, most
// likely first. The indexer names the series from them across the corpus (see
// SeriesName).
func readSeries(r *Report, name string, mv *Minutes) {
	r.SeriesBody = mv.seriesBody(r.Title)
	if r.SeriesBody == "" {
		return
	}
	text := ownOrganisations(r)
	for _, o := range append(mv.fileNameOrgs(name, r.SeriesBody, text), text...) {
		if !strings.Contains(fold(r.SeriesBody), fold(o)) && !containsFold(r.SeriesOrgs, o) {
			r.SeriesOrgs = append(r.SeriesOrgs, o)
		}
	}
}

// fileNameOrgs are the words of a file name before its date that may name the
// organisation ("fronteers-notulen-alv-2012-11-22.md" → Fronteers), as the text writes
// them when it does.
func (mv *Minutes) fileNameOrgs(name, body string, written []string) []string {
	base := strings.TrimSuffix(name, filepath.Ext(name))
	var out []string
	for _, w := range strings.FieldsFunc(base, func(r rune) bool { return r == '-' || r == '_' || r == ' ' || r == '.' }) {
		lw := fold(w)
		if lw == "" || unicode.IsDigit([]rune(lw)[0]) {
			break // the date, or a number: the name of the body ends
		}
		if len(lw) < 3 || mv.seriesIgnore[lw] || isMonthOrDay(lw) || mv.seriesBody(w) != "" || strings.EqualFold(w, body) {
			continue
		}
		form := strings.ToUpper(w[:1]) + w[1:]
		for _, x := range written {
			if strings.EqualFold(x, w) {
				form = x
			}
		}
		out = append(out, form)
	}
	return out
}

// SeriesName names a series: the organisation and the body ("Fronteers bestuur"), or
// the body alone.
func SeriesName(org, body string) string {
	if body == "" {
		return ""
	}
	if org == "" {
		return body
	}
	return org + " " + body
}

// seriesBody finds the body in a title.
func (mv *Minutes) seriesBody(title string) string {
	toks := tokenize(title)
	words, idx := foldedWords(toks)
	for _, b := range mv.series {
		for _, w := range b.words {
			for i := 0; i+len(w) <= len(words); i++ {
				ok := true
				for k, x := range w {
					last := k == len(w)-1
					if words[i+k] != x && !(last && len(x) > 3 && strings.HasPrefix(words[i+k], x)) {
						ok = false
						break
					}
				}
				if !ok {
					continue
				}
				name, named := strings.CutSuffix(b.name, "…")
				name = strings.TrimSpace(name)
				// "werkgroep Inkoop": a group is named by the word after it.
				if next := i + len(w); named && words[i+len(w)-1] == w[len(w)-1] && next < len(words) && toks[idx[next]].cap() && !isMonthOrDay(words[next]) {
					name += " " + toks[idx[next]].text
				}
				return name
			}
		}
	}
	return ""
}

func isMonthOrDay(w string) bool {
	if monthNames[w] != 0 {
		return true
	}
	switch w {
	case "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag":
		return true
	}
	return false
}

func notLetterOrDigit(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// ownOrganisations are the names the report uses most for whom it is of: an
// organisation in the title, then the words written with a capital in running text
// (not a person's name, not opening a sentence) that the text names most often, at
// least three times and nearly always with its capital. At most eight, most often
// first.
func ownOrganisations(r *Report) []string {
	for _, o := range r.Organisations {
		if strings.Contains(strings.ToLower(r.Title), strings.ToLower(o)) {
			return []string{o}
		}
	}
	people := map[string]bool{}
	for _, s := range r.Speakers {
		for _, w := range strings.Fields(s.Name) {
			people[w] = true
		}
	}
	for _, m := range r.Mentioned {
		for _, w := range strings.Fields(m) {
			people[w] = true
		}
	}
	// First the words written with a capital mid-sentence, then how often each of them
	// occurs at all: counting every word of the report filled a large map with words
	// that are never a candidate.
	count := map[string]int{}   // folded word → occurrences
	capital := map[string]int{} // folded word → occurrences with a capital, mid-sentence
	written := map[string]string{}
	for _, p := range r.Passages {
		prevEnd := true
		for w := range strings.FieldsSeq(p.Text) {
			wasEnd := prevEnd
			switch w[len(w)-1] {
			case '.', ':', '?', '!':
				prevEnd = true
			default:
				prevEnd = false
			}
			if c := w[0]; 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				continue // most words: no capital, and the word starts here
			}
			word := strings.TrimFunc(w, notLetterOrDigit)
			sentenceStart := wasEnd || strings.HasPrefix(w, "-") || strings.HasPrefix(w, "•") || strings.HasPrefix(w, "*")
			if utf8.RuneCountInString(word) < 3 {
				continue
			}
			r0, _ := utf8.DecodeRuneInString(word)
			if sentenceStart || !unicode.IsUpper(r0) || people[word] || notNames[word] {
				continue
			}
			lw := strings.ToLower(word)
			if isMonthOrDay(lw) || roleTitles[lw] {
				continue
			}
			capital[lw]++
			if written[lw] == "" {
				written[lw] = word
			}
		}
	}
	if len(written) > 0 {
		// Only a word that starts as one of them can be one: their first letters,
		// in both cases, where they are ASCII.
		var firsts [utf8.RuneSelf]bool
		for lw := range written {
			if c := lw[0]; c < utf8.RuneSelf {
				firsts[c] = true
				firsts[unicode.ToUpper(rune(c))] = true
			}
		}
		for _, p := range r.Passages {
			for w := range strings.FieldsSeq(p.Text) {
				if c := w[0]; c < utf8.RuneSelf && !firsts[c] && !notLetterOrDigit(rune(c)) {
					continue // the word starts here, with a letter no candidate starts with
				}
				word := strings.TrimFunc(w, notLetterOrDigit)
				if word == "" || word[0] < utf8.RuneSelf && !firsts[word[0]] || utf8.RuneCountInString(word) < 3 {
					continue
				}
				if lw := strings.ToLower(word); capital[lw] > 0 {
					count[lw]++
				}
			}
		}
	}
	// A name is written with its capital nearly always: "Commissie" and "Hier" are
	// also written "commissie" and "hier".
	var out []string
	for lw, w := range written {
		if count[lw] >= 3 && capital[lw]*4 >= count[lw]*3 {
			out = append(out, w)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		ci, cj := count[strings.ToLower(out[i])], count[strings.ToLower(out[j])]
		if ci != cj {
			return ci > cj
		}
		return out[i] < out[j]
	})
	return out[:min(8, len(out))]
}
