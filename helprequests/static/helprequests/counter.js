/*
 * Live character counter for the help request description (R-C1: a concise request).
 * Progressive enhancement: without this script the limit still holds, checked on the server
 * (helprequests/forms/member.py). The counter is read out politely by screen readers, and says in
 * words when the text is too long (not by colour alone).
 */
(function () {
  "use strict";

  function setUp(counter) {
    var field = document.getElementById(counter.getAttribute("data-counter-for"));
    if (!field) {
      return;
    }
    var max = parseInt(field.getAttribute("data-counter-max"), 10);
    if (!max || !counter.querySelector("[data-counter-visible]")) {
      return;
    }
    var lastSpoken = null;
    // A server-side error already marks the field invalid: keep that until the text changes.
    var serverInvalid = field.getAttribute("aria-invalid") === "true";
    // The visible count changes at each keystroke; screen readers hear a quieter live region.
    var visible = counter.querySelector("[data-counter-visible]");
    var spoken = counter.querySelector("[data-counter-spoken]");
    var textLeft = counter.getAttribute("data-text-left");
    var textOver = counter.getAttribute("data-text-over");

    function fill(template, used, left) {
      return template
        .replace("{used}", used)
        .replace("{max}", max)
        .replace("{left}", Math.abs(left));
    }

    function update() {
      // Count as the server does: line breaks are one character (\r\n sent by the browser is
      // normalised to \n), and spaces or blank lines at either end are dropped.
      var used = field.value.replace(/\r\n?/g, "\n").trim().length;
      var left = max - used;
      var text = fill(left >= 0 ? textLeft : textOver, used, left);
      visible.textContent = text;
      // Speak only when it matters: every 100 characters, in the last 50, or over the limit.
      var bucket = left < 0 ? "over" : left <= 50 ? "near" + left : "at" + Math.floor(used / 100);
      if (bucket !== lastSpoken) {
        spoken.textContent = text;
        lastSpoken = bucket;
      }
      counter.classList.toggle("counter-over", left < 0);
      if (left < 0 || serverInvalid) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
    }

    field.addEventListener("input", function () {
      serverInvalid = false;
      update();
    });
    update();
  }

  document.querySelectorAll("[data-counter-for]").forEach(setUp);

  // After a refused form, take keyboard and screen reader users to the summary of what to fix.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
