package extract

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// decodeText turns the bytes of a text-like file (.txt, .md, .html) into a UTF-8 string:
// it strips a byte order mark, decodes UTF-16 when a BOM says so, reads invalid UTF-8 as
// Windows-1252 (which covers Latin-1), and repairs double-encoded UTF-8 ("LaÃ§in").
// The warnings say what was repaired, in Dutch.
func decodeText(data []byte) (string, []string, error) {
	var warnings []string
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", nil, skip("tekst in UTF-16 kan niet worden gelezen", fmt.Errorf("decode utf-16: %w", err))
		}
		data = bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))
	}
	if looksBinary(data) {
		return "", nil, skip("bestand lijkt geen tekst te zijn (binaire inhoud)", nil)
	}
	var s string
	if utf8.Valid(data) {
		s = string(data)
	} else {
		out, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return "", nil, skip("tekencodering kan niet worden gelezen", fmt.Errorf("decode windows-1252: %w", err))
		}
		s = string(out)
		warnings = append(warnings, "tekst was geen UTF-8 en is gelezen als Windows-1252 (Latin-1)")
	}
	if fixed, n := repairMojibake(s); n > 0 {
		s = fixed
		warnings = append(warnings, fmt.Sprintf("%d dubbel gecodeerde tekens hersteld (zoals Ã© → é)", n))
	}
	return s, warnings, nil
}

// looksBinary reports whether data has NUL bytes in its first 8 kB, which text never has.
func looksBinary(data []byte) bool {
	if len(data) > 8192 {
		data = data[:8192]
	}
	return bytes.IndexByte(data, 0) >= 0
}

// cp1252Byte maps a rune to the Windows-1252 byte that would display as it, for runes
// outside ASCII. Runes U+0080–U+009F map to themselves, as a Latin-1 decoder leaves them.
func cp1252Byte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xff {
		return byte(r), true
	}
	b, ok := cp1252Specials[r]
	return b, ok
}

var cp1252Specials = func() map[rune]byte {
	m := make(map[rune]byte)
	for b := 0x80; b <= 0x9f; b++ {
		r := charmap.Windows1252.DecodeByte(byte(b))
		if r != utf8.RuneError && r != rune(b) {
			m[r] = byte(b)
		}
	}
	return m
}()

// repairMojibake reverses UTF-8 that was decoded as Windows-1252 or Latin-1 and encoded
// again ("LaÃ§in" → "Laçin", "â€™" → "’"). It works run by run: a run of non-ASCII runes
// that all have a Windows-1252 byte is turned back into bytes, and every valid multi-byte
// UTF-8 sequence found in those bytes replaces the runes it came from. It returns the
// number of characters repaired.
func repairMojibake(s string) (string, int) {
	if !mayBeMojibake(s) {
		return s, 0
	}
	return repairRuns(s)
}

// repairRuns is repairMojibake without its quick test.
func repairRuns(s string) (string, int) {
	var b strings.Builder
	fixed := 0
	runes := []rune(s)
	for i := 0; i < len(runes); {
		if runes[i] < 0x80 {
			b.WriteRune(runes[i])
			i++
			continue
		}
		// Collect a run of runes that map to single Windows-1252 bytes.
		j := i
		var raw []byte
		for j < len(runes) {
			c, ok := cp1252Byte(runes[j])
			if !ok {
				break
			}
			raw = append(raw, c)
			j++
		}
		if j == i { // not mappable: keep it
			b.WriteRune(runes[i])
			i++
			continue
		}
		for k := 0; k < len(raw); {
			r, size := utf8.DecodeRune(raw[k:])
			if size > 1 && r != utf8.RuneError && plausibleRepair(r) {
				b.WriteRune(r)
				fixed++
				k += size
				continue
			}
			b.WriteRune(runes[i+k])
			k++
		}
		i = j
	}
	if fixed == 0 {
		return s, 0
	}
	return b.String(), fixed
}

// mayBeMojibake reports whether s has a character that stands for the lead byte of a
// multi-byte UTF-8 sequence in Windows-1252 (Â to ô) followed by one that stands for a
// continuation byte (0x80–0xBF): repairMojibake can repair nothing else. Dutch text
// without mojibake has lead characters ("één", "ideeën") but not in such a pair.
func mayBeMojibake(s string) bool {
	lead := false
	for _, r := range s {
		if r < 0x80 {
			lead = false
			continue
		}
		c, ok := cp1252Byte(r)
		if lead && ok && c >= 0x80 && c <= 0xbf {
			return true
		}
		lead = ok && c >= 0xc2 && c <= 0xf4
	}
	return false
}

// plausibleRepair limits mojibake repair to the characters that Western text has:
// Latin-1 and Latin Extended-A letters, general punctuation, the euro and trade marks.
// This keeps legitimate pairs such as "É’" from being read as a rare code point.
func plausibleRepair(r rune) bool {
	switch {
	case r >= 0xa0 && r <= 0x17f, r >= 0x2010 && r <= 0x205f:
		return true
	}
	switch r {
	case 0x20ac, 0x2122, 0x0192, 0x02c6, 0x02dc:
		return true
	}
	return false
}
