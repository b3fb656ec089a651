package validate

import (
	"reportsite/generator/content"
	"reportsite/generator/markdown"
	"reportsite/generator/parallel"
)

// markdownFields warns about what a Markdown field will not show as
// written (raw HTML, links and pictures that are dropped), pointing at the
// place in the file, and refuses text too long to render.
//
// The problems of a text depend on the text alone, with lines and columns
// counted within it, so the Checker remembers them by text and a field
// only maps them to its place in the file. Texts it has not seen are
// checked on every processor at once.
func (v *checker) markdownFields() {
	var fields []content.Text
	if v.c.Site != nil {
		fields = append(fields, v.c.Site.About)
	}
	for _, y := range v.c.Years {
		fields = append(fields, y.Plan, y.Summary)
	}
	for _, u := range v.c.Units {
		fields = append(fields, u.Description)
	}
	for _, a := range v.c.Activities {
		fields = append(fields, a.Narrative)
	}

	// The memo of this run holds the texts of this run only, so that a
	// text that is no longer used is forgotten.
	memo := make(map[string][]markdown.Problem, len(fields))
	var todo []string // the texts not remembered, each once
	for _, t := range fields {
		if !t.Set() || len(t.Value) > markdown.MaxSize {
			continue
		}
		if _, done := memo[t.Value]; done {
			continue
		}
		p, ok := v.k.memo[t.Value]
		if !ok {
			todo = append(todo, t.Value)
		}
		memo[t.Value] = p
	}
	for i, p := range v.k.checkAll(todo) {
		memo[todo[i]] = p
	}
	v.k.memo = memo

	for _, t := range fields {
		if !t.Set() {
			continue
		}
		if len(t.Value) > markdown.MaxSize {
			v.errorf(t.Pos, "this text is %d KB, longer than the %d KB a page can show; shorten it or split it",
				(len(t.Value)+1023)/1024, markdown.MaxSize/1024)
			continue
		}
		for _, p := range memo[t.Value] {
			v.warnf(t.PosOf(p.Line, p.Col), "%s", p.Message)
		}
	}
}

// checkAll returns the Markdown problems of each text, checking the texts
// on as many goroutines as there are processors.
func (k *Checker) checkAll(texts []string) [][]markdown.Problem {
	found := make([][]markdown.Problem, len(texts))
	parallel.For(len(texts), func() func(int) {
		return func(i int) { found[i] = k.md.Check([]byte(texts[i])) }
	})
	return found
}
