package locale

import (
	"fmt"
	"testing"
	"time"
)

func date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

var longDateCases = []inEachLanguage[time.Time]{
	{date(2024, time.January, 16), "16 January 2024", "ngày 16 tháng 01 năm 2024", "16 de janeiro de 2024"},
	{date(2023, time.February, 1), "1 February 2023", "ngày 01 tháng 02 năm 2023", "1 de fevereiro de 2023"},
	{date(2023, time.March, 8), "8 March 2023", "ngày 08 tháng 3 năm 2023", "8 de março de 2023"},
	{date(2023, time.September, 5), "5 September 2023", "ngày 05 tháng 9 năm 2023", "5 de setembro de 2023"},
	{date(2023, time.December, 31), "31 December 2023", "ngày 31 tháng 12 năm 2023", "31 de dezembro de 2023"},
}

func TestDateWritesTheFormalLongForm(t *testing.T) {
	checkEachLanguage(t, longDateCases, (*Locale).Date)
}

func TestShortDateWritesTheTableForm(t *testing.T) {
	checkEachLanguage(t, []inEachLanguage[time.Time]{
		{date(2024, time.January, 16), "16 Jan 2024", "16/01/2024", "16/01/2024"},
		{date(2023, time.September, 5), "5 Sep 2023", "05/09/2023", "05/09/2023"},
		{date(2023, time.December, 31), "31 Dec 2023", "31/12/2023", "31/12/2023"},
	}, (*Locale).ShortDate)
}

func TestDatesReadTheCalendarDayOfTheirOwnZone(t *testing.T) {
	// 23:30 in Quang Tri is 16:30 UTC the same day, and 00:30 is the
	// previous day in UTC: the day written is the one in the time's zone.
	indochina := time.FixedZone("ICT", 7*60*60)
	checkEachLanguage(t, []inEachLanguage[time.Time]{
		{time.Date(2024, time.January, 16, 23, 30, 0, 0, indochina), "16 January 2024", "ngày 16 tháng 01 năm 2024", "16 de janeiro de 2024"},
		{time.Date(2024, time.January, 16, 0, 30, 0, 0, indochina), "16 January 2024", "ngày 16 tháng 01 năm 2024", "16 de janeiro de 2024"},
	}, (*Locale).Date)
}

type dateSpan struct{ from, to time.Time }

func (s dateSpan) String() string {
	return s.from.Format(time.DateOnly) + ".." + s.to.Format(time.DateOnly)
}

func TestDateRangeNamesSharedMonthAndYearOnce(t *testing.T) {
	checkEachLanguage(t, []inEachLanguage[dateSpan]{
		{dateSpan{date(2024, time.January, 16), date(2024, time.January, 16)},
			"16 January 2024", "ngày 16 tháng 01 năm 2024", "16 de janeiro de 2024"},
		{dateSpan{date(2023, time.September, 5), date(2023, time.September, 7)},
			"5–7 September 2023", "từ ngày 05 đến ngày 07 tháng 9 năm 2023", "5–7 de setembro de 2023"},
		{dateSpan{date(2023, time.August, 28), date(2023, time.September, 2)},
			"28 August – 2 September 2023", "từ ngày 28 tháng 8 đến ngày 02 tháng 9 năm 2023", "28 de agosto – 2 de setembro de 2023"},
		{dateSpan{date(2023, time.December, 28), date(2024, time.January, 2)},
			"28 December 2023 – 2 January 2024", "từ ngày 28 tháng 12 năm 2023 đến ngày 02 tháng 01 năm 2024", "28 de dezembro de 2023 – 2 de janeiro de 2024"},
		// Given backwards, written forwards.
		{dateSpan{date(2023, time.September, 7), date(2023, time.September, 5)},
			"5–7 September 2023", "từ ngày 05 đến ngày 07 tháng 9 năm 2023", "5–7 de setembro de 2023"},
	}, func(l *Locale, s dateSpan) string { return l.DateRange(s.from, s.to) })
}

func TestShortDateRangeNamesSharedMonthAndYearOnce(t *testing.T) {
	checkEachLanguage(t, []inEachLanguage[dateSpan]{
		{dateSpan{date(2024, time.January, 16), date(2024, time.January, 16)},
			"16 Jan 2024", "16/01/2024", "16/01/2024"},
		{dateSpan{date(2023, time.September, 5), date(2023, time.September, 7)},
			"5–7 Sep 2023", "05–07/09/2023", "05–07/09/2023"},
		{dateSpan{date(2023, time.August, 28), date(2023, time.September, 2)},
			"28 Aug – 2 Sep 2023", "28/08–02/09/2023", "28/08–02/09/2023"},
		{dateSpan{date(2023, time.December, 28), date(2024, time.January, 2)},
			"28 Dec 2023 – 2 Jan 2024", "28/12/2023–02/01/2024", "28/12/2023–02/01/2024"},
	}, func(l *Locale, s dateSpan) string { return l.ShortDateRange(s.from, s.to) })
}

func TestMonthNamesEveryMonth(t *testing.T) {
	english := []string{"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November", "December"}
	vietnamese := []string{"tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6",
		"tháng 7", "tháng 8", "tháng 9", "tháng 10", "tháng 11", "tháng 12"}
	portuguese := []string{"janeiro", "fevereiro", "março", "abril", "maio", "junho",
		"julho", "agosto", "setembro", "outubro", "novembro", "dezembro"}
	var cases []inEachLanguage[time.Month]
	for i := range 12 {
		cases = append(cases, inEachLanguage[time.Month]{time.Month(i + 1), english[i], vietnamese[i], portuguese[i]})
	}
	checkEachLanguage(t, cases, (*Locale).Month)
}

func ExampleLocale_DateRange() {
	locale, _ := Lookup("pt")
	fmt.Println(locale.DateRange(date(2023, time.September, 5), date(2023, time.September, 7)))
	// Output: 5–7 de setembro de 2023
}
