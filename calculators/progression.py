"""Opbouwschema: build walking up from today's minutes to a goal, a few minutes a week.

Article: "tien minuten per dag als startpunt, bij voorkeur in twee of drie blokjes"
and "verleng je wandelingen met enkele minuten per week, niet ineens van tien naar
dertig minuten".
"""

from __future__ import annotations

import datetime as _dt

from .schema import CHOICE, DATE, INTEGER, Field, Schema

MIN_BLOCK = 3

SCHEMA = Schema(
    name="progression",
    title="Opbouwschema voor wandelen",
    fields=(
        Field(
            "current_minutes",
            INTEGER,
            "Wandeltijd per dag nu",
            "Hoeveel minuten wandel je nu per dag, alle wandelingen samen?",
            unit="minuten",
            default=10,
            min=1,
            max=120,
        ),
        Field(
            "goal_minutes",
            INTEGER,
            "Doel per dag",
            "Hoeveel minuten per dag wil je uiteindelijk wandelen?",
            unit="minuten",
            default=30,
            min=5,
            max=120,
        ),
        Field(
            "weekly_increase",
            INTEGER,
            "Erbij per week",
            "Met hoeveel minuten per dag verleng je je wandelingen elke week? Enkele minuten is genoeg.",
            unit="minuten",
            default=3,
            min=1,
            max=5,
            above_max=(
                "verleng je wandelingen met hooguit 5 minuten per week. Het lichaam houdt "
                "van voorspelbare belasting: niet ineens van tien naar dertig minuten. "
                "Vul een heel getal van 1 tot en met 5 minuten in."
            ),
        ),
        Field(
            "blocks_per_day",
            INTEGER,
            "Aantal blokjes per dag",
            "In hoeveel wandelingen verdeel je de minuten van een dag? Bij voorkeur twee of drie.",
            unit="blokjes",
            default=2,
            min=1,
            max=4,
        ),
        Field(
            "start_date",
            DATE,
            "Startdatum",
            "Optioneel: op welke dag begint week 1?",
        ),
        Field(
            "last_week",
            CHOICE,
            "Hoe ging de afgelopen week?",
            "Optioneel: pas het schema aan op hoe het wandelen de afgelopen week ging.",
            choices=(
                ("goed", "Goed"),
                ("wisselend", "Wisselend"),
                ("zwaar", "Zwaar"),
            ),
        ),
        Field(
            "today",
            DATE,
            "Vandaag",
            "De datum van vandaag, ingevuld door de browser: in welke week van het schema zit je nu?",
            from_browser=True,
        ),
    ),
)


def split_blocks(minutes: int, wanted: int) -> list[int]:
    """Split a day's minutes into near-equal blocks of at least MIN_BLOCK minutes."""
    count = max(1, min(wanted, minutes // MIN_BLOCK))
    base, extra = divmod(minutes, count)
    return [base + 1 if i < extra else base for i in range(count)]


def _first_week(current: int, step: int, goal: int, last_week: str | None) -> int:
    if last_week == "goed":
        return min(current + step, goal)
    if last_week == "zwaar":
        return max(1, current - step)
    return current


def compute(p: dict) -> dict:
    current, goal, step = p["current_minutes"], p["goal_minutes"], p["weekly_increase"]
    last_week = p.get("last_week")
    notes: list[str] = []

    if current >= goal:
        levels = [current]
        notes.append(
            "Je wandelt nu al minstens je doel. Houd dit niveau vol: voor herstel is "
            "consistentie belangrijker dan afstand."
        )
    else:
        levels = [_first_week(current, step, goal, last_week)]
        while levels[-1] < goal:
            levels.append(min(levels[-1] + step, goal))

    if last_week == "wisselend":
        notes.append("De afgelopen week ging wisselend: je houdt deze week hetzelfde niveau aan.")
    if last_week == "zwaar":
        notes.append(
            "De afgelopen week ging zwaar: je doet deze week een stapje terug. Blijft "
            "wandelen zwaar, neem dan contact op met het Rugcentrum Hilversum."
        )
    notes.append(
        "Wanneer wandelen pijn geeft is het vaak een kwestie van tempo en techniek, "
        "niet de beweging zelf."
    )

    start = _dt.date.fromisoformat(p["start_date"]) if p.get("start_date") else None
    weeks = []
    for number, minutes in enumerate(levels, start=1):
        week = {
            "week": number,
            "minutes_per_day": minutes,
            "blocks": split_blocks(minutes, p["blocks_per_day"]),
        }
        if start is not None:
            week["start_date"] = (start + _dt.timedelta(weeks=number - 1)).isoformat()
        weeks.append(week)

    if len(weeks) == 1:
        summary = f"Wandel {levels[0]} minuten per dag."
    else:
        summary = (
            f"In {len(weeks)} weken van {levels[0]} naar {levels[-1]} minuten per dag, "
            f"met {step} {'minuut' if step == 1 else 'minuten'} erbij per week."
        )
    today = _dt.date.fromisoformat(p["today"]) if p.get("today") else None
    return {"weeks": weeks, "summary": summary, "notes": notes, "current_week": current_week(start, len(weeks), today)}


def current_week(start: _dt.date | None, weeks: int, today: _dt.date | None) -> int | None:
    """The week of the plan that today falls in; None without both dates, before the start or after the end."""
    if start is None or today is None or today < start:
        return None
    week = (today - start).days // 7 + 1
    return week if week <= weeks else None
