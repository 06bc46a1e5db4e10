"""What a calculator can do with its result besides showing it, declared in its own module.

A calculator lists its actions in `ACTIONS`; describe() exports them, so the widget
template renders a button and form for each, and the browser's action modules read
them, without naming any calculator. Print and link are every widget's own.
"""

from __future__ import annotations

from .schema import BOOLEAN, Field, exported

# The tick every calendar action asks: alarms in the file, on unless the patient unticks it.
REMINDER = "reminder"


def reminder_field(when: str) -> Field:
    return Field(
        REMINDER,
        BOOLEAN,
        "Herinnering in je agenda",
        f"Met een vinkje geeft je agenda een melding {when}. Zonder vinkje komen er geen meldingen in het bestand.",
        default=True,
    )


class CalendarAction:
    """"Zet in agenda": the plan as an iCalendar file (calculators.calendar).

    events(result, start, values, made_with) -> (events, summary): the plan's events as
    RFC 5545 content lines (calculators.calendar.ics) and a Dutch sentence saying what
    went into the calendar. values holds the action's own fields (e.g. weeks) and the
    reminder tick: with it on, every event carries an alarm (ics.alarm).
    start_field: the planner's own input that can give the first day (else asked).
    reminder: when the alarm goes off, in Dutch, for the tick's help text.
    """

    name = "calendar"
    label = "Zet in agenda"
    anchor = "agenda"  # the form's id: <widget id>-agenda
    writer = "calendar"  # the calculator that writes the file

    def __init__(
        self, *, slug: str, events, reminder: str, fields: tuple[Field, ...] = (), start_field: str | None = None
    ):
        self.slug, self.events, self.start_field = slug, events, start_field
        self.fields = (*fields, reminder_field(reminder))

    def describe(self) -> dict:
        return {
            **exported(self, ("name", "label", "anchor")),
            "calculator": self.writer,
            "fields": ["start_date", *(f.name for f in self.fields)],
            # The calendar's schema holds one field per name; its help is this plan's own.
            "help": {f.name: f.help for f in self.fields},
        }
