"""Plain Dutch (issue 19): the glossary explained where its words stand, "In het kort",
the readability report for staff."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import textstat
from conftest import axe_violations

from wandelgids import glossary, readability
from wandelgids.content_checks import check_site

ROOT = Path(__file__).resolve().parent.parent
ENTRIES, PROBLEMS = glossary.load(ROOT / glossary.FILE)
# The words issue 19 names: each must be in the glossary.
ISSUE_TERMS = (
    "SI-gewrichten", "facetgewrichten", "schijfhydratatie", "deep core", "piekbelasting", "motor control",
    "manuele therapie", "mobiliteit", "doorzakmoment", "triggerpoints", "zenuwwortels", "smeerfunctie",
    "belastbaarheid", "pijncirkel", "interventies", "laagdrempelig", "compressie", "glijbeweging", "bindweefsel",
    "houdingspatronen", "zenuwregulatie", "consistentie", "herstelprikkel", "workout", "lage ademhaling",
    "hoge ademhaling",
)  # fmt: skip
CONTENT_PAGES = sorted(p.stem for p in (ROOT / "docs").glob("*.md"))


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["toc", "pymdownx.details", "wandelgids.in_het_kort", "wandelgids.glossary"])


# ---- the glossary file and the extension -------------------------------------------


def test_the_shipped_glossary_holds_every_word_of_the_issue_as_a_draft():
    assert PROBLEMS == []
    terms = {e.term.lower() for e in ENTRIES}
    assert {t.lower() for t in ISSUE_TERMS} <= terms
    for entry in ENTRIES:
        assert len(entry.explanation.split()) <= 50, entry.term  # short
        # The site's own text: a draft until the clinic confirms it.
        assert not entry.is_reviewed and glossary.DRAFT in entry.review_line()
    assert {e.term for e in glossary.unreviewed(ROOT / glossary.FILE)} == {e.term for e in ENTRIES}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("termen: [", "geen geldige YAML"),
        ("- term: x", "begint niet met 'termen:'"),
        ("termen:\n  - uitleg: iets\n", "geen 'term'"),
        ("termen:\n  - term: heup\n", "'heup' heeft geen uitleg"),
        ("termen:\n  - term: heup\n    uitleg: x\n    varianten: heupen\n", "'varianten' is geen lijst"),
        ("termen:\n  - term: heup\n    uitleg: x\n    reviewed: 2999-01-01\n", "geen datum van vandaag of eerder"),
        ("termen:\n  - term: heup\n    uitleg: x\n    reviewer: buurman\n", "geen bekende rol"),
        ("termen:\n  - term: heup\n    uitleg: x\n  - term: been\n    varianten: [Heup]\n    uitleg: y\n", "'Heup' staat al bij 'heup'"),
    ],
)
def test_glossary_mistakes_get_a_dutch_message_with_line_and_fix(text, expected):
    entries, problems = glossary.parse(text, dt.date(2026, 12, 2))
    assert problems and expected in problems[-1][1], problems
    assert problems[-1][2]  # a fix


def test_glossary_problems_are_errors_of_the_content_checks(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "woordenlijst.yml").write_text("termen:\n  - term: heup\n  - term: been\n    uitleg: x\n", encoding="utf-8")
    found = [f for f in check_site(docs, readable=False) if f.path == "woordenlijst.yml"]
    assert [(f.line, f.severity) for f in found] == [(2, "fout")] and "geen uitleg" in found[0].message


def test_every_occurrence_becomes_a_button_and_the_explanation_carries_its_review_line():
    out = render(
        "# Titel\n\n## Facetgewrichten\n\n"
        "Zeer stijve SI-gewrichten en zenuwwortels. Ook een SI-gewricht.\n\n"
        "[SI-gewrichten](x.md) en `compressie` blijven zoals ze zijn.\n\n"
        '??? question "Is piekbelasting erg?"\n\n    Minder piekbelasting.\n'
    )
    assert out.count('class="wg-term"') == 5  # 2 SI, zenuwwortels, piekbelasting in the answer, the heading note
    assert '<h2 id="facetgewrichten">Facetgewrichten</h2>' in out  # the heading keeps its text
    assert '<p class="wg-term-note">Wat betekent <button class="wg-term" popovertarget="uitleg-facetgewrichten"' in out
    assert '<a href="x.md">SI-gewrichten</a>' in out and "<code>compressie</code>" in out
    assert "<summary>Is piekbelasting erg?</summary>" in out  # no button inside the question
    assert ">zenuwwortels</button>" in out  # a plural of 'zenuwwortel'
    for slug in ("uitleg-si-gewrichten", "uitleg-zenuwwortels", "uitleg-piekbelasting", "uitleg-facetgewrichten"):
        popover = re.search(rf'<div class="wg-term-popover" data-search-exclude="" id="{slug}" popover="auto">(.*?)</div>', out)
        assert popover and "wg-term-popover__review wg-draft" in popover[1] and glossary.DRAFT in popover[1]
    assert out.count('id="uitleg-si-gewrichten"') == 1  # one explanation, two buttons


def test_a_reviewed_entry_says_who_and_when():
    entries, _ = glossary.parse("termen:\n  - term: heup\n    uitleg: Een gewricht.\n    reviewed: 2026-11-25\n    reviewer: chiropractor\n")
    assert entries[0].review_line() == "Uitleg van de Wandelgids, gecontroleerd op 25 november 2026 door een chiropractor."


def test_in_het_kort_becomes_a_labelled_box():
    out = render("# Titel\n\n> **In het kort**\n>\n> - Wandelen werkt.\n\nWandelen werkt.\n\n> Een gewoon citaat.\n")
    assert '<section aria-labelledby="wg-kort-0" class="wg-kort">' in out
    assert '<p class="wg-kort__title" id="wg-kort-0">In het kort</p>' in out
    assert "<blockquote>" in out  # other quotes stay quotes


# ---- readability -----------------------------------------------------------------


def test_the_score_is_textstats_dutch_flesch_douma():
    sentences = ["Wandelen combineert beweging, ontspanning en ritme.", "Hierdoor werkt het op meerdere systemen tegelijk."]
    textstat.set_lang("nl")
    expected = textstat.flesch_reading_ease(" ".join(sentences))
    assert readability.score_text(sentences) == round(expected, 1)
    # Douma: 206.835 - 0.93 x (13 words / 2 sentences) - 77 x (29 syllables / 13 words).
    assert readability.score_text(sentences) == round(206.835 - 0.93 * 13 / 2 - 77 * 29 / 13, 1)
    assert readability.meaning(65) == "standaard: goed te lezen voor de meeste mensen (ongeveer B1)"
    assert readability.meaning(20) == "zeer moeilijk"


ARTICLE_LONG = (
    "Wandelen heeft een directe invloed op het herstelsysteem doordat de ademhaling rustiger wordt, het brein via ritme ontspant, stresshormonen dalen, de pijndrempel stijgt en zenuwen minder snel prikkelen.",
    "Wie veel zit krijgt te maken met afgenomen doorbloeding, stijve onderrug, verkorte heupspieren, verminderd schijfherstel, hogere zenuwgevoeligheid en meer spierspanning.",
    "Het helpt omdat ritme zenuwgevoeligheid verlaagt, spanning in lage rug daalt, druk op zenuwwortels afneemt door betere heupbeweging en het brein minder beschermend reageert.",
    "Onderzoek laat duidelijk zien dat wandelen pijngevoeligheid verlaagt, diepe spieren actief maakt, stresshormonen verlaagt, slaapkwaliteit verbetert, stijfheid vermindert en de kans op terugkerende rugklachten verlaagt.",
)


def test_the_report_lists_long_sentences_and_unexplained_long_words_as_warnings_with_lines(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "woordenlijst.yml").write_text((ROOT / "woordenlijst.yml").read_text(encoding="utf-8"), encoding="utf-8")
    body = "\n\n".join(ARTICLE_LONG)
    (docs / "a.md").write_text(f"---\ntitle: A\ndescription: Een test.\nreviewed: 2026-11-25\nreviewer: chiropractor\nnav_order: 1\n---\n\n# A\n\n> **In het kort**\n>\n> - Dit staat nergens.\n\n{body}\n", encoding="utf-8")
    found = [f for f in check_site(docs) if f.path == "docs/a.md"]
    assert all(f.severity == "waarschuwing" for f in found)
    long = [f for f in found if f.message.startswith("lange zin")]
    assert [f.line for f in long] == [15, 19, 21]  # the second has exactly 20 words
    score = next(f for f in found if f.message.startswith("leesbaarheid"))
    assert "Flesch-Douma" in score.message and "moeilijk" in score.message and score.line == 15
    words = " ".join(f.message for f in found if f.message.startswith("lange woorden"))
    assert "stresshormonen" in words and "zenuwwortels" not in words  # the glossary explains that one
    assert "Rugcentrum" not in words
    assert any("'In het kort'" in f.message and f.line == 13 for f in found)


def test_shipped_in_het_kort_boxes_hold_only_the_pages_own_sentences():
    from wandelgids.front_matter import read_pages

    for page in read_pages(ROOT / "docs"):
        assert "> **In het kort**" in page.body, page.uri
        assert readability.kort_problems(page) == [], page.uri


# ---- the built site -----------------------------------------------------------------


class Occurrences(HTMLParser):
    """Glossary words in a page's article text that no button explains."""

    SKIP = {"button", "a", "code", "pre", "script", "style", "summary", "h1", "h2", "h3", "h4", "h5", "h6", "svg"}

    def __init__(self, matcher: glossary.Matcher):
        super().__init__()
        self.matcher, self.stack, self.article, self.loose, self.buttons = matcher, [], 0, [], []
        self.popovers: dict[str, str] = {}
        self.current: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"br", "img", "input", "meta", "link", "hr", "path", "rect", "line"}:
            return
        classes = (attrs.get("class") or "").split()
        special = tag in self.SKIP or "wg-term-popover" in classes or "wg-glossary" in classes or "wg-calc" in classes or "headerlink" in classes
        self.stack.append((tag, special, "md-content__inner" in classes))
        if tag == "button" and "wg-term" in classes:
            self.buttons.append(attrs.get("popovertarget"))
        if "wg-term-popover" in classes:
            self.current = attrs["id"]
            self.popovers[self.current] = ""

    def handle_endtag(self, tag):
        while self.stack:
            top = self.stack.pop()
            if top[0] == tag:
                break

    def handle_data(self, data):
        inside = any(flag for _, _, flag in self.stack)
        if self.current and any("wg-term-popover" for t, s, _ in self.stack if s):
            self.popovers[self.current] += data
        if inside and not any(special for _, special, _ in self.stack):
            self.loose += [m[0] for m in self.matcher.finditer(data)]


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_every_glossary_word_on_the_built_page_is_explained(site, name):
    page = site / ("index.html" if name == "index" else f"{name}/index.html")
    text = page.read_text(encoding="utf-8")
    parser = Occurrences(glossary.Matcher(ENTRIES))
    parser.feed(text)
    assert parser.loose == [], f"unexplained on {name}: {parser.loose}"
    ids = set(re.findall(r'class="wg-term-popover"[^>]*? id="([^"]+)"', text))
    assert set(parser.buttons) <= ids  # every button opens an explanation on this page
    if name != "woordenlijst":
        assert set(parser.buttons) == ids
    # "In het kort" right under the page's heading.
    assert re.search(r"</h1>\s*<section aria-labelledby=\"wg-kort-0\" class=\"wg-kort\">", text), name


