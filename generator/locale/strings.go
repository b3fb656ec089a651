package locale

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"reportsite/generator/suggest"
)

// StringsDir is the folder of the templates file system that holds one
// strings file per language, i18n/<lang>.yaml.
const StringsDir = "i18n"

// ReferenceLanguage is the language whose strings file defines the keys:
// every other file must have exactly its keys and placeholders.
const ReferenceLanguage = "en"

// maxStringsFileSize bounds a strings file; the real ones are a few KiB.
const maxStringsFileSize = 1 << 20

var (
	// keyPattern is the shape of a key: lowercase words joined by dots,
	// such as "nav.years" or "figure.participation_rate".
	keyPattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)*$`)
	// placeholderPattern is the shape of a placeholder: "{year}".
	placeholderPattern = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	// langPattern keeps the language code a plain file name.
	langPattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)*$`)
)

// Strings holds the interface strings of one language, by key. Texts are
// plain text, never HTML: templates escape them like any other value. The
// zero value has no strings, so every lookup shows a missing marker.
type Strings struct {
	lang  string
	texts map[string]string
}

// LoadStrings reads i18n/<lang>.yaml from fsys (the templates folder) and
// checks it against i18n/en.yaml: a key missing from either file, a key only
// one file has, or a text whose placeholders differ from the English ones is
// an error that names the file, the line and the key. All problems are
// reported together, one per line.
func LoadStrings(fsys fs.FS, lang string) (Strings, error) {
	if !langPattern.MatchString(lang) {
		return Strings{}, fmt.Errorf("language %q is not a language code such as %s", lang, strings.Join(Languages(), ", "))
	}
	referenceName := path.Join(StringsDir, ReferenceLanguage+".yaml")
	reference, err := readStringsFile(fsys, referenceName)
	if err != nil {
		return Strings{}, err
	}
	if lang == ReferenceLanguage {
		return Strings{lang: lang, texts: reference.texts()}, nil
	}
	name := path.Join(StringsDir, lang+".yaml")
	translated, err := readStringsFile(fsys, name)
	if err != nil {
		return Strings{}, err
	}
	if problems := compareStrings(reference, translated); len(problems) > 0 {
		return Strings{}, problems.err()
	}
	return Strings{lang: lang, texts: translated.texts()}, nil
}

// Lang returns the language code of the strings.
func (s Strings) Lang() string {
	return s.lang
}

// Keys returns every key, sorted.
func (s Strings) Keys() []string {
	return slices.Sorted(maps.Keys(s.texts))
}

// T returns the text of key. A key that does not exist is a mistake in a
// template, so its text is a visible "[missing: key]" rather than nothing.
func (s Strings) T(key string) string {
	text, ok := s.texts[key]
	if !ok {
		return "[missing: " + key + "]"
	}
	return text
}

// Format returns the text of key with its placeholders filled from pairs of
// name and value: Format("heading.annual_report", "year", "2023") turns
// "Annual report {year}" into "Annual report 2023". Values are inserted as
// they are, never scanned for placeholders themselves, so format numbers
// with the Locale first. A placeholder with no value, or a name left without
// its value, stays visible as "{name}".
func (s Strings) Format(key string, pairs ...string) string {
	return fill(s.T(key), pairs)
}

// fill replaces each {name} in text with the value paired with name.
func fill(text string, pairs []string) string {
	if !strings.Contains(text, "{") || len(pairs) < 2 {
		return text
	}
	var out strings.Builder
	for {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			break
		}
		length := strings.IndexByte(text[open:], '}')
		if length < 0 {
			break
		}
		out.WriteString(text[:open])
		name := text[open+1 : open+length]
		if value, ok := pairValue(pairs, name); ok {
			out.WriteString(value)
		} else {
			out.WriteString(text[open : open+length+1])
		}
		text = text[open+length+1:]
	}
	out.WriteString(text)
	return out.String()
}

func pairValue(pairs []string, name string) (string, bool) {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] == name {
			return pairs[i+1], true
		}
	}
	return "", false
}

// stringsFile is one parsed strings file, with the position of every key.
type stringsFile struct {
	name    string
	entries map[string]stringsEntry
}

type stringsEntry struct {
	text         string
	line, column int
	placeholders []string
}

func (f stringsFile) texts() map[string]string {
	texts := make(map[string]string, len(f.entries))
	for key, entry := range f.entries {
		texts[key] = entry.text
	}
	return texts
}

func readStringsFile(fsys fs.FS, name string) (stringsFile, error) {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return stringsFile{}, fmt.Errorf("reading interface strings: %w", err)
	}
	if info.Size() > maxStringsFileSize {
		return stringsFile{}, fmt.Errorf("%s: the file is %d bytes, more than the %d a strings file may have", name, info.Size(), maxStringsFileSize)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return stringsFile{}, fmt.Errorf("reading interface strings: %w", err)
	}
	file, problems := parseStringsFile(data, name)
	if len(problems) > 0 {
		return stringsFile{}, problems.err()
	}
	return file, nil
}

