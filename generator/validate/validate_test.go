package validate

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/markdown"
)

// site builds content of units and activities with Markdown of every
// kind: clean, with problems, in a "|" block, in a .md file, on one line,
// too long, and the same text in several activities; and with a few
// problems that are not Markdown.
func site(activities int) *content.Content {
	at := func(file string, line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }
	c := &content.Content{
		Dir:        "content",
		Site:       &content.Site{File: "content/site.yaml", About: content.Text{Value: "Read <b>this</b> first.", Pos: at("content/site.yaml", 2, 8)}},
		Unreadable: map[string]bool{},
	}
	for _, id := range []string{"alpha", "beta", "gamma"} {
		file := "content/units/" + id + ".yaml"
		c.Units = append(c.Units, &content.Unit{
			File: file, ID: id,
			Name:  content.Text{Value: id, Pos: at(file, 1, 7)},
			Staff: []content.Staff{{Year: 2023, Count: content.Number{Value: 10, Pos: at(file, 2, 16)}}},
		})
	}
	c.Years = []*content.Year{{
		File: "content/years/2023.yaml", ID: "2023",
		Year:    content.Number{Value: 2023, Pos: at("content/years/2023.yaml", 1, 7)},
		Summary: content.Text{Value: "A good year.\n\nSee [the drive](javascript:alert(1)).\n", Pos: at("content/years/2023.yaml", 2, 10), BlockIndent: 2},
	}}
	narratives := []content.Text{
		{Value: "# The drive\n\n<script>alert(1)</script>\n", WholeFile: true},
		{Value: "All went well."},
		{Value: "See ![logo](https://example.org/logo.png) and <i>this</i>."},
		{Value: "Line one\nline <b>two</b>\n", BlockIndent: 2},
		{Value: strings.Repeat("word ", markdown.MaxSize/5+1)},
		{Value: "All went well."},
	}
	for i := range activities {
		id := fmt.Sprintf("activity-%03d", i)
		file := "content/activities/" + id + ".yaml"
		n := narratives[i%len(narratives)]
		n.Pos = at(file, 9, 12)
		if n.WholeFile {
			n.Pos = at("content/activities/"+id+".md", 1, 1)
		}
		a := &content.Activity{
			File: file, ID: id,
			Year:      content.Number{Value: 2023, Pos: at(file, 2, 7)},
			Date:      content.Date{Time: time.Date(2023, 3, 1+i%28, 0, 0, 0, 0, time.UTC), Pos: at(file, 3, 7)},
			Narrative: n,
			Contributions: []content.Contribution{
				{Unit: content.Ref{ID: "alpha", Pos: at(file, 5, 11)}, Participants: content.Number{Value: int64(5 + i%10), Pos: at(file, 6, 19)}},
				{Unit: content.Ref{ID: "betta", Pos: at(file, 7, 11)}},
			},
		}
		if i%7 == 0 {
			a.Contributions = append(a.Contributions, content.Contribution{Unit: content.Ref{ID: "alpha", Pos: at(file, 8, 11)}})
		}
		c.Activities = append(c.Activities, a)
	}
	return c
}

// check validates c with a new Checker, as Check does.
func check(c *content.Content) diag.List {
	var diags diag.List
	Check(c, &diags)
	return diags
}

// same fails the test unless got holds the diagnostics of want, in the
// same order.
func same(t *testing.T, what string, got, want diag.List) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", what, text(got), text(want))
	}
}

func text(l diag.List) string {
	var b strings.Builder
	_ = l.WriteText(&b)
	return b.String()
}

func TestCheckerRunsAgainAsCheckDoes(t *testing.T) {
	c := site(12)
	want := check(c)
	if e, w := want.Count(); e == 0 || w < 10 {
		t.Fatalf("the test site should have errors and many warnings, has %d and %d:\n%s", e, w, text(want))
	}
	want = check(c) // Count sorted the first list
	k := NewChecker()
	for run := range 3 {
		var got diag.List
		k.Check(c, &got)
		same(t, fmt.Sprintf("run %d", run+1), got, want)
	}

	// A text that changed is checked anew; the others come from memory.
	c.Activities[1].Narrative.Value = "Now with <em>HTML</em>."
	c.Activities[2].Narrative.Value = "Now clean."
	c.Years[0].Summary.Value = "A better year.\n\n<div>\nblock\n</div>\n"
	var got diag.List
	k.Check(c, &got)
	same(t, "after an edit", got, check(c))
}

func TestCheckerForgetsTextsNoLongerUsed(t *testing.T) {
	c := site(12)
	k := NewChecker()
	k.Check(c, &diag.List{})
	texts := func() []string {
		var ts []string
		for text := range k.memo {
			ts = append(ts, text)
		}
		slices.Sort(ts)
		return ts
	}
	// site.about, the year's summary and 4 narratives: one is used twice,
	// one is too long to check, and units and the year's plan have none.
	if got := len(texts()); got != 6 {
		t.Fatalf("memory holds %d texts after the first run, want 6: %q", got, texts())
	}

	old := c.Activities[1].Narrative.Value
	for _, a := range c.Activities {
		if a.Narrative.Value == old {
			a.Narrative.Value = "Edited."
		}
	}
	k.Check(c, &diag.List{})
	got := texts()
	if slices.Contains(got, old) {
		t.Errorf("memory still holds %q, which no field uses any more", old)
	}
	if !slices.Contains(got, "Edited.") || len(got) != 6 {
		t.Errorf("memory holds %q, want the 6 texts in use, \"Edited.\" among them", got)
	}

	k.Check(&content.Content{}, &diag.List{})
	if len(k.memo) != 0 {
		t.Errorf("memory holds %d texts after content without any", len(k.memo))
	}
}

// TestActivitiesCheckedInParallelReportInOrder: however many goroutines
// share the activities out, the diagnostics come in the order of a check
// of one activity after the other.
func TestActivitiesCheckedInParallelReportInOrder(t *testing.T) {
	c := site(5*activityBatch + 3)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	want := check(c)
	for _, procs := range []int{2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		same(t, fmt.Sprintf("%d processors", procs), check(c), want)
	}
}

func TestKindSumsFindKindsInListAndMap(t *testing.T) {
	var s kindSums
	for round := range 2 {
		s.reset()
		for i := range 3 * manyKinds {
			kind := fmt.Sprint("kind-", i)
			if got := s.index(kind); got != i {
				t.Fatalf("round %d: index(%q) = %d, want %d", round, kind, got, i)
			}
			if got := s.index(fmt.Sprint("kind-", i/2)); got != i/2 {
				t.Fatalf("round %d: index of kind-%d = %d, want %d", round, i/2, got, i/2)
			}
		}
	}
}
