"""The review line's dates are worked out in Python (wandelgids.review_line), for MkDocs and Zensical alike."""

from __future__ import annotations

import datetime as dt

import markdown
from markdown.preprocessors import Preprocessor

from wandelgids.review_line import META_KEY, review


def test_dates_in_dutch_and_no_next_date_once_it_has_passed():
    meta = {"reviewed": "2024-02-29", "reviewer": "fysiotherapeut"}
    assert review(meta, today=dt.date(2025, 2, 28)) == {
        "reviewed": "2024-02-29", "reviewed_text": "29 februari 2024", "next": "2025-02-28", "next_text": "28 februari 2025"}
    assert review(meta, today=dt.date(2025, 3, 1))["next"] is None
    assert review({"reviewed": dt.date(2026, 11, 25)}) is None  # no reviewer: no review line
    assert review({"reviewed": "gisteren", "reviewer": "chiropractor"}) is None


def test_the_extension_adds_the_line_to_a_zensical_page_and_leaves_mkdocs_alone():
    class Page:  # what Zensical's "rendering_context" preprocessor carries
        meta = {"reviewed": "2026-11-25", "reviewer": "chiropractor"}

    class Context(Preprocessor):
        page = Page()

        def run(self, lines):
            return lines

    md = markdown.Markdown(extensions=["wandelgids.review_line"])
    md.preprocessors.register(Context(md), "rendering_context", 0)
    md.convert("Tekst.")
    assert Page.meta[META_KEY]["reviewed_text"] == "25 november 2026"
    assert markdown.markdown("Tekst.", extensions=["wandelgids.review_line"]) == "<p>Tekst.</p>"  # MkDocs: nothing to add to
