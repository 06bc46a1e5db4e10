"""HANDLEIDING.md: every link to a file or an anchor leads somewhere; mkdocs.yml names no missing guide."""

from __future__ import annotations

import re

from conftest import ROOT

GUIDE = ROOT / "HANDLEIDING.md"
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def github_anchor(heading: str) -> str:
    """The anchor GitHub and GitLab give a heading: lower case, punctuation gone, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(text: str) -> set[str]:
    found, in_code = set(), False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and (match := re.match(r"#{1,6} (.+)", line)):
            found.add(github_anchor(match[1]))
    return found


def test_every_link_and_anchor_in_the_guide_leads_somewhere():
    text = GUIDE.read_text(encoding="utf-8")
    prose = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    own = anchors(text)
    links = LINK.findall(prose)
    assert len(links) >= 5
    for target in links:
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        if path:
            assert (ROOT / path).exists() or (ROOT / "docs" / path).exists(), target
        if anchor and not path:
            assert anchor in own, f"HANDLEIDING.md: #{anchor} bestaat niet (koppen: {sorted(own)})"
    assert "10-instellingen-voor-de-beheerder" in own


def test_files_the_project_points_staff_to_exist():
    config = (ROOT / "mkdocs.yml").read_text()
    for name in re.findall(r"\b([A-Z]+\.md)\b", config):
        assert (ROOT / name).is_file(), f"mkdocs.yml noemt {name}, dat niet bestaat"
    text = GUIDE.read_text()
    for name in re.findall(r"`((?:scripts|\.github/workflows)/[\w./-]+|\.gitlab-ci\.yml)`", text):
        assert (ROOT / name).exists(), name
    for target in re.findall(r"`make ([a-z-]+)`", text):
        assert re.search(rf"^{target}:", (ROOT / "Makefile").read_text(), re.MULTILINE), target


def section(text: str, heading: str) -> str:
    """The text under a heading, up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    start = text.index(heading + "\n")
    rest = text[start + len(heading) + 1:]
    end = re.search(rf"^#{{1,{level}}} ", rest, re.MULTILINE)
    return rest[:end.start()] if end else rest


def test_the_review_workflow_names_what_the_editor_shows():
    """Every button, status and question the guide names for the review workflow is one the editor shows in Dutch."""
    import json

    text = GUIDE.read_text(encoding="utf-8")
    review = section(text, "### Nakijken door een collega")
    ours = json.dumps(json.loads((ROOT / "editor" / "nl.json").read_text(encoding="utf-8")), ensure_ascii=False)
    decap = (ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").read_text(encoding="utf-8", errors="replace")
    named = {label.rstrip(":") for label in re.findall(r"\*\*([^*]+)\*\*", review)}
    labels = {"Concept", "Ter review", "Klaar om te publiceren", "Opslaan", "Publiceer", "Publiceer nu", "Workflow",
              "Verwijder niet-gepubliceerde wijzigingen"}
    assert labels <= named
    for label in labels:
        assert f'"{label}"' in ours or f':"{label}"' in decap, label
    assert '"Weet u zeker dat u dit item wil publiceren?"' in " ".join(review.split())
    assert ':"Weet u zeker dat u dit item wil publiceren?"' in decap
    # Decap's Gitea backend refuses the workflow; the guide says so.
    assert "The Gitea backend does not support editorial workflow." in decap and "**Gitea of Forgejo:**" in review


def test_the_local_route_is_what_make_edit_needs():
    """What the guide says to install and type for `make edit` matches the Makefile and the proxy."""
    import subprocess

    from wandelgids import stop_page

    text = GUIDE.read_text(encoding="utf-8")
    local = section(text, "### Lokaal werken met make edit")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    # The Makefile installs uv with pip into $(PYTHON), which the guide's own environment allows.
    assert "PYTHON ?= python3" in makefile and "UV := $(PYTHON) -m uv" in makefile and "$(PYTHON) -m pip install" in makefile
    assert "make edit PYTHON=$HOME/wandelgids-python/bin/python" in local
    assert (ROOT / ".python-version").read_text().strip() == "3.13" and "Python 3.13" in local
    # Windows without WSL: the Makefile and make edit use .venv/bin, a Windows environment has .venv\Scripts.
    assert "BIN := $(VENV)/bin" in makefile and '".venv/bin/mkdocs"' in (ROOT / "wandelgids" / "edit_server.py").read_text()
    # Node.js 18.16 is enough for every package in package-lock.json.
    import json

    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    specs = sorted({p["engines"]["node"] for p in lock["packages"].values() if isinstance(p.get("engines"), dict) and "node" in p["engines"]})
    check = "const s=require('./node_modules/semver');const bad=JSON.parse(process.argv[1]).filter(x=>!s.satisfies('18.16.0',x));console.log(JSON.stringify(bad))"
    answer = subprocess.run(["node", "-e", check, json.dumps(specs)], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(answer.stdout) == [] and "Node.js 18.16 of nieuwer" in local
    # The addresses make edit prints, and the page a content error shows.
    printed = "Web-editor (concept, review, publiceren):     "
    assert printed in (ROOT / "wandelgids" / "edit_server.py").read_text() and printed + "http://127.0.0.1:8000/admin/" in local
    assert f'"{stop_page.TITLE}"' in local


def test_the_new_page_button_is_the_one_the_guide_names():
    """Decap's "＋ Pagina" has a full-width plus (U+FF0B), a box where the font lacks it: our Dutch says it in words."""
    import json

    from wandelgids.editor import pages_collection

    ours = json.loads((ROOT / "editor" / "nl.json").read_text(encoding="utf-8"))
    button = ours["collection"]["collectionTop"]["newButton"].replace("%{collectionLabel}", pages_collection()["label_singular"])
    assert button == "Pagina toevoegen"
    # Its accessible name says what it shows (axe: label-content-name-mismatch, tests/test_editor_browser.py).
    assert ours["collection"]["collectionTop"]["newButtonAriaLabel"] == ours["collection"]["collectionTop"]["newButton"]
    assert f"**{button}**" in GUIDE.read_text(encoding="utf-8")
    # No full-width forms (U+FF00-U+FFEF) in what the editor's own strings say.
    assert not re.search("[\uff00-\uffef]", json.dumps(ours, ensure_ascii=False))
    assert not re.search("[\uff00-\uffef]", GUIDE.read_text(encoding="utf-8"))

