// Package schema writes the JSON Schemas (draft 2020-12) of the content
// files from the field tables of package content. Editors with a YAML
// language server, such as VS Code with Red Hat's YAML extension, use them
// to complete field names, explain fields on hover and underline mistakes
// while the editor types; reportsite check remains the judge, and the
// schemas are written to agree with it on the shape of every file.
//
// The generated files are committed under schema/ at the top of the
// repository. After changing a field table in package content, regenerate
// them with
//
//	go test ./generator/schema -update
//
// Without -update the same test fails when a committed file differs from
// what the tables generate, so the schemas cannot drift from the loader.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"

	"reportsite/generator/content"
)

// Kinds are the kinds of content file that have a schema, in the order of
// the content reference: site.yaml, years/<year>.yaml, units/<id>.yaml and
// activities/<id>.yaml. The schema of kind K is written to
// schema/K.schema.json.
var Kinds = []string{"site", "year", "unit", "activity"}

// IDBase is the prefix of every schema's $id. It names the schema; nothing
// is fetched from it, and .example is reserved so that it never will be.
const IDBase = "https://reportsite.example/schema/"

// draft is the JSON Schema dialect of the generated files. They use only
// keywords that draft-07 already had, so that older YAML language servers
// understand them too.
const draft = "https://json-schema.org/draft/2020-12/schema"

// The limits below repeat the loader's (package content keeps them
// unexported); the tests feed values on both sides of each limit to the
// loader and to the schemas, so a change on one side alone fails them.
const (
	// maxWhole is the largest whole number the loader accepts.
	maxWhole = 1_000_000_000_000_000
	// minYear and maxYear bound a plausible year.
	minYear, maxYear = 1900, 2200
	// idPattern is the pattern of a unit or activity ID.
	idPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`
	// yearPattern matches the years minYear to maxYear written as digits,
	// for the keys of staff mappings (JSON property names are strings).
	yearPattern = `^(19[0-9]{2}|2[01][0-9]{2}|2200)$`
	// textPattern asks for something other than spaces: the loader trims
	// plain text and rejects it when nothing is left.
	textPattern = `\S`
	// urlPattern approximates the loader's check of an address (url.Parse,
	// an http or https scheme in any case, a host name).
	urlPattern = `^[Hh][Tt][Tt][Pp][Ss]?://([^/?#@\s]*@)?[^/?#@\s]+([/?#].*)?$`
	// editURLPattern is urlPattern with {path} after the host, as the
	// loader wants of edit_url.
	editURLPattern = `^[Hh][Tt][Tt][Pp][Ss]?://([^/?#@\s]*@)?[^/?#@\s{}]+[/?#].*\{path\}`
	// datePattern matches the days that exist, written YYYY-MM-DD, as the
	// loader's time.Parse does: 31, 30 or 28 days by month, and 29
	// February only in leap years (divisible by 4, centuries only when
	// divisible by 400).
	datePattern = `^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))` +
		`|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[048]|[2468][048]|[13579][26])00)-02-29)$`
)

// file describes the schema of one kind of content file.
type file struct {
	title       string
	description string
	fields      []content.Field
}

var files = map[string]file{
	"site": {
		title:       "reportsite site.yaml",
		description: "The bloc itself: content/site.yaml.",
		fields:      content.SiteFields,
	},
	"year": {
		title:       "reportsite year file",
		description: "One year's report or plan: content/years/<year>.yaml, named after its year.",
		fields:      content.YearFields,
	},
	"unit": {
		title:       "reportsite unit file",
		description: "A member unit of the bloc: content/units/<id>.yaml; the file name is the unit's ID.",
		fields:      content.UnitFields,
	},
	"activity": {
		title:       "reportsite activity file",
		description: "One activity of the bloc: content/activities/<id>.yaml; the file name is the activity's ID.",
		fields:      content.ActivityFields,
	},
}

// patternMessages explain each pattern to editors. patternErrorMessage is
// not a JSON Schema keyword: the YAML language server (VS Code's YAML
// extension) shows it instead of the bare pattern when a value does not
// match, and other validators ignore it.
var patternMessages = map[string]string{
	textPattern:           "Write a value here; spaces alone do not count.",
	idPattern:             "Write a unit ID: the unit's file name without .yaml, in lowercase letters a-z, digits and single hyphens, e.g. centre-water.",
	yearPattern:           "Write a year from 1900 to 2200, e.g. 2023.",
	urlPattern:            "Write a full address starting with https:// or http://, e.g. https://example.org/.",
	datePattern:           "Write a day that exists, as YYYY-MM-DD, e.g. 2023-09-05.",
	content.BranchPattern: "Write the branch as git names it, in letters, digits, - and _, with . or / between words, e.g. main or release/2024.",
	editURLPattern:        "Write a full address starting with https:// or http://, with {path} where the file's path goes, e.g. https://git.example.org/bloc/report/_edit/main/{path}.",
}

// node is one JSON Schema object. Its fields are in the order they are
// written out, so that each schema reads from what a value is to its rules.
type node struct {
	Schema               string           `json:"$schema,omitempty"`
	ID                   string           `json:"$id,omitempty"`
	Title                string           `json:"title,omitempty"`
	Description          string           `json:"description,omitempty"`
	Type                 any              `json:"type,omitempty"` // a string, or a list of them
	Enum                 []any            `json:"enum,omitempty"`
	Format               string           `json:"format,omitempty"`
	Pattern              string           `json:"pattern,omitempty"`
	PatternErrorMessage  string           `json:"patternErrorMessage,omitempty"` // see patternMessages
	MaxLength            int              `json:"maxLength,omitempty"`
	Minimum              *int64           `json:"minimum,omitempty"`
	Maximum              *int64           `json:"maximum,omitempty"`
	Items                *node            `json:"items,omitempty"`
	UniqueItems          bool             `json:"uniqueItems,omitempty"`
	Properties           map[string]*node `json:"properties,omitempty"`
	PropertyNames        *node            `json:"propertyNames,omitempty"`
	AdditionalProperties any              `json:"additionalProperties,omitempty"` // false, or a *node
	Required             []string         `json:"required,omitempty"`
}

