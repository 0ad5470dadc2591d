package config

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/viper"

	"kennisbank/internal/editdist"
)

// durationType is the type of the duration fields, which are decoded from text such as "5s".
var durationType = reflect.TypeFor[time.Duration]()

// decode sets every field of the struct val from viper, the key of a field being its
// mapstructure tag under prefix. It decodes each value on its own and returns a Problem
// for each that does not fit its field, instead of stopping at the first.
func decode(v *viper.Viper, prefix string, val reflect.Value) []Problem {
	var problems []Problem
	t := val.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("mapstructure")
		if prefix != "" {
			key = prefix + "." + key
		}
		field := val.Field(i)
		if f.Type.Kind() == reflect.Struct {
			if raw := v.Get(key); raw != nil {
				if _, ok := raw.(map[string]any); !ok {
					// The fields keep the values they had (the defaults).
					problems = append(problems, Problem{Key: key, Message: "verwacht een tabel met sleutels, niet " + describe(raw)})
					continue
				}
			}
			problems = append(problems, decode(v, key, field)...)
			continue
		}
		if msg := decodeValue(v.Get(key), field, f.Tag.Get("unit") == "bytes"); msg != "" {
			problems = append(problems, problem(key, "%s", msg))
		}
	}
	return problems
}

// decodeValue sets field from raw, the value as viper holds it: typed as a default, as
// YAML gives it, or text from the environment. It returns a Dutch message when raw does
// not fit, and leaves field as it is then.
func decodeValue(raw any, field reflect.Value, bytes bool) string {
	if raw == nil {
		return ""
	}
	switch {
	case field.Type() == durationType:
		d, msg := toDuration(raw)
		if msg == "" {
			field.SetInt(int64(d))
		}
		return msg
	case field.Kind() == reflect.String:
		s, msg := toText(raw)
		if msg == "" {
			field.SetString(s)
		}
		return msg
	case field.Kind() == reflect.Slice && field.Type().Elem().Kind() == reflect.String:
		list, msg := toList(raw)
		if msg == "" {
			field.Set(reflect.ValueOf(list).Convert(field.Type()))
		}
		return msg
	case field.Kind() == reflect.Bool:
		b, msg := toBool(raw)
		if msg == "" {
			field.SetBool(b)
		}
		return msg
	case field.CanInt():
		n, msg := toInt(raw, bytes)
		if msg == "" && field.OverflowInt(n) {
			msg = fmt.Sprintf("getal %d is te groot", n)
		}
		if msg == "" {
			field.SetInt(n)
		}
		return msg
	case field.CanUint():
		n, msg := toInt(raw, bytes)
		if msg == "" && (n < 0 || field.OverflowUint(uint64(n))) {
			msg = fmt.Sprintf("getal %d valt buiten het bereik", n)
		}
		if msg == "" {
			field.SetUint(uint64(n))
		}
		return msg
	case field.CanFloat():
		x, msg := toFloat(raw)
		if msg == "" {
			field.SetFloat(x)
		}
		return msg
	}
	// A field of a type added to Config without a case here: a programming error that
	// the tests of this package catch.
	return fmt.Sprintf("veld van type %s kan niet worden ingesteld", field.Type())
}

// describe names the kind of a value that is not what was wanted, for a message.
func describe(raw any) string {
	switch raw.(type) {
	case map[string]any:
		return "een tabel"
	case []any, []string:
		return "een lijst"
	case string:
		return fmt.Sprintf("de tekst %q", raw)
	}
	return fmt.Sprintf("%v", raw)
}

// toText accepts text and other single values (a number written without quotes).
func toText(raw any) (string, string) {
	switch x := raw.(type) {
	case string:
		return x, ""
	case map[string]any, []any, []string:
		return "", fmt.Sprintf("verwacht een tekst, niet %s", describe(raw))
	}
	return fmt.Sprint(raw), ""
}

// toList accepts a list of texts or one text (split at commas by the caller).
func toList(raw any) ([]string, string) {
	switch x := raw.(type) {
	case []string:
		return slices.Clone(x), ""
	case string:
		return []string{x}, ""
	case []any:
		out := make([]string, 0, len(x))
		for _, item := range x {
			s, msg := toText(item)
			if msg != "" {
				return nil, "verwacht een lijst van teksten, maar een element is " + describe(item)
			}
			out = append(out, s)
		}
		return out, ""
	}
	return nil, fmt.Sprintf("verwacht een lijst of door komma's gescheiden tekst, niet %s", describe(raw))
}

// toDuration accepts a duration as text with a unit ("500ms", "20s", "1m30s").
func toDuration(raw any) (time.Duration, string) {
	switch x := raw.(type) {
	case time.Duration:
		return x, ""
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return 0, "lege duur: verwacht een duur zoals 5s of 500ms"
		}
		if _, err := strconv.ParseFloat(s, 64); err == nil && s != "0" {
			return 0, fmt.Sprintf("duur %q zonder eenheid: schrijf bijvoorbeeld %ss (seconden) of %sms (milliseconden)", s, s, s)
		}
		d, err := time.ParseDuration(s)
		if err != nil {
			return 0, fmt.Sprintf("ongeldige duur %q: verwacht een getal met eenheid (ms, s, m, h), zoals 5s of 1m30s", s)
		}
		return d, ""
	case int, int64, uint64, float64:
		if fmt.Sprint(x) == "0" {
			return 0, ""
		}
		return 0, fmt.Sprintf("duur %v zonder eenheid: schrijf bijvoorbeeld %vs (seconden) of %vms (milliseconden)", x, x, x)
	}
	return 0, fmt.Sprintf("verwacht een duur zoals 5s, niet %s", describe(raw))
}

