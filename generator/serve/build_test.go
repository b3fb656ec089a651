package serve

import "testing"

// TestTheScriptIsAddedOnceBeforeTheEndOfTheBody checks how serve adds
// the live-reload script to the pages it serves.
func TestTheScriptIsAddedOnceBeforeTheEndOfTheBody(t *testing.T) {
	tag := `<script src="/assets/livereload.js" defer></script>`
	for _, tt := range []struct{ page, want string }{
		{"<p>a</p>\n</body>\n</html>\n", "<p>a</p>\n" + tag + "\n</body>\n</html>\n"},
		// The last </body>: an earlier one may be in a script's text.
		{"<script>'</body>'</script></body>", "<script>'</body>'</script>" + tag + "\n</body>"},
		// No </body>, which HTML allows: at the end, where browsers
		// still run it.
		{"<p>a</p>", "<p>a</p>" + tag},
		// A layout that loads it itself.
		{`<script src="../assets/livereload.js" defer></script></body>`, `<script src="../assets/livereload.js" defer></script></body>`},
	} {
		if got := string(withLiveReload([]byte(tt.page))); got != tt.want {
			t.Errorf("withLiveReload(%q) = %q, want %q", tt.page, got, tt.want)
		}
	}
}
