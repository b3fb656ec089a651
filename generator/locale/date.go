package locale

import (
	"fmt"
	"time"
)

// Dates in content are calendar days (2023-09-05) with no time of day, so
// the functions below read the year, month and day of a time.Time as they
// are, in the time's own location, and never convert between zones.

// Date writes a day in the long form of the language's formal documents:
// "16 January 2024" (en), "ngày 16 tháng 01 năm 2024" (vi),
// "16 de janeiro de 2024" (pt). The Vietnamese form follows the rule of
// administrative documents: a day below 10 and the months January and
// February take a leading zero ("ngày 05 tháng 9 năm 2023").
func (l *Locale) Date(t time.Time) string {
	return l.dates.long(dayOf(t))
}

// ShortDate writes a day in the short form that tables use:
// "16 Jan 2024" (en), "16/01/2024" (vi, pt). English keeps the month as a
// word because 01/02/2024 means different days to British and American
// readers; Vietnamese and Portuguese readers all read day/month/year.
func (l *Locale) ShortDate(t time.Time) string {
	return l.dates.short(dayOf(t))
}

// DateRange writes the days from one day to another in the long form,
// naming the shared month and year only once: "5–7 September 2023" (en),
// "từ ngày 05 đến ngày 07 tháng 9 năm 2023" (vi),
// "5–7 de setembro de 2023" (pt). A range of one day is that day, as Date
// writes it; a range given backwards is written forwards.
func (l *Locale) DateRange(from, to time.Time) string {
	return formatRange(from, to, l.dates.long, l.dates.longRange)
}

// ShortDateRange writes the days from one day to another in the short form
// of tables: "5–7 Sep 2023" (en), "05–07/09/2023" (vi, pt). A range of one
// day is that day, as ShortDate writes it.
func (l *Locale) ShortDateRange(from, to time.Time) string {
	return formatRange(from, to, l.dates.short, l.dates.shortRange)
}

// day is a calendar day.
type day struct {
	year  int
	month time.Month
	day   int
}

func dayOf(t time.Time) day {
	year, month, dayOfMonth := t.Date()
	return day{year: year, month: month, day: dayOfMonth}
}

// dateStyle holds one language's date forms. The range functions are only
// called with two different days in order.
type dateStyle struct {
	monthName  func(time.Month) string
	long       func(day) string
	short      func(day) string
	longRange  func(from, to day) string
	shortRange func(from, to day) string
}

func formatRange(from, to time.Time, single func(day) string, span func(from, to day) string) string {
	first, last := dayOf(from), dayOf(to)
	if first == last {
		return single(first)
	}
	if later(first, last) {
		first, last = last, first
	}
	return span(first, last)
}

func later(a, b day) bool {
	if a.year != b.year {
		return a.year > b.year
	}
	if a.month != b.month {
		return a.month > b.month
	}
	return a.day > b.day
}

// monthFrom returns a function naming months from a table of twelve.
func monthFrom(names [12]string) func(time.Month) string {
	return func(m time.Month) string {
		if m < time.January || m > time.December {
			return fmt.Sprint(int(m))
		}
		return names[m-1]
	}
}

// The en dash joins the two ends of a range; when either end holds a space,
// spaces go around the dash too, so that it binds the whole ends
// ("28 August – 2 September 2023").
const rangeDash = "–"

var englishMonths = [12]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

var englishMonthsShort = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

var (
	englishMonth      = monthFrom(englishMonths)
	englishMonthShort = monthFrom(englishMonthsShort)
)

// englishDates writes British-style dates, day first, which every English
// reader understands without guessing.
var englishDates = dateStyle{
	monthName: englishMonth,
	long: func(d day) string {
		return fmt.Sprintf("%d %s %d", d.day, englishMonth(d.month), d.year)
	},
	short: func(d day) string {
		return fmt.Sprintf("%d %s %d", d.day, englishMonthShort(d.month), d.year)
	},
	longRange: func(from, to day) string {
		return englishRange(from, to, englishMonth)
	},
	shortRange: func(from, to day) string {
		return englishRange(from, to, englishMonthShort)
	},
}

