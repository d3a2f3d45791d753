// Warns before the language switch throws away what was typed into a form (the switch reloads the
// page in the other language). Without JavaScript nothing happens; every form still works.
(function () {
  "use strict";
  var dirty = false;
  var message = document.body ? document.body.getAttribute("data-unsaved") || "" : "";
  document.addEventListener("input", function (event) {
    if (event.target && event.target.form && event.target.form.method.toLowerCase() === "post") { dirty = true; }
  });
  document.addEventListener("submit", function () { dirty = false; });
  var switcher = document.querySelector(".lang-switch");
  if (switcher) {
    switcher.addEventListener("click", function (event) {
      if (dirty && message && !window.confirm(message)) { event.preventDefault(); }
    });
  }
})();
