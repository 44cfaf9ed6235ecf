/*
 * Site-wide behaviour, loaded as a module at the end of <body> (no inline scripts: the
 * Content-Security-Policy allows none).
 */
import { initAll } from "../dist/govuk-frontend.min.js";
import { initFilterPanels } from "./filter-panel.js";

initAll();

// "Print this story": a button, shown only when JavaScript can print.
document.querySelectorAll("[data-app-print]").forEach(function (container) {
  var button = container.querySelector("button");
  if (!button || !window.print) return;
  button.addEventListener("click", function () {
    window.print();
  });
  container.hidden = false;
});

// Filters behind a "Filter" button on a phone (search results, case study listing).
initFilterPanels();
