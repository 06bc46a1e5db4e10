"""A page's YAML front matter, read the way MkDocs reads it, with line numbers.

The content checks need to say on which line a field stands, and the navigation
needs the menu fields before any generator has read the page.

Whatever bytes a .md file holds, read_page returns a Page: a mistake becomes
`page.error` (the line of the mistake itself and a Dutch problem) with
`page.error_fix` (how to repair it), never an exception or a YAML parser's English.
The YAML is read by a restricted safe loader: no tags (`!!int`), no anchors or
aliases (`&x`, `*x`, which can expand a few hundred bytes into millions), a
bounded size and depth, dates that exist and numbers of a sensible length.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

# Same shape as MkDocs' (mkdocs.utils.meta): '---' line, YAML, '---' or '...' line.
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
OPENING = re.compile(r"\A-{3}[ \t]*(?:\n|\Z)")
KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:")

# The fields every page has (the web editor's form is generated from these too).
REQUIRED = ("title", "description", "reviewed", "reviewer")
# A page of the site's own text that no care provider has checked yet says so with
# `concept: true` instead of a review date: the page foot then says it is a draft
# (never a review that did not happen), and the launch checklist lists the page.
REVIEW_FIELDS = ("reviewed", "reviewer")
CONCEPT = "concept"


def is_concept(meta: dict) -> bool:
    return meta.get(CONCEPT) is True
MAX_DESCRIPTION = 160  # search engines cut off the rest of a meta description
# Who may review a page; the page foot says "gecontroleerd door een <reviewer>".
REVIEWER_ROLES = ("chiropractor", "fysiotherapeut", "oefentherapeut", "manueel therapeut")

# Bounds that keep reading any file fast and small (a real page is a few KB).
MAX_PAGE_BYTES = 2_000_000
MAX_FRONT_MATTER_CHARS = 20_000
MAX_DEPTH = 8  # menu fields and search words need two levels at most
MAX_INT_DIGITS = 18  # beyond this no front matter number means anything

GENERAL_FIX = (
    "schrijf per regel één 'veld: waarde', bijvoorbeeld 'title: Dagschema'; gebruik spaties, geen tabs, "
    "en zet een waarde met een dubbele punt of een # erin tussen aanhalingstekens."
)


class FrontMatterRefused(Exception):
    """A front matter mistake found while reading the YAML: (0-based YAML line, Dutch problem, Dutch fix)."""

    def __init__(self, line: int, problem: str, fix: str):
        super().__init__(problem)
        self.line, self.problem, self.fix = line, problem, fix


class NoReferences:
    """A PyYAML loader mixin: no tags, anchors or aliases, and a depth limit (for any loader below it)."""

    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line if event.start_mark else 0
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            raise FrontMatterRefused(
                line, "de front matter gebruikt een YAML-verwijzing (& of *)",
                "schrijf de waarde gewoon uit: verwijzingen met & en * zijn in de front matter niet toegestaan.",
            )
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.tag is not None and event.tag != "!":
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")[:40]
            raise FrontMatterRefused(
                line, f"de front matter gebruikt een YAML-type-aanduiding ('{tag}')",
                "haal de aanduiding met '!' weg en schrijf alleen de waarde, bijvoorbeeld 'nav_order: 10'.",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise FrontMatterRefused(line, "de front matter is te diep genest",
                                         "schrijf per regel één 'veld: waarde'; een lijst mag als [een, twee].")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class RestrictedBaseLoader(NoReferences, yaml.BaseLoader):
    """Every value a string (calculator options: YAML 1.1 would read 07:30 as 450), nothing that expands."""


class RestrictedLoader(NoReferences, yaml.SafeLoader):
    """PyYAML's safe loader without tags, anchors and aliases, with a depth limit, real dates and sane numbers."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            raise FrontMatterRefused(
                node.start_mark.line, f"'{node.value}' is geen bestaande datum",
                "controleer de dag en de maand (februari heeft 28 dagen, in een schrikkeljaar 29) "
                "en schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-25.",
            ) from None

    def construct_yaml_int(self, node):
        if sum(c.isdigit() for c in node.value) > MAX_INT_DIGITS:
            raise FrontMatterRefused(node.start_mark.line, f"het getal op deze regel heeft meer dan {MAX_INT_DIGITS} cijfers",
                                     "schrijf een kleiner getal, bijvoorbeeld 'nav_order: 50'.")
        return super().construct_yaml_int(node)


RestrictedLoader.add_constructor("tag:yaml.org,2002:timestamp", RestrictedLoader.construct_yaml_timestamp)
RestrictedLoader.add_constructor("tag:yaml.org,2002:int", RestrictedLoader.construct_yaml_int)


