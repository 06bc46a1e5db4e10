"""Readability report for staff: Flesch-Douma per page, long sentences, long words.

Patient information in the Netherlands aims at B1 (Thuisarts.nl): short sentences,
everyday words. This module tells staff, per page, where the text is hard, as
warnings (never errors: staff decide, and the article's own sentences stay as they are):

- the Flesch-Douma score (the Dutch Flesch formula, 206.835 - 0.93 x words per sentence
  - 77 x syllables per word) with its meaning in plain Dutch;
- every sentence over 20 words, with its line;
- long words (four syllables or more) that the glossary does not explain and that are
  no names, per line.

Score and syllables come from `textstat` with its Dutch settings (`set_lang("nl")`:
Douma's coefficients, syllables by Pyphen's Dutch hyphenation dictionary), not from code
of our own. The text is the page as a reader meets it: Markdown stripped, headings left
out, each list item its own sentence (a list is read item by item), the "In het kort"
box left out (its sentences are the page's own, counted where they stand).

    python -m wandelgids.readability [docs]   # scores per page and the average
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import textstat

from calculators.text import decimal
from . import glossary
from .front_matter import Page, read_pages

textstat.set_lang("nl")

LONG_SENTENCE = 20  # words
LONG_WORD = 4  # syllables
GOAL = 60  # "standaard": roughly B1

# Flesch reading-ease bands as Dutch readability guides give them for Douma's formula.
BANDS = (
    (90, "zeer makkelijk"),
    (80, "makkelijk"),
    (70, "vrij makkelijk"),
    (60, "standaard: goed te lezen voor de meeste mensen (ongeveer B1)"),
    (50, "vrij moeilijk"),
    (30, "moeilijk"),
    (float("-inf"), "zeer moeilijk"),
)

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
QUESTION = re.compile(r'^\?{3}\+?\s+\w+\s+"(?P<q>.*)"\s*$')
QUOTE = re.compile(r"^\s*>\s?")
KORT_TITLE = re.compile(r"^\s*>\s*\*\*In het kort\*\*\s*$")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
WORD = re.compile(r"[\w’'-]+")


@dataclass
class Unit:
    """A sentence (or list item) as a reader meets it, with the file line it starts on."""

    line: int
    text: str


@dataclass
class PageReport:
    uri: str
    score: float
    line: int  # where the page's text begins
    long_sentences: list[Unit] = field(default_factory=list)
    long_words: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def meaning(self) -> str:
        return meaning(self.score)


def meaning(score: float) -> str:
    return next(label for floor, label in BANDS if score >= floor)


# What _clean takes out of a line, in this order: a link keeps its text; attribute lists,
# HTML tags and emphasis marks go. No part may run past the next opening character: an
# unclosed "<", "[" or "{" repeated through a long paragraph would otherwise make every
# one of them scan to the end of it (quadratic: minutes for a 500 kB page).
MARKUP_REMOVED = (
    (re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)"), r"\1"),
    (re.compile(r"\{:?[^{}]*\}"), ""),
    (re.compile(r"<[^<>]+>"), ""),
    (re.compile(r"[*_`]"), ""),
)


def _clean(text: str) -> str:
    for pattern, replacement in MARKUP_REMOVED:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def units(body: str, first_line: int = 1) -> list[Unit]:
    """The sentences and list items of a Markdown body, each with its file line."""
    found: list[Unit] = []
    block: list[tuple[int, str]] = []  # the lines of the current paragraph or list item

    def flush():
        if block:
            text = _clean(" ".join(t for _, t in block))
            line = block[0][0]
            for sentence in SENTENCE_END.split(text):
                if sentence.strip() and sentence.strip() != glossary.MARKER:
                    found.append(Unit(line, sentence.strip()))
            block.clear()

    in_fence = in_block = in_kort = False
    for number, raw in enumerate(body.split("\n"), start=first_line):
        if FENCE.match(raw):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        if raw.startswith("///"):
            in_block = raw.strip() != "///" or not in_block
            flush()
            continue
        if in_block:
            continue
        if KORT_TITLE.match(raw):
            flush()
            in_kort = True
            continue
        if in_kort:
            if QUOTE.match(raw):
                continue
            in_kort = False
        if not raw.strip() or HEADING.match(raw):
            flush()
            continue
        if question := QUESTION.match(raw):
            flush()
            found.append(Unit(number, _clean(question["q"])))
            continue
        text = QUOTE.sub("", raw)
        if LIST_ITEM.match(text):
            flush()
            text = LIST_ITEM.sub("", text)
        block.append((number, text.strip()))
    flush()
    return found


def words(text: str) -> list[str]:
    return [w.strip("'’-") for w in WORD.findall(text) if any(c.isalpha() for c in w)]


def score_text(sentences: list[str]) -> float:
    """textstat's Flesch-Douma for these sentences, each ended as a sentence."""
    text = " ".join(s if s[-1:] in ".?!" else s.rstrip(":;,") + "." for s in sentences)
    return round(textstat.flesch_reading_ease(text), 1)


