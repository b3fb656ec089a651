package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestItemsSortsByFileLineColumnAndDropsRepeats(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "content/units/b.yaml", Line: 3, Col: 1}, "b3")
	l.Warnf(Pos{File: "content/site.yaml", Line: 2, Col: 9}, "site 2:9")
	l.Errorf(Pos{File: "content/activities/x.yaml", Line: 10, Col: 5}, "x10")
	l.Errorf(Pos{File: "content/activities/x.yaml", Line: 2, Col: 7}, "x2:7")
	l.Errorf(Pos{File: "content/activities/x.yaml", Line: 2, Col: 3}, "x2:3")
	l.Errorf(Pos{File: "content/units/b.yaml"}, "b whole file")
	l.Errorf(Pos{File: "content/units/b.yaml", Line: 3, Col: 1}, "b3") // a repeat
	l.Warnf(Pos{File: "content/units/b.yaml", Line: 3, Col: 1}, "b3 warning")
	l.Errorf(Pos{File: "content/units/b.yaml", Line: 3, Col: 1}, "a3")

	var got []string
	for _, d := range l.Items() {
		got = append(got, d.String())
	}
	want := []string{
		"content/activities/x.yaml:2:3: x2:3",
		"content/activities/x.yaml:2:7: x2:7",
		"content/activities/x.yaml:10:5: x10", // by number, not as text
		"content/site.yaml:2:9: warning: site 2:9",
		"content/units/b.yaml: b whole file", // the whole file first
		"content/units/b.yaml:3:1: a3",       // errors before warnings, then by message
		"content/units/b.yaml:3:1: b3",
		"content/units/b.yaml:3:1: warning: b3 warning",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWriteTextEndsWithTheCountLine(t *testing.T) {
	tests := []struct {
		name  string
		fill  func(*List)
		want  string
		count string
	}{
		{"empty list prints nothing", func(*List) {}, "", "0 errors, 0 warnings"},
		{"one of each", func(l *List) {
			l.Warnf(Pos{File: "b.yaml", Line: 1, Col: 1}, "w")
			l.Errorf(Pos{File: "a.yaml", Line: 4, Col: 2}, "e")
		}, "a.yaml:4:2: e\nb.yaml:1:1: warning: w\n1 error, 1 warning\n", "1 error, 1 warning"},
		{"plurals", func(l *List) {
			l.Errorf(Pos{File: "a.yaml", Line: 1, Col: 1}, "e1")
			l.Errorf(Pos{File: "a.yaml", Line: 2, Col: 1}, "e2")
			l.Warnf(Pos{File: "a.yaml", Line: 3, Col: 1}, "w1")
			l.Warnf(Pos{File: "a.yaml", Line: 4, Col: 1}, "w2")
		}, "a.yaml:1:1: e1\na.yaml:2:1: e2\na.yaml:3:1: warning: w1\na.yaml:4:1: warning: w2\n2 errors, 2 warnings\n", "2 errors, 2 warnings"},
		{"only warnings", func(l *List) {
			l.Warnf(Pos{File: "a.yaml", Line: 3, Col: 1}, "w1")
		}, "a.yaml:3:1: warning: w1\n0 errors, 1 warning\n", "0 errors, 1 warning"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			tt.fill(&l)
			var buf bytes.Buffer
			if err := l.WriteText(&buf); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tt.want {
				t.Errorf("WriteText:\n%q\nwant:\n%q", buf.String(), tt.want)
			}
			if s := l.Summary(); s != tt.count {
				t.Errorf("Summary = %q, want %q", s, tt.count)
			}
		})
	}
}

func TestWriteTextCapsThePrintedLinesButCountsAll(t *testing.T) {
	var l List
	for i := range MaxPrinted + 20 {
		l.Errorf(Pos{File: "a.yaml", Line: i + 1, Col: 1}, "e")
	}
	l.Warnf(Pos{File: "z.yaml", Line: 1, Col: 1}, "last")
	var buf bytes.Buffer
	if err := l.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != MaxPrinted+2 {
		t.Fatalf("printed %d lines, want %d diagnostics, the rest line and the count line", len(lines), MaxPrinted+2)
	}
	if want := fmt.Sprintf("a.yaml:%d:1: e", MaxPrinted); lines[MaxPrinted-1] != want {
		t.Errorf("last diagnostic printed = %q, want %q", lines[MaxPrinted-1], want)
	}
	if want := "... and 21 more not shown"; lines[MaxPrinted] != want {
		t.Errorf("rest line = %q, want %q", lines[MaxPrinted], want)
	}
	if want := fmt.Sprintf("%d errors, 1 warning", MaxPrinted+20); lines[MaxPrinted+1] != want {
		t.Errorf("count line = %q, want %q", lines[MaxPrinted+1], want)
	}
}