func parseStringsFile(data []byte, name string) (stringsFile, problemList) {
	file := stringsFile{name: name, entries: map[string]stringsEntry{}}
	var problems problemList
	var document yaml.Node
	if err := yaml.Unmarshal(data, &document); err != nil {
		line, message := yamlErrorLine(err)
		problems.add(name, line, 1, "not valid YAML: %s; a text holding `: ` or starting with `{` must be quoted", message)
		return file, problems
	}
	if len(document.Content) == 0 {
		problems.add(name, 0, 0, "the file is empty; it must map keys to texts, such as `nav.home: Home`")
		return file, problems
	}
	firstLine := map[string]int{}
	root := document.Content[0]
	if root.Kind != yaml.MappingNode {
		problems.add(name, root.Line, root.Column, "the file must be a map of keys to texts, such as `nav.home: Home`")
		return file, problems
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		keyNode, valueNode := root.Content[i], root.Content[i+1]
		key := keyNode.Value
		switch {
		case keyNode.Kind != yaml.ScalarNode:
			problems.add(name, keyNode.Line, keyNode.Column, "a key must be plain text such as `nav.home`")
			continue
		case !keyPattern.MatchString(key):
			problems.add(name, keyNode.Line, keyNode.Column, "key %q must be lowercase words joined by dots, such as `nav.home`", key)
			continue
		}
		if earlier, ok := firstLine[key]; ok {
			problems.add(name, keyNode.Line, keyNode.Column, "key %q appears twice; the first is on line %d", key, earlier)
			continue
		}
		firstLine[key] = keyNode.Line
		if valueNode.Kind != yaml.ScalarNode {
			problems.add(name, valueNode.Line, valueNode.Column, "the text of %q must be plain text, not a list or a map; quote it if it holds `: ` or starts with `[` or `{`", key)
			continue
		}
		text := valueNode.Value
		if valueNode.Tag == "!!null" || strings.TrimSpace(text) == "" {
			problems.add(name, valueNode.Line, valueNode.Column, "the text of %q is empty; write the text the page should show", key)
			continue
		}
		placeholders, err := placeholdersOf(text)
		if err != nil {
			problems.add(name, valueNode.Line, valueNode.Column, "the text of %q %v", key, err)
			continue
		}
		file.entries[key] = stringsEntry{text: text, line: keyNode.Line, column: keyNode.Column, placeholders: placeholders}
	}
	return file, problems
}

// yamlErrorLine splits the line number out of a yaml.v3 error such as
// "yaml: line 3: mapping values are not allowed in this context".
func yamlErrorLine(err error) (int, string) {
	message := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, scanErr := fmt.Sscanf(message, "line %d:", &line); scanErr == nil {
		_, rest, _ := strings.Cut(message, ": ")
		return line, rest
	}
	return 0, message
}

// placeholdersOf returns the sorted names of the placeholders in text, or
// an error for a brace that does not open or close a placeholder.
func placeholdersOf(text string) ([]string, error) {
	var names []string
	rest := text
	for {
		open := strings.IndexAny(rest, "{}")
		if open < 0 {
			break
		}
		if rest[open] == '}' {
			return nil, errors.New("has a `}` with no `{` before it; placeholders are written {name}")
		}
		length := strings.IndexByte(rest[open:], '}')
		if length < 0 {
			return nil, errors.New("has a `{` that is never closed; placeholders are written {name}")
		}
		name := rest[open+1 : open+length]
		if !placeholderPattern.MatchString(name) {
			return nil, fmt.Errorf("has the placeholder {%s}; a placeholder name is lowercase letters, digits and _, such as {year}", name)
		}
		names = append(names, name)
		rest = rest[open+length+1:]
	}
	slices.Sort(names)
	return slices.Compact(names), nil
}

// compareStrings lists what keeps translated from matching reference.
func compareStrings(reference, translated stringsFile) problemList {
	var problems problemList
	referenceKeys := slices.Sorted(maps.Keys(reference.entries))
	for _, key := range referenceKeys {
		want := reference.entries[key]
		got, ok := translated.entries[key]
		if !ok {
			problems.add(translated.name, 0, 0, "missing key %q (%s:%d has it): add it with its translation", key, reference.name, want.line)
			continue
		}
		if !slices.Equal(got.placeholders, want.placeholders) {
			problems.add(translated.name, got.line, got.column, "the text of %q has placeholders %s but %s has %s; keep the names, translate only the words around them",
				key, listPlaceholders(got.placeholders), reference.name, listPlaceholders(want.placeholders))
		}
	}
	for key, got := range translated.entries {
		if _, ok := reference.entries[key]; ok {
			continue
		}
		message := fmt.Sprintf("key %q is not in %s", key, reference.name)
		if guess := suggest.Closest(key, referenceKeys); guess != "" {
			message += fmt.Sprintf("; did you mean %q?", guess)
		} else {
			message += "; add it there first, or remove it"
		}
		problems.add(translated.name, got.line, got.column, "%s", message)
	}
	return problems
}

func listPlaceholders(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return "{" + strings.Join(names, "}, {") + "}"
}

// problem is one mistake in a strings file, at a position when it has one.
type problem struct {
	file         string
	line, column int
	message      string
}

func (p problem) String() string {
	if p.line == 0 {
		return p.file + ": " + p.message
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.file, p.line, p.column, p.message)
}

// problemList collects problems and turns them into one error, one problem
// per line, sorted by file and position.
type problemList []problem

func (l *problemList) add(file string, line, column int, format string, args ...any) {
	*l = append(*l, problem{file: file, line: line, column: column, message: fmt.Sprintf(format, args...)})
}

func (l problemList) err() error {
	sorted := slices.Clone(l)
	slices.SortFunc(sorted, func(a, b problem) int {
		return cmp.Or(cmp.Compare(a.file, b.file), cmp.Compare(a.line, b.line),
			cmp.Compare(a.column, b.column), cmp.Compare(a.message, b.message))
	})
	lines := make([]string, len(sorted))
	for i, p := range sorted {
		lines[i] = p.String()
	}
	return errors.New(strings.Join(lines, "\n"))
}
