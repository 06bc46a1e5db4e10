"""The MkDocs plugin `wandelgids`: the one adapter between MkDocs and the content features.

Registered as an entry point (pyproject.toml, `mkdocs.plugins`) and listed under
`plugins:` in mkdocs.yml after `search`. It only adapts: the features themselves are
plain Python and Python-Markdown extensions (wandelgids.calculator_block,
wandelgids.content_checks, navigation, search_words, editor), which import nothing
from MkDocs, so that another generator (Zensical) can run them too. What it adds:

- the menu from the pages' front matter, unless mkdocs.yml has its own `nav`;
- the content checks before anything renders: any error stops every build, with all
  of them in Dutch (file, line, fix); warnings (an overdue review) are only told.
  `mkdocs serve` (`make serve`, `make edit`) is the exception: a stopped build would
  leave its server hanging, /admin/ included, so it builds every page as a Dutch page
  with the errors instead (wandelgids.stop_page) until they are fixed;
- the clinic's contact details checked and normalised (extra.contact);
- the compiled Pyodide folder (scripts/build_pyodide.py) and the worker, copied to
  assets/pyodide/<content hash>/; pages with a calculator get that folder's address;
- the web editor (Decap CMS) at /admin/;
- each page's own search words in the search index Material's search plugin wrote;
- a name for Material's search dialog (axe: aria-dialog-name);
- each page's review line, worked out in Python (wandelgids.review_line).

State lives on the plugin instance, rebuilt for every build (`mkdocs serve` reuses it).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from . import content_checks, glossary, navigation, search_words, stop_page
from .calculator_block import EXTENSION_NAME
from .editor import EDIT_URL_ENV, editor_setup
from .front_matter import read_pages
from .load_status import WORKER as WORKER_FILE
from .load_status import load_status
from .review_line import add_review

# One logger for everything the plugin tells. Not below "mkdocs": `--quiet` silences
# that tree, and an overdue review must not count as a warning in `--strict`; what
# must stop the build raises PluginError instead.
log = logging.getLogger("wandelgids")
if not log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("Wandelgids: %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)
    log.propagate = False

CONTACT_FIELDS = ("phone", "email", "address", "website", "booking")
CONTACT_EMPTY = (
    "Let op: de contactgegevens van het Rugcentrum Hilversum zijn nog leeg "
    "(extra.contact in mkdocs.yml: phone, email, address, website, booking). "
    "'Hulp nodig', de voettekst en afgedrukte schema's tonen daarom geen contactblok."
)
# Below the project's folder (the `root` option):
JAVASCRIPTS = Path("overrides/assets/javascripts")
WORKER = JAVASCRIPTS / WORKER_FILE
# What the worker imports besides Pyodide: copied beside it, part of the folder's hash
# (so its static imports name the hashed folder). protocol.js stays in
# assets/javascripts/ as well, for the page's bridge.
PROTOCOL = JAVASCRIPTS / "protocol.js"
# The worker's watch over its own load, and its start from the memory snapshot; only the
# worker imports them.
LOAD_WATCH = JAVASCRIPTS / "load-watch.js"
SNAPSHOT_START = JAVASCRIPTS / "snapshot.js"
WORKER_ONLY_THEME_URIS = (f"assets/javascripts/{WORKER_FILE}", "assets/javascripts/load-watch.js",
                          "assets/javascripts/snapshot.js")
# A page's JSON-LD (wandelgids.faq_schema; it escapes "</" inside, so the first end tag ends it).
STRUCTURED_DATA = re.compile(r'<script type="application/ld\+json">.*?</script>', re.S)
# serving/precompress.py's cache of brotli copies, shared so that each file is compressed once.
PRECOMPRESSED = Path("build/precompressed")
EDITOR = Path("editor")
DECAP = Path("node_modules/decap-cms/dist")
# The bundle, the chunks it loads on demand and its WebAssembly; no source maps.
DECAP_FILES = re.compile(r"^(decap-cms\.js|\d+\.decap-cms\.js|[0-9a-f]+\.wasm|decap-cms\.js\.LICENSE\.txt)$")
SITE_STYLES = re.compile(r"^assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css$")
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Zoeken">'


class WandelgidsConfig(base.Config):
    # The project's folder (overrides/, editor/, node_modules/, build/); empty: the one
    # holding mkdocs.yml. A copy of the content elsewhere names the project here.
    root = c.Type(str, default="")
    # Where scripts/build_pyodide.py writes <version>/, below root.
    pyodide_build = c.Type(str, default="build/pyodide")
    # The web editor at /admin/ (off for benchmarks that measure the pages alone).
    editor = c.Type(bool, default=True)


def runtime_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def content_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def checked_contact(contact: object) -> dict[str, str]:
    """extra.contact with every known field as stripped text; PluginError for what is not a field."""
    contact = contact or {}
    if not isinstance(contact, dict):
        raise PluginError(f"mkdocs.yml: extra.contact moet velden bevatten: {', '.join(CONTACT_FIELDS)}.")
    unknown = sorted(set(contact) - set(CONTACT_FIELDS))
    if unknown:
        raise PluginError(
            f"mkdocs.yml: extra.contact kent '{', '.join(unknown)}' niet. Gebruik alleen: {', '.join(CONTACT_FIELDS)}."
        )
    return {name: str(contact.get(name) or "").strip() for name in CONTACT_FIELDS}


class WandelgidsPlugin(BasePlugin[WandelgidsConfig]):
    def __init__(self):
        super().__init__()
        self.pyodide_dir: str | None = None  # assets/pyodide/<hash>/, or None before build_pyodide ran
        self.pyodide_files: list[Path] = []
        self.pyodide_load: str | None = None  # JSON of the folder's file sizes (load_status.py)
        self.head_data: dict[str, str] = {}  # src_uri -> the page's JSON-LD blocks, for the head
        self.page_words: dict[str, list[str]] = {}  # page URL -> its valid `zoekwoorden`
        self.calculator_pages: set[str] = set()  # src_uri of each page with a calculator widget
        self._rendering: str | None = None  # src_uri of the page whose Markdown is being converted
        self.root = Path()
        self.serving = False  # under `mkdocs serve`: content errors give the stop page, not a stopped build
        self.stopped: list[content_checks.Finding] = []  # this build's content errors, while serving

    def on_startup(self, *, command, dirty):
        # (Having on_startup keeps this instance across `mkdocs serve`'s rebuilds; every
        # build resets its own state in on_config and on_pre_build.)
        self.serving = command == "serve"

    # ---- configuration ---------------------------------------------------------------

    def on_config(self, config):
        if config.nav is None:
            config.nav = navigation.mkdocs_nav(read_pages(Path(config.docs_dir))) or None
        config.extra["contact"] = checked_contact(config.extra.get("contact"))
        if not any(config.extra["contact"].values()):
            log.info(CONTACT_EMPTY)
        self.root = Path(self.config.root or Path(config.config_file_path).parent).resolve()
        self._find_pyodide()
        # The calculator block extension tells which page it put a widget in.
        if EXTENSION_NAME in config.markdown_extensions:
            config.mdx_configs.setdefault(EXTENSION_NAME, {})["record"] = self._record_calculators
        return config

    def _find_pyodide(self) -> None:
        folder = self.root / self.config.pyodide_build
        builds = sorted(p for p in folder.glob("*/") if (p / "pyodide-lock.json").is_file())
        self.pyodide_dir, self.pyodide_files, self.pyodide_load = None, [], None
        if builds:
            self.pyodide_files = [*runtime_files(builds[-1]), *(self.root / p for p in (WORKER, PROTOCOL, LOAD_WATCH, SNAPSHOT_START))]
            self.pyodide_dir = f"assets/pyodide/{content_hash(self.pyodide_files)}/"
            # The files' sizes, so the page can say how far their download is.
            self.pyodide_load = load_status(self.pyodide_files, self.root / PRECOMPRESSED)

    # ---- before anything renders -----------------------------------------------------

    def on_pre_build(self, config):
        self.page_words.clear()
        self.calculator_pages.clear()
        templates = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        # Without the readability report: staff read it in `make check-content` and the editor, not in every build log.
        findings = content_checks.check_all(Path(config.docs_dir), templates_dir=templates, readable=False)
        for finding in findings:
            if finding.severity == content_checks.WARNING:
                log.info("%s", finding)  # an overdue review is said, but does not stop the build
        # The errors stop the build themselves, whatever the log level (--quiet) or --strict.
        self.stopped = []
        if stop := content_checks.build_stop_message(findings):
            if not self.serving:
                raise PluginError(stop)
            # MkDocs' live-reload server would hang on a raised error (every request waits
            # for a build that never succeeds): build the stop page instead, see on_files.
            log.error("%s\n\nDe pagina's tonen deze fouten tot ze verbeterd zijn; de web-editor blijft werken.", stop)
            self.stopped = content_checks.errors(findings)

    # ---- files ------------------------------------------------------------------------

    @event_priority(-50)  # after the theme listed its own files (the editor needs its stylesheets)
    def on_files(self, files, config):
        for uri in WORKER_ONLY_THEME_URIS:
            if theme_copy := files.get_file_from_path(uri):
                files.remove(theme_copy)
        for path in self.pyodide_files:
            files.append(File(path.name, str(path.parent), config.site_dir, False, dest_uri=self.pyodide_dir + path.name))
        if self.config.editor:
            self._add_editor(files, config)
        if self.stopped:
            self._stop_pages(files, config)
        return files

    def _stop_pages(self, files, config) -> None:
        """Every page as the Dutch stop page (nothing of the content is rendered); the rest stays."""
        for page in list(files.documentation_pages()):
            files.remove(page)
            depth = page.dest_uri.count("/")
            html = stop_page.render(self.stopped, f"docs/{page.src_uri}", "../" * depth + "admin/" if self.config.editor else None)
            # A source name of its own: the page's address as one would collide with the editor's index.html.
            stop = File.generated(config, f"wandelgids-stop/{page.src_uri}.html", content=html)
            stop.dest_uri = page.dest_uri
            files.append(stop)
        config.nav = []  # no pages to list: the menu would name files that are not built

    def _add_editor(self, files, config) -> None:
        editor, decap = self.root / EDITOR, self.root / DECAP
        if not (decap / "decap-cms.js").is_file():
            raise PluginError("node_modules/decap-cms ontbreekt. Gebruik 'make build': dat installeert eerst de npm-pakketten.")
        for path in sorted(editor.iterdir()):
            files.append(File(path.name, str(editor), config.site_dir, False, dest_uri=f"admin/{path.name}"))
        for path in sorted(decap.iterdir()):
            if DECAP_FILES.match(path.name):
                files.append(File(path.name, str(decap), config.site_dir, False, dest_uri=f"admin/decap/{path.name}"))
        styles = sorted(f.dest_uri for f in files if SITE_STYLES.match(f.dest_uri))
        styles += [uri for uri in config.extra_css if not uri.startswith(("http:", "https:", "//"))]
        settings = config.extra.get("editor") or {}
        templates = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        site_url = os.environ.get(EDIT_URL_ENV) or config.site_url
        setup = editor_setup(settings.get("backend"), site_url, [f"../{uri}" for uri in styles],
                             Path(config.docs_dir), templates)
        files.append(File.generated(config, "admin/config.json", content=json.dumps(setup, ensure_ascii=False, indent=1)))

    # ---- pages ------------------------------------------------------------------------

    def on_page_markdown(self, markdown, page, config, files):
        self._rendering = page.file.src_uri
        add_review(page.meta)  # the review line's dates, for page-foot.html
        words = page.meta.get(search_words.FRONT_MATTER_KEY)
        if words and not search_words.check_page_words(page.meta):
            self.page_words[page.url] = words
        return markdown

    def _record_calculators(self, names: list[str]) -> None:
        if names and self._rendering is not None:
            self.calculator_pages.add(self._rendering)

    def on_page_content(self, html, page, config, files):
        self._rendering = None
        # Structured data goes into the head: Material's instant navigation runs the scripts
        # of a swapped-in page again as JavaScript (it copies no type), which the CSP refuses.
        self.head_data[page.file.src_uri] = "".join(STRUCTURED_DATA.findall(html))
        html = STRUCTURED_DATA.sub("", html)
        if page.file.src_uri in self.calculator_pages and not self.pyodide_dir:
            raise PluginError(
                f"docs/{page.file.src_uri} heeft een rekenhulp, maar build/pyodide/ ontbreekt. "
                "Gebruik 'make build': dat bouwt eerst de rekenhulpen voor Pyodide."
            )
        return html

    def on_page_context(self, context, page, config, nav):
        # main.html loads the calculator scripts only where this is set.
        calculators = page.file.src_uri in self.calculator_pages
        context["wandelgids_pyodide"] = self.pyodide_dir if calculators else None
        context["wandelgids_load"] = self.pyodide_load if calculators else None
        context["wandelgids_head_data"] = self.head_data.get(page.file.src_uri, "")
        return context

    def on_post_page(self, output, page, config):
        return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)

    # ---- after the build --------------------------------------------------------------

    @event_priority(-50)  # after Material's search plugin wrote its index
    def on_post_build(self, config):
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.exists():
            project = Path(config.config_file_path).parent
            synonyms, _ = search_words.load_synonyms(project / search_words.SYNONYMS_FILE)
            # The glossary's everyday words and explanations find the pages that hold its words.
            terms, explanations = search_words.glossary_words(glossary.load(project / glossary.FILE)[0])
            for form, words in terms.items():
                synonyms[form] = [*synonyms.get(form, []), *words]
            search_words.augment_file(index, self.page_words, synonyms, explanations)
