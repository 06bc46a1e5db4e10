"""The site built with Zensical (0.0.73, the `zensical` dependency group, in its own
environment build/zensical-venv: `make zensical`), without MkDocs and without the
wandelgids plugin.

What Zensical renders by itself (the content features are Python-Markdown extensions and
templates that MiniJinja runs): the calculator widgets with their pre-rendered plans,
the review lines (their dates from the wandelgids.review_line extension), the FAQ, the glossary's explanations and the contact blocks, with no
raw block text. What it cannot do without the plugin is asserted as the known gap
(README, "Zensical"), so that a change on either side is noticed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import calculators
from calculators.text import date as dutch_date
from wandelgids import navigation
from wandelgids.calculator_block import parse_blocks
from wandelgids.front_matter import read_pages

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = ROOT / "build/zensical-venv/bin/zensical"
CONTACT = {"phone": "035 000 00 00", "email": "test@example.org", "address": "Teststraat 1, 1200 AA Hilversum",
           "website": "https://example.org/", "booking": "https://example.org/afspraak"}  # test values, not the clinic's


def zensical_project(folder: Path, contact: dict | None = None) -> Path:
    """A project folder Zensical can build: a copy of docs/ (Zensical wants docs_dir inside
    the project and resolves links), the rest linked; its site goes to folder/site."""
    if not ZENSICAL.is_file():
        subprocess.run(["make", "-s", "zensical"], cwd=ROOT, check=True)  # never skip: set it up
    shutil.copytree(ROOT / "docs", folder / "docs")
    for name in ("overrides", "woordenlijst.yml", "zoekwoorden.yml"):
        (folder / name).symlink_to(ROOT / name)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    if contact:
        config["extra"]["contact"] = contact
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return folder


def zensical_build(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ZENSICAL), "build", "--clean", "-f", str(folder / "mkdocs.yml")], cwd=folder,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = zensical_project(tmp_path_factory.mktemp("zensical"), CONTACT)
    result = zensical_build(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def html(folder: Path, uri: str) -> str:
    name = "index.html" if uri == "index.md" else uri.removesuffix(".md") + "/index.html"
    return (folder / "site" / name).read_text(encoding="utf-8")


def test_every_page_renders_without_raw_block_text(built):
    pages = read_pages(built / "docs")
    assert len(pages) > 5
    for page in pages:
        text = html(built, page.uri)
        main = text.split('<article', 1)[1].split("</article>", 1)[0]
        assert "///" not in main and "???" not in main, page.uri


def test_calculator_widgets_carry_their_pre_rendered_plans(built):
    placed = set()
    for page in read_pages(built / "docs"):
        blocks, problems = parse_blocks(page.body.split("\n"))
        assert not problems
        text = html(built, page.uri)
        assert text.count('<section class="wg-calc"') == len(blocks), page.uri
        for block in blocks:
            placed.add(block.name)
            widget = text.split(f'data-calculator="{block.name}"', 1)[1].split("</section>", 1)[0]
            result = widget.split("data-calculator-result", 1)[1]
            assert re.sub(r"<[^>]+>|\s", "", result.split(">", 1)[1])[:1], (page.uri, block.name)  # a plan, not empty
    assert placed == set(calculators.BLOCKS)  # every calculator is on some page


def test_review_lines_faq_glossary_and_contact(built):
    for page in read_pages(built / "docs"):
        text = html(built, page.uri)
        if page.meta.get("reviewed") and page.meta.get("reviewer"):
            iso = str(page.meta["reviewed"])[:10]
            assert f'Laatst inhoudelijk gecontroleerd op\n      <time datetime="{iso}">{dutch_date(iso)}</time>' in text, page.uri
        # On paper every page carries the contact line; mkdocs.yml's test values fill it.
        assert 'class="wg-contact wg-contact--compact"' in text and "035 000 00 00" in text, page.uri
    faq = html(built, "veelgestelde-vragen.md")
    questions = (built / "docs/veelgestelde-vragen.md").read_text(encoding="utf-8").count('??? question "')
    assert questions and faq.count('<details class="question"') == questions
    assert '"@type": "FAQPage"' in faq or '"@type":"FAQPage"' in faq
    assert 'class="wg-term-popover"' in html(built, "waarom-wandelen-werkt.md")
    contact_pages = [p.uri for p in read_pages(built / "docs") if p.meta.get("contact")]
    assert contact_pages
    for uri in contact_pages:
        assert 'href="tel:0350000000"' in html(built, uri) and "Maak een afspraak" in html(built, uri)


def test_known_gaps_without_the_plugin(built):
    """What the wandelgids plugin does and Zensical does not (README, "Zensical")."""
    # Menu order: alphabetical by file, not the pages' nav_order.
    shown = re.findall(r'<a href="\./([\w-]+)/" class="md-nav__link', html(built, "index.md"))
    ordered = [item.uri.removesuffix(".md") for item in navigation.menu(read_pages(built / "docs")) if item.uri != "index.md"]
    assert shown == sorted(shown) and shown != ordered
    # No Pyodide folder: the pages keep their pre-rendered plans and load no calculator scripts.
    assert not (built / "site/assets/pyodide").exists()
    assert 'name="wandelgids-pyodide"' not in html(built, "opbouwen.md")
    # No web editor at /admin/, no search words added to the index.
    assert not (built / "site/admin").exists()


def test_a_bad_block_stops_the_build_but_the_other_checks_do_not(tmp_path):
    """The Markdown extension's own check stops Zensical's build in Dutch; the content gate
    (front matter, links, headings: the plugin's on_pre_build) does not run."""
    folder = zensical_project(tmp_path / "block")
    page = folder / "docs/opbouwen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n/// calculator | onzin\n///\n", encoding="utf-8")
    result = zensical_build(folder)
    assert result.returncode != 0
    assert "Rekenhulpblok" in result.stderr + result.stdout and "onbekende rekenhulp 'onzin'" in result.stderr + result.stdout

    folder = zensical_project(tmp_path / "gate")
    page = folder / "docs/onderzoek.md"
    page.write_text(re.sub(r"(?m)^description:.*\n", "", page.read_text(encoding="utf-8"), count=1)
                    + "\n[kapot](bestaat-niet.md)\n", encoding="utf-8")
    result = zensical_build(folder)
    assert result.returncode == 0, result.stdout + result.stderr  # the known gap: MkDocs with the plugin refuses this
