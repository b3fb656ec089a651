// Package browsertest opens the example site in a real browser (headless
// Chromium driven by chromedp) and checks what a reader sees.
//
// Every page is loaded from a loopback test server, and the pages readers
// are linked to also straight from disk (file://), then scrolled to the
// bottom so that the lazy charts draw. The tests fail on any console error
// or warning, uncaught exception, failed request, request to another
// origin or Content Security Policy violation; on a chart that is not
// drawn, has no size, no accessible name, or labels that are missing, cut
// or drawn over each other (also on a slow phone); on a table total, a
// tooltip or an axis label that disagrees with the key figures and the
// tables; on tables hidden without JavaScript or in print; and on a phone
// page wider than its screen.
//
// Three more sites are built from generated content (generator/fixture):
// one whose activities have long Vietnamese names checks that names too
// long for their bars are shortened, with "…", instead of drawn over each
// other; one of twenty-five years checks that charts of years draw the
// last years, in order and apart, with every year in their tables; one in
// Vietnamese checks that search finds words typed without their
// diacritics ("nguyen" finds "Nguyễn").
//
// The search page is tested from disk on the example and the Vietnamese
// site: folded queries, the order of exact matches, a query with no match,
// the keyboard, the header's box, and the page without JavaScript.
//
// They leave pictures for people to look at in artifacts/ at the
// repository root: full-page screenshots at 360 and 1280 pixels in
// artifacts/screenshots/ and the year report printed on A4 in
// artifacts/print/.
//
// The tests need Chromium: /usr/bin/chromium, or the program named by
// $CHROMIUM. Without it they are skipped, except when CI=true, where a
// missing browser fails the run. They also need the bundled chart script
// (`make bundle` at the repository root).
package browsertest
