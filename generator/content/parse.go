package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"reportsite/generator/diag"
)

// MaxFileSize is the largest content file the loader reads. Larger files
// are refused with a message rather than read into memory.
const MaxFileSize = 5 << 20

// parseDocument checks that data is UTF-8 text of a sensible size and
// parses it as one YAML document, returning its top node, or nil after
// recording why it cannot be read.
func parseDocument(data []byte, file string, diags *diag.List) *yaml.Node {
	whole := diag.Pos{File: file}
	if len(data) > MaxFileSize {
		diags.Errorf(whole, "file is %s, larger than the limit of %s; split it or move long text into a .md file",
			sizeString(len(data)), sizeString(MaxFileSize))
		return nil
	}
	if !validUTF8(data, file, diags) {
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "file is empty; write its fields as \"key: value\" lines")
			return nil
		}
		reportYAMLError(err, data, file, diags)
		return nil
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		diags.Errorf(diag.Pos{File: file, Line: extra.Line, Col: extra.Column},
			"file holds a second YAML document after a \"---\" line; keep one document per file")
	} else if !errors.Is(err, io.EOF) {
		reportYAMLError(err, data, file, diags)
		return nil
	}
	// A "---" line alone starts a document that holds nothing.
	if len(doc.Content) == 0 || isNull(doc.Content[0]) && doc.Content[0].Value == "" {
		diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1}, "file is empty; write its fields as \"key: value\" lines")
		return nil
	}
	return doc.Content[0]
}

// lastLine returns the number of the last line of data that holds text,
// counting lines as YAML does: a line ends with \n, \r\n, a lone \r,
// U+0085, U+2028 or U+2029.
func lastLine(data []byte) int {
	n := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		i += size
		switch r {
		case '\r':
			if i < len(data) && data[i] == '\n' {
				i++
			}
			fallthrough
		case '\n', '\u0085', '\u2028', '\u2029':
			if i < len(data) {
				n++
			}
		}
	}
	return n
}

// sizeString gives n bytes in MB, rounded up so that a file just over the
// limit does not read as the limit itself.
func sizeString(n int) string {
	return fmt.Sprintf("%.1f MB", math.Ceil(float64(n)/(1<<20)*10)/10)
}

func firstInvalidUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[size:]
	}
	return line, col
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// unknownAnchor is the parser's message for an alias without its anchor,
// which names no line.
var unknownAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)

// yamlHints turn the YAML parser's words into advice for editors.
var yamlHints = []struct{ contains, hint string }{
	{"mapping values are not allowed", "either this line is indented more than the field above it, or a value contains \": \" and must be put in quotes"},
	{"found character that cannot start any token", "indent with spaces, not tabs, and put values starting with @ or ` in quotes"},
	{"did not find expected key", "check that this line is indented like the lines of its block"},
	{"could not find expected ':'", "a line is missing the colon after its field name"},
	{"did not find expected '-' indicator", "check the indentation of this list"},
	{"found unknown escape character", "in double quotes a backslash starts an escape; use single quotes instead"},
	{"did not find expected node content", "a list item or value is missing"},
	{"found a tab character", "indent with spaces, not tabs"},
	{"found unexpected end of stream", "a quote (\" or ') or a bracket ([ or {) is opened but never closed"},
	{"did not find expected ',' or ']'", "a list written in [ ] is not closed with ] on its line"},
	{"did not find expected ',' or '}'", "a group written in { } is not closed with } on its line"},
	{"exceeded max depth", "the file is nested too deeply to be content"},
}

