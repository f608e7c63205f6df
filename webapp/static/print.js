// "Drucken / als PDF speichern": opens the browser's print dialog, where
// "Als PDF speichern" is one of the printers. Without JavaScript the button
// stays hidden and the browser's own print command does the same.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
