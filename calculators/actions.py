"""What a calculator can do with its result besides showing it, declared in its own module.

A calculator lists its actions in `ACTIONS`; describe() exports them, so the widget
template renders a button and form for each, and the browser's action modules read
them, without naming any calculator. Print and link are every widget's own.
"""

from __future__ import annotations

from .schema import Field, exported


class CalendarAction:
    """"Zet in agenda": the plan as an iCalendar file (calculators.calendar).

    events(result, start, values, made_with) -> (events, summary): the plan's events as
    RFC 5545 content lines (calculators.calendar.ics) and a Dutch sentence saying what
    went into the calendar. values holds the action's own fields (e.g. weeks).
    start_field: the planner's own input that can give the first day (else asked).
    """

    name = "calendar"
    label = "Zet in agenda"
    anchor = "agenda"  # the form's id: <widget id>-agenda
    writer = "calendar"  # the calculator that writes the file

    def __init__(self, *, slug: str, events, fields: tuple[Field, ...] = (), start_field: str | None = None):
        self.slug, self.events, self.fields, self.start_field = slug, events, fields, start_field

    def describe(self) -> dict:
        return {
            **exported(self, ("name", "label", "anchor")),
            "calculator": self.writer,
            "fields": ["start_date", *(f.name for f in self.fields)],
        }
