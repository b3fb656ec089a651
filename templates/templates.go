// Package templates holds the default page templates, interface strings
// and styles of reportsite, embedded in the binary. A site overrides any of
// these files by name with --templates DIR.
package templates

import "embed"

// FS is the default template set: *.html page templates, i18n/<lang>.yaml
// interface strings and assets/ (styles and scripts copied to the site).
//
//go:embed *.html i18n/*.yaml assets
var FS embed.FS
