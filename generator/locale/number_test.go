package locale

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// inEachLanguage is one input and the string each language must write for
// it. Every expected string here was written out by hand.
type inEachLanguage[T any] struct {
	in         T
	en, vi, pt string
}

func (c inEachLanguage[T]) want(lang string) string {
	switch lang {
	case "en":
		return c.en
	case "vi":
		return c.vi
	default:
		return c.pt
	}
}

// checkEachLanguage runs format for every case in every language.
func checkEachLanguage[T any](t *testing.T, cases []inEachLanguage[T], format func(*Locale, T) string) {
	t.Helper()
	for _, lang := range Languages() {
		locale := mustLookup(t, lang)
		for _, c := range cases {
			if got, want := format(locale, c.in), c.want(lang); got != want {
				t.Errorf("%s: %v: got %q, want %q", lang, c.in, got, want)
			}
		}
	}
}

func mustLookup(t *testing.T, lang string) *Locale {
	t.Helper()
	locale, err := Lookup(lang)
	if err != nil {
		t.Fatal(err)
	}
	return locale
}

var numberCases = []inEachLanguage[int64]{
	{0, "0", "0", "0"},
	{7, "7", "7", "7"},
	{641, "641", "641", "641"},
	{1000, "1,000", "1.000", "1.000"},
	{9_999, "9,999", "9.999", "9.999"},
	{10_000, "10,000", "10.000", "10.000"},
	{33_850_000, "33,850,000", "33.850.000", "33.850.000"},
	{46_850_000, "46,850,000", "46.850.000", "46.850.000"},
	{1_234_567_890, "1,234,567,890", "1.234.567.890", "1.234.567.890"},
	{-641, "-641", "-641", "-641"},
	{-46_850_000, "-46,850,000", "-46.850.000", "-46.850.000"},
	{math.MaxInt64, "9,223,372,036,854,775,807", "9.223.372.036.854.775.807", "9.223.372.036.854.775.807"},
	{math.MinInt64, "-9,223,372,036,854,775,808", "-9.223.372.036.854.775.808", "-9.223.372.036.854.775.808"},
}

func TestNumberGroupsDigitsInThrees(t *testing.T) {
	checkEachLanguage(t, numberCases, (*Locale).Number)
}

func TestMoneyWritesTheLanguagesCurrencyPattern(t *testing.T) {
	checkEachLanguage(t, []inEachLanguage[int64]{
		{0, "0 VND", "0 đ", "0 VND"},
		{641, "641 VND", "641 đ", "641 VND"},
		{33_800_000, "33,800,000 VND", "33.800.000 đ", "33.800.000 VND"},
		{-4_200_000, "-4,200,000 VND", "-4.200.000 đ", "-4.200.000 VND"},
	}, (*Locale).Money)
}

var compactNumberCases = []inEachLanguage[int64]{
	// Below 10,000 the number is written in full.
	{0, "0", "0", "0"},
	{641, "641", "641", "641"},
	{9_999, "9,999", "9.999", "9.999"},
	{-9_999, "-9,999", "-9.999", "-9.999"},
	// Thousands.
	{10_000, "10 thousand", "10 nghìn", "10 mil"},
	{12_500, "12.5 thousand", "12,5 nghìn", "12,5 mil"},
	{12_549, "12.5 thousand", "12,5 nghìn", "12,5 mil"},
	{12_550, "12.6 thousand", "12,6 nghìn", "12,6 mil"},
	{999_949, "999.9 thousand", "999,9 nghìn", "999,9 mil"},
	// Rounding up to a thousand thousands moves to the next unit.
	{999_950, "1 million", "1 triệu", "1 milhão"},
	// Millions; Portuguese keeps the singular below two.
	{1_000_000, "1 million", "1 triệu", "1 milhão"},
	{1_500_000, "1.5 million", "1,5 triệu", "1,5 milhão"},
	{1_949_999, "1.9 million", "1,9 triệu", "1,9 milhão"},
	{1_950_000, "2 million", "2 triệu", "2 milhões"},
	{2_000_000, "2 million", "2 triệu", "2 milhões"},
	{33_800_000, "33.8 million", "33,8 triệu", "33,8 milhões"},
	{33_850_000, "33.9 million", "33,9 triệu", "33,9 milhões"},
	{46_850_000, "46.9 million", "46,9 triệu", "46,9 milhões"},
	{46_849_999, "46.8 million", "46,8 triệu", "46,8 milhões"},
	{999_999_999, "1 billion", "1 tỷ", "1 mil milhões"},
	// Billions, the largest unit, which has no upper limit.
	{1_234_567_890, "1.2 billion", "1,2 tỷ", "1,2 mil milhões"},
	{1_250_000_000, "1.3 billion", "1,3 tỷ", "1,3 mil milhões"},
	{1_234_000_000_000, "1,234 billion", "1.234 tỷ", "1.234 mil milhões"},
	// Negative numbers round their magnitude and put the minus first.
	{-12_500, "-12.5 thousand", "-12,5 nghìn", "-12,5 mil"},
	{-1_500_000, "-1.5 million", "-1,5 triệu", "-1,5 milhão"},
	{-33_850_000, "-33.9 million", "-33,9 triệu", "-33,9 milhões"},
	{math.MinInt64, "-9,223,372,036.9 billion", "-9.223.372.036,9 tỷ", "-9.223.372.036,9 mil milhões"},
}