// reportYAMLError records a parse error at the line the parser names, with
// a hint when the cause is a common one.
func reportYAMLError(err error, data []byte, file string, diags *diag.List) {
	msg := err.Error()
	pos := diag.Pos{File: file, Line: 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = m[2]
		// yaml.v3 counts the lines of parser errors from 0 (those of
		// scanner errors from 1); they all start "did not find expected".
		if strings.HasPrefix(msg, "did not find expected") {
			pos.Line++
		}
		// It also takes line 0 for "no line", so a quote opened on line 1
		// and never closed is reported past the last line instead.
		if strings.HasSuffix(msg, "found unexpected end of stream") && bytes.HasSuffix(data, []byte("\n")) &&
			pos.Line == lastLine(data)+1 {
			pos.Line = 1
		}
		// The end of the file counts as a line of its own.
		pos.Line = min(pos.Line, lastLine(data))
	} else if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			pos.Line = 1 + bytes.Count(data[:i], []byte("\n"))
			pos.Col = 1 + utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i])
		}
		msg = fmt.Sprintf("the alias *%s refers to no anchor; write &%s before the value it should repeat, or write the value out", m[1], m[1])
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	out := "the file is not valid YAML: " + msg
	for _, h := range yamlHints {
		if strings.Contains(msg, h.contains) {
			out += "; " + h.hint
			break
		}
	}
	diags.Errorf(pos, "%s", out)
}

// utf8BOM is the byte order mark that Notepad and some other Windows
// editors put at the start of a file saved as UTF-8.
var utf8BOM = []byte("\uFEFF")

// normalize returns data without a leading byte order mark and with the
// Windows (\r\n) and old Mac (\r) line ends turned into \n, so that a
// file saved on Windows reads as the same text, with the same lines and
// columns, as the same file saved elsewhere. YAML and CommonMark both
// count all three as line ends; neither counts the mark as a character.
// data is returned as it is when there is nothing to change.
func normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, utf8BOM)
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		if data[i] != '\r' {
			out = append(out, data[i])
			continue
		}
		out = append(out, '\n')
		if i+1 < len(data) && data[i+1] == '\n' {
			i++
		}
	}
	return out
}

// decodeFile runs fn over the document of data, turning a file that makes
// the decoder do too much work (an alias bomb) into an error.
func decodeFile(data []byte, file string, diags *diag.List, fn func(d *decoder, top *yaml.Node)) (ok bool) {
	data = normalize(data)
	top := parseDocument(data, file, diags)
	if top == nil {
		return false
	}
	d := &decoder{file: file, diags: diags, data: data}
	defer func() {
		if r := recover(); r != nil {
			if _, bomb := r.(errTooComplex); !bomb {
				panic(r)
			}
			diags.Errorf(diag.Pos{File: file, Line: 1, Col: 1},
				"file uses YAML aliases (*name) to repeat content too many times; write the values out instead")
			ok = false
		}
	}()
	fn(d, top)
	return true
}

// ParseSite reads site.yaml. It returns nil when the file cannot be read
// as YAML; field problems are recorded in diags and the fields that could
// be read are kept.
func ParseSite(data []byte, file string, diags *diag.List) *Site {
	s := &Site{File: file}
	ok := decodeFile(data, file, diags, func(d *decoder, top *yaml.Node) {
		d.mapping(top, "site.yaml", SiteFields, func(key string, v *yaml.Node) {
			switch key {
			case "title":
				s.Title = d.text(v, key)
			case "organisation":
				s.Organisation = d.text(v, key)
			case "language":
				s.Language = d.enum(v, key, Languages)
			case "base_url":
				s.BaseURL = d.webURL(v, key)
			case "repository":
				s.Repository = d.webURL(v, key)
			case "branch":
				s.Branch = d.branch(v, key)
			case "edit_url":
				s.EditURL = d.editURL(v, key)
			case "about":
				s.About = d.text(v, key)
			}
		})
	})
	if !ok {
		return nil
	}
	return s
}