def test_no_glossary_text_on_the_site_without_its_review_line(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for entry in ENTRIES:
            explanation = html.escape(entry.explanation, quote=False)
            for match in re.finditer(re.escape(explanation), text):
                after = text[match.end() : match.end() + 2500]
                nxt = min((i for i in (after.find("<h2"), after.find('class="wg-term-popover"')) if i >= 0), default=len(after))
                assert entry.review_line() in after[:nxt], (page, entry.term)


def test_explanations_reach_search_as_meanings_not_as_page_text(site):
    # The popovers at the end of a page are not its text: as text they made the last section
    # outrank the page a patient looks for (the explanation has its own, light field).
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        if doc["location"].startswith("woordenlijst/"):
            continue  # the glossary page shows the explanations as its text
        for entry in ENTRIES:
            assert entry.explanation[:60] not in doc.get("text", ""), (doc["location"], entry.term)
    assert any("Ademen waarbij" in doc.get("uitleg", "") for doc in index["docs"] if doc["location"] == "wanneer-minder-goed/")


def test_the_glossary_page_links_back_to_the_pages(site):
    text = (site / "woordenlijst" / "index.html").read_text(encoding="utf-8")
    for entry in ENTRIES:
        assert f'id="{entry.slug}"' in text, entry.term
    section = text[text.index('id="uitleg-si-gewrichten"') :]
    section = section[: section.index("<h2", 10)]
    assert 'href="../wanneer-minder-goed/">Wanneer wandelen minder goed werkt</a>' in section


# ---- in Chromium, on a phone ----------------------------------------------------------


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nl-NL")
    yield context.new_page()
    context.close()


def test_explanations_open_with_touch_and_keyboard_at_390px_and_axe_finds_nothing(phone, base_url):
    phone.goto(base_url + "wanneer-minder-goed/")
    term = phone.locator("button.wg-term", has_text="SI-gewrichten")
    explanation = phone.locator("#uitleg-si-gewrichten")
    assert not explanation.is_visible()
    term.tap()
    assert explanation.is_visible() and phone.evaluate("document.querySelector('#uitleg-si-gewrichten').matches(':popover-open')")
    box = explanation.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # fits the phone's screen
    assert "sacro-iliacaal" in explanation.inner_text() and glossary.DRAFT in explanation.inner_text()
    assert axe_violations(phone) == []
    explanation.get_by_role("button", name="Sluiten").tap()
    assert not explanation.is_visible()
    # Keyboard: focus the word, Enter opens, Escape closes and focus stays on the word.
    term.focus()
    phone.keyboard.press("Enter")
    assert explanation.is_visible()
    assert term.get_attribute("aria-expanded") in (None, "true")  # Chromium exposes the state itself
    phone.keyboard.press("Escape")
    assert not explanation.is_visible()
    assert phone.evaluate("document.activeElement.textContent") == "SI-gewrichten"
    assert axe_violations(phone) == []
    assert phone.recorder.errors == [] if hasattr(phone, "recorder") else True


def test_the_glossary_page_passes_axe(phone, base_url):
    phone.goto(base_url + "woordenlijst/")
    assert phone.locator(".wg-glossary h2").count() == len(ENTRIES)
    assert axe_violations(phone) == []
