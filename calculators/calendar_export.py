"""Agenda: a plan of the opbouwschema or dagschema as an iCalendar file (RFC 5545).

The build-up plan becomes one all-day item per week on its dates; the day schedule
becomes weekly recurring walks at their times (weekdays and weekend apart) for a
number of weeks the patient chooses. The text is deterministic: DTSTAMP and UID
derive from the inputs, so the same inputs always give the same file.

Not a block staff can place: it is the "Zet in agenda" action of the planners.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json

from .rules import Review, Rule
from .schema import DATE, INTEGER, Field, FieldError, Schema

PLACEABLE = False
PLANNERS = ("progression", "schedule")
PLAN = "plan"
PRODID = "-//Rugcentrum Hilversum//Wandelgids//NL"
UID_DOMAIN = "wandelgids"
LINE_OCTETS = 75
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
# The schedule's walk lists and the days they repeat on (RFC 5545 BYDAY, Monday = 0).
DAYS = {"weekday": (0, 1, 2, 3, 4), "weekend": (5, 6)}
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class PlanField(Field):
    """An ok result of a planner, checked by calculating it again from its own inputs."""

    def allowed(self) -> str:
        return "de uitkomst van het opbouwschema of het dagschema"

    def normalise(self, value: object) -> dict:
        from .api import calculate  # the API imports this module

        problem = f"{self.label}: maak eerst een geldig opbouwschema of dagschema; alleen dat kan in je agenda."
        if not isinstance(value, dict) or value.get("ok") is not True:
            raise FieldError(problem)
        if value.get("calculator") not in PLANNERS or not isinstance(value.get("params"), dict):
            raise FieldError(problem)
        fresh = calculate(value["calculator"], value["params"])
        if fresh != value:
            raise FieldError(f"{self.label}: dit schema past niet bij zijn eigen invoer. Bereken het opnieuw.")
        return fresh


RULES = (
    Rule(
        "Het opbouwschema komt als één agenda-item per week in je agenda, op de dagen van die week.",
        quote="Richtlijn: verleng je wandelingen met enkele minuten per week, niet ineens van tien naar dertig minuten.",
    ),
    Rule(
        "De wandelingen van het dagschema herhalen elke week op hun eigen tijd: doordeweeks van maandag tot en "
        "met vrijdag, in het weekend op zaterdag en zondag, zo veel weken als je kiest (standaard 12, hooguit 52)."
    ),
    Rule("Heeft het schema nog geen startdatum, dan kies je de eerste dag zelf; voorgesteld wordt de eerstvolgende maandag."),
    Rule(
        "Een wandeling vóór je opstaantijd hoort bij een dag die de avond ervoor begon (bijvoorbeeld bij "
        "nachtdiensten) en staat daarom op de volgende datum."
    ),
)
REVIEW = Review("2026-11-27", "chiropractor")

SCHEMA = Schema(
    name="calendar",
    title="Schema in je agenda",
    fields=(
        PlanField(PLAN, PLAN, "Schema", "De uitkomst van het opbouwschema of het dagschema."),
        Field(
            "start_date",
            DATE,
            "Eerste dag in je agenda",
            "Op welke dag begint het schema in je agenda?",
        ),
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
)


def _dated(plan: dict) -> bool:
    return plan["calculator"] == "progression" and bool(plan["params"].get("start_date"))


def check(p: dict) -> list[dict]:
    if PLAN not in p:
        return [{"field": PLAN, "message": "Schema: maak eerst een opbouwschema of dagschema."}]
    if "start_date" not in p and not _dated(p[PLAN]):
        return [{"field": "start_date", "message": "Eerste dag in je agenda: kies op welke dag het schema in je agenda begint."}]
    return []


# ---- RFC 5545 text -----------------------------------------------------------------


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1)."""
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > LINE_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return "\r\n".join(parts)


def _day(date: _dt.date) -> str:
    return date.strftime("%Y%m%d")


def dutch_day(date: _dt.date) -> str:
    return f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]} {date.year}"


