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
