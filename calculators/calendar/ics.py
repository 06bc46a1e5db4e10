"""RFC 5545 (iCalendar) text: escaping, folding and the calendar around the events.

Knows nothing of plans: the planners give their events as lists of content lines.
The text is deterministic: DTSTAMP and UID derive from a key the caller gives.
"""

from __future__ import annotations

import datetime as _dt
import hashlib

PRODID = "-//Rugcentrum Hilversum//Wandelgids//NL"
UID_DOMAIN = "wandelgids"
LINE_OCTETS = 75
# RFC 5545 BYDAY, Monday = 0 (date.weekday()).
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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


def day(date: _dt.date) -> str:
    """A DATE value: 20260105."""
    return date.strftime("%Y%m%d")


def alarm(description: str, trigger: str) -> list[str]:
    """A VALARM that shows a message (RFC 5545 3.6.6: DISPLAY needs DESCRIPTION and TRIGGER).

    trigger is a duration from the event's start: "PT0S" at the start, "PT8H" at 08:00 on
    an all-day event's first day.
    """
    return ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(description)}", f"TRIGGER:{trigger}", "END:VALARM"]


def calendar(events: list[list[str]], name: str, description: str, key: str, stamp: _dt.date) -> str:
    """The whole file: each event's lines inside VEVENT with a UID derived from key."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-CALDESC:{escape(description)}",
    ]
    for index, fields in enumerate(events, start=1):
        lines += ["BEGIN:VEVENT", f"UID:{digest}-{index}@{UID_DOMAIN}", f"DTSTAMP:{day(stamp)}T000000Z", *fields, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
