"""'Zo rekent deze rekenhulp': rules declared once in calculators/, shown under every widget."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import calculators
from calculators.rules import Review, Rule, problems

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "tests" / "fixtures" / "wandelen-bij-rugklachten.txt").read_text(encoding="utf-8")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("name", calculators.NAMES)
def test_every_rule_is_marked_and_every_quote_is_in_the_article(name):
    schema = calculators.describe(name)
    assert schema["rules"]
    for rule in schema["rules"]:
        assert rule["text"].strip()
        assert rule["source"] in ("article", "site")
        assert (rule["source"] == "article") == bool(rule["quotes"])
        for quote in rule["quotes"]:
            assert flat(quote) in flat(ARTICLE), quote
    # Every calculator a page can hold rests on the article; the calendar only files a plan
    # (its rules are the site's own: it does not borrow the build-up guideline).
    assert any(rule["source"] == "article" for rule in schema["rules"]) == (name in calculators.BLOCKS)
    assert any(rule["source"] == "site" for rule in schema["rules"])
    review = schema["review"]
    assert dt.date.fromisoformat(review["reviewed"]) <= dt.date.today() and review["reviewer"]
    assert calculators.rule_problems(name) == []


def test_the_site_s_own_numbers_are_marked_as_its_choice():
    texts = {rule["text"]: rule["source"] for name in calculators.NAMES for rule in calculators.describe(name)["rules"]}
    site = [text for text, source in texts.items() if source == "site"]
    for number in ("hooguit 5 minuten", "100 stappen", "stap terug", "hetzelfde niveau", "een kwart langer",
                   "hooguit 20 ademhalingen per minuut", "minstens 1 seconde"):  # fmt: skip
        assert any(number in text for text in site), number


def test_the_longer_exhale_rests_on_the_article_s_example_not_on_a_rule_of_its_own():
    """Issue 17: the breathing rule quotes 'drie stappen inademen, vier tot vijf stappen uitademen'."""
    exhale = [r for r in calculators.describe("breathing")["rules"] if "uitademing langer dan de inademing" in r["text"]]
    assert [r["quotes"] for r in exhale] == [["Voorbeeld: drie stappen inademen, vier tot vijf stappen uitademen."]]
    assert "rekent de rekenhulp het ritme toch uit" in exhale[0]["text"]


def test_an_incomplete_declaration_is_found():
    today = dt.date(2026, 11, 27)
    assert problems((), Review("2026-11-27", "chiropractor"), today) == ["er staan geen regels bij deze rekenhulp (RULES)."]
    found = problems((Rule(" "), Rule("x", quote=" ")), Review("morgen", ""), today)
    assert len(found) == 4 and "geen datum" in found[-1] and "controleur" in found[2]
    assert "in de toekomst" in problems((Rule("x"),), Review("2027-01-01", "fysiotherapeut"), today)[0]
    assert "controleur" in problems((Rule("x"),), None, today)[0]


def test_rules_are_due_for_review_a_year_later():
    assert Review("2026-11-27", "chiropractor").describe()["next"] == "2027-11-27"
    assert Review("2028-02-29", "chiropractor").next_review() == "2029-02-28"
    assert Review("morgen", "chiropractor").next_review() is None


class Sections(HTMLParser):
    """Each widget's rules section: its summary text and its rules with their source."""

    def __init__(self):
        super().__init__()
        self.widgets: list[dict] = []
        self.where: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-calculator" in attrs:
            self.widgets.append({"name": attrs["data-calculator"], "summary": "", "rules": [], "quotes": []})
        elif "data-calculator-rules" in attrs:
            self.widgets[-1]["open"] = "open" in attrs
        elif tag == "time" and self.widgets and "review" not in self.widgets[-1]:
            self.widgets[-1]["review"] = attrs["datetime"]
        elif tag == "summary" and self.widgets:
            self.where = "summary"
        elif "data-rule-source" in attrs:
            self.widgets[-1]["rules"].append(attrs["data-rule-source"])
        elif tag == "q" and self.widgets:
            self.where = "q"
            self.widgets[-1]["quotes"].append("")

    def handle_endtag(self, tag):
        if tag in ("summary", "q"):
            self.where = None

    def handle_data(self, data):
        if self.where == "summary":
            self.widgets[-1]["summary"] += data
        elif self.where == "q":
            self.widgets[-1]["quotes"][-1] += data


@pytest.mark.parametrize("page", ["rekenhulpen", "opbouwen", "dagschema"])
def test_each_widget_shows_its_rules_collapsed(site, page):
    parser = Sections()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    assert parser.widgets
    for widget in parser.widgets:
        declared = calculators.describe(widget["name"])["rules"]
        assert widget["summary"].strip() == "Zo rekent deze rekenhulp"
        assert widget["review"] == calculators.describe(widget["name"])["review"]["reviewed"]
        assert widget["open"] is False
        assert widget["rules"] == [rule["source"] for rule in declared]
        assert [flat(q) for q in widget["quotes"]] == [flat(q) for rule in declared for q in rule["quotes"]]
        for quote in widget["quotes"]:
            assert flat(quote) in flat(ARTICLE)


def test_the_content_checks_check_the_rules_like_pages(monkeypatch):
    from wandelgids.content_checks import ERROR, WARNING, check_calculators

    assert check_calculators(dt.date(2026, 11, 27)) == []
    overdue = check_calculators(dt.date(2028, 1, 1))
    assert [f.severity for f in overdue] == [WARNING] * len(calculators.NAMES)
    assert overdue[0].path == "calculators/progression.py" and overdue[0].line > 1
    assert "meer dan 12 maanden geleden" in str(overdue[0])
    monkeypatch.setattr(calculators.breathing, "REVIEW", Review("2026-11-27", "webredactie"))
    monkeypatch.setattr(calculators.breathing, "RULES", ())
    found = check_calculators(dt.date(2026, 11, 27))
    assert [f.severity for f in found] == [ERROR, ERROR]
    assert "geen regels" in found[0].message and "geen bekende rol" in found[1].message
