package cli

import (
	"bytes"
	"encoding/base64"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want.out sections and exit lines of testdata/check/*.txtar from the current output")

// fixedNow is the clock of every test command, so that skeletons are
// reproducible.
func fixedNow() time.Time { return time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC) }

// checkCase is one testdata/check/<case>.txtar: a whole content folder and
// the exact output "reportsite check" must print for it.
//
// The archive's comment says in a sentence what the case is about, then
// holds two settings:
//
//	args: --strict --format json   flags added after "check --content content"
//	exit: 1                        the exit status
//
// Every file of the archive is written into a folder named content, except
// want.out, the expected standard output (standard error must stay empty).
type checkCase struct {
	archive *txtar.Archive
	args    []string
	exit    int
	want    string
}

var settingLine = regexp.MustCompile(`(?m)^(args|exit):[ \t]*(.*)$`)

func readCheckCase(t *testing.T, file string) *checkCase {
	t.Helper()
	archive, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &checkCase{archive: archive, exit: -1}
	for _, m := range settingLine.FindAllStringSubmatch(string(archive.Comment), -1) {
		switch m[1] {
		case "args":
			c.args = strings.Fields(m[2])
		case "exit":
			if c.exit, err = strconv.Atoi(strings.TrimSpace(m[2])); err != nil {
				t.Fatalf("%s: bad exit line %q", file, m[0])
			}
		}
	}
	if c.exit < 0 && !*update {
		t.Fatalf("%s: the comment has no \"exit: N\" line", file)
	}
	for _, f := range archive.Files {
		if f.Name == "want.out" {
			c.want = string(f.Data)
		}
	}
	return c
}

// writeContent writes the archive's content files into dir/content.
func (c *checkCase) writeContent(t *testing.T, dir string) {
	t.Helper()
	c.writeContentAs(t, dir, func(_ string, data []byte) []byte { return data })
}

// writeContentAs writes the archive's content files into dir/content as
// edit turns them.
func (c *checkCase) writeContentAs(t *testing.T, dir string, edit func(name string, data []byte) []byte) {
	t.Helper()
	for _, f := range c.archive.Files {
		if f.Name == "want.out" {
			continue
		}
		// A file whose name ends in ".base64", such as a photo, holds its
		// bytes in base64 and is written without that ending.
		fname, data := f.Name, f.Data
		if base, ok := strings.CutSuffix(fname, ".base64"); ok {
			decoded, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(string(data)), ""))
			if err != nil {
				t.Fatalf("%s: %v", fname, err)
			}
			fname, data = base, decoded
		}
		name := filepath.Join(dir, "content", filepath.FromSlash(fname))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(fname, "/") {
			continue // an empty folder
		}
		if err := os.WriteFile(name, edit(fname, data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// save rewrites the case's want.out and exit line, for -update.
func (c *checkCase) save(t *testing.T, file, got string, exit int) {
	t.Helper()
	comment := string(c.archive.Comment)
	exitLine := fmt.Sprintf("exit: %d", exit)
	if loc := regexp.MustCompile(`(?m)^exit:.*$`).FindStringIndex(comment); loc != nil {
		comment = comment[:loc[0]] + exitLine + comment[loc[1]:]
	} else {
		comment = strings.TrimRight(comment, "\n") + "\n" + exitLine + "\n"
	}
	c.archive.Comment = []byte(comment)
	found := false
	for i, f := range c.archive.Files {
		if f.Name == "want.out" {
			c.archive.Files[i].Data = []byte(got)
			found = true
		}
	}
	if !found {
		c.archive.Files = append(c.archive.Files, txtar.File{Name: "want.out", Data: []byte(got)})
	}
	if err := os.WriteFile(file, txtar.Format(c.archive), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runCheck runs "reportsite check --content content args..." in dir, as an
// editor would from the folder above the content.
func runCheck(t *testing.T, dir string, args ...string) (stdout, stderr string, exit int) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	cmd := &Command{Stdout: &out, Stderr: &errOut, Now: fixedNow}
	exit = cmd.Run(append([]string{"check", "--content", "content"}, args...))
	return out.String(), errOut.String(), exit
}

// TestCheckReportsEveryContentMistake runs "reportsite check" over every
// content folder in testdata/check and compares its output, exactly, with
// the case's want.out. Run with -update to rewrite the expected outputs,
// then review every changed line.
func TestCheckReportsEveryContentMistake(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "check", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no cases in testdata/check")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			file, err := filepath.Abs(file)
			if err != nil {
				t.Fatal(err)
			}
			c := readCheckCase(t, file)
			dir := t.TempDir()
			c.writeContent(t, dir)
			got, stderr, exit := runCheck(t, dir, c.args...)
			if stderr != "" {
				t.Errorf("check wrote to standard error:\n%s", stderr)
			}
			if *update {
				c.save(t, file, got, exit)
				return
			}
			if exit != c.exit {
				t.Errorf("exit status %d, want %d", exit, c.exit)
			}
			if got != c.want {
				t.Errorf("output differs (run with -update to accept it)\n--- got ---\n%s--- want ---\n%s", got, c.want)
			}
		})
	}
}

// savedByWindowsEditor returns a YAML or Markdown file as Notepad saves
// it with "UTF-8 with BOM": a byte order mark first and \r\n line ends.
// Other files are left as they are.
func savedByWindowsEditor(name string, data []byte) []byte {
	if !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".md") {
		return data
	}
	crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	return append([]byte("\uFEFF"), crlf...)
}

// TestCheckReadsFilesSavedOnWindowsAlike runs every case of testdata/check
// again with its YAML and Markdown files saved as a Windows editor saves
// them, with a byte order mark and \r\n line ends: check must print the
// same output, every line and column included, and exit alike.
func TestCheckReadsFilesSavedOnWindowsAlike(t *testing.T) {
	if *update {
		t.Skip("-update rewrites the cases from TestCheckReportsEveryContentMistake")
	}
	files, err := filepath.Glob(filepath.Join("testdata", "check", "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			c := readCheckCase(t, file)
			dir := t.TempDir()
			c.writeContentAs(t, dir, savedByWindowsEditor)
			got, stderr, exit := runCheck(t, dir, c.args...)
			if stderr != "" {
				t.Errorf("check wrote to standard error:\n%s", stderr)
			}
			if exit != c.exit {
				t.Errorf("exit status %d, want %d", exit, c.exit)
			}
			if got != c.want {
				t.Errorf("output differs from the case's want.out\n--- got ---\n%s--- want ---\n%s", got, c.want)
			}
		})
	}
}

// symlink makes a symbolic link, or skips the test where the system does
// not allow it.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
}

// TestCheckRefusesLinksLeavingTheContentFolder: a unit file, a narrative
// and media files that are symbolic links to files outside the content
// folder are refused, so that publishing cannot copy or read them; a link
// that stays inside the folder is fine.
func TestCheckRefusesLinksLeavingTheContentFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"outside/secret.yaml":             "name: Secret Unit\n",
		"outside/secret.md":               "A secret story.\n",
		"outside/photo.jpg":               "not really a JPEG\n",
		"outside/more/b.jpg":              "not really a JPEG\n",
		"content/site.yaml":               "title: Test Bloc\n",
		"content/years/2023.yaml":         "year: 2023\n",
		"content/units/water-centre.yaml": "name: Water Centre\nstaff: {2023: 40}\n",
		"content/activities/book-drive-2023.yaml": `title: Book drive 2023
year: 2023
contributions:
  - unit: water-centre
    participants: 12
photos:
  - {file: media/photo.jpg}
  - {file: media/inside.jpg}
`,
		"content/media/drive.jpg": smallJPEG(t),
	})
	content := filepath.Join(dir, "content")
	symlink(t, filepath.Join("..", "..", "outside", "secret.yaml"), filepath.Join(content, "units", "secret.yaml"))
	symlink(t, "/etc/passwd", filepath.Join(content, "units", "passwd.yaml"))
	symlink(t, filepath.Join("..", "..", "outside", "secret.md"), filepath.Join(content, "activities", "book-drive-2023.md"))
	symlink(t, filepath.Join("..", "..", "outside", "photo.jpg"), filepath.Join(content, "media", "photo.jpg"))
	symlink(t, filepath.Join("..", "..", "outside", "more"), filepath.Join(content, "media", "more"))
	symlink(t, "drive.jpg", filepath.Join(content, "media", "inside.jpg"))

	got, stderr, exit := runCheck(t, dir)
	outside := "this is a link to a file outside the content folder, which is not allowed; copy the file here instead"
	want := `content/activities/book-drive-2023.md: ` + outside + `
content/activities/book-drive-2023.yaml:7:12: photo "media/photo.jpg" does not exist; copy the picture into the media/ folder or correct the name
content/media/more: ` + outside + `
content/media/photo.jpg: ` + outside + `
content/units/passwd.yaml: ` + outside + `
content/units/secret.yaml: ` + outside + `
6 errors, 0 warnings
`
	if exit != ExitContent || stderr != "" || got != want {
		t.Errorf("exit status %d, stderr %q, output:\n%s\nwant 1 and:\n%s", exit, stderr, got, want)
	}
}

// TestCheckRefusesFilesOverTheSizeLimit: files over content.MaxFileSize
// are refused with their size, without being read; the test makes them
// rather than committing megabytes.
func TestCheckRefusesFilesOverTheSizeLimit(t *testing.T) {
	dir := t.TempDir()
	line := "# " + strings.Repeat("x", 61) + "\n" // 64 bytes
	writeFiles(t, dir, map[string]string{
		"content/site.yaml":                       "title: Test Bloc\n" + strings.Repeat(line, 6<<20/64),
		"content/units/water-centre.yaml":         "name: Water Centre\n" + strings.Repeat(line, 5<<20/64),
		"content/activities/book-drive-2023.yaml": "title: Book drive 2023\nyear: 2023\n",
		"content/activities/book-drive-2023.md":   strings.Repeat(line, 5<<20/64) + "x",
		"content/years/2023.yaml":                 "year: 2023\n",
	})
	got, stderr, exit := runCheck(t, dir)
	want := `content/activities/book-drive-2023.md: file is 5.1 MB, larger than the limit of 5.0 MB; split it or move long text into a .md file
content/site.yaml: file is 6.1 MB, larger than the limit of 5.0 MB; split it or move long text into a .md file
content/units/water-centre.yaml: file is 5.1 MB, larger than the limit of 5.0 MB; split it or move long text into a .md file
3 errors, 0 warnings
`
	if exit != ExitContent || stderr != "" || got != want {
		t.Errorf("exit status %d, stderr %q, output:\n%s\nwant 1 and:\n%s", exit, stderr, got, want)
	}
}

// smallJPEG returns the bytes of a JPEG of a few pixels, as a photo that
// check reads without a problem.
func smallJPEG(t *testing.T) string {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 6)), nil); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}
