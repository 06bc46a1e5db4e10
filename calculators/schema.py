"""Input schemas: one declaration per field drives validation, forms and build checks."""

from __future__ import annotations

import datetime as _dt
import math
import re

from . import text

INTEGER = "integer"
TIME = "time"
DATE = "date"
CHOICE = "choice"
BOOLEAN = "boolean"  # a tick: the form sends true or false

_INTEGER_TEXT = re.compile(r"[+-]?\d{1,15}(\.0*)?")
_TIME_TEXT = re.compile(r"(\d{1,2}):(\d{2})")
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")



def exported(obj: object, names: tuple[str, ...]) -> dict:
    """The named attributes of obj as describe() exports them (fields, actions)."""
    return {name: getattr(obj, name) for name in names}

class FieldError(ValueError):
    """A Dutch message about one input field."""


class Field:
    """One input. (A plain class: dataclasses would import inspect, which costs the
    browser tens of milliseconds before the first result.)"""

    def __init__(
        self,
        name: str,
        type: str,
        label: str,
        help: str,
        *,
        unit: str | None = None,
        default: object = None,
        min: int | None = None,
        max: int | None = None,
        choices: tuple[tuple[str, str], ...] = (),
        above_max: str | None = None,
        from_browser: bool = False,
    ):
        self.name, self.type, self.label, self.help, self.unit = name, type, label, help, unit
        self.default, self.min, self.max, self.choices = default, min, max, choices
        # Message for a value above max, when the article gives a reason for the limit.
        self.above_max = above_max
        # Filled in by the browser (e.g. today's date), not asked in the form nor kept in links.
        self.from_browser = from_browser

    @property
    def required(self) -> bool:
        return self.default is not None

    def describe(self) -> dict:
        return {
            **exported(self, ("name", "type", "label", "help", "unit", "default", "min", "max", "required")),
            "choices": [{"value": v, "label": lbl} for v, lbl in self.choices],
            "from_browser": self.from_browser,
        }

    def shown(self, value: object) -> object:
        """A value as the patient reads it: a choice's label, a tick as aan or uit, a date in Dutch."""
        if self.type == BOOLEAN:
            return "aan" if value else "uit"
        if self.type == DATE and value:
            return text.date(value)
        return dict(self.choices).get(value, value)

    def line(self, value: object) -> str | None:
        """The input as the patient reads it back (printout, calendar file): 'Doel per dag: 30 minuten'."""
        return text.labelled(self.label, self.shown(value), self.unit)

    def allowed(self) -> str:
        """What to fill in, as a patient reads it: "vul een aantal minuten in, van 1 tot 120"."""
        if self.type == INTEGER:
            what = f"een aantal {self.unit}" if self.unit else "een heel getal"
            return f"vul {what} in, van {self.min} tot {self.max}"
        if self.type == TIME:
            return "vul een tijd in, bijvoorbeeld 07:30"
        if self.type == DATE:
            return "vul een datum in, bijvoorbeeld 2026-01-05"
        if self.type == BOOLEAN:
            return "kies aan (true) of uit (false)"
        options = ", ".join(label for _, label in self.choices[:-1])
        return f"kies {options} of {self.choices[-1][1]}" if self.choices[1:] else "kies een van de keuzes"

    def normalise(self, value: object) -> object:
        """Return the canonical value or raise FieldError with a Dutch message."""
        if self.type == INTEGER:
            return self._integer(value)
        if self.type == TIME:
            return self._time(value)
        if self.type == DATE:
            return self._date(value)
        if self.type == BOOLEAN:
            return self._boolean(value)
        return self._choice(value)

    def _fail(self, problem: str = "") -> FieldError:
        """'Nu per dag: vul een aantal minuten in, van 3 tot 120.', after what is wrong when that helps."""
        advice = self.allowed()
        text = f"{problem} {advice[0].upper()}{advice[1:]}" if problem else advice
        if self.label.endswith("?"):  # a question: "Hoe ging de afgelopen week? Kies ..."
            return FieldError(f"{self.label} {text[0].upper()}{text[1:]}.")
        return FieldError(f"{self.label}: {text}.")

    def _integer(self, value: object) -> int:
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and math.isfinite(value) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and _INTEGER_TEXT.fullmatch(value.strip()):
            number = int(float(value.strip()))
        if number is None:
            raise self._fail()
        if number < self.min:
            raise self._fail(f"{number} is te laag.")
        if number > self.max:
            if self.above_max:
                raise self._fail(self.above_max)
            raise self._fail(f"{number} is te hoog.")
        return number

    def _time(self, value: object) -> str:
        match = _TIME_TEXT.fullmatch(value.strip()) if isinstance(value, str) else None
        if not match:
            raise self._fail()
        hours, minutes = int(match[1]), int(match[2])
        if hours > 23 or minutes > 59:
            raise self._fail(f"{value.strip()} bestaat niet als tijd.")
        return f"{hours:02d}:{minutes:02d}"

    def _date(self, value: object) -> str:
        text = value.strip() if isinstance(value, str) else None
        if not text or not _DATE_TEXT.fullmatch(text):
            raise self._fail()
        try:
            return _dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise self._fail("deze datum bestaat niet.") from None

    def _boolean(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        text = value.strip().lower() if isinstance(value, str) else None
        if text in ("true", "false"):  # a link or another form may send it as text
            return text == "true"
        raise self._fail("dit is geen aan of uit.")

    def _choice(self, value: object) -> str:
        if isinstance(value, str) and value.strip() in {v for v, _ in self.choices}:
            return value.strip()
        raise self._fail()


# How many unknown fields an answer names, and how much of each name it echoes.
MAX_UNKNOWN_NAMED = 10
MAX_ECHOED_KEY = 40


def _cut(key: str) -> str:
    return key if len(key) <= MAX_ECHOED_KEY else key[: MAX_ECHOED_KEY - 1] + "…"


class Schema:
    def __init__(self, name: str, title: str, fields: tuple[Field, ...], *, result_noun: str = "het schema"):
        self.name, self.title, self.fields = name, title, fields
        self.field_names = tuple(f.name for f in fields)
        # What the result is called in status messages: "Het schema is bijgewerkt."
        self.result_noun = result_noun

    def describe(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "result_noun": self.result_noun,
            "fields": [f.describe() for f in self.fields],
        }

    def inputs(self, values: dict) -> list[str]:
        """The patient's inputs as lines, in the form's order: what is set, not what the browser fills in."""
        lines = (f.line(values[f.name]) for f in self.fields if values.get(f.name) not in (None, "") and not f.from_browser)
        return [line for line in lines if line]

    def normalise(self, params: dict) -> tuple[dict, list[dict]]:
        """Fill in defaults and check every field; return (values, errors).

        A missing or null value means "not given": the default, or absent when the
        field is optional. An empty string on an optional field means the same,
        because that is what an empty form control sends.
        """
        values: dict = {}
        errors: list[dict] = []
        unknown = [key for key in params if key not in self.field_names]
        known = ", ".join(self.field_names)
        # A few named, each cut short: thousands of unknown or huge keys must not make
        # the answer larger than the request.
        for key in unknown[:MAX_UNKNOWN_NAMED]:
            shown = _cut(str(key))
            errors.append({"field": shown, "message": f"Onbekend veld '{shown}'. Deze rekenhulp kent: {known}."})
        if len(unknown) > MAX_UNKNOWN_NAMED:
            more = len(unknown) - MAX_UNKNOWN_NAMED
            errors.append({"field": None, "message": f"En nog {text.amount(more, 'onbekend veld', 'onbekende velden')}."})
        for spec in self.fields:
            value = params.get(spec.name)
            if value is None or (value == "" and not spec.required):
                if spec.required:
                    values[spec.name] = spec.default
                continue
            try:
                values[spec.name] = spec.normalise(value)
            except FieldError as error:
                errors.append({"field": spec.name, "message": str(error)})
        return values, errors
