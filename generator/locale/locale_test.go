package locale

import (
	"slices"
	"strings"
	"testing"
)

// TestLanguagesInTheirFixedOrder: the order the JSON Schema's enum and
// every message that names the languages show them in.
func TestLanguagesInTheirFixedOrder(t *testing.T) {
	if got, want := Languages(), []string{"en", "vi", "pt"}; !slices.Equal(got, want) {
		t.Errorf("Languages() = %q, want %q", got, want)
	}
}

func TestLookupFindsEachLanguage(t *testing.T) {
	for _, lang := range Languages() {
		if got := mustLookup(t, lang).Lang; got != lang {
			t.Errorf("Lookup(%q).Lang = %q", lang, got)
		}
	}
}

func TestLookupRefusesUnknownLanguagesNamingTheAllowedOnes(t *testing.T) {
	for _, lang := range []string{"", "fr", "EN", "pt-BR", "vn"} {
		_, err := Lookup(lang)
		if err == nil {
			t.Errorf("Lookup(%q) succeeded", lang)
			continue
		}
		if want := "use one of en, vi, pt"; !strings.Contains(err.Error(), want) {
			t.Errorf("Lookup(%q) error %q does not say %q", lang, err, want)
		}
	}
}

func TestLookupHandsOutIndependentLocales(t *testing.T) {
	first := mustLookup(t, "vi")
	first.Lang = "changed"
	if got := mustLookup(t, "vi").Lang; got != "vi" {
		t.Errorf("changing one locale changed the next: Lang = %q", got)
	}
}
