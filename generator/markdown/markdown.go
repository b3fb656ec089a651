// Package markdown turns the Markdown that editors write (narratives,
// summaries, plans, descriptions) into HTML that is safe to put in a page,
// and into plain text for meta descriptions.
//
// This is the one place in reportsite that creates template.HTML from
// Markdown. Templates and other packages never convert strings to
// template.HTML themselves: everything an editor wrote either goes through
// Renderer.Render or is escaped by html/template.
//
// Editors' Markdown is data, never markup. The rules, enforced on the parsed
// document before anything is written:
//
//   - CommonMark with GFM tables, strikethrough and autolinks.
//   - Raw HTML is never rendered. It is shown as escaped text, so an editor
//     who pastes <b> or <script> sees the mistake on the page instead of
//     losing words silently. HTML comments (<!-- ... -->) are the exception:
//     editors use them for notes to each other, so they are left out.
//   - A link survives only when its address is http:, https:, mailto:, a
//     #fragment or a path inside the site. Any other address (javascript:,
//     data:, vbscript:, file:, //host, /absolute, a path that leaves the site,
//     however it is spelt or encoded) drops the link: its text stays, as text.
//   - An image is rendered only when it is a file inside the site's media/
//     folder, so a page never requests another origin. Any other image is
//     rendered as its alt text.
//   - Paths inside the site are written from the content folder (units/<id>,
//     activities/<id>, 2023, media/photo.jpg) and rewritten for the page:
//     Options.Root is put in front, and a page path gets /index.html so the
//     site works when opened from disk.
//   - Headings get stable, readable, unique ids (Vietnamese included) and can
//     be shifted down to fit the page's outline.
//
// Check reports, with positions, every place where the output differs from
// what the editor wrote, so that validation can say so; input over MaxSize
// is refused.
//
// One Renderer holds the one goldmark instance, built once by New and
// reused; per-page settings travel in Options and are applied by a walk over
// each call's own syntax tree, so a Renderer is safe for concurrent use.
// The same input and Options always give the same bytes.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxSize is the longest Markdown, in bytes, that Render accepts: about
// 20,000 words, far beyond any narrative. goldmark takes time that grows
// faster than the input on some malformed text, and the limit keeps a
// mistaken paste from stalling a build.
const MaxSize = 128 << 10

// ErrTooLarge is returned, wrapped, by Render for Markdown over MaxSize.
var ErrTooLarge = errors.New("markdown text is too long")

// Renderer converts editors' Markdown to safe HTML and to plain text. Build
// one with New and share it: it is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// Options are the per-call settings of Render: what differs from one page,
// or one field on a page, to the next.
type Options struct {
	// Root is the relative path from the page being written to the site
	// root, such as "../../" for units/<id>/index.html, or "" for a page at
	// the root. It is put in front of every link and image that points inside
	// the site. A missing final slash is added.
	Root string

	// HeadingOffset is added to every heading level, so that with 2 a "#"
	// heading becomes <h3>. Levels are clamped to 1..6.
	HeadingOffset int

	// IDPrefix is put, as it is, in front of every heading id, so that two
	// Markdown fields on one page cannot share an id. Include a separator, as
	// in "summary-". Links to "#<id>" of a heading in the same field follow it.
	IDPrefix string
}

// Problem is something in the Markdown that Render does not show as the
// editor wrote it: a dropped link, an image shown as its text, raw HTML shown
// as text. Check reports them so that validation can tell editors.
type Problem struct {
	// Line and Col give the place in the Markdown source, counted from 1;
	// Col counts characters (runes), not bytes.
	Line, Col int
	// Message says what happens and how to fix it.
	Message string
}

// String returns the problem as "line:col: message".
func (p Problem) String() string {
	return fmt.Sprintf("%d:%d: %s", p.Line, p.Col, p.Message)
}

// New builds the Renderer and its goldmark instance. Call it once and reuse
// the result.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			// The align attribute rather than a style attribute, so that a
			// page with a strict Content-Security-Policy still aligns cells.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.NewLinkify(extension.WithLinkifyAllowedProtocols([]string{"http:", "https:"})),
		),
		// No html.WithUnsafe, no attribute syntax, no automatic heading ids:
		// ids, links, images and raw HTML are all handled by this package.
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(safeRenderer{}, 100)),
		),
	)
	return &Renderer{md: md}
}

// Render converts src to HTML under the package's safety rules, with links,
// images and headings adjusted for the page that opt describes. It fails
// only for Markdown over MaxSize, with an error that wraps ErrTooLarge.
func (m *Renderer) Render(src []byte, opt Options) (template.HTML, error) {
	if len(src) > MaxSize {
		return "", tooLarge(len(src))
	}
	src = cleanSource(src)
	doc := m.parse(src)
	secure(doc, src, opt, nil)
	var buf bytes.Buffer
	if err := m.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", fmt.Errorf("markdown: rendering: %w", err)
	}
	return template.HTML(buf.String()), nil
}

// Check reports, in source order, every place where Render would not show
// src as the editor meant: dropped links, images shown as text, raw HTML
// shown as text, or a single problem for Markdown over MaxSize. It writes
// nothing.
func (m *Renderer) Check(src []byte) []Problem {
	if len(src) > MaxSize {
		return []Problem{{Line: 1, Col: 1, Message: tooLarge(len(src)).Error()}}
	}
	src = cleanSource(src)
	doc := m.parse(src)
	var problems []Problem
	secure(doc, src, Options{}, &problems)
	slices.SortStableFunc(problems, func(a, b Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return problems
}

// PlainText returns the words of src without any markup, for meta
// descriptions and share cards: whitespace collapsed to single spaces, raw
// HTML, images and code blocks left out. When max is positive and the text
// is longer than max runes, it is cut at a word boundary and ends in "…",
// the whole being at most max runes. Markdown over MaxSize is read up to
// MaxSize.
func (m *Renderer) PlainText(src []byte, max int) string {
	src = cleanSource(src[:min(len(src), MaxSize)])
	doc := m.parse(src)
	return truncate(collapse(plainText(doc, src)), max)
}

func tooLarge(n int) error {
	return fmt.Errorf("%w: %d KiB, more than the %d KiB allowed; shorten it or split it", ErrTooLarge, (n+1023)>>10, MaxSize>>10)
}

func (m *Renderer) parse(src []byte) ast.Node {
	return m.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
}

// cleanSource replaces what a browser would read differently from us:
// invalid UTF-8 and NUL (CommonMark asks for U+FFFD in its place).
func cleanSource(src []byte) []byte {
	if utf8.Valid(src) && bytes.IndexByte(src, 0) < 0 {
		return src
	}
	src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	return bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD"))
}

// collapse joins the words of s with single spaces.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// truncate cuts s to at most max runes at a word boundary, ending in "…".
func truncate(s string, max int) string {
	if max <= 0 || utf8.RuneCountInString(s) <= max {
		return s
	}
	if max == 1 {
		return "…"
	}
	runes := []rune(s)
	cut := runes[:max-1] // room for the ellipsis
	if !unicode.IsSpace(runes[max-1]) {
		// The cut falls inside a word: back off to the space before it,
		// unless the first word alone is too long.
		if i := lastSpace(cut); i > 0 {
			cut = cut[:i]
		}
	}
	out := strings.TrimRightFunc(string(cut), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:.-–—(/&", r)
	})
	if out == "" {
		out = string(cut)
	}
	return out + "…"
}

func lastSpace(rs []rune) int {
	for i := len(rs) - 1; i >= 0; i-- {
		if unicode.IsSpace(rs[i]) {
			return i
		}
	}
	return -1
}
