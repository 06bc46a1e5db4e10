"""The build's own day (Dutch dates themselves: calculators.text)."""

from __future__ import annotations

import datetime as dt
import os

def build_day() -> dt.date:
    """Today (UTC) as the build sees it: SOURCE_DATE_EPOCH when set (reproducible builds, and the
    tests' fixed day), as MkDocs' own build_date_utc does."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()