// ParseYear reads years/<id>.yaml; id is the file name without .yaml.
func ParseYear(data []byte, file, id string, diags *diag.List) *Year {
	y := &Year{File: file, ID: id}
	ok := decodeFile(data, file, diags, func(d *decoder, top *yaml.Node) {
		d.mapping(top, "this year file", YearFields, func(key string, v *yaml.Node) {
			switch key {
			case "year":
				y.Year = d.year(v, key)
			case "motto":
				y.Motto = d.text(v, key)
			case "head":
				y.Head = d.unitRef(v, key, false)
			case "deputies":
				y.Deputies = d.unitRefs(v, key)
			case "conference":
				c := &Conference{Pos: d.pos(d.resolve(v))}
				d.mapping(v, "conference", fieldsOf(YearFields, "conference"), func(key string, v *yaml.Node) {
					switch key {
					case "date":
						c.Date = d.date(v, key)
					case "place":
						c.Place = d.text(v, key)
					}
				})
				y.Conference = c
			case "plan":
				y.Plan = d.text(v, key)
			case "summary":
				y.Summary = d.text(v, key)
			case "awards":
				y.Awards = d.awards(v, key)
			}
		})
	})
	if !ok {
		return nil
	}
	return y
}

// ParseUnit reads units/<id>.yaml; id is the file name without .yaml.
func ParseUnit(data []byte, file, id string, diags *diag.List) *Unit {
	u := &Unit{File: file, ID: id}
	ok := decodeFile(data, file, diags, func(d *decoder, top *yaml.Node) {
		d.mapping(top, "this unit file", UnitFields, func(key string, v *yaml.Node) {
			switch key {
			case "name":
				u.Name = d.text(v, key)
			case "short_name":
				u.ShortName = d.text(v, key)
			case "kind":
				u.Kind = d.text(v, key)
			case "staff":
				u.Staff = d.yearCounts(v, key)
			case "head":
				u.Head = d.text(v, key)
			case "website":
				u.Website = d.webURL(v, key)
			case "description":
				u.Description = d.text(v, key)
			}
		})
	})
	if !ok {
		return nil
	}
	sortStaff(u.Staff)
	return u
}

// ParseActivity reads activities/<id>.yaml; id is the file name without
// .yaml. The narrative from a sibling .md file is attached by the loader.
func ParseActivity(data []byte, file, id string, diags *diag.List) *Activity {
	a := &Activity{File: file, ID: id}
	ok := decodeFile(data, file, diags, func(d *decoder, top *yaml.Node) {
		d.mapping(top, "this activity file", ActivityFields, func(key string, v *yaml.Node) {
			switch key {
			case "title":
				a.Title = d.text(v, key)
			case "year":
				a.Year = d.year(v, key)
			case "date":
				a.Date = d.date(v, key)
			case "end":
				a.End = d.date(v, key)
			case "category":
				a.Category = d.enum(v, key, Categories)
			case "organisers":
				a.Organisers = d.unitRefs(v, key)
			case "summary":
				a.Summary = d.text(v, key)
			case "narrative":
				a.Narrative = d.text(v, key)
			case "contributions":
				a.Contributions = d.contributions(v, key)
			case "recipients":
				a.Recipients = d.recipients(v, key)
			case "results":
				a.Results = d.results(v, key)
			case "photos":
				a.Photos = d.photos(v, key)
			}
		})
	})
	if !ok {
		return nil
	}
	return a
}

func fieldsOf(fields []Field, name string) []Field {
	for _, f := range fields {
		if f.Name == name {
			return f.Fields
		}
	}
	panic("content: no field " + name)
}

// list decodes a list of mappings such as contributions: each element
// becomes a T made by start at its position, whose fields set fills in.
// what names one element in messages ("this contribution").
func list[T any](d *decoder, v *yaml.Node, key, example, what string, fields []Field,
	start func(pos diag.Pos) T, set func(item *T, key string, v *yaml.Node)) []T {
	var out []T
	// Every element gives an item: make room for them at once, within
	// reason, as a huge list may be refused before its end.
	if seq := aliased(v); seq != nil && seq.Kind == yaml.SequenceNode && len(seq.Content) > 0 {
		out = make([]T, 0, min(len(seq.Content), maxPresized))
	}
	d.sequence(v, key, example, func(e *yaml.Node) {
		item := start(d.pos(d.resolve(e)))
		d.mapping(e, what, fields, func(key string, v *yaml.Node) { set(&item, key, v) })
		out = append(out, item)
	})
	return out
}

