"""Content checks for the Wandelgids pages: plain Python, no MkDocs.

One module for the build (the MkDocs plugin, wandelgids.mkdocs_plugin), the web editor workflow and
`make check-content`. It reads docs/ and lists every problem at once, in Dutch,
each with the file, the line and how to fix it:

- front matter: title, description (at most 160 characters), reviewed (a date, not in
  the future), reviewer (one of the roles), menu fields;
- a review more than 12 months ago (a warning: it does not stop the build);
- calculator blocks (the same parser as the Markdown extension);
- FAQ question blocks that Markdown would break (wandelgids.faq_check);
- images without alt text, headings that skip a level, more than one '#' heading,
  an empty page, a page no menu reaches, internal links and anchors that lead nowhere.

    python -m wandelgids.content_checks [docs]
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.toc import slugify

import calculators

from . import faq_check, glossary, line_scan, navigation, readability, search_words
from .calculator_block import anchors as block_anchors
from .calculator_block import parse_blocks, sentence
from calculators.rules import REVIEW_MONTHS, next_review
from calculators.text import amount
from calculators.text import date as dutch_date

from .dates import build_day
from .front_matter import CONCEPT, MAX_DESCRIPTION, REQUIRED, REVIEW_FIELDS, REVIEWER_ROLES, Page, as_date, is_concept, read_pages

ERROR = "fout"
WARNING = "waarschuwing"
DUE_SOON_DAYS = 30  # a review due within this many days is announced (a warning), like an overdue one

FENCE = re.compile(r"^[ \t]{0,40}(```|~~~)")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    path: str  # as staff see it, e.g. docs/opbouwen.md
    line: int
    message: str  # what is wrong, Dutch
    fix: str  # how to fix it, Dutch
    severity: str = ERROR

    def __str__(self) -> str:
        label = "waarschuwing: " if self.severity == WARNING else ""
        return f"{self.path}:{self.line}: {label}{sentence(self.message)}\n  Oplossing: {self.fix}"


@dataclass
class Body:
    """A page's Markdown body, with what the link checks need from it."""

    lines: list[tuple[int, str]]  # (1-based file line, text) outside code fences and calculator blocks
    anchors: set[str] = field(default_factory=set)
    links: list[tuple[int, str, str]] = field(default_factory=list)  # (line, target, 'link' or 'afbeelding')


def _display(page: Page, docs_dir: Path) -> str:
    return f"{docs_dir.name}/{page.uri}"


# ---- front matter -----------------------------------------------------------------


_as_date = as_date


