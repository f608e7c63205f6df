// Suggestions while typing skills. The text areas work without this script:
// it only adds a search field under each one that offers words from the
// vocabulary and appends the chosen word as a new line.
(function () {
  "use strict";
  function debounce(fn, ms) {
    var timer;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }
  document.querySelectorAll("textarea[data-suggest]").forEach(function (area, n) {
    var wrap = document.createElement("div");
    wrap.className = "input-group input-group-sm mt-1";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control";
    input.id = "suggest-" + n;
    input.setAttribute("list", "suggest-list-" + n);
    input.setAttribute("aria-label", area.dataset.suggestLabel || "Vorschlag suchen");
    input.placeholder = area.dataset.suggestLabel || "Vorschlag suchen";
    input.autocomplete = "off";
    var list = document.createElement("datalist");
    list.id = "suggest-list-" + n;
    var add = document.createElement("button");
    add.type = "button";
    add.className = "btn btn-outline-secondary";
    add.textContent = area.dataset.suggestAdd || "Hinzufügen";
    function append() {
      var word = input.value.trim();
      if (!word) { return; }
      var current = area.value.replace(/\s+$/, "");
      area.value = current ? current + "\n" + word : word;
      input.value = "";
      input.focus();
    }
    add.addEventListener("click", append);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); append(); }
    });
    input.addEventListener("input", debounce(function () {
      var text = input.value.trim();
      if (text.length < 2) { return; }
      fetch(area.dataset.suggest + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (words) {
          list.replaceChildren.apply(list, words.map(function (word) {
            var option = document.createElement("option");
            option.value = word;
            return option;
          }));
        })
        .catch(function () { /* suggestions are a help, not a must */ });
    }, 200));
    wrap.appendChild(input);
    wrap.appendChild(add);
    area.insertAdjacentElement("afterend", list);
    area.insertAdjacentElement("afterend", wrap);
  });
})();
// A single search field (what a term means): the same words offered in a list under it.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest-input]").forEach(function (input, n) {
    var list = document.createElement("datalist");
    list.id = "suggest-input-list-" + n;
    input.setAttribute("list", list.id);
    input.insertAdjacentElement("afterend", list);
    var timer;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var text = input.value.trim();
        if (text.length < 2) { return; }
        fetch(input.dataset.suggestInput + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (words) {
            list.replaceChildren.apply(list, words.map(function (word) {
              var option = document.createElement("option");
              option.value = word;
              return option;
            }));
          })
          .catch(function () { /* suggestions are a help, not a must */ });
      }, 200);
    });
  });
})();
