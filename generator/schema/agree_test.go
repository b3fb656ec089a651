package schema_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// agreements are small files on which the schemas and reportsite check
// must give the same verdict: an editor sees a red underline exactly when
// check would refuse the file.
var agreements = []struct {
	name  string
	kind  string
	yaml  string
	valid bool
}{
	// site.yaml
	{"title only", "site", "title: Emulation Bloc\n", true},
	{"title given as a number", "site", "title: 2023\n", true},
	{"title given as true", "site", "title: true\n", true},
	{"title in Vietnamese", "site", "title: Cụm thi đua các Trung tâm, Ban quản lý\n", true},
	{"optional fields left empty", "site", "title: Bloc\norganisation:\nlanguage:\nbase_url:\nrepository:\nabout:\n", true},
	{"every site field", "site", "title: Bloc\norganisation: Department of Agriculture\nlanguage: vi\n" +
		"base_url: https://reports.example.org/bloc/\nrepository: HTTP://git.example.org/bloc\nabout: |\n  **The** bloc.\n", true},
	{"site without title", "site", "language: en\n", false},
	{"title left empty", "site", "title:\n", false},
	{"title of spaces", "site", "title: '   '\n", false},
	{"title is a list", "site", "title: [a, b]\n", false},
	{"unknown site field", "site", "title: Bloc\ncolour: red\n", false},
	{"language not allowed", "site", "title: Bloc\nlanguage: fr\n", false},
	{"language as a number", "site", "title: Bloc\nlanguage: 1\n", false},
	{"base_url without scheme", "site", "title: Bloc\nbase_url: reports.example.org\n", false},
	{"javascript address", "site", "title: Bloc\nrepository: 'javascript:alert(1)'\n", false},
	{"ftp address", "site", "title: Bloc\nrepository: ftp://example.org/\n", false},
	{"address without host", "site", "title: Bloc\nbase_url: https:///bloc/\n", false},
	{"site is a list", "site", "- title: Bloc\n", false},
	{"branch and edit_url", "site", "title: Bloc\nbranch: release/2024.1\nedit_url: https://git.example.org/b/r/_edit/main/{path}\n", true},
	{"branch as a number", "site", "title: Bloc\nbranch: 2024\n", true},
	{"edit_url with {path} in the query", "site", "title: Bloc\nedit_url: https://git.example.org/edit?file={path}&ref=main\n", true},
	{"branch with a space", "site", "title: Bloc\nbranch: my branch\n", false},
	{"branch with two dots", "site", "title: Bloc\nbranch: a..b\n", false},
	{"branch ending with a slash", "site", "title: Bloc\nbranch: release/\n", false},
	{"branch starting with a hyphen", "site", "title: Bloc\nbranch: -main\n", false},
	{"edit_url without {path}", "site", "title: Bloc\nedit_url: https://git.example.org/b/r/_edit/main/\n", false},
	{"edit_url with {path} in the host", "site", "title: Bloc\nedit_url: https://{path}.example.org/\n", false},
	{"edit_url not http", "site", "title: Bloc\nedit_url: ftp://git.example.org/{path}\n", false},
	{"site is one word", "site", "Bloc\n", false},

	// years/<year>.yaml
	{"every year field", "year", `year: 2023
motto: Solidarity, discipline
head: centre-a
deputies: [centre-b]
conference: {date: 2024-01-16, place: Dong Ha}
plan: |
  - Donate books.
summary: Done.
awards:
  - title: Emulation Flag 2023
    grantor: Provincial People's Committee
    status: proposed
    units: [centre-a, centre-b]
`, true},
	{"year with optional fields left empty", "year", "year: 2023\nmotto:\nhead:\ndeputies:\nconference:\nplan:\nsummary:\nawards:\n", true},
	{"head given as a number", "year", "year: 2023\nhead: 42\n", true},
	{"year in quotes", "year", "year: \"2023\"\n", false},
	{"year before 1900", "year", "year: 1899\n", false},
	{"year after 2200", "year", "year: 2201\n", false},
	{"year missing", "year", "motto: Solidarity\n", false},
	{"head in capitals", "year", "year: 2023\nhead: Centre-A\n", false},
	{"head with an underscore", "year", "year: 2023\nhead: centre_a\n", false},
	{"head with a double hyphen", "year", "year: 2023\nhead: centre--a\n", false},
	{"head ID of 65 characters", "year", "year: 2023\nhead: " + strings.Repeat("a", 65) + "\n", false},
	{"negative head number", "year", "year: 2023\nhead: -42\n", false},
	{"deputies not a list", "year", "year: 2023\ndeputies: centre-a\n", false},
	{"deputy left empty", "year", "year: 2023\ndeputies:\n  -\n", false},
	{"deputy listed twice", "year", "year: 2023\ndeputies: [centre-a, centre-a]\n", false},
	{"conference without date", "year", "year: 2023\nconference: {place: Dong Ha}\n", false},
	{"conference on 29 February 2023", "year", "year: 2023\nconference: {date: 2023-02-29}\n", false},
	{"conference date written D/M/Y", "year", "year: 2023\nconference: {date: 16/01/2024}\n", false},
	{"conference as text", "year", "year: 2023\nconference: Dong Ha\n", false},
	{"conference unknown field", "year", "year: 2023\nconference: {date: 2024-01-16, time: 8am}\n", false},
	{"award status not allowed", "year", "year: 2023\nawards:\n  - {title: Flag, status: pending, units: [centre-a]}\n", false},
	{"award without units", "year", "year: 2023\nawards:\n  - {title: Flag, status: granted}\n", false},
	{"award status left empty", "year", "year: 2023\nawards:\n  - {title: Flag, status: , units: [centre-a]}\n", false},
	{"awards as a mapping", "year", "year: 2023\nawards: {title: Flag}\n", false},

	// units/<id>.yaml
	{"staff by year", "unit", "name: Centre for Water\nstaff: {2023: 42, 2024: 0}\n", true},
	{"staff in 1900 and 2200", "unit", "name: Centre\nstaff: {1900: 1, 2200: 2}\n", true},
	{"unit with optional fields left empty", "unit", "name: Centre\nshort_name:\nkind:\nstaff:\nhead:\nwebsite:\ndescription:\n", true},
	{"unit name given as a number", "unit", "name: 115\n", true},
	{"website with a path, query and fragment", "unit", "name: Centre\nwebsite: https://example.org/tin tức?id=1#top\n", true},
	{"misspelt unit field", "unit", "nmae: Centre\n", false},
	{"unit without name", "unit", "kind: centre\n", false},
	{"name given as a mapping", "unit", "name: {en: Centre}\n", false},
	{"staff as one number", "unit", "name: Centre\nstaff: 42\n", false},
	{"staff year before 1900", "unit", "name: Centre\nstaff: {1899: 4}\n", false},
	{"staff year as a word", "unit", "name: Centre\nstaff: {last: 4}\n", false},
	{"negative staff", "unit", "name: Centre\nstaff: {2023: -1}\n", false},
	{"fractional staff", "unit", "name: Centre\nstaff: {2023: 4.5}\n", false},
	{"staff as a word", "unit", "name: Centre\nstaff: {2023: many}\n", false},
	{"staff left empty for a year", "unit", "name: Centre\nstaff: {2023: }\n", false},
	{"website is a javascript address", "unit", "name: Centre\nwebsite: 'javascript:alert(1)'\n", false},

	// activities/<id>.yaml
	{"every activity field", "activity", `title: Donating Bookshelves 2023
year: 2023
date: 2023-08-14
end: 2023-09-05
category: donation
organisers: [centre-a]
summary: Books for two schools.
narrative: |
  | school | books |
  | --- | --- |
  | Huong Phung | 320 |
contributions:
  - unit: centre-a
    participants: 18
    money: 4200000
    items: {books: 85, bookshelves: 1}
  - {unit: centre-b, participants: 0}
recipients:
  - name: Huong Phung Secondary School
    value: 23400000
    items: {books: 85}
results:
  - {place: 1, unit: centre-a, event: men's doubles}
photos:
  - {file: media/photo.jpg, caption: The shelves, alt: Two pupils carry a bookshelf into the school library}
`, true},
	{"activity with optional fields left empty", "activity", "title: Drive\nyear: 2023\ndate:\nend:\ncategory:\norganisers:\n" +
		"summary:\nnarrative:\ncontributions:\nrecipients:\nresults:\nphotos:\n", true},
	{"contribution with optional fields left empty", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - unit: centre-a\n    participants:\n    money:\n    items:\n", true},
	{"organiser given as a number", "activity", "title: Drive\nyear: 2023\norganisers: [42]\n", true},
	{"largest whole number", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: 1000000000000000}\n", true},
	{"whole number with a plus sign", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: +5}\n", true},
	{"item kinds in any script", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, items: {sách: 5, 2023: 1}}\n", true},
	{"29 February in a leap year", "activity", "title: Drive\nyear: 2024\ndate: 2024-02-29\n", true},
	{"end on the start date", "activity", "title: Drive\nyear: 2023\ndate: 2023-09-05\nend: 2023-09-05\n", true},
	{"activity without title", "activity", "year: 2023\n", false},
	{"activity without year", "activity", "title: Drive\n", false},
	{"year in words", "activity", "title: Drive\nyear: twenty\n", false},
	{"category not allowed", "activity", "title: Drive\nyear: 2023\ncategory: donations\n", false},
	{"summary is a list", "activity", "title: Drive\nyear: 2023\nsummary: [a]\n", false},
	{"organiser listed twice", "activity", "title: Drive\nyear: 2023\norganisers: [centre-a, centre-a]\n", false},
	{"negative money", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: -5}\n", false},
	{"fractional participants", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, participants: 1.5}\n", false},
	{"money with thousands separators", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: '4,200,000'}\n", false},
	{"money in words", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: lots}\n", false},
	{"money above a thousand trillion", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: 1000000000000001}\n", false},
	{"money beyond 64 bits", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: 99999999999999999999}\n", false},
	{"misspelt contribution field", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, particpants: 4}\n", false},
	{"contribution without unit", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {money: 5}\n", false},
	{"contribution as a unit ID", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - centre-a\n", false},
	{"contributions as a mapping", "activity", "title: Drive\nyear: 2023\ncontributions: {unit: centre-a}\n", false},
	{"negative items", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, items: {books: -1}}\n", false},
	{"items as a list", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, items: [books]}\n", false},
	{"item kind empty", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, items: {'': 4}}\n", false},
	{"recipient without name", "activity", "title: Drive\nyear: 2023\nrecipients:\n  - {value: 5}\n", false},
	{"result without place", "activity", "title: Drive\nyear: 2023\nresults:\n  - {unit: centre-a}\n", false},
	{"photo without file", "activity", "title: Drive\nyear: 2023\nphotos:\n  - {caption: Shelves}\n", false},
	{"date without leading zeros", "activity", "title: Drive\nyear: 2023\ndate: 2023-9-5\n", false},
	{"31 April", "activity", "title: Drive\nyear: 2023\ndate: 2023-04-31\n", false},
	{"date as a number", "activity", "title: Drive\nyear: 2023\ndate: 20230905\n", false},
}

func TestSchemasAgreeWithCheck(t *testing.T) {
	schemas := compile(t)
	for _, tt := range agreements {
		t.Run(tt.kind+"/"+tt.name, func(t *testing.T) {
			why := schemaErrors(schemas, tt.kind, []byte(tt.yaml))
			errs := checkErrors(tt.kind, []byte(tt.yaml))
			if tt.valid {
				if why != "" {
					t.Errorf("the schema refuses it: %s", why)
				}
				if errs != nil {
					t.Errorf("reportsite check refuses it: %q", errs)
				}
				return
			}
			if why == "" {
				t.Errorf("the schema accepts it; reportsite check says %q", errs)
			}
			if errs == nil {
				t.Errorf("reportsite check accepts it; the schema says %s", why)
			}
		})
	}
}

// differences are files on which the schemas and reportsite check
// disagree because a JSON Schema cannot say what check looks at. Each is
// listed with the reason, so that it is a known choice and so that a change
// on either side shows up here.
var differences = []struct {
	name        string
	kind        string
	yaml        string
	schemaValid bool
	checkValid  bool
	why         string
}{
	{"whole number written 2.0", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: 2.0}\n", true, false,
		"JSON has one kind of number: 2.0 is the integer 2 to a schema, while the loader refuses any number written with a fraction"},
	{"whole number written 1e3", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: 1e3}\n", true, false,
		"as 2.0: the schema sees the integer 1000"},
	{"whole number written -0", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a, money: -0}\n", true, false,
		"the schema sees 0; the loader refuses the minus sign"},
	{"staff year in quotes", "unit", "name: Centre\nstaff: {\"2023\": 4}\n", true, false,
		"JSON property names are always strings, so a schema cannot ask for a staff year written as a number"},
	{"language in quotes with spaces", "site", "title: Bloc\nlanguage: ' vi '\n", false, true,
		"the loader trims quoted text before comparing it; a schema enum compares the exact string"},
	{"unit ID in quotes with spaces", "year", "year: 2023\nhead: ' centre-a '\n", false, true,
		"as above, for the ID pattern"},
	{"text block of blank lines kept with |+", "site", "title: Bloc\nabout: |+\n\n", false, true,
		"the loader does not trim block text, so a block of only newlines counts as written; the schema asks for a character other than a space"},
	{"address with a port that is not a number", "site", "title: Bloc\nbase_url: https://example.org:port/\n", true, false,
		"the schema's pattern approximates Go's url.Parse, which also checks ports"},
	{"address with a broken escape", "site", "title: Bloc\nbase_url: https://example.org/%zz\n", true, false,
		"as above, for percent escapes"},
	{"year not matching the file name", "year", "year: 2024\n", true, false,
		"a schema does not know the file name (this file is years/2023.yaml)"},
	{"end before the start date", "activity", "title: Drive\nyear: 2023\ndate: 2023-09-05\nend: 2023-09-01\n", true, false,
		"a schema cannot compare two values"},
	{"two contributions from one unit", "activity", "title: Drive\nyear: 2023\ncontributions:\n  - {unit: centre-a}\n  - {unit: centre-a}\n", true, false,
		"a schema cannot ask that one property be unique across a list of objects"},
	{"place 0", "activity", "title: Drive\nyear: 2023\nresults:\n  - {place: 0, unit: centre-a}\n", true, false,
		"first place is 1 is a rule of check; the field table says only that place is a whole number"},
	{"photo outside media/", "activity", "title: Drive\nyear: 2023\nphotos:\n  - {file: photo.jpg}\n", true, false,
		"the media/ rule is a rule of check; the field table says only that file is text"},
	{"unknown unit", "activity", "title: Drive\nyear: 2023\norganisers: [centre-z]\n", true, false,
		"each file is checked on its own; whether a unit exists needs the units/ folder"},
}

