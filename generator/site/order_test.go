package site

import (
	"strings"
	"testing"
)

func TestUnitListFollowsTheSiteLanguagesAlphabet(t *testing.T) {
	s := renderFixture(t, `
-- content/site.yaml --
title: Khối thi đua
language: vi
-- content/years/2023.yaml --
year: 2023
-- content/units/a.yaml --
name: Trung tâm Nước sạch
staff: {2023: 10}
-- content/units/b.yaml --
name: Đội Kiểm lâm
staff: {2023: 10}
-- content/units/c.yaml --
name: Dệt may
staff: {2023: 10}
-- content/units/d.yaml --
name: Ban Quản lý
staff: {2023: 10}
-- content/activities/x.yaml --
title: X
year: 2023
contributions:
  - {unit: a, participants: 1}
  - {unit: b, participants: 1}
  - {unit: c, participants: 1}
  - {unit: d, participants: 1}
`, Options{})
	page := file(t, s, "units/index.html")
	last := -1
	for _, name := range []string{"Ban Quản lý", "Dệt may", "Đội Kiểm lâm", "Trung tâm Nước sạch"} {
		at := strings.Index(page, ">"+name+"<")
		if at < last {
			t.Errorf("%q is out of order", name)
		}
		last = at
	}
}
