package version

import "testing"

func TestIsRelease(t *testing.T) {
	for v, want := range map[string]bool{
		"v1.2.3":                               true,
		"v0.10.0":                              true,
		"1.2.3":                                false,
		"v1.2":                                 false,
		"v1.2.3-0.20261204082336-365fd41abcde": false,
		"v0.0.0-20261204082336-365fd41abcde":   false,
		"v1.2.3+dirty":                         false,
		"dev":                                  false,
		"v1..3":                                false,
	} {
		if got := IsRelease(v); got != want {
			t.Errorf("IsRelease(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestReportsiteIsNeverEmpty(t *testing.T) {
	if Reportsite() == "" {
		t.Fatal("Reportsite() is empty")
	}
	release = "v9.8.7"
	defer func() { release = "" }()
	if got := Reportsite(); got != "v9.8.7" {
		t.Fatalf("with release set, Reportsite() = %q", got)
	}
}
