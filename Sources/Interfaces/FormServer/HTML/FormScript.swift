/// The one script, served from the binary as a static file (the CSP allows scripts from the server
/// only, and no inline script or `eval`). On a form page it shows a question whose condition reads
/// answers of the same page only while the condition holds, as the respondent types or ticks; on a
/// page shown again with problems it moves focus to the error summary once, as the page loads, and a
/// summary link moves it to its question's control.
///
/// The condition comes as data, in the `data-relevant` attribute of the question's wrapper: the
/// JSON tree of ``LiveCondition``, evaluated here exactly as the server's evaluator does for that
/// subset (docs/expressions.md, "In the browser"). Fields are read as the server codes a posted
/// answer; one the server would refuse (a number it cannot read, or one it asks about because its
/// separator may group thousands in the page's language, `data-decimal-separator` on the form) leaves
/// the questions that read it shown, with their note, as without the script. A question not shown is
/// `hidden` (screen readers skip it too) and keeps what was typed: the server clears it when the page
/// is posted. A question with an error message is never hidden. Nothing is sent; focus moves only to
/// the error summary on load and to a question from its summary link (GOV.UK's error summary
/// pattern), never while the respondent types.
///
/// Its path carries a hash of its content (``StaticAsset``), so a browser never runs an old copy.
enum FormScript {
    static let asset = StaticAsset(stem: "form", extension: "js", contentType: "text/javascript; charset=utf-8", content: javaScript)
    static var path: String { asset.path }

    static let javaScript = #"""
    "use strict";
    (function () {
      // The error summary of a page shown again with problems, focused so that a screen reader reads
      // it and the next Tab reaches its first link (it has tabindex="-1" for this).
      var summary = document.getElementById("error-summary");
      if (summary) {
        summary.focus();
        summary.addEventListener("click", followSummaryLink);
      }
      // A summary link scrolls its target (the question, a matrix row's header, an "other" box) to the
      // top of the screen, as without the script, and puts focus in its first control (the chosen
      // one of a group), so that a screen reader reads the field with its label and message.
      function followSummaryLink(event) {
        var link = event.target.closest("a[href^='#']");
        var target = link && document.getElementById(link.getAttribute("href").slice(1));
        if (!target) { return; }
        var scope = target.matches("th") ? target.parentElement : target;
        var controls = Array.prototype.slice.call(scope.querySelectorAll("input:not([type=hidden]), select, textarea"));
        var control = controls.filter(function (c) { return c.checked; })[0] || controls[0];
        if (!control) { return; }
        event.preventDefault();
        target.scrollIntoView();
        control.focus({ preventScroll: true });
      }
      var form = document.querySelector("form.page-form");
      if (!form) { return; }
      var UNDECIDED = {};
      // A number the server asks about (ThousandsOrDecimals): the separator the page's language does
      // not write decimals with, between 1 to 3 digits (not starting with 0) and exactly three.
      var decimalMark = form.getAttribute("data-decimal-separator");
      var groupingMark = decimalMark === "," ? "." : decimalMark === "." ? "," : null;
      function askedAbout(text) {
        var m = /^-?[1-9]\d{0,2}([.,])\d{3}$/.exec(text);
        return m !== null && (groupingMark === null || m[1] === groupingMark);
      }

      // Coding of a posted answer, as the server's AnswerCoder.
      function trim(text) { return text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, ""); }
      function degroup(text) {
        if (!/[ \u00A0\u202F]/.test(text)) { return text; }
        var m = /^(-?)(\d{1,3}(?:[ \u00A0\u202F]\d{3})+)(?!\d)([^]*)$/.exec(text);
        if (!m || /[ \u00A0\u202F]/.test(m[3])) { throw UNDECIDED; }
        return m[1] + m[2].replace(/[ \u00A0\u202F]/g, "") + m[3];
      }
      function significant(text) { return text.replace(/\D/g, "").replace(/^0+/, "").length; }
      function integer(text) {
        var t = degroup(text);
        if (!/^-?\d+$/.test(t) || significant(t) > 15) { throw UNDECIDED; }
        return Number(t) + 0;
      }
      function decimal(text) {
        var t = degroup(text);
        if (!/^-?(\d+[.,]?\d*|[.,]\d+)$/.test(t) || significant(t) > 15) { throw UNDECIDED; }
        return Number(t.replace(",", ".")) + 0;
      }
      function textAnswer(control) {
        var t = trim(control.value.replace(/\r\n?/g, "\n"));
        if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(t)) { throw UNDECIDED; }
        return t === "" ? null : t;
      }

