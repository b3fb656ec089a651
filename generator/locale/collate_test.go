package locale

import (
	"slices"
	"testing"
)

func TestNameKeysOrderNamesAsTheLanguageDoes(t *testing.T) {
	for _, tc := range []struct {
		lang  string
		names []string // in the language's order
	}{
		// Vietnamese: Đ is a letter of its own, after D; accents after the
		// plain letter, whatever their bytes.
		{"vi", []string{"Ban Dân vận", "Ban Quản lý", "Đảo Cồn Cỏ", "Trung tâm Ánh Dương", "Trung tâm Giống", "Ủy ban Xã"}},
		{"en", []string{"aquaculture centre", "Board of Ports", "Écoles board", "Fishing ports"}},
		{"pt", []string{"Água Limpa", "Centro de Extensão", "centro de Pesca", "Óbidos"}},
	} {
		shuffled := slices.Clone(tc.names)
		slices.Reverse(shuffled)
		got := SortedByName(tc.lang, shuffled, func(s string) string { return s })
		if !slices.Equal(got, tc.names) {
			t.Errorf("%s: sorted %q, want %q", tc.lang, got, tc.names)
		}
	}
}
