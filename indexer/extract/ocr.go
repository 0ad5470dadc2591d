package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// errNoText marks the skip of a PDF that holds no text: a scan, which OCR may read.
var errNoText = errors.New("pdf holds no text")

// OCROptions tune the reading of scanned PDFs with pdftoppm (Poppler) and Tesseract.
// The zero value gives the defaults.
//
// Every program runs as a child process in its own process group, limited in CPU time
// (RLIMIT_CPU) and address space (RLIMIT_AS); a busy machine makes OCR slower, never
// fail. A cancelled context stops it.
type OCROptions struct {
	// Off turns OCR off: a PDF without text is skipped with the PDF reader's reason.
	Off bool
	// PageCPU bounds the CPU time of rendering one page and of recognising it, each
	// (default 60 s).
	PageCPU time.Duration
	// TotalCPU bounds the CPU time of all pages of one file (default 10 min); the pages
	// read by then are kept, with a warning.
	TotalCPU time.Duration
	// MemoryLimit bounds the address space of each child (default 1 GiB).
	MemoryLimit int64
	// MaxPages is how many pages of one scan are read (default 40); the rest is left
	// out with a warning.
	MaxPages int
	// BlankPages: when this many first pages give no text, the file is skipped as a
	// scan without readable text (default 8).
	BlankPages int
	// Language is Tesseract's language model (default "nld").
	Language string
	// DPI is the resolution pages are rendered at (default 300).
	DPI int
}

func (o OCROptions) withDefaults() OCROptions {
	if o.PageCPU <= 0 {
		o.PageCPU = 60 * time.Second
	}
	if o.TotalCPU <= 0 {
		o.TotalCPU = 10 * time.Minute
	}
	if o.MemoryLimit <= 0 {
		o.MemoryLimit = 1 << 30
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 40
	}
	if o.BlankPages <= 0 {
		o.BlankPages = 8
	}
	if o.Language == "" {
		o.Language = "nld"
	}
	if o.DPI <= 0 {
		o.DPI = 300
	}
	return o
}

// maxRenderPixels bounds the width and the height of a rendered page (pdftoppm crops
// beyond it), against pages of absurd size.
const maxRenderPixels = 6000

// OCRWarning is the warning every report read by OCR carries.
const OCRWarning = "tekst verkregen met OCR (tekstherkenning op een gescande PDF); herkenningsfouten zijn mogelijk"

// howToEnableOCR says what to install, for reasons shown to the operator.
const howToEnableOCR = "installeer Tesseract met het Nederlandse taalmodel en Poppler " +
	"(Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-nld poppler-utils) en lees de map opnieuw in"

// OCRTools reports whether the programs for OCR are installed (tesseract with the
// language model, pdftoppm, pdfinfo); when not, missing says what is missing.
func OCRTools(language string) (ok bool, missing string) {
	if language == "" {
		language = "nld"
	}
	for _, prog := range []string{"tesseract", "pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(prog); err != nil {
			return false, prog
		}
	}
	if !hasLanguage(language) {
		return false, "het taalmodel " + language + " van Tesseract"
	}
	return true, ""
}

var (
	langOnce sync.Once
	langs    map[string]bool
)

func hasLanguage(lang string) bool {
	langOnce.Do(func() {
		langs = map[string]bool{}
		out, err := exec.Command("tesseract", "--list-langs").CombinedOutput()
		if err != nil {
			return
		}
		for _, l := range strings.Fields(string(out)) {
			langs[l] = true
		}
	})
	return langs[lang]
}

