package render

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"reportsite/generator/view"
)

// templatesDoc is the reference of what templates can use.
const templatesDoc = "../../docs/templates.md"

// viewTypes are the types of package view a template reaches, each
// documented under a "### Name" heading of docs/templates.md.
var viewTypes = map[string]reflect.Type{
	"Page":         reflect.TypeFor[view.Page](),
	"Layout":       reflect.TypeFor[view.Layout](),
	"Link":         reflect.TypeFor[view.Link](),
	"MenuLink":     reflect.TypeFor[view.MenuLink](),
	"KeyFigure":    reflect.TypeFor[view.KeyFigure](),
	"Table":        reflect.TypeFor[view.Table](),
	"Chart":        reflect.TypeFor[view.Chart](),
	"Date":         reflect.TypeFor[view.Date](),
	"Dates":        reflect.TypeFor[view.Dates](),
	"Home":         reflect.TypeFor[view.Home](),
	"LatestYear":   reflect.TypeFor[view.LatestYear](),
	"Year":         reflect.TypeFor[view.Year](),
	"Conference":   reflect.TypeFor[view.Conference](),
	"NextPlan":     reflect.TypeFor[view.NextPlan](),
	"Units":        reflect.TypeFor[view.Units](),
	"Unit":         reflect.TypeFor[view.Unit](),
	"Role":         reflect.TypeFor[view.Role](),
	"Award":        reflect.TypeFor[view.Award](),
	"UnitYear":     reflect.TypeFor[view.UnitYear](),
	"Placing":      reflect.TypeFor[view.Placing](),
	"Activities":   reflect.TypeFor[view.Activities](),
	"ActivityYear": reflect.TypeFor[view.ActivityYear](),
	"Pager":        reflect.TypeFor[view.Pager](),
	"Activity":     reflect.TypeFor[view.Activity](),
	"Photo":        reflect.TypeFor[view.Photo](),
	"Search":       reflect.TypeFor[view.Search](),
}

// docItem is a list item of the reference, "- `name …` — what it is".
var docItem = regexp.MustCompile("^- `([A-Za-z0-9]+)[^`]*`((?:, `[A-Za-z0-9]+[^`]*`)*) — ")

// docSections reads the names that the list items of docs/templates.md
// document, by the heading ("### Layout", "## Helpers") they are under.
func docSections(t *testing.T) map[string][]string {
	t.Helper()
	data, err := os.ReadFile(templatesDoc)
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][]string{}
	heading := ""
	for line := range strings.Lines(string(data)) {
		line = strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(line, "#") {
			heading = strings.TrimSpace(strings.TrimLeft(line, "#"))
			continue
		}
		m := docItem.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		sections[heading] = append(sections[heading], m[1])
		for _, more := range regexp.MustCompile("`([A-Za-z0-9]+)").FindAllStringSubmatch(m[2], -1) {
			sections[heading] = append(sections[heading], more[1])
		}
	}
	return sections
}

// TestTemplatesDocNamesEveryViewFieldAndNoOther fails when a field of a
// view type is not documented, or a documented field does not exist.
func TestTemplatesDocNamesEveryViewFieldAndNoOther(t *testing.T) {
	sections := docSections(t)
	for name, typ := range viewTypes {
		documented := sections[name]
		if len(documented) == 0 {
			t.Errorf("docs/templates.md has no \"### %s\" list of fields", name)
			continue
		}
		var fields []string
		for f := range typ.Fields() {
			if f.IsExported() {
				fields = append(fields, f.Name)
			}
		}
		for _, f := range fields {
			if !slices.Contains(documented, f) {
				t.Errorf("docs/templates.md does not document view.%s.%s", name, f)
			}
		}
		for _, f := range documented {
			if !slices.Contains(fields, f) {
				t.Errorf("docs/templates.md documents view.%s.%s, which does not exist", name, f)
			}
		}
	}
}

// TestEveryViewTypeIsCheckedAgainstTheDoc keeps viewTypes whole: a new
// exported type of package view must be added there, and so documented.
func TestEveryViewTypeIsCheckedAgainstTheDoc(t *testing.T) {
	pkgs, err := parser.ParseDir(token.NewFileSet(), "../view", func(fi os.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, f := range p.Files {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.TYPE {
					continue
				}
				for _, s := range g.Specs {
					name := s.(*ast.TypeSpec).Name.Name
					if ast.IsExported(name) && viewTypes[name] == nil {
						t.Errorf("view.%s is not in viewTypes, so docs/templates.md is not checked for it", name)
					}
				}
			}
		}
	}
}

// TestTemplatesDocNamesEveryHelperAndNoOther fails when a template helper
// is not documented under "## Helpers", or a documented one does not exist.
func TestTemplatesDocNamesEveryHelperAndNoOther(t *testing.T) {
	documented := docSections(t)["Helpers"]
	if len(documented) == 0 {
		t.Fatal("docs/templates.md has no \"## Helpers\" list")
	}
	r, err := New("", "en")
	if err != nil {
		t.Fatal(err)
	}
	helpers := map[string]bool{}
	for _, m := range []map[string]any{r.funcs()} {
		for name := range m {
			helpers[name] = true
		}
	}
	for name := range helpers {
		if !slices.Contains(documented, name) {
			t.Errorf("docs/templates.md does not document the helper %s", name)
		}
	}
	for _, name := range documented {
		if !helpers[name] {
			t.Errorf("docs/templates.md documents the helper %s, which does not exist", name)
		}
	}
}
