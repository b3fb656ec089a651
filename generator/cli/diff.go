package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/diff"
	"reportsite/generator/figures"
	"reportsite/generator/gittree"
	"reportsite/generator/validate"
)

// workingTree is how the diff names the revision on disk.
const workingTree = "working tree"

// diffCmd is "reportsite diff": the figures that changed between two
// revisions of the content, read from git's objects.
func (c *Command) diffCmd(args []string) (int, error) {
	fs := c.flags("diff", "REV1 [REV2] [--content DIR] [--format text|markdown|json]")
	dir := fs.String("content", "content", "the content `folder`, relative to the top of the git repository")
	format := fs.String("format", "text", "output `format`: text, markdown (merge requests and CI job summaries) or json")
	fs.Usage = func() {
		fmt.Fprint(c.Stderr, `Usage: reportsite diff REV1 [REV2] [--content DIR] [--format text|markdown|json]

Lists the figures that changed from revision REV1 to REV2 of the content:
totals per year, activity and unit, recipients, results and awards, units
and activities added, removed or renamed, and the texts that changed.
A revision is anything git names a commit with: a branch, a tag, a hash,
HEAD~1. Without REV2, the content as it is on disk (the working tree).
Both revisions are read from git and validated; exit status 1 when either
has errors, 2 for a revision or folder that does not exist.

Options:
`)
		fs.PrintDefaults()
	}
	rest, err := parse(fs, args)
	if err != nil {
		return ExitUsage, err
	}
	switch {
	case len(rest) == 0:
		return ExitUsage, c.usageErrorf(fs, "name the revision to compare with, such as main or HEAD~1")
	case len(rest) > 2:
		return ExitUsage, c.usageErrorf(fs, "unexpected argument %q", rest[2])
	}
	if !oneOf(*format, "text", "markdown", "json") {
		return ExitUsage, c.usageErrorf(fs, "--format must be text, markdown or json, not %q", *format)
	}
	fail := func(format string, args ...any) (int, error) {
		fmt.Fprintf(c.Stderr, "reportsite diff: "+format+"\n", args...)
		return ExitUsage, errUsage
	}

	cwd, err := os.Getwd()
	if err != nil {
		return ExitContent, err
	}
	repo, err := gittree.Open(cwd)
	if err != nil {
		return fail("%v; run it inside the git repository that holds the content", err)
	}
	inRepo, err := contentInRepo(repo, *dir)
	if err != nil {
		return fail("%v", err)
	}
	// Files are named as from the folder the command runs in, on both
	// sides, so that the parse of a file unchanged on disk is shared.
	shown := relativeTo(repo.Prefix, inRepo)

	sides := make([]diff.Side, 2)
	for i := range 2 {
		sides[i].Name = workingTree
		if i < len(rest) {
			sides[i].Name = rest[i]
			if sides[i].Commit, err = repo.Resolve(rest[i]); err != nil {
				return fail("%v", err)
			}
		}
	}

	memo := content.NewMemo()
	checker := validate.NewChecker()
	var trees [2]*gittree.Tree
	var lists [2]diag.List
	for i := range sides {
		s := &sides[i]
		if s.Commit == "" {
			if info, err := os.Stat(filepath.FromSlash(shown)); err != nil || !info.IsDir() {
				return fail("there is no content folder %s in the working tree; name it with --content", shown)
			}
			s.Content = content.LoadMemo(filepath.FromSlash(shown), memo, &lists[i])
		} else {
			trees[i], err = repo.ReadTree(context.Background(), s.Commit, inRepo, gittree.Options{Skip: notParsed, Reuse: trees[0]})
			if errors.Is(err, gittree.ErrNoFolder) {
				return fail("there is no content folder %s at %s; name it with --content", inRepo, diff.Revision{Name: s.Name, Commit: s.Commit}.Short())
			}
			if err != nil {
				return ExitContent, err
			}
			s.Content = content.LoadFS(trees[i], shown, memo, &lists[i])
		}
		checker.Check(s.Content, &lists[i])
	}

	status := ExitOK
	for i, s := range sides {
		if !lists[i].HasErrors() {
			continue
		}
		status = ExitContent
		rev := diff.Revision{Name: s.Name, Commit: s.Commit}.Short()
		errs, _ := lists[i].Count()
		printed := 0
		for _, d := range lists[i].Items() {
			if d.Severity != diag.Error {
				continue
			}
			if printed == diag.MaxPrinted {
				fmt.Fprintf(c.Stderr, "%s: ... and %d more not shown\n", rev, errs-printed)
				break
			}
			fmt.Fprintf(c.Stderr, "%s: %s\n", rev, d)
			printed++
		}
		fmt.Fprintf(c.Stderr, "%s: %s; run reportsite check on it for the warnings too\n", rev, diag.Plural(errs, "error", "errors"))
	}
	if status != ExitOK {
		fmt.Fprintln(c.Stderr, "reportsite diff: no figures are compared while the content has errors")
		return status, nil
	}

	for i := range sides {
		sides[i].Figures = figures.Compute(sides[i].Content)
	}
	report := diff.Compare(sides[0], sides[1])
	switch *format {
	case "json":
		err = report.WriteJSON(c.Stdout)
	case "markdown":
		err = report.WriteMarkdown(c.Stdout)
	default:
		err = report.WriteText(c.Stdout)
	}
	if err != nil {
		return ExitContent, err
	}
	return ExitOK, nil
}

// notParsed tells which files of the content folder the diff does not
// read from git: those the loader only lists (media and whatever is not
// content) and those too large for it, which it refuses by their size.
func notParsed(name string, size int64) bool {
	if size > content.MaxFileSize {
		return true
	}
	if name == "site.yaml" {
		return false
	}
	folder, _, _ := strings.Cut(name, "/")
	return folder != "years" && folder != "units" && folder != "activities"
}

// contentInRepo returns the slash path from the top of repo of the
// content folder dir, which is taken from the top unless absolute.
func contentInRepo(repo *gittree.Repo, dir string) (string, error) {
	rel := filepath.Clean(dir)
	if filepath.IsAbs(rel) {
		var err error
		if rel, err = filepath.Rel(repo.Top, rel); err != nil {
			return "", fmt.Errorf("--content %s is not inside the repository %s", dir, repo.Top)
		}
	}
	if !filepath.IsLocal(rel) && rel != "." {
		return "", fmt.Errorf("--content %s is not inside the repository %s", dir, repo.Top)
	}
	return filepath.ToSlash(rel), nil
}

// relativeTo returns the slash path target, taken from the top of the
// repository, as seen from prefix, the folder the command runs in (as
// git rev-parse --show-prefix gives it).
func relativeTo(prefix, target string) string {
	from := strings.Split(strings.Trim(prefix, "/"), "/")
	to := strings.Split(target, "/")
	if from[0] == "" {
		from = nil
	}
	if target == "." {
		to = nil
	}
	for len(from) > 0 && len(to) > 0 && from[0] == to[0] {
		from, to = from[1:], to[1:]
	}
	parts := make([]string, 0, len(from)+len(to))
	for range from {
		parts = append(parts, "..")
	}
	parts = append(parts, to...)
	if len(parts) == 0 {
		return "."
	}
	return path.Join(parts...)
}
