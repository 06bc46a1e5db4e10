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

PATH = "/api/controle"


def finding_item(finding: content_checks.Finding) -> dict:
    message = content_checks.sentence(finding.message)
    return {"path": finding.path, "line": finding.line, "message": message[:1].upper() + message[1:],
            "fix": finding.fix, "severity": finding.severity}


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
    return {
        "ok": not errors,
        "title": title,
        "errors": [finding_item(f) for f in errors],
        "warnings": [finding_item(f) for f in warnings],
        "warnings_title": f"Tips voor {saved}:" if warnings else "",
        # Which pages others link to now (the editor refuses to delete those).
        "linked_from": content_checks.linked_from(docs_dir),
    }
