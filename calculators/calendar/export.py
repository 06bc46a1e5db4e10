"""Agenda: the calculator behind "Zet in agenda" (RFC 5545 text from calendar.ics).

It receives {calculator, params, start_date, ...} and computes the plan itself with
that planner's own code; the planner's CalendarAction (calculators.actions) builds
the events and may add fields (the day schedule: how many weeks). Not a block
staff can place.
"""

from __future__ import annotations

import datetime as _dt
import json

from .. import registry, text
from ..actions import REMINDER
from ..rules import Review, Rule, add_months
from ..schema import CHOICE, DATE, Field, FieldError, Schema
from . import ics

PLACEABLE = False
# A first day further from today than this is almost surely a typing error (1900, 2099).
MONTHS_BACK, MONTHS_AHEAD = 12, 24


def _planners() -> dict:
    return {m.SCHEMA.name: m for m in registry.PLACEABLE if registry.action(m, "calendar")}


class ParamsField(Field):
    """The planner's own inputs, as its form sends them (checked by its own schema)."""

    def allowed(self) -> str:
        return "maak eerst een geldig schema; alleen dat kan in je agenda"

    def line(self, value: object) -> None:
        return None  # the plan's own inputs are listed field by field

    def normalise(self, value: object) -> dict:
        if not isinstance(value, dict):
            raise FieldError(f"{self.label}: maak eerst een geldig schema; alleen dat kan in je agenda.")
        return value


RULES = (
    Rule(
        "Het opbouwschema komt als één agenda-item per week in je agenda, op de dagen van die week. De eerste dag "
        "die je kiest is de startdatum van het schema: de weken in je agenda zijn de weken die de rekenhulp toont."
    ),
    Rule(
        "De wandelingen van het dagschema herhalen elke week op hun eigen tijd: doordeweeks van maandag tot en "
        "met vrijdag, in het weekend op zaterdag en zondag, zo veel weken als je kiest (standaard 12, hooguit 52)."
    ),
    Rule("Heeft het schema nog geen startdatum, dan kies je de eerste dag zelf; voorgesteld wordt de eerstvolgende maandag."),
    Rule(
        f"De eerste dag ligt hooguit {MONTHS_BACK // 12} jaar terug en hooguit {MONTHS_AHEAD // 12} jaar vooruit, "
        "gerekend vanaf vandaag op je eigen apparaat; een datum daarbuiten is waarschijnlijk een tikfout."
    ),
    Rule(
        "Met een herinnering (standaard aan) geeft je agenda een melding: bij het dagschema als elke wandeling "
        "begint, bij het opbouwschema om 8 uur 's ochtends op de eerste dag van elke week, met de minuten van "
        "die week."
    ),
    Rule(
        "Een wandeling vóór je opstaantijd hoort bij een dag die de avond ervoor begon (bijvoorbeeld bij "
        "nachtdiensten) en staat daarom op de volgende datum."
    ),
)
REVIEW = Review("2026-11-27", "chiropractor")


def _extra_fields() -> tuple[Field, ...]:
    seen: dict[str, Field] = {}
    for module in _planners().values():
        for field in registry.action(module, "calendar").fields:
            seen.setdefault(field.name, field)
    # The reminder tick last in every plan's form: after the days and weeks it reminds of.
    return tuple(sorted(seen.values(), key=lambda field: field.name == REMINDER))


SCHEMA = Schema(
    name="calendar",
    title="Schema in je agenda",
    fields=(
        Field(
            "calculator",
            CHOICE,
            "Rekenhulp",
            "Van welke rekenhulp komt het schema?",
            choices=tuple((name, m.SCHEMA.title) for name, m in _planners().items()),
        ),
        ParamsField("params", "params", "Schema", "De invoer van het schema, zoals het formulier die stuurt.", default={}),
        Field("start_date", DATE, "Eerste dag in je agenda", "Op welke dag begint het schema in je agenda?"),
        *_extra_fields(),
        # The patient's own date, for the window around the first day (not asked, never in links).
        Field("today", DATE, "Vandaag", "De datum van vandaag op je eigen apparaat.", from_browser=True),
    ),
)


def machine_today() -> _dt.date:
    """Python's own date, for callers that send no today (the API in CPython); tests replace it."""
    return _dt.date.today()


