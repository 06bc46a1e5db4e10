"""Shared fixtures: the built site served from 127.0.0.1 and a real headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from hypothesis import settings

# No timing assertions in the suite: Hypothesis's per-example deadline would fail a
# correct rule on a busy machine.
settings.register_profile("wandelgids", deadline=None)
settings.load_profile("wandelgids")

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        # Never skip: a missing browser is a failure, in CI and locally.
        pytest.fail(f"Chromium not found at {path}; run 'make test', which installs it.")
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".whl": "application/zip",
    }

    def log_message(self, *args):  # keep pytest output readable
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # aborted downloads are expected
        pass


def serve(directory: Path, handler_class=QuietHandler):
    handler = functools.partial(handler_class, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site; built here when the tests run without 'make test'."""
    if not (SITE / "_headers").is_file() or not (SITE / "assets" / "pyodide").is_dir():
        subprocess.run([str(ROOT / ".venv/bin/python"), "scripts/build_pyodide.py"], cwd=ROOT, check=True)
        subprocess.run([str(ROOT / ".venv/bin/mkdocs"), "build", "--strict"], cwd=ROOT, check=True)
        subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "serving", "finish", "site"], cwd=ROOT, check=True)
    return SITE


@pytest.fixture(scope="session")
def nginx_url(site: Path, tmp_path_factory):
    """The site as visitors get it in production: nginx with brotli and the real headers."""
    from serving.nginx import LocalServer

    try:
        server = LocalServer(site, tmp_path_factory.mktemp("nginx"))
    except RuntimeError as error:
        pytest.fail(str(error))  # never skip: a missing nginx is a failure
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def base_url(site: Path):
    """The site from Python's plain test server (no compression, no headers)."""
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Recorder:
    """Every request a page makes, and every uncaught error."""

    def __init__(self, page):
        self.urls: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign(self, base_url: str) -> list[str]:
        return [url for url in self.urls if not url.startswith(base_url) and not url.startswith(("data:", "blob:"))]


@pytest.fixture
def context(browser):
    # No service worker here: page.route() does not see what a service worker fetches, and
    # many tests hold or fake the worker's files that way. tests/test_offline_browser.py
    # runs the service worker in contexts of its own.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", service_workers="block")
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.recorder = Recorder(page)
    return page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict]:
    """WCAG 2.2 A/AA violations that axe-core finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            // Colours still fading (a form switched on when Python is live) are measured at their end.
            await Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => null)));
            const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
            return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
        }""",
        WCAG_TAGS,
    )


# ---- calculators in the browser (shared by the print and plan display tests) ----------

READY = "window.wandelgids.ready"
# The bridge's "ready" stage: when Python could calculate (ms since navigation) and how it started.
READY_STAGE = "wandelgids.stages.find((s) => s.stage === 'ready')"
# How the calculator's Python started: from the kept memory snapshot, or normally.
START = f"wandelgids.ready.then(() => {READY_STAGE}.start)"


def open_live(page, url: str, widget: str) -> None:
    """Open a page and wait until the calculator widget `widget` (its element id) is live."""
    page.goto(url)
    page.evaluate(READY)
    page.wait_for_selector(f"#{widget}[data-state='live']")


def enter(page, selector: str, value: str) -> None:
    """Type a value into a field and confirm it with Enter, as a patient does."""
    page.locator(selector).fill(value)
    page.locator(selector).press("Enter")
