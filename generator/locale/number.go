package locale

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// NumberFormat is everything a locale needs to write numbers, money and
// percentages, as plain data that marshals to JSON. The chart script in the
// browser receives it and must reproduce Number, Money, CompactNumber,
// CompactMoney and Percent character for character, so that a chart's axis
// and tooltip show the same strings as the table beside it. The algorithm,
// precisely enough to port (all arithmetic on whole numbers is exact):
//
// Grouping. To write a whole number w ≥ 0, write its decimal digits and put
// Group between every three digits counting from the right, whatever the
// length: 641, 9,999, 33,800,000 (en). A signed number n is Minus followed by
// the grouping of |n| when n < 0, else the grouping of n.
//
// Tenths. To write a count of tenths t ≥ 0, write the grouping of
// floor(t / 10), then, unless t mod 10 is 0, Decimal and the digit t mod 10:
// 338 tenths is "33.8" (en), "33,8" (vi); 10 tenths is "1".
//
// Money. Replace "{n}" in Money with the signed number: "33.800.000 đ".
//
// Compact. Let a = |n|. When a < CompactFrom, the compact form is the plain
// one (Number, or Money for money). Otherwise take the largest unit in Units
// (they are sorted by Size) whose Size ≤ a, and round a to tenths of that
// unit, half away from zero: t = floor((a + Size/20) / (Size/10)), which is
// exact because every Size is a multiple of 20. If the rounded value
// t × Size / 10 reaches the Size of the next unit, move to the next unit and
// round again, so 999,950 is "1 million", never "1,000 thousand". Write the
// number as Minus (when n < 0) followed by the tenths t. The words come from
// the unit's One when t < 20 (the value shown is below 2: "1,5 milhão") and
// from Other otherwise ("2 milhões"); for money take MoneyOne and MoneyOther
// instead. Replace "{n}" in the chosen pattern with the number. The largest
// unit has no limit: 1,234,000,000,000 is "1,234 billion".
//
// Percent. For a ratio r (0.857 means 85.7 %), let p = |r| × 100 computed as
// one double-precision multiplication, and round p to one decimal, half up,
// on p's exact binary value: t = floor(p × 10 + 1/2) evaluated exactly,
// which is what JavaScript's p.toFixed(1) does. Write Minus (when r < 0 and
// t > 0) followed by the tenths t, and replace "{n}" in Percent with it. A
// ratio that is not a finite number is written "–" (an en dash).
//
// In JavaScript, whole numbers are exact below 2^53 (9,007,199,254,740,992);
// VND amounts and head counts stay far below that. Compute floor(x / y) for
// whole x, y as (x - x % y) / y to stay exact.
type NumberFormat struct {
	// Lang is the language code: "en", "vi" or "pt".
	Lang string `json:"lang"`
	// Group separates groups of three digits: "," in en, "." in vi and pt.
	Group string `json:"group"`
	// Decimal separates the whole part from the fraction: "." in en, "," in
	// vi and pt.
	Decimal string `json:"decimal"`
	// Minus comes before a negative number.
	Minus string `json:"minus"`
	// Money is the pattern of an amount of VND: "{n} VND", "{n} đ".
	Money string `json:"money"`
	// Percent is the pattern of a percentage: "{n}%".
	Percent string `json:"percent"`
	// CompactFrom is the smallest magnitude written in compact form; below
	// it, the compact form is the full number.
	CompactFrom int64 `json:"compactFrom"`
	// Units are the compact units, smallest first.
	Units []CompactUnit `json:"units"`
}

// CompactUnit is one word of the compact forms, such as "million", with the
// patterns that write a number of it. Each pattern holds "{n}" where the
// number goes.
type CompactUnit struct {
	// Size is the value of one unit: 1000, 1000000 or 1000000000.
	Size int64 `json:"size"`
	// One is the pattern for a value shown below 2: "{n} milhão".
	One string `json:"one"`
	// Other is the pattern for a value shown as 2 or more: "{n} milhões".
	Other string `json:"other"`
	// MoneyOne is the pattern of money for a value shown below 2:
	// "{n} milhão de VND".
	MoneyOne string `json:"moneyOne"`
	// MoneyOther is the pattern of money for a value shown as 2 or more:
	// "{n} milhões de VND".
	MoneyOther string `json:"moneyOther"`
}

