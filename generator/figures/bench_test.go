package figures

import (
	"fmt"
	"testing"
	"time"

	"reportsite/generator/content"
	"reportsite/generator/diag"
)

// largeContent builds the SPEC's large site in memory: units × activities
// over years, each activity with perActivity contributions.
func largeContent(units, activities, years, perActivity int) *content.Content {
	at := content.Number{Value: 1, Pos: diag.Pos{Line: 1}}
	num := func(n int64) content.Number { return content.Number{Value: n, Pos: at.Pos} }
	c := &content.Content{}
	for i := range units {
		u := &content.Unit{ID: fmt.Sprintf("unit-%04d", i), Name: content.Text{Value: fmt.Sprintf("Unit %d", i)}}
		for y := range years {
			u.Staff = append(u.Staff, content.Staff{Year: 2020 + y, Count: num(int64(20 + i%30))})
		}
		c.Units = append(c.Units, u)
	}
	for y := range years {
		c.Years = append(c.Years, &content.Year{ID: fmt.Sprint(2020 + y), Year: num(int64(2020 + y))})
	}
	for i := range activities {
		year := 2020 + i%years
		a := &content.Activity{
			ID:       fmt.Sprintf("activity-%05d", i),
			Year:     num(int64(year)),
			Date:     content.Date{Time: time.Date(year, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC), Pos: at.Pos},
			Category: content.Text{Value: content.Categories[i%len(content.Categories)]},
		}
		for j := range perActivity {
			a.Contributions = append(a.Contributions, content.Contribution{
				Unit:         content.Ref{ID: c.Units[(i*7+j)%units].ID},
				Participants: num(int64(1 + j%15)),
				Money:        num(int64(100000 * (1 + j%9))),
				Items:        []content.Count{{Kind: "books", Count: num(int64(j % 5))}},
			})
		}
		a.Recipients = []content.Recipient{{Name: content.Text{Value: "School"}, Value: num(1000000)}}
		c.Activities = append(c.Activities, a)
	}
	return c
}

// BenchmarkComputeLarge measures Compute on 1,000 units, 10,000
// activities of 20 contributions each, over 5 years.
func BenchmarkComputeLarge(b *testing.B) {
	c := largeContent(1000, 10000, 5, 20)
	b.ReportAllocs()
	for b.Loop() {
		Compute(c)
	}
}
