package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// Building an option with go-echarts costs some 50 µs, most of it
// reflection: NewBar fills its defaults field by field, and the option
// goes through encoding/json as a map. A large site has tens of thousands
// of charts but only a handful of layouts, so go-echarts builds the option
// once per layout (an optionShape) with placeholder data, and each chart
// puts its own categories, series names and values in the placeholders'
// places. A test checks that this gives what go-echarts gives, byte for
// byte.

// optionShape is all that an option depends on besides its data.
type optionShape struct {
	horizontal bool
	stacked    bool
	legend     bool // more than one series
	series     int
	rotate     float64 // of the category labels
}

func shapeOf(s Spec) optionShape {
	shape := optionShape{
		horizontal: s.Horizontal,
		stacked:    s.Stacked,
		legend:     len(s.Series) > 1,
		series:     len(s.Series),
	}
	if !s.Horizontal {
		shape.rotate = rotation(s.Categories)
	}
	return shape
}

// skeleton is the option of a shape cut where the data goes: parts[i]
// comes before slots[i], and the last part after the last slot.
type skeleton struct {
	parts [][]byte
	slots []slot
}

// slot is a place for data in a skeleton: the categories, or the name or
// the values of series i.
type slot struct {
	kind   slotKind
	series int
}

type slotKind uint8

const (
	categoriesSlot slotKind = iota
	nameSlot
	valuesSlot
)

// Placeholders: a category, and per series a name and a value, that no
// real chart has.
const placeholderCategory = "\x01category\x01"

func placeholderName(i int) string { return "\x01series " + strconv.Itoa(i) + "\x01" }
func placeholderValue(i int) float64 {
	return float64(i+1) * 1.25e-300
}

// skeletons holds the skeleton of every shape met so far.
var skeletons sync.Map // optionShape → *skeleton

func skeletonOf(shape optionShape) (*skeleton, error) {
	if sk, ok := skeletons.Load(shape); ok {
		return sk.(*skeleton), nil
	}
	series := make([]Series, shape.series)
	for i := range series {
		series[i] = Series{Name: placeholderName(i), Values: []float64{placeholderValue(i)}}
	}
	categories := []string{placeholderCategory}
	option, err := goechartsOption(shape, categories, series)
	if err != nil {
		return nil, err
	}
	sk, err := cut([]byte(option), categories, series)
	if err != nil {
		return nil, err
	}
	actual, _ := skeletons.LoadOrStore(shape, sk)
	return actual.(*skeleton), nil
}

// cut splits option at its placeholders, each of which must be found
// exactly once. They are found as fill writes data, so that what fill
// writes goes exactly where they were.
func cut(option []byte, categories []string, series []Series) (*skeleton, error) {
	type mark struct {
		slot
		text []byte
		at   int
	}
	slots := []slot{{kind: categoriesSlot}}
	for i := range series {
		slots = append(slots, slot{nameSlot, i}, slot{valuesSlot, i})
	}
	var marks []mark
	for _, sl := range slots {
		text, err := sl.encode(categories, series)
		if err != nil {
			return nil, err
		}
		if n := bytes.Count(option, text); n != 1 {
			return nil, fmt.Errorf("charts: placeholder %s found %d times in %s", text, n, option)
		}
		marks = append(marks, mark{sl, text, bytes.Index(option, text)})
	}
	slices.SortFunc(marks, func(a, b mark) int { return a.at - b.at })
	sk := &skeleton{}
	last := 0
	for _, m := range marks {
		if m.at < last {
			return nil, fmt.Errorf("charts: placeholders overlap in %s", option)
		}
		sk.parts = append(sk.parts, option[last:m.at])
		sk.slots = append(sk.slots, m.slot)
		last = m.at + len(m.text)
	}
	sk.parts = append(sk.parts, option[last:])
	return sk, nil
}

// encode writes the data of a chart that goes in the slot, as go-echarts'
// option holds it.
func (sl slot) encode(categories []string, series []Series) ([]byte, error) {
	switch sl.kind {
	case categoriesSlot:
		return json.Marshal(categories)
	case nameSlot:
		return json.Marshal(series[sl.series].Name)
	default:
		return appendBarData(nil, series[sl.series].Values)
	}
}

// fill writes the option of a chart of the skeleton's shape.
func (sk *skeleton) fill(categories []string, series []Series) (string, error) {
	var b []byte
	for i, sl := range sk.slots {
		data, err := sl.encode(categories, series)
		if err != nil {
			return "", err
		}
		b = append(b, sk.parts[i]...)
		b = append(b, data...)
	}
	b = append(b, sk.parts[len(sk.parts)-1]...)
	return string(b), nil
}

// appendBarData writes values as go-echarts' bar data: [{"value":v},…],
// each number as encoding/json writes it.
func appendBarData(b []byte, values []float64) ([]byte, error) {
	numbers, err := json.Marshal(values) // [v,v,…]
	if err != nil {
		return nil, err
	}
	b = append(b, '[')
	for i, n := range bytes.Split(numbers[1:len(numbers)-1], []byte{','}) {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"value":`...)
		b = append(b, n...)
		b = append(b, '}')
	}
	return append(b, ']'), nil
}
