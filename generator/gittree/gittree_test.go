package gittree_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"reportsite/generator/gittree"
	"reportsite/generator/gittree/gittest"
)

// write writes files (slash paths to their text) under dir.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func repo(t *testing.T) (*gittree.Repo, string) {
	t.Helper()
	dir := t.TempDir()
	gittest.Init(t, dir)
	write(t, dir, map[string]string{
		"README.md":                 "top\n",
		"content/site.yaml":         "title: Bloc\n",
		"content/units/a.yaml":      "name: A\n",
		"content/units/b.yaml":      "name: B\n",
		"content/activities/x.md":   "# X\n",
		"content/activities/x.yaml": "title: X\nyear: 2023\n",
		"content/media/big.jpg":     strings.Repeat("j", 5000),
		"content/media/same.txt":    "name: A\n", // the same object as units/a.yaml
	})
	first := gittest.CommitAll(t, dir, "first")
	r, err := gittree.Open(filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Prefix != "content/" {
		t.Errorf("Prefix = %q, want content/", r.Prefix)
	}
	return r, first
}

func TestReadTreeIsAnFS(t *testing.T) {
	r, first := repo(t)
	tree, err := r.ReadTree(context.Background(), first, "content", gittree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(tree, "site.yaml", "units/a.yaml", "units/b.yaml", "activities/x.md", "activities/x.yaml", "media/big.jpg", "media/same.txt"); err != nil {
		t.Fatal(err)
	}
	data, err := fs.ReadFile(tree, "activities/x.yaml")
	if err != nil || string(data) != "title: X\nyear: 2023\n" {
		t.Errorf("activities/x.yaml = %q, %v", data, err)
	}
	if _, err := fs.Stat(tree, "README.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file outside the folder: %v, want not found", err)
	}
}

func TestReadTreeSkipsAndReuses(t *testing.T) {
	r, first := repo(t)
	skip := func(name string, size int64) bool { return strings.HasPrefix(name, "media/") }
	tree, err := r.ReadTree(context.Background(), first, "content/", gittree.Options{Skip: skip})
	if err != nil {
		t.Fatal(err)
	}
	info, err := fs.Stat(tree, "media/big.jpg")
	if err != nil || info.Size() != 5000 {
		t.Fatalf("media/big.jpg: %v, %v; want listed with its size", info, err)
	}
	if _, err := tree.Open("media/big.jpg"); !errors.Is(err, gittree.ErrSkipped) {
		t.Errorf("open of a skipped file: %v, want ErrSkipped", err)
	}
	if data, err := fs.ReadFile(tree, "units/a.yaml"); err != nil || string(data) != "name: A\n" {
		t.Errorf("units/a.yaml sharing its object with a skipped file: %q, %v", data, err)
	}

	write(t, r.Top, map[string]string{"content/units/b.yaml": "name: Bee\n"})
	second := gittest.CommitAll(t, r.Top, "second")
	next, err := r.ReadTree(context.Background(), second, "content", gittree.Options{Skip: skip, Reuse: tree})
	if err != nil {
		t.Fatal(err)
	}
	if !gittree.SameBytes(tree, next, "units/a.yaml") {
		t.Error("an unchanged file was read again instead of reused")
	}
	if b, _ := next.ReadFile("units/b.yaml"); string(b) != "name: Bee\n" {
		t.Errorf("changed file = %q", b)
	}
}

func TestReadTreeLinksAndSubmodules(t *testing.T) {
	r, first := repo(t)
	if err := os.Symlink("a.yaml", filepath.Join(r.Top, "content", "units", "link.yaml")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	gittest.Git(t, r.Top, "update-index", "--add", "--cacheinfo", "160000,"+first+",content/sub")
	second := gittest.CommitAll(t, r.Top, "links")
	tree, err := r.ReadTree(context.Background(), second, "content", gittree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Lstat(tree, "sub"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a submodule is listed: %v", err)
	}
	info, err := fs.Lstat(tree, "units/link.yaml")
	if err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("link: %v, %v", info, err)
	}
	if target, err := fs.ReadLink(tree, "units/link.yaml"); target != "a.yaml" || err != nil {
		t.Errorf("ReadLink = %q, %v", target, err)
	}
	if _, err := tree.Open("units/link.yaml"); err == nil {
		t.Error("a link was opened")
	}
}

func TestErrors(t *testing.T) {
	r, first := repo(t)
	if _, err := r.Resolve("no-such-branch"); !errors.Is(err, gittree.ErrUnknownRevision) {
		t.Errorf("Resolve(no-such-branch) = %v", err)
	}
	if _, err := r.Resolve("--all"); !errors.Is(err, gittree.ErrUnknownRevision) {
		t.Errorf("Resolve(--all) = %v", err)
	}
	if got, err := r.Resolve("main"); got != first || err != nil {
		t.Errorf("Resolve(main) = %q, %v; want %s", got, err, first)
	}
	if _, err := r.ReadTree(context.Background(), first, "nothing", gittree.Options{}); !errors.Is(err, gittree.ErrNoFolder) {
		t.Errorf("ReadTree of a missing folder: %v", err)
	}
	if _, err := r.ReadTree(context.Background(), first, "README.md", gittree.Options{}); !errors.Is(err, gittree.ErrNoFolder) {
		t.Errorf("ReadTree of a file: %v", err)
	}
	if _, err := gittree.Open(t.TempDir()); !errors.Is(err, gittree.ErrNotRepository) {
		t.Errorf("Open outside a repository: %v", err)
	}
}
