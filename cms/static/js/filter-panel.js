/*
 * Filter panels ([data-app-filter-panel]): the filters beside search results and the case
 * study listing. On a phone they sit behind a "Filter" toggle above the results.
 *
 * Without JavaScript the toggle is a link to the panel (href="#filters"), and the styles
 * show the panel while it is the page's target. Here the link becomes a disclosure button
 * (aria-expanded, aria-controls) that shows and hides the panel; Enter and Space work as on
 * any <button>. On a larger screen the panel is always shown and the toggle is not.
 * Styles: cms/frontend/_filter-panel.scss (none set here: the Content-Security-Policy).
 */

function enhance(container) {
  if (container.classList.contains("app-filter-panel--enhanced")) return;
  var link = container.querySelector("a[data-app-filter-panel-toggle]");
  var href = link && link.getAttribute("href");
  var panel = href && href.charAt(0) === "#" ? document.getElementById(href.slice(1)) : null;
  if (!panel) return;

  var button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.setAttribute("aria-controls", panel.id);
  var testId = link.getAttribute("data-testid");
  if (testId) button.setAttribute("data-testid", testId);
  while (link.firstChild) button.appendChild(link.firstChild);
  link.parentNode.replaceChild(button, link);
  container.classList.add("app-filter-panel--enhanced");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    container.classList.toggle("app-filter-panel--open", open);
  }

  // Someone who followed the link to the panel (#filters) sees it open.
  setOpen(window.location.hash === "#" + panel.id);
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
}

export function initFilterPanels(root) {
  (root || document).querySelectorAll("[data-app-filter-panel]").forEach(enhance);
}
