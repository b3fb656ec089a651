package suggest

import "testing"

func TestClosest(t *testing.T) {
	units := []string{"centre-agriculture", "centre-water", "board-irrigation", "water-centre"}
	tests := []struct {
		got  string
		want string
	}{
		{"centre-agri", "centre-agriculture"},   // prefix of exactly one
		{"centre-watr", "centre-water"},         // one letter missing
		{"board-irigation", "board-irrigation"}, // one letter missing
		{"centre", ""},                          // prefix of two: no guess
		{"school", ""},                          // nothing close
		{"centre-water", ""},                    // exact: nothing to suggest
		{"seed-centre", ""},                     // only the ending is shared
	}
	for _, tt := range tests {
		if got := Closest(tt.got, units); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
	fields := []string{"name", "short_name", "kind", "staff", "head", "website", "description"}
	for got, want := range map[string]string{"nmae": "name", "shortname": "short_name", "staf": "staff", "colour": ""} {
		if s := Closest(got, fields); s != want {
			t.Errorf("Closest(%q) = %q, want %q", got, s, want)
		}
	}
}

func TestDistanceCountsRunes(t *testing.T) {
	if d := Distance("Tổng", "Tong"); d != 1 {
		t.Errorf("Distance = %d, want 1", d)
	}
	if d := Distance("", "abc"); d != 3 {
		t.Errorf("Distance = %d, want 3", d)
	}
}
