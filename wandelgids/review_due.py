"""Reviews that are overdue or due soon, for the monthly pipeline run.

The monthly run (.github/workflows/controles.yml, .gitlab-ci.yml) runs `make review-due`: it
lists every page and calculator whose review is overdue or due within 30 days, in Dutch, and
fails so that staff see a failed check (and, on GitHub, an issue). In a GitHub Actions job it
also writes the list to the job summary. The rule itself (last review + 12 months, 30 days'
notice) is the content checks' (`content_checks.reviews_due`); this is only its report.

    python -m wandelgids.review_due [docs] [--days 30]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from .content_checks import DUE_SOON_DAYS, Finding, reviews_due

SOON_DAYS = DUE_SOON_DAYS


def due_reviews(docs_dir: Path, today: dt.date | None = None, days: int = SOON_DAYS) -> list[Finding]:
    """Everything whose next review falls before today + `days` (the content checks' warnings)."""
    return reviews_due(docs_dir, days=days, today=today)


def report(items: list[Finding], days: int = SOON_DAYS) -> str:
    if not items:
        return f"Geen controles nodig in de komende {days} dagen."
    lines = [f"Deze pagina's en rekenhulpen moeten (binnen {days} dagen) opnieuw gecontroleerd worden:"]
    lines += [f"- {item}" for item in items]
    lines.append("Zie HANDLEIDING.md, 'Een pagina als gecontroleerd markeren'.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    days = int(args[args.index("--days") + 1]) if "--days" in args else SOON_DAYS
    positional = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] != "--days")]
    docs_dir = Path(positional[0] if positional else "docs")
    items = due_reviews(docs_dir, None, days)  # today: the build's day (SOURCE_DATE_EPOCH when set)
    text = report(items, days)
    print(text)
    if items and (out_file := os.environ.get("REVIEW_DUE_REPORT")):  # the text (monthly pipeline)
        Path(out_file).write_text(text + "\n", encoding="utf-8")
    if summary := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(summary, "a", encoding="utf-8") as out:
            out.write("## Controles van de inhoud\n\n" + text + "\n")
    return 1 if items else 0


if __name__ == "__main__":
    sys.exit(main())
