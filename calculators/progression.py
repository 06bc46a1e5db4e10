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
from . import text
from .rules import Review, Rule
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
        f"minstens {MIN_BLOCK} minuten, ook na een stap terug; bij weinig minuten worden het minder blokjes dan je "
        "vroeg, of één wandeling."
    ),
    Rule(
        "Met een startdatum zegt de rekenhulp waar je in je schema zit: week 1 begint op de startdatum en elke "
        "week duurt zeven dagen. Voor de start staat er wanneer je schema begint, na de laatste week dat het klaar "
        "is. De eerste dag die je kiest bij „Zet in agenda” wordt de startdatum van je schema."
    ),
    Rule(
        "Je antwoord op „Hoe ging de afgelopen week?” verandert je schema vanaf de week waarin je nu zit; de weken "
        "daarvoor blijven zoals ze gepland waren. Zonder startdatum, of voor de start, is dat week 1. Na de laatste "
        "week verandert er niets meer."
    ),
    Rule("Ging de afgelopen week goed, dan ga je deze week een stap hoger dan de afgelopen week (niet hoger dan je doel)."),
    Rule("Ging de afgelopen week wisselend, dan blijf je deze week op hetzelfde niveau als de afgelopen week."),
    Rule(
        f"Ging de afgelopen week zwaar, dan doe je deze week een stap terug (niet onder {MIN_BLOCK} minuten) en "
        "raadt de rekenhulp aan contact op te nemen als het zwaar blijft."
    ),
    Rule(
        "Wandel je nu al minstens je doel, dan houd je dat niveau vol.",
        quote="Voor herstel is consistentie belangrijker dan afstand.",
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
            "Nu per dag",
            "Hoeveel minuten wandel je nu per dag, alle wandelingen samen?",
            unit="minuten",
            default=10,
            min=MIN_BLOCK,
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
            "Minuten erbij per week",
            "Met hoeveel minuten per dag verleng je je wandelingen elke week? Enkele minuten is genoeg.",
            unit="minuten",
            default=3,
            min=1,
            max=5,
            above_max=(
                "verleng je wandelingen met hooguit 5 minuten per week. Het lichaam houdt "
                "van voorspelbare belasting: niet ineens van tien naar dertig minuten."
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
            "Optioneel: op welke dag begint week 1? Zet je het schema in je agenda, dan wordt de eerste dag "
            "in je agenda de startdatum.",
        ),
        Field(
            "last_week",
            CHOICE,
            "Hoe ging de afgelopen week?",
            "Optioneel: pas het schema aan op hoe het wandelen de afgelopen week ging. Het verandert vanaf "
            "deze week; de weken ervoor blijven zoals ze waren.",
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


def blocks_text(blocks: list[int]) -> str:
    """A day's walking in words: one walk is a walk, not "blokjes"."""
    if len(blocks) == 1:
        return f"Eén wandeling van {text.minutes(blocks[0])}."
    return f"In {len(blocks)} blokjes: {text.blocks(blocks)} minuten."


def climb(first: int, step: int, level: int) -> list[int]:
    """Minutes per day, week by week, from `first` up by `step` until `level`."""
    levels = [first]
    while levels[-1] < level:
        levels.append(min(levels[-1] + step, level))
    return levels


def after_last_week(previous: int, step: int, level: int, last_week: str) -> int:
    """This week's minutes after last week at `previous`: a step up after a good week
    (not past the level to reach), the same after a mixed one, a step back after a hard
    one (not under MIN_BLOCK, so no block is shorter than the floor)."""
    if last_week == "goed":
        return min(previous + step, level)
    if last_week == "zwaar":
        return max(MIN_BLOCK, previous - step)
    return previous


# Where today falls: before the start, in week N, after the end, or unknown (no dates).
BEFORE, DURING, AFTER = "before", "during", "after"


def position(start: _dt.date | None, weeks: int, today: _dt.date | None) -> tuple[str | None, int | None]:
    """(where, week): today's place in a plan of `weeks` weeks that starts on `start`."""
    if start is None or today is None:
        return None, None
    if today < start:
        return BEFORE, None
    week = (today - start).days // 7 + 1
    return (DURING, week) if week <= weeks else (AFTER, None)


def current_week(start: _dt.date | None, weeks: int, today: _dt.date | None) -> int | None:
    """The week of the plan that today falls in; None without both dates, before the start or after the end."""
    return position(start, weeks, today)[1]


def plan_levels(current: int, goal: int, step: int, last_week: str | None, week: int) -> list[int]:
    """Minutes per day per week. The answer about last week changes the plan from `week`
    (this week, or week 1) on; the weeks before it stay as planned."""
    level = max(current, goal)  # at or above the goal, today's level is kept
    planned = climb(current, step, level)
    if not last_week:
        return planned
    previous = current if week == 1 else planned[week - 2]
    return planned[: week - 1] + climb(after_last_week(previous, step, level, last_week), step, level)


def _last_week_note(last_week: str, previous: int, now: int, moment: str) -> str:
    """Why this week is what it is, for every answer to "Hoe ging de afgelopen week?"."""
    if last_week == "goed":
        if now > previous:
            return f"De afgelopen week ging goed: je gaat {moment} een stap hoger, naar {text.minutes(now)} per dag."
        return f"De afgelopen week ging goed. Je zit al op je doel: houd {text.minutes(now)} per dag vol."
    if last_week == "wisselend":
        return f"De afgelopen week ging wisselend: je blijft {moment} op hetzelfde niveau, {text.minutes(now)} per dag."
    back = (
        f"je doet {moment} een stapje terug, naar {text.minutes(now)} per dag"
        if now < previous
        else f"je gaat {moment} niet omhoog en blijft op {text.minutes(now)} per dag"
    )
    return f"De afgelopen week ging zwaar: {back}. {CONTACT}"


CONTACT = "Blijft wandelen zwaar, neem dan contact op met het Rugcentrum Hilversum."


def _finished_note(last_week: str) -> str:
    """After the plan's last week the answer changes nothing; it still gets an answer."""
    if last_week == "goed":
        return "De afgelopen week ging goed. Je plan is klaar: houd je doel vol."
    note = (
        f"De afgelopen week ging {last_week}. Je plan is klaar, dus het verandert niet meer. Wil je opnieuw "
        "rustig opbouwen, kies dan een nieuwe startdatum en vul bij „Nu per dag” in hoeveel je nu wandelt."
    )
    return f"{note} {CONTACT}" if last_week == "zwaar" else note


def _numbers_text(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> '1 tot en met 3 en 5': runs of numbers in increasing order."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return text.listing([str(run[0]) if len(run) == 1 else f"{run[0]} tot en met {run[-1]}" for run in runs])


def _fewer_blocks_note(weeks: list[dict], wanted: int) -> str | None:
    """A day with fewer blocks than asked says why (blocks last at least MIN_BLOCK minutes)."""
    fewer = [w["week"] for w in weeks if len(w["blocks"]) < wanted]
    if not fewer:
        return None
    when = f"week {_numbers_text(fewer)}"
    if all(len(w["blocks"]) == 1 for w in weeks if w["week"] in fewer):
        return (
            f"In {when} wandel je één keer per dag in plaats van in {wanted} blokjes: een blokje duurt minstens "
            f"{MIN_BLOCK} minuten."
        )
    return (
        f"In {when} zijn het minder dan {wanted} blokjes per dag: een blokje duurt minstens "
        f"{MIN_BLOCK} minuten."
    )


def _where(where: str | None, week: int | None, weeks: list[dict], start: _dt.date | None, level: int) -> str:
    """The sentence about today's place in the plan; the same week and minutes as its row."""
    if where == DURING:
        row = weeks[week - 1]
        return (
            f"Je zit nu in week {week} van {len(weeks)}: deze week wandel je "
            f"{text.minutes(row['minutes_per_day'])} per dag. {blocks_text(row['blocks'])}"
        )
    if where == BEFORE:
        return f"Je plan begint {text.weekday_date(start)}."
    if where == AFTER:
        last = start + _dt.timedelta(weeks=len(weeks)) - _dt.timedelta(days=1)
        return f"Je plan is klaar: week {len(weeks)} was de laatste, tot en met {text.weekday_date(last)}. Houd {text.minutes(level)} per dag vol."
    return ""


WHEN_LABELS = {"past": "voorbij", "current": "nu", "future": ""}


def compute(p: dict) -> dict:
    current, goal, step = p["current_minutes"], p["goal_minutes"], p["weekly_increase"]
    last_week = p.get("last_week")
    start = _dt.date.fromisoformat(p["start_date"]) if p.get("start_date") else None
    today = _dt.date.fromisoformat(p["today"]) if p.get("today") else None
    level = max(current, goal)
    notes: list[str] = []

    # Where today is, in the plan as planned (an answer about last week never moves it).
    where, week_now = position(start, len(climb(current, step, level)), today)
    levels = plan_levels(current, goal, step, None if where == AFTER else last_week, week_now or 1)
    if current >= goal:
        notes.append(
            "Je wandelt nu al minstens je doel. Houd dit niveau vol: voor herstel is "
            "consistentie belangrijker dan afstand."
        )
    if last_week and where == AFTER:
        notes.append(_finished_note(last_week))
    elif last_week:
        week = week_now or 1
        previous = current if week == 1 else levels[week - 2]
        moment = f"deze week (week {week})" if week_now else "in week 1"
        notes.append(_last_week_note(last_week, previous, levels[week - 1], moment))

    weeks = []
    for number, minutes in enumerate(levels, start=1):
        week = {
            "week": number,
            "minutes_per_day": minutes,
            "blocks": split_blocks(minutes, p["blocks_per_day"]),
        }
        week["blocks_list"] = text.blocks(week["blocks"])  # "5 + 4 + 4", as the table shows it
        if start is not None:
            first = start + _dt.timedelta(weeks=number - 1)
            week["start_date"], week["start_date_text"] = first.isoformat(), text.date(first)
        if where is not None:
            when = "future" if where == BEFORE else "past" if where == AFTER else (
                "past" if number < week_now else "current" if number == week_now else "future"
            )
            week["when"], week["when_label"] = when, WHEN_LABELS[when]
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
    return {
        "weeks": weeks,
        "summary": summary,
        "where": _where(where, week_now, weeks, start, level),
        "notes": notes,
        # A note advises contacting the clinic: the widget links to the contact details.
        "refer": last_week == "zwaar",
        "chart": bar_chart(
            [w["minutes_per_day"] for w in weeks],
            [str(w["week"]) for w in weeks],
            unit="minuten",
            axis="minuten per dag",
            item="week",
            marked=None if week_now is None else week_now - 1,
        ),
        "current_week": week_now,
    }


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
            f"DESCRIPTION:{ics.escape(f'{blocks_text(week["blocks"])}\n\n{made_with}')}",
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
