package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The printed report: A4 portrait with the margins of a Vietnamese
// administrative document, read back from the PDF that Chromium prints.
const (
	a4WidthMM     = 210
	a4HeightMM    = 297
	leftMarginMM  = 30
	rightMarginMM = 15
	topMarginMM   = 20
)

// markBlocksJS marks, with text too small and pale to be seen, where each
// chart figure and each table row starts and ends: "QZ<n>A" before its
// first letter and "QZ<n>B" after its last. The PDF's text tells on which
// page each mark landed, and so whether a chart or a row was split. It
// returns the number of blocks marked, and which block is the charts'
// heading, whose page the half-empty test needs.
const markBlocksJS = `(() => {
  let n = 0, chartsHeading = -1;
  const mark = (text) => {
    const s = document.createElement("span");
    s.textContent = text;
    s.style.cssText = "font-size:2px;color:#fff;line-height:0";
    return s;
  };
  const wrap = (first, last) => {
    first.prepend(mark("QZ" + n + "A "));
    last.append(mark(" QZ" + n + "B"));
    return n++;
  };
  const h = document.getElementById("charts");
  if (h) chartsHeading = wrap(h, h);
  document.querySelectorAll("figure.chart").forEach(f => wrap(f, f));
  document.querySelectorAll("main tr").forEach(tr => {
    if (tr.cells.length) wrap(tr.cells[0], tr.cells[tr.cells.length - 1]);
  });
  return {blocks: n, chartsHeading: chartsHeading};
})()`

// TestReportsPrintAsReports prints the year report and a unit's page of the
// example, in each language, as a reader printing them for a meeting
// would, and checks what a program can: the paper and its margins, the
// header block, page numbers at the top centre from page 2, no chart or
// table row split across pages, no page before the last less than half
// full, and no addresses printed after links inside the site. The PDFs
// and their pages as PNG go to artifacts/print/ for a person to look at.
func TestReportsPrintAsReports(t *testing.T) {
	browser(t)
	for _, tool := range []string{"pdftotext", "pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("CI=true and %s is missing (Debian package poppler-utils): %v", tool, err)
			}
			t.Skipf("%s is missing (Debian package poppler-utils)", tool)
		}
	}
	for _, tc := range []struct {
		lang, title, organisation, date string
		maxYearPages, maxUnitPages      int
	}{
		{"en", "Annual report 2023", "Centres and management boards", "16 January 2024", 8, 4},
		{"vi", "Báo cáo tổng kết năm 2023", "Centres and management boards", "ngày 16 tháng 01 năm 2024", 8, 4},
		{"pt", "Relatório anual de 2023", "Centres and management boards", "16 de janeiro de 2024", 8, 4},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			dir := exampleSiteIn(t, tc.lang)
			year := printPage(t, dir, "2023/index.html", tc.lang+"-2023-report")
			year.checkLayout(t, tc.maxYearPages)
			first := year.pages[0]
			if !strings.Contains(first, strings.ToUpper(tc.title)) {
				t.Errorf("page 1 does not carry the report's title %q in capitals:\n%s", strings.ToUpper(tc.title), first)
			}
			if tc.organisation != "" && !strings.Contains(first, strings.ToUpper(tc.organisation)) {
				t.Errorf("page 1 does not carry the organisation %q in capitals:\n%s", strings.ToUpper(tc.organisation), first)
			}
			if !strings.Contains(first, tc.date) {
				t.Errorf("page 1 does not carry the report's date %q:\n%s", tc.date, first)
			}
			unit := printPage(t, dir, "units/agricultural-extension-centre/index.html", tc.lang+"-unit")
			unit.checkLayout(t, tc.maxUnitPages)
		})
	}
}

