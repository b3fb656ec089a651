package content

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"reportsite/generator/diag"
)

// TestLoaderReadsLinksAgain: a file that is a symbolic link is read again
// on every load, since its target may change while the link does not,
// even when the loader trusts Changed and Changed names only the target.
// The times of links cannot be set, so files count as settled at once.
func TestLoaderReadsLinksAgain(t *testing.T) {
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0
	for _, trusted := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "content")
		units := filepath.Join(dir, "units")
		if err := os.MkdirAll(units, 0o755); err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(dir, "seed.txt")
		for _, err := range []error{
			os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: T\n"), 0o644),
			os.WriteFile(target, []byte("name: Seed Centre\n"), 0o644),
			os.Symlink("../seed.txt", filepath.Join(units, "seed-centre.yaml")),
		} {
			if err != nil {
				t.Fatal(err)
			}
		}
		l := NewLoader(dir)
		if trusted {
			l.TrustChanged()
		}
		for _, name := range []string{"Seed Centre", "Seeds Centre", "Weed Centre"} {
			if err := os.WriteFile(target, []byte("name: "+name+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			l.Changed(target)
			var gotDiags, wantDiags diag.List
			got, want := l.Load(&gotDiags), Load(dir, &wantDiags)
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDiags.Items(), wantDiags.Items()) {
				t.Errorf("trusted %v, name %s: Loader gave %+v %v, Load %+v %v", trusted, name, got.Units[0], gotDiags.Items(), want.Units[0], wantDiags.Items())
			}
			if got.Units[0].Name.Value != name {
				t.Errorf("read %q, want %q", got.Units[0].Name.Value, name)
			}
		}
	}
}
