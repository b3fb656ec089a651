package content_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"unicode"

	"reportsite/generator/content"
	"reportsite/generator/locale"
	"reportsite/templates"
)

// TestEveryLanguageHasALocaleAndInterfaceStrings: a language that
// site.yaml may name is one a site can be built in, with the numbers and
// dates of locale and the strings of templates/i18n; and every strings file
// is for such a language. A language added to one of the three alone fails
// here.
func TestEveryLanguageHasALocaleAndInterfaceStrings(t *testing.T) {
	if !slices.Equal(content.Languages, locale.Languages()) {
		t.Errorf("content.Languages = %q, locale.Languages() = %q", content.Languages, locale.Languages())
	}
	for _, lang := range content.Languages {
		if _, err := locale.Lookup(lang); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
		if _, err := locale.LoadStrings(templates.FS, lang); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
	}
	files, err := fs.ReadDir(templates.FS, locale.StringsDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if lang, _ := strings.CutSuffix(f.Name(), ".yaml"); !slices.Contains(content.Languages, lang) {
			t.Errorf("templates/%s/%s is for %q, which is not one of the languages %q", locale.StringsDir, f.Name(), lang, content.Languages)
		}
	}
}

// TestEnumFieldsNameTheirValuesInTheirDoc: editors read the allowed values
// in the field's description, which the JSON Schemas show as well, so a
// value added to a list is added to the description too.
func TestEnumFieldsNameTheirValuesInTheirDoc(t *testing.T) {
	var check func(file string, fields []content.Field)
	check = func(file string, fields []content.Field) {
		for _, f := range fields {
			words := strings.FieldsFunc(f.Doc, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			for _, v := range f.Enum {
				if !slices.Contains(words, v) {
					t.Errorf("%s: the doc of %s does not name %q: %q", file, f.Name, v, f.Doc)
				}
			}
			check(file, f.Fields)
		}
	}
	check("site.yaml", content.SiteFields)
	check("years/<year>.yaml", content.YearFields)
	check("units/<id>.yaml", content.UnitFields)
	check("activities/<id>.yaml", content.ActivityFields)
}
