package meeting

import "strings"

type Options struct{}

func Parse(in Input, opts Options) Report {
	var r Report
	for i, b := range strings.Split(in.Text, "\n\n") {
		b = strings.TrimSpace(b)
		if b == "" {
			continue
		}
		if i == 0 {
			r.Title = b
			continue
		}
		r.Passages = append(r.Passages, Passage{Text: strings.Join(strings.Fields(b), " ")})
	}
	return r
}
