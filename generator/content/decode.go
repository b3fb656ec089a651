package content

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

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
	data   []byte   // the file
	lines  []string // its lines, split when a block first needs them
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.diags.Errorf(d.pos(n), format, args...)
}

// resolve follows aliases and counts the work done on the file. A value
// reached through an alias keeps the alias's position, so that a message
// about it points where it is used (*name), not where it was defined.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	if n == nil || n.Kind != yaml.AliasNode {
		d.visit()
		return n
	}
	use := n
	for n != nil && n.Kind == yaml.AliasNode {
		d.visit()
		n = n.Alias
	}
	d.visit()
	if n == nil {
		return use
	}
	at := *n
	at.Line, at.Column = use.Line, use.Column
	return &at
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
		return "\"key: value\" lines"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return "nothing"
		case "!!int", "!!float", "!!bool":
			// A tag such as !!int "1\n2" can make anything a number.
			if hasControl(n.Value) {
				return strconv.Quote(n.Value)
			}
			if n.Tag == "!!bool" {
				return n.Value
			}
			return "the number " + n.Value
		}
		return strconv.Quote(n.Value)
	}
	return "something else"
}

// hasControl reports whether s holds control characters such as a line
// break, which a value shown unquoted in a message must not.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, unicode.IsControl)
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
		d.errorf(n, "%s should be \"key: value\" lines such as \"%s: ...\", found %s", where, fields[0].Name, describe(n))
		return
	}
	seen := map[string]*yaml.Node{}
	// meant holds the fields suggested for misspelt keys, which are then
	// not reported missing as well.
	meant := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := d.resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a field name should be a plain word such as %q", fields[0].Name)
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
			names := fieldNames(fields)
			d.errorf(k, "unknown field %q%s", key, hint(key, names, "allowed fields are "+strings.Join(names, ", ")))
			meant[suggest.Closest(key, names)] = true
		case isNull(d.resolve(v)) && f.Required:
			d.errorf(k, "%s is required but empty; write its value after the colon", key)
		case isNull(d.resolve(v)):
			// An optional field left empty, as in a skeleton, is absent.
		default:
			each(key, v)
		}
	}
	for _, f := range fields {
		if f.Required && seen[f.Name] == nil && !meant[f.Name] {
			d.errorf(n, "%s is missing the required field %q (%s)", where, f.Name, lowerFirst(strings.TrimSuffix(f.Doc, ".")))
		}
	}
}

// lowerFirst lowers the first letter of a field's Doc sentence, to use it
// inside a message.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// fieldNames returns the names of fields, for messages.
func fieldNames(fields []Field) []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	return names
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
	if v.Kind == yaml.SequenceNode {
		d.errorf(v, "%s should be text, found a list; write the text after \"%s:\" without \"- \" or [ ]", key, key)
		return Text{}
	}
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
	t := Text{Value: value, Pos: d.pos(v)}
	if v.Style&yaml.LiteralStyle != 0 {
		t.BlockIndent = d.blockIndent(v.Line)
	}
	return t
}

