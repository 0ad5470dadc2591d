package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// pdfWallFactor times the CPU budget is the wall time after which a PDF child that
// waits without using CPU is stopped.
const pdfWallFactor = 10

// cpuLimitExit is the exit code of a PDF child that reached its CPU budget, and
// cpuLimitNote what it writes to its standard error then.
const (
	cpuLimitExit = 86
	cpuLimitNote = "extract child: CPU time limit reached"
)

// cpuSlack is how much short of its CPU budget a killed child may have been measured
// and still count as stopped by that budget (the kernel checks it at a clock tick).
const cpuSlack = 200 * time.Millisecond

// usedCPU is the CPU time a finished process used.
func usedCPU(ps *os.ProcessState) time.Duration {
	if ps == nil {
		return 0
	}
	return ps.UserTime() + ps.SystemTime()
}

// Caps on what the parent reads from the child.
const (
	maxChildStdout = maxTextBytes*2 + 1<<20 // JSON escaping can double the text
	maxChildStderr = 64 << 10
)

// extractPDF runs the PDF child process on data and maps every outcome to a Document
// or a *SkipError. Only a cancelled ctx or a failure to start the child give other
// errors.
func extractPDF(ctx context.Context, data []byte, opts Options) (Document, error) {
	exe, err := os.Executable()
	if err != nil {
		return Document{}, fmt.Errorf("extract pdf: find executable: %w", err)
	}
	cpuSeconds := int64((opts.PDFTimeout + time.Second - 1) / time.Second)
	runCtx, cancel := context.WithTimeout(ctx, pdfWallFactor*time.Duration(cpuSeconds)*time.Second)
	defer cancel()

	cmd := exec.CommandContext(runCtx, exe)
	cmd.Env = append(os.Environ(),
		ChildEnv+"=pdf",
		childMemEnv+"="+strconv.FormatInt(opts.PDFMemoryLimit, 10),
		childCPUEnv+"="+strconv.FormatInt(cpuSeconds, 10),
		"GOMAXPROCS=1",
		// A race-enabled build otherwise sleeps a second at exit; other builds ignore it.
		"GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"),
	)
	cmd.Stdin = bytes.NewReader(data)
	stdout := &capWriter{max: maxChildStdout}
	stderr := &capWriter{max: maxChildStderr}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.WaitDelay = 2 * time.Second
	configureChild(cmd)

	start := time.Now()
	runErr := cmd.Run()
	elapsed := time.Since(start)

	if ctx.Err() != nil {
		return Document{}, fmt.Errorf("extract pdf: %w", ctx.Err())
	}
	if errors.Is(runCtx.Err(), context.DeadlineExceeded) {
		return Document{}, skip(fmt.Sprintf("PDF-verwerking duurde te lang (meer dan %s)", seconds(pdfWallFactor*time.Duration(cpuSeconds)*time.Second)),
			fmt.Errorf("pdf child killed after %v", elapsed.Round(time.Millisecond)))
	}
	errText := strings.TrimSpace(stderr.String())
	if runErr != nil {
		var exitErr *exec.ExitError
		if !errors.As(runErr, &exitErr) {
			return Document{}, fmt.Errorf("extract pdf: run child: %w", runErr)
		}
		if exitErr.ExitCode() == cpuLimitExit ||
			killedBySignal(exitErr) && usedCPU(cmd.ProcessState) >= time.Duration(cpuSeconds)*time.Second-cpuSlack {
			return Document{}, skip(fmt.Sprintf("PDF-verwerking duurde te lang (meer dan %s rekentijd)", seconds(opts.PDFTimeout)),
				fmt.Errorf("pdf child stopped at its CPU limit after %v", elapsed.Round(time.Millisecond)))
		}
		if outOfMemory(errText) || killedBySignal(exitErr) {
			return Document{}, skip("PDF-verwerking gebruikte te veel geheugen",
				fmt.Errorf("pdf child: %s", lastLines(errText, 3)))
		}
		return Document{}, skip("PDF is beschadigd: de verwerking brak onverwacht af",
			fmt.Errorf("pdf child: %v: %s", runErr, lastLines(errText, 3)))
	}
	if stdout.overflow {
		return Document{}, skip("PDF levert te veel tekst op", nil)
	}
	var res childResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return Document{}, skip("PDF is beschadigd: de verwerking gaf geen leesbaar resultaat",
			fmt.Errorf("decode pdf child result: %w", err))
	}
	return pdfResult(res)
}

