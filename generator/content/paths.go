package content

import (
	"path"
	"path/filepath"
	"strings"
)

// FilePath returns the path of rel, a slash path inside the content
// folder dir, as diagnostics and the File fields of the model name it:
// dir as given, cleaned, then rel, with / between folders on every
// system. Messages then read alike on Linux, macOS and Windows, and tools
// that take them in, such as GitHub's annotations, find the file: on
// Windows, C:\bloc\content and units/x.yaml give
// C:/bloc/content/units/x.yaml, a path Windows accepts as well.
func FilePath(dir, rel string) string {
	d := filepath.ToSlash(filepath.Clean(dir))
	rel = path.Clean(rel)
	switch {
	case rel == ".":
		return d
	case d == ".":
		return rel
	case strings.HasSuffix(d, "/"):
		return d + rel // "/" or "C:/"
	}
	return d + "/" + rel
}

// RelPath returns the slash path inside the content folder dir of file,
// a path as FilePath gives it, and whether file is inside dir.
func RelPath(dir, file string) (string, bool) {
	d := FilePath(dir, ".")
	if d == "." {
		return file, filepath.IsLocal(filepath.FromSlash(file))
	}
	if !strings.HasSuffix(d, "/") {
		d += "/"
	}
	rel, ok := strings.CutPrefix(file, d)
	return rel, ok && rel != ""
}
