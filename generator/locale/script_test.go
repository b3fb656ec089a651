package locale

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// nodeHarness reads the formats and values from standard input, formats
// every value with numberformat.js in every language, and prints the
// results as JSON.
const nodeHarness = `
const numbers = require(process.argv[1]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { formats, wholes, ratios } = JSON.parse(input);
  const out = {};
  for (const [lang, format] of Object.entries(formats)) {
    out[lang] = {
      number: wholes.map((n) => numbers.number(format, n)),
      money: wholes.map((n) => numbers.money(format, n)),
      compactNumber: wholes.map((n) => numbers.compactNumber(format, n)),
      compactMoney: wholes.map((n) => numbers.compactMoney(format, n)),
      percent: ratios.map((r) => numbers.percent(format, r)),
    };
  }
  process.stdout.write(JSON.stringify(out));
});
`

// scriptResults is what nodeHarness prints for one language.
type scriptResults struct {
	Number        []string `json:"number"`
	Money         []string `json:"money"`
	CompactNumber []string `json:"compactNumber"`
	CompactMoney  []string `json:"compactMoney"`
	Percent       []string `json:"percent"`
}

// maxScriptWhole is the largest whole number JavaScript holds exactly.
const maxScriptWhole = 1<<53 - 1

// parityWholes are the whole numbers the script is checked on: the hand
// checked cases, every rounding edge of every unit, and random numbers of
// every size.
func parityWholes() []int64 {
	var wholes []int64
	for _, c := range compactNumberCases {
		if c.in > -maxScriptWhole && c.in < maxScriptWhole {
			wholes = append(wholes, c.in)
		}
	}
	for _, size := range []int64{1e3, 1e6, 1e9, 1e12} {
		for _, tenths := range []int64{1, 10, 15, 19, 20, 99, 100, 125, 9999, 10000, 12345} {
			middle := tenths*size/10 + size/20
			for _, n := range []int64{middle - 1, middle, middle + 1, tenths * size / 10} {
				wholes = append(wholes, n, -n)
			}
		}
	}
	random := rand.New(rand.NewPCG(2023, 2024))
	for range 2000 {
		magnitude := random.Int64N(maxScriptWhole>>random.IntN(50)) + 1
		wholes = append(wholes, magnitude, -magnitude)
	}
	return append(wholes, 9_999, 10_000, maxScriptWhole, -maxScriptWhole)
}

// parityRatios are the ratios the script is checked on: the finite hand
// checked cases, exact binary halves, thousandths and random ratios.
func parityRatios() []float64 {
	var ratios []float64
	for _, c := range percentCases {
		if !math.IsNaN(c.in) && !math.IsInf(c.in, 0) {
			ratios = append(ratios, c.in)
		}
	}
	for i := range 1001 {
		ratios = append(ratios, float64(i)/1000, float64(i)/2000, -float64(i)/1000, float64(i)/64)
	}
	random := rand.New(rand.NewPCG(16, 1))
	for range 2000 {
		ratios = append(ratios, random.Float64(), random.NormFloat64()*50)
	}
	return ratios
}

func TestNumberFormatScriptWritesWhatGoWrites(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed; the JavaScript port is not checked")
	}
	script, err := filepath.Abs("numberformat.js")
	if err != nil {
		t.Fatal(err)
	}
	formats := map[string]NumberFormat{}
	for _, lang := range Languages() {
		formats[lang] = mustLookup(t, lang).NumberFormat()
	}
	wholes, ratios := parityWholes(), parityRatios()
	input, err := json.Marshal(map[string]any{"formats": formats, "wholes": wholes, "ratios": ratios})
	if err != nil {
		t.Fatal(err)
	}
	command := exec.Command(node, "-e", nodeHarness, script)
	command.Stdin = bytes.NewReader(input)
	var stderr bytes.Buffer
	command.Stderr = &stderr
	output, err := command.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var results map[string]scriptResults
	if err := json.Unmarshal(output, &results); err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages() {
		locale, got := mustLookup(t, lang), results[lang]
		mismatches := 0
		compare := func(function string, value any, script, goes string) {
			if script != goes && mismatches < 20 {
				mismatches++
				t.Errorf("%s %s(%v): script writes %q, Go writes %q", lang, function, value, script, goes)
			}
		}
		for i, n := range wholes {
			compare("number", n, got.Number[i], locale.Number(n))
			compare("money", n, got.Money[i], locale.Money(n))
			compare("compactNumber", n, got.CompactNumber[i], locale.CompactNumber(n))
			compare("compactMoney", n, got.CompactMoney[i], locale.CompactMoney(n))
		}
		for i, r := range ratios {
			compare("percent", r, got.Percent[i], locale.Percent(r))
		}
	}
}

func TestNumberFormatScriptIsEmbedded(t *testing.T) {
	if !strings.Contains(NumberFormatScript, "reportsiteNumbers") {
		t.Error("NumberFormatScript does not define reportsiteNumbers")
	}
}