def _shown(value: object, limit: int = 60) -> str:
    """A front matter value quoted in a message: short, on one line."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_front_matter(page: Page, where: str, today: dt.date, due_days: int = DUE_SOON_DAYS) -> list[Finding]:
    def at(key: str) -> int:
        return page.key_lines.get(key, 1)

    if not page.has_front_matter:
        return [
            Finding(
                where, 1, "de pagina heeft geen front matter (de gegevens bovenaan)",
                "zet bovenaan, tussen twee regels '---', de regels 'title: ...', 'description: ...', "
                "'reviewed: 2026-11-25' en 'reviewer: chiropractor'.",
            )
        ]
    if page.error:
        line, problem = page.error
        return [Finding(where, line, problem, page.error_fix)]
    meta = page.meta
    found: list[Finding] = []
    examples = {
        "title": "'title: Titel van de pagina'",
        "description": "'description: Eén of twee zinnen over de pagina.'",
        "reviewed": f"'reviewed: {today.isoformat()}' (de datum van de laatste inhoudelijke controle)",
        "reviewer": f"'reviewer: {REVIEWER_ROLES[0]}' (de rol van wie de pagina controleerde)",
    }
    concept = is_concept(meta)
    if meta.get(CONCEPT) not in (None, "", True, False):
        found.append(Finding(where, at(CONCEPT), f"'{CONCEPT}' is geen ja of nee",
                             f"schrijf '{CONCEPT}: true' (nog niet gecontroleerd) of haal de regel weg."))
    for key in REQUIRED:
        if concept and key in REVIEW_FIELDS:
            continue  # a draft has no review yet; the launch checklist lists it
        if meta.get(key) in (None, ""):
            found.append(Finding(where, 1, f"'{key}' ontbreekt in de front matter", f"voeg {examples[key]} toe tussen de regels '---' bovenaan."))
    for key in ("title", "description"):
        if meta.get(key) not in (None, "") and not isinstance(meta[key], str):
            found.append(
                Finding(where, at(key), f"'{key}' is geen tekst", f"schrijf na '{key}:' gewone tekst; zet een getal of een datum "
                        f"tussen aanhalingstekens, bijvoorbeeld {key}: \"2025\".")
            )
    if concept and meta.get("reviewed") not in (None, ""):
        found.append(Finding(where, at(CONCEPT), f"de pagina heeft een controledatum en staat ook op '{CONCEPT}: true'",
                             f"is de pagina gecontroleerd, haal dan de regel '{CONCEPT}: true' weg.", WARNING))
    description = meta.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        found.append(
            Finding(
                where, at("description"), f"de description is {len(description)} tekens lang (hooguit {MAX_DESCRIPTION})",
                f"kort hem in tot hooguit {MAX_DESCRIPTION} tekens: zoekmachines knippen de rest af.",
            )
        )
    reviewed = meta.get("reviewed")
    if reviewed not in (None, ""):
        day = _as_date(reviewed)
        if day is None:
            found.append(Finding(where, at("reviewed"), f"'reviewed' ({_shown(reviewed)}) is geen datum", "schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-25."))
        elif day > today:
            found.append(
                Finding(where, at("reviewed"), f"'reviewed' ({day.isoformat()}) ligt in de toekomst",
                        "vul de datum in waarop de pagina echt is gecontroleerd: vandaag of eerder.")
            )
        elif due := _review_due(where, at("reviewed"), day, today, due_days, "page"):
            found.append(due)
    reviewer = meta.get("reviewer")
    if reviewer not in (None, "") and str(reviewer) not in REVIEWER_ROLES:
        found.append(
            Finding(where, at("reviewer"), f"'reviewer' ({_shown(reviewer)}) is geen bekende rol", f"kies een van: {', '.join(REVIEWER_ROLES)}.")
        )
    # Empty menu fields (as the web editor may write them) mean "not set".
    if meta.get("nav_order") not in (None, "") and navigation.nav_order(page) is None:
        found.append(
            Finding(where, at("nav_order"), f"'nav_order' ({_shown(meta['nav_order'])}) is geen heel getal",
                    "geef een heel getal, bijvoorbeeld 'nav_order: 50'; een lager getal staat hoger in het menu.")
        )
    if meta.get("nav_title") not in (None, "") and not isinstance(meta["nav_title"], str):
        found.append(
            Finding(where, at("nav_title"), f"'nav_title' ({_shown(meta['nav_title'])}) is geen tekst",
                    "zet de naam tussen aanhalingstekens, bijvoorbeeld nav_title: \"2025\".")
        )
    return found


# ---- body: calculator blocks, headings, images, empty page ---------------------------


_heading_text = line_scan.heading_text


def read_body(page: Page, where: str) -> tuple[Body, list[Finding]]:
    """The body's content lines and anchors, and the problems with its blocks, headings and images."""
    raw = page.body.split("\n")
    first = page.body_start
    found: list[Finding] = []
    blocks, problems = parse_blocks(raw)
    for problem in problems:
        found.append(Finding(where, first + problem.line, f"rekenhulpblok: {problem.message}", problem.fix))
    skip = set()
    for block in blocks:
        skip.update(range(block.start, block.end))
    # Lines of broken blocks: skip from their opening line to their closing '///'.
    lines: list[tuple[int, str]] = []
    in_fence = False
    in_block = False
    for index, text in enumerate(raw):
        if FENCE.match(text[:50]):
            in_fence = not in_fence
            continue
        if in_fence or index in skip:
            continue
        if text.startswith("///"):
            in_block = not in_block if text.strip() == "///" else True
            continue
        if in_block:
            continue
        lines.append((first + index, text))

    body = Body(lines)
    ids: set[str] = set()
    body.anchors.update(block_anchors(blocks))
    level_before = 1  # the page title is the top level, even without a '#' heading
    top_headings = 0
    previous = ""
    has_text = bool(blocks)
    previous_is_heading = False
    counted: dict[str, int] = {}
    for line, text in lines:
        heading = line_scan.atx_heading(text)
        underline = line_scan.setext_underline(text)
        setext = underline if underline and not previous_is_heading and line_scan.can_be_setext_text(previous) else None
        previous_is_heading = heading is not None
        if heading or setext:
            level = heading[0] if heading else (1 if setext == "=" else 2)
            raw_text = heading[1] if heading else previous.strip()
            if explicit := line_scan.heading_id(raw_text):
                anchor = explicit
            else:
                anchor = line_scan.unique_anchor(slugify(_heading_text(raw_text), "-"), ids, counted)
            ids.add(anchor)
            body.anchors.add(anchor)
            if level == 1:
                top_headings += 1
                if top_headings > 1:
                    found.append(
                        Finding(where, line, f"tweede kop met één '#' ('{_shown(_heading_text(raw_text))}'): een pagina heeft één hoofdtitel",
                                "maak er een tussenkop van met '##'.")
                    )
            elif level > level_before + 1:
                found.append(
                    Finding(
                        where, line, f"de kop '{_shown(_heading_text(raw_text))}' springt van niveau {level_before} naar {level}",
                        f"gebruik {'#' * (level_before + 1)} (niveau {level_before + 1}): schermlezers gebruiken de koppen als inhoudsopgave.",
                    )
                )
            level_before = level
        elif text.strip() and not underline:
            has_text = True
        previous = text
        if "id=" in text:
            body.anchors.update(line_scan.html_ids(text))
        for link in line_scan.links(text):
            if link.image and not link.text.strip():
                found.append(
                    Finding(where, line, f"afbeelding '{_shown(link.target)}' heeft geen alt-tekst",
                            "beschrijf tussen de [ ] wat de afbeelding laat zien, bijvoorbeeld ![Wandelaar in het bos](wandelaar.jpg).")
                )
            body.links.append((line, link.target, "afbeelding" if link.image else "link"))
        if "<img" in text.lower() and (count := line_scan.html_images_without_alt(text)):
            what = "afbeelding (<img>)" if count == 1 else f"{count} afbeeldingen (<img>)"
            found.append(Finding(where, line, f"{what} zonder alt-tekst", "zet in de tag alt=\"...\" met wat de afbeelding laat zien."))
        if target := line_scan.reference(text):
            body.links.append((line, target, "link"))

    for line, message, fix in faq_check.problems(lines):
        found.append(Finding(where, line, message, fix))
    if not has_text and not line_scan.without_comments("\n".join(t for _, t in lines)).strip().lstrip("#").strip():
        found.append(Finding(where, page.body_start, "de pagina is leeg", "schrijf de tekst van de pagina onder de front matter, of verwijder het bestand."))
    elif not has_text:
        found.append(Finding(where, page.body_start, "de pagina heeft alleen koppen en geen tekst", "schrijf tekst onder de kop, of verwijder het bestand."))
    return body, found


