package markdown

import (
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzOptions are the options every fuzzed input is rendered with.
var fuzzOptions = Options{Root: "../../", HeadingOffset: 1, IDPrefix: "s-"}

// FuzzRender feeds arbitrary Markdown to Render, PlainText and Check and
// asserts that nothing panics and that the HTML holds only the tags and
// attributes this package writes, with addresses that pass its rules.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		_, sections := splitSections(string(data))
		for _, s := range sections {
			if strings.HasSuffix(s.name, ".md") {
				f.Add(s.data)
			}
		}
	}
	for _, s := range []string{
		"[a](java\tscript:alert(1))",
		"[a](java\x00script:alert(1))",
		"[a](\x01javascript:alert(1))",
		"![a](media/\x00.jpg)",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<img src=x onerror=alert(1)//",
		"[a](<javascript:alert(1)>)",
		"[a]: javascript:alert(1)\n\n[a]",
		"![a](media/x.jpg \"\\\" onerror=alert(1)\")",
		"```\"><script>\nx\n```",
		"<scr<script>ipt>alert(1)</script>",
		"\xff\xfe<script>",
	} {
		f.Add(s)
	}
	m := New()
	f.Fuzz(func(t *testing.T, src string) {
		out, err := m.Render([]byte(src), fuzzOptions)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := m.Render([]byte(src), fuzzOptions)
		if out != again {
			t.Fatalf("two renders differ:\n%s\n%s", out, again)
		}
		if !utf8.ValidString(string(out)) {
			t.Fatalf("output is not valid UTF-8: %q", out)
		}
		if err := checkMarkup(string(out), fuzzOptions.Root); err != nil {
			t.Fatalf("%v\ninput: %q\noutput: %s", err, src, out)
		}
		max := len(src)%50 + 1
		if p := m.PlainText([]byte(src), max); utf8.RuneCountInString(p) > max {
			t.Fatalf("PlainText(%q, %d) = %q: too long", src, max, p)
		}
		for _, p := range m.Check([]byte(src)) {
			if p.Line < 1 || p.Col < 1 || p.Message == "" {
				t.Fatalf("bad problem %+v for %q", p, src)
			}
		}
	})
}

// allowedAttrs lists, per tag this package may write, its attributes.
var allowedAttrs = map[string][]string{
	"p": nil, "em": nil, "strong": nil, "del": nil, "pre": nil, "blockquote": nil,
	"hr": nil, "br": nil, "ul": nil, "li": nil,
	"table": nil, "thead": nil, "tbody": nil, "tr": nil,
	"ol": {"start"}, "code": {"class"}, "th": {"align"}, "td": {"align"},
	"h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
	"a":   {"href", "title"},
	"img": {"src", "alt", "title"},
}

// checkMarkup walks every tag of out and returns what breaks the rules.
// Text never holds "<" or '"' unescaped, so every "<" opens a tag this
// package wrote and every attribute value ends at the next '"'.
func checkMarkup(out, root string) error {
	lower := strings.ToLower(out)
	for _, bad := range []string{"<script", "<iframe", "<svg", "<style", "<object", "<embed", "<!--",
		`="javascript:`, `="vbscript:`, `="data:`, `="file:`, `src="http`, `src="//`, `href="//`} {
		if strings.Contains(lower, bad) {
			return fmt.Errorf("output contains %q", bad)
		}
	}
	for i := 0; ; {
		j := strings.IndexByte(out[i:], '<')
		if j < 0 {
			return nil
		}
		i += j
		end := strings.IndexByte(out[i:], '>')
		if end < 0 {
			return fmt.Errorf("unclosed tag at byte %d", i)
		}
		tag := out[i+1 : i+end]
		i += end + 1
		if name, ok := strings.CutPrefix(tag, "/"); ok {
			if _, known := allowedAttrs[name]; !known {
				return fmt.Errorf("closing tag %q", tag)
			}
			continue
		}
		name, attrs, _ := strings.Cut(tag, " ")
		allowed, known := allowedAttrs[name]
		if !known {
			return fmt.Errorf("tag <%s>", name)
		}
		for attrs != "" {
			key, rest, ok := strings.Cut(attrs, `="`)
			if !ok {
				return fmt.Errorf("malformed attributes in <%s>", tag)
			}
			raw, after, ok := strings.Cut(rest, `"`)
			if !ok {
				return fmt.Errorf("unterminated attribute in <%s>", tag)
			}
			attrs = strings.TrimPrefix(after, " ")
			if !slices.Contains(allowed, key) { // no on* handlers, no style
				return fmt.Errorf("attribute %s on <%s>", key, name)
			}
			if err := checkValue(name, key, html.UnescapeString(raw), root); err != nil {
				return err
			}
		}
	}
}

func checkValue(tag, key, v, root string) error {
	switch {
	case key == "href":
		lv := strings.ToLower(v)
		if strings.HasPrefix(lv, "http://") || strings.HasPrefix(lv, "https://") ||
			strings.HasPrefix(lv, "mailto:") || strings.HasPrefix(lv, "#") {
			return nil
		}
		return checkLocal(v, root, "")
	case key == "src":
		return checkLocal(v, root, "media/")
	case key == "class" && !strings.HasPrefix(v, "language-"):
		return fmt.Errorf("class %q on <%s>", v, tag)
	case key == "align" && v != "left" && v != "center" && v != "right":
		return fmt.Errorf("align %q", v)
	}
	return nil
}

// checkLocal asserts that v is root, then a path under dir that stays inside.
func checkLocal(v, root, dir string) error {
	rest, ok := strings.CutPrefix(v, root+dir)
	if !ok {
		return fmt.Errorf("address %q is not under %q", v, root+dir)
	}
	path, _, _ := strings.Cut(rest, "?")
	path, _, _ = strings.Cut(path, "#")
	for i, seg := range strings.Split(path, "/") {
		dec, err := url.PathUnescape(seg)
		if err != nil {
			return fmt.Errorf("address %q: %v", v, err)
		}
		if dec == ".." || dec == "." || strings.ContainsAny(dec, `\`) || (i == 0 && dir == "" && strings.Contains(dec, ":")) {
			return fmt.Errorf("address %q leaves its folder or hides a scheme", v)
		}
	}
	return nil
}
