//go:build ignore

// makemail writes the .eml test files of this folder: an invented report sent round as
// a mail with an HTML and a plain part, a quoted reply, a signature and attachments
// (one of them ../office/libreoffice-verslag.docx), and broken or hostile messages.
//
//	go run makemail.go
package main

import (
	"encoding/base64"
	"fmt"
	"log"
	"os"
	"strings"
)

func main() {
	docx, err := os.ReadFile("../office/libreoffice-verslag.docx")
	if err != nil {
		log.Fatal(err)
	}
	write("verslag-met-bijlage.eml", reportMail(docx))
	write("veel-bijlagen.eml", manyAttachments(500))
	write("kapot.eml", "From: secretariaat@example.nl\r\nSubject: Verslag\r\nMIME-Version: 1.0\r\n"+
		"Content-Type: multipart/mixed; boundary=\"zzz\"\r\n\r\n--zzz\r\nContent-Type: text/plain; charset=utf-8\r\n"+
		"Content-Transfer-Encoding: base64\r\n\r\n!!!dit is geen base64###\r\n--zzz\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\n"+
		"Content-Disposition: attachment; filename=\"a.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n")
	write("geen-mail.eml", "Dit is een gewone tekst zonder kopregels.\n\nNiets om te lezen als e-mail.\n")
}

func reportMail(docx []byte) string {
	plain := `Beste leden van de werkgroep,

Hierbij het verslag van het overleg Armoede en Schulden van maandag 8 februari 2021.

Aanwezig: Fatima Benali (voorzitter), Henk Vos, Lotte Smit

Henk Vos vertelt dat het aantal aanmeldingen bij de voedselbank is gestegen.
Lotte Smit stelt voor de energietoeslag actiever onder de aandacht te brengen.

Met vriendelijke groet,
Fatima Benali
-- 
Gemeente Voorbeeldstad | Team Sociaal Domein

Op vr 5 feb. 2021 om 09:12 schreef Henk Vos <h.vos@example.nl>:
> Kun je het verslag rondsturen?
`
	htmlPart := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<div dir="ltr"><p>Beste leden van de werkgroep,</p>
<p>Hierbij het verslag van het overleg Armoede en Schulden van maandag 8 februari 2021.</p>
<h2>Aanwezig</h2><p>Fatima Benali (voorzitter), Henk Vos, Lotte Smit</p>
<h2>Voedselbank</h2><p>Henk Vos vertelt dat het aantal aanmeldingen bij de voedselbank is gestegen.</p>
<h2>Energietoeslag</h2><p>Lotte Smit stelt voor de energietoeslag actiever onder de aandacht te brengen.</p>
<p>Met vriendelijke groet,<br>Fatima Benali</p>
<div class="gmail_signature">Gemeente Voorbeeldstad | Team Sociaal Domein</div></div>
<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Op vr 5 feb. 2021 om 09:12 schreef Henk Vos &lt;h.vos@example.nl&gt;:<br></div>
<blockquote class="gmail_quote">Kun je het verslag rondsturen?</blockquote></div>
</body></html>`
	var b strings.Builder
	b.WriteString("Return-Path: <f.benali@example.nl>\r\n" +
		"From: Fatima Benali <f.benali@example.nl>\r\n" +
		"To: werkgroep-armoede@example.nl\r\n" +
		"Subject: =?UTF-8?Q?RE:_Verslag_overleg_Armoede_en_Schulden_=E2=80=93_februari?=\r\n" +
		"Date: Wed, 10 Feb 2021 14:03:11 +0100\r\n" +
		"Message-ID: <verslag-8feb@example.nl>\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"mixed-1\"\r\n\r\n" +
		"--mixed-1\r\nContent-Type: multipart/alternative; boundary=\"alt-1\"\r\n\r\n" +
		"--alt-1\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	b.WriteString(qp(plain))
	b.WriteString("\r\n--alt-1\r\nContent-Type: text/html; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	b.WriteString(qp(htmlPart))
	b.WriteString("\r\n--alt-1--\r\n")
	attach := func(name, ctype string, data []byte) {
		b.WriteString("--mixed-1\r\nContent-Type: " + ctype + "; name=\"" + name + "\"\r\n" +
			"Content-Disposition: attachment; filename=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
		enc := base64.StdEncoding.EncodeToString(data)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	}
	attach("Verslag klankbordgroep.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx)
	attach("begroting.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []byte("PK\x03\x04 niet echt"))
	b.WriteString("--mixed-1--\r\n")
	return b.String()
}

func manyAttachments(n int) string {
	var b strings.Builder
	b.WriteString("From: secretariaat@example.nl\r\nSubject: Alle stukken\r\nDate: Mon, 1 Mar 2021 10:00:00 +0100\r\n" +
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHierbij alle stukken voor de vergadering van de dorpsraad.\r\n")
	for i := range n {
		ext := ".txt"
		if i%2 == 1 {
			ext = ".bin"
		}
		fmt.Fprintf(&b, "--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"stuk-%d%s\"\r\n\r\nStuk %d van de dorpsraad.\r\n", i, ext, i)
	}
	b.WriteString("--b--\r\n")
	return b.String()
}

// qp encodes s as quoted-printable with CRLF line ends.
func qp(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		n := 0
		for i := 0; i < len(line); i++ {
			c := line[i]
			var enc string
			if c == '=' || c >= 0x7f || c < 0x20 && c != '\t' || c == ' ' && i == len(line)-1 {
				enc = fmt.Sprintf("=%02X", c)
			} else {
				enc = string(c)
			}
			if n+len(enc) > 75 {
				b.WriteString("=\r\n")
				n = 0
			}
			b.WriteString(enc)
			n += len(enc)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func write(name, data string) {
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		log.Fatal(err)
	}
}