func TestWriteJSONShape(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "content/units/b.yaml", Line: 1, Col: 7}, `unit "b" took part in no activity`)
	l.Errorf(Pos{File: "content/site.yaml"}, "site.yaml is missing")
	l.Errorf(Pos{File: "content/units/a.yaml", Line: 2, Col: 3}, "<script>")
	var buf bytes.Buffer
	if err := l.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	want := `{
  "diagnostics": [
    {
      "file": "content/site.yaml",
      "line": 0,
      "column": 0,
      "severity": "error",
      "message": "site.yaml is missing"
    },
    {
      "file": "content/units/a.yaml",
      "line": 2,
      "column": 3,
      "severity": "error",
      "message": "\u003cscript\u003e"
    },
    {
      "file": "content/units/b.yaml",
      "line": 1,
      "column": 7,
      "severity": "warning",
      "message": "unit \"b\" took part in no activity"
    }
  ],
  "errors": 2,
  "warnings": 1
}
`
	if buf.String() != want {
		t.Errorf("WriteJSON:\n%s\nwant:\n%s", buf.String(), want)
	}
	var back struct {
		Diagnostics []struct {
			File     string `json:"file"`
			Line     int    `json:"line"`
			Column   int    `json:"column"`
			Severity string `json:"severity"`
			Message  string `json:"message"`
		} `json:"diagnostics"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Diagnostics) != 3 || back.Diagnostics[1].Message != "<script>" || back.Errors != 2 || back.Warnings != 1 {
		t.Errorf("read back as %+v", back)
	}
}

func TestWriteJSONOfAnEmptyListHasAnEmptyArray(t *testing.T) {
	var l List
	var buf bytes.Buffer
	if err := l.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"diagnostics\": [],\n  \"errors\": 0,\n  \"warnings\": 0\n}\n"; buf.String() != want {
		t.Errorf("WriteJSON = %q, want %q", buf.String(), want)
	}
}

func TestStrictTurnsWarningsIntoErrors(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "a.yaml", Line: 1, Col: 1}, "w")
	if l.HasErrors() {
		t.Fatal("a warning counts as an error before Strict")
	}
	l.Strict()
	if !l.HasErrors() {
		t.Fatal("a warning should count as an error after Strict")
	}
	if got := l.Items()[0].String(); got != "a.yaml:1:1: w" {
		t.Errorf("after Strict the warning prints as %q", got)
	}
}

func TestPosString(t *testing.T) {
	for pos, want := range map[Pos]string{
		{File: "content/site.yaml"}:                  "content/site.yaml",
		{File: "content/site.yaml", Line: 3, Col: 9}: "content/site.yaml:3:9",
	} {
		if got := pos.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", pos, got, want)
		}
	}
}

func TestWriteGitHubPrintsWorkflowCommands(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "content/units/b.yaml", Line: 1, Col: 7}, `unit "b" took part in no activity`)
	l.Errorf(Pos{File: "content/site.yaml"}, "site.yaml is missing")
	l.Errorf(Pos{File: "content/units/a.yaml", Line: 12, Col: 3}, "%s", "money: 4,2 triệu is 100% wrong")
	var buf bytes.Buffer
	if err := l.WriteGitHub(&buf); err != nil {
		t.Fatal(err)
	}
	want := `::error file=content/site.yaml::site.yaml is missing
::error file=content/units/a.yaml,line=12,col=3::money: 4,2 triệu is 100%25 wrong
::warning file=content/units/b.yaml,line=1,col=7::unit "b" took part in no activity
2 errors, 1 warning
`
	if buf.String() != want {
		t.Errorf("WriteGitHub:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// TestWriteGitHubEscapesAsGitHubReadsBack: in the message, %, CR and LF;
// in the file, also the "," and ":" that would end a property, as in a
// Windows path with its drive.
func TestWriteGitHubEscapesAsGitHubReadsBack(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "C:/bloc/content, old/50%/x.yaml", Line: 2, Col: 1}, "%s", "one\r\ntwo\nthree: 5%, ::four")
	var buf bytes.Buffer
	if err := l.WriteGitHub(&buf); err != nil {
		t.Fatal(err)
	}
	want := "::error file=C%3A/bloc/content%2C old/50%25/x.yaml,line=2,col=1::one%0D%0Atwo%0Athree: 5%25, ::four\n1 error, 0 warnings\n"
	if buf.String() != want {
		t.Errorf("WriteGitHub:\n%q\nwant:\n%q", buf.String(), want)
	}
	// Unescaped the way GitHub's runner does, the values come back.
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	line := strings.SplitN(buf.String(), "\n", 2)[0]
	props, msg, ok := strings.Cut(strings.TrimPrefix(line, "::error "), "::")
	if !ok {
		t.Fatalf("no :: after the properties in %q", line)
	}
	if got := unescape.Replace(msg); got != "one\r\ntwo\nthree: 5%, ::four" {
		t.Errorf("message reads back as %q", got)
	}
	file := strings.TrimPrefix(strings.Split(props, ",")[0], "file=")
	if got := unescape.Replace(file); got != "C:/bloc/content, old/50%/x.yaml" {
		t.Errorf("file reads back as %q", got)
	}
}

func TestWriteGitHubOfAnEmptyListPrintsTheCountLine(t *testing.T) {
	var l List
	var buf bytes.Buffer
	if err := l.WriteGitHub(&buf); err != nil {
		t.Fatal(err)
	}
	if want := "0 errors, 0 warnings\n"; buf.String() != want {
		t.Errorf("WriteGitHub = %q, want %q", buf.String(), want)
	}
}

func TestWriteGitHubCapsThePrintedLinesButCountsAll(t *testing.T) {
	var l List
	for i := range MaxPrinted + 3 {
		l.Warnf(Pos{File: "a.yaml", Line: i + 1, Col: 1}, "w")
	}
	var buf bytes.Buffer
	if err := l.WriteGitHub(&buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != MaxPrinted+2 || lines[MaxPrinted] != "... and 3 more not shown" ||
		lines[MaxPrinted+1] != fmt.Sprintf("0 errors, %d warnings", MaxPrinted+3) {
		t.Errorf("%d lines, ending:\n%s", len(lines), strings.Join(lines[max(0, len(lines)-3):], "\n"))
	}
}
