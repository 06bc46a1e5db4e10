"""A page's YAML front matter, read the way MkDocs reads it, with line numbers.

The content checks need to say on which line a field stands, and the navigation
needs the menu fields before any generator has read the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# Same shape as MkDocs' (mkdocs.utils.meta): '---' line, YAML, '---' or '...' line.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
# libyaml's loader when PyYAML has it: same types as MkDocs' SafeLoader, several times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:")

# The fields every page has (the web editor's form is generated from these too).
REQUIRED = ("title", "description", "reviewed", "reviewer")
MAX_DESCRIPTION = 160  # search engines cut off the rest of a meta description
# Who may review a page; the page foot says "gecontroleerd door een <reviewer>".
REVIEWER_ROLES = ("chiropractor", "fysiotherapeut", "oefentherapeut", "manueel therapeut")
REVIEW_MONTHS = 12  # a review is due twelve months after the last one


@dataclass
class Page:
    """One Markdown file: its front matter, body and where each part starts."""

    path: Path  # as given, e.g. docs/opbouwen.md
    uri: str  # relative to the docs folder, with '/', e.g. opbouwen.md
    text: str
    meta: dict = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # 1-based line of each front matter key
    body_start: int = 1  # 1-based line where the Markdown body begins
    error: tuple[int, str] | None = None  # (line, Dutch problem) if the front matter is unreadable
    has_front_matter: bool = False

    @property
    def body(self) -> str:
        return "\n".join(self.text.split("\n")[self.body_start - 1 :])


def read_page(path: Path, docs_dir: Path) -> Page:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    page = Page(path=path, uri=path.relative_to(docs_dir).as_posix(), text=text)
    match = FRONT_MATTER.match(text)
    if not match:
        return page
    page.has_front_matter = True
    page.body_start = text[: match.end()].count("\n") + 1 + (0 if text[: match.end()].endswith("\n") else 1)
    source = match["yaml"] or ""
    for number, line in enumerate(source.split("\n"), start=2):
        if found := KEY_LINE.match(line):
            page.key_lines.setdefault(found["key"], number)
    try:
        meta = yaml.load(source, Loader=LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or "onleesbare YAML"
        line = min(mark.line, max(source.count("\n") - 1, 0)) if mark else 0  # libyaml may point past the end
        page.error = (2 + line, f"de front matter is geen geldige YAML ({problem})")
        return page
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        page.error = (2, "de front matter moet bestaan uit regels 'veld: waarde'")
        return page
    page.meta = meta
    return page


def read_pages(docs_dir: Path) -> list[Page]:
    """Every Markdown page under docs_dir, in a stable order."""
    return [read_page(path, docs_dir) for path in sorted(docs_dir.rglob("*.md"))]
