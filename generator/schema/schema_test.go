package schema_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"reportsite/generator/cli"
	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/schema"
	"reportsite/generator/validate"
)

var update = flag.Bool("update", false, "rewrite the files under schema/ from the field tables")

// schemaDir and contentDir are the repository's schema/ and example
// content/ folders, seen from this package.
const (
	schemaDir  = "../../schema"
	contentDir = "../../content"
)

func TestCommittedSchemasMatchFieldTables(t *testing.T) {
	if *update {
		if err := os.MkdirAll(schemaDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, kind := range schema.Kinds {
		want, err := schema.Generate(kind)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(schemaDir, kind+".schema.json")
		if *update {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%v; write it with: go test ./generator/schema -update", err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what the field tables in generator/content generate; regenerate it with: go test ./generator/schema -update", path)
		}
	}
	entries, err := os.ReadDir(schemaDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		kind, ok := strings.CutSuffix(e.Name(), ".schema.json")
		if ok && !slices.Contains(schema.Kinds, kind) {
			t.Errorf("%s is not generated from any field table; remove it", filepath.Join(schemaDir, e.Name()))
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, kind := range schema.Kinds {
		first, err := schema.Generate(kind)
		if err != nil {
			t.Fatal(err)
		}
		for range 5 {
			again, _ := schema.Generate(kind)
			if !bytes.Equal(first, again) {
				t.Fatalf("Generate(%q) gave different bytes on a second call", kind)
			}
		}
		if !bytes.HasSuffix(first, []byte("}\n")) {
			t.Errorf("Generate(%q) does not end in a newline", kind)
		}
	}
}

func TestGenerateRefusesUnknownKind(t *testing.T) {
	if _, err := schema.Generate("units"); err == nil {
		t.Error(`Generate("units") succeeded, want an error naming the kinds`)
	}
}

// compile compiles the generated schemas, checking them against the
// draft 2020-12 meta-schema. As in draft 2020-12 by default, "format" is
// only a note, so that the patterns are what is tested: not every editor
// checks formats.
func compile(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	return compileWith(t, jsonschema.NewCompiler())
}

// compileWith compiles the generated schemas with c.
func compileWith(t *testing.T, c *jsonschema.Compiler) map[string]*jsonschema.Schema {
	t.Helper()
	schemas := map[string]*jsonschema.Schema{}
	for _, kind := range schema.Kinds {
		data, err := schema.Generate(kind)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		url := schema.IDBase + kind + ".schema.json"
		if err := c.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
		if schemas[kind], err = c.Compile(url); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
	}
	return schemas
}

// instance returns a YAML document as a JSON Schema validator sees it:
// mappings become objects with string keys (staff: {2023: 42} has the key
// "2023"), and scalars take the type yaml.v3 resolves for them, except
// that timestamps stay the text that was written. (Decoded into any,
// yaml.v3 turns both 2023-09-05 and 2023-9-5 into the same time.Time,
// which would hide from the schema a date that the loader refuses; a YAML
// 1.2 language server sees the text.)
func instance(data []byte) (any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return value(doc.Content[0])
}

func value(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return value(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			v, err := value(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		list := []any{}
		for _, e := range n.Content {
			v, err := value(e)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
		return list, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!bool", "!!int", "!!float":
			var v any
			err := n.Decode(&v)
			return v, err
		}
		return n.Value, nil
	}
	return nil, fmt.Errorf("line %d: unexpected YAML node kind %d", n.Line, n.Kind)
}

// schemaErrors validates data against the schema of kind and returns why
// it is invalid, or "" when it is valid.
func schemaErrors(schemas map[string]*jsonschema.Schema, kind string, data []byte) string {
	v, err := instance(data)
	if err != nil {
		return err.Error()
	}
	if err := schemas[kind].Validate(v); err != nil {
		var ve *jsonschema.ValidationError
		if errors.As(err, &ve) {
			return fmt.Sprintf("%v", ve.BasicOutput().Errors)
		}
		return err.Error()
	}
	return ""
}

// loaderErrors returns the errors the loader records for data read as a
// file of kind: the shape of one file, as the schema sees it.
func loaderErrors(kind string, data []byte) []string {
	var diags diag.List
	parse(kind, data, &content.Content{}, &diags)
	return errorsOf(&diags)
}

// checkErrors returns the errors reportsite check gives for data read as
// a file of kind in a content folder that also holds the units centre-a,
// centre-b and 42 and the photo media/photo.jpg: the loader's and those
// of the rules that span files.
func checkErrors(kind string, data []byte) []string {
	var diags diag.List
	// testdata/content/media/photo.jpg is a small JPEG, which check reads.
	c := &content.Content{Dir: filepath.Join("testdata", "content"), Media: []string{"media/photo.jpg"}}
	for _, id := range []string{"42", "centre-a", "centre-b"} {
		c.Units = append(c.Units, &content.Unit{ID: id, File: "content/units/" + id + ".yaml"})
	}
	parse(kind, data, c, &diags)
	validate.Check(c, &diags)
	return errorsOf(&diags)
}

// parse reads data as a file of kind into c.
func parse(kind string, data []byte, c *content.Content, diags *diag.List) {
	switch kind {
	case "site":
		c.Site = content.ParseSite(data, "content/site.yaml", diags)
	case "year":
		if y := content.ParseYear(data, "content/years/2023.yaml", "2023", diags); y != nil {
			c.Years = append(c.Years, y)
		}
	case "unit":
		if u := content.ParseUnit(data, "content/units/centre-c.yaml", "centre-c", diags); u != nil {
			c.Units = append(c.Units, u)
		}
	case "activity":
		if a := content.ParseActivity(data, "content/activities/drive.yaml", "drive", diags); a != nil {
			c.Activities = append(c.Activities, a)
		}
	default:
		panic("no kind " + kind)
	}
}

func errorsOf(diags *diag.List) []string {
	var errs []string
	for _, d := range diags.Items() {
		if d.Severity == diag.Error {
			errs = append(errs, d.String())
		}
	}
	return errs
}

// kindOf names the schema of a file in the content folder, or "" when
// the file has none.
func kindOf(rel string) string {
	dir, name := filepath.Split(filepath.ToSlash(rel))
	switch {
	case rel == "site.yaml":
		return "site"
	case !strings.HasSuffix(name, ".yaml"):
		return ""
	case dir == "years/":
		return "year"
	case dir == "units/":
		return "unit"
	case dir == "activities/":
		return "activity"
	}
	return ""
}

func TestExampleContentValidates(t *testing.T) {
	schemas := compile(t)
	found := 0
	err := filepath.WalkDir(contentDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(contentDir, path)
		kind := kindOf(rel)
		if d.IsDir() || kind == "" {
			return nil
		}
		found++
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if why := schemaErrors(schemas, kind, data); why != "" {
				t.Errorf("%s does not validate against schema/%s.schema.json: %s\nthe loader says: %q", path, kind, why, loaderErrors(kind, data))
			}
		})
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no example content folder yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Skip("the example content folder holds no YAML files yet")
	}
}

func TestSkeletonsValidateOnceFilledIn(t *testing.T) {
	schemas := compile(t)
	tests := []struct {
		kind, folder string
		required     string // the required field, filled with a value
		fill         string
	}{
		{"unit", "units", "name", "Centre for Testing"},
		{"activity", "activities", "title", "Donating Bookshelves 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			cmd := &cli.Command{Stdout: &stdout, Stderr: &stderr, Now: func() time.Time {
				return time.Date(2026, time.March, 1, 9, 0, 0, 0, time.UTC)
			}}
			if status := cmd.Run([]string{"new", tt.kind, "test-" + tt.kind, "--content", dir}); status != cli.ExitOK {
				t.Fatalf("reportsite new %s: status %d: %s", tt.kind, status, stderr.String())
			}
			skeleton, err := os.ReadFile(filepath.Join(dir, tt.folder, "test-"+tt.kind+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if why := schemaErrors(schemas, tt.kind, skeleton); why == "" {
				t.Errorf("the skeleton validates with %s left empty, want it underlined", tt.required)
			}
			line := regexp.MustCompile(`(?m)^` + tt.required + `:`)
			if len(line.FindAllIndex(skeleton, -1)) != 1 {
				t.Fatalf("the skeleton has no single %q line:\n%s", tt.required+":", skeleton)
			}
			filled := line.ReplaceAll(skeleton, []byte(tt.required+": "+tt.fill))
			if why := schemaErrors(schemas, tt.kind, filled); why != "" {
				t.Errorf("the filled-in skeleton does not validate: %s\n%s", why, filled)
			}
			if errs := checkErrors(tt.kind, filled); errs != nil {
				t.Errorf("reportsite check refuses the filled-in skeleton: %q", errs)
			}
		})
	}
}
