package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// languages are the site languages every example test runs in.
var languages = []string{"en", "vi", "pt"}

// The seed article's figures for the bookshelf drive of 2023: 641 books,
// 33,820,000 VND collected, 46,820,000 VND received by two schools, and the
// summary conference on 16 January 2024, as each language writes them.
var seedFigures = []struct {
	lang       string
	money      string // 33,820,000 VND in full
	compact    string // the same, compact
	recipients string // 46,820,000 VND in full
	conference string // 16 January 2024, long form
}{
	{"en", "33,820,000 VND", "33.8 million VND", "46,820,000 VND", "16 January 2024"},
	{"vi", "33.820.000 đ", "33,8 triệu đồng", "46.820.000 đ", "ngày 16 tháng 01 năm 2024"},
	{"pt", "33.820.000 VND", "33,8 milhões de VND", "46.820.000 VND", "16 de janeiro de 2024"},
}

func TestExampleShowsTheSeedFiguresInEachLanguage(t *testing.T) {
	for _, tt := range seedFigures {
		t.Run(tt.lang, func(t *testing.T) {
			s := renderDir(t, Options{Content: exampleContent(t, tt.lang)})
			// Each figure is looked for as a whole table cell or key
			// figure (">…<"), so that the example's English prose ("641
			// books", "more than 33.8 million VND") cannot stand in for it.
			want := map[string][]string{
				"2023/index.html": {
					`<html lang="` + tt.lang + `">`,
					">641<",
					">" + tt.money + "<",
					"<dd>" + tt.conference + ", ",
				},
				"activities/donating-bookshelves-2023/index.html": {
					`<html lang="` + tt.lang + `">`,
					">641<",
					">" + tt.money + "<",
					">" + tt.compact + "<",
					">" + tt.recipients + "<",
				},
			}
			for name, wants := range want {
				page := file(t, s, name)
				for _, w := range wants {
					if !strings.Contains(page, w) {
						t.Errorf("%s lacks %q", name, w)
					}
				}
			}
			for _, name := range htmlPages(s.Names()) {
				if page := file(t, s, name); !strings.Contains(page, `<html lang="`+tt.lang+`">`) {
					t.Errorf("%s is not marked as written in %q", name, tt.lang)
				}
			}
		})
	}
}

// TestExampleKeepsVietnameseNamesUntouched checks that every unit head's
// name, written with Vietnamese diacritics, appears byte for byte on the
// unit's page in every language.
func TestExampleKeepsVietnameseNamesUntouched(t *testing.T) {
	heads := map[string]string{} // unit ID → head
	for _, id := range contentIDs(t, exampleDir, "units") {
		var u struct {
			Head string `yaml:"head"`
		}
		readYAML(t, filepath.Join(exampleDir, "units", id+".yaml"), &u)
		if u.Head != "" {
			heads[id] = u.Head
		}
	}
	if !strings.Contains(strings.Join(mapValues(heads), " "), "Nguyễn") {
		t.Fatalf("no unit head of the example is a Nguyễn any more; pick another name with diacritics for this test: %v", heads)
	}
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			s := renderDir(t, Options{Content: exampleContent(t, lang)})
			for id, head := range heads {
				name := "units/" + id + "/index.html"
				if page := file(t, s, name); !strings.Contains(page, "<dd>"+head+"</dd>") {
					t.Errorf("%s lacks the head's name %q as written", name, head)
				}
			}
		})
	}
}

func readYAML(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func mapValues(m map[string]string) []string {
	var vs []string
	for _, v := range m {
		vs = append(vs, v)
	}
	return vs
}
