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
from ..rules import Review, Rule
from ..schema import CHOICE, DATE, Field, FieldError, Schema
from . import ics

PLACEABLE = False


def _planners() -> dict:
    return {m.SCHEMA.name: m for m in registry.PLACEABLE if registry.action(m, "calendar")}


class ParamsField(Field):
    """The planner's own inputs, as its form sends them (checked by its own schema)."""

    def allowed(self) -> str:
        return "de invoer van het schema (een JSON-object)"

    def normalise(self, value: object) -> dict:
        if not isinstance(value, dict):
            raise FieldError(f"{self.label}: maak eerst een geldig schema; alleen dat kan in je agenda.")
        return value


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


def _extra_fields() -> tuple[Field, ...]:
    seen: dict[str, Field] = {}
    for module in _planners().values():
        for field in registry.action(module, "calendar").fields:
            seen.setdefault(field.name, field)
    return tuple(seen.values())


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
    ),
)


def _plan(p: dict) -> tuple[dict | None, list[dict]]:
    module = _planners()[p["calculator"]]
    values, errors = registry.validate(module, p["params"])
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
    return []


def _inputs_text(module, plan: dict, start: _dt.date, extra: list[tuple[Field, object]]) -> str:
    """Which inputs made the file, in the calculators' own Dutch labels."""
    parts = []
    for field in module.SCHEMA.fields:
        value = plan["params"].get(field.name)
        if value is None or field.from_browser:  # e.g. today: it does not change the walks
            continue
        parts.append(text.labelled(field.label, dict(field.choices).get(value, value), field.unit))
    parts.append(text.labelled("Startdatum in de agenda", start.isoformat()))
    for field, value in extra:
        parts.append(text.labelled(field.label, value))
    return f"Gemaakt met de Wandelgids van het Rugcentrum Hilversum ({module.SCHEMA.title}). Invoer: {'; '.join(parts)}."


def compute(p: dict) -> dict:
    kind = p["calculator"]
    module = _planners()[kind]
    action = registry.action(module, "calendar")
    plan, _ = _plan(p)
    start = _dt.date.fromisoformat(p.get("start_date") or plan["params"][action.start_field])
    extra = [(field, p[field.name]) for field in action.fields]
    values = {field.name: value for field, value in extra}
    made_with = _inputs_text(module, plan, start, extra)
    events, summary = action.events(plan, start, values, made_with)
    # Deterministic identity: the same inputs give the same UIDs and DTSTAMP.
    browser = {f.name for f in module.SCHEMA.fields if f.from_browser}
    inputs = {k: v for k, v in plan["params"].items() if k not in browser}
    key = json.dumps([kind, inputs, start.isoformat(), values or None], sort_keys=True)
    return {
        "ics": ics.calendar(events, "Wandelschema", made_with, key, start),
        "filename": f"wandelschema-{action.slug}-{start.isoformat()}.ics",
        "events": len(events),
        "summary": summary + f", vanaf {text.weekday_date(start)}.",
        "notes": [made_with],
    }
