package cli

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// publishEnv returns the environment for publish.sh: this binary on the
// PATH as reportsite.
func publishEnv(t *testing.T) []string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("publish.sh is for Unix servers")
	}
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	stub := fmt.Sprintf("#!/bin/sh\n%s=1 exec '%s' \"$@\"\n", childBuildEnv, exe)
	if err := os.WriteFile(filepath.Join(bin, "reportsite"), []byte(stub), 0o755); err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// publish runs the repository's publish.sh with args.
func publish(t *testing.T, env []string, repo string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("sh", append([]string{filepath.Join(repo, "publish.sh")}, args...)...)
	cmd.Dir = t.TempDir() // publish.sh finds the repository from its own path
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// setTitle gives the repository's bloc a new name.
func setTitle(t *testing.T, repo, title string) {
	t.Helper()
	name := filepath.Join(repo, "content", "site.yaml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "title: ") {
			lines[i] = "title: " + title
		}
	}
	if err := os.WriteFile(name, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestPublishScriptSwapsEachSiteIntoTheWebFolder(t *testing.T) {
	env := publishEnv(t)
	repo := filepath.Join(t.TempDir(), "repo")
	if _, stderr, exit := run("init", repo); exit != ExitOK {
		t.Fatal(stderr)
	}
	www := t.TempDir()
	web := filepath.Join(www, "report")
	server := httptest.NewServer(http.FileServer(http.Dir(www)))
	defer server.Close()
	page := server.URL + "/report/index.html"

	setTitle(t, repo, "First Bloc")
	if out, err := publish(t, env, repo, web); err != nil {
		t.Fatalf("first publish: %v\n%s", err, out)
	}
	if code, body := get(t, page); code != 200 || !strings.Contains(body, "First Bloc") {
		t.Fatalf("before: GET %s gave %d, First Bloc %v", page, code, strings.Contains(body, "First Bloc"))
	}

	// Readers keep reading while a new site is published: each of them
	// gets a whole page, of the old site or the new.
	var stop atomic.Bool
	var reads, misses atomic.Int64
	var wg sync.WaitGroup
	var missed sync.Map
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				resp, err := http.Get(page)
				if err != nil {
					missed.Store(err.Error(), true)
					misses.Add(1)
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				reads.Add(1)
				whole := strings.Contains(string(body), "</html>")
				if resp.StatusCode != 200 || !whole || !(strings.Contains(string(body), "First Bloc") || strings.Contains(string(body), "Second Bloc")) {
					missed.Store(fmt.Sprintf("%d, whole %v", resp.StatusCode, whole), true)
					misses.Add(1)
				}
			}
		}()
	}
	setTitle(t, repo, "Second Bloc")
	out, err := publish(t, env, repo, web)
	time.Sleep(50 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatalf("second publish: %v\n%s", err, out)
	}
	if reads.Load() == 0 {
		t.Error("no page was read while publishing")
	}
	if misses.Load() > 0 {
		missed.Range(func(k, _ any) bool { t.Errorf("while publishing, a reader got: %v", k); return true })
	}
	if code, body := get(t, page); code != 200 || !strings.Contains(body, "Second Bloc") {
		t.Errorf("after: GET %s gave %d, Second Bloc %v", page, code, strings.Contains(body, "Second Bloc"))
	}
	if info, err := os.Lstat(web); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the web folder is not the symbolic link publish.sh switches: %v %v", info, err)
	}

	// A build that fails publishes nothing and leaves the site as it was.
	writeFiles(t, repo, map[string]string{"content/units/broken.yaml": "nme: typo\n"})
	if out, err := publish(t, env, repo, web); err == nil {
		t.Errorf("publishing broken content succeeded:\n%s", out)
	}
	if code, body := get(t, page); code != 200 || !strings.Contains(body, "Second Bloc") {
		t.Errorf("after a failed build: GET gave %d, Second Bloc %v", code, strings.Contains(body, "Second Bloc"))
	}
	os.Remove(filepath.Join(repo, "content", "units", "broken.yaml"))

	// Only the newest sites are kept, the live one among them, and every
	// file can be read by a web server running as another user.
	env = append(env, "REPORTSITE_KEEP=2")
	for _, title := range []string{"Third Bloc", "Fourth Bloc"} {
		setTitle(t, repo, title)
		if out, err := publish(t, env, repo, "--no-build", web); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
	}
	// --no-build published the site built last, the second one.
	if _, body := get(t, page); !strings.Contains(body, "Second Bloc") {
		t.Error("--no-build did not publish the site already built")
	}
	sites, err := os.ReadDir(filepath.Join(www, ".report.sites"))
	if err != nil || len(sites) != 2 {
		t.Errorf("%d sites kept (%v), want 2", len(sites), err)
	}
	filepath.WalkDir(filepath.Join(www, ".report.sites"), func(name string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, _ := d.Info()
		if info.Mode().Perm()&0o004 == 0 {
			t.Errorf("%s cannot be read by other users (%v)", name, info.Mode())
		}
		return nil
	})
}

func TestPublishScriptLeavesAnOrdinaryFolderWhole(t *testing.T) {
	env := publishEnv(t)
	repo := filepath.Join(t.TempDir(), "repo")
	if _, stderr, exit := run("init", repo); exit != ExitOK {
		t.Fatal(stderr)
	}
	web := filepath.Join(t.TempDir(), "report")
	writeFiles(t, web, map[string]string{"index.html": "the old site"})
	out, err := publish(t, env, repo, web)

	// A system whose mv swaps folders (GNU coreutils 9.5 or later) swaps
	// the new site in; another stops and explains.
	probe := t.TempDir()
	os.Mkdir(filepath.Join(probe, "a"), 0o755)
	os.Mkdir(filepath.Join(probe, "b"), 0o755)
	exchanges := exec.Command("mv", "--exchange", filepath.Join(probe, "a"), filepath.Join(probe, "b")).Run() == nil

	index, _ := os.ReadFile(filepath.Join(web, "index.html"))
	if exchanges {
		if err != nil || !strings.Contains(string(index), "Emulation Bloc") {
			t.Errorf("with mv --exchange: %v, index.html %.40q\n%s", err, index, out)
		}
		return
	}
	if err == nil || !strings.Contains(out, "is an ordinary folder") || !strings.Contains(out, "mv "+web+" "+web+".old") {
		t.Errorf("publish.sh did not stop with an explanation: %v\n%s", err, out)
	}
	if string(index) != "the old site" {
		t.Errorf("the folder's index.html is now %.40q", index)
	}
	entries, _ := os.ReadDir(web)
	if len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want its one file", len(entries))
	}
}

func TestPublishScriptUsage(t *testing.T) {
	env := publishEnv(t)
	repo := filepath.Join(t.TempDir(), "repo")
	if _, stderr, exit := run("init", repo); exit != ExitOK {
		t.Fatal(stderr)
	}
	for _, args := range [][]string{nil, {"a", "b"}} {
		out, err := publish(t, env, repo, args...)
		if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 2 || !strings.Contains(out, "usage: sh publish.sh") {
			t.Errorf("%q: %v\n%s", args, err, out)
		}
	}
	// REPORTSITE_WEB_DIR stands for the argument.
	web := filepath.Join(t.TempDir(), "site")
	if out, err := publish(t, append(env, "REPORTSITE_WEB_DIR="+web), repo); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(web, "index.html")); err != nil {
		t.Error(err)
	}
}
