package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// safeLink is a link whose address passed the rules. Only secure creates
// it, and it is the only node written as <a>.
type safeLink struct {
	ast.BaseInline
	href  string
	title []byte // as written: references are resolved on output
}

var kindSafeLink = ast.NewNodeKind("SafeLink")

// Kind implements ast.Node.
func (n *safeLink) Kind() ast.NodeKind { return kindSafeLink }

// Dump implements ast.Node.
func (n *safeLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Href": n.href}, nil)
}

// safeImage is an image inside media/. Only secure creates it, and it is the
// only node written as <img>. Its children are its alt text.
type safeImage struct {
	ast.BaseInline
	src   string
	title []byte
}

var kindSafeImage = ast.NewNodeKind("SafeImage")

// Kind implements ast.Node.
func (n *safeImage) Kind() ast.NodeKind { return kindSafeImage }

// Dump implements ast.Node.
func (n *safeImage) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Src": n.src}, nil)
}

// safeRenderer takes over from goldmark's HTML renderer every node that
// could carry markup or an address. goldmark's own link, image and autolink
// nodes never reach it after secure; should one slip through, it is written
// as text, never as a tag.
type safeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (safeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindSafeLink, renderSafeLink)
	reg.Register(kindSafeImage, renderSafeImage)
	reg.Register(ast.KindLink, renderChildren)
	reg.Register(ast.KindImage, renderChildren)
	reg.Register(ast.KindAutoLink, renderAutoLinkLabel)
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
}

func renderSafeLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*safeLink)
	_, _ = w.WriteString(`<a href="`)
	writeURL(w, n.href)
	_ = w.WriteByte('"')
	writeTitle(w, n.title)
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func renderSafeImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*safeImage)
	_, _ = w.WriteString(`<img src="`)
	writeURL(w, n.src)
	_, _ = w.WriteString(`" alt="`)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		writeText(w, c, src)
	}
	_ = w.WriteByte('"')
	writeTitle(w, n.title)
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

// writeURL writes an address that secure approved and resolved: %-escapes
// are kept, anything else unsafe in a URL is %-escaped, then the whole is
// HTML-escaped for the attribute.
func writeURL(w util.BufWriter, u string) {
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(u), false)))
}

func writeTitle(w util.BufWriter, title []byte) {
	if title == nil {
		return
	}
	_, _ = w.WriteString(` title="`)
	gmhtml.DefaultWriter.Write(w, title)
	_ = w.WriteByte('"')
}

func renderChildren(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}

func renderAutoLinkLabel(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		gmhtml.DefaultWriter.RawWrite(w, node.(*ast.AutoLink).Label(src))
	}
	return ast.WalkContinue, nil
}

// renderRawHTML shows inline raw HTML as the text the editor typed, except
// comments, which are notes between editors and are left out.
func renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	segs := node.(*ast.RawHTML).Segments
	var v []byte
	for i := range segs.Len() {
		seg := segs.At(i)
		v = append(v, seg.Value(src)...)
	}
	if !isComment(v) {
		gmhtml.DefaultWriter.RawWrite(w, v)
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock shows an HTML block as a paragraph of the text the editor
// typed, except a block that is only a comment, which is left out.
func renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	v := htmlBlockText(node.(*ast.HTMLBlock), src)
	if len(v) == 0 || isComment(v) {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<p>")
	gmhtml.DefaultWriter.RawWrite(w, v)
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}
