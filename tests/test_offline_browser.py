"""Offline after the first visit (issue 16): the service worker in Chromium, under nginx
with the production headers, on a copy of the built site (the update test changes a page
and writes the service worker again, as a new build does)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import time

import pytest
from conftest import AXE, READY, START, Recorder, axe_violations, enter
from playwright.sync_api import expect

from serving import offline
from serving.nginx import LocalServer
from calculators.text import date as dutch_date

SITE_URL = "https://wandelgids.rugcentrumhilversum.nl/"
KEPT = "(path) => document.documentElement.dataset.wandelgidsKept === path"
# Every cache of the origin: {cache name: [URL path of each entry]}.
CACHES = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    found[name] = (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname);
  }
  return found;
}"""
PROGRESSION = "[data-calculator='progression']"
TEXT_PAGE = "veelgemaakte-fouten"
NEW_HEADING = "Nieuwe kop na de wijziging"
# True when `name` is the service worker's only cache (the browser checks for a new worker
# on each load); the rekenhulp worker's own cache (the memory snapshot) may be there too.
ONLY_CACHE = """async ([name, worker]) => (await caches.keys()).filter((key) => key !== worker).join() === name"""
# When the origin's one cache kept `path` (x-wandelgids-kept), or null.
KEPT_AT = """async (path) => {
  const copy = await caches.match(new URL(path, location.href));
  return copy ? copy.headers.get("x-wandelgids-kept") : null;
}"""
# Generous: the service worker waits a few seconds for a hanging network (PATIENCE_MS).
PATIENT = 60_000


