"""Opbouwschema: build walking up from today's minutes to a goal, a few minutes a week.

Article: "tien minuten per dag als startpunt, bij voorkeur in twee of drie blokjes"
and "verleng je wandelingen met enkele minuten per week, niet ineens van tien naar
dertig minuten".
"""

from __future__ import annotations

import datetime as _dt

from .actions import REMINDER, CalendarAction
from .calendar import ics
from .chart import bar_chart
from .rules import Review, Rule
from . import text
from .schema import CHOICE, DATE, INTEGER, Field, Schema

MIN_BLOCK = 3

# The rules this calculator applies, shown under it as "Zo rekent deze rekenhulp".
RULES = (
    Rule(
        "Standaard begin je met tien minuten per dag, verdeeld over twee blokjes.",
        quote="Aanbeveling: tien minuten per dag als startpunt, bij voorkeur in twee of drie blokjes.",
    ),
    Rule(
        "Elke week komen er dezelfde paar minuten per dag bij, tot je je doel bereikt.",
        quote="Richtlijn: verleng je wandelingen met enkele minuten per week, niet ineens van tien naar dertig minuten.",
    ),
    Rule("Er komen hooguit 5 minuten per week bij; standaard 3."),
    Rule(
        "De minuten van een dag worden verdeeld over blokjes van bijna gelijke lengte. Een blokje duurt "
        f"minstens {MIN_BLOCK} minuten, dus bij weinig minuten worden het minder blokjes dan je vroeg."
    ),
    Rule("Ging de afgelopen week goed, dan begint week 1 een stap hoger (niet hoger dan je doel)."),
    Rule("Ging de afgelopen week wisselend, dan blijf je in week 1 op hetzelfde niveau."),
    Rule(
        "Ging de afgelopen week zwaar, dan doe je in week 1 een stap terug (niet onder 1 minuut) en "
        "raadt de rekenhulp aan contact op te nemen als het zwaar blijft."
    ),
    Rule(
        "Wandel je nu al minstens je doel, dan houd je dat niveau vol.",
        quote="Voor herstel is consistentie belangrijker dan afstand.",
    ),
    Rule(
        "Met een startdatum zegt de rekenhulp in welke week je nu zit: week 1 begint op de startdatum en elke "
        "week duurt zeven dagen. Voor de start en na de laatste week staat er geen week."
    ),
)
REVIEW = Review("2026-11-27", "chiropractor")

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


def _first_week(current: int, step: int, level: int, last_week: str | None) -> int:
    """Week 1 after last week: a step up after a good week (not past the level to reach),
    the same after a mixed one, a step back after a hard one."""
    if last_week == "goed":
        return min(current + step, level)
    if last_week == "zwaar":
        return max(1, current - step)
    return current


def _last_week_note(last_week: str, current: int, first: int) -> str:
    """Why week 1 is what it is, for every answer to "Hoe ging de afgelopen week?"."""
    if last_week == "goed":
        if first > current:
            return f"De afgelopen week ging goed: je begint deze week een stap hoger, op {text.minutes(first)} per dag."
        return "De afgelopen week ging goed. Je zit al op je doel: houd dit niveau vol, hoger hoeft niet."
    if last_week == "wisselend":
        return (
            f"De afgelopen week ging wisselend: je houdt deze week hetzelfde niveau aan, "
            f"{text.minutes(first)} per dag."
        )
    back = (
        f"je doet deze week een stapje terug, naar {text.minutes(first)} per dag"
        if first < current
        else f"je gaat deze week niet omhoog en blijft op {text.minutes(first)} per dag"
    )
    return (
        f"De afgelopen week ging zwaar: {back}. Blijft wandelen zwaar, neem dan contact op "
        "met het Rugcentrum Hilversum."
    )


def _fewer_blocks_note(weeks: list[dict], wanted: int) -> str | None:
    """A day with fewer blocks than asked says why (blocks last at least MIN_BLOCK minutes)."""
    fewer = [w["week"] for w in weeks if len(w["blocks"]) < wanted]
    if not fewer:
        return None
    when = f"week {fewer[0]}" if len(fewer) == 1 else f"week {fewer[0]} tot en met {fewer[-1]}"
    return (
        f"In {when} zijn het minder dan {wanted} blokjes per dag: een blokje duurt minstens "
        f"{MIN_BLOCK} minuten."
    )


