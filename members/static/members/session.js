/*
 * Warns two minutes before an idle session ends (R-G10), and offers to extend it.
 * Progressive: without this script the banner stays hidden and the session still ends on the
 * server (members.sessions). No framework, no dependency.
 */
(function () {
  "use strict";

  var root = document.getElementById("session-warning");
  if (!root || !window.fetch || !window.FormData) {
    return;
  }
  var panel = root.querySelector("[data-session-panel]");
  var form = panel.querySelector("form");
  var timeout = parseInt(root.getAttribute("data-timeout"), 10);
  var warnBefore = parseInt(root.getAttribute("data-warning-before"), 10);
  var timers = [];

  function clearTimers() {
    timers.forEach(window.clearTimeout);
    timers = [];
  }

  function leave() {
    // The server has ended the session: load the page again (a GET), which leads to the
    // login page and leaves no personal data on screen.
    window.location.assign(window.location.href);
  }

  function schedule(secondsLeft) {
    clearTimers();
    panel.hidden = true;
    timers.push(window.setTimeout(function () {
      panel.hidden = false;
    }, Math.max(secondsLeft - warnBefore, 0) * 1000));
    timers.push(window.setTimeout(leave, (secondsLeft + 1) * 1000));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.fetch(form.action, {
      method: "POST",
      body: new window.FormData(form),
      credentials: "same-origin",
      redirect: "manual"
    }).then(function (response) {
      if (response.status === 204) {
        schedule(timeout);
      } else {
        leave();
      }
    }).catch(leave);
  });

  if (!isNaN(timeout) && !isNaN(warnBefore)) {
    schedule(parseInt(root.getAttribute("data-seconds-left"), 10));
  }
}());