func englishRange(from, to day, month func(time.Month) string) string {
	switch {
	case from.year == to.year && from.month == to.month:
		return fmt.Sprintf("%d%s%d %s %d", from.day, rangeDash, to.day, month(to.month), to.year)
	case from.year == to.year:
		return fmt.Sprintf("%d %s %s %d %s %d", from.day, month(from.month), rangeDash, to.day, month(to.month), to.year)
	default:
		return fmt.Sprintf("%d %s %d %s %d %s %d", from.day, month(from.month), from.year, rangeDash, to.day, month(to.month), to.year)
	}
}

var portugueseMonths = [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho",
	"julho", "agosto", "setembro", "outubro", "novembro", "dezembro"}

var portugueseMonth = monthFrom(portugueseMonths)

// portugueseDates writes "16 de janeiro de 2024" in full and "16/01/2024" in
// tables, as both Portugal and Brazil do.
var portugueseDates = dateStyle{
	monthName: portugueseMonth,
	long: func(d day) string {
		return fmt.Sprintf("%d de %s de %d", d.day, portugueseMonth(d.month), d.year)
	},
	short: numericDate,
	longRange: func(from, to day) string {
		month := portugueseMonth
		switch {
		case from.year == to.year && from.month == to.month:
			return fmt.Sprintf("%d%s%d de %s de %d", from.day, rangeDash, to.day, month(to.month), to.year)
		case from.year == to.year:
			return fmt.Sprintf("%d de %s %s %d de %s de %d", from.day, month(from.month), rangeDash, to.day, month(to.month), to.year)
		default:
			return fmt.Sprintf("%d de %s de %d %s %d de %s de %d", from.day, month(from.month), from.year, rangeDash, to.day, month(to.month), to.year)
		}
	},
	shortRange: numericRange,
}

// vietnameseDates writes the long form of Vietnamese administrative
// documents (Decree 30/2020/NĐ-CP): "ngày 05 tháng 9 năm 2023", where a day
// below 10 and the months 1 and 2 take a leading zero, and the numeric
// dd/mm/yyyy form in tables.
var vietnameseDates = dateStyle{
	monthName: func(m time.Month) string {
		return fmt.Sprintf("tháng %d", int(m))
	},
	long: func(d day) string {
		return fmt.Sprintf("ngày %02d tháng %s năm %d", d.day, vietnameseMonthNumber(d.month), d.year)
	},
	short: numericDate,
	longRange: func(from, to day) string {
		switch {
		case from.year == to.year && from.month == to.month:
			return fmt.Sprintf("từ ngày %02d đến ngày %02d tháng %s năm %d",
				from.day, to.day, vietnameseMonthNumber(to.month), to.year)
		case from.year == to.year:
			return fmt.Sprintf("từ ngày %02d tháng %s đến ngày %02d tháng %s năm %d",
				from.day, vietnameseMonthNumber(from.month), to.day, vietnameseMonthNumber(to.month), to.year)
		default:
			return fmt.Sprintf("từ ngày %02d tháng %s năm %d đến ngày %02d tháng %s năm %d",
				from.day, vietnameseMonthNumber(from.month), from.year, to.day, vietnameseMonthNumber(to.month), to.year)
		}
	},
	shortRange: numericRange,
}

// vietnameseMonthNumber writes the month of a formal date: "01" and "02"
// for January and February, so that they cannot be misread as the start of
// 10, 11 or 12, and the bare number for the others.
func vietnameseMonthNumber(m time.Month) string {
	if m <= time.February {
		return fmt.Sprintf("%02d", int(m))
	}
	return fmt.Sprint(int(m))
}

// numericDate writes dd/mm/yyyy.
func numericDate(d day) string {
	return fmt.Sprintf("%02d/%02d/%d", d.day, int(d.month), d.year)
}

// numericRange writes a range of dd/mm/yyyy dates, sharing the month and
// year when it can: "05–07/09/2023", "28/08–02/09/2023".
func numericRange(from, to day) string {
	switch {
	case from.year == to.year && from.month == to.month:
		return fmt.Sprintf("%02d%s%s", from.day, rangeDash, numericDate(to))
	case from.year == to.year:
		return fmt.Sprintf("%02d/%02d%s%s", from.day, int(from.month), rangeDash, numericDate(to))
	default:
		return numericDate(from) + rangeDash + numericDate(to)
	}
}
