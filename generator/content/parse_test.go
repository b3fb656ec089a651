package content

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"reportsite/generator/diag"
)

// TestParseRefusesAliasBombQuickly: aliases that would make the decoder
// walk a contribution with 3,000 kinds of items 3,000 times (nine million
// counts, from a file of 40 KB) are refused with one message, at once.
func TestParseRefusesAliasBombQuickly(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: Bomb\nyear: 2023\ncontributions:\n  - &c\n    unit: water-centre\n    items: {")
	for i := range 3000 {
		fmt.Fprintf(&b, "k%d: 1, ", i)
	}
	b.WriteString("k: 1}\n")
	for range 3000 {
		b.WriteString("  - *c\n")
	}
	start := time.Now()
	var diags diag.List
	a := ParseActivity([]byte(b.String()), "content/activities/bomb.yaml", "bomb", &diags)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("refusing the bomb took %v", elapsed)
	}
	if a != nil {
		t.Error("the activity should be refused")
	}
	want := "content/activities/bomb.yaml:1:1: file uses YAML aliases (*name) to repeat content too many times; write the values out instead"
	if items := diags.Items(); len(items) != 1 || items[0].String() != want {
		t.Errorf("diagnostics %v, want only:\n%s", items, want)
	}
}

// TestParseAcceptsAliasesWithinReason: an editor may repeat a value with
// an alias; only excessive repetition is refused.
func TestParseAcceptsAliasesWithinReason(t *testing.T) {
	data := "title: T\nyear: 2023\norganisers: &o [water-centre]\ncontributions:\n  - {unit: water-centre, items: &i {books: 5}}\nrecipients:\n  - {name: School, items: *i}\n"
	var diags diag.List
	a := ParseActivity([]byte(data), "a.yaml", "a", &diags)
	if a == nil || diags.HasErrors() {
		t.Fatalf("refused: %v", diags.Items())
	}
	if got := a.Recipients[0].Items[0]; got.Kind != "books" || got.Count.Value != 5 {
		t.Errorf("recipient items = %+v", a.Recipients[0].Items)
	}
}

// TestParseRefusesOversizedData: the parsers refuse data over MaxFileSize
// even when the loader's size check is bypassed.
func TestParseRefusesOversizedData(t *testing.T) {
	data := []byte("name: Big\n" + strings.Repeat("#", MaxFileSize))
	var diags diag.List
	if u := ParseUnit(data, "content/units/big.yaml", "big", &diags); u != nil {
		t.Error("the unit should be refused")
	}
	want := "content/units/big.yaml: file is 5.1 MB, larger than the limit of 5.0 MB; split it or move long text into a .md file"
	if items := diags.Items(); len(items) != 1 || items[0].String() != want {
		t.Errorf("diagnostics %v, want only:\n%s", items, want)
	}
}

// TestParseKeepsVietnameseTextUntouched: names keep their bytes, whether
// their diacritics are written precomposed (NFC) or combining (NFD).
func TestParseKeepsVietnameseTextUntouched(t *testing.T) {
	for _, name := range []string{"Trung tâm Khuyến nông Đông Hà", "Trung ta\u0302m Khuye\u0302\u0301n no\u0302ng"} {
		var diags diag.List
		u := ParseUnit([]byte("name: "+name+"\nhead: '"+name+"'\n"), "u.yaml", "u", &diags)
		if u == nil || len(diags.Items()) != 0 {
			t.Fatalf("refused: %v", diags.Items())
		}
		if u.Name.Value != name || u.Head.Value != name {
			t.Errorf("read %q and %q, want %q", u.Name.Value, u.Head.Value, name)
		}
	}
}

func TestSuggestIDTurnsNamesIntoIDs(t *testing.T) {
	for name, want := range map[string]string{
		"Trung tâm Khuyến nông":   "trung-tam-khuyen-nong",
		"Đội bóng Đông Hà":        "doi-bong-dong-ha",
		"seed_centre":             "seed-centre",
		"Book__Drive 2023":        "book-drive-2023",
		"--x--":                   "x",
		"!!!":                     "",
		strings.Repeat("ab-", 40): strings.Repeat("ab-", 21) + "a",
	} {
		got := SuggestID(name)
		if got != want {
			t.Errorf("SuggestID(%q) = %q, want %q", name, got, want)
		}
		if got != "" && !ValidID(got) {
			t.Errorf("SuggestID(%q) = %q is not a valid ID", name, got)
		}
	}
}

func TestLastLineCountsLinesAsYAMLDoes(t *testing.T) {
	for data, want := range map[string]int{
		"":                      1,
		"a: 1":                  1,
		"a: 1\n":                1,
		"a: 1\nb: 2\n":          2,
		"a: 1\r\nb: 2\r\n":      2,
		"a: 1\rb: 2":            2,
		"a: 1\u2028b: 2\n\n":    3,
		"a: 1\n\n\nb: 2\n":      4,
		"\n":                    1,
		"a: 1\u0085b: 2\u2029c": 3,
	} {
		if got := lastLine([]byte(data)); got != want {
			t.Errorf("lastLine(%q) = %d, want %d", data, got, want)
		}
	}
}

