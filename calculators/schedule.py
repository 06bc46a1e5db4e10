"""Dagschema: spread a day's walking over morning, afternoon and evening.

The article's schedule for 35 minutes: ochtend 10, middag 5, avond twee keer 10,
and at the weekend "iets langere wandeling, maar niet ineens veel meer".
"""

from __future__ import annotations

import datetime as _dt

from .actions import REMINDER, CalendarAction
from .calendar import ics
from .rules import Review, Rule
from . import text
from .schema import INTEGER, TIME, Field, Schema

MIN_WALK = 3
DAY = 24 * 60
MIN_AWAKE = 6 * 60
MAX_AWAKE = 20 * 60
BEFORE_BED = 30
GAP = 15
# A walk's label follows its clock time: (from, label), from midnight on.
PARTS_OF_DAY = ((0, "nacht"), (6 * 60, "ochtend"), (12 * 60, "middag"), (18 * 60, "avond"))
# The weekend's morning walk: a quarter longer, at least 1 and at most 10 minutes more.
WEEKEND_SHARE = 4
WEEKEND_MIN_EXTRA = 1
WEEKEND_MAX_EXTRA = 10
# The article's starting point ("tien minuten per dag als startpunt"): a day schedule with
# more is a goal to build up to, not a first day, and says so (the site's own advice).
START_MINUTES = 10

TIPS = {
    "ochtend": "Rustig wandelen, rustige ademhaling laten zakken.",
    "middag": "Korte wandelpauze, ritme gebruiken om spanning te doorbreken.",
    "avond": "Voor slaapkwaliteit, eventueel gecombineerd met lage ademhaling.",
    "weekend": "Iets langere wandeling, maar niet ineens veel meer. Variatie in tempo en ondergrond.",
}

# (role, weight, share of the waking day at which the walk starts) for the article's
# four walks: 10, 5, 10 and 10 minutes of 35. The role picks the walk's tip; its label
# comes from the clock (part_of_day), so a night-shift day reads right.
SLOTS = (
    ("ochtend", 2, None),
    ("middag", 1, 0.36),
    ("avond", 2, 0.75),
    ("avond", 2, 0.88),
)
# Which of the slots to use when the day is too short for four walks of three minutes.
SLOTS_FOR_COUNT = {1: (0,), 2: (0, 2), 3: (0, 1, 2), 4: (0, 1, 2, 3)}

# The rules this calculator applies, shown under it as "Zo rekent deze rekenhulp".
RULES = (
    Rule(
        "Het schema volgt de dag die het Rugcentrum Hilversum vaak gebruikt: bij 35 minuten 10 minuten in "
        "de ochtend, 5 in de middag en twee keer 10 in de avond.",
        quote=(
            "Ochtend: Tien minuten rustig wandelen, rustige ademhaling laten zakken.",
            "Middag: Korte wandelpauze van vijf minuten, ritme gebruiken om spanning te doorbreken.",
            "Avond: Twee keer tien minuten voor slaapkwaliteit, eventueel gecombineerd met lage ademhaling.",
        ),
    ),
    Rule("Andere totalen worden in dezelfde verhouding verdeeld (2 : 1 : 2 : 2)."),
    Rule(
        f"Heeft het schema meer dan {START_MINUTES} minuten per dag, dan zegt de rekenhulp erbij dat je daar "
        "naartoe opbouwt als je nu minder wandelt, met een link naar het opbouwschema; ook in je agenda.",
        quote="Richtlijn: verleng je wandelingen met enkele minuten per week, niet ineens van tien naar dertig minuten.",
    ),
    Rule(
        f"Een wandeling duurt minstens {MIN_WALK} minuten; bij weinig minuten worden het minder wandelingen."
    ),
    Rule(
        "De eerste wandeling begint een half uur na het opstaan, de andere op vaste delen van je wakkere dag, "
        f"minstens {GAP} minuten na elkaar; de laatste is {BEFORE_BED} minuten voor bedtijd klaar."
    ),
    Rule("Ochtend, middag, avond of nacht hangt af van de kloktijd van de wandeling (nacht is 0 tot 6 uur)."),
    Rule(
        "Tussen opstaan en naar bed gaan zit 6 tot 20 uur; anders vraagt de rekenhulp of je een andere tijd "
        "bedoelt."
    ),
    Rule(
        "In het weekend is er een iets langere wandeling, maar niet veel meer.",
        quote="Weekend: Iets langere wandeling, maar niet ineens veel meer.",
    ),
    Rule(
        "In het weekend blijven de wandelingen van doordeweeks; de eerste wordt een kwart langer, met minstens "
        f"{WEEKEND_MIN_EXTRA} en hooguit {WEEKEND_MAX_EXTRA} minuten erbij."
    ),
)
REVIEW = Review("2026-11-27", "chiropractor")

