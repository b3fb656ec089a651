// Package diag holds the positions and diagnostics that every step of the
// pipeline reports: they are collected, sorted by file and position, and
// printed in the compiler form "file:line:col: message", as JSON or as
// GitHub Actions workflow commands.
package diag

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Pos is a place in a content file. Line and Col count from 1; zero means
// the whole file.
type Pos struct {
	File string
	Line int
	Col  int
}

// String returns the position in the compiler form "file:line:col".
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells whether a diagnostic stops the build.
type Severity int

const (
	// Error stops the build: the content cannot be published as it is.
	Error Severity = iota
	// Warning is printed but does not stop the build, unless --strict.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the content.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
}

// String returns the diagnostic in compiler form; warnings say so after the
// position, errors do not.
func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Message
	}
	return d.Pos.String() + ": " + d.Message
}

// List collects diagnostics. The zero value is ready to use. It is not safe
// for concurrent use.
type List struct {
	items []Diagnostic
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Add appends diagnostics collected elsewhere.
func (l *List) Add(ds ...Diagnostic) {
	l.items = append(l.items, ds...)
}

// Items returns the diagnostics sorted by file, line, column and message,
// without repeats.
func (l *List) Items() []Diagnostic {
	slices.SortStableFunc(l.items, compare)
	l.items = slices.CompactFunc(l.items, func(a, b Diagnostic) bool { return a == b })
	return l.items
}

func compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Message, b.Message),
	)
}

// Count returns how many errors and warnings were recorded.
func (l *List) Count() (errors, warnings int) {
	for _, d := range l.Items() {
		if d.Severity == Warning {
			warnings++
		} else {
			errors++
		}
	}
	return errors, warnings
}

// HasErrors reports whether any error was recorded.
func (l *List) HasErrors() bool {
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Strict turns every warning into an error, for --strict.
func (l *List) Strict() {
	for i := range l.items {
		l.items[i].Severity = Error
	}
}

// MaxPrinted caps how many diagnostics WriteText prints, so that a folder of
// badly broken files does not bury the first, most useful messages.
const MaxPrinted = 500

// WriteText prints the diagnostics one per line in compiler form, then a
// count line such as "2 errors, 1 warning". It prints nothing when the list
// is empty.
func (l *List) WriteText(w io.Writer) error {
	items := l.Items()
	if len(items) == 0 {
		return nil
	}
	for i, d := range items {
		if i == MaxPrinted {
			if _, err := fmt.Fprintf(w, "... and %d more not shown\n", len(items)-MaxPrinted); err != nil {
				return err
			}
			break
		}
		if _, err := fmt.Fprintln(w, d.String()); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, l.Summary())
	return err
}

// Summary returns the count line: "1 error, 2 warnings".
func (l *List) Summary() string {
	errs, warns := l.Count()
	return Plural(errs, "error", "errors") + ", " + Plural(warns, "warning", "warnings")
}

// Plural formats n with the singular or plural noun.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

type jsonDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

type jsonReport struct {
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Errors      int              `json:"errors"`
	Warnings    int              `json:"warnings"`
}

// WriteJSON prints all diagnostics as one JSON object, for editors and CI
// tools: {"diagnostics":[{"file","line","column","severity","message"}],
// "errors":N,"warnings":N}.
func (l *List) WriteJSON(w io.Writer) error {
	report := jsonReport{Diagnostics: []jsonDiagnostic{}}
	for _, d := range l.Items() {
		report.Diagnostics = append(report.Diagnostics, jsonDiagnostic{
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
			Severity: d.Severity.String(), Message: d.Message,
		})
	}
	report.Errors, report.Warnings = l.Count()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(report)
}

// WriteGitHub prints the diagnostics as GitHub Actions workflow commands,
// which GitHub shows as annotations on the lines of a pull request:
//
//	::error file=content/units/x.yaml,line=3,col=7::message
//	::warning file=content/site.yaml::message
//
// one per line (a diagnostic of a whole file has no line and col), then
// the count line as plain text. Values are escaped as GitHub reads them
// back. Like WriteText, it prints at most MaxPrinted diagnostics.
func (l *List) WriteGitHub(w io.Writer) error {
	items := l.Items()
	for i, d := range items {
		if i == MaxPrinted {
			if _, err := fmt.Fprintf(w, "... and %d more not shown\n", len(items)-MaxPrinted); err != nil {
				return err
			}
			break
		}
		props := "file=" + githubProperty.Replace(d.Pos.File)
		if d.Pos.Line > 0 {
			props += fmt.Sprintf(",line=%d,col=%d", d.Pos.Line, d.Pos.Col)
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, props, githubData.Replace(d.Message)); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, l.Summary())
	return err
}

// githubData and githubProperty escape the message and the property
// values of a workflow command, as GitHub's own toolkit does (escapeData
// and escapeProperty in @actions/core), so that a line break, a "%" or,
// in a value, a "," or ":" cannot end the value or the command early.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
