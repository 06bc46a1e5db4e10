"""The service worker that keeps visited pages usable offline (README, "In the browser").

`write(site)` puts `service-worker.js` at the site's root (so its scope is the whole
site on any static host, no `Service-Worker-Allowed` header needed): the source from
overrides/assets/javascripts/ after one line with this build's manifest:

- `files`: every file of the site a page may use (URL path -> start of its SHA-256),
  so the worker keeps only this build's files, byte for byte;
- `hashed`: the files whose URL changes with their content (the rule policy.py gives
  a year of caching): served from the cache first; everything else from the network first;
- `worker_kept`: files a page fetches only after its calculator is live (those of the
  Pyodide folder that its load status does not count: the memory snapshot). The rekenhulp's
  worker keeps them itself, decoded, in a cache of its own (`worker_cache`:
  wandelgids/load_status.py SNAPSHOT_CACHE), so this worker neither copies nor serves
  them; it only removes other builds' copies from that cache;
- `common`: what every page needs (Material's assets, the search index and its worker);
  `pages`: per page what it needs besides (a calculator page: its modules and the
  Pyodide folder); `offline`: the page for a page never visited;
- `version`: a hash of all of it, so a new build is a new script, which the browser
  installs in place of the old one.

Not in it: the web editor (/admin/), the compressed copies, `_headers`, source maps and
the worker itself.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path

from wandelgids.load_status import SNAPSHOT_CACHE

from . import policy

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "overrides" / "assets" / "javascripts" / "service-worker.js"
NAME = "service-worker.js"
# The theme's copy of the source (MkDocs copies everything under overrides/); only the root's counts.
THEME_COPY = "assets/javascripts/service-worker.js"
# Rendered by MkDocs as an error template (mkdocs.yml, theme.static_templates), so its
# links are root-relative and it works at any address the worker answers with it.
OFFLINE_PAGE = "503.html"
HASH_CHARS = 16
LEFT_OUT = ("admin/", ".well-known/")
LEFT_OUT_SUFFIXES = (".br", ".gz", ".map")
SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"


def url_key(relative: str) -> str:
    """The path a file answers at, below the site's root: 'opbouwen/index.html' -> '/opbouwen/'."""
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative.removesuffix("index.html")
    return "/" + relative