# ---- links, anchors and the menu -----------------------------------------------------


def _resolve(page: Page, target: str) -> tuple[str, str]:
    """(page-relative target resolved against the docs folder, anchor)."""
    path, _, anchor = target.partition("#")
    if not path:
        return page.uri, anchor
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.uri), path)), anchor


def check_links(page: Page, where: str, body: Body, bodies: dict[str, Body], docs_dir: Path) -> tuple[list[Finding], set[str]]:
    """Problems with the page's internal links, and the pages it links to."""
    found: list[Finding] = []
    reached: set[str] = set()
    pages = sorted(bodies)
    resolved: dict[str, tuple[str, str]] = {}
    for line, target, kind in body.links:
        if not target or EXTERNAL.match(target[:100]):
            continue
        if target.startswith("/"):
            found.append(Finding(where, line, f"{kind} '{target}' begint met '/'", "link naar het bestand vanaf deze pagina, bijvoorbeeld 'opbouwen.md'."))
            continue
        if target not in resolved:
            resolved[target] = _resolve(page, target)
        path, anchor = resolved[target]
        if path.endswith(".md"):
            if path not in bodies:
                found.append(
                    Finding(where, line, f"{kind} '{target}' leidt nergens heen: de pagina '{path}' bestaat niet",
                            f"link naar een bestaande pagina: {', '.join(pages[:15])}.")
                )
                continue
            reached.add(path)
            if anchor and anchor not in bodies[path].anchors:
                known = ", ".join(sorted(bodies[path].anchors)[:15]) or "(geen)"
                here = path == page.uri
                found.append(
                    Finding(where, line, f"{kind} '{target}' leidt nergens heen: "
                            + ("deze pagina heeft" if here else f"'{path}' heeft") + f" geen onderdeel '#{anchor}'",
                            f"gebruik een kop van {'deze' if here else 'die'} pagina: {known}.")
                )
        elif path.endswith("/") or "." not in posixpath.basename(path):
            found.append(Finding(where, line, f"{kind} '{target}' wijst naar een map, niet naar een pagina",
                                 "link naar het .md-bestand, bijvoorbeeld 'opbouwen.md'."))
        elif not _is_file(docs_dir / path):
            found.append(Finding(where, line, f"{kind} '{target}' leidt nergens heen: het bestand '{path}' bestaat niet",
                                 f"zet het bestand in {docs_dir.name}/ of verbeter de naam."))
    return found, reached


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL in it
        return False