@dataclass
class Page:
    """One Markdown file: its front matter, body and where each part starts."""

    path: Path  # as given, e.g. docs/opbouwen.md
    uri: str  # relative to the docs folder, with '/', e.g. opbouwen.md
    text: str
    meta: dict = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)  # 1-based line of each front matter key
    body_start: int = 1  # 1-based line where the Markdown body begins
    error: tuple[int, str] | None = None  # (line, Dutch problem) if the front matter or file is unreadable
    error_fix: str = GENERAL_FIX  # how to repair `error`, Dutch
    has_front_matter: bool = False
    readable: bool = True  # False: not a text file the site can publish (the body is not checked)

    @property
    def body(self) -> str:
        return "\n".join(self.text.split("\n")[self.body_start - 1 :])


def _decode(data: bytes) -> tuple[str | None, tuple[int, str, str] | None]:
    """The text of a .md file, or (line, problem, fix) when it is not a UTF-8 text file of a sane size."""
    if len(data) > MAX_PAGE_BYTES:
        return None, (1, f"het bestand is te groot ({len(data) // 1_000_000} MB; een pagina mag hooguit {MAX_PAGE_BYTES // 1_000_000} MB zijn)",
                      "splits de tekst over meer pagina's, of haal wat er per ongeluk in is geplakt weg.")
    if b"\0" in data:
        return None, (1, "het bestand is geen tekst (het bevat binaire gegevens)",
                      "sla een pagina op als platte tekst (UTF-8); zet afbeeldingen en pdf's als los bestand in docs/ en link ernaar.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, (line, "op deze regel staat een teken dat geen UTF-8 is",
                      "sla het bestand op met de codering UTF-8 (bijvoorbeeld in Kladblok: Opslaan als, Codering: UTF-8), "
                      "of typ de letters met accenten op deze regel opnieuw.")


def read_page(path: Path, docs_dir: Path) -> Page:
    uri = path.relative_to(docs_dir).as_posix()
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is None:
        page = Page(path=path, uri=uri, text="", has_front_matter=True, readable=False)
        page.error, page.error_fix = (1, "het bestand is niet te lezen"), "controleer of het bestand bestaat en niet door een ander programma open staat."
        return page
    text, problem = _decode(data)
    if problem:
        page = Page(path=path, uri=uri, text="", has_front_matter=True, readable=False)
        page.error, page.error_fix = (problem[0], problem[1]), problem[2]
        return page
    text = text.replace("\r\n", "\n")
    page = Page(path=path, uri=uri, text=text)
    match = FRONT_MATTER.match(text)
    if not match:
        if OPENING.match(text):
            _missing_closing(page)
        return page
    page.has_front_matter = True
    page.body_start = text[: match.end()].count("\n") + 1 + (0 if text[: match.end()].endswith("\n") else 1)
    source = match["yaml"] or ""
    lines = source.split("\n")
    for number, line in enumerate(lines, start=2):
        if found := KEY_LINE.match(line):
            key = found["key"]
            if key in page.key_lines:
                page.error = (number, f"het veld '{key}' staat twee keer in de front matter (ook op regel {page.key_lines[key]})")
                page.error_fix = "haal een van de twee regels weg: alleen de laatste zou gelden."
                return page
            page.key_lines[key] = number
    if len(source) > MAX_FRONT_MATTER_CHARS:
        page.error = (2, f"de front matter is te lang ({len(source)} tekens, hooguit {MAX_FRONT_MATTER_CHARS})")
        page.error_fix = "houd bovenaan alleen de velden (title, description, reviewed, reviewer, menu); zet tekst onder de front matter."
        return page
    try:
        meta = yaml.load(source, Loader=RestrictedLoader)  # noqa: S506 - a safe, restricted loader
    except FrontMatterRefused as refused:
        page.error, page.error_fix = (2 + min(refused.line, len(lines) - 1), refused.problem), refused.fix
        return page
    except yaml.MarkedYAMLError as error:
        line, problem, fix = explain_yaml_error(lines, error)
        page.error, page.error_fix = (2 + line, problem), fix
        return page
    except Exception:  # noqa: BLE001 - any other parser failure (RecursionError, ValueError...): a Dutch message, never a traceback
        line, problem, fix = explain_yaml_error(lines, None)
        page.error, page.error_fix = (2 + line, problem), fix
        return page
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        page.error = (2, "de front matter moet bestaan uit regels 'veld: waarde'")
        page.error_fix = "schrijf per regel één 'veld: waarde', bijvoorbeeld 'title: Dagschema' (zonder '-' ervoor)."
        return page
    page.meta = meta
    return page


def _missing_closing(page: Page) -> None:
    """The file opens with '---' but no line '---' closes the front matter."""
    lines = page.text.split("\n")
    last = 1
    for number, line in enumerate(lines[1:], start=2):
        if KEY_LINE.match(line) or (line[:1] in (" ", "\t", "-") and line.strip()):
            last = number
        elif line.strip() and not line.startswith("#"):
            break
    page.has_front_matter = True
    page.readable = False  # MkDocs would publish the fields as text: nothing below is the page's body yet
    page.error = (last + 1 if last + 1 <= len(lines) else last,
                  "de front matter bovenaan wordt niet afgesloten: de regel '---' ontbreekt")
    page.error_fix = f"zet onder de laatste regel 'veld: waarde' (regel {last}) een regel met alleen '---'."


