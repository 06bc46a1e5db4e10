"""Dutch date formatting for the widgets and content checks (no locale needed)."""

from __future__ import annotations

import datetime as dt
import os

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


def dutch_date(day: dt.date | str) -> str:
    """'2026-11-25' or a date -> '25 november 2026'."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def build_day() -> dt.date:
    """Today (UTC) as the build sees it: SOURCE_DATE_EPOCH when set (reproducible builds, and the
    tests' fixed day), as MkDocs' own build_date_utc does."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()
