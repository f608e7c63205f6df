// Suggestions while typing skills. The forms work without this script: it only offers words
// from the vocabulary in a list under a search field.
// - textarea[data-suggest]: a search field is added under the text area; the chosen word is
//   appended to it as a new line;
// - input[data-suggest-input]: the field itself offers the words (what a term means).
(function () {
  "use strict";
  // Fill ``list`` with the vocabulary's words for what is typed into ``input`` (asked at ``url``).
  function offerWords(input, list, url) {
    var timer;
    function lookUp() {
      var text = input.value.trim();
      if (text.length < 2) { return; }
      fetch(url + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (words) {
          if (input.value.trim() !== text) { return; }  // an answer to what was typed before
          list.replaceChildren.apply(list, words.map(function (word) {
            var option = document.createElement("option");
            option.value = word;
            return option;
          }));
        })
        .catch(function () { /* suggestions are a help, not a must */ });
    }
    input.setAttribute("list", list.id);
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookUp, 200);
    });
    // On a slow phone a person may type before this script has run: offer words for that, too.
    lookUp();
  }
  function newList(id) {
    var list = document.createElement("datalist");
    list.id = id;
    return list;
  }
  document.querySelectorAll("textarea[data-suggest]").forEach(function (area, n) {
    var wrap = document.createElement("div");
    wrap.className = "input-group input-group-sm mt-1";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control";
    input.id = "suggest-" + n;
    input.setAttribute("aria-label", area.dataset.suggestLabel || "Vorschlag suchen");
    input.placeholder = area.dataset.suggestLabel || "Vorschlag suchen";
    input.autocomplete = "off";
    var list = newList("suggest-list-" + n);
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
    offerWords(input, list, area.dataset.suggest);
    wrap.appendChild(input);
    wrap.appendChild(add);
    area.insertAdjacentElement("afterend", list);
    area.insertAdjacentElement("afterend", wrap);
  });
  document.querySelectorAll("input[data-suggest-input]").forEach(function (input, n) {
    var list = newList("suggest-input-list-" + n);
    input.insertAdjacentElement("afterend", list);
    offerWords(input, list, input.dataset.suggestInput);
  });
})();