def window(today: _dt.date) -> tuple[_dt.date, _dt.date]:
    """The first days the calendar accepts: a year back to two years ahead of today."""
    return add_months(today, -MONTHS_BACK), add_months(today, MONTHS_AHEAD)


def _start(p: dict, plan: dict) -> _dt.date:
    own = registry.action(_planners()[p["calculator"]], "calendar").start_field
    return _dt.date.fromisoformat(p.get("start_date") or plan["params"][own])


def _plan(p: dict) -> tuple[dict | None, list[dict]]:
    module = _planners()[p["calculator"]]
    params = p["params"]
    # The calendar's first day is the plan's start date (when the plan has one), so the
    # weeks in the file are the weeks the widget shows, this week's included.
    own = registry.action(module, "calendar").start_field
    if own and p.get("start_date"):
        params = {**params, own: p["start_date"]}
    values, errors = registry.validate(module, params)
    if errors:
        return None, [{"field": "params", "message": "Schema: maak eerst een geldig schema; alleen dat kan in je agenda."}]
    return {"calculator": p["calculator"], "params": values, **module.compute(values)}, []


def check(p: dict) -> list[dict]:
    if "calculator" not in p:  # sent by the browser with every request, never asked
        return [{"field": "calculator", "message": "Rekenhulp: zeg van welke rekenhulp het schema komt."}]
    plan, errors = _plan(p)
    if errors:
        return errors
    own = registry.action(_planners()[p["calculator"]], "calendar").start_field
    if "start_date" not in p and not (own and plan["params"].get(own)):
        return [{"field": "start_date", "message": "Eerste dag in je agenda: kies op welke dag het schema in je agenda begint."}]
    # Today from the browser (the patient's own calendar); Python's own clock only for other callers.
    first, last = window(_dt.date.fromisoformat(p["today"]) if "today" in p else machine_today())
    start = _start(p, plan)
    if not first <= start <= last:
        where = "ver terug" if start < first else "ver vooruit"
        return [
            {
                "field": "start_date",
                "message": f"Eerste dag in je agenda: {text.date(start)} ligt te {where}. Kies een dag van "
                f"{text.date(first)} tot en met {text.date(last)}.",
            }
        ]
    return []


def _inputs_text(module, plan: dict, start: _dt.date, extra: list[tuple[Field, object]]) -> str:
    """Which inputs made the file, in the calculators' own Dutch labels (as the printout lists them)."""
    parts = [
        *module.SCHEMA.inputs(plan["params"]),  # not today: it does not change the walks
        *(field.line(start.isoformat()) for field in SCHEMA.fields if field.name == "start_date"),
        *(text.labelled(field.label, field.shown(value)) for field, value in extra),
    ]
    return f"Gemaakt met de Wandelgids van het Rugcentrum Hilversum ({module.SCHEMA.title}). Invoer: {'; '.join(parts)}."


def compute(p: dict) -> dict:
    kind = p["calculator"]
    module = _planners()[kind]
    action = registry.action(module, "calendar")
    plan, _ = _plan(p)
    start = _start(p, plan)
    extra = [(field, p[field.name]) for field in action.fields]
    values = {field.name: value for field, value in extra}
    made_with = _inputs_text(module, plan, start, extra)
    events, summary = action.events(plan, start, values, made_with)
    # Deterministic identity: the same walks give the same UIDs and DTSTAMP, with or without
    # their alarms, so a file imported again replaces the events instead of doubling them.
    browser = {f.name for f in module.SCHEMA.fields if f.from_browser}
    inputs = {k: v for k, v in plan["params"].items() if k not in browser}
    shape = {k: v for k, v in values.items() if k != REMINDER}
    key = json.dumps([kind, inputs, start.isoformat(), shape or None], sort_keys=True)
    reminded = " (met herinneringen)" if values[REMINDER] else ""
    return {
        "ics": ics.calendar(events, "Wandelschema", made_with, key, start),
        "filename": f"wandelschema-{action.slug}-{start.isoformat()}.ics",
        "events": len(events),
        "summary": summary + f"{reminded}, vanaf {text.weekday_date(start)}.",
        "notes": [made_with],
    }
