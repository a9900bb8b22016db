/*
 * Rupture & Repair: a menu button the keyboard can press.
 *
 * Below Material's drawer breakpoint (76.25em: a phone, or a desktop zoomed in)
 * the navigation is a drawer, opened by the header's menu button. Material makes
 * that button a <label for="__drawer">, which toggles the drawer's hidden
 * checkbox on a click or tap but takes no focus and no key. Its links were still
 * reachable only because the closed drawer stayed in the Tab order off-screen;
 * reader.css now hides the closed drawer (out of the Tab order and of what screen
 * readers read), so the button must open it from the keyboard too. This script
 * turns the label (data-rr-menu, overrides/partials/header.html) into a <button>
 * named by that attribute, with aria-expanded, that:
 *
 * - opens and closes the drawer as the label did (a click on its checkbox, which
 *   Material hears), and, pressed from the keyboard (Enter or Space), moves focus
 *   to the first link the open drawer shows;
 * - closes it again on Escape, or when Tab leaves it, with focus back on the button.
 *
 * Without JavaScript the label stays and works for a pointer as before.
 */
(function () {
  "use strict";

  var toggle = document.getElementById("__drawer");
  var label = document.querySelector("label[for='__drawer'][data-rr-menu]");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !label || !drawer) return;

  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " rr-menu-button";
  button.setAttribute("aria-label", label.getAttribute("data-rr-menu"));
  while (label.firstChild) button.appendChild(label.firstChild);
  label.replaceWith(button);

  function shown(element) {
    return element.getClientRects().length > 0;
  }

  function sync() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
  }

  // The drawer shows the deepest of its sections that is open (on a chapter, the chapter's
  // section), slid in over its parent: its first link there, not one behind it, nor one in
  // a closed section or page contents (slid out, see-through) or one not shown at all
  // (the current page's link gives way to a label that opens its contents).
  function firstLink() {
    var open = drawer.querySelectorAll(".md-nav__toggle:checked ~ .md-nav");
    var panel = open.length ? open[open.length - 1] : drawer;
    var links = panel.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      if (shown(links[i]) && !links[i].closest(".md-nav__toggle:not(:checked) ~ .md-nav")) return links[i];
    }
    return null;
  }

  function close() {
    if (toggle.checked) toggle.click();
  }

  button.addEventListener("click", function (event) {
    toggle.click();
    // detail is 0 for a button pressed with Enter or Space (a pointer's click counts 1 or more).
    if (toggle.checked && event.detail === 0) {
      var first = firstLink();
      if (first) first.focus();
    }
  });
  toggle.addEventListener("change", sync);
  // Material closes the drawer itself too (on a link to this page's headings): be right when read.
  button.addEventListener("focus", sync);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !toggle.checked || !shown(button)) return;
    close();
    button.focus();
  });

  drawer.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (toggle.checked && shown(button) && next && next !== button && !drawer.contains(next)) close();
  });

  sync();
})();