      var controlsByName = {};
      Array.prototype.forEach.call(form.elements, function (control) {
        if (!control.name) { return; }
        (controlsByName[control.name] = controlsByName[control.name] || []).push(control);
      });
      var cleared = {}, undecided = {};

      function read(name, type) {
        if (cleared[name]) { return null; }
        if (undecided[name]) { throw UNDECIDED; }
        var controls = controlsByName[name] || [];
        if (type === "choices") {
          var codes = controls.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
          return codes.length ? codes : null;
        }
        var control = controls.filter(function (c) {
          return (c.type !== "radio" && c.type !== "checkbox") || c.checked;
        })[0];
        if (!control) { return null; }
        if (type === "text") { return textAnswer(control); }
        var t = trim(control.value);
        if (t === "") { return null; }
        if ((type === "integer" || type === "decimal") && askedAbout(t)) { throw UNDECIDED; }
        switch (type) {
          case "integer": return integer(t);
          case "decimal": return decimal(t);
          case "choice": return t;
          case "boolean":
            if (t === "1" || t === "0") { return t === "1"; }
            throw UNDECIDED;
          default: throw UNDECIDED;
        }
      }

      // Values as the server's Value: null (empty), a number, a text, true/false, or codes.
      function isEmpty(v) { return v === null || v === "" || (Array.isArray(v) && v.length === 0); }
      function truth(v) {
        if (v === null) { return false; }
        if (typeof v === "number") { return v !== 0 && !isNaN(v); }
        if (typeof v === "boolean") { return v; }
        return v.length > 0;
      }
      function numberText(text) {
        if (!/^[ \t\n\r]*-?(\d+\.?\d*|\.\d+)[ \t\n\r]*$/.test(text)) { return null; }
        var n = Number(trim(text));
        return isFinite(n) ? n : null;
      }
      function num(v) {
        if (v === null) { return null; }
        if (typeof v === "number") { return isNaN(v) ? null : v; }
        if (typeof v === "boolean") { return v ? 1 : 0; }
        if (Array.isArray(v)) { return v.length === 1 ? numberText(v[0]) : null; }
        return numberText(v);
      }
      function str(v) { return v === null ? "" : Array.isArray(v) ? v.join(" ") : String(v); }
      function same(a, b) { return a.normalize("NFC") === b.normalize("NFC"); }
      function equal(a, b) {
        if (isEmpty(a) || isEmpty(b)) { return isEmpty(a) && isEmpty(b); }
        var ta = typeof a, tb = typeof b;
        if (ta === "number" && tb === "number") { return a === b; }
        if (ta === "string" && tb === "string") { return same(a, b); }
        if (ta === "boolean" || tb === "boolean") { return truth(a) === truth(b); }
        if (ta === "number" || tb === "number") {
          var x = num(a), y = num(b);
          return x !== null && y !== null && x === y;
        }
        if (Array.isArray(a) && Array.isArray(b)) {
          return a.length === b.length && a.every(function (c, i) { return same(c, b[i]); });
        }
        return same(str(a), str(b));
      }
      function order(op, a, b) {
        if (a === null || b === null) { return false; }
        switch (op) {
          case "<": return a < b;
          case "<=": return a <= b;
          case ">": return a > b;
          default: return a >= b;
        }
      }
      function arithmetic(op, a, b) {
        if (a === null || b === null) { return null; }
        var r = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : op === "div" ? a / b : a % b;
        return isFinite(r) ? r : null;
      }
      function codes(v) { return Array.isArray(v) ? v : str(v).split(" ").filter(function (c) { return c !== ""; }); }
      function holds(v, code) {
        if (Array.isArray(v)) { return v.some(function (c) { return same(c, code); }); }
        return codes(v).indexOf(code) >= 0;
      }
      function characters(text) {
        if (/^[\u0000-\u02FF]*$/.test(text)) { return text.replace(/\r\n/g, "\n").length; }
        if (typeof Intl === "undefined" || !Intl.Segmenter) { throw UNDECIDED; }
        var count = 0, segments = new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text);
        for (var it = segments[Symbol.iterator](), s = it.next(); !s.done; s = it.next()) { count += 1; }
        return count;
      }

      function evaluate(node) {
        var e = function (i) { return evaluate(node[i]); };
        switch (node[0]) {
          case "num": case "str": case "bool": case "codes": return node[1];
          case "empty": return null;
          case "field": return read(node[1], node[2]);
          case "and": return truth(e(1)) && truth(e(2));
          case "or": return truth(e(1)) || truth(e(2));
          case "not": return !truth(e(1));
          case "blank": return isEmpty(e(1));
          case "filled": return !isEmpty(e(1));
          case "=": return equal(e(1), e(2));
          case "!=": var a = e(1), b = e(2); return !isEmpty(a) && !isEmpty(b) && !equal(a, b);
          case "<": case "<=": case ">": case ">=": return order(node[0], e(1), e(2));
          case "+": case "-": case "*": case "div": case "mod": return arithmetic(node[0], e(1), e(2));
          case "neg": var n = num(e(1)); return n === null ? null : -n;
          case "selected": return holds(e(1), node[2]);
          case "count-selected": return codes(e(1)).length;
          case "string-length": return characters(str(e(1)));
          case "if": return truth(e(1)) ? e(2) : e(3);
          case "coalesce": var first = e(1); return isEmpty(first) ? e(2) : first;
          default: throw UNDECIDED;
        }
      }
      function fields(node, into) {
        if (node[0] === "field") { into.push(node); }
        if (node[0] === "codes") { return into; }
        node.forEach(function (child) { if (Array.isArray(child) && typeof child[0] === "string") { fields(child, into); } });
        return into;
      }

      var questions = [];
      Array.prototype.forEach.call(form.querySelectorAll("[data-relevant]"), function (wrapper) {
        var condition;
        try { condition = JSON.parse(wrapper.getAttribute("data-relevant")); } catch (error) { return; }
        var note = wrapper.querySelector("[data-conditional-note]");
        var described = Array.prototype.filter.call(wrapper.querySelectorAll("[aria-describedby]"), function (c) {
          return note && c.getAttribute("aria-describedby").split(" ").indexOf(note.id) >= 0;
        });
        questions.push({
          wrapper: wrapper, condition: condition, reads: fields(condition, []), note: note, described: described,
          required: wrapper.querySelectorAll("[data-required-when-shown]"),
          hasError: wrapper.classList.contains("has-error"),
          names: Array.prototype.map.call(wrapper.querySelectorAll("[name]"), function (c) { return c.name; })
        });
      });

      function state(question) {
        try {
          // Every field it reads, as the server leaves a condition undecided when any of them is refused.
          question.reads.forEach(function (field) { read(field[1], field[2]); });
          return truth(evaluate(question.condition)) ? "shown" : "hidden";
        } catch (error) {
          if (error === UNDECIDED) { return "undecided"; }
          throw error;
        }
      }
      function show(question, now) {
        question.wrapper.hidden = now === "hidden";
        if (question.note) {
          var noted = now !== "shown";
          question.note.hidden = !noted;
          question.described.forEach(function (control) {
            var ids = control.getAttribute("aria-describedby").split(" ").filter(function (id) { return id !== question.note.id; });
            if (noted) { ids.push(question.note.id); }
            control.setAttribute("aria-describedby", ids.join(" "));
          });
        }
        Array.prototype.forEach.call(question.required, function (mark) { mark.hidden = now !== "shown"; });
      }
      function update() {
        cleared = {};
        undecided = {};
        questions.forEach(function (question) {
          var now = state(question);
          if (now === "hidden" && question.hasError) { now = "undecided"; }
          show(question, now);
          question.names.forEach(function (name) {
            if (now === "hidden") { cleared[name] = true; }
            if (now === "undecided") { undecided[name] = true; }
          });
        });
      }
      form.addEventListener("input", update);
      form.addEventListener("change", update);
      update();
    })();
    """#
}
