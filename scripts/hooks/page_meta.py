"""MkDocs hook: check each page's front matter and add its review dates in Dutch.

Every page needs title, description (at most 160 characters, the meta description),
reviewed (date of the last content review) and reviewer (a role). The page foot
shows the review date and the next review due, twelve months later.
"""

from __future__ import annotations

import datetime as dt

from dutch_dates import add_months, dutch_date  # hooks load with their folder on sys.path
from mkdocs.exceptions import PluginError

REQUIRED = ("title", "description", "reviewed", "reviewer")
MAX_DESCRIPTION = 160


def _fail(page, problem: str, fix: str) -> PluginError:
    return PluginError(f"docs/{page.file.src_uri}: front matter: {problem}. {fix}")


def on_page_markdown(markdown, page, config, files):
    meta = page.meta
    if page.file.src_uri == "404.md":
        return markdown
    missing = [key for key in REQUIRED if not meta.get(key)]
    if missing:
        raise _fail(
            page,
            f"missing {', '.join(missing)}",
            "Add them between the --- lines at the top, e.g. 'reviewed: 2026-11-25' and 'reviewer: chiropractor'.",
        )
    description = str(meta["description"])
    if len(description) > MAX_DESCRIPTION:
        raise _fail(
            page,
            f"description is {len(description)} characters",
            f"Shorten it to at most {MAX_DESCRIPTION}: search engines cut off the rest.",
        )
    reviewed = meta["reviewed"]
    if isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed)
        except ValueError:
            reviewed = None
    if not isinstance(reviewed, dt.date) or isinstance(reviewed, dt.datetime):
        raise _fail(page, f"reviewed '{meta['reviewed']}' is not a date", "Write it as YYYY-MM-DD, e.g. 2026-11-25.")
    meta["review"] = {
        "reviewed_iso": reviewed.isoformat(),
        "reviewed": dutch_date(reviewed),
        "next_iso": add_months(reviewed, 12).isoformat(),
        "next": dutch_date(add_months(reviewed, 12)),
        "reviewer": str(meta["reviewer"]),
    }
    return markdown
