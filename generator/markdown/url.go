package markdown

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/util"

	"reportsite/generator/address"
)

// destKind is what an address turned out to be once read as a browser reads it.
type destKind int

const (
	destDropped  destKind = iota // not allowed: the link or image goes
	destExternal                 // http:, https: or mailto:
	destFragment                 // #id on the same page
	destLocal                    // a path inside the site, from its root
)

// dest is a judged address.
type dest struct {
	kind destKind
	// url is the address to write: for destLocal the path cleaned of "."
	// and ".." segments, without Root, with its ?query and #fragment.
	url string
	// page is set for a destLocal path that names a page or folder (no file
	// extension, or a final slash), which gets /index.html on output.
	page bool
	// dir is set for a destLocal path that ends in a slash, "." or "..".
	dir bool
	// first is the first segment of a destLocal path, decoded ("media").
	first string
	// segments counts the path segments of a destLocal path.
	segments int
	// why says, for destDropped, what is wrong and how to fix it.
	why string
}

// resolveDest applies to a link destination, as written in the source, the
// backslash escapes and character references that CommonMark resolves, so
// that "&#106;avascript:" is judged as the "javascript:" it means.
func resolveDest(raw []byte) string {
	v := util.UnescapePunctuations(raw)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// judge reads an address the way a browser does and sorts it. Browsers drop
// tabs and newlines anywhere in a URL and trim spaces and control characters
// at both ends, so "java\tscript:" and " javascript:" are javascript: URLs.
// Anything that looks like a scheme, that is text before a ":" that comes
// before any "/", "?", "#" or "\", must be http, https or mailto, in any case.
func judge(s string) dest {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if s == "" {
		return dropped("the address is empty")
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return dropped("the address contains a control character")
	}
	if s[0] == '#' {
		return dest{kind: destFragment, url: s}
	}
	if i := strings.IndexAny(s, `:/?#\`); i >= 0 && s[i] == ':' {
		scheme, rest := strings.ToLower(s[:i]), s[i+1:]
		switch scheme {
		case "http", "https":
			host := strings.TrimPrefix(rest, "//")
			if host == rest || host == "" || strings.ContainsAny(host[:1], `/\?#`) {
				return dropped("a web address needs a host, as in https://example.org/")
			}
			return dest{kind: destExternal, url: s}
		case "mailto":
			if rest == "" {
				return dropped("a mailto: address needs an e-mail address after it")
			}
			return dest{kind: destExternal, url: s}
		}
		return dropped(fmt.Sprintf("%q addresses are not allowed; use https://, mailto:, a #heading or a path inside the site such as units/<id>", s[:i+1]))
	}
	if strings.HasPrefix(s, "//") || strings.HasPrefix(s, `\`) || strings.HasPrefix(s, `/\`) {
		return dropped("an address starting with // has no scheme; write it in full, as in https://example.org/")
	}
	if s[0] == '/' {
		return dropped("an address starting with / breaks when the site is opened from a folder; write the path from the content folder, as in units/<id> or media/photo.jpg")
	}
	return judgeLocal(s)
}

// judgeLocal cleans a relative path. Segments are decoded only to find the
// "." and ".." that a browser would resolve ("%2e%2e" included); the written
// form of every other segment is kept, so nothing is decoded twice.
func judgeLocal(s string) dest {
	path, suffix := s, ""
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		path, suffix = s[:i], s[i:]
	}
	if path == "" {
		return dropped("the address names no page; write the path from the content folder, as in units/<id>")
	}
	var kept []string
	var first string
	last := ""
	for seg := range strings.SplitSeq(path, "/") {
		dec, err := url.PathUnescape(seg)
		if err != nil {
			return dropped("the address has a malformed %-escape")
		}
		if strings.ContainsAny(dec, `/\`) {
			return dropped(`use / rather than \ in paths`)
		}
		if strings.ContainsFunc(dec, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return dropped("the address contains a control character")
		}
		last = dec
		switch dec {
		case "", ".":
		case "..":
			if len(kept) == 0 {
				return dropped("the path leaves the site folder; write it from the content folder, as in units/<id> or media/photo.jpg")
			}
			kept = kept[:len(kept)-1]
		default:
			kept = append(kept, seg)
		}
	}
	if len(kept) > 0 {
		first, _ = url.PathUnescape(kept[0])
	}
	if strings.Contains(first, ":") {
		// "javascript%3A…" is a harmless relative path to a browser, but
		// it is never what an editor means, and a later tool might decode it.
		return dropped(`the address has an encoded ":" that makes it look like a scheme; write the address as it is`)
	}
	dir := last == "" || last == "." || last == ".."
	return dest{
		kind:     destLocal,
		url:      strings.Join(kept, "/") + suffix,
		page:     dir || !strings.Contains(last, "."),
		dir:      dir,
		first:    first,
		segments: len(kept),
	}
}

func dropped(why string) dest {
	return dest{kind: destDropped, why: why}
}

// linkURL is the address a link is written with, or why it is dropped.
func linkURL(raw string, root string, anchors map[string]string) (string, string) {
	d := judge(raw)
	switch d.kind {
	case destExternal:
		return d.url, ""
	case destFragment:
		if id, ok := anchors[d.url[1:]]; ok {
			return "#" + id, ""
		}
		return d.url, ""
	case destLocal:
		return pageURL(d, root), ""
	}
	return "", d.why
}

// imageURL is the address an image is written with, or why it is shown as
// its text: only files inside media/ are allowed.
func imageURL(raw string, root string) (string, string) {
	d := judge(raw)
	switch {
	case d.kind == destExternal:
		return "", "pages never load images from other sites; copy the file into media/ and write media/<file>"
	case d.kind == destLocal && d.first == "media" && d.segments >= 2 && !d.dir:
		return root + d.url, ""
	case d.kind == destDropped:
		return "", d.why
	}
	return "", "images must be files inside media/, as in media/photo.jpg"
}

// pageURL is the address from root of a local destination: a path that
// names a page or a folder leads to the folder's page, so that links work
// when the site is opened from disk.
func pageURL(d dest, root string) string {
	if !d.page {
		return root + d.url
	}
	path, suffix := d.url, ""
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path, suffix = path[:i], path[i:]
	}
	return address.Folder(root, path) + suffix
}

// normalRoot makes sure a non-empty Root ends in a slash.
func normalRoot(root string) string {
	if root != "" && !strings.HasSuffix(root, "/") {
		return root + "/"
	}
	return root
}
