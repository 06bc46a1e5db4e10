"""Where a calculator's rules come from: declared once, beside the code that applies them.

Each calculator module has RULES (plain Dutch, each from the clinic's article with the
sentence quoted, or the site's own choice) and REVIEW (when and by whom the rules were
last checked). The widget's "Zo rekent deze rekenhulp" section is generated from them.
"""

from __future__ import annotations

import datetime as _dt

ARTICLE = "article"
SITE = "site"
ARTICLE_TITLE = "De rol van wandelen bij rugklachten"
# The one review rule, for pages (wandelgids.content_checks) and calculators' rules alike:
# due twelve months after the last review; 29 February plus a year is 28 February.
REVIEW_MONTHS = 12


def add_months(day: _dt.date, months: int) -> _dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = (_dt.date(year + month // 12, month % 12 + 1, 1) - _dt.timedelta(days=1)).day  # no `calendar`: the stdlib cut
    return _dt.date(year, month, min(day.day, last))


def next_review(day: _dt.date) -> _dt.date:
    """The day the next review is due at the latest."""
    return add_months(day, REVIEW_MONTHS)


class Rule:
    """One rule in plain Dutch; `quote` is the article's exact sentence it rests on, or
    its exact sentences (a tuple) when the rule rests on several, such as a list's items."""

    def __init__(self, text: str, *, quote: str | tuple[str, ...] | None = None):
        self.text = text
        self.quotes = (quote,) if isinstance(quote, str) else tuple(quote or ())

    @property
    def source(self) -> str:
        return ARTICLE if self.quotes else SITE

    def describe(self) -> dict:
        return {"text": self.text, "source": self.source, "quotes": list(self.quotes)}


class Review:
    """When and by whom (a role) the rules were last checked; due again a year later, like pages."""

    def __init__(self, reviewed: str, reviewer: str):
        self.reviewed, self.reviewer = reviewed, reviewer

    def next_review(self) -> str | None:
        try:
            day = _dt.date.fromisoformat(self.reviewed)
        except ValueError:
            return None
        return next_review(day).isoformat()

    def describe(self) -> dict:
        return {"reviewed": self.reviewed, "reviewer": self.reviewer, "next": self.next_review()}


def problems(rules: tuple[Rule, ...], review: Review | None, today: _dt.date | None = None) -> list[str]:
    """What is missing or wrong in a calculator's declaration (Dutch, for staff)."""
    found = []
    if not rules:
        found.append("er staan geen regels bij deze rekenhulp (RULES).")
    for rule in rules:
        if not rule.text.strip():
            found.append("een regel heeft geen tekst.")
        if any(not quote.strip() for quote in rule.quotes):
            found.append(f"de regel '{rule.text}' heeft een leeg citaat: citeer de zin uit het artikel of laat het weg.")
    if review is None or not review.reviewer.strip():
        found.append("de regels hebben geen controleur (REVIEW: reviewer).")
    if review is not None:
        try:
            reviewed = _dt.date.fromisoformat(review.reviewed)
        except ValueError:
            found.append(f"controledatum '{review.reviewed}' is geen datum als JJJJ-MM-DD.")
        else:
            if reviewed > (today or _dt.date.today()):
                found.append(f"controledatum {review.reviewed} ligt in de toekomst.")
    return found