def names(pages: list[Page]) -> set[str]:
    """Words written with a capital inside a sentence somewhere on the site: names."""
    found: set[str] = set()
    for page in pages:
        for unit in units(page.body):
            for word in words(unit.text)[1:]:
                if word[:1].isupper():
                    found.add(word.lower())
    return found


def page_report(page: Page, matcher: glossary.Matcher, known_names: set[str]) -> PageReport | None:
    found = units(page.body, page.body_start)
    if not found:
        return None
    report = PageReport(page.uri, score_text([u.text for u in found]), found[0].line)
    reported: set[str] = set()
    for unit in found:
        unit_words = words(unit.text)
        if len(unit_words) > LONG_SENTENCE:
            report.long_sentences.append(unit)
        hard = []
        # Words the glossary explains here, multi-word terms ("manuele therapie") too, are not hard.
        unexplained = words(matcher.pattern.sub(" ", unit.text) if matcher.pattern else unit.text)
        for word in unexplained:
            lowered = word.lower()
            if lowered in reported or lowered in known_names:
                continue
            if textstat.syllable_count(word) >= LONG_WORD:
                hard.append(word)
                reported.add(lowered)
        if hard:
            report.long_words.append((unit.line, hard))
    return report


def reports(docs_dir: Path) -> list[PageReport]:
    pages = [p for p in read_pages(docs_dir) if not p.error and p.uri != glossary.PAGE]
    entries, _ = glossary.load(docs_dir.parent / glossary.FILE)
    matcher = glossary.Matcher(entries)
    known = names(pages)
    return [r for page in pages if (r := page_report(page, matcher, known))]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    docs_dir = Path(args[0] if args else "docs")
    found = reports(docs_dir)
    for report in found:
        print(f"{report.score:6.1f}  {report.uri}  ({report.meaning})")
    if found:
        average = sum(r.score for r in found) / len(found)
        print(f"{average:6.1f}  gemiddeld over {len(found)} pagina's; laagste {min(r.score for r in found):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


# ---- for the content checks ---------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w’']+", " ", text.lower()).split())


def kort_problems(page: Page) -> list[tuple[int, str]]:
    """Sentences of the 'In het kort' box that stand nowhere else on the page."""
    lines = page.body.split("\n")
    box: list[tuple[int, str]] = []
    rest: list[str] = []
    inside = False
    for number, raw in enumerate(lines, start=page.body_start):
        if KORT_TITLE.match(raw):
            inside = True
            continue
        if inside and QUOTE.match(raw):
            text = LIST_ITEM.sub("", QUOTE.sub("", raw)).strip()
            if text:
                box.append((number, text))
            continue
        inside = False
        rest.append(raw)
    page_text = _normal(" ".join(u.text for u in units("\n".join(rest))))
    problems = []
    for number, text in box:
        for sentence in SENTENCE_END.split(_clean(text)):
            if sentence and _normal(sentence) not in page_text:
                problems.append((number, f"'In het kort': de zin '{sentence[:60]}' staat verder niet op deze pagina"))
    return problems


def findings(docs_dir: Path) -> list[tuple[str, int, str, str]]:
    """The readability report as (file, line, Dutch message, Dutch fix): warnings only."""
    found: list[tuple[str, int, str, str]] = []
    by_uri = {p.uri: p for p in read_pages(docs_dir)}
    for report in reports(docs_dir):
        where = f"{docs_dir.name}/{report.uri}"
        score = decimal(report.score)
        advice = ("prima zo" if report.score >= GOAL else
                  "kortere zinnen en opsommingen als lijst maken een pagina makkelijker; de zinnen van het artikel blijven zoals ze zijn")
        found.append((where, report.line, f"leesbaarheid (Flesch-Douma): {score}, dat is {report.meaning}; "
                      f"{GOAL} of meer is goed te lezen voor de meeste patiënten", advice + "."))
        for unit in report.long_sentences:
            found.append((where, unit.line, f"lange zin ({len(words(unit.text))} woorden, meer dan {LONG_SENTENCE}): '{unit.text[:70]}...'",
                          "splits de zin, of maak van een opsomming een lijst met dezelfde woorden."))
        for line, hard in report.long_words:
            found.append((where, line, f"lange woorden zonder uitleg: {', '.join(hard)}",
                          f"kies een korter woord, of zet het woord met een uitleg in {glossary.FILE} (de woordenlijst)."))
        for line, problem in kort_problems(by_uri[report.uri]):
            found.append((where, line, problem, "kies een zin die op de pagina staat en neem hem letterlijk over."))
    return found
