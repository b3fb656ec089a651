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
