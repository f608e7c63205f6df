// After a decision the page comes back at the next card (#karte-<id>): give that card the
// focus, so a keyboard or screen-reader user goes on where they were, not at the top.
(function () {
  "use strict";
  var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.id.indexOf("karte-") === 0) { target.focus(); }
})();
