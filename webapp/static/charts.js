// The statistics charts, drawn in the browser from the data table beside each chart
// (Chart.js, served by the service itself). The table stays the source: screen readers
// and copying use it, and without JavaScript it is all there is.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  // Colours with enough contrast on white, told apart by position and legend too.
  var COLOURS = ["#0b4f9c", "#c45100", "#146c43", "#6f42c1", "#a51d2d"];
  var locale = document.documentElement.lang || "de";
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  // "1.234" (German) or "1,234" (English) -> 1234; "–" (nothing, or too small to show) -> null
  function number(text) {
    var digits = text.replace(/[^0-9,.\-]/g, "");
    if (!digits || digits === "-") { return null; }
    digits = locale === "de" ? digits.replace(/\./g, "").replace(",", ".") : digits.replace(/,/g, "");
    var value = parseFloat(digits);
    return isNaN(value) ? null : value;
  }

  function read(table, line) {
    var names = Array.prototype.slice.call(table.querySelectorAll("thead th"), 1).map(function (th) { return th.textContent.trim(); });
    var labels = [];
    var series = names.map(function () { return []; });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var cells = row.querySelectorAll("td");
      if (cells.length !== names.length) { return; }  // "no openings" and the like
      labels.push(row.querySelector("th").textContent.trim());
      cells.forEach(function (cell, i) { series[i].push(number(cell.textContent)); });
    });
    return { labels: labels, datasets: names.map(function (name, i) {
      var colour = COLOURS[i % COLOURS.length];
      return line ? { label: name, data: series[i], borderColor: colour, backgroundColor: colour, stepped: "before", spanGaps: false, pointRadius: 2 }
                  : { label: name, data: series[i], backgroundColor: colour };
    }) };
  }

  document.querySelectorAll("canvas[data-chart-table]").forEach(function (canvas) {
    var table = document.getElementById(canvas.getAttribute("data-chart-table"));
    if (!table) { return; }
    // data-chart-type="line": step lines (the survival curves); data-chart-percent: a 0–100 % axis.
    var line = canvas.getAttribute("data-chart-type") === "line";
    var percent = canvas.hasAttribute("data-chart-percent");
    var data = read(table, line);
    if (!data.labels.length) { canvas.parentElement.hidden = true; return; }
    var horizontal = canvas.getAttribute("data-chart-axis") === "y";
    new Chart(canvas, {
      type: line ? "line" : "bar",
      data: data,
      options: {
        indexAxis: horizontal ? "y" : "x",
        locale: locale,
        animation: reduceMotion ? false : { duration: 300 },
        maintainAspectRatio: false,
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
        scales: {
          x: { ticks: horizontal ? { precision: 0 } : { autoSkip: true, maxRotation: 45 }, beginAtZero: true },
          y: percent ? { min: 0, max: 100, ticks: { callback: function (v) { return v + " %"; } } }
                     : { ticks: horizontal ? { autoSkip: false } : { precision: 0 }, beginAtZero: true }
        }
      }
    });
    canvas.setAttribute("data-drawn", "true");
  });
})();
