//go:build linux || darwin

package cli

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"reportsite/generator/fixture"
)

// TestABuildKilledAtAnyMomentLeavesAWholeSite kills a build of a
// generated site of 200 units with SIGKILL at 30 moments spread over a
// build's duration, measured first. After each kill the output folder is
// the previous build's or the new one's, file for file and byte for byte;
// after the next good build nothing the killed builds staged is left
// beside it. Linux and macOS only: elsewhere the output folder is
// replaced by two renames and may be missing after a kill between them.
func TestABuildKilledAtAnyMomentLeavesAWholeSite(t *testing.T) {
	const kills = 30
	// About a second a build, with the removal of the previous site.
	cfg := fixture.Config{Units: 200, Activities: 1_000, Years: 2}
	if raceEnabled {
		// A build under the race detector is several times slower; fewer
		// activities keep the test near a minute on two cores.
		cfg.Activities = 150
	}
	var contents [2]string
	for i := range contents {
		cfg.Seed = int64(i + 1)
		dir, err := fixture.Cached(cfg)
		if err != nil {
			t.Fatal(err)
		}
		contents[i] = dir
	}
	root := t.TempDir()
	out := filepath.Join(root, "public")
	start := func(content string) (*exec.Cmd, *bytes.Buffer) {
		cmd := exec.Command(os.Args[0], "build", "--content", content, "--out", out)
		cmd.Env = append(os.Environ(), childBuildEnv+"=1")
		var output bytes.Buffer
		cmd.Stdout, cmd.Stderr = &output, &output
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd, &output
	}
	build := func(content string) time.Duration {
		began := time.Now()
		cmd, output := start(content)
		if err := cmd.Wait(); err != nil {
			t.Fatalf("build of %s: %v\n%s", content, err, output)
		}
		return time.Since(began)
	}

	// Two good builds, one of each content, give the two manifests and
	// the length of a build.
	var manifests [2]map[string][sha256.Size]byte
	var took time.Duration
	for i, content := range contents {
		took = build(content)
		manifests[i] = manifest(t, out)
	}
	if maps.EqualFunc(manifests[0], manifests[1], func(a, b [sha256.Size]byte) bool { return a == b }) {
		t.Fatal("the two contents give the same site; a kill could not be told from a finished build")
	}
	t.Logf("a build of %d units, %d activities over %d years: %s, %d files",
		cfg.Units, cfg.Activities, cfg.Years, took.Round(time.Millisecond), len(manifests[1]))

	current := 1 // the content of the site in out
	var previous, replaced, staged int
	for i := range kills {
		next := 1 - current
		cmd, output := start(contents[next])
		// From 2% to 102% of a build: the last kills may come after the
		// build has put its site in place, or after it has ended.
		time.Sleep(took * time.Duration(2+100*i/(kills-1)) / 100)
		cmd.Process.Kill()
		err := cmd.Wait()
		var exit *exec.ExitError
		if err != nil && !errors.As(err, &exit) {
			t.Fatal(err)
		}
		if exit != nil && exit.Exited() {
			t.Fatalf("kill %d: the build failed on its own: %v\n%s", i+1, err, output)
		}
		got := manifest(t, out)
		switch {
		case sameManifest(got, manifests[current]):
			previous++
		case sameManifest(got, manifests[next]):
			replaced++
			current = next
		default:
			t.Fatalf("kill %d, %s into a build: %s is neither the previous site nor the new one:\n%s",
				i+1, took*time.Duration(2+100*i/(kills-1))/100, out, manifestDiff(got, manifests[current], manifests[next]))
		}
		if len(leftovers(t, root)) > 0 {
			staged++
		}
	}
	t.Logf("%d kills: %d left the previous site, %d the new one; %d found a killed build's folder beside it",
		kills, previous, replaced, staged)
	if previous == 0 || staged == 0 {
		t.Errorf("no kill came while a build was staging its site (previous site %d times, leftovers %d times); the kills missed the build",
			previous, staged)
	}

	next := 1 - current
	build(contents[next])
	if !sameManifest(manifest(t, out), manifests[next]) {
		t.Errorf("after a good build %s is not that build's site", out)
	}
	if left := leftovers(t, root); len(left) > 0 {
		t.Errorf("after a good build, left beside %s: %v", out, left)
	}
}

// manifest returns the SHA-256 of every file under dir by its slash
// path; an empty manifest when dir is missing.
func manifest(t *testing.T, dir string) map[string][sha256.Size]byte {
	t.Helper()
	files := map[string][sha256.Size]byte{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && name == dir {
			return nil
		}
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		rel, _ := filepath.Rel(dir, name)
		files[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameManifest(a, b map[string][sha256.Size]byte) bool {
	return maps.Equal(a, b)
}

// manifestDiff describes how got differs from each of two manifests, in
// a few lines.
func manifestDiff(got, previous, next map[string][sha256.Size]byte) string {
	var b strings.Builder
	for _, want := range []struct {
		name  string
		files map[string][sha256.Size]byte
	}{{"previous", previous}, {"new", next}} {
		var missing, changed, extra []string
		for name, sum := range want.files {
			if g, ok := got[name]; !ok {
				missing = append(missing, name)
			} else if g != sum {
				changed = append(changed, name)
			}
		}
		for name := range got {
			if _, ok := want.files[name]; !ok {
				extra = append(extra, name)
			}
		}
		slices.Sort(missing)
		slices.Sort(changed)
		slices.Sort(extra)
		b.WriteString(want.name + " site: " + summary("missing", missing) + ", " +
			summary("different", changed) + ", " + summary("extra", extra) + "\n")
	}
	return b.String()
}

func summary(what string, names []string) string {
	if len(names) == 0 {
		return "0 " + what
	}
	return fmt.Sprintf("%d %s (%s, …)", len(names), what, names[0])
}

// leftovers returns the names in root other than the output folder's.
func leftovers(t *testing.T, root string) []string {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != "public" {
			names = append(names, e.Name())
		}
	}
	return names
}
