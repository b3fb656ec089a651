package content_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"reportsite/generator/content"
	"reportsite/generator/diag"
)

// folder is a content folder that a test changes step by step. Every
// file it writes gets a time of its own, long past by default, so that a
// Loader may reuse what it read; paths names what each step touched.
type folder struct {
	t     *testing.T
	dir   string
	clock time.Time // the time of the last file written
	paths []string  // what the current step touched, relative to dir
}

func newFolder(t *testing.T) *folder {
	return &folder{t: t, dir: filepath.Join(t.TempDir(), "content"), clock: time.Now().Add(-time.Hour)}
}

func (f *folder) path(rel string) string {
	return filepath.Join(f.dir, filepath.FromSlash(rel))
}

func (f *folder) touched(rel string) {
	f.paths = append(f.paths, f.path(rel))
}

// write writes the file rel and gives it a time a second after the
// previous file's.
func (f *folder) write(rel, data string) {
	f.t.Helper()
	f.writeNow(rel, data)
	f.clock = f.clock.Add(time.Second)
	f.setTime(rel, f.clock)
}

// writeNow writes the file rel and leaves it the time of the write.
func (f *folder) writeNow(rel, data string) {
	f.t.Helper()
	if err := os.MkdirAll(filepath.Dir(f.path(rel)), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(f.path(rel), []byte(data), 0o644); err != nil {
		f.t.Fatal(err)
	}
	f.touched(rel)
}

func (f *folder) setTime(rel string, at time.Time) {
	f.t.Helper()
	if err := os.Chtimes(f.path(rel), at, at); err != nil {
		f.t.Fatal(err)
	}
}

func (f *folder) modTime(rel string) time.Time {
	f.t.Helper()
	info, err := os.Stat(f.path(rel))
	if err != nil {
		f.t.Fatal(err)
	}
	return info.ModTime()
}

func (f *folder) remove(rel string) {
	f.t.Helper()
	if err := os.RemoveAll(f.path(rel)); err != nil {
		f.t.Fatal(err)
	}
	f.touched(rel)
}

func (f *folder) rename(from, to string) {
	f.t.Helper()
	if err := os.Rename(f.path(from), f.path(to)); err != nil {
		f.t.Fatal(err)
	}
	f.touched(from)
	f.touched(to)
}

func (f *folder) symlink(target, rel string) {
	f.t.Helper()
	if err := os.Symlink(target, f.path(rel)); err != nil {
		f.t.Fatal(err)
	}
	f.touched(rel)
}

// loadBoth loads dir with l and with Load, and fails t unless both give
// the same Content and the same diagnostics. It returns both Contents.
func loadBoth(t *testing.T, l *content.Loader, dir, step string) (got, want *content.Content) {
	t.Helper()
	var gotDiags, wantDiags diag.List
	got = l.Load(&gotDiags)
	want = content.Load(dir, &wantDiags)
	if !reflect.DeepEqual(gotDiags.Items(), wantDiags.Items()) {
		t.Errorf("%s: diagnostics differ:\nLoader:\n%s\nLoad:\n%s", step, listed(gotDiags.Items()), listed(wantDiags.Items()))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: content differs%s", step, difference(got, want))
	}
	return got, want
}

func listed(items []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range items {
		fmt.Fprintf(&b, "  %s\n", d)
	}
	return b.String()
}

// difference names the first value that differs between two Contents.
func difference(got, want *content.Content) string {
	g, w := reflect.ValueOf(*got), reflect.ValueOf(*want)
	for i := range g.NumField() {
		name := g.Type().Field(i).Name
		gf, wf := g.Field(i), w.Field(i)
		if reflect.DeepEqual(gf.Interface(), wf.Interface()) {
			continue
		}
		if gf.Kind() == reflect.Slice && gf.Len() == wf.Len() {
			for j := range gf.Len() {
				if !reflect.DeepEqual(gf.Index(j).Interface(), wf.Index(j).Interface()) {
					return fmt.Sprintf(" in %s[%d]:\nLoader: %+v\nLoad:   %+v", name, j, gf.Index(j).Interface(), wf.Index(j).Interface())
				}
			}
		}
		return fmt.Sprintf(" in %s:\nLoader: %+v\nLoad:   %+v", name, gf.Interface(), wf.Interface())
	}
	return ""
}

const (
	unitA     = "name: Water Centre\nshort_name: Water\nstaff: {2023: 40, 2024: 42}\n"
	unitB     = "name: Seed Centre\nstaff: {2023: 10}\n"
	activity  = "title: Book drive\nyear: 2023\ncategory: donation\ncontributions:\n  - {unit: water-centre, participants: 3, money: 500000}\n  - {unit: seed-centre, participants: 2}\n"
	activity2 = "title: Tet gifts\nyear: 2023\nphotos:\n  - {file: media/tet.jpg, caption: Gifts}\n"
)

// loaderSteps are edits of a content folder, each followed by a load: the
// Loader must give what Load gives after every one of them.
var loaderSteps = []struct {
	name string
	edit func(f *folder)
}{
	{"start", func(f *folder) {
		f.write("site.yaml", "title: Test Bloc\n")
		f.write("years/2023.yaml", "year: 2023\nhead: water-centre\n")
		f.write("units/water-centre.yaml", unitA)
		f.write("units/seed-centre.yaml", unitB)
		f.write("activities/book-drive-2023.yaml", activity)
		f.write("activities/book-drive-2023.md", "The story.\n")
		f.write("activities/tet-gifts-2023.yaml", activity2)
		f.write("media/tet.jpg", "jpeg")
	}},
	{"nothing changed", func(f *folder) {}},
	{"unit edited", func(f *folder) {
		f.write("units/seed-centre.yaml", "name: Seed and Plant Centre\nstaff: {2023: 11}\n")
	}},
	{"unit edited to the same size", func(f *folder) {
		f.write("units/seed-centre.yaml", "name: Seed and Plant Centre\nstaff: {2023: 12}\n")
	}},
	{"unit added", func(f *folder) {
		f.write("units/forest-board.yaml", "name: Forest Board\n")
	}},
	{"unit deleted", func(f *folder) {
		f.remove("units/forest-board.yaml")
	}},
	{"activity renamed", func(f *folder) {
		f.rename("activities/tet-gifts-2023.yaml", "activities/tet-gifts.yaml")
	}},
	{"units swapped by renames", func(f *folder) {
		f.write("units/water-centre.yaml", strings.Replace(unitB, "Seed", "Seep", 1))
		f.rename("units/water-centre.yaml", "units/tmp.yaml")
		f.rename("units/seed-centre.yaml", "units/water-centre.yaml")
		f.rename("units/tmp.yaml", "units/seed-centre.yaml")
	}},
	{"units of the same size and time swapped", func(f *folder) {
		f.write("units/water-centre.yaml", "name: Water Centre\n")
		f.write("units/seed-centre.yaml", "name: Seeds Centre\n")
		f.setTime("units/water-centre.yaml", f.clock)
	}},
	{"and swapped back", func(f *folder) {
		f.rename("units/water-centre.yaml", "units/tmp.yaml")
		f.rename("units/seed-centre.yaml", "units/water-centre.yaml")
		f.rename("units/tmp.yaml", "units/seed-centre.yaml")
	}},
	{"unit broken", func(f *folder) {
		f.write("units/water-centre.yaml", "name: Water Centre\n\tkind: tab\n")
	}},
	{"unit fixed", func(f *folder) {
		f.write("units/water-centre.yaml", unitA)
	}},
	{"activity with field errors", func(f *folder) {
		f.write("activities/book-drive-2023.yaml", activity+"colour: blue\nend: 2023-02-30\n")
	}},
	{"activity fixed", func(f *folder) {
		f.write("activities/book-drive-2023.yaml", activity)
	}},
	{"narrative edited", func(f *folder) {
		f.write("activities/book-drive-2023.md", "The whole story.\n")
	}},
	{"narrative removed", func(f *folder) {
		f.remove("activities/book-drive-2023.md")
	}},
	{"narrative added to an activity that has one", func(f *folder) {
		f.write("activities/tet-gifts.yaml", activity2+"narrative: Told here.\n")
		f.write("activities/tet-gifts.md", "And told there.\n")
	}},
	{"narrative without an activity", func(f *folder) {
		f.write("activities/book-drive.md", "Whose story?\n")
	}},
	{"narrative not UTF-8", func(f *folder) {
		f.write("activities/tet-gifts.md", "caf\xe9\n")
		f.write("activities/tet-gifts.yaml", activity2)
	}},
	{"narrative fixed", func(f *folder) {
		f.write("activities/tet-gifts.md", "Café.\n")
	}},
	{"activity of a narrative broken", func(f *folder) {
		f.write("activities/tet-gifts.yaml", "title: [\n")
	}},
	{"activity of a narrative fixed", func(f *folder) {
		f.write("activities/tet-gifts.yaml", activity2)
	}},
	{"unit replaced by a folder", func(f *folder) {
		f.remove("units/seed-centre.yaml")
		f.write("units/seed-centre.yaml/inside.yaml", unitB)
	}},
	{"folder replaced by the unit again", func(f *folder) {
		f.remove("units/seed-centre.yaml")
		f.write("units/seed-centre.yaml", unitB)
	}},
	{"unit replaced by a link inside", func(f *folder) {
		f.remove("units/seed-centre.yaml")
		f.write("units/seed.txt", unitB)
		f.symlink("seed.txt", "units/seed-centre.yaml")
	}},
	{"target of the link edited", func(f *folder) {
		f.write("units/seed.txt", strings.Replace(unitB, "Seed", "Weed", 1))
	}},
	{"unit replaced by a link outside", func(f *folder) {
		f.remove("units/seed-centre.yaml")
		f.symlink(filepath.Join(f.dir, "..", "outside.yaml"), "units/seed-centre.yaml")
	}},
	{"unit too large", func(f *folder) {
		f.remove("units/seed-centre.yaml")
		f.remove("units/seed.txt")
		f.write("units/seed-centre.yaml", unitB+"description: "+strings.Repeat("x", content.MaxFileSize)+"\n")
	}},
	{"unit back to its size", func(f *folder) {
		f.write("units/seed-centre.yaml", unitB)
	}},
	{"site edited", func(f *folder) {
		f.write("site.yaml", "title: Test Bloc\nlanguage: vi\n")
	}},
	{"site removed", func(f *folder) {
		f.remove("site.yaml")
	}},
	{"site back, with a stray file", func(f *folder) {
		f.write("site.yaml", "title: Test Bloc\n")
		f.write("notes.txt", "not content")
	}},
	{"media added and removed", func(f *folder) {
		f.remove("media/tet.jpg")
		f.write("media/2023/book-drive.jpg", "jpeg")
	}},
	{"years folder removed", func(f *folder) {
		f.remove("years")
	}},
	{"years folder back", func(f *folder) {
		f.write("years/2023.yaml", "year: 2023\nhead: water-centre\n")
		f.write("years/2024.yaml", "year: 2024\n")
	}},
	{"activities folder replaced by a file", func(f *folder) {
		f.remove("activities")
		f.write("activities", "not a folder")
	}},
	{"activities folder back", func(f *folder) {
		f.remove("activities")
		f.write("activities/book-drive-2023.yaml", activity)
		f.write("activities/book-drive-2023.md", "The story.\n")
	}},
	{"content folder removed", func(f *folder) {
		f.remove(".")
	}},
	{"content folder back", func(f *folder) {
		f.write("site.yaml", "title: Test Bloc\n")
		f.write("units/water-centre.yaml", unitA)
		f.write("activities/book-drive-2023.yaml", activity)
		f.write("activities/book-drive-2023.md", "The story.\n")
	}},
}

// TestLoaderLoadsWhatLoadLoads runs the steps with a Loader that is told
// of nothing, one told of every change, and one that trusts what it is
// told; after every step, each must give what Load gives.
func TestLoaderLoadsWhatLoadLoads(t *testing.T) {
	for _, mode := range []string{"stat", "changed", "trusted"} {
		t.Run(mode, func(t *testing.T) {
			f := newFolder(t)
			if err := os.WriteFile(filepath.Join(f.dir, "..", "outside.yaml"), []byte(unitB), 0o644); err != nil {
				t.Fatal(err)
			}
			l := content.NewLoader(f.dir)
			if mode == "trusted" {
				l.TrustChanged()
			}
			type loaded struct{ got, want *content.Content }
			var all []loaded
			for _, step := range loaderSteps {
				f.paths = nil
				step.edit(f)
				if mode != "stat" {
					l.Changed(f.paths...)
				}
				got, want := loadBoth(t, l, f.dir, step.name)
				all = append(all, loaded{got, want})
			}
			// No load changed what an earlier one returned.
			for i, a := range all {
				if !reflect.DeepEqual(a.got, a.want) {
					t.Errorf("after the steps, the Content of step %q changed%s", loaderSteps[i].name, difference(a.got, a.want))
				}
			}
		})
	}
}

// TestLoaderRereadsWhatChangedSaysEvenIfItLooksTheSame: a file replaced by
// one of the same size and time is read again when named by Changed, as
// an absolute path, a relative one or through its folder.
func TestLoaderRereadsWhatChangedSaysEvenIfItLooksTheSame(t *testing.T) {
	for _, how := range []string{"absolute", "relative", "folder", "content folder"} {
		t.Run(how, func(t *testing.T) {
			f := newFolder(t)
			loaderSteps[0].edit(f)
			l := content.NewLoader(f.dir)
			loadBoth(t, l, f.dir, "start")
			for _, rel := range []string{"units/water-centre.yaml", "activities/book-drive-2023.md", "site.yaml"} {
				before := f.modTime(rel)
				data, err := os.ReadFile(f.path(rel))
				if err != nil {
					t.Fatal(err)
				}
				f.write(rel, string(bytes.ToUpper(data)))
				f.setTime(rel, before)
				switch how {
				case "absolute":
					abs, err := filepath.Abs(f.path(rel))
					if err != nil {
						t.Fatal(err)
					}
					l.Changed(abs)
				case "relative":
					wd, err := os.Getwd()
					if err != nil {
						t.Fatal(err)
					}
					relative, err := filepath.Rel(wd, f.path(rel))
					if err != nil {
						t.Fatal(err)
					}
					l.Changed(relative)
				case "folder":
					l.Changed(filepath.Dir(f.path(rel)))
				case "content folder":
					l.Changed(f.dir)
				}
				l.Changed(filepath.Join(f.dir, "..", "elsewhere.yaml"), f.path("media/nothing.jpg"))
				loadBoth(t, l, f.dir, rel+" replaced, same size and time")
			}
		})
	}
}

// TestLoaderRereadsFilesChangedTooRecentlyToTrust: a file written twice in
// the same tick of the file system's clock keeps its size and time; the
// Loader does not reuse a file changed just before it read it, so it sees
// the second write though nothing named it.
func TestLoaderRereadsFilesChangedTooRecentlyToTrust(t *testing.T) {
	f := newFolder(t)
	loaderSteps[0].edit(f)
	l := content.NewLoader(f.dir)
	f.writeNow("units/water-centre.yaml", strings.Replace(unitA, "Water", "Wader", 1))
	loadBoth(t, l, f.dir, "first write")
	first := f.modTime("units/water-centre.yaml")
	f.writeNow("units/water-centre.yaml", strings.Replace(unitA, "Water", "Waiter", 1)[:len(unitA)])
	f.setTime("units/water-centre.yaml", first)
	loadBoth(t, l, f.dir, "second write")
}

// TestLoaderReusesWhatDidNotChange: what a load reuses is the very value
// the previous load returned, narratives included; only the file that
// changed is new.
func TestLoaderReusesWhatDidNotChange(t *testing.T) {
	f := newFolder(t)
	loaderSteps[0].edit(f)
	l := content.NewLoader(f.dir)
	first, _ := loadBoth(t, l, f.dir, "first")
	f.write("units/seed-centre.yaml", unitB+"kind: centre\n")
	second, _ := loadBoth(t, l, f.dir, "second")
	if first.Site != second.Site {
		t.Error("site.yaml was read again")
	}
	for i, u := range second.Units {
		if changed := u.ID == "seed-centre"; (u != first.Units[i]) != changed {
			t.Errorf("unit %s: read again %v, want %v", u.ID, u != first.Units[i], changed)
		}
	}
	for i, a := range second.Activities {
		if a != first.Activities[i] {
			t.Errorf("activity %s was read again", a.ID)
		}
	}
	if a := second.Activities[0]; a.NarrativeFile == "" {
		t.Errorf("activity %s lost its narrative", a.ID)
	}
}

// TestLoaderFollowsTheCheckCases turns one folder into each content
// folder of the check cases in turn, rewriting only the files that differ
// and removing those not in the case: whatever is carried over from the
// case before, the Loader gives what Load gives.
func TestLoaderFollowsTheCheckCases(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "cli", "testdata", "check", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatal("no check cases", err)
	}
	for _, trusted := range []bool{false, true} {
		f := newFolder(t)
		l := content.NewLoader(f.dir)
		if trusted {
			l.TrustChanged()
		}
		written := map[string]string{}
		for _, name := range cases {
			archive, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f.paths = nil
			files := map[string]string{}
			for _, file := range archive.Files {
				if file.Name != "want.out" {
					files[file.Name] = string(file.Data)
				}
			}
			for rel := range written {
				if _, ok := files[rel]; !ok {
					f.remove(rel)
					delete(written, rel)
				}
			}
			for rel, data := range files {
				if written[rel] != data {
					f.write(rel, data)
					written[rel] = data
				}
			}
			if trusted {
				l.Changed(f.paths...)
			}
			loadBoth(t, l, f.dir, filepath.Base(name))
		}
	}
}