// TestValidIDAgreesWithThePattern: ValidID accepts exactly the IDs of the
// pattern the schemas give, up to MaxIDLength bytes.
func TestValidIDAgreesWithThePattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	ids := []string{"", "a", "-", "a-", "-a", "a--b", "a-b", "2023", "water-centre", "Water", "a_b", "a.b", "é", "a b",
		strings.Repeat("a", MaxIDLength), strings.Repeat("a", MaxIDLength+1), strings.Repeat("a-", 32) + "b"}
	// Every string of up to three bytes from a few telling ones.
	alphabet := []string{"a", "z", "0", "9", "-", "A", "_", "/", "\xff"}
	for _, a := range alphabet {
		for _, b := range append(alphabet, "") {
			for _, c := range append(alphabet, "") {
				ids = append(ids, a+b+c)
			}
		}
	}
	for _, id := range ids {
		want := len(id) <= MaxIDLength && pattern.MatchString(id)
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestNormalizeDropsTheByteOrderMarkAndCarriageReturns(t *testing.T) {
	for data, want := range map[string]string{
		"":                             "",
		"a: 1\n":                       "a: 1\n",
		"\uFEFFa: 1\n":                 "a: 1\n",
		"\uFEFF":                       "",
		"a: 1\r\nb: |\r\n  x\r\n\r\n":  "a: 1\nb: |\n  x\n\n",
		"a: 1\rb: 2\r":                 "a: 1\nb: 2\n",
		"\uFEFFa\r\r\nb":               "a\n\nb",
		"a: x\uFEFFy\n":                "a: x\uFEFFy\n", // only a leading mark is one
		"\uFEFF\uFEFFa":                "\uFEFFa",
		"text \xe9\r\n":                "text \xe9\n",
		"\xef\xbb":                     "\xef\xbb",
		"café\r\nđ\r\n":                "café\nđ\n",
		"a\r\n\r\n\r\nb\r\n":           "a\n\n\nb\n",
		"\uFEFFtitle: Tủ sách\r\n":     "title: Tủ sách\n",
		"no line end at the end\r":     "no line end at the end\n",
		"line\r\n  indented\r\n  more": "line\n  indented\n  more",
	} {
		if got := string(normalize([]byte(data))); got != want {
			t.Errorf("normalize(%q) = %q, want %q", data, got, want)
		}
	}
}

// TestParseReadsFilesSavedOnWindowsAlike parses every YAML file of the
// example site as it is and as an editor on Windows may save it, with a
// byte order mark, \r\n line ends or both: the values, positions
// included, and the diagnostics must be the same; no text starts with
// the mark or holds a \r.
func TestParseReadsFilesSavedOnWindowsAlike(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("..", "..", "content", "site.yaml"))
	saved := map[string]func([]byte) []byte{
		"crlf": func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) },
		"bom":  func(b []byte) []byte { return append([]byte("\uFEFF"), b...) },
		"bom-crlf": func(b []byte) []byte {
			return append([]byte("\uFEFF"), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))...)
		},
	}
	parse := func(folder string, data []byte) (any, []diag.Diagnostic) {
		var diags diag.List
		var v any
		switch folder {
		case "years":
			v = ParseYear(data, "f.yaml", "2023", &diags)
		case "units":
			v = ParseUnit(data, "f.yaml", "water-centre", &diags)
		case "activities":
			v = ParseActivity(data, "f.yaml", "book-drive-2023", &diags)
		default:
			v = ParseSite(data, "f.yaml", &diags)
		}
		return v, diags.Items()
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		folder := filepath.Base(filepath.Dir(name))
		want, wantDiags := parse(folder, data)
		for how, save := range saved {
			got, gotDiags := parse(folder, save(data))
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags, wantDiags) {
				t.Errorf("%s saved as %s: parsed as\n%+v\n%v\nwant\n%+v\n%v", name, how, got, gotDiags, want, wantDiags)
			}
			if s := fmt.Sprintf("%+v", got); strings.ContainsAny(s, "\r\uFEFF") {
				t.Errorf("%s saved as %s: a value holds a \\r or a byte order mark:\n%s", name, how, s)
			}
		}
	}
}

// TestPhotoAltIsReadWithItsPosition: alt is optional, and read with the
// place it was written, like caption.
func TestPhotoAltIsReadWithItsPosition(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	for name, data := range map[string]string{
		"site.yaml": "title: Test Bloc\n",
		"activities/drive-2023.yaml": "title: Drive\nyear: 2023\nphotos:\n" +
			"  - {file: media/a.jpg, caption: The shelves, alt: Two pupils carry a bookshelf}\n" +
			"  - {file: media/b.jpg, caption: The school}\n",
	} {
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var diags diag.List
	c := Load(dir, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Items())
	}
	photos := c.Activities[0].Photos
	if got := photos[0].Alt; got.Value != "Two pupils carry a bookshelf" || got.Pos.Line != 4 || got.Pos.Col != 52 {
		t.Errorf("alt = %q at %v", got.Value, got.Pos)
	}
	if photos[1].Alt.Set() {
		t.Errorf("a photo without alt has %+v", photos[1].Alt)
	}
}
