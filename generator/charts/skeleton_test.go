package charts

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestOptionIsWhatGoEchartsBuilds checks the options made from a
// skeleton against go-echarts building each one in full, byte for byte, on
// charts of every shape with awkward names and values.
func TestOptionIsWhatGoEchartsBuilds(t *testing.T) {
	names := []string{"Trung tâm Khuyến nông", `a "quoted" name`, "<b>&</b>", "line\nbreak", "\u2028", "x",
		"a very long activity title that makes labels tilt", "", "đ", "\x01category\x01", "1,2", "\\"}
	values := []float64{0, 1, -1, 4_770_000, 33_820_000, 0.857, 1.0 / 3, 1e-7, 1e21, 123456789012345, 0.000001, 5e-324}
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		s := Spec{ID: "c", Horizontal: rng.IntN(2) == 0, Stacked: rng.IntN(3) == 0}
		for range 1 + rng.IntN(25) {
			s.Categories = append(s.Categories, names[rng.IntN(len(names))]+strings.Repeat("x", rng.IntN(3)))
		}
		for i := range 1 + rng.IntN(4) {
			series := Series{Name: names[rng.IntN(len(names))] + string(rune('A'+i))}
			for range s.Categories {
				series.Values = append(series.Values, values[rng.IntN(len(values))])
			}
			s.Series = append(s.Series, series)
		}
		got, err := option(s)
		if err != nil {
			t.Fatalf("spec %d: %v", n, err)
		}
		want, err := goechartsOption(shapeOf(s), s.Categories, s.Series)
		if err != nil {
			t.Fatalf("spec %d: go-echarts: %v", n, err)
		}
		if got != want {
			t.Fatalf("spec %d differs from go-echarts' option:\n got %s\nwant %s", n, got, want)
		}
	}
}

// TestOptionRefusesWhatJSONCannotHold: a value that is not a number fails
// as it does through go-echarts.
func TestOptionRefusesWhatJSONCannotHold(t *testing.T) {
	s := Spec{Categories: []string{"a"}, Series: []Series{{Name: "s", Values: []float64{math.NaN()}}}}
	if _, err := option(s); err == nil {
		t.Errorf("NaN gave an option")
	}
	if _, err := goechartsOption(shapeOf(s), s.Categories, s.Series); err == nil {
		t.Errorf("NaN gave an option through go-echarts")
	}
}
