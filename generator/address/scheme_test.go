package address

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The tests below keep the address scheme in this package: they read the
// Go files of every other package and the default templates, and fail on
// a string that builds a page's or a data file's path by hand.

// moduleRoot is the repository's root, seen from this package's folder.
const moduleRoot = "../.."

// contentPackages name the files of the content folder, whose folders
// share their names with the site's: units/x.yaml is known as "units/x".
// Their "units/" and "activities/" are not addresses, so only that rule
// is lifted for them.
var contentPackages = []string{"generator/content", "generator/validate"}

// schemeLiterals returns, for each string literal of src that writes part
// of the address scheme, its position and why. inContent lifts the rule
// on the folders that content shares with the site.
func schemeLiterals(fset *token.FileSet, name string, src any, inContent bool) ([]string, error) {
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var found []string
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		var parent ast.Node
		if len(stack) > 0 {
			parent = stack[len(stack)-1]
		}
		stack = append(stack, n)
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		v, err := strconv.Unquote(lit.Value)
		if err != nil {
			return true
		}
		if why := schemeRule(v, parent, inContent); why != "" {
			found = append(found, fset.Position(lit.Pos()).String()+": "+lit.Value+" "+why)
		}
		return true
	})
	return found, nil
}

// schemeRule says which rule the literal v, within parent, breaks, or "".
func schemeRule(v string, parent ast.Node, inContent bool) string {
	built := false    // v is joined to other strings or compared with them
	repeated := false // v is repeated, as a root is made
	switch p := parent.(type) {
	case *ast.BinaryExpr:
		built = true
		repeated = p.Op == token.ADD
	case *ast.CallExpr:
		if sel, ok := p.Fun.(*ast.SelectorExpr); ok {
			if pkg, ok := sel.X.(*ast.Ident); ok {
				built = pkg.Name == "strings" || pkg.Name == "path" || pkg.Name == "fmt"
				repeated = pkg.Name == "strings" && sel.Sel.Name == "Repeat"
			}
		}
	}
	switch {
	case strings.Contains(v, page) && v != page:
		return "writes a page's path; use a function of package address"
	case (v == page || v == NotFound) && built:
		return "builds or reads a page's path; use a function of package address"
	case strings.HasPrefix(v, dataDir):
		return "writes a data file's path; use address.Data"
	case !inContent && (strings.HasPrefix(v, unitsDir) || strings.HasPrefix(v, activitiesDir)):
		return "writes a page's folder; use a function of package address"
	case v == "../" && repeated:
		return "builds the way back to the root; use address.Root"
	}
	return ""
}

func TestNoOtherPackageWritesTheScheme(t *testing.T) {
	fset := token.NewFileSet()
	var found []string
	for _, top := range []string{"cmd", "generator", "templates"} {
		err := filepath.WalkDir(filepath.Join(moduleRoot, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(moduleRoot, p)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if rel == "generator/address" || d.Name() == "testdata" || d.Name() == "node_modules" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, "_test.go") {
				return nil
			}
			inContent := slices.Contains(contentPackages, filepath.ToSlash(filepath.Dir(rel)))
			f, err := schemeLiterals(fset, p, nil, inContent)
			found = append(found, f...)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range found {
		t.Error(f)
	}
}

// TestSchemeLiteralsAreFound checks the check itself, on code that writes
// addresses as the packages did before this one.
func TestSchemeLiteralsAreFound(t *testing.T) {
	const src = `package p

func f(root, id string, y int, name string) {
	_ = root + "units/" + id + "/index.html"
	_ = root + strconv.Itoa(y) + "/index.html"
	_ = fmt.Sprintf("data/%d/%s", y, name)
	_ = strings.TrimSuffix(name, "index.html")
	_ = name == "404.html"
	_ = strings.Repeat("../", 2)
	_ = root + "activities/index.html"
	_ = "../" + root
}

func fine(name string) {
	page("index.html", "404.html") // template names
	_ = "assets/style.css"
	_ = "units.html"
	_ = content["units/"+name]
	_ = strings.HasPrefix(name, "../")
}
`
	found, err := schemeLiterals(token.NewFileSet(), "p.go", src, false)
	if err != nil {
		t.Fatal(err)
	}
	wantLines := []int{4, 4, 5, 6, 7, 8, 9, 10, 11, 18}
	var lines []int
	for _, f := range found {
		_, rest, _ := strings.Cut(f, ":")
		n, _, _ := strings.Cut(rest, ":")
		line, _ := strconv.Atoi(n)
		lines = append(lines, line)
	}
	if !slices.Equal(lines, wantLines) {
		t.Errorf("found on lines %v, want %v:\n%s", lines, wantLines, strings.Join(found, "\n"))
	}
	// In content, "units/" names a content file.
	found, _ = schemeLiterals(token.NewFileSet(), "p.go", src, true)
	if len(found) != len(wantLines)-2 {
		t.Errorf("in content, found %d, want %d:\n%s", len(found), len(wantLines)-2, strings.Join(found, "\n"))
	}
}

// rootThenPath finds {{.Root}} (or $root, $.Root) written just before a
// path, in a template.
var rootThenPath = regexp.MustCompile(`\{\{-?\s*(?:\$?\.Root|\$root)\s*-?\}\}([^"'\s>{]*)`)

// action is a template's action, {{...}}.
var action = regexp.MustCompile(`(?s)\{\{.*?\}\}`)

// TestTemplatesLinkPagesThroughHelpers keeps the default templates, which
// sites copy to start their own, from writing a page's path after
// {{.Root}}: they call homeURL, yearURL, unitURL... instead. Only assets
// are written as paths.
func TestTemplatesLinkPagesThroughHelpers(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(moduleRoot, "templates", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates found: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range rootThenPath.FindAllSubmatch(data, -1) {
			// {{.Root}}{{.File.Value}} is a media file's path from content.
			if len(m[1]) > 0 && !strings.HasPrefix(string(m[1]), "assets/") {
				t.Errorf("%s: %s writes a page's path; use homeURL, yearURL, unitsURL, unitURL, activitiesURL or activityURL", filepath.Base(file), m[0])
			}
		}
		// Outside actions, where template names such as "index.html" are.
		if text := action.ReplaceAll(data, nil); strings.Contains(string(text), page) {
			t.Errorf("%s writes index.html outside a helper; use homeURL, yearURL, unitsURL, unitURL, activitiesURL or activityURL", filepath.Base(file))
		}
	}
}
