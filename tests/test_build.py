"""The MkDocs build: strict, faithful to the article, and loud about authoring mistakes."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "fixtures" / "wandelen-bij-rugklachten.txt"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
BLOCK_LEVEL = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "summary", "div", "section", "br", "tr", "dt", "dd"}


class TextOf(HTMLParser):
    """Visible text of a page, with a space between block elements."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        if tag in BLOCK_LEVEL:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip -= 1
        if tag in BLOCK_LEVEL:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", html.unescape(text)).lower().replace("’", "'")
    text = re.sub(r"[^\w\s']", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def article_units() -> list[str]:
    """Every sentence, list item and heading line of the article."""
    units = []
    for line in ARTICLE.read_text(encoding="utf-8").replace("coƶrdinatie", "coördinatie").splitlines():
        line = line.strip().lstrip("•").strip()
        line = re.sub(r"^\d+\.\s+", "", line)  # "1. Wandelen bij hernia": numbering became headings
        units += [s for s in re.split(r"(?<=[.?!])\s+", line) if s]
    return units


def make_build_command() -> list[str]:
    """The `mkdocs build` line of the Makefile's build target: the tests build the way `make build` does."""
    line = re.search(r"^build:.*\n(?:\t.*\n)*?\t\$\(BIN\)/mkdocs (build[^\n]*)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    return [str(MKDOCS), *line[1].split()]


def build(tmp_path: Path, docs: dict[str, str | None] | None = None, files: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Build a copy of the project's docs (with some pages replaced, or deleted where None) into
    tmp_path, with the Makefile's own flags (--strict).

    files: other files of the project (e.g. the synonyms file), by name, replaced too.
    """
    work = tmp_path / "project"
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.copy(ROOT / "zoekwoorden.yml", work / "zoekwoorden.yml")
    shutil.copy(ROOT / "woordenlijst.yml", work / "woordenlijst.yml")
    for name, text in (files or {}).items():
        (work / name).write_text(text, encoding="utf-8")
    for name, text in (docs or {}).items():
        if text is None:
            (work / "docs" / name).unlink()
        else:
            (work / "docs" / name).write_text(text, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("\n  - wandelgids\n", f"\n  - wandelgids:\n      root: {ROOT}\n", 1)  # the project's build/, editor/
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)  # serve-only, relative paths
    (work / "mkdocs.yml").write_text(config)
    return subprocess.run(
        [*make_build_command(), "--site-dir", str(tmp_path / "site")],
        cwd=work, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="module")
def built_text(site) -> str:
    pages = sorted(site.rglob("*.html"))
    parser = TextOf()
    for page in pages:
        parser.feed(page.read_text(encoding="utf-8"))
    return normalise(" ".join(parser.parts))


def test_strict_build_is_clean(tmp_path):
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize("unit", article_units())
def test_every_sentence_of_the_article_is_published(unit, built_text):
    assert normalise(unit) in built_text


def test_the_encoding_slip_is_fixed(site):
    for page in site.rglob("*.html"):
        assert "coƶ" not in page.read_text(encoding="utf-8"), page
    assert "coördinatie" in (site / "multidisciplinaire-rugzorg" / "index.html").read_text(encoding="utf-8")


def test_the_article_fixture_is_the_verbatim_source():
    text = ARTICLE.read_text(encoding="utf-8")
    assert text.startswith("De rol van wandelen bij rugklachten") and "coƶrdinatie" in text
    assert len(article_units()) > 100


def test_pages_carry_meta_description_review_dates_and_disclaimer(site):
    for page in site.rglob("index.html"):
        if "assets" in page.parts or "admin" in page.parts:  # not content pages
            continue
        text = page.read_text(encoding="utf-8")
        match = re.search(r'<meta name="description" content="([^"]+)"', text)
        assert match and len(html.unescape(match[1])) <= 160, page
        assert "vervangt geen persoonlijk advies" in text and "hulp-nodig/" in text, page
        if page.parent.name == "woordenlijst":  # `concept: true`: the site's own text, not checked yet
            assert "Concept: deze tekst is van de Wandelgids zelf en is nog niet gecontroleerd" in text, page
            assert "gecontroleerd op" not in text, page
            continue
        assert "Laatst inhoudelijk gecontroleerd op" in text, page
        due = re.search(r"Volgende controle uiterlijk <time datetime=\"(\d{4})-(\d\d)-(\d\d)\">(\d+) \w+ (\d{4})</time>", text)
        assert due and int(due[3]) == int(due[4]) and due[1] == due[5] and due[1] >= "2027", page
        assert "vervangt geen persoonlijk advies" in text, page
        assert "hulp-nodig/" in text, page


def test_sitemap_404_and_no_foreign_assets(site):
    assert "https://wandelgids.rugcentrumhilversum.nl/opbouwen/" in (site / "sitemap.xml").read_text()
    assert "Pagina niet gevonden" in (site / "404.html").read_text(encoding="utf-8")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = re.findall(r"<(?:script|img|iframe|link(?![^>]*rel=\"canonical\"))[^>]+(?:src|href)=\"((?:https?:)?//[^\"]*)", text)
        assert not loads, (page, loads)


def test_pages_without_calculators_load_no_calculator_code(site):
    assert "calculators.js" not in (site / "index.html").read_text(encoding="utf-8")
    assert "calculators.js" in (site / "opbouwen" / "index.html").read_text(encoding="utf-8")


# ---- authoring mistakes fail the build with file, line and fix -------------------

PAGE = """---
title: Test
description: Testpagina.
reviewed: 2026-11-25
reviewer: chiropractor
nav_order: 999
---

# Test

Tekst.

{block}
"""


@pytest.mark.parametrize(
    ("block", "line", "expected"),
    [
        ("/// calculator | opbouw\n///", 13, "onbekende rekenhulp 'opbouw'"),
        ("/// calculator | calendar\n///", 13, "'calendar' is geen rekenhulp voor op een pagina"),
        ("/// calculator | progression\ngoal_minutes: 30\ntoday: 2026-01-05\n///", 15, "instelling 'today' vult de browser zelf in"),
        ("/// calculater | progression\n///", 13, "onbekend blok"),
        ("/// calculator | progression\ngoal_minutes: 30\ndoel: 30\n///", 15, "onbekende instelling 'doel'"),
        ("/// calculator | progression\ngoal_minutes: 300\n///", 14, "instelling 'goal_minutes'"),
        ("/// calculator | progression\nweekly_increase: 8\n///", 14, "hooguit 5 minuten per week"),
        ("/// calculator | schedule\nwake_time: 25:00\n///", 14, "instelling 'wake_time'"),
        ("/// calculator | schedule\nwake_time: 07:00\nbed_time: 09:00\n///", 15, "moet minstens 6 uur zitten"),
        ("/// calculator | progression\ngoal_minutes: [30\n///", 14, "de instellingen zijn op deze regel niet te lezen"),
        ("/// calculator | progression\n- 30\n///", 14, "'instelling: waarde'"),
        ("/// calculator | progression\ngoal_minutes: 30", 13, "niet afgesloten"),
    ],
)
def test_bad_calculator_block_fails_with_file_line_and_fix(tmp_path, block, line, expected):
    result = build(tmp_path, {"test.md": PAGE.format(block=block)})
    assert result.returncode != 0
    assert f"docs/test.md:{line}: rekenhulpblok: " in result.stderr
    assert expected in result.stderr
    assert "Oplossing:" in result.stderr


def test_blocks_inside_code_fences_are_left_alone(tmp_path):
    result = build(tmp_path, {"test.md": PAGE.format(block="```\n/// calculator | onzin\n///\n```")})
    assert result.returncode == 0, result.stderr


def test_block_options_set_the_defaults_and_the_prerendered_plan(tmp_path):
    block = "/// calculator | progression\ncurrent_minutes: 20\ngoal_minutes: 26\nstart_date: 2026-01-05\n///"
    result = build(tmp_path, {"test.md": PAGE.format(block=block)})
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "site" / "test" / "index.html").read_text(encoding="utf-8")
    assert 'value="20"' in text and 'value="26"' in text
    assert "In 3 weken van 20 naar 26 minuten per dag" in text
    assert "12 januari 2026" in text


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title: Test\ndescription: Kort.\nreviewer: chiropractor", "1: 'reviewed' ontbreekt"),
        ("title: Test\ndescription: " + "x" * 161 + "\nreviewed: 2026-11-25\nreviewer: chiropractor", "3: de description is 161 tekens"),
        ("title: Test\ndescription: Kort.\nreviewed: gisteren\nreviewer: chiropractor", "4: 'reviewed' (gisteren) is geen datum"),
    ],
)
def test_bad_front_matter_fails_with_file_and_line(tmp_path, front, expected):
    result = build(tmp_path, {"test.md": f"---\n{front}\nnav_order: 999\n---\n\n# Test\n\nTekst.\n"})
    assert result.returncode != 0
    assert f"docs/test.md:{expected}" in result.stderr
    assert "Oplossing:" in result.stderr


def test_review_lines_come_from_front_matter_even_a_quoted_leap_day(tmp_path):
    page = "---\ntitle: Test\ndescription: Kort.\nreviewed: '2024-02-29'\nreviewer: fysiotherapeut\nnav_order: 999\n---\n\n# Test\n\nTekst.\n"
    result = build(tmp_path, {"test.md": page})
    assert result.returncode == 0, result.stderr
    assert "Wandelgids: docs/test.md:4: waarschuwing:" in result.stderr  # overdue: said, but not fatal
    text = (tmp_path / "site" / "test" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2024-02-29">29 februari 2024</time>' in text
    assert "door een fysiotherapeut" in text
    # The next review (28 februari 2025) has passed: patients read no date in the past.
    assert "2025-02-28" not in text and "28 februari 2025" not in text
    assert "Deze pagina wordt elk jaar gecontroleerd; de volgende controle is nog niet afgerond." in text
    assert "Volgende controle uiterlijk" not in text


def test_the_menu_follows_nav_order_in_front_matter(tmp_path):
    page = "---\ntitle: Nieuwe pagina\ndescription: Kort.\nreviewed: 2026-11-25\nreviewer: chiropractor\nnav_order: 15\nnav_title: Nieuw\n---\n\n# Nieuw\n\nTekst.\n"
    result = build(tmp_path, {"nieuw.md": page})
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    menu = re.findall(r'href="([^"#]*)" class="md-nav__link', home)
    assert menu[:3] == [".", "nieuw/", "waarom-wandelen-werkt/"], menu
    assert menu[-1] == "hulp-nodig/"


def line_of(name: str, text: str) -> int:
    """The line of the shipped page where the text first occurs (pages change; the test should not)."""
    lines = (ROOT / "docs" / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_every_kind_of_content_error_stops_make_build_in_dutch_all_at_once(tmp_path):
    """One build with one mistake of each kind: `make build`'s own command fails and names each file and line."""
    assert "--strict" in make_build_command() and "--quiet" not in make_build_command()  # --quiet would hide MkDocs' own warnings from --strict
    front = 'title: "Test\ndescription: Kort.\nreviewed: 2026-11-25\nreviewer: chiropractor\nnav_order: 999\n'
    pages = {
        "kapot.md": f"---\n{front}---\n\n# Kapot\n\nTekst.\n",
        "test.md": "---\ntitle: Test\ndescription: Kort.\nreviewed: 2026-11-25\nreviewer: chiropractor\nnav_order: 998\n---\n\n"
        "# Test\n\n### Sprong\n\nZie [niets](niets.md).\n\n![](foto.png)\n\n/// calculator | progression\ngoal_minutes: 300\n///\n"
        '\n??? question "Mag het?\n\n    Ja.\n',
        "hulp-nodig.md": None,  # the page the footer, the disclaimer and 'neem contact op' link to
    }
    footer = (ROOT / "overrides/partials/page-foot.html").read_text(encoding="utf-8").split("\n")
    footer_line = next(n for n, text in enumerate(footer, 1) if "'hulp-nodig/' | url" in text)
    result = build(tmp_path, pages)
    assert result.returncode != 0
    out = result.stderr
    assert "De site wordt niet gebouwd:" in out
    for expected in (
        "docs/kapot.md:2: het aanhalingsteken (\") aan het begin van de waarde van 'title' wordt niet gesloten.\n  Oplossing: ",
        "docs/test.md:11: de kop 'Sprong' springt van niveau 1 naar 3.\n  Oplossing: ",
        "docs/test.md:13: link 'niets.md' leidt nergens heen",
        "docs/test.md:15: afbeelding 'foto.png' heeft geen alt-tekst",
        "docs/test.md:18: rekenhulpblok: instelling 'goal_minutes'",
        'docs/test.md:21: het aanhalingsteken (") aan het begin van de vraag wordt niet gesloten',
        f"overrides/partials/page-foot.html:{footer_line}: de sjabloon linkt naar 'hulp-nodig/', maar de pagina 'docs/hulp-nodig.md' bestaat niet.\n"
        "  Oplossing: zet docs/hulp-nodig.md terug",
        f"docs/wanneer-minder-goed.md:{line_of('wanneer-minder-goed.md', '(hulp-nodig.md)')}: link 'hulp-nodig.md' leidt nergens heen",
    ):
        assert expected in out, out
    assert "Traceback" not in out
    assert not (tmp_path / "site" / "test" / "index.html").exists()


def test_content_check_errors_stop_the_strict_build_all_at_once(tmp_path):
    body = "# Test\n\n### Sprong\n\nZie [niets](niets.md).\n"
    page = f"---\ntitle: Test\ndescription: Kort.\nreviewed: 2026-11-25\nreviewer: chiropractor\nnav_order: 999\n---\n\n{body}"
    result = build(tmp_path, {"test.md": page})
    assert result.returncode != 0
    assert "docs/test.md:11: de kop 'Sprong' springt van niveau 1 naar 3." in result.stderr
    assert "docs/test.md:13: link 'niets.md' leidt nergens heen" in result.stderr