// Generate returns the JSON Schema of kind, one of Kinds, as indented JSON
// ending in a newline. The same tables always give the same bytes.
func Generate(kind string) ([]byte, error) {
	f, ok := files[kind]
	if !ok {
		return nil, fmt.Errorf("schema: no content file of kind %q; the kinds are %v", kind, Kinds)
	}
	root, err := object(f.fields)
	if err != nil {
		return nil, fmt.Errorf("schema: %s: %w", kind, err)
	}
	root.Schema = draft
	root.ID = IDBase + kind + ".schema.json"
	root.Title = f.title
	root.Description = f.description
	root.Type = "object"
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep "<id>" in descriptions readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// object returns the schema of a mapping whose keys are fields: no other
// keys, and the required ones present.
func object(fields []content.Field) (*node, error) {
	n := &node{Type: "object", Properties: map[string]*node{}, AdditionalProperties: false}
	for _, f := range fields {
		p, err := field(f)
		if err != nil {
			return nil, err
		}
		n.Properties[f.Name] = p
		if f.Required {
			n.Required = append(n.Required, f.Name)
		}
	}
	return n, nil
}

// field returns the schema of one field's value. An optional field may be
// left empty (null), as skeletons do: the loader treats it as absent. A
// required one may not.
func field(f content.Field) (*node, error) {
	var n *node
	switch f.Type {
	case content.TypeText, content.TypeMarkdown:
		n = text()
	case content.TypeWhole:
		n = whole()
	case content.TypeYear:
		n = &node{Type: "integer", Minimum: number(minYear), Maximum: number(maxYear)}
	case content.TypeDate:
		n = &node{Type: "string", Format: "date", Pattern: datePattern, PatternErrorMessage: patternMessages[datePattern]}
	case content.TypeURL:
		n = &node{Type: "string", Pattern: urlPattern, PatternErrorMessage: patternMessages[urlPattern]}
	case content.TypeBranch:
		n = &node{Type: []string{"string", "number"}, Pattern: content.BranchPattern, PatternErrorMessage: patternMessages[content.BranchPattern]}
	case content.TypeEditURL:
		n = &node{Type: "string", Pattern: editURLPattern, PatternErrorMessage: patternMessages[editURLPattern]}
	case content.TypeUnitRef:
		n = unitRef()
	case content.TypeUnitRefs:
		// Listing a unit twice is an error of reportsite check.
		n = &node{Type: "array", Items: unitRef(), UniqueItems: true}
	case content.TypeEnum:
		if len(f.Enum) == 0 {
			return nil, fmt.Errorf("field %q is an enum without values", f.Name)
		}
		n = &node{}
		for _, v := range f.Enum {
			n.Enum = append(n.Enum, v)
		}
		if !f.Required {
			n.Enum = append(n.Enum, nil)
		}
	case content.TypeObject:
		obj, err := object(f.Fields)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		n = obj
	case content.TypeObjects:
		item, err := object(f.Fields)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		n = &node{Type: "array", Items: item}
	case content.TypeItemCounts:
		// Any word names a kind of item; only an empty one is refused.
		n = &node{Type: "object", AdditionalProperties: whole(), PropertyNames: &node{
			Pattern: textPattern, PatternErrorMessage: "Write a kind of item, such as books.",
		}}
	case content.TypeYearCounts:
		n = &node{Type: "object", AdditionalProperties: whole(), PropertyNames: &node{
			Pattern: yearPattern, PatternErrorMessage: patternMessages[yearPattern],
		}}
	default:
		return nil, fmt.Errorf("field %q has content.Type %d, which generator/schema does not know; add it to field()", f.Name, f.Type)
	}
	n.Description = f.Doc
	if !f.Required && n.Enum == nil {
		n.Type = orNull(n.Type)
	}
	return n, nil
}

// text is any scalar with something in it: the loader reads numbers and
// true/false as text, so that a title such as 2023 needs no quotes.
func text() *node {
	return &node{Type: []string{"string", "number", "boolean"}, Pattern: textPattern, PatternErrorMessage: patternMessages[textPattern]}
}

// whole is a whole number from 0 to maxWhole.
func whole() *node {
	return &node{Type: "integer", Minimum: number(0), Maximum: number(maxWhole)}
}

// unitRef is the ID of a unit. The loader reads it as text, so a unit
// whose ID is all digits may be named by a number without quotes.
func unitRef() *node {
	return &node{
		Type:                []string{"string", "integer"},
		Pattern:             idPattern,
		PatternErrorMessage: patternMessages[idPattern],
		MaxLength:           content.MaxIDLength,
		Minimum:             number(0),
	}
}

// orNull adds "null" to a type.
func orNull(t any) any {
	switch t := t.(type) {
	case string:
		return []string{t, "null"}
	case []string:
		return append(t, "null")
	}
	panic(fmt.Sprintf("schema: type %#v", t))
}

func number(n int64) *int64 {
	return &n
}
