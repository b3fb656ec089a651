// Package locale formats numbers, money, percentages and dates the way the
// site's language writes them, and loads the interface strings of that
// language from templates/i18n.
//
// Three languages are supported: English (en), Vietnamese (vi) and
// Portuguese (pt). The digit separators come from the Unicode CLDR data in
// golang.org/x/text; the words of the compact forms ("33.8 million",
// "33,8 triệu", "33,8 milhões"), the money patterns and the date forms are
// tabulated here, because CLDR's compact and currency forms either are not in
// x/text or are not the ones this bloc's readers expect.
//
// Every number format is also available as plain data (see NumberFormat), so
// the browser script that draws the charts can print exactly the same strings
// as the HTML tables.
package locale

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Locale formats numbers, money and dates the way one language writes them.
// Get one with Lookup; the zero value is not usable.
type Locale struct {
	// Lang is the language code, as written in site.yaml: "en", "vi" or "pt".
	Lang string

	format NumberFormat
	dates  dateStyle
}

// languageTable holds, for each supported language, what CLDR does not give
// us: the money patterns, the compact words and the date style. The digit
// separators are filled in from CLDR by buildLocales. Its order is that of
// Languages.
var languageTable = []struct {
	lang    string
	numbers NumberFormat
	dates   dateStyle
}{
	{
		lang: "en",
		numbers: NumberFormat{
			Money:       "{n} VND",
			Percent:     "{n}%",
			CompactFrom: 10_000,
			Units: []CompactUnit{
				{Size: 1e3, One: "{n} thousand", Other: "{n} thousand", MoneyOne: "{n} thousand VND", MoneyOther: "{n} thousand VND"},
				{Size: 1e6, One: "{n} million", Other: "{n} million", MoneyOne: "{n} million VND", MoneyOther: "{n} million VND"},
				{Size: 1e9, One: "{n} billion", Other: "{n} billion", MoneyOne: "{n} billion VND", MoneyOther: "{n} billion VND"},
			},
		},
		dates: englishDates,
	},
	{
		lang: "vi",
		numbers: NumberFormat{
			Money:       "{n} đ",
			Percent:     "{n}%",
			CompactFrom: 10_000,
			Units: []CompactUnit{
				{Size: 1e3, One: "{n} nghìn", Other: "{n} nghìn", MoneyOne: "{n} nghìn đồng", MoneyOther: "{n} nghìn đồng"},
				{Size: 1e6, One: "{n} triệu", Other: "{n} triệu", MoneyOne: "{n} triệu đồng", MoneyOther: "{n} triệu đồng"},
				{Size: 1e9, One: "{n} tỷ", Other: "{n} tỷ", MoneyOne: "{n} tỷ đồng", MoneyOther: "{n} tỷ đồng"},
			},
		},
		dates: vietnameseDates,
	},
	{
		lang: "pt",
		numbers: NumberFormat{
			Money:       "{n} VND",
			Percent:     "{n}%",
			CompactFrom: 10_000,
			Units: []CompactUnit{
				// "mil" does not change for the plural and takes no "de":
				// "12,5 mil VND".
				{Size: 1e3, One: "{n} mil", Other: "{n} mil", MoneyOne: "{n} mil VND", MoneyOther: "{n} mil VND"},
				// Below two the noun stays singular: "1,5 milhão", "2 milhões".
				{Size: 1e6, One: "{n} milhão", Other: "{n} milhões", MoneyOne: "{n} milhão de VND", MoneyOther: "{n} milhões de VND"},
				// "mil milhões" reads the same in Portugal and Brazil, where
				// "bilião" and "bilhão" mean different numbers.
				{Size: 1e9, One: "{n} mil milhões", Other: "{n} mil milhões", MoneyOne: "{n} mil milhões de VND", MoneyOther: "{n} mil milhões de VND"},
			},
		},
		dates: portugueseDates,
	},
}

// locales is built once from languageTable and CLDR; Lookup hands out copies.
var locales = buildLocales()

func buildLocales() map[string]Locale {
	built := make(map[string]Locale, len(languageTable))
	for _, entry := range languageTable {
		format := entry.numbers
		format.Lang = entry.lang
		format.Group, format.Decimal, format.Minus = cldrSymbols(language.MustParse(entry.lang))
		built[entry.lang] = Locale{Lang: entry.lang, format: format, dates: entry.dates}
	}
	return built
}

// cldrSymbols reads the group separator, the decimal separator and the minus
// sign of tag from CLDR by printing a probe number through x/text, which
// keeps the symbols themselves unexported.
func cldrSymbols(tag language.Tag) (group, decimal, minus string) {
	printer := message.NewPrinter(tag)
	// "-1,234.5" in English: minus, digit, group, three digits, decimal, digit.
	probe := []rune(printer.Sprint(number.Decimal(-1234.5, number.MinFractionDigits(1))))
	minusEnd := slices.Index(probe, '1')
	groupEnd := slices.Index(probe, '2')
	decimalStart := slices.Index(probe, '4') + 1
	if minusEnd < 0 || groupEnd < minusEnd || decimalStart >= len(probe)-1 {
		panic(fmt.Sprintf("locale: unexpected CLDR probe %q for %s", string(probe), tag))
	}
	return string(probe[minusEnd+1 : groupEnd]), string(probe[decimalStart : len(probe)-1]), string(probe[:minusEnd])
}

// Lookup returns the locale of lang, one of the codes that Languages lists.
// The codes are matched exactly, as site.yaml must spell them.
func Lookup(lang string) (*Locale, error) {
	found, ok := locales[lang]
	if !ok {
		return nil, fmt.Errorf("unknown language %q: use one of %s", lang, strings.Join(Languages(), ", "))
	}
	return &found, nil
}

// Languages returns the supported language codes in a fixed order: English,
// the reference language of the interface strings, then Vietnamese and
// Portuguese. It is the one list of languages: content takes the values
// site.yaml's language may have from it, and with them the JSON Schema's
// enum and the messages that name the allowed languages, which follow its
// order.
func Languages() []string {
	codes := make([]string, len(languageTable))
	for i, entry := range languageTable {
		codes[i] = entry.lang
	}
	return codes
}

// Month returns the name of month m on its own, as a chart axis or a
// heading shows it: "January", "tháng 1", "janeiro".
func (l *Locale) Month(m time.Month) string {
	return l.dates.monthName(m)
}
