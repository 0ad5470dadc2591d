package server

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"kennisbank/indexer/search"
)

// Dutch words for what the pages show: the names of the query parameters as the
// pages' forms call them, the values that the API spells in English, counts with
// their singular or plural noun, and dates.

// fieldNamesNL are the Dutch names of the query parameters, for messages on pages.
var fieldNamesNL = map[string]string{
	"q": "zoekvraag", "speaker": "spreker", "theme": "thema", "organisation": "organisatie",
	"place": "plaats", "from": "van", "to": "tot en met", "sort": "sortering", "page": "pagina",
	"size": "aantal", "group": "groepering", "kind": "soort", "series": "reeks", "owner": "wie",
}

// valuesNL are parameter values that the API spells in English.
var valuesNL = map[string]string{
	"done": "afgerond", "relevance": "relevantie", "date_desc": "nieuwste eerst", "date_asc": "oudste eerst",
	"decision": "besluit", "action": "actie", "report": "verslag",
}

// requestMessage returns the Dutch message of a request error for a page, or "": the
// API's message with the parameter names and values in the words of the pages
// ("from is geen geldige datum" becomes "„Van” is geen geldige datum").
func requestMessage(err error) string {
	var re *search.RequestError
	if !errors.As(err, &re) {
		return ""
	}
	if strings.HasPrefix(re.Message, "onbekende parameter ") {
		return "Deze pagina kent de parameter „" + re.Field + "” niet; haal die uit het adres."
	}
	words := strings.Split(re.Message, " ")
	for i, w := range words {
		core := strings.TrimRight(w, ",;:.")
		rest := w[len(core):]
		if nl, ok := fieldNamesNL[core]; ok {
			words[i] = "„" + nl + "”" + rest
		} else if nl, ok := valuesNL[core]; ok {
			words[i] = nl + rest
		}
	}
	return upperFirst(strings.Join(words, " "))
}

// upperFirst writes the first letter of s as a capital, also after an opening quote.
func upperFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
	}
	return s
}

// countText writes a count with its noun: "1 verslag", "3 verslagen", "0 verslagen".
// n is any integer type a page holds.
func countText(n any, one, many string) string {
	var v int64
	switch x := n.(type) {
	case int:
		v = int64(x)
	case int64:
		v = x
	case uint64:
		v = int64(x)
	}
	if v == 1 {
		return "1 " + one
	}
	return strconv.FormatInt(v, 10) + " " + many
}

// shortDutchDate writes a YYYY-MM-DD date as "6 juni 2024"; anything else stays as
// it is.
func shortDutchDate(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return strconv.Itoa(t.Day()) + " " + monthsNL[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// formatsNL name the kinds of source file in Dutch.
var formatsNL = map[string]string{
	"txt": "tekst", "md": "Markdown-tekst", "html": "webpagina", "pdf": "pdf",
	"docx": "Word-document", "odt": "OpenDocument-tekst", "eml": "e-mail",
}

// formatText names a source format in Dutch; an unknown one stays as it is.
func formatText(f string) string {
	if nl, ok := formatsNL[f]; ok {
		return nl
	}
	return f
}

// periodText writes a period of meeting dates in words: "periode 1 januari 2020 – 31
// december 2020", "vanaf 1 januari 2020", "tot en met 31 december 2020", or "".
func periodText(from, to string) string {
	switch {
	case from != "" && to != "":
		return "periode " + shortDutchDate(from) + " – " + shortDutchDate(to)
	case from != "":
		return "vanaf " + shortDutchDate(from)
	case to != "":
		return "tot en met " + shortDutchDate(to)
	}
	return ""
}
