/*
 * Rupture & Repair: one popover for every "explain this" link on a page
 * (glossary terms, citations, dialogue badges).
 *
 * A trigger is a link with class rr-term, rr-cite or rr-badge whose
 * aria-describedby names an element already in the page (the page's "Key
 * terms" or "References" list), so screen readers announce it without this
 * script, and nothing is fetched: it works from file://.
 *
 * Mouse: hover shows it. Keyboard: focus shows it, Escape hides it.
 * Touch: the first tap shows it, a second tap follows the link.
 * On narrow screens it is a sheet at the bottom of the screen, and the page
 * scrolls so that the sentence being read stays above it.
 */
(function () {
  "use strict";

  var TRIGGERS = "a.rr-term[aria-describedby], a.rr-cite[aria-describedby], .rr-badge[aria-describedby]";
  var NARROW = window.matchMedia("(max-width: 44.9375em)");
  var SHOW_DELAY = 120;
  var HIDE_DELAY = 200;

  var popover = null;
  var current = null;
  var lastPointer = "mouse";
  var openAtTap = false;
  var showTimer = 0;
  var hideTimer = 0;

  function element() {
    if (popover && document.body.contains(popover)) return popover;
    popover = document.createElement("div");
    popover.className = "rr-popover";
    popover.id = "rr-popover";
    popover.setAttribute("role", "tooltip");
    popover.hidden = true;
    popover.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
    popover.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse") scheduleHide();
    });
    // Inside <main>, so that it sits in a landmark like the rest of the content.
    (document.querySelector("main") || document.body).appendChild(popover);
    return popover;
  }

  function contentFor(trigger) {
    var id = trigger.getAttribute("aria-describedby");
    return id ? document.getElementById(id) : null;
  }

  function fill(box, trigger, source) {
    box.textContent = "";
    var copy = source.cloneNode(true);
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    copy.querySelectorAll("a").forEach(function (node) { node.setAttribute("tabindex", "-1"); });
    var body = document.createElement("div");
    body.className = "rr-popover__body";
    while (copy.firstChild) body.appendChild(copy.firstChild);
    box.appendChild(body);
    if (lastPointer === "touch" && trigger.href) {
      var more = document.createElement("p");
      more.className = "rr-popover__more";
      more.textContent = trigger.classList.contains("rr-cite")
        ? "Tap the citation again to open the reference list."
        : trigger.classList.contains("rr-badge")
          ? "Tap the marker again to open its glossary entry."
          : "Tap the term again to open its glossary entry.";
      box.appendChild(more);
    }
  }

  function place(box, trigger) {
    box.classList.toggle("rr-popover--sheet", NARROW.matches);
    if (NARROW.matches) {
      box.style.left = box.style.top = "";
      // Keep the sentence being read visible above the sheet.
      var rect = trigger.getBoundingClientRect();
      var limit = window.innerHeight - box.offsetHeight - 12;
      if (rect.bottom > limit) window.scrollBy(0, rect.bottom - limit);
      else if (rect.top < 56) window.scrollBy(0, rect.top - 72);
      return;
    }
    var r = trigger.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.min(Math.max(8, r.left + r.width / 2 - width / 2), window.innerWidth - width - 8);
    var below = r.bottom + 8;
    var top = below + box.offsetHeight > window.innerHeight && r.top - box.offsetHeight - 8 > 0
      ? r.top - box.offsetHeight - 8 : below;
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function show(trigger) {
    clearTimeout(hideTimer);
    var source = contentFor(trigger);
    if (!source) return;
    var box = element();
    if (current && current !== trigger) current.removeAttribute("data-rr-open");
    current = trigger;
    trigger.setAttribute("data-rr-open", "");
    fill(box, trigger, source);
    box.hidden = false;
    place(box, trigger);
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (popover) popover.hidden = true;
    if (current) current.removeAttribute("data-rr-open");
    current = null;
  }

  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, HIDE_DELAY);
  }

  function triggerOf(event) {
    return event.target instanceof Element ? event.target.closest(TRIGGERS) : null;
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    var trigger = triggerOf(event);
    // A tap focuses the link before its click: remember whether it was already open.
    openAtTap = Boolean(trigger && current === trigger && popover && !popover.hidden);
    if (current && !trigger && !(popover && popover.contains(event.target))) hide();
  }, true);

  document.addEventListener("pointerover", function (event) {
    var trigger = triggerOf(event);
    if (!trigger || event.pointerType !== "mouse") return;
    clearTimeout(hideTimer);
    clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(trigger); }, SHOW_DELAY);
  });

  document.addEventListener("pointerout", function (event) {
    var trigger = triggerOf(event);
    if (trigger && event.pointerType === "mouse" && !trigger.contains(event.relatedTarget)) scheduleHide();
  });

  document.addEventListener("focusin", function (event) {
    var trigger = triggerOf(event);
    if (trigger) show(trigger);
    else if (current && !(popover && popover.contains(event.target))) hide();
  });

  document.addEventListener("focusout", function (event) {
    if (triggerOf(event) && lastPointer !== "touch") scheduleHide();
  });

  document.addEventListener("click", function (event) {
    var trigger = triggerOf(event);
    if (!trigger || lastPointer !== "touch") return;
    if (!openAtTap) {
      event.preventDefault();
      show(trigger);
      openAtTap = true;
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      hide();
    }
  });

  window.addEventListener("resize", function () { if (current) place(element(), current); });
})();