// numberSlot is the placeholder that the patterns of NumberFormat hold.
const numberSlot = "{n}"

// notANumber is what Percent and Decimal write for NaN and infinities.
const notANumber = "–"

// NumberFormat returns the locale's number format as plain data, for the
// browser script that draws the charts. The caller gets its own copy.
func (l *Locale) NumberFormat() NumberFormat {
	copied := l.format
	copied.Units = append([]CompactUnit(nil), l.format.Units...)
	return copied
}

// Number writes a whole number with the language's group separator:
// 33,800,000 (en), 33.800.000 (vi, pt).
func (l *Locale) Number(n int64) string {
	return l.signed(n < 0, l.grouped(magnitude(n)))
}

// Money writes an amount of VND in full: "33,800,000 VND" (en),
// "33.800.000 đ" (vi), "33.800.000 VND" (pt).
func (l *Locale) Money(vnd int64) string {
	return strings.Replace(l.format.Money, numberSlot, l.Number(vnd), 1)
}

// CompactNumber writes a number rounded to at most one decimal of a large
// unit: "33.8 million" (en), "33,8 triệu" (vi), "33,8 milhões" (pt). Numbers
// below 10,000 are written in full. See NumberFormat for the exact rules.
func (l *Locale) CompactNumber(n int64) string {
	text, ok := l.compact(n, false)
	if !ok {
		return l.Number(n)
	}
	return text
}

// CompactMoney writes an amount of VND in compact form: "33.8 million VND"
// (en), "33,8 triệu đồng" (vi), "33,8 milhões de VND" (pt). Amounts below
// 10,000 are written in full, as Money writes them.
func (l *Locale) CompactMoney(vnd int64) string {
	text, ok := l.compact(vnd, true)
	if !ok {
		return l.Money(vnd)
	}
	return text
}

// compact writes n in compact form, or reports false when n is too small to
// be compacted.
func (l *Locale) compact(n int64, money bool) (string, bool) {
	units := l.format.Units
	abs := magnitude(n)
	if len(units) == 0 || abs < uint64(l.format.CompactFrom) || abs < uint64(units[0].Size) {
		return "", false
	}
	index := 0
	for index+1 < len(units) && uint64(units[index+1].Size) <= abs {
		index++
	}
	tenths := roundToTenths(abs, uint64(units[index].Size))
	for index+1 < len(units) && tenths*(uint64(units[index].Size)/10) >= uint64(units[index+1].Size) {
		index++
		tenths = roundToTenths(abs, uint64(units[index].Size))
	}
	unit := units[index]
	pattern := unit.Other
	switch {
	case money && tenths < 20:
		pattern = unit.MoneyOne
	case money:
		pattern = unit.MoneyOther
	case tenths < 20:
		pattern = unit.One
	}
	return strings.Replace(pattern, numberSlot, l.signed(n < 0, l.tenths(tenths)), 1), true
}

// roundToTenths rounds abs to tenths of size, half away from zero.
func roundToTenths(abs, size uint64) uint64 {
	tenth := size / 10
	half := size / 20
	// abs + half cannot overflow: abs ≤ 2^63 and half < 2^62.
	return (abs + half) / tenth
}

// Percent writes a ratio as a percentage with at most one decimal, half up:
// 0.857 is "85.7%" (en), "85,7%" (vi, pt); 0.5 is "50%". See NumberFormat.
func (l *Locale) Percent(ratio float64) string {
	if math.IsNaN(ratio) || math.IsInf(ratio, 0) {
		return notANumber
	}
	whole, fraction := roundHalfUp(math.Abs(ratio)*100, 1)
	text := l.grouped(whole)
	if fraction != "0" {
		text += l.format.Decimal + fraction
	}
	negative := ratio < 0 && (whole != 0 || fraction != "0")
	return strings.Replace(l.format.Percent, numberSlot, l.signed(negative, text), 1)
}

