"""calculators.text: the one home of the site's Dutch presentation."""

from __future__ import annotations

import datetime as dt
import re

from conftest import ROOT

from calculators import text


def test_dates_in_dutch_without_a_locale():
    assert text.date("2026-12-07") == "7 december 2026"
    assert text.date(dt.date(2027, 3, 1)) == "1 maart 2027"
    assert text.weekday_date("2026-12-07") == "maandag 7 december 2026"
    assert [text.date(dt.date(2026, month, 1)).split()[1] for month in range(1, 13)] == list(text.MONTHS)


def test_numbers_with_the_decimal_comma():
    assert text.decimal(12.5) == "12,5"
    assert text.decimal(4.0) == "4,0"  # a table column keeps its decimal
    assert text.number(4.0) == "4" and text.number(1.5) == "1,5"  # a sentence drops ",0"


def test_plurals_blocks_lists_and_input_lines():
    assert text.minutes(1) == "1 minuut" and text.minutes(10) == "10 minuten"
    assert text.amount(1, "week", "weken") == "1 week" and text.amount(12, "week", "weken") == "12 weken"
    assert text.blocks([5, 4, 4]) == "5 + 4 + 4" and text.blocks([3]) == "3"
    assert text.ordinal(2) == "tweede" and text.ordinal(10) == "tiende" and text.ordinal(12) == "12e"
    assert text.listing(["a"]) == "a" and text.listing(["a", "b", "c"]) == "a, b en c"
    assert text.labelled("Doel per dag", 30, "minuten") == "Doel per dag: 30 minuten"
    assert text.labelled("Hoe ging de afgelopen week?", "Goed") == "Hoe ging de afgelopen week? Goed"


def test_month_names_are_written_once():
    """No other source spells out the months: Python, templates and JavaScript alike."""
    sources = [p for folder in ("calculators", "wandelgids", "overrides", "scripts", "serving", "editor")
               for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".html", ".js") and p.is_file()]
    spelled = [p.relative_to(ROOT).as_posix() for p in sources
               if re.search(r"[\"']januari[\"']", p.read_text(encoding="utf-8", errors="replace"))]
    assert spelled == ["calculators/text.py"]


def test_results_carry_the_strings_the_browser_shows():
    """The browser formats nothing: inputs, figures and the day come as Dutch text."""
    import json

    import calculators

    name = calculators.BLOCKS[0]
    schema = calculators.describe(name)
    result = json.loads(calculators.calculate_json(json.dumps({"name": name, "params": {}, "today": "2026-12-07"})))
    assert result["today_text"] == "7 december 2026"
    asked = [f for f in schema["fields"] if f["default"] is not None and not f["from_browser"]]
    assert result["inputs"][: len(asked)] == [text.labelled(f["label"], f["default"], f["unit"]) for f in asked]
    assert "today_text" not in json.loads(calculators.calculate_json(json.dumps({"name": name, "today": "gisteren"})))


def test_the_calculator_javascript_formats_nothing():
    """Numbers, dates and lists reach the widget as the result's strings: no formatter in the bridge."""
    bridge = ROOT / "overrides/assets/javascripts"
    modules = [bridge / "calculators.js", *sorted((bridge / "calculators").rglob("*.js"))]
    formatting = re.compile(r"Intl\.|toLocale|toFixed|\.join\(\" \+ \"\)")
    assert [m.name for m in modules if formatting.search(m.read_text(encoding="utf-8"))] == []


def test_a_refusal_names_what_to_fix_in_the_schema_s_labels():
    import calculators

    name = calculators.BLOCKS[0]
    fields = [f for f in calculators.describe(name)["fields"] if f["type"] == "integer"][:2]
    refused = calculators.calculate(name, {f["name"]: "veel" for f in fields})
    assert refused["fields_text"] == text.listing([f'"{f["label"]}"' for f in fields])
    assert calculators.calculate(name, "geen object")["fields_text"] == "de invoer"
