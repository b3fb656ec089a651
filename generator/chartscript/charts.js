// reportsite charts: draws every chart of a page with ECharts from the
// option in its JSON data block, formatting numbers exactly as the tables
// beside the charts do (reportsiteNumbers, from numbers.js). Charts are
// drawn when they scroll into view, and all of them before printing.
//
// cmd/bundle bundles this file with the parts of ECharts imported here,
// and nothing else of it: an option naming a part that is not imported
// (a chart type, a component) is drawn without that part. The Go side's
// options use bar series on a grid with axes, a tooltip, a legend that
// scrolls, and aria with decal patterns, drawn as SVG.
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

// The global that ECharts' full build defines, as before the bundle: a
// site's own scripts (and the browser tests) reach a drawn chart through
// echarts.getInstanceByDom.
window.echarts = echarts;

(function () {
  "use strict";
  if (typeof reportsiteNumbers === "undefined") {
    return;
  }
  var numbers = reportsiteNumbers;
  var formatBlock = document.getElementById("reportsite-numbers");
  if (!formatBlock) {
    return;
  }
  var format = JSON.parse(formatBlock.textContent);

  function full(kind, v) {
    if (kind === "money") return numbers.money(format, Math.round(v));
    if (kind === "percent") return numbers.percent(format, v);
    return numbers.number(format, Math.round(v));
  }

  function short(kind, v) {
    if (kind === "money") return numbers.compactMoney(format, Math.round(v));
    if (kind === "percent") return numbers.percent(format, v);
    return numbers.compactNumber(format, Math.round(v));
  }

  function axes(list) {
    if (!list) return [];
    return Array.isArray(list) ? list : [list];
  }

  var font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

  // wrap breaks a long name into lines of at most labelWidth pixels,
  // between words. ECharts can wrap too, but by estimate: on a slow device
  // it counts every letter as wide as an "a", breaks names into more lines
  // than they need, and drops the names that then overlap. Measured here,
  // each name breaks where it must.
  //
  // Given maxLines, a name that needs more lines is shortened to that
  // many: beside a bar, the lines of a long name would otherwise run into
  // its neighbours' names. Its first lines are kept, and its last line
  // shows how it ends, after "…": names of one chart often begin alike
  // ("Tet Gifts for Poor Households 2024 in …") and differ at the end.
  // The whole name is in the tooltip and in the table beside the chart.
  var labelWidth = 120;
  var measure = document.createElement("canvas").getContext("2d");
  function wrap(name, maxLines) {
    measure.font = "12px " + font;
    var lines = [];
    var line = "";
    String(name).split(" ").forEach(function (word) {
      var longer = line ? line + " " + word : word;
      if (line && measure.measureText(longer).width > labelWidth) {
        lines.push(line);
        line = word;
      } else {
        line = longer;
      }
    });
    lines.push(line);
    if (maxLines && lines.length > maxLines) {
      var rest = lines.slice(maxLines - 1).join(" ");
      lines = lines.slice(0, maxLines - 1);
      lines.push(maxLines > 1 ? ending(rest) : beginning(rest));
    }
    return lines.join("\n");
  }

  // A letter is taken off with its combining accents (text may come
  // decomposed) and whole when it is a surrogate pair, so that no half of
  // a character is ever drawn.
  var ellipsis = "\u2026";
  var lastLetter = /(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S])[\u0300-\u036F]*$/;
  var firstLetter = /^(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S])[\u0300-\u036F]*/;

  // ending writes the end of text after "…", as many of its last words as
  // fit in labelWidth, or, when its last word alone is too wide, that
  // word's last letters.
  function ending(text) {
    var words = text.split(" ");
    var tail = words.pop();
    while (words.length && measure.measureText(ellipsis + words[words.length - 1] + " " + tail).width <= labelWidth) {
      tail = words.pop() + " " + tail;
    }
    while (tail && measure.measureText(ellipsis + tail).width > labelWidth) {
      tail = tail.replace(firstLetter, "");
    }
    return ellipsis + tail;
  }

  // beginning writes the start of text before "…", for a name that has
  // one line only: its first words, or its first letters.
  function beginning(text) {
    var line = text;
    while (line && measure.measureText(line + ellipsis).width > labelWidth) {
      var space = line.lastIndexOf(" ");
      line = space > 0 ? line.slice(0, space) : line.replace(lastLetter, "");
    }
    return line + ellipsis;
  }

  // lineHeight is the height of a line of a wrapped name beside a bar.
  var lineHeight = 14;

  // bandLines is how many lines of a name fit beside one bar of a
  // horizontal chart height pixels tall with count bars. The bars share
  // the chart's height less the grid's margins (from the option) and the
  // row of value-axis labels under the bars, which ECharts draws one line
  // of 12 px text and a gap of 8 px high: valueAxisRoom is more than that,
  // so that the band reckoned here is never taller than the band drawn, and
  // lines that fit in one fit in the other. (The generator gives each bar
  // 28 px, or 18 px a series for grouped bars, 120 px to the rest and a
  // row of 28 px to a legend: height() in generator/charts/charts.go.
  // Twenty bars get two lines; a few bars in a chart of the same 120 px
  // share more of it, and more lines.) At least one line: a name is never
  // left out.
  var valueAxisRoom = 30;
  function bandLines(height, grid, count) {
    if (!count) return 0;
    var margins = (parseFloat(grid.top) || 0) + (parseFloat(grid.bottom) || 0) + valueAxisRoom;
    return Math.max(1, Math.floor((height - margins) / count / lineHeight));
  }

  // prepare adds what JSON cannot carry: the formatting functions, and the
  // label wrapping that keeps long names readable. height is the chart's
  // height in pixels, which sets how many lines a name beside a bar gets:
  // fit.lines, which draw corrects once the bars are laid out.
  function prepare(option, kind, height, fit) {
    var vertical = axes(option.yAxis);
    axes(option.xAxis).concat(vertical).forEach(function (axis) {
      axis.axisLabel = axis.axisLabel || {};
      // ECharts measures axis labels for the layout in their own font, not
      // the chart's: named here, the labels get the room they are drawn in.
      axis.axisLabel.fontFamily = font;
      if (axis.type === "value") {
        axis.axisLabel.formatter = function (v) { return short(kind, v); };
        axis.axisLabel.hideOverlap = true;
        // The last label ends at the chart's edge instead of past it.
        if (vertical.indexOf(axis) >= 0) axis.axisLabel.verticalAlignMaxLabel = "top";
        else axis.axisLabel.alignMaxLabel = "right";
        axis.splitNumber = 3;
        // Counts and amounts are whole: no ticks at 0.5 shown as "1".
        if (kind !== "percent") axis.minInterval = 1;
      } else if (vertical.indexOf(axis) >= 0) {
        // Beside a bar, a name gets as many lines as fit in its bar's
        // band, so that it stays clear of the names above and below.
        fit.lines = bandLines(height, axes(option.grid)[0] || {}, (axis.data || []).length);
        axis.axisLabel.formatter = function (name) { return wrap(name, fit.lines); };
        // The lines of a wrapped name beside a bar keep apart whatever
        // fonts the reader has (ECharts' default spacing comes from a CJK
        // glyph). Not under columns: there ECharts would drop the labels
        // at both ends.
        axis.axisLabel.lineHeight = lineHeight;
      } else {
        // Under a column a name has the chart's height to grow into: all
        // of its lines are shown.
        axis.axisLabel.formatter = function (name) { return wrap(name); };
      }
    });
    option.tooltip = option.tooltip || {};
    option.tooltip.confine = true;
    option.tooltip.valueFormatter = function (v) { return full(kind, v); };
    option.tooltip.formatter = function (params) { return tooltip(kind, params); };
    option.textStyle = { fontFamily: font };
    return option;
  }

  // tooltip builds a tooltip from elements. ECharts' own tooltip HTML
  // carries style attributes, which the page's Content Security Policy
  // refuses; this one is styled by class in style.css, and names go in as
  // text, never as markup.
  function tooltip(kind, params) {
    var list = Array.isArray(params) ? params : [params];
    var box = document.createElement("div");
    box.className = "chart-tip";
    if (list.length) {
      var title = document.createElement("div");
      title.className = "chart-tip-title";
      title.textContent = list[0].name;
      box.appendChild(title);
    }
    list.forEach(function (p) {
      var row = document.createElement("div");
      row.className = "chart-tip-row";
      var swatch = document.createElement("span");
      swatch.className = "chart-tip-swatch";
      if (typeof p.color === "string") swatch.style.backgroundColor = p.color;
      var name = document.createElement("span");
      name.textContent = p.seriesName;
      var value = document.createElement("strong");
      value.textContent = full(kind, Number(p.value));
      row.appendChild(swatch);
      row.appendChild(name);
      row.appendChild(value);
      box.appendChild(row);
    });
    return box;
  }

  var drawn = [];

  function draw(el) {
    if (el.getAttribute("data-drawn")) return;
    var block = document.getElementById("chart-" + el.getAttribute("data-chart") + "-option");
    if (!block) return;
    var height = parseInt(el.getAttribute("data-height"), 10) || 320;
    el.style.height = height + "px";
    var chart = echarts.init(el, null, { renderer: "svg" });
    var fit = { lines: 0 };
    var option = prepare(JSON.parse(block.textContent), el.getAttribute("data-format"), height, fit);
    chart.setOption(option);
    refit(chart, option, fit);
    el.setAttribute("data-drawn", "true");
    drawn.push(chart);
    // The table stays in the page for screen readers and print; with the
    // chart drawn it is folded away on screen.
    var figure = el.closest("figure");
    var details = figure && figure.querySelector("details.chart-table");
    if (details) details.removeAttribute("open");
  }

  // refit gives the names beside the bars the lines their band holds as
  // drawn, when that is more than bandLines reckoned (it leaves room for
  // margins that a chart of few bars does not use), and draws them again.
  // The names do not change the band: they take room to its left.
  function refit(chart, option, fit) {
    var axis = axes(option.yAxis)[0];
    if (!fit.lines || !axis || !axis.data || axis.data.length < 2) return;
    var band = Math.abs(chart.convertToPixel({ yAxisIndex: 0 }, 1) - chart.convertToPixel({ yAxisIndex: 0 }, 0));
    var lines = Math.floor(band / lineHeight);
    if (!(lines > fit.lines)) return;
    fit.lines = lines;
    chart.setOption({ yAxis: [{ axisLabel: { formatter: function (name) { return wrap(name, fit.lines); } } }] });
  }

  var canvases = Array.prototype.slice.call(document.querySelectorAll(".chart-canvas[data-chart]"));
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "200px 0px" });
    canvases.forEach(function (el) { observer.observe(el); });
  } else {
    canvases.forEach(draw);
  }

  var resizeTimer = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      drawn.forEach(function (chart) { chart.resize(); });
    }, 150);
  });

  // Before printing, draw every chart at the width of an A4 page's text
  // (165 mm between the margins of print.css, at 96 px to the inch)
  // and unfold the tables, so that paper shows both; the print styles
  // then fit the drawing to the paper's exact width. Afterwards, back to
  // the screen.
  var printWidth = 624;
  var folded = [];
  window.addEventListener("beforeprint", function () {
    canvases.forEach(draw);
    drawn.forEach(function (chart) { chart.resize({ width: printWidth }); });
    folded = Array.prototype.slice.call(document.querySelectorAll("details.chart-table:not([open])"));
    folded.forEach(function (d) { d.setAttribute("open", ""); });
  });
  window.addEventListener("afterprint", function () {
    drawn.forEach(function (chart) { chart.resize(); });
    folded.forEach(function (d) { d.removeAttribute("open"); });
  });
})();