def site_files(site: Path) -> dict[str, str]:
    files = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if (
            not path.is_file() or relative.startswith(LEFT_OUT) or relative.endswith(LEFT_OUT_SUFFIXES)
            or relative in {"_headers", NAME, THEME_COPY}
        ):  # fmt: skip
            continue
        files[url_key(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()[:HASH_CHARS]
    return files


class _References(HTMLParser):
    """What a page loads: stylesheets, scripts, module preloads, icons, images, the Pyodide
    folder (its meta) and Material's search worker (its configuration)."""

    LOADED_LINKS = {"stylesheet", "modulepreload", "icon", "preload"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.folders: list[str] = []
        self.loaded: set[str] | None = None  # the Pyodide files the page's load counts (its meta)
        self._config: list[str] | None = None
        self.config = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and self.LOADED_LINKS & set((attributes.get("rel") or "").split()):
            self.urls.append(attributes.get("href") or "")
        elif tag in {"script", "img"} and attributes.get("src"):
            self.urls.append(attributes["src"])
        elif tag == "meta" and attributes.get("name") == "wandelgids-pyodide":
            self.folders.append(attributes.get("content") or "")
        elif tag == "meta" and attributes.get("name") == "wandelgids-load":
            self.loaded = set(json.loads(attributes.get("content") or "{}").get("files", {}))
        elif tag == "script" and attributes.get("id") == "__config":
            self._config = []

    def handle_data(self, data):
        if self._config is not None:
            self._config.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._config is not None:
            self.config, self._config = "".join(self._config), None


def _resolve(page_key: str, url: str, root_path: str) -> str | None:
    """`url` as written in the page at `page_key`, as a key below the root (`root_path`: the
    site's path, which the error pages' root-relative links start with); None for another origin."""
    if not url or "://" in url or url.startswith(("//", "data:", "#")):
        return None
    path = url.split("#")[0].split("?")[0]
    if path.startswith(root_path):
        path = "/" + path.removeprefix(root_path)
    base = page_key if page_key.endswith("/") else posixpath.dirname(page_key) + "/"
    resolved = posixpath.normpath(posixpath.join(base, path))
    return resolved + "/" if path.endswith("/") and resolved != "/" else resolved


def search_files(site: Path, worker: str | None, material: str) -> list[str]:
    """Material's search: the index, the worker the page names (`material`: the bundle our
    forgiving worker imports from its folder) and the lunr languages Material's worker
    imports for the index's languages (its own rule: the stemmer support and each language
    but English, and lunr.multi for more than one)."""
    if not worker or not (site / SEARCH_INDEX).is_file():
        return []
    found = [f"/{SEARCH_INDEX}", worker]
    if material:
        found.append(posixpath.join(posixpath.dirname(worker), material))
    languages = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8")).get("config", {}).get("lang", [])
    lunr = "/assets/javascripts/lunr/min/"
    if [language for language in languages if language != "en"]:
        found.append(f"{lunr}lunr.stemmer.support.min.js")
        found += [f"{lunr}lunr.{language}.min.js" for language in languages if language != "en"]
    if len(languages) > 1:
        found.append(f"{lunr}lunr.multi.min.js")
    return found


def page_needs(
    site: Path, page_key: str, html: str, files: dict[str, str], root_path: str = "/"
) -> tuple[set[str], set[str]]:
    """(what the page at `page_key` loads, the files of its Pyodide folder that its load does
    not count: fetched only after the calculator is live, such as a memory snapshot)."""
    references = _References()
    references.feed(html)
    references.close()
    needs = {_resolve(page_key, url, root_path) for url in references.urls}
    later = set()
    for folder in references.folders:
        prefix = _resolve(page_key, folder, root_path)
        for key in files:
            if prefix and key.startswith(prefix.rstrip("/") + "/"):
                counted = references.loaded is None or key.rsplit("/", 1)[1] in references.loaded
                (needs if counted else later).add(key)
    if references.config:
        search = json.loads(references.config).get("search") or ""
        material = search.partition("?material=")[2]
        needs |= set(search_files(site, _resolve(page_key, search, root_path), material))
    needs.add(f"/{SITEMAP}")  # instant navigation swaps in only the pages it lists
    return {key for key in needs if key in files and key != page_key}, later


def manifest(site: Path, root_path: str = "/") -> dict:
    """The manifest for the built `site`, served at `root_path` (the path of site_url)."""
    files = site_files(site)
    pages = {
        url_key(path.relative_to(site).as_posix()): path
        for path in sorted(site.rglob("index.html"))
        if not path.relative_to(site).as_posix().startswith(LEFT_OUT)
    }
    found = {key: page_needs(site, key, path.read_text(encoding="utf-8"), files, root_path) for key, path in pages.items()}
    needs = {key: now | later for key, (now, later) in found.items()}
    later = set().union(*(later for _, later in found.values()))
    offline = f"/{OFFLINE_PAGE}"
    offline_needs, _ = page_needs(site, offline, (site / OFFLINE_PAGE).read_text(encoding="utf-8"), files, root_path)
    common = set.intersection(*needs.values()) | offline_needs if needs else offline_needs
    hashed = [key for key in files if policy.PYODIDE_FOLDER.match(key) or policy.MATERIAL_BUNDLE.match(key)]
    body = {
        "files": files,
        "hashed": hashed,
        "worker_kept": sorted(later),
        "worker_cache": SNAPSHOT_CACHE,
        "offline": offline,
        "common": sorted(common),
        "pages": {key: sorted(need - common) for key, need in needs.items()},
    }
    version = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
    return {"version": version, **body}


def write(site: Path, root_path: str = "/", source: Path = SOURCE) -> dict:
    """Write site/service-worker.js for the site as it is now; returns the manifest."""
    (site / THEME_COPY).unlink(missing_ok=True)
    if not (site / OFFLINE_PAGE).is_file():
        raise FileNotFoundError(f"{site / OFFLINE_PAGE} ontbreekt: bouw eerst de site (mkdocs build).")
    found = manifest(site, root_path)
    text = f"self.WANDELGIDS_MANIFEST = {json.dumps(found, separators=(',', ':'))};\n" + source.read_text(encoding="utf-8")
    (site / NAME).write_text(text, encoding="utf-8")
    return found
