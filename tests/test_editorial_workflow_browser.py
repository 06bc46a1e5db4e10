"""Review by a colleague, locally: `make edit` with decap-server in git mode and Decap's editorial workflow.

The real entry point (python -m wandelgids.edit_server) on a temporary git repository with
the content, the real editor in Chromium: a save is a concept on its own branch, not in
docs/ on main; "Ter review" and "Klaar om te publiceren" change only its status; publishing
merges it into main, and the live site shows it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect
from test_serve_errors import start, stop, wait_for

from wandelgids.edit_server import free_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from editor_normal_form import content_copy  # noqa: E402

# One xdist worker runs every Decap editor test (make test's --dist loadgroup): two editors
# driven at once on 2 cores made Decap's slower screens outlast the waits.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("editor")]
PAGE = "docs/hulp-nodig.md"
DRAFT = "cms/paginas/hulp-nodig"  # Decap's branch for this entry: cms/<collection>/<slug>
NEW = "Hulp nodig? Het Rugcentrum Hilversum helpt je verder."  # one line: Decap folds at 80 columns


def git(project: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True).stdout


def status(project: Path) -> str:
    return git(project, "config", f"branch.{DRAFT}.description").strip()


def api_answer(page, action: str):
    return page.expect_response(lambda r: r.url.endswith("/api/v1") and f'"action":"{action}"' in (r.request.post_data or ""))


def test_a_concept_reaches_main_only_when_published(page, tmp_path):
    project = content_copy(ROOT / "docs", tmp_path)
    original = (project / PAGE).read_text(encoding="utf-8")
    port = free_port()
    process = start([sys.executable, "-m", "wandelgids.edit_server", "--port", str(port), "--project", str(project)], ROOT)
    try:
        wait_for(port, "/hulp-nodig/", "<h1", process)
        base = f"http://127.0.0.1:{port}/"
        page.goto(base + "admin/")
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_role("link", name="Hulp nodig", exact=True).click()
        page.get_by_label("Korte omschrijving").fill(NEW)

        # Opslaan: a concept on its own branch; main and the files on disk stay as they were.
        with api_answer(page, "persistEntry") as saved:
            page.get_by_role("button", name="Opslaan", exact=True).click()
        assert saved.value.ok, saved.value.text()
        expect(page.get_by_role("button", name="Status: Concept")).to_be_visible()
        assert (project / PAGE).read_text(encoding="utf-8") == original
        assert git(project, "show", f"main:{PAGE}") == original
        assert NEW in git(project, "show", f"{DRAFT}:{PAGE}")
        assert status(project) == "decap-cms/draft"
        # The check after the save is the site with this concept in it (wandelgids.editor_report).
        expect(page.get_by_text("Opgeslagen als concept. De controle van de site met dit concept erin vond geen fouten.")).to_be_visible()
        assert git(project, "branch", "--show-current").strip() == "main"

        # The concept's card in the workflow: its date as the form writes dates (editor/nl.json), not 'December 6'.
        page.goto(base + "admin/#/workflow")
        card = page.locator("a[href$='entries/hulp-nodig?ref=workflow']")
        expect(card).to_contain_text(re.compile(r"\d{2}-\d{2}-\d{4}"))
        assert not re.search(r"January|February|March|April|May|June|July|August|September|October|November|December",
                             card.inner_text())
        card.click()
        expect(page.get_by_role("button", name="Status: Concept")).to_be_visible()

        # Ter review, then Klaar om te publiceren: only the concept's status changes.
        for label, stored in (("Ter review", "decap-cms/pending_review"), ("Klaar om te publiceren", "decap-cms/pending_publish")):
            page.get_by_role("button", name="Status:").click()
            with api_answer(page, "updateUnpublishedEntryStatus") as changed:
                page.get_by_role("menuitem", name=label).click()
            assert changed.value.ok, changed.value.text()
            assert status(project) == stored
            assert git(project, "show", f"main:{PAGE}") == original

        # Publiceer nu: merged into main, the branch is gone, the site shows it.
        questions = []
        page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
        page.get_by_role("button", name="Publiceer", exact=True).click()
        with api_answer(page, "publishUnpublishedEntry") as published:
            page.get_by_text("Publiceer nu", exact=True).click()
        assert published.value.ok, published.value.text()
        assert questions == ["Weet u zeker dat u dit item wil publiceren?"]  # Decap asks first, in Dutch
        assert f"description: {NEW}\n" in git(project, "show", f"main:{PAGE}")
        assert f"description: {NEW}\n" in (project / PAGE).read_text(encoding="utf-8")
        assert DRAFT not in git(project, "branch", "--list", "cms/*")
        # In Dutch in the history staff search when they restore an earlier version (wandelgids.editor.COMMIT_MESSAGES).
        assert git(project, "log", "-1", "--format=%s", "main").strip() == "Gewijzigd: Pagina “hulp-nodig”"
        assert f'content="{NEW}"' in wait_for(port, "/hulp-nodig/", NEW, process)
    finally:
        stop(process)


def test_the_report_after_saving_a_concept_checks_the_concept(tmp_path):
    """The editor's check after a save (GET /api/controle) reads the concept's branch, not main."""
    from wandelgids.edit_git import draft_docs
    from wandelgids.editor_report import saved_report

    project = content_copy(ROOT / "docs", tmp_path / "project")
    path = project / "docs" / "opbouwen.md"
    original = path.read_text(encoding="utf-8")
    assert draft_docs(project, "main", "docs/opbouwen.md", tmp_path / "a") is None  # no concept yet
    git(project, "switch", "--quiet", "-c", "cms/paginas/opbouwen")
    path.write_text(original.replace("/// calculator | progression\n///", "/// calculator | progression\ngoal_minutes: 300\n///"),
                    encoding="utf-8")
    git(project, "commit", "--quiet", "-am", "concept")
    git(project, "switch", "--quiet", "main")
    assert path.read_text(encoding="utf-8") == original
    assert draft_docs(project, "main", "docs/hulp-nodig.md", tmp_path / "b") is None  # the concept does not change it
    concept = draft_docs(project, "main", "docs/opbouwen.md", tmp_path / "c")
    report = saved_report(concept, "docs/opbouwen.md", concept=True)
    assert not report["ok"] and report["title"].startswith("Opgeslagen als concept, maar zo kan de site niet gebouwd worden: 1 fout")
    assert [(e["path"], "120" in e["message"]) for e in report["errors"]] == [("docs/opbouwen.md", True)]
    assert saved_report(project / "docs", "docs/opbouwen.md")["ok"]  # main itself is fine
