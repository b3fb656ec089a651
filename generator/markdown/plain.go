package markdown

import (
	"bufio"
	"bytes"
	"html"

	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// plainText is the text of n and its descendants, unescaped, with a space
// after every block; callers collapse the whitespace.
func plainText(n ast.Node, src []byte) string {
	var buf bytes.Buffer
	w := bufio.NewWriterSize(&buf, 256) // headings are short; bufio grows none

	writeText(w, n, src)
	_ = w.Flush()
	// writeText escapes exactly as goldmark writes text, resolving entities
	// and backslash escapes once; unescaping its output gives the text.
	return html.UnescapeString(buf.String())
}

// writeText writes the text of n, HTML-escaped, as the words a reader sees:
// no raw HTML, no images, no code blocks; a space after each block and line.
func writeText(w util.BufWriter, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			gmhtml.DefaultWriter.RawWrite(w, n.Segment.Value(src))
		} else {
			gmhtml.DefaultWriter.Write(w, n.Segment.Value(src))
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			_ = w.WriteByte(' ')
		}
		return
	case *ast.String:
		switch {
		case n.IsCode():
			_, _ = w.Write(n.Value) // already HTML, as goldmark writes it
		case n.IsRaw():
			gmhtml.DefaultWriter.RawWrite(w, n.Value)
		default:
			gmhtml.DefaultWriter.Write(w, n.Value)
		}
		return
	case *ast.CodeSpan:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				gmhtml.DefaultWriter.RawWrite(w, c.Segment.Value(src))
			case *ast.String:
				gmhtml.DefaultWriter.RawWrite(w, c.Value)
			}
		}
		return
	case *ast.AutoLink:
		gmhtml.DefaultWriter.RawWrite(w, n.Label(src))
		return
	case *ast.RawHTML, *ast.HTMLBlock, *ast.Image, *safeImage, *ast.CodeBlock, *ast.FencedCodeBlock:
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeText(w, c, src)
	}
	if n.Type() == ast.TypeBlock {
		_ = w.WriteByte(' ')
	}
}
