// Package editlink makes the "edit this page" links of a site: the
// address of the page of a git host that edits a file of the repository,
// from site.yaml's repository, branch and edit_url.
//
// Hosts are recognised by their names, since self-hosted servers have
// names of their own:
//
//   - GitHub: github.com.
//     https://github.com/OWNER/REPO/edit/BRANCH/PATH
//   - GitLab: gitlab.com, and any host whose name contains "gitlab"
//     (gitlab.example.org, a self-hosted GitLab).
//     https://gitlab.com/GROUP/REPO/-/edit/BRANCH/PATH
//   - Gitea and Forgejo: codeberg.org, gitea.com, and any host whose name
//     contains "gitea" or "forgejo".
//     https://codeberg.org/OWNER/REPO/_edit/BRANCH/PATH
//   - Bitbucket: bitbucket.org (Bitbucket Cloud).
//     https://bitbucket.org/OWNER/REPO/src/BRANCH/PATH?mode=edit
//
// For any other host, edit_url gives the form, with {path} where the path
// goes; it wins over the forms above when both could apply.
package editlink

import (
	"net/url"
	"strings"

	"reportsite/generator/content"
)

// Host is a kind of git host with its own edit-link form.
type Host int

// The hosts reportsite knows.
const (
	Unknown Host = iota
	GitHub
	GitLab
	Gitea // Gitea and Forgejo, which share their addresses
	Bitbucket
)

// HostOf returns the kind of host of a repository's web address.
func HostOf(repository string) Host {
	u, err := url.Parse(repository)
	if err != nil {
		return Unknown
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	switch {
	case host == "github.com":
		return GitHub
	case host == "bitbucket.org":
		return Bitbucket
	case host == "codeberg.org", host == "gitea.com",
		strings.Contains(host, "gitea"), strings.Contains(host, "forgejo"):
		return Gitea
	case strings.Contains(host, "gitlab"):
		return GitLab
	}
	return Unknown
}

// Form is the form of one site's edit links: the parts of the address
// around the file's path.
type Form struct {
	parts []string
}

// New returns the edit-link form of site, and false when there is none:
// the site names no repository, or a repository on an unknown host
// without edit_url.
func New(site *content.Site) (Form, bool) {
	if site == nil {
		return Form{}, false
	}
	if site.EditURL.Value != "" {
		return Form{parts: strings.Split(site.EditURL.Value, content.PathPlaceholder)}, true
	}
	repo := site.Repository.Value
	if repo == "" {
		return Form{}, false
	}
	// The repository's address as its web pages are, without a query,
	// a fragment, a trailing slash or the .git of a clone address.
	if i := strings.IndexAny(repo, "?#"); i >= 0 {
		repo = repo[:i]
	}
	repo = strings.TrimRight(repo, "/")
	repo = strings.TrimSuffix(repo, ".git")
	branch := escapePath(site.BranchName())
	switch HostOf(repo) {
	case GitHub:
		return Form{parts: []string{repo + "/edit/" + branch + "/", ""}}, true
	case GitLab:
		return Form{parts: []string{repo + "/-/edit/" + branch + "/", ""}}, true
	case Gitea:
		return Form{parts: []string{repo + "/_edit/" + branch + "/", ""}}, true
	case Bitbucket:
		return Form{parts: []string{repo + "/src/" + branch + "/", "?mode=edit"}}, true
	}
	return Form{}, false
}

// Link returns the address that edits the file at path, a slash path
// from the repository's top; each of its folders and its name are
// escaped, so that spaces and letters beyond ASCII make a valid address.
func (f Form) Link(path string) string {
	return strings.Join(f.parts, escapePath(path))
}

// escapePath escapes each segment of a slash path.
func escapePath(p string) string {
	segments := strings.Split(p, "/")
	for i, s := range segments {
		segments[i] = url.PathEscape(s)
	}
	return strings.Join(segments, "/")
}
