"""Find the inline code in the built pages: hash the scripts, refuse what cannot be hashed.

A Content-Security-Policy without 'unsafe-inline' runs an inline <script> only when
its SHA-256 is listed. Event-handler attributes, javascript: URLs and inline styles
cannot be allowed that way, so a page that has them stops the build.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Script types that are data, not code: the browser never runs them, CSP ignores them.
DATA_TYPES = {"application/json", "application/ld+json", "importmap+json"}


class InlineCodeError(Exception):
    """The pages hold inline code that a strict Content-Security-Policy cannot allow."""


@dataclass
class _Page(HTMLParser):
    path: str
    scripts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self):
        HTMLParser.__init__(self, convert_charrefs=False)
        self._script: list[str] | None = None

    def _where(self) -> str:
        return f"{self.path}:{self.getpos()[0]}"

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{self._where()}: attribuut {name}=\"…\" op <{tag}> (inline JavaScript)")
            elif name == "style":
                self.problems.append(f"{self._where()}: attribuut style=\"…\" op <{tag}> (inline CSS)")
            elif name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"{self._where()}: {name}=\"javascript:…\" op <{tag}>")
        if tag == "style":
            self.problems.append(f"{self._where()}: <style>-element (inline CSS)")
        if tag == "script" and "src" not in attributes:
            kind = (attributes.get("type") or "").strip().lower()
            self._script = None if kind in DATA_TYPES else []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    # Material's scripts contain "&&" and "<"; inside <script> the parser passes them as data.
    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def script_hash(source: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode()


def inline_script_hashes(site: Path) -> list[str]:
    """The distinct 'sha256-…' of every inline script in every page of `site`."""
    hashes: set[str] = set()
    problems: list[str] = []
    for html in sorted(site.rglob("*.html")):
        page = _Page(html.relative_to(site.parent).as_posix())
        page.feed(html.read_text(encoding="utf-8"))
        page.close()
        hashes.update(script_hash(source) for source in page.scripts)
        problems.extend(page.problems)
    if problems:
        raise InlineCodeError(
            "Deze pagina's bevatten inline code die de Content-Security-Policy niet kan toestaan:\n  "
            + "\n  ".join(problems)
            + "\nOplossing: zet JavaScript in een .js-bestand en CSS in een stylesheet "
            "(overrides/assets/), en koppel gedrag via data-attributen."
        )
    return sorted(hashes)
