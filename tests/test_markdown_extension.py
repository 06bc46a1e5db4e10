"""The calculator block as a plain Python-Markdown extension: no MkDocs, no plugin."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from wandelgids.calculator_block import CalculatorBlockError, parse_blocks
from wandelgids.front_matter import read_page, read_pages

ROOT = Path(__file__).resolve().parent.parent
EXTENSIONS = ["wandelgids.calculator_block", "pymdownx.superfences", "attr_list", "md_in_html", "tables"]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_a_shipped_page_renders_its_widgets_with_markdown_alone():
    page = read_page(ROOT / "docs" / "opbouwen.md", ROOT / "docs")
    html = render(page.body)
    assert html.count('class="wg-calc"') == 2
    assert '<section class="wg-calc" id="rekenhulp-progression" data-calculator="progression"' in html
    assert 'data-calculator="breathing"' in html
    # Pre-rendered with the calculators' own result: a real plan table, not an empty shell.
    assert re.search(r'<td data-cell="minutes_per_day">\d+</td>', html)
    assert "/// calculator" not in html
    assert "<p><section" not in html  # the widget is a block, not wrapped in a paragraph


def test_the_extension_records_which_calculators_a_text_carries():
    """How the MkDocs plugin learns a page has a calculator, without searching its HTML."""
    seen: list[list[str]] = []
    configs = {"wandelgids.calculator_block": {"record": seen.append}}
    page = read_page(ROOT / "docs" / "opbouwen.md", ROOT / "docs")
    markdown.markdown(page.body, extensions=EXTENSIONS, extension_configs=configs)
    markdown.markdown("# Geen rekenhulp\n", extensions=EXTENSIONS, extension_configs=configs)
    assert seen == [[block.name for block in parse_blocks(page.body.split("\n"))[0]], []]
    assert seen[0]


def test_block_options_become_the_form_defaults_and_the_plan():
    html = render("Tekst.\n\n/// calculator | progression\ncurrent_minutes: 20\ngoal_minutes: 26\nstart_date: 2026-01-05\n///\n")
    assert 'name="current_minutes" type="text" inputmode="numeric" autocomplete="off"' in html
    assert 'value="20"' in html and 'value="26"' in html
    assert "In 3 weken van 20 naar 26 minuten per dag" in html
    assert "12 januari 2026" in html


def test_two_blocks_of_one_calculator_get_their_own_ids():
    html = render("/// calculator | breathing\n///\n\nTussen.\n\n/// calculator | breathing\ncadence: 110\n///\n")
    assert 'id="rekenhulp-breathing"' in html and 'id="rekenhulp-breathing-2"' in html
    assert "<p>Tussen.</p>" in html


def test_blocks_inside_code_fences_stay_code():
    html = render("```\n/// calculator | onzin\n///\n```\n")
    assert "wg-calc" not in html and "/// calculator | onzin" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tekst.\n\n/// calculator | opbouw\n///", "regel 3 van de tekst (na de front matter): onbekende rekenhulp 'opbouw'"),
        ("/// calculator | progression\ngoal_minutes: 300\n///", "regel 2 van de tekst (na de front matter): instelling 'goal_minutes'"),
        ("/// calculator | progression\ngoal_minutes: 30", "niet afgesloten"),
    ],
)
def test_a_bad_block_stops_with_a_dutch_message_and_line(text, expected):
    with pytest.raises(CalculatorBlockError) as error:
        render(text)
    assert expected in str(error.value)
    assert "Oplossing:" in str(error.value) and ".." not in str(error.value)


def test_rules_review_date_that_has_passed_is_not_shown(monkeypatch):
    from wandelgids.widgets import render_widget

    values = {f["name"]: f["default"] for f in __import__("calculators").describe("progression")["fields"] if f["required"]}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023: before the next review
    assert "Volgende controle uiterlijk" in render_widget("progression", values, "p1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4102444800")  # 1 January 2100: long after it
    later = render_widget("progression", values, "p1")
    assert "Volgende controle uiterlijk" not in later
    assert "de volgende controle is nog niet afgerond" in later


def test_a_block_is_read_once_per_build(monkeypatch, tmp_path):
    """The content checks read each block first; the Markdown extension then gets the same
    result without reading the options again (calculators.validate_options once a block)."""
    import markdown

    from wandelgids import calculator_block, content_checks

    calculator_block._read_closed.cache_clear()
    calls = []
    real = calculator_block.calculators.validate_options
    monkeypatch.setattr(calculator_block.calculators, "validate_options", lambda *a: calls.append(a[0]) or real(*a))
    page = next(p for p in read_pages(ROOT / "docs") if parse_blocks(p.body.split("\n"))[0])
    calculator_block._read_closed.cache_clear()
    calls.clear()
    content_checks.read_body(page, "docs/" + page.uri)
    count = len(calls)
    assert count == len(parse_blocks(page.body.split("\n"))[0]) > 0
    html = markdown.markdown(page.body, extensions=["wandelgids.calculator_block"])
    assert "wg-calc" in html and len(calls) == count