def settles(page, check: str, arg, timeout_ms: int = PATIENT) -> None:
    """Until the async JavaScript `check(arg)` is true. Playwright's wait_for_function does not
    await a promise (it is truthy at once), so the polling is here, each look a short evaluate."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(check, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true after {timeout_ms} ms: {check} ({arg})")
        page.wait_for_timeout(100)


WRITTEN_AT = [0.0]  # the time write() gave the last file it wrote


def write(path, text: str) -> None:
    """Change a built file as a new build would; its compressed copies go (nginx would send them).
    Each write is a second later than the last: nginx's ETag and Last-Modified are the file's size and
    time in whole seconds, so a file of the same size rewritten within the second (the service
    worker with another version) answered the browser's update check with 304, and the new
    build's worker never came (the CI hang of stop 23)."""
    path.write_text(text, encoding="utf-8")
    WRITTEN_AT[0] = max(time.time(), WRITTEN_AT[0] + 1)
    os.utime(path, (WRITTEN_AT[0], WRITTEN_AT[0]))
    for suffix in (".br", ".gz"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def change_heading(copy) -> None:
    """A content change to the text page, as a new build writes it."""
    built = copy / TEXT_PAGE / "index.html"
    write(built, re.sub(r"(<h1[^>]*>)[^<]+", rf"\1{NEW_HEADING}", built.read_text(encoding="utf-8"), count=1))


def visit_text_page(page, url: str) -> None:
    """The text page, until the service worker has kept it (it is registered and in control)."""
    page.goto(url + TEXT_PAGE + "/")
    page.wait_for_function(KEPT, arg=f"/{TEXT_PAGE}/")


def rebuild_worker(copy) -> dict:
    found = offline.write(copy)
    write(copy / offline.NAME, (copy / offline.NAME).read_text(encoding="utf-8"))
    return found


@pytest.fixture
def served(site, tmp_path):
    """(URL, folder, nginx's access log): a copy of the site under nginx. Its sitemap names
    the server's own address, so Material's instant navigation works there as on the real site."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    server = LocalServer(copy, tmp_path / "nginx")
    sitemap = copy / "sitemap.xml"
    write(sitemap, sitemap.read_text(encoding="utf-8").replace(SITE_URL, server.url))
    rebuild_worker(copy)
    yield server.url, copy, tmp_path / "nginx" / "access.log"
    server.stop()


@pytest.fixture
def patient(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", service_workers="allow")
    page = context.new_page()
    page.recorder = Recorder(page)
    yield context, page
    context.close()


def test_a_visited_calculator_page_works_offline_with_its_remembered_plan(served, patient):
    url, _, access_log = served
    context, page = patient
    visit_text_page(page, url)  # a text page first; the calculator page comes by instant navigation
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary a.md-nav__link[href*='opbouwen/']").first.click()
    page.wait_for_selector(f"{PROGRESSION}[data-state='live']")
    widget = page.locator(PROGRESSION)
    widget.get_by_label("Onthoud mijn gegevens op dit apparaat").check()
    enter(page, f"{PROGRESSION} input[name='current_minutes']", "20")
    expect(widget.locator("[data-result='summary']")).to_contain_text("van 20 naar 30")
    page.wait_for_function(KEPT, arg="/opbouwen/")
    assert page.evaluate("window.__sameDocument") is True

    # The editor: never kept, and it still loads (the worker leaves /admin/ to the browser).
    admin = context.new_page()
    admin.goto(url + "admin/")
    admin.wait_for_function("document.body.innerText.length > 20")
    admin.close()
    kept = page.evaluate(CACHES)
    manifest = offline.manifest(served[1])
    # The service worker's cache and the rekenhulp worker's (only this build's snapshot).
    assert len(kept) == 2 and kept[manifest["worker_cache"]] == manifest["worker_kept"]
    assert not [path for paths in kept.values() for path in paths if path.startswith("/admin/")]

    context.set_offline(True)
    before = len(access_log.read_text(encoding="utf-8").splitlines())
    page.reload()
    page.evaluate(READY)
    # Offline too, Python comes back from the snapshot kept on the first visit, and the worker
    # read the runtime from the service worker's kept copies itself (no request for it at all).
    assert page.evaluate(START) == {"restored": True, "source": "cache-storage"}
    assert page.evaluate("wandelgids.stages[0].adopted") is True  # started by the page's head
    fetched = [entry["name"] for entry in page.evaluate("wandelgids.workerResources")]
    assert not [name for name in fetched if name.endswith(("/pyodide.asm.wasm", "/python_stdlib_used.zip"))]
    widget = page.locator(PROGRESSION)
    expect(widget).to_have_attribute("data-state", "live")
    assert widget.locator("input[name='current_minutes']").input_value() == "20"
    expect(widget.locator("[data-result='summary']")).to_contain_text("van 20 naar 30")
    enter(page, f"{PROGRESSION} input[name='goal_minutes']", "40")
    expect(widget.locator("[data-result='summary']")).to_contain_text("van 20 naar 40")
    note = page.locator(".wg-offline-note")
    expect(note).to_be_visible()
    assert note.inner_text() == f"Je bent offline: dit is de versie van {dutch_date(dt.date.today())}."
    # Nothing reached the server but the browser's own update check of the service worker,
    # which DevTools' offline emulation does not cover (offline it simply fails).
    reached = access_log.read_text(encoding="utf-8").splitlines()[before:]
    assert [line for line in reached if '"GET /service-worker.js ' not in line] == []
    page.evaluate(AXE.read_text(encoding="utf-8"))  # through DevTools: the page's CSP stays as served
    assert axe_violations(page) == []

    # Offline, instant navigation to the other page visited before: swapped in, with its note.
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary a.md-nav__link[href*='veelgemaakte-fouten/']").first.click()
    page.wait_for_url("**/veelgemaakte-fouten/")
    expect(page.locator(".wg-offline-note")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True

    # A page never opened before: the Dutch offline page, at the address asked for.
    response = page.goto(url + "onderzoek/")
    assert response.status == 503
    expect(page.locator("h1")).to_have_text("Je bent offline")
    assert page.url == url + "onderzoek/"
    assert page.recorder.foreign(url) == []
    assert page.recorder.errors == []


def test_a_controlled_page_starts_the_worker_early_but_downloads_only_once_shown(served, patient):
    """A page the service worker controls starts the rekenhulp's worker in its head. With no
    snapshot kept yet (the first visit was to a text page) the worker downloads nothing of
    Pyodide until the bridge says the page is shown (START)."""
    url, _, _ = served
    context, page = patient
    visit_text_page(page, url)  # registered, and in control
    held, requested = [], []
    context.on("request", lambda request: requested.append(request.url))
    context.route("**/assets/javascripts/calculators.js", lambda route: held.append(route))  # the bridge, held back
    page.goto(url + "opbouwen/", wait_until="commit")
    page.wait_for_function(
        "() => (window.wandelgidsEarlyWorker?.messages || []).some((text) => JSON.parse(text).stage === 'waiting')"
    )
    assert any(address.endswith("/pyodide.mjs") for address in requested)  # the worker's own imports are seen
    assert [a for a in requested if a.endswith((".wasm", ".zip", "/pyodide.asm.js", "/pyodide-lock.json"))] == []
    held[0].continue_()
    page.wait_for_selector(f"{PROGRESSION}[data-state='live']")
    assert page.evaluate("wandelgids.stages[0].adopted") is True
    assert page.evaluate(START) == {"restored": False, "fallback": None, "cached": False}
    assert page.recorder.errors == []


def test_a_new_build_shows_at_once_online_and_replaces_the_cache(served, patient):
    url, copy, _ = served
    context, page = patient
    visit_text_page(page, url)
    (old_cache,) = page.evaluate(CACHES)
    # The rekenhulp worker's cache with this build's snapshot and an earlier build's.
    manifest = offline.manifest(copy)
    (snapshot,) = manifest["worker_kept"]
    earlier = snapshot.replace("/assets/pyodide/", "/assets/pyodide/0ld0ld0ld0ld")
    page.evaluate(
        """async ([name, paths]) => {
            const cache = await caches.open(name);
            for (const path of paths) await cache.put(path, new Response("snapshot"));
        }""",
        [manifest["worker_cache"], [snapshot, earlier]],
    )  # fmt: skip

    # A content change and a new build (the page and the service worker with its manifest).
    change_heading(copy)
    new = rebuild_worker(copy)
    assert f"wandelgids-{new['version']}" != old_cache

    page.reload()
    expect(page.locator("h1")).to_contain_text("Nieuwe kop na de wijziging")  # the next load, online
    settles(page, ONLY_CACHE, [f"wandelgids-{new['version']}", new["worker_cache"]])  # the new build's worker took over
    page.wait_for_function(KEPT, arg="/veelgemaakte-fouten/")
    caches = page.evaluate(CACHES)
    kept = caches[f"wandelgids-{new['version']}"]
    assert "/veelgemaakte-fouten/" in kept and "/503.html" in kept
    assert set(kept) <= set(new["files"])  # this build's files, nothing else
    assert caches[new["worker_cache"]] == [snapshot]  # the earlier build's snapshot is gone

    context.set_offline(True)
    page.reload()
    expect(page.locator("h1")).to_contain_text("Nieuwe kop na de wijziging")
    expect(page.locator(".wg-offline-note")).to_be_visible()


def test_a_visited_page_opens_from_its_kept_copy_when_the_network_hangs(served, patient):
    url, _, _ = served
    context, page = patient
    visit_text_page(page, url)
    kept_before = page.evaluate(KEPT_AT, "/veelgemaakte-fouten/")

    # One bar, a captive portal: every request is accepted and never answered.
    hanging = []
    context.route("**/*", lambda route: hanging.append(route))
    page.reload(timeout=PATIENT)
    expect(page.locator("h1")).to_be_visible(timeout=PATIENT)
    note = page.locator(".wg-offline-note")
    expect(note).to_be_visible(timeout=PATIENT)
    assert note.inner_text() == f"De verbinding is traag: dit is de versie van {dutch_date(dt.date.today())}."
    # The network was asked for the page; the files it needs came from the kept copies at once.
    assert [route.request.url for route in hanging if route.request.service_worker] == [url + "veelgemaakte-fouten/"]

    # The network's answer, when it comes at last, is kept: the next visit is fresh.
    for route in list(hanging):
        route.continue_()
    context.unroute_all()  # and what came meanwhile
    settles(page, "async ([path, before]) => (await (" + KEPT_AT + ")(path)) !== before", ["/veelgemaakte-fouten/", kept_before])
    page.reload()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".wg-offline-note")).to_be_hidden()
    assert page.recorder.errors == []


def test_a_slow_network_that_answers_in_time_gives_the_fresh_page(served, patient):
    url, copy, _ = served
    context, page = patient
    visit_text_page(page, url)
    change_heading(copy)

    def slow(route):  # well within the service worker's 4 s (PATIENCE_MS), then the answer
        time.sleep(1)
        route.continue_()

    context.route("**/veelgemaakte-fouten/", slow)
    page.reload(timeout=PATIENT)
    expect(page.locator("h1")).to_contain_text("Nieuwe kop na de wijziging", timeout=PATIENT)
    expect(page.locator(".wg-offline-note")).to_be_hidden()