// Decimal writes x with exactly places digits after the decimal separator
// (0 to 20; others are clamped), rounded half up on x's exact binary value as
// JavaScript's toFixed does: Decimal(1234.5, 2) is "1,234.50" (en),
// "1.234,50" (vi, pt). A result that rounds to zero has no minus sign.
func (l *Locale) Decimal(x float64, places int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return notANumber
	}
	places = min(max(places, 0), 20)
	whole, fraction := roundHalfUp(math.Abs(x), places)
	text := l.grouped(whole)
	if places > 0 {
		text += l.format.Decimal + fraction
	}
	negative := x < 0 && (whole != 0 || strings.Trim(fraction, "0") != "")
	return l.signed(negative, text)
}

// roundHalfUp rounds the exact value of x ≥ 0 to places decimals, half up,
// and returns the whole part and the places digits of the fraction.
func roundHalfUp(x float64, places int) (whole uint64, fraction string) {
	if places <= maxFastPlaces {
		scale := uint64(math.Pow10(places))
		if scaled, ok := scaledHalfUp(x, scale); ok {
			return scaled / scale, fractionDigits(strconv.FormatUint(scaled%scale, 10), places)
		}
	}
	return exactRoundHalfUp(x, places)
}

// maxFastPlaces is the most places scaledHalfUp handles: a 53-bit mantissa
// times 10^3 still fits in 63 bits.
const maxFastPlaces = 3

// scaledHalfUp returns floor(x × scale + 1/2) for x ≥ 0, computed exactly on
// the mantissa and exponent of x, or false when the result would not fit in
// 64 bits.
func scaledHalfUp(x float64, scale uint64) (uint64, bool) {
	if x == 0 {
		return 0, true
	}
	fraction, exponent := math.Frexp(x)
	// x = mantissa × 2^exponent exactly, with a mantissa below 2^53.
	mantissa := uint64(math.Ldexp(fraction, 53))
	exponent -= 53
	scaled := mantissa * scale
	if exponent >= 0 {
		if bits.Len64(scaled)+exponent > 64 {
			return 0, false
		}
		return scaled << exponent, true
	}
	shift := uint(-exponent)
	if shift >= 64 {
		// scaled < 2^63, so scaled / 2^shift < 1/2.
		return 0, true
	}
	return (scaled + 1<<(shift-1)) >> shift, true
}

// exactRoundHalfUp is roundHalfUp for any number of places, in exact
// rational arithmetic.
func exactRoundHalfUp(x float64, places int) (whole uint64, fraction string) {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	exact := new(big.Rat).SetFloat64(x)
	exact.Mul(exact, new(big.Rat).SetInt(scale))
	exact.Add(exact, big.NewRat(1, 2))
	scaled := new(big.Int).Quo(exact.Num(), exact.Denom())
	wholePart, fractionPart := new(big.Int).QuoRem(scaled, scale, new(big.Int))
	if !wholePart.IsUint64() {
		wholePart.SetUint64(math.MaxUint64)
	}
	return wholePart.Uint64(), fractionDigits(fractionPart.String(), places)
}

// fractionDigits pads the digits of a fraction with leading zeros to places
// digits; it returns nothing when places is 0.
func fractionDigits(digits string, places int) string {
	if places == 0 {
		return ""
	}
	return strings.Repeat("0", places-len(digits)) + digits
}

// tenths writes a count of tenths: the grouped whole part, then the decimal
// separator and the tenth unless it is zero.
func (l *Locale) tenths(t uint64) string {
	text := l.grouped(t / 10)
	if digit := t % 10; digit != 0 {
		text += l.format.Decimal + string(rune('0'+digit))
	}
	return text
}

// grouped writes w with the group separator between every three digits.
func (l *Locale) grouped(w uint64) string {
	var digits [20]byte
	start := len(digits)
	for {
		start--
		digits[start] = byte('0' + w%10)
		w /= 10
		if w == 0 {
			break
		}
	}
	plain := digits[start:]
	var out strings.Builder
	for i, digit := range plain {
		if i > 0 && (len(plain)-i)%3 == 0 {
			out.WriteString(l.format.Group)
		}
		out.WriteByte(digit)
	}
	return out.String()
}

// signed puts the minus sign before text when negative is true.
func (l *Locale) signed(negative bool, text string) string {
	if negative {
		return l.format.Minus + text
	}
	return text
}

// magnitude returns |n|, which fits in a uint64 even for math.MinInt64.
func magnitude(n int64) uint64 {
	if n < 0 {
		return uint64(-(n + 1)) + 1
	}
	return uint64(n)
}
