// Package suggest finds the candidate an editor most likely meant when
// they mistyped a name, for "did you mean" hints.
package suggest

import "unicode/utf8"

// Closest returns the candidate nearest to got by edit distance, or ""
// when none is close enough to be a likely typo: the distance must be at
// most a third of the longer word (and at least 1), or got must be a prefix
// of exactly one candidate ("centre-agri" for "centre-agriculture").
func Closest(got string, candidates []string) string {
	if p := uniquePrefixOf(got, candidates); p != "" {
		return p
	}
	best, bestDist := "", -1
	for _, c := range candidates {
		if c == got {
			continue
		}
		d := Distance(got, c)
		limit := max(1, max(utf8.RuneCountInString(got), utf8.RuneCountInString(c))/3)
		if d <= limit && closeInTheMiddle(got, c) && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

// uniquePrefixOf returns the one candidate that starts with got, if there
// is exactly one and got has at least three letters.
func uniquePrefixOf(got string, candidates []string) string {
	prefixed := ""
	for _, c := range candidates {
		if len(got) >= 3 && len(c) > len(got) && c[:len(got)] == got {
			if prefixed != "" {
				return ""
			}
			prefixed = c
		}
	}
	return prefixed
}

// Distance is the edit distance between a and b counted in runes, where
// an insertion, a deletion, a substitution or the swap of two neighbouring
// letters costs one (the optimal string alignment distance).
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// closeInTheMiddle compares what is left of a and b once their common
// start and end are set aside, so that a shared ending such as "-centre"
// does not make "seed-centre" look like a typo of "water-centre".
func closeInTheMiddle(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	for len(ra) > 0 && len(rb) > 0 && ra[0] == rb[0] {
		ra, rb = ra[1:], rb[1:]
	}
	for len(ra) > 0 && len(rb) > 0 && ra[len(ra)-1] == rb[len(rb)-1] {
		ra, rb = ra[:len(ra)-1], rb[:len(rb)-1]
	}
	if len(ra) == 0 || len(rb) == 0 {
		return true // only an insertion, such as a folder too many
	}
	// Two edits are a typo whatever the length; more must be few.
	d := Distance(string(ra), string(rb))
	return d <= 2 || d <= max(len(ra), len(rb))/2
}
