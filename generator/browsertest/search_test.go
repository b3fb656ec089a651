package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchPage is the search page of every site.
const searchPage = "search/index.html"

// searchTimeout bounds the wait for a search to have looked through every
// part of the index.
const searchTimeout = 20 * time.Second

// searchOutcome is what the search page shows once every part of the
// index has been searched.
type searchOutcome struct {
	Status string `json:"status"`
	// Role is the role of the status, which screen readers announce.
	Role    string         `json:"role"`
	Results []searchResult `json:"results"`
}

// searchResult is one result of the list.
type searchResult struct {
	Title string   `json:"title"`
	Href  string   `json:"href"`
	Marks []string `json:"marks"`
}

// searchOutcomeJS reads the search page's status and results.
const searchOutcomeJS = `(() => {
  const status = document.getElementById("search-status");
  return {
    status: status.textContent,
    role: status.getAttribute("role") || "",
    results: Array.from(document.querySelectorAll("#search-results > li")).map(li => {
      const a = li.querySelector("a");
      return {title: a.textContent, href: a.getAttribute("href"), marks: Array.from(li.querySelectorAll("mark")).map(m => m.textContent)};
    }),
  };
})()`

// searchDoneJS is true once the search page has searched every part of
// the index and says so.
const searchDoneJS = `document.getElementById("search-results").getAttribute("aria-busy") === "false" && document.getElementById("search-status").textContent !== ""`

// search types query into the search page's box, as one input, and
// returns what the page shows once it has searched the whole index.
func (tb *tab) search(query string) searchOutcome {
	tb.t.Helper()
	tb.run("typing "+query,
		chromedp.Focus("#search-q", chromedp.ByID),
		chromedp.Evaluate(`document.getElementById("search-q").value = ""`, nil),
		chromedp.ActionFunc(func(ctx context.Context) error { return input.InsertText(query).Do(ctx) }),
	)
	return tb.searchOutcome(query)
}

