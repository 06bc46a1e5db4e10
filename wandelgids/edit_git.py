"""The git side of `make edit`: decap-server in git mode needs a repository it can commit in.

decap-server (git mode) checks out its branches in the folder itself and commits with
`git add .`: it works only in a git repository, on the branch the editor saves to
(extra.editor.backend.branch in mkdocs.yml; Decap's own default is "master"), with a
name and e-mail address for the commits. `make edit` says in Dutch what is missing
before it starts anything, instead of an editor whose every save fails.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

import yaml

DECAP_DEFAULT_BRANCH = "master"  # what Decap uses when the backend names no branch


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold tags (!!python/name:...); this reader only needs plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def git(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True)


def editor_branch(project: Path) -> str:
    """The branch the editor saves to: extra.editor.backend.branch in the project's mkdocs.yml."""
    try:
        config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader) or {}
        backend = ((config.get("extra") or {}).get("editor") or {}).get("backend") or {}
    except (OSError, yaml.YAMLError, AttributeError):
        backend = {}
    return str(backend.get("branch") or DECAP_DEFAULT_BRANCH)


def git_problem(project: Path, branch: str) -> str | None:
    """Why the editor cannot save in project, in Dutch; None when it can."""
    if git(project, "rev-parse", "--is-inside-work-tree").stdout.strip() != "true":
        return (f"{project} is geen git-map. De web-editor bewaart elke wijziging als git-commit; "
                "gebruik een kloon van de git-opslag van de website (git clone ...).")
    current = git(project, "branch", "--show-current").stdout.strip()
    if current != branch:
        return (f"De web-editor bewaart op de tak '{branch}' (extra.editor.backend.branch in mkdocs.yml), "
                f"maar deze map staat op '{current or 'geen tak'}'. Ga eerst naar die tak: git switch {branch}")
    for key in ("user.name", "user.email"):
        if not git(project, "config", key).stdout.strip():
            return (f"git weet nog niet wie er opslaat ({key} ontbreekt). Stel het eenmalig in, bijvoorbeeld:\n"
                    "  git config --global user.name \"Voornaam Achternaam\"\n"
                    "  git config --global user.email \"naam@rugcentrumhilversum.nl\"")
    return None


def uncommitted(project: Path) -> list[str]:
    """Changed or new files git does not ignore: decap-server's next commit (`git add .`) takes them along."""
    return [line[3:] for line in git(project, "status", "--porcelain").stdout.splitlines() if line]


def draft_docs(project: Path, branch: str, saved: str | None, into: Path) -> Path | None:
    """docs/ of the concept (a branch cms/...) that changes `saved` (e.g. docs/x.md), written below into.

    None when no concept changes that file. What the editor's report after a save checks:
    the concept just saved, not main, which the save left as it was.
    """
    if not saved:
        return None
    drafts = git(project, "for-each-ref", "--format=%(refname:short)", "refs/heads/cms/").stdout.split()
    for draft in drafts:
        if saved in git(project, "diff", "--name-only", f"{branch}...{draft}").stdout.splitlines():
            archive = subprocess.run(["git", "-C", str(project), "archive", "--format=tar", draft, "docs"], capture_output=True)
            if archive.returncode:
                return None
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(into, filter="data")
            return into / "docs"
    return None