// extractScan reads a PDF without text by OCR. noText is the skip that the PDF reader
// gave; it is returned, with how to enable OCR, when the programs are missing.
func extractScan(ctx context.Context, data []byte, o OCROptions, noText error) (Document, error) {
	if o.Off {
		return Document{}, noText
	}
	o = o.withDefaults()
	var se *SkipError
	reason := "PDF bevat geen tekst"
	if errors.As(noText, &se) {
		reason = strings.TrimSuffix(se.Reason, "; is het een scan?")
	}
	if ok, missing := OCRTools(o.Language); !ok {
		return Document{}, skip(reason+"; het is waarschijnlijk een scan, maar OCR is niet beschikbaar ("+missing+
			" ontbreekt): "+howToEnableOCR, noText)
	}
	dir, err := os.MkdirTemp("", "kennisbank-ocr-")
	if err != nil {
		return Document{}, fmt.Errorf("extract ocr: %w", err)
	}
	defer os.RemoveAll(dir)
	pdfPath := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(pdfPath, data, 0o600); err != nil {
		return Document{}, fmt.Errorf("extract ocr: %w", err)
	}

	var used time.Duration
	info, cpu, err := runLimited(ctx, o.PageCPU, o.MemoryLimit, "pdfinfo", pdfPath)
	used += cpu
	if err != nil {
		return Document{}, ocrError(ctx, "pdfinfo", 0, o, err)
	}
	pages := pdfPages(info)
	if pages <= 0 {
		return Document{}, skip(reason+"; ook OCR vindt geen pagina's", nil)
	}

	doc := Document{Warnings: []string{OCRWarning}}
	var (
		text  strings.Builder
		read  int
		blank int
	)
	for page := 1; page <= min(pages, o.MaxPages); page++ {
		if used >= o.TotalCPU {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("OCR gestopt na %d van %d pagina's: de rekentijd van %s is op", read, pages, seconds(o.TotalCPU)))
			break
		}
		img := filepath.Join(dir, "page")
		_, cpu, err := runLimited(ctx, o.PageCPU, o.MemoryLimit, "pdftoppm",
			"-r", strconv.Itoa(o.DPI), "-gray", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page),
			"-x", "0", "-y", "0", "-W", strconv.Itoa(maxRenderPixels), "-H", strconv.Itoa(maxRenderPixels),
			"-singlefile", pdfPath, img)
		used += cpu
		if err != nil {
			return Document{}, ocrError(ctx, "pdftoppm", page, o, err)
		}
		out, cpu, err := runLimited(ctx, o.PageCPU, o.MemoryLimit, "tesseract", img+".pgm", "stdout", "-l", o.Language)
		used += cpu
		os.Remove(img + ".pgm")
		if err != nil {
			return Document{}, ocrError(ctx, "tesseract", page, o, err)
		}
		read++
		pageText := strings.TrimSpace(string(out))
		if pageText == "" {
			blank++
			if blank == read && blank >= o.BlankPages {
				return Document{}, skip(fmt.Sprintf("%s en OCR vindt geen tekst op de eerste %d pagina's; is de scan leeg?", reason, blank), nil)
			}
			continue
		}
		if text.Len() > 0 {
			text.WriteString("\n\n")
		}
		text.WriteString(pageText)
		if text.Len() > maxTextBytes {
			return Document{}, skip("OCR levert te veel tekst op", nil)
		}
	}
	if pages > o.MaxPages {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("alleen de eerste %d van %d pagina's zijn met OCR gelezen", o.MaxPages, pages))
	}
	doc = finish(doc, text.String())
	if strings.TrimSpace(doc.Text) == "" {
		return Document{}, skip(reason+" en OCR vindt er ook geen; is de scan leeg?", nil)
	}
	doc.OCR = true
	return doc, nil
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// pdfPages reads the page count from pdfinfo's output.
func pdfPages(info []byte) int {
	if m := pagesLine.FindSubmatch(info); m != nil {
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	return 0
}

// errCPULimit and errMemoryLimit say why a child was stopped.
var (
	errCPULimit    = errors.New("cpu time limit reached")
	errMemoryLimit = errors.New("memory limit reached")
)

// ocrError maps the failure of an OCR child to a *SkipError, or passes on a
// cancelled context.
func ocrError(ctx context.Context, prog string, page int, o OCROptions, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("extract ocr: %w", ctx.Err())
	}
	where := "de scan"
	if page > 0 {
		where = fmt.Sprintf("pagina %d van de scan", page)
	}
	switch {
	case errors.Is(err, errCPULimit):
		return skip(fmt.Sprintf("OCR van %s duurde te lang (meer dan %s rekentijd)", where, seconds(o.PageCPU)), fmt.Errorf("%s: %w", prog, err))
	case errors.Is(err, errMemoryLimit):
		return skip(fmt.Sprintf("OCR van %s gebruikte te veel geheugen (meer dan %s)", where, humanSize(o.MemoryLimit)), fmt.Errorf("%s: %w", prog, err))
	}
	return skip(fmt.Sprintf("OCR van %s mislukte; de PDF is mogelijk beschadigd", where), fmt.Errorf("%s: %w", prog, err))
}

// runLimited runs prog with args under the CPU and memory limits and returns its
// standard output (at most maxChildStdout bytes) and the CPU time it used.
func runLimited(ctx context.Context, cpu time.Duration, mem int64, prog string, args ...string) ([]byte, time.Duration, error) {
	cmd := exec.CommandContext(ctx, prog, args...)
	// One thread: the machine is shared, and the CPU limit counts every thread.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	stdout := &capWriter{max: maxChildStdout}
	stderr := &capWriter{max: maxChildStderr}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = 2 * time.Second
	configureChild(cmd)
	if err := cmd.Start(); err != nil {
		return nil, 0, fmt.Errorf("start %s: %w", prog, err)
	}
	if err := limitProcess(cmd.Process.Pid, cpu, mem); err != nil {
		_ = cmd.Cancel()
		_ = cmd.Wait()
		return nil, 0, fmt.Errorf("limit %s: %w", prog, err)
	}
	err := cmd.Wait()
	var used time.Duration
	if cmd.ProcessState != nil {
		used = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	if err != nil {
		var exitErr *exec.ExitError
		switch {
		case ctx.Err() != nil:
			return nil, used, ctx.Err()
		case errors.As(err, &exitErr) && cpuLimited(exitErr):
			return nil, used, errCPULimit
		case outOfMemory(stderr.String()) || bytes.Contains(stderr.Bytes(), []byte("bad_alloc")):
			return nil, used, errMemoryLimit
		}
		return nil, used, fmt.Errorf("%w: %s", err, lastLines(strings.TrimSpace(stderr.String()), 3))
	}
	if stdout.overflow {
		return nil, used, errors.New("too much output")
	}
	return stdout.Bytes(), used, nil
}
