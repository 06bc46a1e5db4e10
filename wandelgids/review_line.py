"""The page's review line ("Laatst inhoudelijk gecontroleerd op 25 november 2026 ..."), in Python.

partials/page-foot.html shows `page.meta.wandelgids_review`: the dates worked out here,
with the one review rule (calculators.rules.next_review) and the one Dutch date
(calculators.text), so that the template computes and formats nothing (MiniJinja under
Zensical cannot call Python). Two adapters put it into the page's metadata:

- MkDocs: the wandelgids plugin (on_page_markdown) calls `add_review(page.meta)`;
- Zensical: this module is also a Python-Markdown extension (`wandelgids.review_line`
  in markdown_extensions); Zensical hands each page's metadata to the extensions
  (its "rendering_context" preprocessor) and takes back what they add. Under MkDocs
  the extension finds no such context and does nothing.
"""

from __future__ import annotations

import datetime as dt

from markdown import Extension
from markdown.preprocessors import Preprocessor

from calculators import text
from calculators.rules import next_review

from .dates import build_day
from .front_matter import as_date

META_KEY = "wandelgids_review"


def review(meta: dict, today: dt.date | None = None) -> dict | None:
    """{reviewed, reviewed_text, next, next_text} for a page with `reviewed` and `reviewer`;
    `next` is None once the next review has passed (patients read no date in the past)."""
    day = as_date(meta.get("reviewed")) if meta.get("reviewer") else None
    if day is None:
        return None
    due = next_review(day)
    upcoming = due >= (today or build_day())
    return {
        "reviewed": day.isoformat(),
        "reviewed_text": text.date(day),
        "next": due.isoformat() if upcoming else None,
        "next_text": text.date(due) if upcoming else None,
    }


def add_review(meta: dict) -> None:
    meta.pop(META_KEY, None)
    if line := review(meta):
        meta[META_KEY] = line


class ReviewLinePreprocessor(Preprocessor):
    def run(self, lines):
        if "rendering_context" in self.md.preprocessors:  # Zensical's page and its metadata
            meta = getattr(getattr(self.md.preprocessors["rendering_context"], "page", None), "meta", None)
            if isinstance(meta, dict):
                add_review(meta)
        return lines


class ReviewLineExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(ReviewLinePreprocessor(md), "wandelgids_review_line", 40)


def makeExtension(**kwargs):
    return ReviewLineExtension(**kwargs)
