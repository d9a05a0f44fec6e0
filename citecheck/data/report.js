// citecheck report: filter findings by severity and rule, sort by column.
// The filter lives in the URL fragment (#severity=error&rule=T001) so a
// filtered view can be linked to, bookmarked and tested.
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var severity = document.getElementById("filter-severity");
  var rule = document.getElementById("filter-rule");
  var shown = document.getElementById("shown");
  document.getElementById("filters").hidden = false;

  function choose(select, value) {
    select.value = value || "";
    if (select.selectedIndex < 0) select.value = "";
  }

  function readFragment() {
    var params = new URLSearchParams(location.hash.slice(1));
    choose(severity, params.get("severity"));
    choose(rule, params.get("rule"));
  }

  function writeFragment() {
    var params = new URLSearchParams();
    if (severity.value) params.set("severity", severity.value);
    if (rule.value) params.set("rule", rule.value);
    var fragment = params.toString();
    if (location.hash.slice(1) !== fragment) location.hash = fragment;
  }

  function filter() {
    var visible = 0;
    rows.forEach(function (row) {
      var show = (!severity.value || row.dataset.severity === severity.value) &&
        (!rule.value || row.dataset.rule === rule.value);
      row.hidden = !show;
      if (show) visible += 1;
    });
    shown.textContent = visible + " of " + rows.length + " shown";
  }

  function key(row, col) {
    var cell = row.cells[col];
    var value = cell.dataset.key !== undefined ? cell.dataset.key : cell.textContent;
    var number = Number(value);
    return value !== "" && !isNaN(number) ? number : value.toLowerCase();
  }

  function sort(header, col) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
  }

  table.querySelectorAll("th button").forEach(function (button) {
    button.addEventListener("click", function () {
      sort(button.parentNode, Number(button.dataset.col));
    });
  });
  [severity, rule].forEach(function (select) {
    select.addEventListener("change", function () { writeFragment(); filter(); });
  });
  window.addEventListener("hashchange", function () { readFragment(); filter(); });
  readFragment();
  filter();
})();
