package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gosimple/slug"
	"github.com/yuin/goldmark/ast"
)

// securer rewrites one call's syntax tree for one page. Links and images that
// pass the rules become safeLink and safeImage nodes, the only nodes that the
// renderer writes as <a> and <img>; the others are unwrapped to their text.
type securer struct {
	src      []byte
	root     string
	anchors  map[string]string            // heading id as written in a "#" link → id on the page
	problems *[]Problem                   // nil when nobody asked
	lines    []int                        // byte offsets where lines start, for problems
	last     struct{ off, line, col int } // the previous position, to count on from
}

// secure applies the package's rules and opt to doc, and appends to problems,
// when it is not nil, what the editor should hear about. A tree checked for
// problems is not rendered, so its headings are left as they are: their ids
// change where a "#" link leads, never whether the link is kept.
func secure(doc ast.Node, src []byte, opt Options, problems *[]Problem) {
	s := &securer{src: src, root: normalRoot(opt.Root), problems: problems}
	if problems == nil {
		s.anchors = headings(doc, src, opt)
	}
	s.visit(doc)
}

// visit rewrites the tree after its children, so that what an unwrapped
// node leaves behind has already been judged.
func (s *securer) visit(n ast.Node) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		s.visit(c)
		s.rewrite(c)
		c = next
	}
}

func (s *securer) rewrite(n ast.Node) {
	switch n := n.(type) {
	case *ast.Link:
		raw := resolveDest(n.Destination)
		href, why := linkURL(raw, s.root, s.anchors)
		if why != "" {
			s.report(n, fmt.Sprintf("link %q is shown as plain text: %s", shorten(raw), why))
			unwrap(n)
			return
		}
		replace(n, &safeLink{href: href, title: n.Title})
	case *ast.Image:
		raw := resolveDest(n.Destination)
		src, why := imageURL(raw, s.root)
		if why != "" {
			s.report(n, fmt.Sprintf("image %q is shown as its text only: %s", shorten(raw), why))
			unwrap(n)
			return
		}
		replace(n, &safeImage{src: src, title: n.Title})
	case *ast.AutoLink:
		label := n.Label(s.src)
		u := string(n.URL(s.src))
		if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
			u = "mailto:" + u
		}
		d := judge(u)
		if d.kind != destExternal {
			why := d.why
			if why == "" {
				why = "only http:, https: and mailto: addresses are allowed here"
			}
			s.report(n, fmt.Sprintf("link %q is shown as plain text: %s", shorten(u), why))
			replace(n, rawString(label))
			return
		}
		l := &safeLink{href: d.url}
		l.AppendChild(l, rawString(label))
		replace(n, l)
	case *ast.RawHTML:
		if s.problems == nil {
			return // the renderer escapes it
		}
		var b bytes.Buffer
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			b.Write(seg.Value(s.src))
		}
		if !isComment(b.Bytes()) {
			s.report(n, fmt.Sprintf("raw HTML %q is shown as text: HTML is never rendered, write Markdown instead", shorten(b.String())))
		}
	case *ast.HTMLBlock:
		if s.problems == nil {
			return // the renderer escapes it
		}
		block := htmlBlockText(n, s.src)
		if !isComment(block) {
			s.report(n, fmt.Sprintf("raw HTML %q is shown as text: HTML is never rendered, write Markdown instead", shorten(firstLine(block))))
		}
	}
}

func (s *securer) report(n ast.Node, message string) {
	if s.problems == nil {
		return
	}
	if s.lines == nil {
		s.lines = lineStarts(s.src)
	}
	line, col := s.lineCol(position(n))
	*s.problems = append(*s.problems, Problem{Line: line, Col: col, Message: message})
}

// headings shifts heading levels and gives every heading its id, returning
// the ids a "#" link may name and the ids they stand for on the page.
func headings(doc ast.Node, src []byte, opt Options) map[string]string {
	offset := min(max(opt.HeadingOffset, -6), 6)
	anchors := map[string]string{} // also the set of ids taken
	next := map[string]int{}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		h.Level = min(max(h.Level+offset, 1), 6)
		base := headingID(collapse(plainText(h, src)))
		id := base
		// next remembers where each base's suffixes stand, so that many
		// equal headings cost linear time.
		for anchors[id] != "" {
			next[base]++
			id = base + "-" + strconv.Itoa(next[base])
		}
		anchors[id] = opt.IDPrefix + id
		h.SetAttributeString("id", []byte(opt.IDPrefix+id))
		return ast.WalkSkipChildren, nil
	})
	return anchors
}

// maxIDLength keeps ids of long headings readable in an address bar.
const maxIDLength = 64

// vietnamese makes sure that đ becomes d, whatever the transliteration
// tables say.
var vietnamese = strings.NewReplacer("đ", "d", "Đ", "D")

// headingID turns a heading's text into a readable ASCII id:
// "Tổng kết năm 2023" → "tong-ket-nam-2023".
func headingID(text string) string {
	id := slug.Make(vietnamese.Replace(text))
	if len(id) > maxIDLength {
		cut := id[:maxIDLength]
		if i := strings.LastIndexByte(cut, '-'); i > 0 {
			cut = cut[:i]
		}
		id = strings.TrimRight(cut, "-_")
	}
	if id == "" {
		id = "section"
	}
	return id
}

// unwrap replaces n by its children.
func unwrap(n ast.Node) {
	parent := n.Parent()
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// replace puts by in the place of n, with n's children.
func replace(n, by ast.Node) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		by.AppendChild(by, c)
		c = next
	}
	by.SetPos(n.Pos())
	parent := n.Parent()
	parent.ReplaceChild(parent, n, by)
}

// rawString is text written as it is, escaped, with no entities resolved.
func rawString(v []byte) *ast.String {
	s := ast.NewString(v)
	s.SetRaw(true)
	return s
}

// isComment tells whether raw HTML is nothing but an HTML comment.
func isComment(v []byte) bool {
	v = bytes.TrimSpace(v)
	return bytes.HasPrefix(v, []byte("<!--")) && bytes.HasSuffix(v, []byte("-->"))
}

// htmlBlockText is the text of an HTML block as written, closing line included.
func htmlBlockText(n *ast.HTMLBlock, src []byte) []byte {
	var b bytes.Buffer
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(src))
	}
	return bytes.TrimRight(b.Bytes(), " \t\r\n")
}

func firstLine(v []byte) string {
	if i := bytes.IndexByte(v, '\n'); i >= 0 {
		v = v[:i]
	}
	return string(bytes.TrimSpace(v))
}

// shorten keeps quoted source short in messages.
func shorten(s string) string {
	const max = 60
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max-1]) + "…"
}

// position is the byte offset of n in the source, or of the nearest node
// around it that knows one.
func position(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// lineStarts lists the byte offsets at which the lines of src start.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineCol turns a byte offset into a line and a column in runes, both from
// 1. Problems come mostly in source order, so columns are counted on from
// the previous one when it is on the same line: one long line stays linear.
func (s *securer) lineCol(off int) (int, int) {
	off = min(max(off, 0), len(s.src))
	i, found := slices.BinarySearch(s.lines, off)
	if !found {
		i-- // off is inside the line before
	}
	from, col := s.lines[i], 1
	if s.last.line == i+1 && s.last.off <= off {
		from, col = s.last.off, s.last.col
	}
	col += utf8.RuneCount(s.src[from:off])
	s.last.off, s.last.line, s.last.col = off, i+1, col
	return i + 1, col
}
