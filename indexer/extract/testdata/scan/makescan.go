//go:build ignore

// makescan writes the scanned-PDF test files of this folder:
//
//   - gescand-verslag.pdf: scan-bron.fodt printed to PDF by LibreOffice, rendered to a
//     greyscale image at 200 dpi by pdftoppm, and rebuilt as a PDF that holds only that
//     image (JPEG), as a scanner writes it. It needs soffice and pdftoppm.
//
//   - blanco-1000.pdf: 1000 pages that each show the same white image: a scan of
//     empty pages.
//
//     go run makescan.go
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	_ "image/png"
	"log"
	"os"
	"os/exec"
	"path/filepath"
)

func main() {
	tmp, err := os.MkdirTemp("", "makescan-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	run("soffice", "-env:UserInstallation=file://"+filepath.ToSlash(tmp)+"/profile", "--headless", "--convert-to", "pdf", "--outdir", tmp, "scan-bron.fodt")
	run("pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", filepath.Join(tmp, "scan-bron.pdf"), filepath.Join(tmp, "page"))
	f, err := os.Open(filepath.Join(tmp, "page.png"))
	if err != nil {
		log.Fatal(err)
	}
	img, _, err := image.Decode(f)
	if err != nil {
		log.Fatal(err)
	}
	// One grey channel, as the PDF's /DeviceGray says.
	gray := image.NewGray(img.Bounds())
	draw.Draw(gray, gray.Bounds(), img, img.Bounds().Min, draw.Src)
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, gray, &jpeg.Options{Quality: 60}); err != nil {
		log.Fatal(err)
	}
	b := img.Bounds()
	write("gescand-verslag.pdf", imagePDF(1, jpg.Bytes(), b.Dx(), b.Dy(), "/DCTDecode"))
	write("blanco-1000.pdf", imagePDF(1000, []byte{0xff}, 1, 1, ""))
}

// imagePDF writes a PDF of n A4 pages that each show the same greyscale image.
func imagePDF(n int, data []byte, w, h int, filter string) []byte {
	var buf bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			buf.WriteString("\nstream\n")
			buf.Write(stream)
			buf.WriteString("\nendstream")
		}
		buf.WriteString("\nendobj\n")
	}
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	// 1 catalog, 2 pages, 3 image, 4 content, then the pages.
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	kids := ""
	for i := range n {
		kids += fmt.Sprintf("%d 0 R ", 5+i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", n, kids), nil)
	f := ""
	if filter != "" {
		f = " /Filter " + filter
	}
	obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8%s /Length %d >>", w, h, f, len(data)), data)
	content := []byte("q 595 0 0 842 0 0 cm /Im0 Do Q")
	obj(fmt.Sprintf("<< /Length %d >>", len(content)), content)
	for range n {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 3 0 R >> >> /Contents 4 0 R >>", nil)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return buf.Bytes()
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("%s: %v", name, err)
	}
}

func write(name string, data []byte) {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		log.Fatal(err)
	}
}