// toBool accepts true/false and the spellings strconv.ParseBool knows, as well as ja/nee.
func toBool(raw any) (bool, string) {
	switch x := raw.(type) {
	case bool:
		return x, ""
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "ja":
			return true, ""
		case "nee":
			return false, ""
		}
		b, err := strconv.ParseBool(strings.TrimSpace(x))
		if err == nil {
			return b, ""
		}
	}
	return false, fmt.Sprintf("verwacht true of false, niet %s", describe(raw))
}

// toFloat accepts a number.
func toFloat(raw any) (float64, string) {
	switch x := raw.(type) {
	case float64:
		return x, ""
	case int:
		return float64(x), ""
	case int64:
		return float64(x), ""
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		if err == nil {
			return f, ""
		}
	}
	return 0, fmt.Sprintf("verwacht een getal, niet %s", describe(raw))
}

// toInt accepts a whole number; with bytes also a size with a unit ("50MB", "2GiB").
func toInt(raw any, bytes bool) (int64, string) {
	want := "verwacht een geheel getal"
	if bytes {
		want = "verwacht een aantal bytes, zoals 52428800, 50MiB of 2GiB"
	}
	switch x := raw.(type) {
	case int:
		return int64(x), ""
	case int64:
		return x, ""
	case int32:
		return int64(x), ""
	case uint64:
		if x > math.MaxInt64 {
			return 0, fmt.Sprintf("getal %d is te groot", x)
		}
		return int64(x), ""
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<62 {
			return int64(x), ""
		}
		return 0, fmt.Sprintf("%v is geen geheel getal: %s", x, want)
	case string:
		s := strings.TrimSpace(x)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, ""
		}
		if bytes {
			if n, ok := parseSize(s); ok {
				return n, ""
			}
		}
		return 0, fmt.Sprintf("ongeldige waarde %q: %s", s, want)
	}
	return 0, fmt.Sprintf("%s, niet %s", want, describe(raw))
}

// sizeUnits are the units of a size: decimal (KB = 1000 bytes) and binary (KiB = 1024).
var sizeUnits = map[string]int64{
	"b":  1,
	"kb": 1000, "mb": 1000 * 1000, "gb": 1000 * 1000 * 1000,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30,
}

// parseSize reads a whole number of a unit of sizeUnits, spaces allowed between
// them: "50MB", "2 GiB".
func parseSize(s string) (int64, bool) {
	i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if i <= 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil {
		return 0, false
	}
	unit, ok := sizeUnits[strings.ToLower(strings.TrimSpace(s[i:]))]
	if !ok || n > math.MaxInt64/unit {
		return 0, false
	}
	return n * unit, true
}

// Keys lists every configuration key, in the order of the Config struct.
func Keys() []string {
	return appendKeys(nil, "", reflect.TypeFor[Config]())
}

func appendKeys(keys []string, prefix string, t reflect.Type) []string {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := f.Tag.Get("mapstructure")
		if prefix != "" {
			key = prefix + "." + key
		}
		if f.Type.Kind() == reflect.Struct {
			keys = appendKeys(keys, key, f.Type)
			continue
		}
		keys = append(keys, key)
	}
	return keys
}

// unknownKeys reports the keys of the file that Kennisbank does not know, a misspelling
// that would otherwise be ignored without a word. Environment variables are not
// checked: only the known keys are looked up there.
func unknownKeys(v *viper.Viper) []Problem {
	known := Keys()
	sections := map[string]bool{}
	for _, k := range known {
		sections[k[:strings.IndexByte(k+".", '.')]] = true
	}
	all := v.AllKeys()
	sort.Strings(all)
	var problems []Problem
	for _, key := range all {
		if slices.Contains(known, key) {
			continue
		}
		if sections[key] || slices.ContainsFunc(known, func(k string) bool { return strings.HasPrefix(key, k+".") }) {
			continue // a section that is no table, or a table for a value: decode reports it
		}
		msg := "onbekende sleutel in het configuratiebestand"
		if near := nearest(key, known); near != "" {
			msg += fmt.Sprintf("; bedoelt u %s?", near)
		} else {
			msg += "; bekende sleutels: " + strings.Join(known, ", ")
		}
		problems = append(problems, Problem{Key: key, Message: msg})
	}
	return problems
}

// nearest is the known key closest to key in spelling, if it is close enough to be
// what was meant: at most two edits to the whole key; else a key of the same section
// whose last part is at most three edits away or holds the last part of key; else such
// a key in another section.
func nearest(key string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if d := editdist.Levenshtein(key, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best != "" {
		return best
	}
	section, leaf := splitKey(key)
	for _, sameSection := range []bool{true, false} {
		best, bestDist = "", 4
		for _, k := range known {
			ks, kl := splitKey(k)
			if (ks == section) != sameSection {
				continue
			}
			d := editdist.Levenshtein(leaf, kl)
			if strings.Contains(kl, leaf) {
				d = min(d, 1)
			}
			if d < bestDist {
				best, bestDist = k, d
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

// splitKey splits a key at its last dot into the section and the last part.
func splitKey(key string) (section, leaf string) {
	i := strings.LastIndexByte(key, '.')
	if i < 0 {
		return "", key
	}
	return key[:i], key[i+1:]
}
