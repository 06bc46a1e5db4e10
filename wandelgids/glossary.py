"""The glossary (woordenlijst): hard words explained where they stand.

Staff keep the words in `woordenlijst.yml` (web editor: "Woordenlijst"), each with

    - term: facetgewrichten          # as the glossary shows it
      varianten: [facetgewricht]     # other forms on the pages: singular, plural, compound
      uitleg: "Kleine gewrichten ..." # the site's own explanation, plain Dutch
      zoekwoorden: [wervelgewrichten] # everyday words that must find the pages (not shown)
      reviewed: ""                   # date of the clinic's review; empty = concept
      reviewer: ""                   # role of the reviewer, as on pages

The Python-Markdown extension (`wandelgids.glossary`, no MkDocs, so Zensical renders it
too) turns every occurrence of a term or variant in a page's running text (also with
an ending: "zenuwwortel" in "zenuwwortels") into a button that opens the explanation
in a popover: the HTML `popover` attribute, no script and no inline style, so it works
under the site's strict CSP, on touch, with the keyboard (Enter, Escape) and in screen
readers (the button reports expanded/collapsed). The explanations sit at the end of the
page, outside the article's sentences and outside the search text (data-search-exclude);
each carries its review line. Headings, links, code, buttons, FAQ questions and the
calculator widgets are left alone; a term only in a heading gets a one-line
"Wat betekent ...?" right under that heading.

A paragraph holding only `WOORDENLIJST` (on docs/woordenlijst.md) becomes the full list,
each word with the pages it stands on.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from calculators.text import date as dutch_date
from .front_matter import FRONT_MATTER, REVIEWER_ROLES

FILE = "woordenlijst.yml"
PAGE = "woordenlijst.md"
MARKER = "WOORDENLIJST"
POPOVER_CLASS = "wg-term-popover"
BUTTON_CLASS = "wg-term"
# Never explained inside these: headings keep their text (and the menu/toc), links and
# buttons cannot hold a button, code is code, a FAQ question is a <summary>.
SKIP_TAGS = {"a", "code", "pre", "kbd", "samp", "script", "style", "button", "summary", "abbr", "label",
             "select", "option", "textarea", "svg", "h1", "h2", "h3", "h4", "h5", "h6"}  # fmt: skip
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
DRAFT = "Concept: deze uitleg is nog niet gecontroleerd door een zorgverlener van het Rugcentrum Hilversum."


@dataclass
class Entry:
    term: str
    explanation: str
    variants: list[str] = field(default_factory=list)
    search_words: list[str] = field(default_factory=list)
    reviewed: dt.date | None = None
    reviewer: str = ""
    line: int = 1

    @property
    def slug(self) -> str:
        return "uitleg-" + re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")

    @property
    def forms(self) -> list[str]:
        return [self.term, *self.variants]

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed is not None and bool(self.reviewer)

    def review_line(self) -> str:
        if self.is_reviewed:
            return f"Uitleg van de Wandelgids, gecontroleerd op {dutch_date(self.reviewed)} door een {self.reviewer}."
        return f"Uitleg van de Wandelgids. {DRAFT}"


# ---- reading the file --------------------------------------------------------------


def _lines(text: str) -> list[int]:
    """The 1-based line of each '- term:' entry, in order."""
    return [i for i, line in enumerate(text.splitlines(), 1) if re.match(r"^\s*-\s+term\s*:", line)]


def _date(value: object) -> dt.date | None | str:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return "bad"


def _words(value: object) -> list[str] | None:
    if value in (None, ""):
        return []
    if isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value):
        return [w.strip() for w in value]
    return None


def parse(text: str, today: dt.date | None = None) -> tuple[list[Entry], list[tuple[int, str, str]]]:
    """The entries and every problem as (line, Dutch problem, Dutch fix)."""
    today = today or dt.date.today()
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return [], [((mark.line + 1) if mark else 1, f"geen geldige YAML ({getattr(error, 'problem', None) or 'onleesbaar'})",
                     "zet elke uitleg tussen aanhalingstekens en houd het inspringen gelijk aan de andere woorden.")]
    if data is None:
        return [], []
    if not isinstance(data, dict) or not isinstance(data.get("termen"), list):
        return [], [(1, "het bestand begint niet met 'termen:' en een lijst woorden", "begin met 'termen:' en zet elk woord op een regel '- term: ...'.")]
    lines = _lines(text)
    entries: list[Entry] = []
    problems: list[tuple[int, str, str]] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(data["termen"]):
        line = lines[index] if index < len(lines) else 1
        if not isinstance(item, dict) or not isinstance(item.get("term"), str) or not item["term"].strip():
            problems.append((line, "dit woord heeft geen 'term'", "schrijf het woord zoals het op de pagina staat, bijvoorbeeld 'term: facetgewrichten'."))
            continue
        term = item["term"].strip()
        explanation = item.get("uitleg")
        if not isinstance(explanation, str) or not explanation.strip():
            problems.append((line, f"'{term}' heeft geen uitleg", "schrijf bij 'uitleg' in een of twee korte zinnen wat het woord betekent."))
            continue
        variants, search = _words(item.get("varianten")), _words(item.get("zoekwoorden"))
        if variants is None or search is None:
            key = "varianten" if variants is None else "zoekwoorden"
            problems.append((line, f"'{term}': '{key}' is geen lijst van woorden", f"schrijf bijvoorbeeld '{key}: [woord, ander woord]' of laat het leeg."))
            continue
        reviewed = _date(item.get("reviewed"))
        reviewer = item.get("reviewer") or ""
        if reviewed == "bad" or (isinstance(reviewed, dt.date) and reviewed > today):
            problems.append((line, f"'{term}': 'reviewed' is geen datum van vandaag of eerder", "schrijf de datum van de controle als JJJJ-MM-DD, of laat het leeg."))
            continue
        if reviewer and reviewer not in REVIEWER_ROLES:
            problems.append((line, f"'{term}': controleur '{reviewer}' is geen bekende rol", f"kies een van: {', '.join(REVIEWER_ROLES)}."))
            continue
        duplicate = next((form for form in [term, *variants] if form.lower() in seen), None)
        if duplicate:
            problems.append((line, f"'{duplicate}' staat al bij '{seen[duplicate.lower()]}'", "haal een van de twee weg: elk woord hoort bij één uitleg."))
            continue
        for form in [term, *variants]:
            seen[form.lower()] = term
        entries.append(Entry(term, " ".join(explanation.split()), variants, search, reviewed, reviewer, line))
    return entries, problems


def load(path: Path, today: dt.date | None = None) -> tuple[list[Entry], list[tuple[int, str, str]]]:
    if not path.exists():
        return [], []
    return parse(path.read_text(encoding="utf-8"), today)


def unreviewed(path: Path) -> list[Entry]:
    """Entries not yet confirmed by a reviewer (for the launch checklist)."""
    return [entry for entry in load(path)[0] if not entry.is_reviewed]


# ---- finding the words -------------------------------------------------------------


class Matcher:
    """Finds every form of every entry at the start of a word (with any ending)."""

    def __init__(self, entries: list[Entry]):
        self.by_form = {form.lower(): entry for entry in entries for form in entry.forms}
        forms = sorted(self.by_form, key=len, reverse=True)  # the longest form wins
        alternatives = "|".join(re.escape(form) for form in forms)
        self.pattern = re.compile(rf"(?<![\w-])(?:{alternatives})\w*", re.IGNORECASE) if forms else None

    def entry(self, word: str) -> Entry:
        lowered = word.lower()
        return next(self.by_form[form] for form in sorted(self.by_form, key=len, reverse=True) if lowered.startswith(form))

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.pattern else iter(())

    def is_explained(self, word: str) -> bool:
        """Whether a single word is (the start of) a glossary form."""
        lowered = word.lower()
        return any(lowered.startswith(form) for form in self.by_form)


_MARKDOWN_NOISE = [
    (re.compile(r"^\s{0,3}#{1,6}\s.*$", re.MULTILINE), ""),  # headings
    (re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL), ""),
    (re.compile(r"^///.*?^///\s*$", re.MULTILINE | re.DOTALL), ""),  # calculator blocks
    (re.compile(r"`[^`]*`"), ""),
    (re.compile(r"\[[^\]]*\]\([^)]*\)"), ""),  # links
    (re.compile(r"^\?\?\?\+?\s+\w+\s+\".*\"\s*$", re.MULTILINE), ""),  # FAQ questions
]


def running_text(markdown: str) -> str:
    """A Markdown body without the parts the extension leaves alone (roughly)."""
    for pattern, replacement in _MARKDOWN_NOISE:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def pages_with(entry: Entry, matcher: Matcher, docs_dir: Path) -> list[tuple[str, str]]:
    """(file, title) of every page whose text holds the entry, in file order."""
    found = []
    for path in sorted(docs_dir.glob("*.md")):
        if path.name == PAGE:
            continue
        text = path.read_text(encoding="utf-8-sig")
        match = FRONT_MATTER.match(text)
        meta = (yaml.safe_load(match["yaml"] or "") if match else {}) or {}
        body = text[match.end():] if match else text
        if any(matcher.entry(m[0]) is entry for m in matcher.finditer(running_text(body))):
            found.append((path.name, str(meta.get("nav_title") or meta.get("title") or path.stem)))
    return found


# ---- the Markdown extension -------------------------------------------------------


def _popover(entry: Entry) -> etree.Element:
    # Each popover is left out of the search index itself: Material's search parser forgets an
    # exclusion when any nested element of the same tag closes, so the wrapper's alone is not
    # enough (the explanations would count as the last section's text, and outrank pages).
    box = etree.Element("div", {"popover": "auto", "id": entry.slug, "class": POPOVER_CLASS, "data-search-exclude": ""})
    title = etree.SubElement(box, "p", {"class": f"{POPOVER_CLASS}__term"})
    etree.SubElement(title, "strong").text = entry.term[0].upper() + entry.term[1:]
    etree.SubElement(box, "p").text = entry.explanation
    review = etree.SubElement(box, "p", {"class": f"{POPOVER_CLASS}__review" + ("" if entry.is_reviewed else " wg-draft")})
    review.text = entry.review_line()
    actions = etree.SubElement(box, "p", {"class": f"{POPOVER_CLASS}__actions"})
    link = etree.SubElement(actions, "a", {"href": f"{PAGE}#{entry.slug}"})
    link.text = "Alle woorden in de woordenlijst"
    close = etree.SubElement(actions, "button", {"type": "button", "class": "md-button", "popovertarget": entry.slug,
                                                 "popovertargetaction": "hide"})  # fmt: skip
    close.text = "Sluiten"
    return box


def _button(word: str, entry: Entry) -> etree.Element:
    button = etree.Element("button", {"type": "button", "class": BUTTON_CLASS, "popovertarget": entry.slug})
    button.text = word
    return button


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md, entries: list[Entry], docs_dir: Path):
        super().__init__(md)
        self.entries = entries
        self.matcher = Matcher(entries)
        self.docs_dir = docs_dir

    def _split(self, text: str, used: list[Entry]) -> tuple[str, list[etree.Element]]:
        """text -> (the text before the first term, [buttons, each with the following text as tail])."""
        head, buttons, last = text, [], 0
        for match in self.matcher.finditer(text):
            entry = self.matcher.entry(match[0])
            if entry not in used:
                used.append(entry)
            button = _button(match[0], entry)
            if buttons:
                buttons[-1].tail = text[last:match.start()]
            else:
                head = text[:match.start()]
            buttons.append(button)
            last = match.end()
        if buttons:
            buttons[-1].tail = text[last:]
        return head, buttons

    def _walk(self, element: etree.Element, used: list[Entry]) -> None:
        if element.tag in SKIP_TAGS or "wg-kort__title" in (element.get("class") or ""):
            return
        if element.text:
            element.text, buttons = self._split(element.text, used)
            for offset, button in enumerate(buttons):
                element.insert(offset, button)
        for child in list(element):
            if child.get("class") == BUTTON_CLASS:
                continue
            self._walk(child, used)
            if child.tail:
                child.tail, buttons = self._split(child.tail, used)
                position = list(element).index(child) + 1
                for offset, button in enumerate(buttons):
                    element.insert(position + offset, button)

    def _heading_notes(self, root: etree.Element, used: list[Entry]) -> None:
        """A term that stands only in a heading: 'Wat betekent ...?' right under it."""
        for index, child in reversed(list(enumerate(root))):
            if child.tag not in HEADINGS:
                continue
            text = "".join(child.itertext())
            for match in self.matcher.finditer(text):
                entry = self.matcher.entry(match[0])
                if entry in used:
                    continue
                used.append(entry)
                note = etree.Element("p", {"class": "wg-term-note"})
                note.text = "Wat betekent "
                button = _button(match[0].lower(), entry)
                button.tail = "?"
                note.append(button)
                root.insert(index + 1, note)

    def _glossary_list(self, root: etree.Element) -> bool:
        for index, child in enumerate(root):
            if child.tag == "p" and (child.text or "").strip() == MARKER and not len(child):
                root.remove(child)
                root.insert(index, self._list())
                return True
        return False

    def _list(self) -> etree.Element:
        section = etree.Element("div", {"class": "wg-glossary"})
        for entry in sorted(self.entries, key=lambda e: e.term.lower()):
            heading = etree.SubElement(section, "h2", {"id": entry.slug})
            heading.text = entry.term[0].upper() + entry.term[1:]
            etree.SubElement(section, "p").text = entry.explanation
            if entry.variants:
                etree.SubElement(section, "p", {"class": "wg-glossary__forms"}).text = "Ook: " + ", ".join(entry.variants) + "."
            pages = pages_with(entry, self.matcher, self.docs_dir)
            if pages:
                where = etree.SubElement(section, "p", {"class": "wg-glossary__pages"})
                where.text = "Staat op: "
                for number, (name, title) in enumerate(pages):
                    link = etree.SubElement(where, "a", {"href": name})
                    link.text = title
                    link.tail = ", " if number < len(pages) - 1 else "."
            review = etree.SubElement(section, "p", {"class": "wg-glossary__review" + ("" if entry.is_reviewed else " wg-draft")})
            review.text = entry.review_line()
        return section

    def run(self, root: etree.Element) -> None:
        if not self.entries:
            return
        if self._glossary_list(root):
            return  # the glossary page explains every word in full already
        used: list[Entry] = []
        for child in list(root):
            self._walk(child, used)
        self._heading_notes(root, used)
        if used:
            terms = etree.SubElement(root, "div", {"class": "wg-terms", "data-search-exclude": ""})
            for entry in used:
                terms.append(_popover(entry))


class GlossaryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "file": [FILE, "The glossary file (YAML), relative to the working directory"],
            "docs_dir": ["docs", "The pages, for the glossary page's 'Staat op' links"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Invalid entries are left out here; the content checks report them with file and line.
        entries, _ = load(Path(self.getConfig("file")))
        # After the inline patterns (links exist), before toc reads the headings.
        md.treeprocessors.register(GlossaryTreeprocessor(md, entries, Path(self.getConfig("docs_dir"))), "wandelgids_glossary", 7)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return GlossaryExtension(**kwargs)
