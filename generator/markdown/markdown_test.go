package markdown

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/*.txt from the current output")

// TestCases runs the cases in testdata/*.txt. Each file holds sections
// "-- <case>.<ext> --": .md is the input; .opts sets options as key=value
// words (root, offset, prefix, max); .html is the expected Render output,
// .txt the expected PlainText, .check the expected Check problems, one a line.
func TestCases(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files in testdata: %v", err)
	}
	m := New()
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		comment, sections := splitSections(string(data))
		for i, s := range sections {
			name, ext, _ := strings.Cut(s.name, ".")
			if ext == "md" || ext == "opts" {
				continue
			}
			src, ok := findSection(sections, name+".md")
			if !ok {
				t.Errorf("%s: %s has no %s.md", file, s.name, name)
				continue
			}
			optText, _ := findSection(sections, name+".opts")
			opt, max := parseOptions(t, optText)
			var got string
			switch ext {
			case "html":
				h, err := m.Render([]byte(src), opt)
				if err != nil {
					t.Fatal(err)
				}
				got = string(h)
			case "txt":
				got = m.PlainText([]byte(src), max) + "\n"
			case "check":
				for _, p := range m.Check([]byte(src)) {
					got += p.String() + "\n"
				}
			default:
				t.Errorf("%s: section %s: unknown kind %q", file, s.name, ext)
				continue
			}
			t.Run(filepath.Base(file)+"/"+s.name, func(t *testing.T) {
				if got != s.data {
					t.Errorf("input:\n%s\ngot:\n%s\nwant:\n%s", src, got, s.data)
				}
			})
			sections[i].data = got
		}
		if *update {
			if err := os.WriteFile(file, []byte(joinSections(comment, sections)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

type section struct{ name, data string }

// splitSections reads the txtar-like case format: a comment, then sections
// each opened by a line "-- name --".
func splitSections(data string) (string, []section) {
	var comment strings.Builder
	var sections []section
	for line := range strings.SplitAfterSeq(data, "\n") {
		trimmed := strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			sections = append(sections, section{name: trimmed[3 : len(trimmed)-3]})
			continue
		}
		if len(sections) == 0 {
			comment.WriteString(line)
		} else {
			sections[len(sections)-1].data += line
		}
	}
	return comment.String(), sections
}

func joinSections(comment string, sections []section) string {
	var b strings.Builder
	b.WriteString(comment)
	for _, s := range sections {
		fmt.Fprintf(&b, "-- %s --\n%s", s.name, s.data)
	}
	return b.String()
}

func findSection(sections []section, name string) (string, bool) {
	for _, s := range sections {
		if s.name == name {
			return s.data, true
		}
	}
	return "", false
}

func parseOptions(t *testing.T, text string) (Options, int) {
	var opt Options
	max := 0
	for _, word := range strings.Fields(text) {
		key, value, _ := strings.Cut(word, "=")
		var err error
		switch key {
		case "root":
			opt.Root = value
		case "prefix":
			opt.IDPrefix = value
		case "offset":
			opt.HeadingOffset, err = strconv.Atoi(value)
		case "max":
			max, err = strconv.Atoi(value)
		default:
			err = fmt.Errorf("unknown option")
		}
		if err != nil {
			t.Fatalf("option %q: %v", word, err)
		}
	}
	return opt, max
}

// TestJudge covers addresses that a case file cannot hold comfortably:
// control characters and other bytes a browser strips or trips on.
func TestJudge(t *testing.T) {
	tests := []struct {
		in   string
		kind destKind
		url  string
	}{
		{"https://example.org/a?b=1&c=2", destExternal, "https://example.org/a?b=1&c=2"},
		{"HTTPS://EXAMPLE.ORG", destExternal, "HTTPS://EXAMPLE.ORG"},
		{"mailto:office@example.org", destExternal, "mailto:office@example.org"},
		{"#results", destFragment, "#results"},
		{"units/centre-a", destLocal, "units/centre-a"},
		{"./units/./centre-a/", destLocal, "units/centre-a"},
		{"units/x/../centre-a", destLocal, "units/centre-a"},
		{"media/a%20b.jpg", destLocal, "media/a%20b.jpg"},
		{"java\tscript:alert(1)", destDropped, ""},
		{"java\nscript:alert(1)", destDropped, ""},
		{"java\rscript:alert(1)", destDropped, ""},
		{"\x00javascript:alert(1)", destDropped, ""},
		{"\x01javascript:alert(1)", destDropped, ""},
		{" \x1f javascript:alert(1)", destDropped, ""},
		{"\u00a0javascript:alert(1)", destDropped, ""},
		{"\ufeffjavascript:alert(1)", destDropped, ""},
		{"javascript\x00:alert(1)", destDropped, ""},
		{"jav\x7fascript:alert(1)", destDropped, ""},
		{"JAVASCRIPT:alert(1)", destDropped, ""},
		{"vbscript:msgbox(1)", destDropped, ""},
		{"data:text/html;base64,PHNjcmlwdD4=", destDropped, ""},
		{"data:image/png;base64,iVBORw0KGgo=", destDropped, ""},
		{"file:///etc/passwd", destDropped, ""},
		{"ftp://example.org/", destDropped, ""},
		{"http:example.org", destDropped, ""},
		{"https:/example.org", destDropped, ""},
		{"https:///example.org", destDropped, ""},
		{"https:", destDropped, ""},
		{"mailto:", destDropped, ""},
		{"//evil.example/x", destDropped, ""},
		{`\\evil.example/x`, destDropped, ""},
		{`/\evil.example/x`, destDropped, ""},
		{"/etc/passwd", destDropped, ""},
		{"../x", destDropped, ""},
		{"units/../../x", destDropped, ""},
		{"%2e%2e/x", destDropped, ""},
		{"units/%2E%2e/%2e./x", destDropped, ""},
		{`units\..\..\x`, destDropped, ""},
		{"units/%5c..%5cx", destDropped, ""},
		{"units/%2f..%2f..%2fx", destDropped, ""},
		{"units/%zz", destDropped, ""},
		{"?page=2", destDropped, ""},
		{"", destDropped, ""},
		{"   ", destDropped, ""},
		{"a:b/c", destDropped, ""},
		{"1abc:x", destDropped, ""},
		{"javascript%3Aalert(1)", destDropped, ""},
		{"./x/../javascript%3aalert(1)", destDropped, ""},
	}
	for _, tt := range tests {
		d := judge(tt.in)
		if d.kind != tt.kind || (tt.kind != destDropped && d.url != tt.url) {
			t.Errorf("judge(%q) = kind %d url %q (%s), want kind %d url %q", tt.in, d.kind, d.url, d.why, tt.kind, tt.url)
		}
		if d.kind == destDropped && d.why == "" {
			t.Errorf("judge(%q) drops without saying why", tt.in)
		}
	}
}

// TestConcurrentRender renders from many goroutines with one Renderer; run
// with -race. Every result must equal the one rendered alone.
func TestConcurrentRender(t *testing.T) {
	m := New()
	inputs := []struct {
		src string
		opt Options
	}{
		{"# Tổng kết năm 2023\n\n[x](units/a) ![p](media/p.jpg)\n", Options{Root: "../../", HeadingOffset: 1, IDPrefix: "a-"}},
		{"# Tổng kết năm 2023\n\n[x](units/a) ![p](media/p.jpg)\n", Options{Root: "../", HeadingOffset: 2, IDPrefix: "b-"}},
		{"## Plan\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n<script>alert(1)</script>\n", Options{}},
		{"[bad](javascript:alert(1)) <b>x</b> www.example.org\n", Options{Root: "../../../"}},
	}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		h, err := m.Render([]byte(in.src), in.opt)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = string(h)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				in := inputs[(g+i)%len(inputs)]
				h, err := m.Render([]byte(in.src), in.opt)
				if err != nil {
					t.Error(err)
					return
				}
				if string(h) != want[(g+i)%len(inputs)] {
					t.Errorf("concurrent render of %q differs:\n%s", in.src, h)
					return
				}
				_ = m.PlainText([]byte(in.src), 20)
				_ = m.Check([]byte(in.src))
			}
		})
	}
	wg.Wait()
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"short", 0, "short"},
		{"short", 5, "short"},
		{"two words", 8, "two…"},
		{"two words", 9, "two words"},
		{"supercalifragilistic", 6, "super…"},
		{"one, two three", 10, "one, two…"},
		{"one, two three", 7, "one…"},
		{"Tổng kết năm 2023", 9, "Tổng kết…"},
		{"abc", 1, "…"},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.max); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

// TestCleanSource checks bytes a case file cannot hold: NUL and invalid
// UTF-8 become U+FFFD, in text and in raw HTML alike.
func TestCleanSource(t *testing.T) {
	m := New()
	got, err := m.Render([]byte("A \x00 b \xff <b\x00>\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>A \uFFFD b \uFFFD &lt;b\uFFFD&gt;</p>\n"
	if string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMaxSize(t *testing.T) {
	m := New()
	long := []byte(strings.Repeat("word ", MaxSize/5+1))
	if _, err := m.Render(long, Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Render of %d bytes: err = %v, want ErrTooLarge", len(long), err)
	}
	if p := m.Check(long); len(p) != 1 || !strings.Contains(p[0].Message, "more than the 128 KiB allowed") {
		t.Errorf("Check of %d bytes = %v", len(long), p)
	}
	if got := m.PlainText(long, 10); got != "word word…" {
		t.Errorf("PlainText = %q", got)
	}
	if _, err := m.Render(long[:MaxSize], Options{}); err != nil {
		t.Errorf("Render of exactly MaxSize bytes: %v", err)
	}
}

// BenchmarkRender renders a narrative of the example site's size.
func BenchmarkRender(b *testing.B) {
	m := New()
	src := []byte(strings.Repeat("## Tổng kết năm 2023\n\nThe bloc donated **85 books** to [Centre A](units/centre-a) and "+
		"![shelf](media/shelf.jpg) 4,200,000 VND.\n\n| Unit | Books |\n|---|--:|\n| A | 85 |\n\n", 5))
	opt := Options{Root: "../../", HeadingOffset: 1, IDPrefix: "narrative-"}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := m.Render(src, opt); err != nil {
			b.Fatal(err)
		}
	}
}