def compute(p: dict) -> dict:
    current, goal, step = p["current_minutes"], p["goal_minutes"], p["weekly_increase"]
    last_week = p.get("last_week")
    notes: list[str] = []

    # At or above the goal, the level to keep is today's.
    level = max(current, goal)
    levels = [_first_week(current, step, level, last_week)]
    while levels[-1] < level:
        levels.append(min(levels[-1] + step, level))
    if current >= goal:
        notes.append(
            "Je wandelt nu al minstens je doel. Houd dit niveau vol: voor herstel is "
            "consistentie belangrijker dan afstand."
        )
    if last_week:
        notes.append(_last_week_note(last_week, current, levels[0]))

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

    if fewer := _fewer_blocks_note(weeks, p["blocks_per_day"]):
        notes.append(fewer)
    notes.append(
        "Wanneer wandelen pijn geeft is het vaak een kwestie van tempo en techniek, "
        "niet de beweging zelf."
    )

    if len(weeks) == 1:
        summary = f"Wandel {text.minutes(levels[0])} per dag."
    else:
        summary = (
            f"In {len(weeks)} weken van {levels[0]} naar {text.minutes(levels[-1])} per dag, "
            f"met {text.minutes(step)} erbij per week."
        )
    today = _dt.date.fromisoformat(p["today"]) if p.get("today") else None
    return {
        "weeks": weeks,
        "summary": summary,
        "notes": notes,
        # A note advises contacting the clinic: the widget links to the contact details.
        "refer": last_week == "zwaar",
        "chart": bar_chart(
            [w["minutes_per_day"] for w in weeks],
            [str(w["week"]) for w in weeks],
            unit="minuten",
            axis="minuten per dag",
            item="week",
        ),
        "current_week": current_week(start, len(weeks), today),
    }


def current_week(start: _dt.date | None, weeks: int, today: _dt.date | None) -> int | None:
    """The week of the plan that today falls in; None without both dates, before the start or after the end."""
    if start is None or today is None or today < start:
        return None
    week = (today - start).days // 7 + 1
    return week if week <= weeks else None


# "Zet in agenda" with a reminder: on the first day of each week, in the morning.
WEEK_REMINDER = "PT8H"  # 08:00 on the week's first day (an all-day event starts at midnight)


def calendar_events(plan: dict, start: _dt.date, values: dict, made_with: str) -> tuple[list[list[str]], str]:
    """"Zet in agenda": one all-day item per week, on that week's dates; with the reminder
    on, an alarm on the morning of its first day with that week's minutes."""
    events = []
    for week in plan["weeks"]:
        first = start + _dt.timedelta(weeks=week["week"] - 1)
        event = [
            f"DTSTART;VALUE=DATE:{ics.day(first)}",
            f"DTEND;VALUE=DATE:{ics.day(first + _dt.timedelta(weeks=1))}",
            f"SUMMARY:{ics.escape(f'Wandelen week {week["week"]}: {week["minutes_per_day"]} minuten per dag')}",
            f"DESCRIPTION:{ics.escape(f'In blokjes van {text.blocks(week["blocks"])} minuten.\n\n{made_with}')}",
            "TRANSP:TRANSPARENT",
        ]
        if values[REMINDER]:
            reminder = f"Week {week['week']} begint: wandel deze week {week['minutes_per_day']} minuten per dag."
            event += ics.alarm(reminder, WEEK_REMINDER)
        events.append(event)
    count = len(events)
    return events, f"{text.amount(count, 'week', 'weken')} van je opbouwschema staan in je agenda"


ACTIONS = (
    CalendarAction(
        slug="opbouw",
        events=calendar_events,
        start_field="start_date",
        reminder="om 8 uur 's ochtends op de eerste dag van elke nieuwe week, met de minuten van die week",
    ),
)
