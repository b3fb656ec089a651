// Package gittest makes git repositories for tests: git runs with a fixed
// identity and dates, isolated from the user's and the system's
// configuration, so that tests give the same commits on every machine.
package gittest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Env is the environment git runs with in tests: no global or system
// configuration, a fixed author and committer, and fixed dates.
var Env = []string{
	"GIT_CONFIG_GLOBAL=/dev/null",
	"GIT_CONFIG_NOSYSTEM=1",
	"GIT_AUTHOR_NAME=Editor",
	"GIT_AUTHOR_EMAIL=editor@example.org",
	"GIT_COMMITTER_NAME=Editor",
	"GIT_COMMITTER_EMAIL=editor@example.org",
	"GIT_AUTHOR_DATE=2024-01-16T09:00:00+07:00",
	"GIT_COMMITTER_DATE=2024-01-16T09:00:00+07:00",
}

// Isolate sets Env in the test's process environment, for code under
// test that runs git itself. Tests that call it cannot run in parallel.
func Isolate(t testing.TB) {
	t.Helper()
	for _, kv := range Env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}

// Git runs git in dir and returns its output, failing the test when git
// fails.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), Env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Init makes dir a new repository on branch main, with user.name and
// user.email set in its own configuration.
func Init(t testing.TB, dir string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	Git(t, dir, "init", "-q", "-b", "main")
	Git(t, dir, "config", "user.name", "Editor")
	Git(t, dir, "config", "user.email", "editor@example.org")
	Git(t, dir, "config", "commit.gpgsign", "false")
}

// CommitAll stages every change in dir and commits it with message, and
// returns the commit's hash.
func CommitAll(t testing.TB, dir, message string) string {
	t.Helper()
	Git(t, dir, "add", "-A")
	Git(t, dir, "commit", "-q", "--allow-empty", "-m", message)
	return Git(t, dir, "rev-parse", "HEAD")
}