def _inputs_text(plan: dict, start: _dt.date, weeks: int | None) -> str:
    """Which inputs made the file, in the calculators' own Dutch labels."""
    from .api import describe

    schema = describe(plan["calculator"])
    parts = []
    for field in schema["fields"]:
        value = plan["params"].get(field["name"])
        if value is None or field["from_browser"]:  # e.g. today: it does not change the walks
            continue
        shown = next((c["label"] for c in field["choices"] if c["value"] == value), value)
        parts.append(f"{field['label']}: {shown}{' ' + field['unit'] if field['unit'] else ''}")
    parts.append(f"Startdatum in de agenda: {start.isoformat()}")
    if weeks is not None:
        parts.append(f"Aantal weken: {weeks}")
    return f"Gemaakt met de Wandelgids van het Rugcentrum Hilversum ({schema['title']}). Invoer: {'; '.join(parts)}."


def _progression_events(plan: dict, start: _dt.date, made_with: str) -> list[list[str]]:
    events = []
    for week in plan["weeks"]:
        first = start + _dt.timedelta(weeks=week["week"] - 1)
        blocks = " + ".join(str(b) for b in week["blocks"])
        events.append(
            [
                f"DTSTART;VALUE=DATE:{_day(first)}",
                f"DTEND;VALUE=DATE:{_day(first + _dt.timedelta(weeks=1))}",
                f"SUMMARY:{escape(f'Wandelen week {week["week"]}: {week["minutes_per_day"]} minuten per dag')}",
                f"DESCRIPTION:{escape(f'In blokjes van {blocks} minuten.\n\n{made_with}')}",
                "TRANSP:TRANSPARENT",
            ]
        )
    return events


def _schedule_events(plan: dict, start: _dt.date, weeks: int, made_with: str) -> list[list[str]]:
    last_day = start + _dt.timedelta(days=7 * weeks - 1)
    wake = plan["params"]["wake_time"]
    events = []
    for key, days in DAYS.items():
        first_day = next(start + _dt.timedelta(days=n) for n in range(7) if (start.weekday() + n) % 7 in days)
        for walk in plan[key]:
            # A walk before the waking time belongs to a day that began the evening before
            # (a night shift): it falls on the next calendar date.
            later = _dt.timedelta(days=1 if walk["time"] < wake else 0)
            on_days = ",".join(BYDAY[(d + later.days) % 7] for d in days)
            clock = walk["time"].replace(":", "") + "00"
            events.append(
                [
                    f"DTSTART:{_day(first_day + later)}T{clock}",
                    f"DURATION:PT{walk['minutes']}M",
                    f"RRULE:FREQ=WEEKLY;BYDAY={on_days};UNTIL={_day(last_day + later)}T{clock}",
                    f"SUMMARY:{escape(f'Wandelen: {walk["minutes"]} minuten ({walk["part"]})')}",
                    f"DESCRIPTION:{escape(f'{walk["tip"]}\n\n{made_with}')}",
                ]
            )
    return events


def compute(p: dict) -> dict:
    plan = p[PLAN]
    kind = plan["calculator"]
    start = _dt.date.fromisoformat(p.get("start_date") or plan["params"]["start_date"])
    weeks = p["weeks"] if kind == "schedule" else None
    made_with = _inputs_text(plan, start, weeks)
    if kind == "schedule":
        events = _schedule_events(plan, start, weeks, made_with)
        summary = (
            f"Je wandelingen staan {weeks} {'week' if weeks == 1 else 'weken'} in je agenda, "
            f"vanaf {dutch_day(start)}."
        )
    else:
        events = _progression_events(plan, start, made_with)
        count = len(events)
        summary = f"{count} {'week' if count == 1 else 'weken'} van je opbouwschema staan in je agenda, vanaf {dutch_day(start)}."

    # Deterministic identity: the same inputs give the same UIDs and DTSTAMP.
    from .api import describe

    browser = {f["name"] for f in describe(kind)["fields"] if f["from_browser"]}
    inputs = {k: v for k, v in plan["params"].items() if k not in browser}
    key = json.dumps([kind, inputs, start.isoformat(), weeks], sort_keys=True)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    stamp = f"DTSTAMP:{_day(start)}T000000Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape('Wandelschema')}",
        f"X-WR-CALDESC:{escape(made_with)}",
    ]
    for index, fields in enumerate(events, start=1):
        lines += ["BEGIN:VEVENT", f"UID:{digest}-{index}@{UID_DOMAIN}", stamp, *fields, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    name = "opbouw" if kind == "progression" else "dag"
    return {
        "ics": "".join(fold(line) + "\r\n" for line in lines),
        "filename": f"wandelschema-{name}-{start.isoformat()}.ics",
        "events": len(events),
        "summary": summary,
        "notes": [made_with],
    }
