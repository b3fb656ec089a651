package locale

import (
	"cmp"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// templatesDir is the real templates folder, whose i18n files the site uses.
var templatesDir = os.DirFS("../../templates")

func TestEveryLanguageHasAStringsFileWithTheEnglishKeys(t *testing.T) {
	english, err := LoadStrings(templatesDir, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(english.Keys()) == 0 {
		t.Fatal("en.yaml has no keys")
	}
	for _, lang := range Languages() {
		texts, err := LoadStrings(templatesDir, lang)
		if err != nil {
			t.Errorf("%s: %v", lang, err)
			continue
		}
		if !slices.Equal(texts.Keys(), english.Keys()) {
			t.Errorf("%s: keys %q differ from English %q", lang, texts.Keys(), english.Keys())
		}
		for _, key := range texts.Keys() {
			if text := texts.T(key); text == "" || text != strings.TrimSpace(text) {
				t.Errorf("%s: %s has the text %q", lang, key, text)
			}
		}
	}
}

func TestEveryLanguageHasNoStringsFileBeyondTheSupportedOnes(t *testing.T) {
	files, err := os.ReadDir("../../templates/" + StringsDir)
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, file := range files {
		langs = append(langs, strings.TrimSuffix(file.Name(), ".yaml"))
	}
	// ReadDir sorts by name; Languages does not.
	if want := slices.Sorted(slices.Values(Languages())); !slices.Equal(langs, want) {
		t.Errorf("templates/i18n holds %q, want one file for each of %q", langs, want)
	}
}

func TestStringsTextsOfTheRealFiles(t *testing.T) {
	cases := []struct {
		lang, key string
		pairs     []string
		want      string
	}{
		{"en", "nav.years", nil, "Years"},
		{"en", "heading.annual_report", []string{"year", "2023"}, "Annual report 2023"},
		{"vi", "heading.annual_report", []string{"year", "2023"}, "Báo cáo tổng kết năm 2023"},
		{"pt", "heading.annual_report", []string{"year", "2023"}, "Relatório anual de 2023"},
		{"vi", "chart.label", []string{"title", "Số tiền ủng hộ theo đơn vị"}, "Biểu đồ: Số tiền ủng hộ theo đơn vị"},
		{"pt", "unit.no_activity", []string{"year", "2024"}, "Em 2024, esta unidade não tomou parte em nenhuma atividade."},
	}
	for _, c := range cases {
		texts, err := LoadStrings(templatesDir, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := texts.Format(c.key, c.pairs...); got != c.want {
			t.Errorf("%s %s: got %q, want %q", c.lang, c.key, got, c.want)
		}
		if texts.Lang() != c.lang {
			t.Errorf("Lang() = %q, want %q", texts.Lang(), c.lang)
		}
	}
}

func TestFormatFillsPlaceholders(t *testing.T) {
	texts := Strings{lang: "en", texts: map[string]string{
		"two":   "{title} in {year}",
		"plain": "No placeholder",
	}}
	cases := []struct {
		name  string
		key   string
		pairs []string
		want  string
	}{
		{"both values", "two", []string{"year", "2023", "title", "Report"}, "Report in 2023"},
		{"a value that looks like a placeholder stays as it is", "two", []string{"title", "{year}", "year", "2023"}, "{year} in 2023"},
		{"a missing value leaves the placeholder visible", "two", []string{"year", "2023"}, "{title} in 2023"},
		{"a name without its value leaves the placeholder visible", "two", []string{"year", "2023", "title"}, "{title} in 2023"},
		{"no pairs", "two", nil, "{title} in {year}"},
		{"no placeholder", "plain", []string{"year", "2023"}, "No placeholder"},
		{"a missing key shows a marker", "nav.nowhere", []string{"year", "2023"}, "[missing: nav.nowhere]"},
	}
	for _, c := range cases {
		if got := texts.Format(c.key, c.pairs...); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func TestTOfAMissingKeyShowsAMarker(t *testing.T) {
	var none Strings
	if got, want := none.T("nav.home"), "[missing: nav.home]"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The English file that the broken files below are compared with.
const referenceForTests = `nav.home: Home
nav.years: Years
heading.plan: Plan for {year}
`

func TestLoadStringsRefusesBrokenFiles(t *testing.T) {
	cases := []struct {
		name string
		en   string // the English file; referenceForTests when empty
		vi   string
		want string // the whole error, one problem per line
	}{
		{
			name: "a key missing and a key misspelt",
			vi:   "nav.hme: Trang chủ\nheading.plan: Kế hoạch năm {year}\n",
			want: `i18n/vi.yaml: missing key "nav.home" (i18n/en.yaml:1 has it): add it with its translation
i18n/vi.yaml: missing key "nav.years" (i18n/en.yaml:2 has it): add it with its translation
i18n/vi.yaml:1:1: key "nav.hme" is not in i18n/en.yaml; did you mean "nav.home"?`,
		},
		{
			name: "a key English does not have",
			vi:   "nav.home: Trang chủ\nnav.years: Các năm\nheading.plan: Kế hoạch năm {year}\nfooter.credit: Cảm ơn\n",
			want: `i18n/vi.yaml:4:1: key "footer.credit" is not in i18n/en.yaml; add it there first, or remove it`,
		},
		{
			name: "a translated placeholder",
			vi:   "nav.home: Trang chủ\nnav.years: Các năm\nheading.plan: Kế hoạch năm {nam}\n",
			want: `i18n/vi.yaml:3:1: the text of "heading.plan" has placeholders {nam} but i18n/en.yaml has {year}; keep the names, translate only the words around them`,
		},
		{
			name: "empty texts, a duplicate key and a bad key",
			vi:   "nav.home: \"\"\nnav.years:\nheading.plan: Kế hoạch năm {year}\nnav.home: Trang chủ\nNav.Home: x\n",
			want: `i18n/vi.yaml:1:11: the text of "nav.home" is empty; write the text the page should show
i18n/vi.yaml:2:11: the text of "nav.years" is empty; write the text the page should show
i18n/vi.yaml:4:1: key "nav.home" appears twice; the first is on line 1
i18n/vi.yaml:5:1: key "Nav.Home" must be lowercase words joined by dots, such as ` + "`nav.home`",
		},
		{
			name: "a nested map and a broken placeholder",
			vi:   "nav:\n  home: Trang chủ\nnav.years: Các năm {\nheading.plan: Kế hoạch năm {year}\n",
			want: `i18n/vi.yaml:2:3: the text of "nav" must be plain text, not a list or a map; quote it if it holds ` + "`: ` or starts with `[` or `{`" + `
i18n/vi.yaml:3:12: the text of "nav.years" has a ` + "`{`" + ` that is never closed; placeholders are written {name}`,
		},
		{
			name: "a colon in an unquoted text",
			vi:   "nav.home: Trang chủ\nnav.years: Năm: các năm\n",
			want: `i18n/vi.yaml:2:1: not valid YAML: mapping values are not allowed in this context; a text holding ` + "`: ` or starting with `{`" + ` must be quoted`,
		},
		{
			name: "not a map",
			vi:   "- nav.home\n",
			want: "i18n/vi.yaml:1:1: the file must be a map of keys to texts, such as `nav.home: Home`",
		},
		{
			name: "an empty file",
			vi:   "# nothing yet\n",
			want: "i18n/vi.yaml: the file is empty; it must map keys to texts, such as `nav.home: Home`",
		},
		{
			name: "a broken English file",
			en:   "nav.home: Home\nnav.years: \n",
			vi:   "nav.home: Trang chủ\nnav.years: Các năm\n",
			want: `i18n/en.yaml:2:11: the text of "nav.years" is empty; write the text the page should show`,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			english := cmp.Or(c.en, referenceForTests)
			fsys := fstest.MapFS{
				"i18n/en.yaml": {Data: []byte(english)},
				"i18n/vi.yaml": {Data: []byte(c.vi)},
			}
			_, err := LoadStrings(fsys, "vi")
			if err == nil {
				t.Fatal("LoadStrings succeeded")
			}
			if err.Error() != c.want {
				t.Errorf("got\n%s\nwant\n%s", err, c.want)
			}
		})
	}
}

func TestLoadStringsRefusesMissingFilesAndOddLanguageNames(t *testing.T) {
	fsys := fstest.MapFS{"i18n/en.yaml": {Data: []byte(referenceForTests)}}
	cases := []struct {
		lang string
		want string
	}{
		{"vi", "i18n/vi.yaml"},
		{"../en", "not a language code"},
		{"", "not a language code"},
	}
	for _, c := range cases {
		_, err := LoadStrings(fsys, c.lang)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("LoadStrings(%q): error %v, want one that says %q", c.lang, err, c.want)
		}
	}
}

func TestLoadStringsRefusesOversizedFiles(t *testing.T) {
	huge := strings.Repeat("# padding\n", maxStringsFileSize/10+1)
	fsys := fstest.MapFS{"i18n/en.yaml": {Data: []byte(referenceForTests + huge)}}
	_, err := LoadStrings(fsys, "en")
	if err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("got %v, want a refusal of the size", err)
	}
}

func TestLoadStringsIgnoresAliasesInsteadOfExpandingThem(t *testing.T) {
	fsys := fstest.MapFS{"i18n/en.yaml": {Data: []byte("nav.home: &home Home\nnav.years: *home\n")}}
	_, err := LoadStrings(fsys, "en")
	if err == nil || !strings.Contains(err.Error(), `the text of "nav.years" must be plain text`) {
		t.Errorf("got %v, want the alias refused", err)
	}
}