func TestCompactNumberRoundsToOneDecimalOfTheLargestUnit(t *testing.T) {
	checkEachLanguage(t, compactNumberCases, (*Locale).CompactNumber)
}

var compactMoneyCases = []inEachLanguage[int64]{
	{0, "0 VND", "0 đ", "0 VND"},
	{641, "641 VND", "641 đ", "641 VND"},
	{9_999, "9,999 VND", "9.999 đ", "9.999 VND"},
	{12_500, "12.5 thousand VND", "12,5 nghìn đồng", "12,5 mil VND"},
	{999_950, "1 million VND", "1 triệu đồng", "1 milhão de VND"},
	{1_000_000, "1 million VND", "1 triệu đồng", "1 milhão de VND"},
	{1_500_000, "1.5 million VND", "1,5 triệu đồng", "1,5 milhão de VND"},
	{2_000_000, "2 million VND", "2 triệu đồng", "2 milhões de VND"},
	{33_800_000, "33.8 million VND", "33,8 triệu đồng", "33,8 milhões de VND"},
	{46_850_000, "46.9 million VND", "46,9 triệu đồng", "46,9 milhões de VND"},
	{1_234_567_890, "1.2 billion VND", "1,2 tỷ đồng", "1,2 mil milhões de VND"},
	{-33_800_000, "-33.8 million VND", "-33,8 triệu đồng", "-33,8 milhões de VND"},
}

func TestCompactMoneyNamesTheCurrencyAfterTheUnit(t *testing.T) {
	checkEachLanguage(t, compactMoneyCases, (*Locale).CompactMoney)
}

var percentCases = []inEachLanguage[float64]{
	{0, "0%", "0%", "0%"},
	{0.857, "85.7%", "85,7%", "85,7%"},
	{0.5, "50%", "50%", "50%"},
	{1, "100%", "100%", "100%"},
	{0.9999, "100%", "100%", "100%"},
	{0.999, "99.9%", "99,9%", "99,9%"},
	// 6.25 is exact in binary: half rounds up.
	{0.0625, "6.3%", "6,3%", "6,3%"},
	{12.5, "1,250%", "1.250%", "1.250%"},
	{-0.25, "-25%", "-25%", "-25%"},
	// Rounds to zero: no minus sign.
	{-0.0001, "0%", "0%", "0%"},
	{math.NaN(), "–", "–", "–"},
	{math.Inf(1), "–", "–", "–"},
}

func TestPercentKeepsAtMostOneDecimal(t *testing.T) {
	checkEachLanguage(t, percentCases, (*Locale).Percent)
}

type decimalInput struct {
	x      float64
	places int
}

func TestDecimalWritesExactlyTheGivenPlaces(t *testing.T) {
	checkEachLanguage(t, []inEachLanguage[decimalInput]{
		{decimalInput{1234.5, 2}, "1,234.50", "1.234,50", "1.234,50"},
		{decimalInput{1234567.891, 0}, "1,234,568", "1.234.568", "1.234.568"},
		{decimalInput{0.125, 2}, "0.13", "0,13", "0,13"},
		// 2.675 is 2.67499999… in binary.
		{decimalInput{2.675, 2}, "2.67", "2,67", "2,67"},
		{decimalInput{-1.25, 1}, "-1.3", "-1,3", "-1,3"},
		{decimalInput{-0.001, 1}, "0.0", "0,0", "0,0"},
		{decimalInput{3, -1}, "3", "3", "3"},
		// 0.1 is 0.1000000000000000055511… in binary; places stop at 20.
		{decimalInput{0.1, 25}, "0.10000000000000000555", "0,10000000000000000555", "0,10000000000000000555"},
		{decimalInput{math.NaN(), 1}, "–", "–", "–"},
	}, func(l *Locale, in decimalInput) string { return l.Decimal(in.x, in.places) })
}

