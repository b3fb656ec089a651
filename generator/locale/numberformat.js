// The browser's copy of reportsite's number formats (generator/locale).
//
// The charts' axes and tooltips must show the same strings as the HTML
// tables, so this script follows the algorithm documented on the Go type
// NumberFormat step by step, and a Go test runs it against the Go code.
// Each function takes the NumberFormat of the site's language (as the
// generator writes it to JSON) and a value:
//
//   reportsiteNumbers.number(format, 33800000)        "33.800.000"
//   reportsiteNumbers.money(format, 33800000)         "33.800.000 đ"
//   reportsiteNumbers.compactNumber(format, 33800000) "33,8 triệu"
//   reportsiteNumbers.compactMoney(format, 33800000)  "33,8 triệu đồng"
//   reportsiteNumbers.percent(format, 0.857)          "85,7%"
//
// Whole numbers must be below 2^53, which VND amounts and head counts are.
// A classic script (no modules) so that it also runs from file:// pages.
(function (root) {
  "use strict";

  // floorDiv divides whole numbers exactly: (x - x % y) / y is a division
  // with no remainder, which doubles compute without rounding.
  function floorDiv(x, y) {
    return (x - (x % y)) / y;
  }

  function grouped(format, whole) {
    var digits = String(whole);
    var out = "";
    for (var i = 0; i < digits.length; i++) {
      if (i > 0 && (digits.length - i) % 3 === 0) {
        out += format.group;
      }
      out += digits.charAt(i);
    }
    return out;
  }

  function tenths(format, t) {
    var text = grouped(format, floorDiv(t, 10));
    var digit = t % 10;
    return digit === 0 ? text : text + format.decimal + digit;
  }

  function signed(format, negative, text) {
    return negative ? format.minus + text : text;
  }

  // fill puts text where "{n}" stands; a function replacement keeps any
  // "$" in the text literal.
  function fill(pattern, text) {
    return pattern.replace("{n}", function () {
      return text;
    });
  }

  function roundToTenths(abs, size) {
    return floorDiv(abs + size / 20, size / 10);
  }

  function compact(format, n, money) {
    var units = format.units || [];
    var abs = Math.abs(n);
    if (units.length === 0 || abs < format.compactFrom || abs < units[0].size) {
      return null;
    }
    var i = 0;
    while (i + 1 < units.length && units[i + 1].size <= abs) {
      i++;
    }
    var t = roundToTenths(abs, units[i].size);
    while (i + 1 < units.length && t * (units[i].size / 10) >= units[i + 1].size) {
      i++;
      t = roundToTenths(abs, units[i].size);
    }
    var unit = units[i];
    var pattern = money
      ? (t < 20 ? unit.moneyOne : unit.moneyOther)
      : (t < 20 ? unit.one : unit.other);
    return fill(pattern, signed(format, n < 0, tenths(format, t)));
  }

  function number(format, n) {
    return signed(format, n < 0, grouped(format, Math.abs(n)));
  }

  function money(format, n) {
    return fill(format.money, number(format, n));
  }

  function compactNumber(format, n) {
    var text = compact(format, n, false);
    return text === null ? number(format, n) : text;
  }

  function compactMoney(format, n) {
    var text = compact(format, n, true);
    return text === null ? money(format, n) : text;
  }

  function percent(format, ratio) {
    if (!isFinite(ratio)) {
      return "\u2013";
    }
    // toFixed rounds the exact binary value half up, as the Go code does.
    var parts = (Math.abs(ratio) * 100).toFixed(1).split(".");
    var whole = Number(parts[0]);
    var fraction = parts[1];
    var text = grouped(format, whole);
    if (fraction !== "0") {
      text += format.decimal + fraction;
    }
    var negative = ratio < 0 && (whole !== 0 || fraction !== "0");
    return fill(format.percent, signed(format, negative, text));
  }

  var api = {
    number: number,
    money: money,
    compactNumber: compactNumber,
    compactMoney: compactMoney,
    percent: percent
  };
  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    root.reportsiteNumbers = api;
  }
})(this);