# ---- turning a YAML mistake into the line and words staff need --------------------------

KEY_VALUE = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[^\s:#'\"][^:]{0,200}?)[ \t]*:(?:[ \t]+(?P<value>.*))?$")


def _unclosed(value: str) -> str | None:
    """'no closing' or 'text after' when a quoted value is broken on its own line, else None."""
    quote = value[0]
    rest = value[1:]
    if quote == "'":
        rest = rest.replace("''", "")
        end = rest.find("'")
    else:
        end, escaped = -1, False
        for i, char in enumerate(rest):
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                end = i
                break
    if end < 0:
        return "no closing"
    after = rest[end + 1 :].strip()
    if after and not after.startswith("#"):
        return "text after"
    return None


def _line_problem(line: str, before_blank: bool) -> tuple[str, str] | None:
    """A mistake staff make that is visible on one front matter line, in Dutch (problem, fix)."""
    if "\t" in line[: len(line) - len(line.lstrip())] or re.match(r"^[^'\"]*:\t", line):
        return "op deze regel staat een tab", "vervang de tab door spaties: in de front matter zijn tabs niet toegestaan."
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    match = KEY_VALUE.match(line)
    if not match:
        if line[:1] in (" ", "-"):
            return None  # a list item or continuation: the parser's own line is better
        if before_blank:
            return ("de front matter bovenaan wordt niet afgesloten: de regel '---' ontbreekt",
                    "zet onder de laatste regel 'veld: waarde' een regel met alleen '---'.")
        return ("op deze regel ontbreekt de dubbele punt na de veldnaam",
                "schrijf 'veld: waarde', bijvoorbeeld 'title: Dagschema'.")
    key, value = match["key"].strip(), (match["value"] or "").strip()
    if not value:
        return None
    if value[0] in "\"'":
        problem = _unclosed(value)
        if problem == "no closing":
            return (f"het aanhalingsteken ({value[0]}) aan het begin van de waarde van '{key}' wordt niet gesloten",
                    f"zet aan het eind van de waarde ook een {value[0]}, of haal het aanhalingsteken aan het begin weg.")
        if problem == "text after":
            return (f"na het sluitende aanhalingsteken van '{key}' staat nog tekst",
                    f"zet de hele waarde tussen aanhalingstekens; gebruik binnen \"...\" voor een aanhalingsteken \\\", "
                    "of gebruik het andere soort aanhalingsteken.")
        return None
    if value[0] in "[{":
        close = "]" if value[0] == "[" else "}"
        if value.count(value[0]) != value.count(close):
            return (f"de lijst na '{key}' wordt niet goed gesloten met '{close}'",
                    f"sluit de lijst op dezelfde regel af, bijvoorbeeld '{key}: [een, twee]', of zet een waarde met "
                    f"'{value[0]}' tussen aanhalingstekens.")
        return None
    if value[0] in "@`%&*!|>":
        if value[0] in "|>":
            return None  # a block scalar: valid YAML, the parser judges the lines below
        return (f"de waarde van '{key}' begint met '{value[0]}'",
                f"zet de waarde tussen aanhalingstekens, bijvoorbeeld {key}: \"{value[:30]}\".")
    if ": " in value or value.endswith(":"):
        return (f"in de waarde van '{key}' staat een dubbele punt met een spatie erna",
                f"zet de hele waarde tussen aanhalingstekens, bijvoorbeeld {key}: \"{value[:30]}\".")
    return None


def explain_yaml_error(lines: list[str], error: yaml.MarkedYAMLError | None) -> tuple[int, str, str]:
    """(0-based line in the YAML, Dutch problem, Dutch fix) for a front matter the parser refused."""
    marks = [m.line for m in (getattr(error, "context_mark", None), getattr(error, "problem_mark", None)) if m is not None]
    last = min(max(marks), len(lines) - 1) if marks else len(lines) - 1
    # The parser often notices a mistake lines later (a missing quote runs on); the first
    # line up to there that shows a mistake is where it is.
    blank = None  # the first blank line: where a forgotten closing '---' belongs
    for index, line in enumerate(lines[: last + 1]):
        if found := _line_problem(line, blank is not None):
            return (blank if found[0].startswith("de front matter bovenaan") else index), found[0], found[1]
        if blank is None and not line.strip():
            blank = index
    line = min(marks) if marks else 0
    line = min(line, max(len(lines) - 2, 0)) if lines and not lines[-1] else min(line, len(lines) - 1)
    return max(line, 0), "de front matter is op deze regel niet te lezen", GENERAL_FIX


def read_pages(docs_dir: Path) -> list[Page]:
    """Every Markdown page under docs_dir, in a stable order."""
    return [read_page(path, docs_dir) for path in sorted(docs_dir.rglob("*.md"))]


def as_date(value: object) -> dt.date | None:
    """A front matter date: a YAML date or the same text in quotes (as the web editor may write it)."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
