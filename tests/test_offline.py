"""The service worker's manifest (serving/offline.py): what a build lets the browser keep."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from html import escape as html_escape
from html import unescape as html_unescape

from serving import offline, policy

PREFIX = "self.WANDELGIDS_MANIFEST = "


def shipped(site) -> dict:
    first = (site / offline.NAME).read_text(encoding="utf-8").splitlines()[0]
    return json.loads(first.removeprefix(PREFIX).removesuffix(";"))


def test_the_service_worker_sits_at_the_root_with_this_builds_manifest(site):
    text = (site / offline.NAME).read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    assert first.startswith(PREFIX) and rest == offline.SOURCE.read_text(encoding="utf-8")
    assert shipped(site) == offline.manifest(site)
    assert not (site / offline.THEME_COPY).exists()  # one service worker, scope: the whole site


def test_the_manifest_holds_the_sites_files_byte_for_byte_and_nothing_else(site):
    files = shipped(site)["files"]
    assert files["/opbouwen/"] == hashlib.sha256((site / "opbouwen" / "index.html").read_bytes()).hexdigest()[:16]
    assert "/503.html" in files and "/search/search_index.json" in files
    assert not [key for key in files if key.startswith("/admin/")]  # the editor is never kept
    assert not [key for key in files if key.endswith((".br", ".gz", ".map"))]
    assert "/_headers" not in files and f"/{offline.NAME}" not in files


def test_hashed_files_are_exactly_those_the_headers_let_browsers_keep_a_year(site):
    manifest = shipped(site)
    pyodide = [key for key in manifest["files"] if key.startswith("/assets/pyodide/")]
    assert pyodide and set(pyodide) <= set(manifest["hashed"])
    for key in manifest["files"]:
        immutable = policy.headers_for(key, policy.header_rules([key], []))[policy.CACHE] == policy.IMMUTABLE
        assert (key in manifest["hashed"]) == immutable, key


def test_each_page_needs_what_it_loads_a_calculator_page_the_pyodide_folder(site):
    manifest = shipped(site)
    common = set(manifest["common"])
    assert {"/search/search_index.json", "/assets/javascripts/offline.js"} <= common
    assert "/assets/javascripts/lunr/min/lunr.nl.min.js" in common  # Material's search worker imports it
    folder = {key for key in manifest["files"] if key.startswith("/assets/pyodide/")}
    assert folder <= set(manifest["pages"]["/opbouwen/"])
    assert "/assets/javascripts/calculators.js" in manifest["pages"]["/opbouwen/"]
    assert manifest["pages"]["/veelgemaakte-fouten/"] == []  # a text page: only what every page needs
    assert not folder & common  # a visit to a text page never fetches Pyodide


def test_a_changed_file_is_a_new_version_an_unchanged_build_the_same(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("admin", "pyodide", "*.br", "*.gz"))
    before = offline.manifest(copy)
    assert offline.manifest(copy) == before
    page = copy / "onderzoek" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (nieuw)</h1>", 1), encoding="utf-8")
    after = offline.manifest(copy)
    assert after["version"] != before["version"]
    assert {key for key in after["files"] if after["files"][key] != before["files"][key]} == {"/onderzoek/"}


def test_the_error_pages_root_relative_links_are_read_below_the_sites_path(site):
    files = shipped(site)["files"]
    html = (site / offline.OFFLINE_PAGE).read_text(encoding="utf-8")
    at_root, _ = offline.page_needs(site, "/503.html", html, files)
    assert "/assets/javascripts/offline.js" in at_root
    below = html.replace('="/assets/', '="/gids/assets/').replace('"/assets/javascripts/workers/', '"/gids/assets/javascripts/workers/')
    assert offline.page_needs(site, "/503.html", below, files, root_path="/gids/")[0] == at_root


def test_pyodide_files_the_load_does_not_count_are_kept_only_when_the_browser_has_them(site):
    """A file the page fetches only after its calculator is live (such as a memory snapshot)
    is never downloaded for the cache alone: it is `later`, not needed."""
    files = shipped(site)["files"]
    html = (site / "opbouwen" / "index.html").read_text(encoding="utf-8")
    counted = html_escape(json.dumps({"files": {"pyodide.mjs": [1, 1]}, "steps": []}))
    html = re.sub(r'(name="wandelgids-load" content=")[^"]*', lambda m: m[1] + counted, html)
    needs, later = offline.page_needs(site, "/opbouwen/", html, files)
    folder = {key for key in files if key.startswith("/assets/pyodide/")}
    assert {key for key in folder if key in needs} == {key for key in folder if key.endswith("/pyodide.mjs")}
    assert later == {key for key in folder if not key.endswith("/pyodide.mjs")}
    # The build itself: `later` is what the folder holds beyond the files the page's load counts.
    shipped_html = (site / "opbouwen" / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'name="wandelgids-load" content="([^"]*)"', shipped_html)[1]
    counted = set(json.loads(html_unescape(meta))["files"])
    assert set(shipped(site)["worker_kept"]) == {key for key in folder if key.rsplit("/", 1)[1] not in counted}


def test_the_docs_give_the_wait_for_a_hanging_network_that_the_service_worker_uses():
    patience = int(re.search(r"^const PATIENCE_MS = (\d+);$", offline.SOURCE.read_text(encoding="utf-8"), re.M)[1])
    seconds = patience // 1000
    root = offline.SOURCE.parents[3]
    readme = " ".join((root / "README.md").read_text(encoding="utf-8").split())
    handleiding = " ".join((root / "HANDLEIDING.md").read_text(encoding="utf-8").split())
    assert f"waits at most {seconds} s for the network's answer (`PATIENCE_MS`)" in readme
    assert f"pagina na {seconds} seconden nog niet binnen is" in handleiding
