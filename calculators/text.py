"""Dutch presentation, in one place: dates, numbers, plurals, lists and input lines.

Every piece of Dutch the site shows with a number or a date in it is formatted here:
by the calculators (in CPython at build time and in Pyodide in the browser, so the
standard library only, no locale), by the build's content checks and by the widget
templates (as Jinja filters, wandelgids.widgets). The browser's JavaScript formats
nothing: a result carries the strings it shows.
"""

from __future__ import annotations

import datetime as _dt

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _day(day: _dt.date | str) -> _dt.date:
    return _dt.date.fromisoformat(day) if isinstance(day, str) else day


def date(day: _dt.date | str) -> str:
    """'2026-12-07' or a date -> '7 december 2026'."""
    day = _day(day)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def weekday_date(day: _dt.date | str) -> str:
    """'2026-12-07' or a date -> 'maandag 7 december 2026'."""
    day = _day(day)
    return f"{WEEKDAYS[day.weekday()]} {date(day)}"


def decimal(number: float) -> str:
    """1.5 -> '1,5': one decimal, with the Dutch decimal comma."""
    return f"{number:.1f}".replace(".", ",")


def number(number: float) -> str:
    """As a sentence says it: 4.0 -> '4', 1.5 -> '1,5' (one decimal at most)."""
    return decimal(number).removesuffix(",0")


# "elke tweede week": written out up to ten (a chart's step stays at ten or less), then "11e".
ORDINALS = {2: "tweede", 3: "derde", 4: "vierde", 5: "vijfde", 6: "zesde", 7: "zevende", 8: "achtste",
            9: "negende", 10: "tiende"}  # fmt: skip


def ordinal(number: int) -> str:
    """2 -> 'tweede', 10 -> 'tiende', 11 -> '11e'."""
    return ORDINALS.get(number, f"{number}e")


def plural(count: int, one: str, many: str) -> str:
    """The word for count things: plural(1, 'week', 'weken') -> 'week'."""
    return one if count == 1 else many


def amount(count: int, one: str, many: str) -> str:
    """A count with its word: amount(3, 'minuut', 'minuten') -> '3 minuten'."""
    return f"{count} {plural(count, one, many)}"


def minutes(count: int) -> str:
    """'1 minuut', '10 minuten'."""
    return amount(count, "minuut", "minuten")


def blocks(values: list[int]) -> str:
    """A day's walks in blocks: [5, 4, 4] -> '5 + 4 + 4'."""
    return " + ".join(str(value) for value in values)


def listing(items: list[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b en c'."""
    items = list(items)
    return f"{', '.join(items[:-1])} en {items[-1]}" if len(items) > 1 else "".join(items)


def labelled(label: str, value: object, unit: str | None = None) -> str:
    """One input as a line: 'Doel per dag: 30 minuten'; a label that is a question
    ('Hoe ging de afgelopen week?') takes no colon."""
    return f"{label}{'' if label.endswith('?') else ':'} {value}{' ' + unit if unit else ''}"


# The filters the widget templates use (wandelgids.widgets registers them by these names).
FILTERS = {
    "dutch_date": date,
    "weekday_date": weekday_date,
    "decimal": decimal,
    "number": number,
    "blocks": blocks,
    "listing": listing,
    "minutes": minutes,
}
