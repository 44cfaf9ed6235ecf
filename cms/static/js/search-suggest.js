/*
 * Search-as-you-type for any <input data-autocomplete-url="..."> (progressive enhancement).
 *
 * ARIA 1.2 combobox pattern: the input gets role="combobox", aria-expanded,
 * aria-controls (the listbox) and aria-activedescendant (the highlighted option).
 * Down/Up move through the options, Enter opens the highlighted page, Escape closes the
 * list (a second Escape clears the input), and choosing nothing submits the form as usual
 * -- without JavaScript the form simply submits to /search/.
 * The endpoint returns {"results": [{"title", "url", "type"}]} of live, public pages.
 */
(function () {
  "use strict";

  var MIN_CHARS = 2;
  var DELAY = 150;
  var counter = 0;

  // The list's styles are in cms/frontend/_components.scss (.app-suggestions): the
  // Content-Security-Policy blocks styles injected by scripts.

  function enhance(input) {
    if (input.getAttribute("role") === "combobox") return;
    var url = input.getAttribute("data-autocomplete-url");
    var id = input.id || "search-input-" + ++counter;
    input.id = id;
    var listId = id + "-suggestions";
    var statusId = id + "-suggestions-status";

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "app-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggested pages");
    list.hidden = true;

    var status = document.createElement("div");
    status.id = statusId;
    status.className = "govuk-visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    var form = input.form;
    var anchor = form || input;
    anchor.parentNode.insertBefore(list, anchor.nextSibling);
    anchor.parentNode.insertBefore(status, list.nextSibling);
    if (getComputedStyle(anchor.parentNode).position === "static") {
      anchor.parentNode.style.position = "relative";
    }

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      var options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      if (index < 0) index = options.length - 1;
      if (index >= options.length) index = 0;
      active = index;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      input.setAttribute("aria-activedescendant", options[index].id);
      if (options[index].scrollIntoView) options[index].scrollIntoView({ block: "nearest" });
    }

    function go(index) {
      if (items[index]) window.location.assign(items[index].url);
    }

    function render(results) {
      items = results;
      list.innerHTML = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      results.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = item.title;
        if (item.type) {
          var type = document.createElement("span");
          type.className = "app-suggestions__type";
          type.textContent = item.type;
          li.appendChild(type);
        }
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input
          go(i);
        });
        list.appendChild(li);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = results.length + (results.length === 1 ? " suggestion" : " suggestions") +
          " available. Use the up and down arrows to choose one.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      if (q.length < MIN_CHARS) {
        render([]);
        return;
      }
      if (controller && controller.abort) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      var sep = url.indexOf("?") === -1 ? "?" : "&";
      fetch(url + sep + "q=" + encodeURIComponent(q), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() === q) render(data.results || []);
        })
        .catch(function () { /* offline or aborted: the form still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      switch (event.key) {
        case "ArrowDown":
        case "Down":
          if (!open && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
          if (items.length) { event.preventDefault(); setActive(active + 1); }
          break;
        case "ArrowUp":
        case "Up":
          if (open && items.length) { event.preventDefault(); setActive(active - 1); }
          break;
        case "Enter":
          if (open && active >= 0) { event.preventDefault(); go(active); }
          break;
        case "Escape":
        case "Esc":
          if (open) { event.preventDefault(); close(); }
          else if (input.value) { input.value = ""; lastQuery = ""; }
          break;
        case "Tab":
          close();
          break;
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-autocomplete-url]");
    for (var i = 0; i < inputs.length; i++) enhance(inputs[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
