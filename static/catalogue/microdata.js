/* Microdata selection: filter the codebook, select all/none, and ask the server for the quote
   of the current selection (the server prices it; nothing here computes a price). */
(function () {
  "use strict";
  var form = document.getElementById("microdata-form");
  if (!form) { return; }
  var url = form.getAttribute("data-quote-url");
  var box = document.getElementById("microdata-estimate");
  var sizeEl = box.querySelector("[data-estimate-size]");
  var totalEl = box.querySelector("[data-estimate-total]");
  var noteEl = box.querySelector("[data-estimate-note]");
  var errorEl = box.querySelector("[data-estimate-error]");
  var pending = null;
  var sequence = 0;

  function params() {
    var data = new FormData(form);
    var query = new URLSearchParams();
    data.forEach(function (value, key) {
      if (key !== "csrfmiddlewaretoken") { query.append(key, value); }
    });
    return query.toString();
  }

  function refresh() {
    var mine = ++sequence;
    fetch(url + "?" + params(), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (mine !== sequence) { return; }
        if (data.ok) {
          sizeEl.textContent = data.size_display;
          totalEl.textContent = data.total_display;
          noteEl.textContent = data.schedule + " · " + data.reason;
          errorEl.hidden = true;
        } else {
          errorEl.textContent = data.error;
          errorEl.hidden = false;
          totalEl.textContent = "–";
        }
      })
      .catch(function () { /* keep the last estimate; the server prices on submit anyway */ });
  }

  function later() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(refresh, 250);
  }

  form.addEventListener("change", later);
  form.addEventListener("input", function (event) {
    if (event.target.id !== "variable-filter" && event.target.id !== "region-filter") { later(); }
  });

  // Regions: by name, code or another name of the region master (Jatim, Sulsel; issue #21).
  var regionFilter = document.getElementById("region-filter");
  if (regionFilter) {
    regionFilter.addEventListener("input", function () {
      var needle = regionFilter.value.trim().toLowerCase();
      form.querySelectorAll("[data-region]").forEach(function (row) {
        row.hidden = needle !== "" && row.getAttribute("data-region").indexOf(needle) === -1;
      });
    });
  }

  var filter = document.getElementById("variable-filter");
  filter.addEventListener("input", function () {
    var needle = filter.value.trim().toLowerCase();
    form.querySelectorAll("[data-variable]").forEach(function (row) {
      row.hidden = needle !== "" && row.getAttribute("data-variable").indexOf(needle) === -1;
    });
    form.querySelectorAll("[data-block]").forEach(function (block) {
      var visible = block.querySelectorAll("[data-variable]:not([hidden])").length;
      block.hidden = visible === 0;
    });
  });

  form.querySelectorAll("[data-check]").forEach(function (button) {
    button.addEventListener("click", function () {
      var name = button.getAttribute("data-check");
      var on = button.getAttribute("data-value") === "1";
      form.querySelectorAll("input[name='" + name + "']").forEach(function (input) {
        var row = input.closest("[data-variable]");
        if (!row || !row.hidden) { input.checked = on; }
      });
      later();
    });
  });
  refresh();
}());
