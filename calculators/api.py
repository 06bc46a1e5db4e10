"""The stable JSON API: calculate() never raises for any input and returns only JSON
types; only a Python installation that lacks a module raises (ImportError)."""

from __future__ import annotations

import json
import re
import datetime as _dt
from types import ModuleType

from . import registry
from .text import date as dutch_date
from .text import listing
from .calendar import export as calendar_export
from .rules import problems

_MODULES: dict[str, ModuleType] = {m.SCHEMA.name: m for m in (*registry.PLACEABLE, calendar_export)}
NAMES: tuple[str, ...] = tuple(_MODULES)
# The calculators staff can place on a page as a block (the calendar is an action of
# the planners, not a widget of its own).
BLOCKS: tuple[str, ...] = tuple(name for name, m in _MODULES.items() if getattr(m, "PLACEABLE", True))


# What a patient can do when the page sent something Python cannot read (only a broken
# page or a hand-made request gets there): no programmer's words such as "JSON-object".
RELOAD = "Laad de pagina opnieuw en probeer het nog eens."


def _unknown(name: object) -> str:
    return f"Onbekende rekenhulp '{name}'. Kies uit: {', '.join(NAMES)}."


def describe(name: str) -> dict:
    """The calculator's schema, rules and their review as JSON; ValueError for an unknown name."""
    if not isinstance(name, str) or name not in _MODULES:
        raise ValueError(_unknown(name))
    module = _MODULES[name]
    return {
        **module.SCHEMA.describe(),
        "rules": [rule.describe() for rule in module.RULES],
        "review": module.REVIEW.describe(),
        "actions": [action.describe() for action in getattr(module, "ACTIONS", ())],
    }


def source_file(name: str) -> str:
    """Where a calculator's code, rules and review are declared (for the content checks)."""
    return _MODULES[name].__file__


def rule_problems(name: str, today: _dt.date | None = None) -> list[str]:
    """What is missing in a calculator's rules declaration (Dutch), for the content checks."""
    module = _MODULES[name]
    return problems(module.RULES, getattr(module, "REVIEW", None), today)


def validate_options(name: str, params: dict) -> tuple[dict, list[dict]]:
    """Normalise params with the calculator's schema and cross-field rules."""
    return registry.validate(_MODULES[name], params)


def _failed(name: str | None, errors: list[dict]) -> dict:
    """A refused calculation; fields_text names what to fix for the widget's status line:
    '"Doel per dag" en "Nu per dag"' (the schema's labels; "de invoer" for the whole)."""
    labels = {f.name: f.label for f in _MODULES[name].SCHEMA.fields} if name in _MODULES else {}
    named = list(dict.fromkeys(f'"{labels.get(e["field"], e["field"])}"' if e["field"] else "de invoer" for e in errors))
    return {"ok": False, "calculator": name, "errors": errors, "fields_text": listing(named)}


def calculate(name: object, params: object = None) -> dict:
    label = name if isinstance(name, str) else None
    if label not in _MODULES:
        return _failed(label, [{"field": None, "message": _unknown(name)}])
    if params is None:
        params = {}
    if not isinstance(params, dict):
        message = f"De rekenhulp kon de invoer niet lezen. {RELOAD}"
        return _failed(label, [{"field": None, "message": message}])
    try:
        values, errors = validate_options(label, params)
        if errors:
            return _failed(label, errors)
        module = _MODULES[label]
        # `inputs`: the patient's inputs as lines, for the printout and the stale note.
        return {"ok": True, "calculator": label, "params": values, "inputs": module.SCHEMA.inputs(values), **module.compute(values)}
    except ImportError:
        # Only a Python that lacks a standard module gets here (in the browser: a standard
        # library cut too far). No input fixes that, so the caller must fail visibly.
        raise
    except Exception:  # noqa: BLE001 - the promise is "never raises"; a bug still gets a Dutch message
        message = "Er ging iets mis bij het berekenen. Controleer je invoer of probeer het later opnieuw."
        return _failed(label, [{"field": None, "message": message}])


# What the worker lets through to Python (and what Python itself accepts): nesting
# thousands deep overflows Pyodide's stack for good, and nothing a form sends comes near.
MAX_REQUEST_BYTES = 64 * 1024
MAX_REQUEST_DEPTH = 32
TOO_LARGE = (
    "Het verzoek aan de rekenhulp is onleesbaar: het is groter dan "
    f"{MAX_REQUEST_BYTES // 1024} KB of dieper dan {MAX_REQUEST_DEPTH} niveaus genest."
)
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def request_limits() -> str:
    """The limits and their refusal as JSON, for the worker and the page (protocol.js)."""
    return json.dumps({"max_bytes": MAX_REQUEST_BYTES, "max_depth": MAX_REQUEST_DEPTH, "refusal": TOO_LARGE})


def _too_large(text: str | bytes) -> bool:
    """Over the size or nesting limit, measured on the text in linear time (as protocol.js does)."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if len(data) > MAX_REQUEST_BYTES:
        return True
    depth = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub("", data.decode("utf-8", "replace"))):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_REQUEST_DEPTH:
            return True
    return False


def _refused(message: str) -> dict:
    # As the worker's own refusal (protocol.js refusal()) writes it, without fields_text.
    return {"ok": False, "calculator": None, "errors": [{"field": None, "message": message}]}


def calculate_json(text: object) -> str:
    """calculate() across a text boundary (the browser's worker): a JSON request
    {"name": ..., "params": {...}, "today": "YYYY-MM-DD"} in, the result as JSON text out
    (with today_text, the browser's day in Dutch, when today is a date). Never raises."""
    if isinstance(text, (str, bytes)) and _too_large(text):
        return json.dumps(_refused(TOO_LARGE))
    try:
        request = json.loads(text) if isinstance(text, (str, bytes)) else None
    except (ValueError, RecursionError):
        request = None
    if not isinstance(request, dict):
        return json.dumps(_refused(f"Het verzoek aan de rekenhulp is onleesbaar. {RELOAD}"))
    result = calculate(request.get("name"), request.get("params"))
    if result["ok"] and (day := _day(request.get("today"))):
        result["today_text"] = dutch_date(day)  # the browser's day in Dutch, e.g. for "Afgedrukt op ..."
    return json.dumps(result)


def _day(value: object) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None
