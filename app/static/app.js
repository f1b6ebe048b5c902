// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so screen reader and keyboard users hear what to fix.
  var summary = document.querySelector("[data-autofocus]");
  if (summary) { summary.focus(); }
});

// Wizard steps: show a question as soon as an answer on the same page calls for it. This mirrors
// app/library/conditions.py (equals, includes, at_least, less_than, all, any, not, answered); the server decides again
// on every save, so without JavaScript the question simply appears after saving.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-answers]");
  if (!form) { return; }
  var stored = JSON.parse(form.getAttribute("data-answers"));

  function parse(value) { return value === "true" ? true : value === "false" ? false : value; }
  function same(a, b) { return String(a) === String(b); }

  function answers() {
    var result = Object.assign({}, stored);
    form.querySelectorAll("[data-question]").forEach(function (box) {
      var id = box.getAttribute("data-question");
      var inputs = box.querySelectorAll("[name='" + id + "']");
      if (!inputs.length) { return; }
      if (inputs[0].type === "radio") {
        var chosen = box.querySelector("[name='" + id + "']:checked");
        result[id] = chosen ? parse(chosen.value) : null;
      } else if (inputs[0].type === "checkbox") {
        result[id] = Array.prototype.map.call(box.querySelectorAll("[name='" + id + "']:checked"),
                                              function (e) { return e.value; });
      } else {
        result[id] = inputs[0].value;
      }
    });
    return result;
  }

  function holds(condition, a) {
    var op = Object.keys(condition)[0], arg = condition[op];
    if (op === "all") { return arg.every(function (c) { return holds(c, a); }); }
    if (op === "any") { return arg.some(function (c) { return holds(c, a); }); }
    if (op === "not") { return !holds(arg, a); }
    if (op === "answered") { var v = a[arg]; return !(v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)); }
    if (op === "equals") { return a[arg.question] !== undefined && a[arg.question] !== null && same(a[arg.question], arg.value); }
    if (op === "includes") { var list = a[arg.question]; return Array.isArray(list) && list.some(function (x) { return same(x, arg.value); }); }
    if (op === "at_least" || op === "less_than") {
      var n = parseFloat(a[arg.question]);
      if (isNaN(n)) { return false; }
      return op === "at_least" ? n >= arg.value : n < arg.value;
    }
    return true;
  }

  function update() {
    var a = answers();
    form.querySelectorAll("[data-show-when]").forEach(function (box) {
      var show = holds(JSON.parse(box.getAttribute("data-show-when")), a);
      box.hidden = !show;
      var marker = box.querySelector("input[name=shown]");
      if (marker) { marker.disabled = !show; }
    });
  }
  form.addEventListener("change", update);
});

// The PDF job page: ask the server every two seconds until the job is done or failed, then reload
// the page once (which shows the link or the error). Without JavaScript the page has a refresh link.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-poll]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-poll"), tries = 0;
  function poll() {
    tries += 1;
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.status === "done" || job.status === "failed") { window.location.reload(); }
        else if (tries < 300) { window.setTimeout(poll, 2000); }
      })
      .catch(function () { if (tries < 300) { window.setTimeout(poll, 5000); } });
  }
  window.setTimeout(poll, 1500);
});
