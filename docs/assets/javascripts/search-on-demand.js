/*
 * Rupture & Repair: load search only when a reader opens it.
 *
 * Material for MkDocs fetches the whole search index (about 90 KB gzipped, more
 * than the rest of a chapter's first visit) and starts its search worker on
 * every page load over http(s). Most visits never search, and many readers are
 * on phones, so this script, which runs just before Material's bundle, holds
 * both back until the search box is opened (focused, its header button pressed,
 * "/" or "s" typed, or a ?q= link followed) or a page opened from a search result
 * (?h=) needs it to highlight the words searched for:
 *
 * - the request for search/search_index.json is opened but not sent until then;
 * - the search worker is started at its first message, which Material sends
 *   only once the index has arrived.
 *
 * Over file:// (the offline copy) Material already waits for the search box to
 * open before it reads the index, and this script is not included there.
 * If Material stops asking for the index this way, nothing is held back and
 * search works as before; tests/browser check both the saving and the search.
 */
(function () {
  "use strict";

  var INDEX = "search/search_index.json";
  var WORKER = /\/workers\/search\.[^/]*\.js(\?|$)/;

  var opened = false;
  var waiting = [];

  function open() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }

  function isIndex(url) {
    try {
      return new URL(url, document.baseURI).pathname.slice(-INDEX.length) === INDEX;
    } catch (error) {
      return false;
    }
  }

  // The index request: opened now, sent when search opens.
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.rrSearchIndex = isIndex(url);
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.rrSearchIndex && !opened) {
      var request = this;
      var args = arguments;
      waiting.push(function () { xhrSend.apply(request, args); });
      return undefined;
    }
    return xhrSend.apply(this, arguments);
  };

  // The worker: a stand-in that starts the real one at its first message.
  var RealWorker = window.Worker;
  if (typeof RealWorker === "function" && typeof EventTarget === "function") {
    var OnDemandWorker = function (url, options) {
      var target = new EventTarget();
      var real = null;
      target.postMessage = function (data, transfer) {
        if (!real) {
          real = new RealWorker(url, options);
          real.addEventListener("message", function (event) {
            target.dispatchEvent(new MessageEvent("message", { data: event.data }));
          });
          real.addEventListener("error", function (event) {
            target.dispatchEvent(new ErrorEvent("error", { message: event.message }));
          });
        }
        return transfer ? real.postMessage(data, transfer) : real.postMessage(data);
      };
      target.terminate = function () {
        if (real) real.terminate();
      };
      return target;
    };
    window.Worker = function (url, options) {
      if (WORKER.test(String(url))) return OnDemandWorker(url, options);
      return new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  // Search opens: Material ticks its search toggle (a checkbox) whenever the
  // box gets focus or its button is pressed, and for a ?q= link.
  document.addEventListener("change", function (event) {
    var toggle = event.target;
    if (toggle && toggle.getAttribute && toggle.getAttribute("data-md-toggle") === "search" && toggle.checked) {
      open();
    }
  }, true);
  document.addEventListener("focusin", function (event) {
    var form = event.target && event.target.closest && event.target.closest("form[name=search]");
    if (form) open();
  }, true);

  // A page opened from a search result (?h=...) highlights the words searched for,
  // which needs the index.
  if (new URL(location.href).searchParams.has("h")) open();
})();
