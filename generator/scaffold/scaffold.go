// Package scaffold makes the files of a new bloc repository, the one
// "reportsite init" writes: a content folder whose example unit and
// activity show every field with comments in the bloc's language, the JSON
// Schemas and VS Code settings that give editors completion and red
// underlines, a README for editors, and the files that check the report
// and publish it from GitHub Actions, GitLab CI, Forgejo or Gitea Actions,
// or an intranet server.
//
// The files' text is embedded from files/: common/ holds what every
// language shares, and en/, vi/ and pt/ the content and README of each
// language. Words between @ signs (@YEAR@, @VERSION@, ...) are filled in
// by Files.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"reportsite/generator/content"
	"reportsite/generator/schema"
)

//go:embed all:files
var embedded embed.FS

// PlaceholderVersion stands in the CI files for the reportsite release to
// download when the reportsite that wrote them is not a release. The CI
// files stop with a message saying to replace it.
const PlaceholderVersion = "SET-ME-TO-A-RELEASE"

// SchemaDir is the folder of a bloc repository that holds the JSON
// Schemas; the content files and .vscode/settings.json point at it.
const SchemaDir = "schema"

// defaultTitles are the bloc's name in site.yaml when none is given.
var defaultTitles = map[string]string{
	"en": "Emulation Bloc",
	"vi": "Khối thi đua",
	"pt": "Bloco de Emulação",
}

// Options choose what Files makes.
type Options struct {
	// Language is the site's language and the language of the comments
	// and the README: en, vi or pt.
	Language string
	// Title is the bloc's name in site.yaml; a default in the language
	// when empty.
	Title string
	// Year is the current year: the year file, and the year of the
	// example activity.
	Year int
	// Version is the reportsite release the CI files download, such as
	// v1.2.3; PlaceholderVersion is written when it is empty.
	Version string
	// ReleasesURL is where releases are downloaded from: a release's
	// files are at ReleasesURL/<version>/<file>.
	ReleasesURL string
}

// File is one file of a new repository.
type File struct {
	Path string // slash-separated, relative to the repository
	Data []byte
	Mode fs.FileMode // 0o644, or 0o755 for scripts
}

// Files returns the files of a new bloc repository, sorted by path.
func Files(opts Options) ([]File, error) {
	if !slices.Contains(content.Languages, opts.Language) {
		return nil, fmt.Errorf("scaffold: no files for language %q; the languages are %s", opts.Language, strings.Join(content.Languages, ", "))
	}
	if opts.Year < 1900 || opts.Year > 2200 {
		return nil, fmt.Errorf("scaffold: year %d is not a plausible year", opts.Year)
	}
	title := strings.TrimSpace(opts.Title)
	if title == "" {
		title = defaultTitles[opts.Language]
	}
	if strings.ContainsAny(title, "\r\n") {
		return nil, errors.New("scaffold: the title must be one line")
	}
	quoted, err := yamlScalar(title)
	if err != nil {
		return nil, err
	}
	v := opts.Version
	if v == "" {
		v = PlaceholderVersion
	}
	fill := strings.NewReplacer(
		"@YEAR@", strconv.Itoa(opts.Year),
		"@NEXT_YEAR@", strconv.Itoa(opts.Year+1),
		"@TITLE_YAML@", quoted,
		"@TITLE@", title,
		"@LANGUAGE@", opts.Language,
		"@VERSION@", v,
		"@RELEASES@", strings.TrimSuffix(opts.ReleasesURL, "/"),
	)
	var files []File
	for _, root := range []string{"files/common", "files/" + opts.Language} {
		err := fs.WalkDir(embedded, root, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := embedded.ReadFile(name)
			if err != nil {
				return err
			}
			rel := strings.TrimPrefix(name, root+"/")
			rel = strings.ReplaceAll(rel, "YEAR", strconv.Itoa(opts.Year))
			mode := fs.FileMode(0o644)
			if path.Ext(rel) == ".sh" {
				mode = 0o755
			}
			files = append(files, File{Path: rel, Data: []byte(fill.Replace(string(data))), Mode: mode})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("scaffold: %w", err)
		}
	}
	schemas, err := Schemas()
	if err != nil {
		return nil, err
	}
	files = append(files, schemas...)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

// Schemas returns the JSON Schemas of the content files, as a bloc
// repository keeps them: schema/<kind>.schema.json.
func Schemas() ([]File, error) {
	var files []File
	for _, kind := range schema.Kinds {
		data, err := schema.Generate(kind)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: SchemaDir + "/" + kind + ".schema.json", Data: data, Mode: 0o644})
	}
	return files, nil
}

// yamlScalar returns s written as a YAML value on one line: as it is when
// YAML reads it back as the same text, else quoted.
func yamlScalar(s string) (string, error) {
	out, err := yaml.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("scaffold: %w", err)
	}
	return strings.TrimSuffix(string(out), "\n"), nil
}

// ExistsError is returned by Write when a file it would write is already
// there.
type ExistsError struct {
	Path string // the file as found, under the folder given to Write
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exists", e.Path)
}

// Write writes files under dir, creating the folders they need. It never
// replaces anything: it first looks for every file, and when one exists
// (or a file stands where a folder is needed) it returns an *ExistsError
// naming it, having written nothing.
func Write(dir string, files []File) error {
	for _, f := range files {
		if err := free(dir, f.Path); err != nil {
			return err
		}
	}
	for _, f := range files {
		name := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		// O_EXCL as well: a file that appeared since the look is kept.
		out, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.Mode)
		if errors.Is(err, fs.ErrExist) {
			return &ExistsError{Path: name}
		}
		if err != nil {
			return err
		}
		_, err = out.Write(f.Data)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// free reports an *ExistsError when rel, or one of the folders above it
// inside dir, is taken: rel by anything at all, a folder by something that
// is not a folder.
func free(dir, rel string) error {
	parts := strings.Split(rel, "/")
	name := dir
	for i, p := range parts {
		name = filepath.Join(name, p)
		info, err := os.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		if i == len(parts)-1 || !info.IsDir() {
			return &ExistsError{Path: name}
		}
	}
	return nil
}