// pdfResult maps the child's result to a Document or a *SkipError.
func pdfResult(res childResult) (Document, error) {
	cause := errors.New(res.Detail)
	switch res.Kind {
	case kindOK:
	case kindNotPDF:
		return Document{}, skip("geen PDF-bestand (de kop %PDF ontbreekt)", cause)
	case kindEncrypted:
		return Document{}, skip("PDF is versleuteld en kan zonder wachtwoord niet worden gelezen", cause)
	case kindUnsupportedEncryption:
		return Document{}, skip("PDF is versleuteld op een manier die niet wordt ondersteund (zoals AES-256)", cause)
	case kindNoText:
		return Document{}, skip(fmt.Sprintf("PDF bevat geen tekst (%d %s); is het een scan?", res.Pages, plural(res.Pages, "pagina", "pagina's")), errNoText)
	case kindTooMuchText:
		return Document{}, skip("PDF levert te veel tekst op", nil)
	case kindDamaged:
		return Document{}, skip("PDF is beschadigd: "+damageReason(res.Detail), cause)
	default:
		return Document{}, skip("PDF is beschadigd: onbekende uitkomst van de verwerking", fmt.Errorf("pdf child kind %q", res.Kind))
	}
	doc := Document{}
	if res.Repaired != "" {
		doc.Warnings = append(doc.Warnings, "PDF hersteld bij het lezen: "+res.Repaired)
	}
	if res.BadPages > 0 {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("%d van %d pagina's konden niet worden gelezen", res.BadPages, res.Pages))
	}
	if res.Positions {
		doc.Warnings = append(doc.Warnings, "spaties tussen woorden zijn afgeleid uit de posities in de PDF; controleer de tekst")
	}
	doc = finish(doc, res.Text)
	if strings.TrimSpace(doc.Text) == "" {
		return Document{}, skip(fmt.Sprintf("PDF bevat geen tekst (%d %s); is het een scan?", res.Pages, plural(res.Pages, "pagina", "pagina's")), errNoText)
	}
	if per := len([]rune(doc.Text)) / max(res.Pages, 1); res.Pages > 1 && per < 50 {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("weinig tekst per pagina (%d tekens); misschien deels gescand", per))
	}
	return doc, nil
}

// damageReason turns a library error into a short Dutch description.
func damageReason(detail string) string {
	d := strings.ToLower(detail)
	switch {
	case strings.Contains(d, "lzw"), strings.Contains(d, "asciihex"), strings.Contains(d, "unknown filter"):
		return "de PDF gebruikt een compressie die niet wordt ondersteund"
	case strings.Contains(d, "xref"), strings.Contains(d, "startxref"), strings.Contains(d, "trailer"),
		strings.Contains(d, "%%eof"), strings.Contains(d, "missing %"):
		return "de inhoudstabel (xref) van het bestand is ongeldig"
	case strings.Contains(d, "no pages"):
		return "er zijn geen pagina's gevonden"
	case strings.Contains(d, "stack exceeds"), strings.Contains(d, "panic"):
		return "de inhoud kan niet worden gelezen (interne fout bij het lezen)"
	}
	return "de inhoud kan niet worden gelezen"
}

func outOfMemory(stderr string) bool {
	s := strings.ToLower(stderr)
	return strings.Contains(s, "out of memory") || strings.Contains(s, "cannot allocate memory") ||
		strings.Contains(s, "memory limit")
}

func seconds(d time.Duration) string {
	if d%time.Second == 0 {
		return fmt.Sprintf("%d s", int(d/time.Second))
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	// Go's fatal errors put the reason first; keep it and the end of the trace short.
	if len(lines) > n {
		for _, l := range lines {
			if strings.HasPrefix(l, "fatal error:") || strings.HasPrefix(l, "runtime:") || strings.HasPrefix(l, "panic:") {
				return l
			}
		}
		lines = lines[:n]
	}
	return strings.Join(lines, " | ")
}

// capWriter keeps at most max bytes of what is written to it. It never fails a write,
// so the child is not blocked or killed by a full pipe.
type capWriter struct {
	buf      bytes.Buffer
	max      int
	overflow bool
}

func (w *capWriter) Write(p []byte) (int, error) {
	room := w.max - w.buf.Len()
	if len(p) > room {
		w.overflow = true
		if room > 0 {
			w.buf.Write(p[:room])
		}
		return len(p), nil
	}
	w.buf.Write(p)
	return len(p), nil
}

func (w *capWriter) Bytes() []byte  { return w.buf.Bytes() }
func (w *capWriter) String() string { return w.buf.String() }

var _ io.Writer = (*capWriter)(nil)