func TestNumberAgreesWithCLDR(t *testing.T) {
	for _, lang := range Languages() {
		locale := mustLookup(t, lang)
		printer := message.NewPrinter(language.MustParse(lang))
		for _, c := range numberCases {
			if c.in == math.MinInt64 || c.in == math.MaxInt64 {
				continue // x/text goes through float64 here
			}
			if got, want := locale.Number(c.in), printer.Sprint(number.Decimal(c.in)); got != want {
				t.Errorf("%s: Number(%d) = %q, CLDR writes %q", lang, c.in, got, want)
			}
		}
	}
}

func TestNumberFormatRoundTripsThroughJSON(t *testing.T) {
	for _, lang := range Languages() {
		format := mustLookup(t, lang).NumberFormat()
		data, err := json.Marshal(format)
		if err != nil {
			t.Fatal(err)
		}
		var decoded NumberFormat
		if err := json.Unmarshal(data, &decoded); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(decoded, format) {
			t.Errorf("%s: decoded %+v, want %+v", lang, decoded, format)
		}
	}
}

func TestNumberFormatJSONHasTheDocumentedShape(t *testing.T) {
	data, err := json.Marshal(mustLookup(t, "pt").NumberFormat())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"lang":"pt","group":".","decimal":",","minus":"-","money":"{n} VND","percent":"{n}%","compactFrom":10000,"units":[` +
		`{"size":1000,"one":"{n} mil","other":"{n} mil","moneyOne":"{n} mil VND","moneyOther":"{n} mil VND"},` +
		`{"size":1000000,"one":"{n} milhão","other":"{n} milhões","moneyOne":"{n} milhão de VND","moneyOther":"{n} milhões de VND"},` +
		`{"size":1000000000,"one":"{n} mil milhões","other":"{n} mil milhões","moneyOne":"{n} mil milhões de VND","moneyOther":"{n} mil milhões de VND"}]}`
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
}

func TestNumberFormatIsACopy(t *testing.T) {
	locale := mustLookup(t, "en")
	format := locale.NumberFormat()
	format.Units[0].One = "changed {n}"
	if got := locale.CompactNumber(12_500); got != "12.5 thousand" {
		t.Errorf("changing the returned format changed the locale: %q", got)
	}
}

func TestCompactUnitSizesAreMultiplesOfTwenty(t *testing.T) {
	// The rounding rule in NumberFormat's documentation relies on it.
	for _, lang := range Languages() {
		format := mustLookup(t, lang).NumberFormat()
		for i, unit := range format.Units {
			if unit.Size%20 != 0 || (i > 0 && unit.Size <= format.Units[i-1].Size) {
				t.Errorf("%s: unit %d has size %d", lang, i, unit.Size)
			}
		}
	}
}

func TestRoundHalfUpAgreesWithExactArithmetic(t *testing.T) {
	random := rand.New(rand.NewPCG(1, 2))
	values := []float64{0, 0.5, 1.5, 2.5, 0.125, 0.0625, 2.675, 1e-320, math.SmallestNonzeroFloat64,
		1 << 52, 1 << 60, 1e300, math.MaxFloat64}
	for range 5000 {
		values = append(values, random.Float64(), random.Float64()*1000, math.Ldexp(random.Float64(), random.IntN(200)-100),
			float64(random.IntN(100000))/float64(int(1)<<random.IntN(12)))
	}
	for _, x := range values {
		for places := range maxFastPlaces + 1 {
			gotWhole, gotFraction := roundHalfUp(x, places)
			wantWhole, wantFraction := exactRoundHalfUp(x, places)
			if gotWhole != wantWhole || gotFraction != wantFraction {
				t.Errorf("roundHalfUp(%v, %d) = %d.%s, exact arithmetic gives %d.%s", x, places, gotWhole, gotFraction, wantWhole, wantFraction)
			}
		}
	}
}
