// Package gittest makes git repositories for tests: commits of chosen
// files on chosen days, renames, shallow clones. Each repository is
// isolated from the machine's and the user's git settings.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Isolate keeps the git commands of the test, its own and those of the
// code under test, from reading the system's and the user's settings.
// It skips the test when git is not installed.
func Isolate(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("HOME", t.TempDir())
	for _, v := range []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"} {
		t.Setenv(v, "")
		os.Unsetenv(v)
	}
}

// Repo is a git repository made for a test.
type Repo struct {
	t   testing.TB
	Dir string // its top folder
}

// New makes an empty repository in dir, whose branch is main. Call
// Isolate first.
func New(t testing.TB, dir string) *Repo {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	r := &Repo{t: t, Dir: dir}
	r.Git("init", "-q", "-b", "main")
	r.Git("config", "user.name", "Editor")
	r.Git("config", "user.email", "editor@example.org")
	r.Git("config", "commit.gpgSign", "false")
	return r
}

// Git runs git in the repository and returns what it printed.
func (r *Repo) Git(args ...string) string {
	r.t.Helper()
	return r.GitEnv(nil, args...)
}

// GitEnv runs git in the repository with env added to its environment.
func (r *Repo) GitEnv(env []string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Write writes files, by slash path from the top, without committing
// them.
func (r *Repo) Write(files map[string]string) {
	r.t.Helper()
	for name, data := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Commit writes files, adds every change of the working tree and commits
// it at when, an ISO 8601 time such as "2024-01-16T09:30:00+07:00", as
// both its author and committer date.
func (r *Repo) Commit(when string, files map[string]string) {
	r.t.Helper()
	r.Write(files)
	r.Git("add", "-A")
	r.CommitStaged(when)
}

// CommitStaged commits what is staged at when.
func (r *Repo) CommitStaged(when string) {
	r.t.Helper()
	r.GitEnv([]string{"GIT_AUTHOR_DATE=" + when, "GIT_COMMITTER_DATE=" + when},
		"commit", "-q", "--allow-empty", "-m", "change of "+when)
}

// Move renames a file with git mv, without committing.
func (r *Repo) Move(from, to string) {
	r.t.Helper()
	if err := os.MkdirAll(filepath.Dir(filepath.Join(r.Dir, filepath.FromSlash(to))), 0o755); err != nil {
		r.t.Fatal(err)
	}
	r.Git("mv", from, to)
}

// ShallowClone clones the repository with only its last commit into dir
// and returns the clone.
func (r *Repo) ShallowClone(dir string) *Repo {
	r.t.Helper()
	src := filepath.ToSlash(r.Dir)
	if !strings.HasPrefix(src, "/") {
		src = "/" + src // C:/x on Windows
	}
	r.Git("clone", "-q", "--depth", "1", "file://"+src, dir)
	return &Repo{t: r.t, Dir: dir}
}