// blockIndent returns the indentation of the first non-blank line after
// line, where the lines of a "|" block start.
func (d *decoder) blockIndent(line int) int {
	if d.lines == nil {
		d.lines = strings.Split(string(d.data), "\n")
	}
	for i := line; i < len(d.lines); i++ {
		text := strings.TrimRight(d.lines[i], "\r")
		if trimmed := strings.TrimLeft(text, " "); trimmed != "" {
			return len(text) - len(trimmed)
		}
	}
	return 0
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

// branchName matches BranchPattern.
var branchName = regexp.MustCompile(BranchPattern)

// branch reads a branch name.
func (d *decoder) branch(v *yaml.Node, key string) Text {
	t := d.text(v, key)
	if t.Set() && !branchName.MatchString(t.Value) {
		d.errorf(d.resolve(v), "%s %q is not a branch name reportsite can link to; write the branch as git names it, in letters, digits, \"-\" and \"_\", with \".\" or \"/\" between words, e.g. main or release/2024", key, t.Value)
		return Text{}
	}
	return t
}

// editURL reads the form of edit links: an http or https address with
// PathPlaceholder after its host.
func (d *decoder) editURL(v *yaml.Node, key string) Text {
	t := d.text(v, key)
	if !t.Set() {
		return t
	}
	const example = "e.g. https://git.example.org/bloc/report/_edit/main/{path}"
	msg := ""
	if !strings.Contains(t.Value, PathPlaceholder) {
		msg = "has no {path}; put {path} where the file's path goes, " + example
	} else if msg = checkWebURL(strings.ReplaceAll(t.Value, PathPlaceholder, "path")); msg == "" {
		if u, err := url.Parse(t.Value); err != nil || strings.Contains(u.Host, PathPlaceholder) || u.Host == "" {
			msg = "has {path} in its host name; put {path} after the host, where the file's path goes, " + example
		}
	}
	if msg != "" {
		d.errorf(d.resolve(v), "%s %q %s", key, t.Value, msg)
		return Text{}
	}
	return t
}

// checkWebURL returns why raw is not a usable http(s) address, or "".
func checkWebURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		// www.example.org: the address without its beginning.
		if full, err := url.Parse("https://" + raw); err == nil && strings.Contains(full.Host, ".") && !strings.ContainsAny(raw, " \t") {
			return fmt.Sprintf("is not a full web address; write it starting with https://, e.g. %s", full)
		}
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

// digits reports whether s is one or more of the digits 0-9.
func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

var groupedNumber = regexp.MustCompile(`^[0-9]{1,3}([.,  _][0-9]{3})+$`)

// whole reads a whole number that is zero or more.
func (d *decoder) whole(v *yaml.Node, key string) Number {
	v = d.resolve(v)
	if v.Kind != yaml.ScalarNode || isNull(v) || hasControl(v.Value) {
		d.errorf(v, "%s should be a whole number, found %s", key, describe(v))
		return Number{}
	}
	s := strings.TrimSpace(v.Value)
	s = strings.TrimPrefix(s, "+")
	switch {
	case digits(s) && (v.Tag == "!!int" || v.Tag == "!!float"):
		// Digits alone are a float only when too large for an int.
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n > maxWhole {
			d.errorf(v, "%s %s is too large to be right; check the number", key, v.Value)
			return Number{}
		}
		return Number{Value: n, Pos: d.pos(v)}
	case digits(s) && v.Tag == "!!str":
		d.errorf(v, "%s should be a number, not text in quotes: write %s without the quotes", key, s)
	case strings.HasPrefix(s, "-") && (v.Tag == "!!int" || v.Tag == "!!float"):
		d.errorf(v, "%s cannot be negative (found %s)", key, v.Value)
	case groupedNumber.MatchString(s):
		// Before fractions: 1.040 is a thousand and forty written with a
		// separator far more often than a fraction of a person or a dong.
		plain := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, s)
		d.errorf(v, "%s should be written without thousands separators: write %s instead of %s", key, plain, v.Value)
	case v.Tag == "!!float":
		d.errorf(v, "%s should be a whole number, found %s; write it without a fraction", key, v.Value)
	case strings.ContainsAny(s, "0123456789"):
		d.errorf(v, "%s should be a whole number, found %s; write the number in full with digits only, without units, words or separators (4,2 triệu is 4200000)", key, describe(v))
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
	if v.Kind != yaml.ScalarNode || isNull(v) || hasControl(v.Value) {
		d.errorf(v, "%s should be a date written YYYY-MM-DD, found %s", key, describe(v))
		return Date{}
	}
	s := strings.TrimSpace(v.Value)
	t, err := time.Parse(time.DateOnly, s)
	if err == nil {
		return Date{Time: t, Pos: d.pos(v)}
	}
	var y, m, day int
	if n, _ := fmt.Sscanf(s, "%d-%d-%d", &y, &m, &day); n == 3 && len(s) < 10 && y >= 1000 {
		// 2023-9-5: a real day, written without its zeros.
		if t := time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC); t.Year() == y && int(t.Month()) == m && t.Day() == day {
			d.errorf(v, "%s %q should be written YYYY-MM-DD, with two-digit month and day: write %s", key, s, t.Format(time.DateOnly))
			return Date{}
		}
	}
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
// inList tells that the value is an entry of the list key.
func (d *decoder) unitRef(v *yaml.Node, key string, inList bool) Ref {
	t := d.text(v, key)
	if !t.Set() {
		return Ref{}
	}
	if !ValidID(t.Value) {
		what := fmt.Sprintf("%s %q", key, t.Value)
		if inList {
			what = fmt.Sprintf("%q in %s", t.Value, key)
		}
		msg := "is not a unit ID: IDs are the unit's file name without .yaml, in lowercase letters, digits and hyphens"
		if s := SuggestID(strings.TrimSuffix(path.Base(t.Value), ".yaml")); s != "" {
			msg += fmt.Sprintf(", e.g. %q", s)
		}
		d.errorf(d.resolve(v), "%s %s", what, msg)
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
	example := "[unit-a, unit-b]"
	if r := d.resolve(v); r.Kind == yaml.ScalarNode && ValidID(r.Value) {
		example = "[" + r.Value + "]" // one unit written without brackets
	}
	d.sequence(v, key, example, func(e *yaml.Node) {
		if r := d.unitRef(e, key, true); r.ID != "" {
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
		// The kind names a figure in messages and on pages: one line.
		if k.Kind != yaml.ScalarNode || kind == "" || isNull(k) || hasControl(kind) {
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
			if counts == nil {
				counts = make([]Count, 0, min((len(v.Content)-i)/2, maxPresized))
			}
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
		y := d.year(v.Content[i], key+" year")
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