def check_reachable(pages: list[Page], where: dict[str, str], links: dict[str, set[str]]) -> list[Finding]:
    """Pages that neither the menu nor a link from a reachable page leads to."""
    reached = {item.uri for item in navigation.menu(pages)}
    todo = list(reached)
    while todo:
        for target in links.get(todo.pop(), ()):
            if target not in reached:
                reached.add(target)
                todo.append(target)
    return [
        Finding(where[page.uri], page.key_lines.get("title", 1), "geen menu of link bereikt deze pagina",
                "geef de pagina een plek in het menu met 'nav_order: 50' in de front matter (lager staat hoger), "
                "of link ernaar vanaf een pagina die wel bereikbaar is.")
        for page in pages
        if page.uri not in reached and page.has_front_matter and not page.error
    ]


def check_site(docs_dir: Path, today: dt.date | None = None, templates_dir: Path | None = None,
               readable: bool = True) -> list[Finding]:
    """Every problem in every page under docs_dir, in file and line order.

    templates_dir: the theme's custom templates (links they make to pages are checked too);
    by default the 'overrides' folder beside docs_dir, when there is one.
    readable: with the readability report (warnings only; wandelgids.readability).
    """
    today = today or build_day()
    pages = read_pages(docs_dir)
    where = {page.uri: _display(page, docs_dir) for page in pages}
    found: list[Finding] = []
    bodies: dict[str, Body] = {}
    for page in pages:
        found += check_front_matter(page, where[page.uri], today)
        if not page.readable:  # not text, or its front matter never ends: there is no body to check
            bodies[page.uri] = Body([])
            continue
        bodies[page.uri], problems = read_body(page, where[page.uri])
        found += problems
    links: dict[str, set[str]] = {}
    for page in pages:
        problems, links[page.uri] = check_links(page, where[page.uri], bodies[page.uri], bodies, docs_dir)
        found += problems
    found += check_reachable(pages, where, links)
    found += check_search_words(docs_dir)
    if templates_dir is None and (docs_dir.parent / "overrides").is_dir():
        templates_dir = docs_dir.parent / "overrides"
    if templates_dir is not None:
        found += check_templates(Path(templates_dir), docs_dir, set(bodies))
    found += check_glossary(docs_dir, today)
    if readable:
        found += [Finding(*item, severity=WARNING) for item in readability.findings(docs_dir)]
    return sorted(found, key=lambda f: (f.path, f.line))

def check_glossary(docs_dir: Path, today: dt.date) -> list[Finding]:
    """The glossary file (wandelgids.glossary): errors, since a broken entry is left out of the site."""
    _, problems = glossary.load(docs_dir.parent / glossary.FILE, today)
    return [Finding(glossary.FILE, line, problem, fix) for line, problem, fix in problems]


def check_all(docs_dir: Path, today: dt.date | None = None, templates_dir: Path | None = None,
              readable: bool = True) -> list[Finding]:
    """What the build, the pipeline and `make check-content` check: every page, the templates' links, the calculators' rules.

    readable: with the readability report (the build leaves it out of its log)."""
    return check_site(docs_dir, today, templates_dir, readable) + check_calculators(today)


