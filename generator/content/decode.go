package content

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"reportsite/generator/diag"
	"reportsite/generator/suggest"
)

// maxNodeVisits bounds the work of decoding one file, so that a file using
// YAML aliases to multiply itself (an "alias bomb") is refused instead of
// being expanded.
const maxNodeVisits = 200_000

// errTooComplex stops decoding a file that exceeded maxNodeVisits.
type errTooComplex struct{}

// decoder turns one file's YAML nodes into model values and records every
// problem it meets with its position; it never stops at the first one.
type decoder struct {
	file   string
	diags  *diag.List
	visits int
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.diags.Errorf(d.pos(n), format, args...)
}

// resolve follows aliases and counts the work done on the file.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		d.visit()
		n = n.Alias
	}
	d.visit()
	return n
}

func (d *decoder) visit() {
	d.visits++
	if d.visits > maxNodeVisits {
		panic(errTooComplex{})
	}
}

// describe names a node's kind the way an editor would see it.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a list of \"key: value\" lines"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return n.Value
		}
		return strconv.Quote(n.Value)
	}
	return "something else"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// mapping walks a mapping node: it reports duplicate keys, keys not in
// fields (suggesting the closest one) and missing required fields, and
// calls each for every known key. where names the mapping in messages,
// e.g. "this contribution".
func (d *decoder) mapping(n *yaml.Node, where string, fields []Field, each func(key string, val *yaml.Node)) {
	n = d.resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s should be %s, found %s", where, describe(&yaml.Node{Kind: yaml.MappingNode}), describe(n))
		return
	}
	seen := map[string]*yaml.Node{}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a field name should be a plain word such as %q", names[0])
			continue
		}
		key := k.Value
		if first, dup := seen[key]; dup {
			d.errorf(k, "field %q is written twice (first on line %d); keep one", key, first.Line)
			continue
		}
		seen[key] = k
		f, known := fieldNamed(fields, key)
		switch {
		case !known:
			d.errorf(k, "unknown field %q%s", key, hint(key, names, "allowed fields are "+strings.Join(names, ", ")))
		case isNull(d.resolve(v)) && f.Required:
			d.errorf(k, "%s is required but empty; write its value after the colon", key)
		case isNull(d.resolve(v)):
			// An optional field left empty, as in a skeleton, is absent.
		default:
			each(key, v)
		}
	}
	for _, f := range fields {
		if f.Required && seen[f.Name] == nil {
			d.errorf(n, "%s is missing the required field %q", where, f.Name)
		}
	}
}

func fieldNamed(fields []Field, name string) (Field, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

func knownName(names []string, key string) bool {
	for _, n := range names {
		if n == key {
			return true
		}
	}
	return false
}

// hint returns "; did you mean "x"?" when a candidate is close to got,
// else "; " followed by the fallback advice (when not empty).
func hint(got string, candidates []string, fallback string) string {
	if s := suggest.Closest(got, candidates); s != "" {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	if fallback == "" {
		return ""
	}
	return "; " + fallback
}

// text reads a plain text value. Any scalar is accepted as text, so that a
// title such as 2023 needs no quotes.
func (d *decoder) text(v *yaml.Node, key string) Text {
	v = d.resolve(v)
	if v.Kind != yaml.ScalarNode || isNull(v) {
		d.errorf(v, "%s should be text, found %s", key, describe(v))
		return Text{}
	}
	value := v.Value
	if v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		value = strings.TrimSpace(value)
	}
	if value == "" {
		d.errorf(v, "%s is empty; write a value or remove the line", key)
		return Text{}
	}
	return Text{Value: value, Pos: d.pos(v)}
}

// enum reads a text value that must be one of allowed.
func (d *decoder) enum(v *yaml.Node, key string, allowed []string) Text {
	t := d.text(v, key)
	if t.Set() && !knownName(allowed, t.Value) {
		d.errorf(d.resolve(v), "%s %q is not allowed%s", key, t.Value,
			hint(t.Value, allowed, "write one of: "+strings.Join(allowed, ", ")))
		return Text{}
	}
	return t
}

// webURL reads an http or https address.
func (d *decoder) webURL(v *yaml.Node, key string) Text {
	t := d.text(v, key)
	if !t.Set() {
		return t
	}
	if msg := checkWebURL(t.Value); msg != "" {
		d.errorf(d.resolve(v), "%s %q %s", key, t.Value, msg)
		return Text{}
	}
	return t
}

// checkWebURL returns why raw is not a usable http(s) address, or "".
func checkWebURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "is not a web address; write it in full, starting with https://"
	}
	if s := strings.ToLower(u.Scheme); s != "http" && s != "https" {
		return "is not allowed: only http:// and https:// addresses can be linked"
	}
	if u.Host == "" {
		return "has no host name; write it in full, e.g. https://example.org/"
	}
	return ""
}

var wholeNumber = regexp.MustCompile(`^[0-9]+$`)
var groupedNumber = regexp.MustCompile(`^[0-9]{1,3}([.,  ][0-9]{3})+$`)

