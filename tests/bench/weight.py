"""Page weight and Lighthouse scores of the built online site, served gzipped from 127.0.0.1.

- ``GzipServer``: a stdlib ``ThreadingHTTPServer`` over a site folder that gzips
  text responses (HTML, CSS, JS, JSON, XML, SVG; level 6, as nginx and most CDNs
  do) when the request's ``Accept-Encoding`` names gzip, and serves 404.html.
- ``first_visits``: Playwright drives Debian's Chromium (never a browser
  download); each page is opened in a fresh browser context (empty cache), and
  every finished request is summed by type: its ``Content-Length``, the body as
  it came over the wire (gzipped where the server gzipped it), headers left out;
  ``request.sizes()["responseBodySize"]`` when a response has none. Requests from
  the page's workers (the search worker and its index) count too.
- ``lighthouse``: npm ``lighthouse`` at a pinned version, run through ``npx --yes``
  (fetched into npm's cache on first use, so ``npm ci`` and package.json stay
  lean), mobile (its default), against the same server.
"""

from __future__ import annotations

import gzip
import http.server
import json
import os
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LIGHTHOUSE = "lighthouse@13.5.0"
LIGHTHOUSE_CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
KINDS = ("html", "css", "js", "fonts", "images", "other")

_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                 "application/manifest+json")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text gzipped when the client accepts it (compressed once per file)."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".json": "application/json", ".svg": "image/svg+xml",
                      ".xml": "application/xml", ".woff2": "font/woff2", ".webmanifest": "application/manifest+json"}

    def __init__(self, request: Any, client_address: Any, server: GzipServer) -> None:
        super().__init__(request, client_address, server, directory=str(server.site))

    def do_GET(self) -> None:  # noqa: N802 (stdlib's name)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the stdlib's redirect to the folder
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        ctype = self.guess_type(str(path))
        body = path.read_bytes()
        headers = {"Content-Type": ctype + ("; charset=utf-8" if ctype.startswith("text/") else "")}
        if ctype.startswith(_COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.server.gzipped(path, body)  # type: ignore[attr-defined]
            headers["Content-Encoding"] = "gzip"
            headers["Vary"] = "Accept-Encoding"
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib's name)
        pass


class GzipServer(http.server.ThreadingHTTPServer):
    """Serve ``site`` on 127.0.0.1 (a free port unless given); ``url`` is its root. Start with ``start()``.

    The port is taken at once, so a site can be built for ``url`` (its ``site_url``) before it is served.
    """

    daemon_threads = True

    def __init__(self, site: Path | None = None, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _GzipHandler)
        self.site = site
        self._gzipped: dict[Path, bytes] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def gzipped(self, path: Path, body: bytes) -> bytes:
        with self._lock:
            if path not in self._gzipped:
                self._gzipped[path] = gzip.compress(body, compresslevel=6, mtime=0)
            return self._gzipped[path]

    def start(self) -> GzipServer:
        if self.site is None:
            raise ValueError("set the server's site folder before starting it")
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is not None:  # shutdown() waits for serve_forever(), forever if it never ran
            self.shutdown()
            self._thread.join()
        self.server_close()


def kind_of(resource_type: str, content_type: str) -> str:
    """One of KINDS, from the response's Content-Type first and Chromium's resource type second."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "text/html" or resource_type == "document":
        return "html"
    if ctype == "text/css" or resource_type == "stylesheet":
        return "css"
    if "javascript" in ctype or resource_type == "script":
        return "js"
    if ctype.startswith("font/") or resource_type == "font":
        return "fonts"
    if ctype.startswith("image/") or resource_type == "image":
        return "images"
    return "other"


def first_visits(base_url: str, pages: dict[str, str], settle_ms: int = 1500) -> dict[str, dict[str, Any]]:
    """For each page (label -> path under base_url): bytes transferred on a first visit, by kind.

    Returns {label: {"bytes": {kind: n}, "requests": {kind: n}, "files": [(kind, url, n)], "uncompressed_text": n}}.
    """
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, Any]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            for label, path in pages.items():
                context = browser.new_context()  # an empty cache: a first visit
                finished: list[Any] = []
                failed: list[str] = []
                context.on("requestfinished", lambda request: finished.append(request))
                context.on("requestfailed", lambda request: failed.append(request.url))
                page = context.new_page()
                page.goto(base_url + path, wait_until="load")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(settle_ms)  # late requests: the search worker's index, sitemap.xml
                page.wait_for_load_state("networkidle")
                by_kind: dict[str, int] = defaultdict(int)
                count: dict[str, int] = defaultdict(int)
                files = []
                for request in finished:
                    response = request.response()
                    if response is None:
                        continue
                    headers = response.headers
                    # Content-Length is the body as sent (gzipped where it was); Chromium's own count
                    # (sizes()) reads 0 for a worker's script, so it is only the fallback.
                    length = headers.get("content-length", "")
                    size = int(length) if length.isdigit() else request.sizes()["responseBodySize"]
                    kind = kind_of(request.resource_type, headers.get("content-type", ""))
                    by_kind[kind] += size
                    count[kind] += 1
                    files.append((kind, request.url[len(base_url):] or "/", size))
                context.close()
                results[label] = {"bytes": dict(by_kind), "requests": dict(count), "files": files,
                                  "failed": failed}
        finally:
            browser.close()
    return results


def lighthouse(url: str, *, timeout: float = 180) -> dict[str, Any]:
    """Lighthouse mobile scores (0-100) for ``url``, and the audits that cost points."""
    with tempfile.TemporaryDirectory(prefix="rr-lighthouse-") as tmp:
        report_path = Path(tmp) / "report.json"
        command = ["npx", "--yes", LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report_path}",
                   f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "npm_config_loglevel": "error",
               "npm_config_update_notifier": "false", "npm_config_fund": "false"}
        started = time.perf_counter()
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
        if result.returncode != 0 or not report_path.is_file():
            tail = (result.stderr or result.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"lighthouse failed on {url}: {' | '.join(tail)}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
    scores = {name: round(100 * report["categories"][name]["score"]) for name in CATEGORIES}
    losses = []
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or ""
                losses.append(f"{name}: {ref['id']} (score {audit['score']:.2f}{', ' + shown if shown else ''})")
    diagnostics = _diagnostics(report["audits"])
    metrics = {key: report["audits"][key].get("numericValue") for key in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
                "speed-index") if key in report["audits"]}
    return {"scores": scores, "losses": losses, "metrics": metrics, "diagnostics": diagnostics,
            "seconds": time.perf_counter() - started,
            "version": report.get("lighthouseVersion", "?"), "form_factor": report["configSettings"]["formFactor"]}


def _short(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1] or url


def _diagnostics(audits: dict[str, Any]) -> list[str]:
    """The few unscored audits that say why performance is what it is."""
    found = []
    tasks = audits.get("long-tasks", {}).get("details", {}).get("items", [])
    if tasks:
        found.append("main-thread long tasks " + ", ".join(
            f"{_short(str(t.get('url', '?')))} {t.get('duration', 0):.0f} ms" for t in tasks[:4]))
    blocking = audits.get("render-blocking-insight", {})
    items = blocking.get("details", {}).get("items", [])
    if items and blocking.get("displayValue"):
        found.append(f"render-blocking ({blocking['displayValue']}): "
                     + ", ".join(_short(str(i.get("url", "?"))) for i in items if isinstance(i, dict) and "url" in i))
    unused = audits.get("unused-css-rules", {})
    if unused.get("displayValue"):
        found.append(f"unused CSS: {unused['displayValue']}")
    return found
