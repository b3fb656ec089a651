//go:build !race

package cli

// raceEnabled is true when the tests run with the race detector, which
// makes a build several times slower.
const raceEnabled = false
