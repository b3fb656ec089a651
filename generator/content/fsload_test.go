package content_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/gittree"
	"reportsite/generator/gittree/gittest"
)

// committed commits the folder content of a new repository, filled by
// fill, and returns the repository's folder and the content as a tree of
// that commit.
func committed(t *testing.T, fill func(dir string)) (string, *gittree.Tree) {
	t.Helper()
	top := t.TempDir()
	gittest.Init(t, top)
	fill(filepath.Join(top, "content"))
	commit := gittest.CommitAll(t, top, "content")
	r, err := gittree.Open(top)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := r.ReadTree(context.Background(), commit, "content", gittree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return top, tree
}

// sameLoad checks that loading the folder dir from disk and tree through
// LoadFS give the same content and diagnostics, both named after dir.
func sameLoad(t *testing.T, dir string, tree fs.FS) {
	t.Helper()
	var fromDisk, fromGit diag.List
	want := content.Load(dir, &fromDisk)
	got := content.LoadFS(tree, dir, nil, &fromGit)
	if !reflect.DeepEqual(fromGit.Items(), fromDisk.Items()) {
		t.Errorf("diagnostics from git:\n%v\nfrom disk:\n%v", fromGit.Items(), fromDisk.Items())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("content from git differs from the content on disk")
	}
	// Through a Memo that already holds every file, the same again.
	memo := content.NewMemo()
	var first, second diag.List
	content.LoadFS(tree, dir, memo, &first)
	again := content.LoadFS(tree, dir, memo, &second)
	if !reflect.DeepEqual(again, want) || !reflect.DeepEqual(second.Items(), fromDisk.Items()) {
		t.Errorf("a load through a Memo differs from the first")
	}
}

func TestLoadFSOfTheExampleSite(t *testing.T) {
	top, tree := committed(t, func(dir string) {
		if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
			t.Fatal(err)
		}
	})
	sameLoad(t, filepath.Join(top, "content"), tree)
}

// TestLoadFSOfEveryCheckCase loads each content folder of reportsite
// check's test cases, errors and all, from git and from disk.
func TestLoadFSOfEveryCheckCase(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "cli", "testdata", "check", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no check cases: %v", err)
	}
	for _, file := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			archive, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			top, tree := committed(t, func(dir string) {
				for _, f := range archive.Files {
					if f.Name == "want.out" {
						continue
					}
					p := filepath.Join(dir, filepath.FromSlash(f.Name))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
			// Positions are named as the user would see them from the top.
			t.Chdir(top)
			sameLoad(t, "content", tree)
		})
	}
}

func TestLoadFSRefusesLinks(t *testing.T) {
	top, _ := committed(t, func(dir string) {
		os.MkdirAll(filepath.Join(dir, "units"), 0o755)
		os.MkdirAll(filepath.Join(dir, "media"), 0o755)
		os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: Bloc\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "units", "a.yaml"), []byte("name: A\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "media", "a.jpg"), []byte("jpg"), 0o644)
		if err := os.Symlink("a.yaml", filepath.Join(dir, "units", "b.yaml")); err != nil {
			t.Skip("no symbolic links here:", err)
		}
		os.Symlink("a.jpg", filepath.Join(dir, "media", "b.jpg"))
	})
	r, err := gittree.Open(top)
	if err != nil {
		t.Fatal(err)
	}
	commit, _ := r.Resolve("HEAD")
	tree, err := r.ReadTree(context.Background(), commit, "content", gittree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	c := content.LoadFS(tree, "content", nil, &diags)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, d.String())
	}
	want := []string{
		"content/media/b.jpg: this is a symbolic link, which is not followed when content is read from git; copy the file here instead",
		"content/units/b.yaml: this is a symbolic link, which is not followed when content is read from git; copy the file here instead",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(c.Units) != 1 || !reflect.DeepEqual(c.Media, []string{"media/a.jpg"}) {
		t.Errorf("units %d, media %v: the links should be left out", len(c.Units), c.Media)
	}
}