def build_stop_message(findings: list[Finding]) -> str | None:
    """The Dutch message that stops a build, with every error in it; None when nothing stops it."""
    problems = errors(findings)
    if not problems:
        return None
    count = amount(len(problems), "fout", "fouten")
    return (f"De site wordt niet gebouwd: {count} in de inhoud. Verbeter ze en probeer het opnieuw.\n\n"
            + "\n".join(str(f) for f in problems))


# ---- links that the templates make (footer, disclaimer, "neem contact op") ------------

TEMPLATE_LINK = re.compile(r"""['"](?P<target>/?[\w./-]{0,200})['"]\s{0,5}\|\s{0,5}url\b|default\(\s{0,5}['"](?P<default>/[\w./-]{0,200})['"]""")
MAX_TEMPLATE_LINE = 2000


def template_links(templates_dir: Path) -> list[tuple[str, int, str, list[str]]]:
    """The pages the templates link to: (template as staff see it, line, target, the page files it can be)."""
    found = []
    for template in sorted(templates_dir.rglob("*.html")):
        where = f"{templates_dir.name}/{template.relative_to(templates_dir).as_posix()}"
        try:
            lines = template.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            for match in TEMPLATE_LINK.finditer(line[:MAX_TEMPLATE_LINE]):
                target = (match["target"] if match["target"] is not None else match["default"]).lstrip("/")
                if target not in ("", ".") and not target.endswith("/"):
                    continue  # a file (script, style sheet), not a page
                stem = target.rstrip("/").removesuffix(".").rstrip("/")
                found.append((where, number, target, ["index.md"] if not stem else [f"{stem}.md", f"{stem}/index.md"]))
    return found


def check_templates(templates_dir: Path, docs_dir: Path, pages: set[str]) -> list[Finding]:
    """A page that a template links to must exist: deleting it would break that link on every page."""
    found: list[Finding] = []
    for where, number, target, candidates in template_links(templates_dir):
        if not any(c in pages for c in candidates):
            found.append(
                Finding(
                    where, number,
                    f"de sjabloon linkt naar '{target or '.'}', maar de pagina '{docs_dir.name}/{candidates[0]}' bestaat niet",
                    f"zet {docs_dir.name}/{candidates[0]} terug (de voettekst, de disclaimer of 'neem contact op' linkt ernaar), "
                    f"of laat de beheerder de link in {where} aanpassen.",
                )
            )
    return found


def linked_from(docs_dir: Path, templates_dir: Path | None = None) -> dict[str, list[str]]:
    """For each page (as staff see it, e.g. docs/hulp-nodig.md): the other pages and templates that link to it.

    The web editor refuses to delete such a page: the links would lead nowhere and the build would stop.
    """
    pages = read_pages(docs_dir)
    where = {page.uri: _display(page, docs_dir) for page in pages}
    bodies = {page.uri: read_body(page, where[page.uri])[0] if page.readable else Body([]) for page in pages}
    result: dict[str, set[str]] = {}
    for page in pages:
        _, reached = check_links(page, where[page.uri], bodies[page.uri], bodies, docs_dir)
        for target in reached - {page.uri}:
            result.setdefault(f"{docs_dir.name}/{target}", set()).add(where[page.uri])
    if templates_dir is None and (docs_dir.parent / "overrides").is_dir():
        templates_dir = docs_dir.parent / "overrides"
    if templates_dir is not None:
        for template, _, _, candidates in template_links(Path(templates_dir)):
            for candidate in candidates:
                if candidate in bodies:
                    result.setdefault(f"{docs_dir.name}/{candidate}", set()).add(template)
    return {page: sorted(sources) for page, sources in sorted(result.items())}


def check_search_words(docs_dir: Path) -> list[Finding]:
    """`zoekwoorden` in front matter and the site-wide synonyms file (wandelgids.search_words)."""
    synonyms = docs_dir.parent / search_words.SYNONYMS_FILE
    fixes = {
        search_words.SYNONYMS_FILE: "schrijf per regel 'woord uit de tekst: [woorden van patiënten]'; "
        f"zie de uitleg bovenaan {search_words.SYNONYMS_FILE}.",
    }
    page_fix = "schrijf in de front matter bijvoorbeeld 'zoekwoorden: [weekend, zaterdag, zondag]'."
    return [
        Finding(path, line, problem, fixes.get(path, page_fix))
        for path, line, problem in search_words.check_sources(docs_dir, synonyms)
    ]


