"""Browser fixtures: Debian's Chromium through Playwright, a local server, request recording.

Never a browser download: Playwright drives /usr/bin/chromium. Without it the
browser tests are skipped with the command to install it, except under
``CI=true``, where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from builtsite import SITE_PATH, BuildResult

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        message = "Debian's chromium is missing: install it with `sudo apt-get install chromium` (or run ./run test as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site under its real path (site_url's), with its 404 page, quietly."""

    def translate_path(self, path: str) -> str:
        if path.startswith(SITE_PATH):
            path = "/" + path[len(SITE_PATH):]
        else:
            path = "/__outside_the_site__"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib's name)
        pass


@pytest.fixture(scope="session")
def online_url(online_site: BuildResult) -> Iterator[str]:
    """The online site served over HTTP on loopback, as a reader's browser would get it."""
    handler = functools.partial(_SiteHandler, directory=str(online_site.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SITE_PATH}"
    server.shutdown()
    server.server_close()


@dataclass
class RecordedPage:
    """A browser tab that remembers every request it made."""

    page: object
    origin: str
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        allowed = ("file://",) if self.origin == "file://" else (self.origin, "data:", "blob:")
        return [url for url in self.requests if not url.startswith(allowed) and not url.startswith(("data:", "blob:"))]


@pytest.fixture
def open_tab(browser: object) -> Iterator[object]:
    """Open a new tab (phone or desktop sized, light or dark) that records its requests."""
    contexts = []

    def _open(origin: str, *, phone: bool = False, dark: bool = False) -> RecordedPage:
        options: dict = {"color_scheme": "dark" if dark else "light", "reduced_motion": "reduce"}
        if phone:
            options.update(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                           is_mobile=True, has_touch=True)
        else:
            options.update(viewport={"width": 1280, "height": 900})
        context = browser.new_context(**options)  # type: ignore[attr-defined]
        contexts.append(context)
        page = context.new_page()
        recorded = RecordedPage(page, origin)
        page.on("request", lambda request: recorded.requests.append(request.url))
        return recorded

    yield _open
    for context in contexts:
        context.close()