SCHEMA = Schema(
    name="schedule",
    title="Dagschema voor wandelen",
    fields=(
        Field(
            "daily_minutes",
            INTEGER,
            "Wandeltijd per dag",
            "Hoeveel minuten wil je per doordeweekse dag wandelen, alle wandelingen samen?",
            unit="minuten",
            default=35,
            min=5,
            max=120,
        ),
        Field("wake_time", TIME, "Opstaan", "Hoe laat sta je meestal op?", default="07:30"),
        Field("bed_time", TIME, "Naar bed", "Hoe laat ga je meestal naar bed?", default="23:00"),
    ),
)


def _minutes(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def _clock(minutes: int) -> str:
    minutes %= DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _round(minutes: float, to: int) -> int:
    return int(minutes / to + 0.5) * to


def split_by_weight(total: int, weights: list[int]) -> list[int]:
    """Share total by weights (largest remainder), then lift walks below MIN_WALK."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    while min(shares) < MIN_WALK:
        short = shares.index(min(shares))
        shares[shares.index(max(shares))] -= 1
        shares[short] += 1
    return shares


def _place(targets: list[int], lengths: list[int], wake: int, bed: int) -> list[int]:
    """Start times near the targets, in order, apart, the last one ending before bed."""
    starts: list[int] = []
    for target, previous in zip(targets, [None, *lengths[:-1]]):
        earliest = wake if not starts else starts[-1] + previous + GAP
        starts.append(max(target, earliest))
    latest_end = bed - BEFORE_BED
    for i in reversed(range(len(starts))):
        starts[i] = min(starts[i], latest_end - lengths[i])
        latest_end = starts[i] - GAP
    return starts


def part_of_day(clock: str) -> str:
    """ochtend, middag, avond or nacht, by the clock time."""
    minutes = _minutes(clock)
    return [label for start, label in PARTS_OF_DAY if minutes >= start][-1]


def _walks(starts: list[int], lengths: list[int], tips: list[str]) -> list[dict]:
    return [
        {"part": part_of_day(_clock(start)), "time": _clock(start), "minutes": length, "tip": tip}
        for start, length, tip in zip(starts, lengths, tips)
    ]


def _awake(wake: int, bed: int) -> int:
    """Minutes from waking to bed; the same time for both is a whole day."""
    return (bed - wake) % DAY or DAY


def check(p: dict) -> list[dict]:
    """Cross-field rule: a waking day of 6 to 20 hours, so the walks fit and the times are meant."""
    wake, bed = _minutes(p["wake_time"]), _minutes(p["bed_time"])
    awake = _awake(wake, bed)
    if MIN_AWAKE <= awake <= MAX_AWAKE:
        return []
    # Most likely a mix-up of morning and evening: twelve hours later is a usual day.
    meant = _clock(bed + 12 * 60)
    suggestion = f" Bedoel je {meant}?" if MIN_AWAKE <= _awake(wake, bed + 12 * 60) <= MAX_AWAKE else ""
    if awake > MAX_AWAKE:
        message = (
            f"Naar bed om {p['bed_time']} ligt vlak voor het opstaan.{suggestion} "
            f"Tussen opstaan en naar bed gaan zit in dit schema hooguit {MAX_AWAKE // 60} uur."
        )
    else:
        message = (
            f"Naar bed: tussen opstaan en naar bed gaan moet minstens {MIN_AWAKE // 60} uur zitten, "
            f"zodat de wandelingen over de dag verdeeld kunnen worden.{suggestion}"
        )
    return [{"field": "bed_time", "message": message}]


def weekend_extra(morning: int) -> int:
    """Minutes the weekend adds to the morning walk: a quarter (rounded), from 1 to 10."""
    return min(WEEKEND_MAX_EXTRA, max(WEEKEND_MIN_EXTRA, (2 * morning + WEEKEND_SHARE) // (2 * WEEKEND_SHARE)))


def _summary(lengths: list[int], extra: int) -> str:
    total = sum(lengths)
    if len(lengths) == 1:
        return (
            f"Doordeweeks 1 wandeling van {text.minutes(total)}; in het weekend wordt die "
            f"wandeling {text.minutes(extra)} langer: {text.minutes(total + extra)}."
        )
    return (
        f"Doordeweeks {len(lengths)} wandelingen van samen {text.minutes(total)}; in het weekend "
        f"wordt de eerste wandeling {text.minutes(extra)} langer ({text.minutes(lengths[0] + extra)}), "
        f"samen {text.minutes(total + extra)}."
    )


def compute(p: dict) -> dict:
    total = p["daily_minutes"]
    wake = _minutes(p["wake_time"])
    awake = _awake(wake, _minutes(p["bed_time"]))
    bed = wake + awake

    chosen = [SLOTS[i] for i in SLOTS_FOR_COUNT[min(4, total // MIN_WALK)]]
    tips = [TIPS[role] for role, _, _ in chosen]
    lengths = split_by_weight(total, [weight for _, weight, _ in chosen])
    targets = [wake + 30 if share is None else wake + _round(awake * share, 15) for _, _, share in chosen]
    weekday = _walks(_place(targets, lengths, wake, bed), lengths, tips)

    # Weekend: the same walks, the first one a bit longer: "iets langere wandeling,
    # maar niet ineens veel meer".
    extra = weekend_extra(lengths[0])
    weekend_lengths = [lengths[0] + extra, *lengths[1:]]
    weekend = _walks(_place(targets, weekend_lengths, wake, bed), weekend_lengths, [TIPS["weekend"], *tips[1:]])

    notes = [
        "Dit is het schema dat het Rugcentrum Hilversum vaak gebruikt in de praktijk, "
        "verdeeld over jouw dag.",
        "Tempo dat ontspannen voelt: wandelen is een herstelprikkel, geen workout.",
    ]
    return {
        "weekday": weekday,
        "weekend": weekend,
        "summary": _summary(lengths, extra),
        "notes": notes,
        "build_up": build_up(total),
    }


def build_up(total: int) -> str:
    """The site's own advice beside a schedule above the article's starting point: for whoever
    walks less today it is a goal, reached a few minutes a week ("" at or below the start)."""
    if total <= START_MINUTES:
        return ""
    return (
        f"Wandel je nu minder dan {text.minutes(total)} per dag? Begin dan niet ineens met dit schema. Bouw "
        f"eerst op naar {text.minutes(total)}, met enkele minuten per week erbij: het opbouwschema rekent uit hoe."
    )


# The walk lists and the days they repeat on (Monday = 0), for the calendar.
DAYS = {"weekday": (0, 1, 2, 3, 4), "weekend": (5, 6)}
WALK_REMINDER = "PT0S"  # "Zet in agenda" with a reminder: as each walk begins


def calendar_events(plan: dict, start: _dt.date, values: dict, made_with: str) -> tuple[list[list[str]], str]:
    """"Zet in agenda": weekly recurring walks at their times, for the weeks chosen."""
    weeks = values["weeks"]
    last_day = start + _dt.timedelta(days=7 * weeks - 1)
    wake = plan["params"]["wake_time"]
    # The same advice as beside the widget, marked as the site's own (no link in a calendar).
    advice = f"\n\n{plan['build_up']} (Advies van de Wandelgids.)" if plan["build_up"] else ""
    events = []
    for key, days in DAYS.items():
        first_day = next(start + _dt.timedelta(days=n) for n in range(7) if (start.weekday() + n) % 7 in days)
        for walk in plan[key]:
            # A walk before the waking time belongs to a day that began the evening before
            # (a night shift): it falls on the next calendar date.
            later = _dt.timedelta(days=1 if walk["time"] < wake else 0)
            on_days = ",".join(ics.BYDAY[(d + later.days) % 7] for d in days)
            clock = walk["time"].replace(":", "") + "00"
            event = [
                f"DTSTART:{ics.day(first_day + later)}T{clock}",
                f"DURATION:PT{walk['minutes']}M",
                f"RRULE:FREQ=WEEKLY;BYDAY={on_days};UNTIL={ics.day(last_day + later)}T{clock}",
                f"SUMMARY:{ics.escape(f'Wandelen: {walk["minutes"]} minuten ({walk["part"]})')}",
                f"DESCRIPTION:{ics.escape(f'{walk["tip"]}{advice}\n\n{made_with}')}",
            ]
            if values[REMINDER]:  # at the walk's start, every time it repeats
                event += ics.alarm(f"Tijd om te wandelen: {walk['minutes']} minuten ({walk['part']}).", WALK_REMINDER)
            events.append(event)
    return events, f"Je wandelingen staan {text.amount(weeks, 'week', 'weken')} in je agenda"


ACTIONS = (
    CalendarAction(
        slug="dag",
        events=calendar_events,
        reminder="als een wandeling begint",
        fields=(
            Field(
                "weeks",
                INTEGER,
                "Aantal weken",
                "Hoeveel weken zet je de wandelingen van je dagschema in je agenda?",
                unit="weken",
                default=12,
                min=1,
                max=52,
            ),
        ),
    ),
)
