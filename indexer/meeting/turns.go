package meeting

import "strings"

// assignTurns credits each passage to its speakers. A passage that names who speaks
// starts a turn; the passages after it continue that turn while they go on about the
// same contribution ("Hij heeft hierbij …", a quotation) and nobody else takes over.
// Transcripts with speaker labels ("De heer Klaver (GroenLinks):") credit every passage
// to the last label until the next label or heading.
func assignTurns(r *Report, per [][]sentenceInfo) {
	turn := 0
	var cur []string // speakers of the running turn
	curSection := ""
	var label []string // the running label of a transcript
	for pi := range r.Passages {
		p := &r.Passages[pi]
		if p.Section != curSection {
			cur, label, curSection = nil, nil, p.Section
		}
		sents := per[pi]
		// A passage that is only a speaker label starts a labelled turn.
		if who, only := labelOnly(sents); who != "" {
			label = []string{who}
			turn++
			p.Speakers, p.Turn = label, turn
			cur = label
			if !only {
				p.Speakers = labelNames(sents)
			}
			continue
		}
		if len(label) > 0 {
			if names := labelNames(sents); len(names) > 0 {
				label = names[len(names)-1:]
				turn++
				p.Speakers, p.Turn, cur = names, turn, names
				continue
			}
			p.Speakers, p.Turn, p.Continued = label, turn, true
			continue
		}
		names := actingNames(sents)
		switch {
		case len(names) > 0:
			turn++
			cur = names
			p.Speakers, p.Turn = names, turn
		case len(cur) > 0 && continues(sents):
			p.Speakers, p.Turn, p.Continued = cur, turn, true
		default:
			cur = nil
		}
	}
}

// actingNames lists, in order, the people who speak or act in the sentences.
func actingNames(sents []sentenceInfo) []string {
	var out []string
	for _, s := range sents {
		for _, m := range s.mentions {
			if !m.acting || m.person == nil {
				continue
			}
			p := m.person.resolved()
			if p.absent || !p.speaker {
				continue
			}
			if n := p.canonical(); n != "" && !containsFold(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// labelNames lists the people whose labels ("Naam:") start sentences of the passage.
func labelNames(sents []sentenceInfo) []string {
	var out []string
	for _, s := range sents {
		for _, m := range s.mentions {
			if m.label && m.person != nil {
				if n := m.person.resolved().canonical(); n != "" && !containsFold(out, n) {
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// labelOnly returns the speaker when the passage opens with a speaker label that stands
// alone on its line ("De heer Klaver (GroenLinks):"); only is true when the passage holds
// nothing else.
func labelOnly(sents []sentenceInfo) (string, bool) {
	if len(sents) == 1 && sents[0].label != nil {
		return sents[0].label.resolved().canonical(), true
	}
	if len(sents) == 0 || len(sents[0].mentions) == 0 {
		return "", false
	}
	m := sents[0].mentions[0]
	if m.person == nil || m.start != 0 {
		return "", false
	}
	toks := sents[0].toks
	k := m.end
	// "(GroenLinks)" between the name and the colon.
	if k < len(toks) && toks[k].text == "(" {
		for k < len(toks) && toks[k].text != ")" {
			k++
		}
		k++
	}
	if k >= len(toks) || toks[k].text != ":" || k+1 != len(toks) {
		return "", false
	}
	return m.person.resolved().canonical(), len(sents) == 1
}

// continues reports whether a passage goes on about the contribution before it: it
// opens with a personal pronoun for the speaker or with a quotation.
func continues(sents []sentenceInfo) bool {
	if len(sents) == 0 {
		return false
	}
	first := sents[0]
	if t := strings.TrimSpace(first.text); t != "" && strings.ContainsRune(`“"„‘'«`, []rune(t)[0]) {
		return true
	}
	for i, t := range first.toks {
		if i >= 6 {
			break
		}
		switch t.lower() {
		case "hij", "zij", "ze":
			return true
		}
	}
	return false
}
