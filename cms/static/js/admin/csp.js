/*
 * Lets the Wagtail admin run under our Content-Security-Policy, which allows no inline
 * scripts or styles (cms/core/csp.py). Loaded first on every admin page, with the response's
 * nonce (cms/core/templates/wagtailadmin/admin_base.html). Two jobs:
 *
 * 1. Starts the admin widgets that Wagtail starts with inline scripts. The server renders
 *    each such script as inert data instead:
 *
 *      <script type="application/json" data-app-admin-init="PageChooser">["id_page", {...}]</script>
 *
 *    and this calls the named initialiser with those arguments, once per element, in
 *    document order: while the page is parsed (each element as soon as it is complete, as
 *    the inline script would have run) and whenever the admin inserts HTML later
 *    (InlinePanel's "Add", modals, listings refreshed in place). Only the initialisers
 *    listed here can be called, and only with JSON data.
 *
 * 2. Gives the <style> elements that the admin's scripts create (the rich text editor's
 *    placeholder and list numbering) the page's nonce, so the policy applies them. Only
 *    elements made by document.createElement: <style> in HTML inserted as markup (and every
 *    style="" attribute) is still blocked.
 */
(function () {
  "use strict";

  var nonce = document.currentScript && document.currentScript.nonce;
  if (nonce) {
    var createElement = Document.prototype.createElement;
    Document.prototype.createElement = function (tagName) {
      var element = createElement.apply(this, arguments);
      if (String(tagName).toLowerCase() === "style") element.nonce = nonce;
      return element;
    };
  }

  var ATTRIBUTE = "data-app-admin-init";
  var SELECTOR = 'script[type="application/json"][' + ATTRIBUTE + "]";
  var DONE = "data-app-admin-init-done";

  // Wagtail's globals, called as `new Name(...args)`.
  var CONSTRUCTORS = [
    "Chooser",
    "PageChooser",
    "ImageChooser",
    "DocumentChooser",
    "SnippetChooser",
    "InlinePanel",
    "MultipleChooserPanel",
  ];
  // Wagtail's globals, called as `name(...args)`.
  var FUNCTIONS = ["createTaskChooser", "initDateChooser", "initTimeChooser", "initDateTimeChooser"];

  // Promoted search results' add and edit forms: Wagtail's searchpromotions_formset.js and
  // queries/chooser_field.js, which are inline in its templates.
  function initSearchPromotionsForm(formsetPrefix, emptyChildFormPrefix, queryFieldId, chooserUrl) {
    window.jQuery(function ($) {
      new window.InlinePanel({
        formsetPrefix: "id_" + formsetPrefix,
        emptyChildFormPrefix: emptyChildFormPrefix,
        canOrder: true,
      });
      var input = $("#" + queryFieldId);
      $("#" + queryFieldId + "-chooser").on("click", function () {
        window.ModalWorkflow({
          url: chooserUrl,
          onload: window.QUERY_CHOOSER_MODAL_ONLOAD_HANDLERS,
          responses: {
            queryChosen: function (queryData) {
              input.val(queryData.querystring);
            },
          },
        });
      });
    });
  }
  var OURS = { initSearchPromotionsForm: initSearchPromotionsForm };

  function run(element) {
    if (element.hasAttribute(DONE)) return; // moved (e.g. reordered), not new
    element.setAttribute(DONE, "");
    var name = element.getAttribute(ATTRIBUTE);
    var args;
    try {
      args = JSON.parse(element.textContent);
    } catch (error) {
      console.error("admin init: bad data for " + name, error);
      return;
    }
    if (!Array.isArray(args)) args = [args];
    if (Object.prototype.hasOwnProperty.call(OURS, name)) {
      OURS[name].apply(null, args);
    } else if (CONSTRUCTORS.indexOf(name) !== -1 && typeof window[name] === "function") {
      Reflect.construct(window[name], args);
    } else if (FUNCTIONS.indexOf(name) !== -1 && typeof window[name] === "function") {
      window[name].apply(window, args);
    } else {
      console.error("admin init: no initialiser called " + name);
    }
  }

  // While the page is still being parsed, an element may be in the document before all of
  // its text is: it is complete once anything follows it.
  function complete(element) {
    if (!element.isConnected || document.readyState !== "loading") return true;
    for (var node = element; node && node !== document; node = node.parentNode) {
      if (node.nextSibling) return true;
    }
    return false;
  }

  var pending = [];

  function runPending() {
    while (pending.length && complete(pending[0])) {
      var element = pending.shift();
      if (element.isConnected) run(element);
    }
  }

  function collect(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(SELECTOR)) {
      pending.push(node);
    } else if (node.firstElementChild) {
      var found = node.querySelectorAll(SELECTOR);
      for (var i = 0; i < found.length; i++) pending.push(found[i]);
    }
  }

  new MutationObserver(function (mutations) {
    for (var i = 0; i < mutations.length; i++) {
      var added = mutations[i].addedNodes;
      for (var j = 0; j < added.length; j++) collect(added[j]);
    }
    runPending();
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Anything already in the page (if this script ever loads late), and the last elements of
  // the parse, which nothing followed while the document was loading.
  var existing = document.querySelectorAll(SELECTOR);
  for (var i = 0; i < existing.length; i++) pending.push(existing[i]);
  runPending();
  document.addEventListener("DOMContentLoaded", runPending);
})();