// maxPresized caps the room made ahead for the items of a list.
const maxPresized = 256

// aliased returns the node n stands for, following aliases like resolve
// but without counting the work, for a look ahead.
func aliased(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func (d *decoder) awards(v *yaml.Node, key string) []Award {
	return list(d, v, key, `"- title: ..." lines, one per award`, "this award", fieldsOf(YearFields, key),
		func(pos diag.Pos) Award { return Award{Pos: pos} },
		func(a *Award, key string, v *yaml.Node) {
			switch key {
			case "title":
				a.Title = d.text(v, key)
			case "grantor":
				a.Grantor = d.text(v, key)
			case "status":
				a.Status = d.enum(v, key, AwardStatuses)
			case "units":
				a.Units = d.unitRefs(v, key)
			}
		})
}

func (d *decoder) contributions(v *yaml.Node, key string) []Contribution {
	return list(d, v, key, `"- unit: ..." lines, one per unit`, "this contribution", fieldsOf(ActivityFields, key),
		func(pos diag.Pos) Contribution { return Contribution{Pos: pos} },
		func(c *Contribution, key string, v *yaml.Node) {
			switch key {
			case "unit":
				c.Unit = d.unitRef(v, key, false)
			case "participants":
				c.Participants = d.whole(v, key)
			case "money":
				c.Money = d.whole(v, key)
			case "items":
				c.Items = d.itemCounts(v, key)
			}
		})
}

func (d *decoder) recipients(v *yaml.Node, key string) []Recipient {
	return list(d, v, key, `"- name: ..." lines, one per recipient`, "this recipient", fieldsOf(ActivityFields, key),
		func(pos diag.Pos) Recipient { return Recipient{Pos: pos} },
		func(r *Recipient, key string, v *yaml.Node) {
			switch key {
			case "name":
				r.Name = d.text(v, key)
			case "value":
				r.Value = d.whole(v, key)
			case "items":
				r.Items = d.itemCounts(v, key)
			}
		})
}

func (d *decoder) results(v *yaml.Node, key string) []Result {
	return list(d, v, key, `"- {place: 1, unit: ...}" lines, one per placing`, "this result", fieldsOf(ActivityFields, key),
		func(pos diag.Pos) Result { return Result{Pos: pos} },
		func(r *Result, key string, v *yaml.Node) {
			switch key {
			case "place":
				r.Place = d.whole(v, key)
			case "unit":
				r.Unit = d.unitRef(v, key, false)
			case "event":
				r.Event = d.text(v, key)
			}
		})
}

func (d *decoder) photos(v *yaml.Node, key string) []Photo {
	return list(d, v, key, `"- {file: media/photo.jpg, caption: ...}" lines, one per photo`, "this photo", fieldsOf(ActivityFields, key),
		func(pos diag.Pos) Photo { return Photo{Pos: pos} },
		func(p *Photo, key string, v *yaml.Node) {
			switch key {
			case "file":
				// Windows writes paths with \, as Explorer's "Copy as
				// path" gives them; no file name made on Windows holds
				// one, so media\photo.jpg can only mean media/photo.jpg.
				p.File = d.text(v, key)
				p.File.Value = strings.ReplaceAll(p.File.Value, `\`, "/")
			case "caption":
				p.Caption = d.text(v, key)
			case "alt":
				p.Alt = d.text(v, key)
			}
		})
}

// validUTF8 records an error and returns false when data is not UTF-8.
func validUTF8(data []byte, file string, diags *diag.List) bool {
	if utf8.Valid(data) {
		return true
	}
	line, col := firstInvalidUTF8(data)
	diags.Errorf(diag.Pos{File: file, Line: line, Col: col},
		"file is not UTF-8 text; save it with the UTF-8 encoding (in most editors: Save with Encoding, UTF-8)")
	return false
}

func sortStaff(staff []Staff) {
	slices.SortFunc(staff, func(a, b Staff) int { return a.Year - b.Year })
}
