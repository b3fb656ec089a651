package locale

import _ "embed"

// NumberFormatScript is the JavaScript port of Number, Money, CompactNumber,
// CompactMoney and Percent. It defines the global reportsiteNumbers, whose
// functions take a NumberFormat decoded from JSON and a value. The site
// serves it with its assets so that charts print the figures exactly as the
// tables do; a test runs it against the Go code.
//
//go:embed numberformat.js
var NumberFormatScript string
