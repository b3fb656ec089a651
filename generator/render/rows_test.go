package render

import (
	"html/template"
	"strings"
	"testing"
)

// escapeCases are texts with every character html/template treats apart.
var escapeCases = []string{
	"", "plain", "Trung tâm Khuyến nông", `a "quoted" word`, "it's", "a < b > c", "Tom & Jerry",
	"1+1", "nul\x00byte", "<script>alert(1)</script>", "&amp; already", "line\nbreak\ttab",
	"\u2028\u2029", "emoji 🎉", "invalid \xff utf-8",
}

// TestAppendEscapedIsHTMLTemplateEscaping checks that the rows written in Go
// escape text exactly as html/template does in element content and in a
// quoted attribute, so that they are as safe as the template actions they
// replace.
func TestAppendEscapedIsHTMLTemplateEscaping(t *testing.T) {
	text := template.Must(template.New("").Parse(`<td>{{.}}</td>`))
	attr := template.Must(template.New("").Parse(`<td title="{{.}}"></td>`))
	for _, s := range escapeCases {
		got := string(appendEscaped(nil, s))
		for tmpl, written := range map[*template.Template]string{
			text: "<td>" + got + "</td>",
			attr: `<td title="` + got + `"></td>`,
		} {
			var want strings.Builder
			if err := tmpl.Execute(&want, s); err != nil {
				t.Fatal(err)
			}
			if written != want.String() {
				t.Errorf("%q written %s; html/template writes %s", s, written, want.String())
			}
		}
	}
}

// TestAppendURLIsHTMLTemplateURL checks links to pages: for every valid ID
// the path is what html/template writes in an href, and anything else is
// percent-encoded so that it cannot leave the attribute.
func TestAppendURLIsHTMLTemplateURL(t *testing.T) {
	href := template.Must(template.New("").Parse(`<a href="{{.}}">`))
	for _, s := range []string{"../units/trung-tam-1/index.html", "activities/x-2023/index.html", "../../", ""} {
		var want strings.Builder
		if err := href.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		if got := `<a href="` + string(appendURL(nil, s)) + `">`; got != want.String() {
			t.Errorf("%q written %s; html/template writes %s", s, got, want.String())
		}
	}
	for in, want := range map[string]string{
		`x" onclick="y`: "x%22%20onclick%3D%22y",
		"javascript:1":  "javascript%3A1",
		"a b<c>&d":      "a%20b%3Cc%3E%26d",
		"Đ":             "%C4%90",
	} {
		if got := string(appendURL(nil, in)); got != want {
			t.Errorf("appendURL(%q) = %q, want %q", in, got, want)
		}
	}
}
