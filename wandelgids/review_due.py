"""Reviews that are overdue or due soon: the pages' `reviewed` and the calculators' REVIEW.

The monthly pipeline run (.github/workflows/reviews.yml, .gitlab-ci.yml) runs
`make review-due`: it lists every page and calculator whose review is overdue or due
within 30 days, in Dutch, and fails so that staff see a failed check (and, on GitHub,
an issue). In a GitHub Actions job it also writes the list to the job summary.

    python -m wandelgids.review_due [docs] [--days 30]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import calculators

from .dates import add_months, dutch_date
from .front_matter import REVIEW_MONTHS, read_pages

SOON_DAYS = 30


@dataclass(frozen=True)
class Due:
    where: str  # file:line
    title: str
    due: dt.date

    def describe(self, today: dt.date) -> str:
        when = "was" if self.due < today else "is"
        return f"{self.where}: {self.title}: de controle {when} uiterlijk {dutch_date(self.due)} nodig"


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def due_reviews(docs_dir: Path, today: dt.date | None = None, days: int = SOON_DAYS) -> list[Due]:
    """Everything whose next review (last review + REVIEW_MONTHS) falls before today + `days`, soonest first.
    A page without a readable date is the content checks' business, not listed here."""
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=days)
    found = []
    for page in read_pages(docs_dir):
        day = _date(page.meta.get("reviewed"))
        if day and (due := add_months(day, REVIEW_MONTHS)) <= horizon:
            where = f"{page.path.as_posix()}:{page.key_lines.get('reviewed', 1)}"
            found.append(Due(where, f"pagina '{page.meta.get('title') or page.uri}'", due))
    for name in calculators.NAMES:
        review = calculators.describe(name)["review"]
        day = _date(review["reviewed"])
        if day and (due := add_months(day, REVIEW_MONTHS)) <= horizon:
            source = Path(calculators.source_file(name))
            line = next((i for i, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("REVIEW = ")), 1)
            found.append(Due(f"calculators/{source.name}:{line}", f"de regels van rekenhulp '{name}'", due))
    return sorted(found, key=lambda item: (item.due, item.where))


def report(items: list[Due], today: dt.date, days: int = SOON_DAYS) -> str:
    if not items:
        return f"Geen controles nodig in de komende {days} dagen."
    lines = [f"Deze pagina's en rekenhulpen moeten (binnen {days} dagen) opnieuw gecontroleerd worden:"]
    lines += [f"- {item.describe(today)}" for item in items]
    lines.append("Zo los je het op: laat een zorgverlener de inhoud nakijken en zet 'reviewed' (of REVIEW) op de datum "
                 "van die controle (HANDLEIDING.md, 'Een pagina als gecontroleerd markeren').")  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    days = int(args[args.index("--days") + 1]) if "--days" in args else SOON_DAYS
    positional = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] != "--days")]
    docs_dir = Path(positional[0] if positional else "docs")
    today = dt.date.fromisoformat(os.environ["WANDELGIDS_TODAY"]) if os.environ.get("WANDELGIDS_TODAY") else dt.date.today()
    items = due_reviews(docs_dir, today, days)
    text = report(items, today, days)
    print(text)
    if items and (out_file := os.environ.get("REVIEW_DUE_REPORT")):  # the text (monthly pipeline)
        Path(out_file).write_text(text + "\n", encoding="utf-8")
    if summary := os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(summary, "a", encoding="utf-8") as out:
            out.write("## Controles van de inhoud\n\n" + text + "\n")
    return 1 if items else 0


if __name__ == "__main__":
    sys.exit(main())