// whole reads a whole number that is zero or more.
func (d *decoder) whole(v *yaml.Node, key string) Number {
	v = d.resolve(v)
	if v.Kind != yaml.ScalarNode || isNull(v) {
		d.errorf(v, "%s should be a whole number, found %s", key, describe(v))
		return Number{}
	}
	s := strings.TrimSpace(v.Value)
	s = strings.TrimPrefix(s, "+")
	switch {
	case wholeNumber.MatchString(s) && v.Tag == "!!int":
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n > maxWhole {
			d.errorf(v, "%s %s is too large", key, v.Value)
			return Number{}
		}
		return Number{Value: n, Pos: d.pos(v)}
	case strings.HasPrefix(s, "-") && (v.Tag == "!!int" || v.Tag == "!!float"):
		d.errorf(v, "%s cannot be negative (found %s)", key, v.Value)
	case v.Tag == "!!float":
		d.errorf(v, "%s should be a whole number, found %s; write it without a fraction", key, v.Value)
	case groupedNumber.MatchString(s):
		plain := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
		d.errorf(v, "%s should be written without thousands separators: write %s instead of %s", key, plain, v.Value)
	default:
		d.errorf(v, "%s should be a whole number, found %s", key, describe(v))
	}
	return Number{}
}

// maxWhole keeps sums of many numbers far from overflowing int64: it is a
// thousand trillion VND.
const maxWhole = 1_000_000_000_000_000

// year reads a four-digit year.
func (d *decoder) year(v *yaml.Node, key string) Number {
	n := d.whole(v, key)
	if n.Set() && (n.Value < 1900 || n.Value > 2200) {
		d.errorf(d.resolve(v), "%s %d is not a plausible year; write four digits, e.g. 2023", key, n.Value)
		return Number{}
	}
	return n
}

// date reads a day written YYYY-MM-DD and checks that it exists.
func (d *decoder) date(v *yaml.Node, key string) Date {
	v = d.resolve(v)
	if v.Kind != yaml.ScalarNode || isNull(v) {
		d.errorf(v, "%s should be a date written YYYY-MM-DD, found %s", key, describe(v))
		return Date{}
	}
	s := strings.TrimSpace(v.Value)
	t, err := time.Parse(time.DateOnly, s)
	if err == nil {
		return Date{Time: t, Pos: d.pos(v)}
	}
	var y, m, day int
	if n, _ := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &day); n == 3 && len(s) == 10 {
		switch {
		case m < 1 || m > 12:
			d.errorf(v, "%s %s is not a real date: there is no month %d", key, s, m)
		default:
			last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			d.errorf(v, "%s %s is not a real date: %s %d has %d days", key, s, time.Month(m), y, last)
		}
		return Date{}
	}
	d.errorf(v, "%s %q should be a date written YYYY-MM-DD, e.g. 2023-09-05", key, s)
	return Date{}
}

// unitRef reads the ID of a unit; whether the unit exists is checked later.
func (d *decoder) unitRef(v *yaml.Node, key string) Ref {
	t := d.text(v, key)
	if !t.Set() {
		return Ref{}
	}
	if !ValidID(t.Value) {
		d.errorf(d.resolve(v), "%s %q is not a unit ID: IDs are the unit's file name without .yaml, in lowercase letters, digits and hyphens", key, t.Value)
		return Ref{}
	}
	return Ref{ID: t.Value, Pos: t.Pos}
}

// sequence walks a list, calling each for every element. A single value
// where a list is expected is an error with a hint.
func (d *decoder) sequence(v *yaml.Node, key, example string, each func(*yaml.Node)) {
	v = d.resolve(v)
	if isNull(v) {
		return
	}
	if v.Kind != yaml.SequenceNode {
		d.errorf(v, "%s should be a list, e.g. %s; found %s", key, example, describe(v))
		return
	}
	for _, e := range v.Content {
		each(e)
	}
}

// unitRefs reads a list of unit IDs.
func (d *decoder) unitRefs(v *yaml.Node, key string) []Ref {
	var refs []Ref
	d.sequence(v, key, "[unit-a, unit-b]", func(e *yaml.Node) {
		if r := d.unitRef(e, key); r.ID != "" {
			refs = append(refs, r)
		}
	})
	return refs
}

// itemCounts reads a mapping of item kind to whole number, keeping the
// order in which the editor wrote the kinds.
func (d *decoder) itemCounts(v *yaml.Node, key string) []Count {
	v = d.resolve(v)
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		d.errorf(v, "%s should list kinds and amounts, e.g. {books: 85}; found %s", key, describe(v))
		return nil
	}
	var counts []Count
	seen := map[string]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := d.resolve(v.Content[i])
		kind := strings.TrimSpace(k.Value)
		if k.Kind != yaml.ScalarNode || kind == "" || isNull(k) {
			d.errorf(k, "an item kind should be a word such as books")
			continue
		}
		if line, dup := seen[kind]; dup {
			d.errorf(k, "item kind %q is written twice (first on line %d); add the amounts together", kind, line)
			continue
		}
		seen[kind] = k.Line
		n := d.whole(v.Content[i+1], kind)
		if n.Set() {
			counts = append(counts, Count{Kind: kind, Count: n})
		}
	}
	return counts
}

// yearCounts reads a unit's staff by year.
func (d *decoder) yearCounts(v *yaml.Node, key string) []Staff {
	v = d.resolve(v)
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.MappingNode {
		d.errorf(v, "%s should give a headcount per year, e.g. {2023: 42, 2024: 44}; found %s", key, describe(v))
		return nil
	}
	var staff []Staff
	seen := map[int64]int{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		y := d.year(v.Content[i], "the year in "+key)
		if !y.Set() {
			continue
		}
		if line, dup := seen[y.Value]; dup {
			d.errorf(d.resolve(v.Content[i]), "year %d is written twice in %s (first on line %d); keep one", y.Value, key, line)
			continue
		}
		seen[y.Value] = y.Pos.Line
		n := d.whole(v.Content[i+1], fmt.Sprintf("%s for %d", key, y.Value))
		if n.Set() {
			staff = append(staff, Staff{Year: int(y.Value), Count: n})
		}
	}
	return staff
}
