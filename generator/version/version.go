// Package version says which reportsite this is: the release it was built
// as, or what version control recorded when it was built.
package version

import (
	"runtime/debug"
	"strings"
)

// release is set by `make release` with -ldflags "-X
// reportsite/generator/version.release=v1.2.3"; empty in other builds.
var release = ""

// ReleasesURL is where published releases are downloaded from: a release's
// files are at ReleasesURL/<version>/<file>. `make release` may set it with
// -ldflags "-X reportsite/generator/version.ReleasesURL=…" for a fork
// published elsewhere.
var ReleasesURL = "https://github.com/reportsite/reportsite/releases/download"

// Reportsite returns reportsite's version: the release tag it was built
// as (v1.2.3), else the module version go stamped from version control
// (a tag, or a pseudo-version naming the commit, "+dirty" when the work
// tree had changes), else "dev".
func Reportsite() string {
	if release != "" {
		return release
	}
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" || info.Main.Version == "(devel)" {
		return "dev"
	}
	return info.Main.Version
}

// IsRelease reports whether v names a published release: vMAJOR.MINOR.PATCH,
// nothing more, so not a pseudo-version, a dirty tree or "dev".
func IsRelease(v string) bool {
	parts := strings.Split(strings.TrimPrefix(v, "v"), ".")
	if !strings.HasPrefix(v, "v") || len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return true
}

// Commit returns the commit reportsite was built from and whether the
// work tree had changes, when version control recorded them.
func Commit() (revision string, modified bool) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", false
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return revision, modified
}