func TestKnownDifferencesFromCheck(t *testing.T) {
	schemas := compile(t)
	for _, tt := range differences {
		t.Run(tt.kind+"/"+tt.name, func(t *testing.T) {
			why := schemaErrors(schemas, tt.kind, []byte(tt.yaml))
			errs := checkErrors(tt.kind, []byte(tt.yaml))
			if got := why == ""; got != tt.schemaValid {
				t.Errorf("schema valid = %v, want %v (%s); schema says %s", got, tt.schemaValid, tt.why, why)
			}
			if got := errs == nil; got != tt.checkValid {
				t.Errorf("check valid = %v, want %v (%s); check says %q", got, tt.checkValid, tt.why, errs)
			}
		})
	}
}

func TestDatesAgreeWithLoader(t *testing.T) {
	asserting := jsonschema.NewCompiler()
	asserting.AssertFormat()
	for name, schemas := range map[string]map[string]*jsonschema.Schema{
		"pattern":            compile(t),
		"pattern and format": compileWith(t, asserting),
	} {
		t.Run(name, func(t *testing.T) { datesAgree(t, schemas) })
	}
}

func datesAgree(t *testing.T, schemas map[string]*jsonschema.Schema) {
	var dates []string
	for _, year := range []int{0, 4, 100, 400, 1900, 1996, 2000, 2023, 2024, 2100, 2400, 9999} {
		for month := 0; month <= 13; month++ {
			for day := 0; day <= 32; day++ {
				dates = append(dates, fmt.Sprintf("%04d-%02d-%02d", year, month, day))
			}
		}
	}
	dates = append(dates, "2023-9-5", "2023-09-5", "23-09-05", "20230905", "2023/09/05", "05-09-2023", "2023-09-05T10:00:00Z", "2023-09-05 10:00")
	for _, date := range dates {
		doc := []byte("title: Drive\nyear: 2023\ndate: " + date + "\n")
		why := schemaErrors(schemas, "activity", doc)
		errs := loaderErrors("activity", doc)
		if (why == "") != (errs == nil) {
			t.Errorf("date %s: schema says %q, loader says %q", date, why, errs)
		}
	}
}