// TestLoaderWithChangedCalledDuringLoads: Changed may be called while a
// load runs, as a file watcher does; run with -race.
func TestLoaderWithChangedCalledDuringLoads(t *testing.T) {
	f := newFolder(t)
	loaderSteps[0].edit(f)
	l := content.NewLoader(f.dir)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
				l.Changed(f.path("units/water-centre.yaml"), f.path("activities"))
			}
		}
	})
	for range 20 {
		loadBoth(t, l, f.dir, "while Changed is called")
	}
	close(stop)
	wg.Wait()
}

// TestLoadOfFilesSavedOnWindows loads files saved with a byte order mark
// and \r\n line ends: the title has no mark, the narrative no \r (nor
// the "|" block), and mistakes are reported at the lines and columns an
// editor shows.
func TestLoadOfFilesSavedOnWindows(t *testing.T) {
	f := newFolder(t)
	f.write("site.yaml", "\uFEFFtitle: Tủ sách\r\nabout: |\r\n  Line one\r\n  line two\r\nlanguage: fr\r\n")
	f.write("units/water-centre.yaml", "\uFEFFname: Water Centre\r\nstaff: {2023: 40}\r\nkind: [centre]\r\n")
	f.write("activities/drive-2023.yaml", "\uFEFFtitle: Drive\r\nyear: 2023\r\n")
	f.write("activities/drive-2023.md", "\uFEFF# The drive\r\n\r\nSee <b>this</b>.\r\n")
	var diags diag.List
	c := content.Load(f.dir, &diags)
	var got []string
	for _, d := range diags.Items() {
		got = append(got, strings.TrimPrefix(d.String(), filepath.ToSlash(f.dir)+"/"))
	}
	want := []string{
		`site.yaml:5:11: language "fr" is not allowed; write one of: en, vi, pt`,
		`units/water-centre.yaml:3:7: kind should be text, found a list; write the text after "kind:" without "- " or [ ]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c.Site == nil || c.Site.Title.Value != "Tủ sách" || c.Site.About.Value != "Line one\nline two\n" {
		t.Errorf("site read as %+v", c.Site)
	}
	if len(c.Activities) != 1 {
		t.Fatalf("%d activities, want 1", len(c.Activities))
	}
	if c.Activities[0].Narrative.Value != "# The drive\n\nSee <b>this</b>.\n" {
		t.Errorf("narrative read as %q", c.Activities[0].Narrative.Value)
	}
}