# ---- the calculators' rules ("Zo rekent deze rekenhulp") ---------------------------


def check_calculators(today: dt.date | None = None, due_days: int = DUE_SOON_DAYS) -> list[Finding]:
    """The rules and their review declared beside each calculator, checked like a page's."""
    today = today or build_day()
    found: list[Finding] = []
    for name in calculators.NAMES:
        source = Path(calculators.source_file(name))
        where = f"calculators/{source.name}"
        lines = source.read_text(encoding="utf-8").splitlines()
        line = next((i for i, text in enumerate(lines, 1) if text.startswith("REVIEW = ")), 1)
        for problem in calculators.rule_problems(name, today):
            found.append(Finding(where, line, problem, "vul RULES en REVIEW aan zoals bij de andere rekenhulpen."))
        review = calculators.describe(name)["review"]
        if review["reviewer"] and review["reviewer"] not in REVIEWER_ROLES:
            found.append(Finding(where, line, f"controleur '{review['reviewer']}' is geen bekende rol",
                                 f"kies een van: {', '.join(REVIEWER_ROLES)}."))  # fmt: skip
        day = _as_date(review["reviewed"])
        if day and day <= today and (due := _review_due(where, line, day, today, due_days, "rules")):
            found.append(due)
    return found


def _review_due(where: str, line: int, day: dt.date, today: dt.date, days: int, kind: str) -> Finding | None:
    """A warning when the review after `day` is overdue or due within `days` days (kind: 'page' or 'rules')."""
    due = next_review(day)
    if due < today:
        if kind == "page":
            return Finding(where, line, f"de laatste inhoudelijke controle ({dutch_date(day)}) is meer dan {REVIEW_MONTHS} maanden geleden",
                           "laat een zorgverlener de pagina nakijken en zet 'reviewed' op de datum van die controle.", WARNING)
        return Finding(where, line, f"de regels zijn voor het laatst gecontroleerd op {dutch_date(day)}, meer dan {REVIEW_MONTHS} maanden geleden",
                       "laat een zorgverlener de regels nakijken en zet REVIEW op de datum van die controle.", WARNING)
    left = (due - today).days
    if left > days:
        return None
    when = "vandaag" if left == 0 else f"over {amount(left, 'dag', 'dagen')}"
    what, field = ("pagina", "'reviewed'") if kind == "page" else ("regels", "REVIEW")
    return Finding(where, line, f"de volgende inhoudelijke controle van de {what} is uiterlijk {dutch_date(due)} ({when})",
                   f"plan de controle met een zorgverlener en zet daarna {field} op de datum ervan.", WARNING)


def reviews_due(docs_dir: Path, days: int = DUE_SOON_DAYS, today: dt.date | None = None) -> list[Finding]:
    """Pages and calculators' rules whose review is overdue or due within `days` days (warnings, for
    the monthly check and `make check-content`), in file and line order."""
    today = today or build_day()
    found = [f for page in read_pages(docs_dir) if page.has_front_matter and not page.error
             for f in check_front_matter(page, _display(page, docs_dir), today, days) if f.severity == WARNING]
    found += [f for f in check_calculators(today, days) if f.severity == WARNING]
    return sorted(found, key=lambda f: (f.path, f.line))


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == ERROR]


def report(findings: list[Finding], page_count: int) -> str:
    if not findings:
        return f"Alle {page_count} pagina's zijn in orde."
    problems = len(errors(findings))
    warnings = len(findings) - problems
    lines = [str(f) for f in findings]
    lines.append(f"\n{amount(problems, 'fout', 'fouten')}, {amount(warnings, 'waarschuwing', 'waarschuwingen')}"
                 f" in {page_count} pagina's.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    docs_dir = Path(args[0] if args else "docs")
    if not docs_dir.is_dir():
        print(f"Map '{docs_dir}' niet gevonden. Geef de map met de pagina's, bijvoorbeeld: docs", file=sys.stderr)
        return 2
    findings = check_all(docs_dir)
    print(report(findings, len(read_pages(docs_dir))))
    return 1 if errors(findings) else 0


if __name__ == "__main__":
    sys.exit(main())