func TestUnitIDsAgreeWithLoader(t *testing.T) {
	schemas := compile(t)
	tests := []struct {
		id    string
		valid bool
	}{
		{"centre-water", true},
		{"board-2", true},
		{"2023", true},
		{"007", true},
		{strings.Repeat("a", 64), true},
		{strings.Repeat("a", 65), false},
		{strings.Repeat("ab-", 21) + "a", true},
		{"Centre", false},
		{"centre_water", false},
		{"centre--water", false},
		{"-centre", false},
		{"centre-", false},
		{"trung-tâm", false},
		{"centre water", false},
		{"centre/../x", false},
		{"''", false},
		{"-7", false},
		{"1.5", false},
	}
	for _, tt := range tests {
		doc := []byte("year: 2023\nhead: " + tt.id + "\n")
		why := schemaErrors(schemas, "year", doc)
		errs := loaderErrors("year", doc)
		if (why == "") != tt.valid || (errs == nil) != tt.valid {
			t.Errorf("head %s: want valid %v; schema says %q, loader says %q", tt.id, tt.valid, why, errs)
		}
	}
}

func TestAddressesAgreeWithLoader(t *testing.T) {
	schemas := compile(t)
	tests := []struct {
		url   string
		valid bool
	}{
		{"https://reports.example.org/bloc/", true},
		{"http://example.org", true},
		{"HTTPS://Example.org", true},
		{"https://example.org:8080/a?b=c#d", true},
		{"https://user@example.org/", true},
		{"https://[::1]/", true},
		{"https://sở.vn/tin tức", true},
		{"https://example.org?x", true},
		{"https://", false},
		{"https:///path", false},
		{"https://user@/path", false},
		{"https:example.org", false},
		{"http:/example.org", false},
		{"example.org", false},
		{"www.example.org/page", false},
		{"ftp://example.org/", false},
		{"mailto:office@example.org", false},
		{"'javascript:alert(1)'", false},
		{"'https://exa mple.org/'", false},
		{"//example.org/", false},
		{"42", false},
	}
	for _, tt := range tests {
		doc := []byte("title: Bloc\nbase_url: " + tt.url + "\n")
		why := schemaErrors(schemas, "site", doc)
		errs := loaderErrors("site", doc)
		if (why == "") != tt.valid || (errs == nil) != tt.valid {
			t.Errorf("base_url %s: want valid %v; schema says %q, loader says %q", tt.url, tt.valid, why, errs)
		}
	}
}
