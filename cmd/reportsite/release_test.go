package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// repoRoot is the repository's top folder, seen from this package.
const repoRoot = "../.."

// releaseFlags are the go build flags of `make release` (see the
// Makefile), with a version of the test's own.
var releaseFlags = []string{"-trimpath", "-ldflags", "-s -w -X reportsite/generator/version.release=v0.0.0-releasetest"}

// releaseNames are the files `make release` writes into dist/, besides
// SHA256SUMS.
var releaseNames = []string{
	"reportsite-darwin-amd64", "reportsite-darwin-arm64",
	"reportsite-linux-amd64", "reportsite-linux-arm64",
	"reportsite-windows-amd64.exe", "reportsite-windows-arm64.exe",
}

// releaseBinary returns the release binary of this system and processor:
// dist/reportsite-<os>-<arch> when `make release` made it, else one built
// here the way it builds them.
func releaseBinary(t *testing.T) string {
	t.Helper()
	name := "reportsite-" + runtime.GOOS + "-" + runtime.GOARCH
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	dist, err := filepath.Abs(filepath.Join(repoRoot, "dist", name))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dist); err == nil {
		t.Logf("running %s", dist)
		return dist
	}
	if testing.Short() {
		t.Skip("no dist/" + name + ", and building it takes a while in -short mode")
	}
	out := filepath.Join(t.TempDir(), name)
	build := exec.Command("go", append(append([]string{"build"}, releaseFlags...), "-o", out, ".")...)
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if output, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, output)
	}
	return out
}

// copyExample copies the example content into a new temporary folder and
// returns its absolute path.
func copyExample(t *testing.T) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(to, os.DirFS(filepath.Join(repoRoot, "content"))); err != nil {
		t.Fatal(err)
	}
	return to
}

// TestReleaseBinaryRunsOnItsOwn runs the release binary as an editor runs
// a downloaded one: from an empty folder, with nothing on PATH but the
// binary's own folder (no Go, no Node, no npm) and an empty home folder.
// help, check and build of a copy of the example content succeed, and
// the binary is statically linked.
func TestReleaseBinaryRunsOnItsOwn(t *testing.T) {
	binary := releaseBinary(t)
	if runtime.GOOS == "linux" {
		f, err := elf.Open(binary)
		if err != nil {
			t.Fatal(err)
		}
		if f.Section(".interp") != nil {
			t.Errorf("%s asks for a dynamic loader: it is not statically linked", binary)
		}
		f.Close()
	}
	content := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	env := []string{"PATH=" + filepath.Dir(binary), "HOME=" + t.TempDir()}
	if root := os.Getenv("SYSTEMROOT"); runtime.GOOS == "windows" && root != "" {
		env = append(env, "SYSTEMROOT="+root)
	}
	empty := t.TempDir()
	run := func(args ...string) (stdout, stderr string, err error) {
		cmd := exec.Command(binary, args...)
		cmd.Dir = empty
		cmd.Env = env
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err = cmd.Run()
		return o.String(), e.String(), err
	}

	stdout, stderr, err := run("help")
	if err != nil || !strings.Contains(stdout, "reportsite check") {
		t.Errorf("reportsite help: %v\nstdout: %s\nstderr: %s", err, stdout, stderr)
	}
	stdout, stderr, err = run("check", "--content", content)
	if err != nil || !strings.HasSuffix(stdout, " checked\n") || strings.Contains(stdout, "error") {
		t.Errorf("reportsite check: %v\nstdout: %s\nstderr: %s", err, stdout, stderr)
	}
	stdout, stderr, err = run("build", "--content", content, "--out", out)
	if err != nil {
		t.Fatalf("reportsite build: %v\nstdout: %s\nstderr: %s", err, stdout, stderr)
	}
	if !strings.HasPrefix(stdout, "built ") {
		t.Errorf("reportsite build printed %q, want its closing line", stdout)
	}
	for _, name := range []string{"index.html", "2023/index.html", "units/index.html", "assets/charts.js"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("the built site lacks %s: %v", name, err)
		}
	}
	if entries, err := os.ReadDir(empty); err != nil || len(entries) > 0 {
		t.Errorf("the working folder is no longer empty: %v %v", entries, err)
	}
}

// TestSHA256SUMSMatchesTheReleaseFiles checks dist/ as `make release`
// leaves it: SHA256SUMS lists each release file, and nothing else, by
// its name alone, with the SHA-256 of its bytes, as sha256sum writes it.
// Without dist/SHA256SUMS there is nothing to check.
func TestSHA256SUMSMatchesTheReleaseFiles(t *testing.T) {
	dist := filepath.Join(repoRoot, "dist")
	sums, err := os.ReadFile(filepath.Join(dist, "SHA256SUMS"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no dist/SHA256SUMS; make release writes it")
	}
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	scanner := bufio.NewScanner(bytes.NewReader(sums))
	for scanner.Scan() {
		// sha256sum's form: 64 hex digits, two spaces (a space and "*"
		// for a file read as binary), the name.
		line := scanner.Text()
		sum, name, ok := strings.Cut(line, " ")
		name = strings.TrimPrefix(strings.TrimPrefix(name, " "), "*")
		if !ok || len(sum) != 64 || name == "" || strings.ContainsAny(name, `/\`) {
			t.Errorf("SHA256SUMS line %q is not \"<sha256>  <file name>\"", line)
			continue
		}
		listed = append(listed, name)
		data, err := os.ReadFile(filepath.Join(dist, name))
		if err != nil {
			t.Errorf("SHA256SUMS lists %s: %v", name, err)
			continue
		}
		if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s has SHA-256 %x, SHA256SUMS says %s", name, got, sum)
		}
	}
	slices.Sort(listed)
	if !slices.Equal(listed, releaseNames) {
		t.Errorf("SHA256SUMS lists %q, want %q", listed, releaseNames)
	}
}
