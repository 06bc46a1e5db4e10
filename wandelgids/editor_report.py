"""What the web editor shows after a save: the build's content checks, as JSON.

`make edit` answers GET /api/controle with this (wandelgids.edit_server), and
editor/admin.js shows it in the editor after each save: what only the build can know
(links to other pages, the calculators' own rules, the readability report) comes back to
the person who saved, with file, line and fix, instead of only in a terminal.
"""

from __future__ import annotations

from pathlib import Path

from calculators.text import amount
from . import content_checks
from .front_matter import read_pages

PATH = "/api/controle"


def finding_item(finding: content_checks.Finding, body_starts: dict[str, int] | None = None) -> dict:
    """body_starts: per page (as the checks name it) the file line where its body begins. A finding in
    the body also gets its line in the editor's Markdown view, which counts from the body's first line."""
    message = content_checks.sentence(finding.message)
    item = {"path": finding.path, "line": finding.line, "message": message[:1].upper() + message[1:],
            "fix": finding.fix, "severity": finding.severity}
    start = (body_starts or {}).get(finding.path)
    if start is not None and finding.line >= start:
        item["body_line"] = finding.line - start + 1
    return item


def saved_report(docs_dir: Path, saved: str | None = None, concept: bool = False) -> dict:
    """Every error in the content (any of them stops the build), and the warnings for the file just saved.

    saved: that file as the checks name it, e.g. 'docs/opbouwen.md'. concept: docs_dir is the
    content of a concept (editorial workflow, wandelgids.edit_git.draft_docs), not yet published.
    """
    findings = content_checks.check_all(docs_dir)
    errors = content_checks.errors(findings)
    warnings = [f for f in findings if f.severity == content_checks.WARNING and f.path == saved]
    count = amount(len(errors), "fout", "fouten")
    if concept and errors:
        title = (f"Opgeslagen als concept, maar zo kan de site niet gebouwd worden: {count} in de inhoud. "
                 "Verbeter ze voordat het concept gepubliceerd wordt.")
    elif concept:
        title = "Opgeslagen als concept. De controle van de site met dit concept erin vond geen fouten."
    elif errors:
        title = (f"Opgeslagen, maar de site kan zo niet gebouwd worden: {count} in de inhoud. "
                 "Tot ze verbeterd zijn, komt er geen nieuwe versie van de site.")
    else:
        title = "Opgeslagen. De controle van de site vond geen fouten."
    starts = {f"{docs_dir.name}/{page.uri}": page.body_start for page in read_pages(docs_dir) if page.has_front_matter}
    return {
        "ok": not errors,
        "title": title,
        "errors": [finding_item(f, starts) for f in errors],
        "warnings": [finding_item(f, starts) for f in warnings],
        "warnings_title": f"Tips voor {saved}:" if warnings else "",
        # Which pages others link to now (the editor refuses to delete those).
        "linked_from": content_checks.linked_from(docs_dir),
    }