// exampleSiteIn builds the example content written in lang and returns
// the built site's folder.
func exampleSiteIn(t *testing.T, lang string) string {
	t.Helper()
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	siteYAML := filepath.Join(content, "site.yaml")
	data, err := os.ReadFile(siteYAML)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^language: .*$`)
	if !re.Match(data) {
		t.Fatalf("the example's site.yaml has no language: line")
	}
	data = re.ReplaceAll(data, []byte("language: "+lang))
	if err := os.WriteFile(siteYAML, data, 0o644); err != nil {
		t.Fatal(err)
	}
	dir, _, err := buildSite(content, filepath.Join(t.TempDir(), "site"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// printed is a page printed to PDF: its text page by page, its pages as
// images, and where each marked block landed.
type printed struct {
	name          string
	pages         []string      // the text of each page, without the marks
	images        []image.Image // each page, in grey
	blockPages    map[int][2]int
	blocks        int
	chartsHeading int
}

var markRE = regexp.MustCompile(`QZ(\d+)([AB])`)

// printPage opens the page of the site in dir from disk, prints it on A4
// with its print styles and reads the PDF back.
func printPage(t *testing.T, dir, pagePath, name string) *printed {
	t.Helper()
	root := "file://" + filepath.ToSlash(dir) + "/"
	tb := openTab(t, func(url string) bool { return strings.HasPrefix(url, root) })
	tb.load(root+pagePath, desktopWidth, desktopHeight)
	tb.scrollAndDraw()
	var marks struct {
		Blocks        int `json:"blocks"`
		ChartsHeading int `json:"chartsHeading"`
	}
	tb.eval("marking the blocks", markBlocksJS, &marks)
	tb.run("emulating print media", emulation.SetEmulatedMedia().WithMedia("print"))
	var ready bool
	tb.eval("telling the page it is printed", `(async () => {
  window.dispatchEvent(new Event("beforeprint"));
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return true;
})()`, &ready)
	var pdf []byte
	tb.run("printing to PDF", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().
			WithPaperWidth(a4WidthMM / 25.4).
			WithPaperHeight(a4HeightMM / 25.4).
			WithPreferCSSPageSize(true).
			WithPrintBackground(false).
			Do(ctx)
		return err
	}))
	tb.assertClean(pagePath)
	out := artifactsDir(t, "print")
	pdfFile := filepath.Join(out, name+".pdf")
	if err := os.WriteFile(pdfFile, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	p := &printed{name: name, blocks: marks.Blocks, chartsHeading: marks.ChartsHeading, blockPages: map[int][2]int{}}
	text := runTool(t, "pdftotext", "-layout", "-enc", "UTF-8", pdfFile, "-")
	rawPages := strings.Split(strings.TrimSuffix(text, "\f"), "\f")
	for i, raw := range rawPages {
		for _, m := range markRE.FindAllStringSubmatch(raw, -1) {
			n, _ := strconv.Atoi(m[1])
			where := p.blockPages[n]
			if m[2] == "A" {
				where[0] = i + 1
			} else {
				where[1] = i + 1
			}
			p.blockPages[n] = where
		}
		p.pages = append(p.pages, markRE.ReplaceAllString(raw, ""))
	}
	prefix := filepath.Join(out, name)
	runTool(t, "pdftoppm", "-r", "24", "-gray", "-png", pdfFile, prefix)
	for i := range p.pages {
		p.images = append(p.images, readPNG(t, pageImage(prefix, i+1, len(p.pages))))
	}
	return p
}

// pageImage is the file pdftoppm writes page n of a document of count
// pages to: it pads page numbers to the width of the largest.
func pageImage(prefix string, n, count int) string {
	width := len(strconv.Itoa(count))
	return fmt.Sprintf("%s-%0*d.png", prefix, width, n)
}

// checkLayout checks what every printed report must hold.
func (p *printed) checkLayout(t *testing.T, maxPages int) {
	t.Helper()
	if n := len(p.pages); n < 1 || n > maxPages {
		t.Errorf("%s: %d pages printed, want 1 to %d", p.name, n, maxPages)
	}
	for i, img := range p.images {
		b := img.Bounds()
		if ratio := float64(b.Dy()) / float64(b.Dx()); ratio < 1.40 || ratio > 1.43 {
			t.Errorf("%s: page %d is %d × %d, not A4 portrait", p.name, i+1, b.Dx(), b.Dy())
		}
		left, right, _, bottom := inkBox(img)
		mm := float64(b.Dx()) / a4WidthMM
		if float64(left) < (leftMarginMM-1)*mm {
			t.Errorf("%s: page %d has ink %.0f mm from its left edge, inside the %d mm margin", p.name, i+1, float64(left)/mm, leftMarginMM)
		}
		if float64(b.Dx()-right) < (rightMarginMM-1)*mm {
			t.Errorf("%s: page %d has ink %.0f mm from its right edge, inside the %d mm margin", p.name, i+1, float64(b.Dx()-right)/mm, rightMarginMM)
		}
		// Every page but the last is at least half full: a chart kept
		// whole with its table must not leave half a page empty before
		// it, which is why the charts print after the text and tables.
		if i < len(p.images)-1 {
			middle := float64(b.Dy()) / 2
			if float64(bottom) < middle {
				t.Errorf("%s: page %d is less than half full (its text ends %.0f mm down a %d mm page)", p.name, i+1, float64(bottom)/mm, a4HeightMM)
			}
		}
	}
	for i, text := range p.pages {
		first := firstLine(text)
		if i == 0 && first == "1" {
			t.Errorf("%s: page 1 carries a page number", p.name)
		}
		if i > 0 && first != strconv.Itoa(i+1) {
			t.Errorf("%s: page %d does not start with its number at the top; its first line is %q", p.name, i+1, first)
		}
		if strings.Contains(text, "index.html") || strings.Contains(text, "(../") {
			t.Errorf("%s: page %d prints the address of a link inside the site:\n%s", p.name, i+1, text)
		}
	}
	if len(p.blockPages) != p.blocks {
		t.Errorf("%s: %d of %d marked blocks found in the PDF's text", p.name, len(p.blockPages), p.blocks)
	}
	for n, where := range p.blockPages {
		if where[0] == 0 || where[1] == 0 {
			t.Errorf("%s: block %d lost one of its marks: %v", p.name, n, where)
		} else if where[0] != where[1] {
			t.Errorf("%s: block %d (a chart or a table row) is split across pages %d and %d", p.name, n, where[0], where[1])
		}
	}
}

// inkBox returns the leftmost, rightmost, topmost and bottommost columns
// and rows of img that are not white.
func inkBox(img image.Image) (left, right, top, bottom int) {
	b := img.Bounds()
	left, top = b.Max.X, b.Max.Y
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 > 0xE000 {
				continue
			}
			left, right = min(left, x), max(right, x+1)
			top, bottom = min(top, y), max(bottom, y+1)
		}
	}
	return left, right, top, bottom
}

// firstLine is the first line of text that is not blank, trimmed.
func firstLine(text string) string {
	for line := range strings.SplitSeq(text, "\n") {
		if s := strings.TrimSpace(line); s != "" {
			return s
		}
	}
	return ""
}

func readPNG(t *testing.T, file string) image.Image {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return img
}

// run runs a program and returns what it printed, failing the test when
// it fails.
func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr)
	}
	return string(out)
}