// searchOutcome waits for the results of query and returns them.
func (tb *tab) searchOutcome(query string) searchOutcome {
	tb.t.Helper()
	var done bool
	if err := chromedp.Run(tb.ctx, chromedp.Poll(searchDoneJS, &done, chromedp.WithPollingTimeout(searchTimeout), chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		tb.t.Fatalf("searching for %q: no final results after %v: %v", query, searchTimeout, err)
	}
	var out searchOutcome
	tb.eval("reading the results of "+query, searchOutcomeJS, &out)
	return out
}

// fileURL is the address of a page of the generated site opened from
// disk.
func (g *generated) fileURL(page string) string {
	return "file://" + filepath.ToSlash(filepath.Join(g.dir, filepath.FromSlash(page)))
}

// diskOnly allows requests for files inside the generated site only.
func (g *generated) diskOnly(url string) bool {
	return strings.HasPrefix(url, "file://"+filepath.ToSlash(g.dir)+"/")
}

// TestSearchFoldsVietnameseDiacritics opens the search page of a generated
// Vietnamese site from disk and looks for words typed without their
// diacritics: each finds the page of the word as written, marked in the
// result, and the link leads to a page of the site.
func TestSearchFoldsVietnameseDiacritics(t *testing.T) {
	browser(t)
	g := vietnamese
	for _, c := range []struct{ query, want string }{
		{"nguyen", "Nguyễn"},     // a unit's head
		{"tu sach", "tủ sách"},   // the book drive, "Tặng tủ sách cho học sinh"
		{"dak", "Đakrông"},       // a prefix of a place in units' names
		{"Đakrông", "Đakrông"},   // typed as written
		{"TU SÁCH", "tủ sách"},   // any case, some of the marks
		{"nguyễn văn", "Nguyễn"}, // two words, the last a prefix
	} {
		t.Run(c.query, func(t *testing.T) {
			tb := openTab(t, g.diskOnly)
			tb.load(g.fileURL(searchPage), desktopWidth, desktopHeight)
			out := tb.search(c.query)
			found := false
			for _, r := range out.Results {
				for _, m := range r.Marks {
					if strings.EqualFold(m, firstWord(c.want)) {
						found = true
					}
				}
				if found {
					target := filepath.Join(g.dir, "search", filepath.FromSlash(r.Href))
					if _, err := os.Stat(target); err != nil {
						t.Errorf("the result %q links to %s, which is not a file of the site: %v", r.Title, r.Href, err)
					}
					break
				}
			}
			if !found {
				t.Errorf("%q: no result marks %q; status %q, %d results, the first %+v", c.query, c.want, out.Status, len(out.Results), first(out.Results))
			}
			if strings.HasPrefix(out.Status, "Không có") {
				t.Errorf("%q: status %q", c.query, out.Status)
			}
			tb.assertClean(searchPage)
		})
	}
}

// TestSearchRanksWordsTypedWithDiacriticsFirst: "tủ sách" typed with its
// diacritics puts the pages with those very words before pages where
// only the folded words ("tu", "sach") match.
func TestSearchRanksWordsTypedWithDiacriticsFirst(t *testing.T) {
	browser(t)
	g := vietnamese
	tb := openTab(t, g.diskOnly)
	tb.load(g.fileURL(searchPage), desktopWidth, desktopHeight)
	out := tb.search("tủ sách")
	if len(out.Results) == 0 {
		t.Fatalf("no results: %q", out.Status)
	}
	if r := out.Results[0]; !strings.Contains(strings.ToLower(r.Title), "tủ sách") {
		t.Errorf("the first result of %q is %q", "tủ sách", r.Title)
	}
	tb.assertClean(searchPage)
}

// TestSearchSaysWhenNothingMatches, from disk on the example site, in a
// status that screen readers announce.
func TestSearchSaysWhenNothingMatches(t *testing.T) {
	browser(t)
	tb := openTab(t, diskOnly)
	tb.load(fileURL(searchPage), desktopWidth, desktopHeight)
	out := tb.search("xylophone")
	if want := "No results for “xylophone”."; out.Status != want {
		t.Errorf("status %q, want %q", out.Status, want)
	}
	if out.Role != "status" {
		t.Errorf("the status has role %q, want status", out.Role)
	}
	if len(out.Results) != 0 {
		t.Errorf("%d results for a word of no page", len(out.Results))
	}
	tb.assertClean(searchPage)
}

// TestSearchFindsTheExampleSitePages: the example is in English, with
// Vietnamese names; a unit's head is found without diacritics, words
// by their beginning, and the count is written the site's way.
func TestSearchFindsTheExampleSitePages(t *testing.T) {
	browser(t)
	for _, c := range []struct{ query, href, status string }{
		{"nguyen", "../units/agricultural-extension-centre/index.html", "1 result"},
		{"booksh", "../activities/donating-bookshelves-2023/index.html", ""},
		{"badminton", "../activities/badminton-tournament-2023/index.html", ""},
	} {
		t.Run(c.query, func(t *testing.T) {
			tb := openTab(t, diskOnly)
			tb.load(fileURL(searchPage), desktopWidth, desktopHeight)
			out := tb.search(c.query)
			if len(out.Results) == 0 || out.Results[0].Href != c.href {
				t.Errorf("%q: the first result is %+v, want a link to %s (status %q)", c.query, first(out.Results), c.href, out.Status)
			}
			if c.status != "" && out.Status != c.status {
				t.Errorf("%q: status %q, want %q", c.query, out.Status, c.status)
			}
			tb.assertClean(searchPage)
		})
	}
}

// TestSearchResultsAreReachedByKeyboard: from the box, the arrow keys go
// down the results' links and back up to the box, and Tab reaches them
// after the box's button.
func TestSearchResultsAreReachedByKeyboard(t *testing.T) {
	browser(t)
	tb := openTab(t, diskOnly)
	tb.load(fileURL(searchPage), desktopWidth, desktopHeight)
	out := tb.search("board")
	if len(out.Results) < 2 {
		t.Fatalf("want two results or more to move between, got %d (%q)", len(out.Results), out.Status)
	}
	focused := func() string {
		var s string
		tb.eval("reading the focus", `(() => { const e = document.activeElement; return e.id || e.getAttribute("href") || e.tagName; })()`, &s)
		return s
	}
	steps := []struct {
		key  string
		want string
	}{
		{kb.ArrowDown, out.Results[0].Href},
		{kb.ArrowDown, out.Results[1].Href},
		{kb.ArrowUp, out.Results[0].Href},
		{kb.ArrowUp, "search-q"},
	}
	for _, s := range steps {
		tb.run("pressing a key", chromedp.KeyEvent(s.key))
		if got := focused(); got != s.want {
			t.Errorf("after %q the focus is on %q, want %q", s.key, got, s.want)
		}
	}
	tb.run("tabbing", chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
	if got := focused(); got != out.Results[0].Href {
		t.Errorf("two tabs from the box lead to %q, want the first result %q", got, out.Results[0].Href)
	}
	tb.assertClean(searchPage)
}

// TestHeaderSearchBoxLeadsToTheResults: the box in the header of any page
// sends its words to the search page, also from disk, which shows their
// results.
func TestHeaderSearchBoxLeadsToTheResults(t *testing.T) {
	browser(t)
	tb := openTab(t, diskOnly)
	page := "units/agricultural-extension-centre/index.html"
	tb.load(fileURL(page), desktopWidth, desktopHeight)
	tb.run("searching from the header",
		chromedp.SendKeys("#site-search-q", "nguyen", chromedp.ByID),
		chromedp.Submit("#site-search-q", chromedp.ByID),
		chromedp.WaitVisible("#search-results", chromedp.ByID),
	)
	var url string
	tb.run("reading the address", chromedp.Location(&url))
	if !strings.HasSuffix(url, "/search/index.html?q=nguyen") {
		t.Errorf("the header's box led to %s", url)
	}
	out := tb.searchOutcome("nguyen")
	var value string
	tb.eval("reading the box", `document.getElementById("search-q").value`, &value)
	if value != "nguyen" || len(out.Results) == 0 {
		t.Errorf("the search page shows %q with %d results (%q)", value, len(out.Results), out.Status)
	}
	tb.assertClean(page)
}

// TestSearchPageWithoutJavaScriptLinksToTheLists: with scripts off the
// search page says so and links to the lists of units and activities.
func TestSearchPageWithoutJavaScriptLinksToTheLists(t *testing.T) {
	browser(t)
	tb := openTab(t, diskOnly)
	tb.run("turning scripts off", emulation.SetScriptExecutionDisabled(true))
	tb.load(fileURL(searchPage), desktopWidth, desktopHeight)
	var visible []string
	tb.eval("reading the links", `Array.from(document.querySelectorAll("main a")).filter(a => a.checkVisibility()).map(a => a.getAttribute("href"))`, &visible)
	for _, want := range []string{"../units/index.html", "../activities/index.html"} {
		if !strings.Contains(strings.Join(visible, " "), want) {
			t.Errorf("without JavaScript the search page shows no link to %s: %v", want, visible)
		}
	}
	var said bool
	tb.eval("reading the notice", `document.querySelector("main").innerText.includes("Search needs JavaScript")`, &said)
	if !said {
		t.Error("without JavaScript the search page does not say that search needs it")
	}
	tb.assertClean(searchPage)
}

func firstWord(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

func first(results []searchResult) searchResult {
	if len(results) == 0 {
		return searchResult{}
	}
	return results[0]
}
