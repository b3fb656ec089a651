package site

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"reportsite/generator/content"
	"reportsite/generator/diag"
	"reportsite/generator/photos"
	"reportsite/generator/photos/phototest"
)

// photoSite writes a content folder in dir whose activity shows the
// photos of files (under media/), and returns the content folder.
func photoSite(t testing.TB, dir string, files map[string][]byte, entries string) string {
	t.Helper()
	contentDir := filepath.Join(dir, "content")
	for name, data := range map[string][]byte{
		"site.yaml":                  []byte("title: Test Bloc\n"),
		"years/2023.yaml":            []byte("year: 2023\nhead: water-centre\n"),
		"units/water-centre.yaml":    []byte("name: Water Centre\nstaff: {2023: 40}\n"),
		"activities/drive-2023.yaml": []byte("title: Drive 2023\nyear: 2023\ncontributions:\n  - {unit: water-centre, participants: 12}\nphotos:\n" + entries),
		"media/logo.svg":             []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"),
	} {
		writeFile(t, filepath.Join(contentDir, filepath.FromSlash(name)), data)
	}
	for name, data := range files {
		writeFile(t, filepath.Join(contentDir, filepath.FromSlash(name)), data)
	}
	return contentDir
}

func transparentPNG(t testing.TB) []byte {
	m := image.NewNRGBA(image.Rect(0, 0, 700, 500))
	for y := range 500 {
		for x := range 350 {
			m.SetNRGBA(x, y, color.NRGBA{200, 40, 40, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPhotosArePublishedResizedUprightAndWithoutMetadata builds a site
// with a phone's photo, 4000 × 3000 stored on its side (EXIF orientation
// 6) with GPS tags, and a PNG with transparent parts; then builds it again.
func TestPhotosArePublishedResizedUprightAndWithoutMetadata(t *testing.T) {
	dir := t.TempDir()
	phone := phototest.PhoneJPEG(t, phototest.Quadrants(4000, 3000), 6)
	contentDir := photoSite(t, dir, map[string][]byte{
		"media/2023/hội nghị.jpg": phone,
		"media/plan.png":          transparentPNG(t),
	}, "  - {file: media/2023/hội nghị.jpg, caption: The conference, alt: Delegates seated in the hall}\n"+
		"  - {file: media/plan.png, caption: The plan}\n")
	opts := Options{Content: contentDir, Out: filepath.Join(dir, "public"), PhotoCache: filepath.Join(dir, "cache")}

	var diags diag.List
	stats, err := Build(opts, &diags)
	if err != nil {
		t.Fatalf("%v\n%s", err, diagText(&diags))
	}
	if stats.PhotosMade != 2 || stats.PhotosReused != 0 {
		t.Errorf("first build: %d photos made, %d reused; want 2 and 0", stats.PhotosMade, stats.PhotosReused)
	}
	public := func(name string) []byte {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(opts.Out, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}

	// The phone's photo: upright 3000 × 4000, so copies 480, 960 and
	// 1200 wide, the largest at the photo's own name.
	for name, want := range map[string]image.Point{
		"media/2023/hội nghị-480.jpg": {480, 640},
		"media/2023/hội nghị-960.jpg": {960, 1280},
		"media/2023/hội nghị.jpg":     {1200, 1600},
	} {
		data := public(name)
		if found := phototest.Metadata(data); found != nil {
			t.Errorf("%s holds metadata: %v", name, found)
		}
		m, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := m.Bounds().Size(); got != want {
			t.Errorf("%s is %v, want %v", name, got, want)
		}
		// Upright: the stored bottom-left (blue) is now top-left.
		if r, _, b, _ := m.At(want.X/4, want.Y/4).RGBA(); b>>8 < 180 || r>>8 > 80 {
			t.Errorf("%s is not upright: its top-left is %v", name, m.At(want.X/4, want.Y/4))
		}
	}
	// The PNG stays PNG, at 480 and its own 700.
	for _, name := range []string{"media/plan-480.png", "media/plan.png"} {
		if !bytes.HasPrefix(public(name), []byte("\x89PNG")) {
			t.Errorf("%s is not a PNG", name)
		}
	}
	// Other files of media/ are copied as they are.
	if !bytes.Contains(public("media/logo.svg"), []byte("<svg")) {
		t.Error("media/logo.svg is not copied")
	}

	page := string(public("activities/drive-2023/index.html"))
	for _, want := range []string{
		`<a href="../../media/2023/h%e1%bb%99i%20ngh%e1%bb%8b.jpg"><img src="../../media/2023/h%e1%bb%99i%20ngh%e1%bb%8b-960.jpg"`,
		`srcset="../../media/2023/h%e1%bb%99i%20ngh%e1%bb%8b-480.jpg 480w, ../../media/2023/h%e1%bb%99i%20ngh%e1%bb%8b-960.jpg 960w, ../../media/2023/h%e1%bb%99i%20ngh%e1%bb%8b.jpg 1200w"`,
		`sizes="(max-width: 35rem) calc(100vw - 2rem), (max-width: 52rem) calc(50vw - 1.5rem), 22rem"`,
		`width="1200" height="1600" alt="Delegates seated in the hall" loading="lazy"`,
		`<figcaption>The conference</figcaption>`,
		`srcset="../../media/plan-480.png 480w, ../../media/plan.png 700w"`,
		`width="700" height="500" alt="The plan" loading="lazy"`,
	} {
		if !strings.Contains(strings.ToLower(page), strings.ToLower(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if m := regexp.MustCompile(`<img[^>]*>`).FindAllString(page, -1); len(m) != 2 {
		t.Errorf("the page has %d images, want 2: %q", len(m), m)
	}

	// A second build finds every photo in the cache, decodes none, and
	// writes the same bytes.
	before := photos.Decodes()
	first := public("media/2023/hội nghị.jpg")
	stats, err = Build(opts, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if stats.PhotosMade != 0 || stats.PhotosReused != 2 || photos.Decodes() != before {
		t.Errorf("second build: %d photos made, %d reused, %d decoded; want 0, 2, 0",
			stats.PhotosMade, stats.PhotosReused, photos.Decodes()-before)
	}
	if !bytes.Equal(public("media/2023/hội nghị.jpg"), first) {
		t.Error("the second build wrote the photo otherwise")
	}
}

// TestPhotoCacheEntrySpoiltIsMadeAgain: a cache entry cut short or
// changed is not published; the photo is made again.
func TestPhotoCacheEntrySpoiltIsMadeAgain(t *testing.T) {
	dir := t.TempDir()
	contentDir := photoSite(t, dir, map[string][]byte{
		"media/a.jpg": phototest.PhoneJPEG(t, phototest.Quadrants(1000, 800), 1),
	}, "  - {file: media/a.jpg}\n")
	opts := Options{Content: contentDir, PhotoCache: filepath.Join(dir, "cache")}
	c := checked(t, contentDir)
	if _, _, err := Render(c, opts); err != nil {
		t.Fatal(err)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "cache", "*"))
	if len(entries) != 1 {
		t.Fatalf("the cache holds %v, want one entry and no temporary file", entries)
	}
	data, _ := os.ReadFile(entries[0])
	for _, spoilt := range [][]byte{data[:len(data)/2], append(bytes.Clone(data[:100]), append([]byte{data[100] ^ 1}, data[101:]...)...), nil} {
		if err := os.WriteFile(entries[0], spoilt, 0o644); err != nil {
			t.Fatal(err)
		}
		out, stats, err := Render(c, opts)
		if err != nil {
			t.Fatal(err)
		}
		if stats.PhotosMade != 1 {
			t.Errorf("%d photos made from a spoilt entry, want 1", stats.PhotosMade)
		}
		f, _ := out.Open("media/a.jpg")
		if _, err := jpeg.Decode(bytes.NewReader(f.Data)); err != nil {
			t.Errorf("the published photo: %v", err)
		}
	}
}

// TestBrokenPhotoFailsTheBuildAtItsLine: a JPEG whose header reads well
// but whose pixels are cut short passes check, which reads only headers,
// and fails the build with an error at each line naming it; the site
// built before stays as it was.
func TestBrokenPhotoFailsTheBuildAtItsLine(t *testing.T) {
	dir := t.TempDir()
	good := phototest.PhoneJPEG(t, phototest.Noise(800, 600), 1)
	contentDir := photoSite(t, dir, map[string][]byte{"media/a.jpg": good, "media/b.jpg": good},
		"  - {file: media/a.jpg}\n  - {file: media/b.jpg}\n")
	opts := Options{Content: contentDir, Out: filepath.Join(dir, "public"), PhotoCache: filepath.Join(dir, "cache")}
	var diags diag.List
	if _, err := Build(opts, &diags); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(opts.Out, "media", "a.jpg"))

	writeFile(t, filepath.Join(contentDir, "media", "a.jpg"), good[:len(good)/2])
	writeFile(t, filepath.Join(contentDir, "media", "b.jpg"), good[:len(good)/3])
	writeFile(t, filepath.Join(contentDir, "activities", "other-2023.yaml"), []byte("title: Other\nyear: 2023\nphotos:\n  - {file: media/a.jpg}\n"))
	diags = diag.List{}
	Check(contentDir, false, &diags)
	if diags.HasErrors() {
		t.Fatalf("check reads more than headers: %s", diagText(&diags))
	}
	_, err := Build(opts, &diags)
	if !errors.Is(err, ErrContent) {
		t.Fatalf("err = %v, want ErrContent", err)
	}
	got := strings.ReplaceAll(diagText(&diags), dir+string(filepath.Separator), "")
	got = filepath.ToSlash(got)
	for _, want := range []string{
		`content/activities/drive-2023.yaml:6:12: photo "media/a.jpg" is not a JPEG or PNG image that can be read (the file ends too soon, as if its copy did not finish); open it in a photo editor`,
		`content/activities/drive-2023.yaml:7:12: photo "media/b.jpg" is not a JPEG or PNG image that can be read`,
		`content/activities/other-2023.yaml:4:12: photo "media/a.jpg" is not a JPEG or PNG image`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the diagnostics lack %s:\n%s", want, got)
		}
	}
	if n, _ := diags.Count(); n != 3 {
		t.Errorf("%d errors, want one at each of the 3 lines:\n%s", n, got)
	}
	if after, _ := os.ReadFile(filepath.Join(opts.Out, "media", "a.jpg")); !bytes.Equal(after, before) {
		t.Error("the failed build changed the site")
	}
}

// checked loads and checks contentDir, failing on any error.
func checked(t testing.TB, contentDir string) *content.Content {
	t.Helper()
	var diags diag.List
	c := Check(contentDir, false, &diags)
	if diags.HasErrors() {
		t.Fatal(diagText(&diags))
	}
	return c
}

// BenchmarkPhotos builds a site of four phone photos, 4000 × 3000:
// cold, with an empty cache, each is decoded, resized and encoded;
// cached, a rebuild finds all in the cache and does no image work.
func BenchmarkPhotos(b *testing.B) {
	dir := b.TempDir()
	files := map[string][]byte{}
	var entries strings.Builder
	// Four orientations, so that the four files differ.
	for i, name := range []string{"a", "b", "c", "d"} {
		files["media/"+name+".jpg"] = phototest.PhoneJPEG(b, phototest.Noise(4000, 3000), []int{6, 1, 8, 3}[i])
		entries.WriteString("  - {file: media/" + name + ".jpg}\n")
	}
	contentDir := photoSite(b, dir, files, entries.String())
	c := checked(b, contentDir)
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			cache := b.TempDir()
			if _, stats, err := Render(c, Options{Content: contentDir, PhotoCache: cache}); err != nil || stats.PhotosMade != 4 {
				b.Fatal(err, stats.PhotosMade)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		opts := Options{Content: contentDir, PhotoCache: filepath.Join(dir, "cache")}
		if _, _, err := Render(c, opts); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, stats, err := Render(c, opts); err != nil || stats.PhotosMade != 0 {
				b.Fatal(err, stats.PhotosMade)
			}
		}
	})
}

// TestServedPhotosComeFromTheSameCache: reportsite serve makes each file
// of the plan when it is asked for; a photo's copies are made once, by
// the same code and into the same cache as build's, and a later plan
// (after an edit) finds them there.
func TestServedPhotosComeFromTheSameCache(t *testing.T) {
	dir := t.TempDir()
	contentDir := photoSite(t, dir, map[string][]byte{
		"media/a.jpg": phototest.PhoneJPEG(t, phototest.Quadrants(2000, 1000), 8),
	}, "  - {file: media/a.jpg}\n")
	c := checked(t, contentDir)
	for round := range 2 {
		plan, err := NewPlan(c, Options{Content: contentDir, NotFoundRoot: "/"})
		if err != nil {
			t.Fatal(err)
		}
		byPath := map[string]*Entry{}
		for _, e := range plan.Entries {
			byPath[e.Path] = e
		}
		for _, name := range []string{"media/a-480.jpg", "media/a.jpg"} {
			e := byPath[name]
			if e == nil {
				t.Fatalf("round %d: no %s planned", round, name)
			}
			data, err := e.Render()
			if err != nil {
				t.Fatal(err)
			}
			m, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if name == "media/a.jpg" && m.Bounds().Size() != (image.Point{800, 1600}) {
				t.Errorf("%s is %v", name, m.Bounds().Size())
			}
		}
		made, reused := plan.photoCache.Made(), plan.photoCache.Reused()
		if round == 0 && made != 1 || round == 1 && (made != 0 || reused != 1) {
			t.Errorf("round %d: %d made, %d reused", round, made, reused)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ".reportsite-cache", "photos")); err != nil {
		t.Errorf("the cache is not beside the content folder: %v", err)
	}
}

// TestPhotosNoActivityListsArePublishedWithoutMetadata puts in media/ a
// phone's photo that no activity lists, as one a narrative shows would
// be, beside a file named as a smaller copy of it would be: the photo is
// published under its own name, upright, at most 1600 px and without its
// GPS tags, with no smaller copies; the other file is left as it is.
func TestPhotosNoActivityListsArePublishedWithoutMetadata(t *testing.T) {
	dir := t.TempDir()
	phone := phototest.PhoneJPEG(t, phototest.Quadrants(4000, 3000), 6)
	other := phototest.PhoneJPEG(t, phototest.Quadrants(300, 200), 1)
	contentDir := photoSite(t, dir, map[string][]byte{
		"media/narrative/hall.JPG":     phone,
		"media/narrative/hall-480.JPG": other,
	}, "  []\n")
	opts := Options{Content: contentDir, Out: filepath.Join(dir, "public"), PhotoCache: filepath.Join(dir, "cache")}
	var diags diag.List
	if _, err := Build(opts, &diags); err != nil {
		t.Fatalf("%v\n%s", err, diagText(&diags))
	}
	published, err := os.ReadFile(filepath.Join(opts.Out, "media", "narrative", "hall.JPG"))
	if err != nil {
		t.Fatal(err)
	}
	if found := phototest.Metadata(published); len(found) > 0 {
		t.Errorf("media/narrative/hall.JPG holds metadata: %v", found)
	}
	cfg, err := jpeg.DecodeConfig(bytes.NewReader(published))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != 1200 || cfg.Height != 1600 {
		t.Errorf("media/narrative/hall.JPG is %d × %d, want 1200 × 1600, upright", cfg.Width, cfg.Height)
	}
	kept, err := os.ReadFile(filepath.Join(opts.Out, "media", "narrative", "hall-480.JPG"))
	if err != nil {
		t.Fatal(err)
	}
	if c, err := jpeg.DecodeConfig(bytes.NewReader(kept)); err != nil || c.Width != 300 {
		t.Errorf("media/narrative/hall-480.JPG was replaced: %+v, %v", c, err)
	}
	if _, err := os.Stat(filepath.Join(opts.Out, "media", "narrative", "hall-960.JPG")); err == nil {
		t.Errorf("a smaller copy of a photo no activity lists was written")
	}
}

// TestBrokenPhotoNoActivityListsFailsTheBuildAtItsFile: a file of media/
// named as a JPEG that is not one stops the build, named by its path,
// since it cannot be published without its metadata.
func TestBrokenPhotoNoActivityListsFailsTheBuildAtItsFile(t *testing.T) {
	dir := t.TempDir()
	contentDir := photoSite(t, dir, map[string][]byte{"media/notes.jpg": []byte("not a picture\n")}, "  []\n")
	opts := Options{Content: contentDir, Out: filepath.Join(dir, "public"), PhotoCache: filepath.Join(dir, "cache")}
	var diags diag.List
	if _, err := Build(opts, &diags); err == nil {
		t.Fatal("the build succeeded")
	}
	want := filepath.ToSlash(contentDir) + `/media/notes.jpg: photo "media/notes.jpg"`
	if got := diagText(&diags); !strings.Contains(got, want) {
		t.Errorf("the build's message does not start %q:\n%s", want, got)
	}
}
