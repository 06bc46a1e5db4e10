"""The online route: the publishing pipelines, the launch checklist, the monthly review
check and security.txt. The workflow files are validated against their schemas and each
command they run is executed here (those that need the clinic's secrets only up to
their refusal), so the pipelines cannot rot unnoticed."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from wandelgids import glossary
import yaml
from conftest import ROOT

from serving import security_txt
from wandelgids import launch, review_due

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
GITLAB = ROOT / ".gitlab-ci.yml"
BIN = ROOT / ".venv" / "bin"
SHIPPED_OPEN = ["contact", "faq_questions", "calculator_rules", "site_url", "editor_backend", "security_contact"]
# What a command in a pipeline may be: a make target, and these few host-specific lines.
HOST_LINES = {
    'echo "::add-matcher::.github/wandelgids-meldingen.json"',
    'gh issue create --title "Controles van de inhoud nodig" --body-file controles.md',
    "mv site public",
    'if [ "$CI_JOB_STATUS" = failed ]; then make ci-failed-summary; fi',
}


def commands() -> list[str]:
    found = []
    for workflow in WORKFLOWS:
        for job in yaml.safe_load(workflow.read_text())["jobs"].values():
            found += [step["run"].strip() for step in job.get("steps", []) if "run" in step]
    for name, job in yaml.safe_load(GITLAB.read_text()).items():
        if isinstance(job, dict) and not name.startswith("."):
            found += [line.strip() for key in ("script", "after_script") for line in job.get(key, [])]
    return found


def make_targets(command: str) -> list[str]:
    return re.findall(r"\bmake ([a-z-]+)", command)


# ---- the files ----------------------------------------------------------------------


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_github_workflow_is_valid(workflow):
    # action-validator (npm, pinned): GitHub's workflow schema, plus globs and action references.
    result = subprocess.run([str(ROOT / "node_modules/.bin/action-validator"), str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_ci_is_valid_against_gitlabs_schema():
    # check-jsonschema (PyPI, pinned) ships GitLab's own CI schema: no network needed.
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(GITLAB)],
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_workflow_is_refused(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n        wiht: {}\n")
    assert subprocess.run([str(ROOT / "node_modules/.bin/action-validator"), str(bad)], capture_output=True).returncode != 0
    bad.write_text("bouwen:\n  script: make build\n  when: soms\n")
    assert subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(bad)],
                          capture_output=True).returncode != 0  # fmt: skip


def test_every_pipeline_command_is_a_make_target_or_a_known_host_line():
    makefile = (ROOT / "Makefile").read_text()
    defined = set(re.findall(r"^([a-z-]+):", makefile, re.MULTILINE))
    for command in commands():
        targets = make_targets(command)
        assert command in HOST_LINES or (targets and command == f"make {targets[0]}"), command
        assert set(targets) <= defined, command


def test_production_waits_for_the_checks_and_the_launch_checklist_and_previews_do_not():
    publish = yaml.safe_load((ROOT / ".github/workflows/publiceren.yml").read_text())
    steps = [step.get("run") or step.get("uses").split("@")[0] for step in publish["jobs"]["bouwen"]["steps"]]
    order = ["make check-content", "make build", "make launch-check", "make deploy-rsync", "actions/upload-pages-artifact"]
    assert [steps.index(step) for step in order] == sorted(steps.index(step) for step in order)
    assert publish["jobs"]["publiceren"]["needs"] == "bouwen"
    assert publish[True]["push"]["branches"] == ["main"]  # PyYAML reads `on:` as True
    preview = (ROOT / ".github/workflows/voorbeeld.yml").read_text()
    assert "make build" in preview and "launch-check" not in preview
    gitlab = yaml.safe_load(GITLAB.read_text())
    for job in ("pages", "eigen-server"):
        script = gitlab[job]["script"]
        assert script.index("make launch-check") < len(script) - 1 and script[:2] == ["make check-content", "make build"]
    assert "make launch-check" not in gitlab["voorbeeld"]["script"]
    assert "schedule" in json.dumps(gitlab["controles"]["rules"]) and gitlab["controles"]["script"] == ["make review-due"]
    monthly = yaml.safe_load((ROOT / ".github/workflows/controles.yml").read_text())
    assert monthly[True]["schedule"] == [{"cron": "0 6 1 * *"}]  # PyYAML reads `on:` as True


def test_the_problem_matcher_puts_check_messages_on_their_file_and_line():
    matcher = json.loads((ROOT / ".github/wandelgids-meldingen.json").read_text())["problemMatcher"][0]["pattern"][0]
    regex = re.compile(matcher["regexp"])
    match = regex.match("docs/opbouwen.md:30: rekenhulpblok: instelling 'weekly_increase' is te groot.")
    assert match and match[matcher["file"]] == "docs/opbouwen.md" and match[matcher["line"]] == "30"
    match = regex.match("docs/index.md:4: waarschuwing: de laatste controle is meer dan 12 maanden geleden.")
    assert match[matcher["severity"]] == "waarschuwing: "
    assert regex.match("mkdocs.yml:56: de contactgegevens zijn leeg")
    assert not regex.match("Alle 13 pagina's zijn in orde.")


# ---- the commands, run ----------------------------------------------------------------


def run(command: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(shlex.split(command), cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})  # fmt: skip


def test_the_pipeline_commands_run(site, tmp_path):
    """Each command the pipelines run, as they run it; `make build` is the build the test session made."""
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary), "REVIEW_DUE_REPORT": str(tmp_path / "controles.md")}
    ran = set()
    for command in dict.fromkeys(commands()):
        target = (make_targets(command) or [None])[0]
        if target == "build":
            assert (site / "_headers").is_file() and (site / "index.html").is_file()
        elif target == "check-content":
            result = run(command, env)
            assert result.returncode == 0, result.stdout + result.stderr
            # 6 items in mkdocs.yml, the concept page docs/woordenlijst.md, one per glossary draft.
            assert "pagina's" in result.stdout and f"Nog te doen voor de lancering ({7 + len(glossary.unreviewed(ROOT / glossary.FILE))})" in result.stdout
        elif target == "launch-check":
            result = run(command, env)  # the shipped content has open items: production is refused
            assert result.returncode != 0 and "gaat niet live" in result.stderr
        elif target == "review-due":
            result = run(command, env)
            due = review_due.due_reviews(ROOT / "docs")
            assert result.returncode == (1 if due else 0), result.stdout
        elif target == "ci-failed-summary":
            result = run("make ci-failed-summary", env)
            assert result.returncode == 0 and "De website is niet bijgewerkt" in summary.read_text()
            assert "Nog te doen voor de lancering" in summary.read_text()
        elif target == "deploy-rsync":  # needs the clinic's secrets: without them a Dutch refusal, nothing sent
            result = run(command, {k: "" for k in ("DEPLOY_HOST", "DEPLOY_USER", "DEPLOY_PATH", "DEPLOY_SSH_KEY", "DEPLOY_KNOWN_HOSTS")})
            assert result.returncode != 0 and "deze geheimen ontbreken: DEPLOY_HOST" in result.stderr
        elif command.startswith('echo "::add-matcher::'):
            assert run(command).stdout.strip() == "::add-matcher::.github/wandelgids-meldingen.json"
            assert (ROOT / ".github/wandelgids-meldingen.json").is_file()
        else:  # host-only lines: gh (needs the run's token), mv (GitLab Pages' folder name)
            assert command in HOST_LINES
            continue
        ran.add(target or command)
    assert {"build", "check-content", "launch-check", "review-due", "ci-failed-summary", "deploy-rsync"} <= ran


def test_rsync_publishes_only_a_finished_build_with_a_pinned_host_key():
    script = (ROOT / "scripts/deploy_rsync.sh").read_text()
    assert subprocess.run(["bash", "-n", str(ROOT / "scripts/deploy_rsync.sh")]).returncode == 0
    assert "StrictHostKeyChecking=yes" in script and "--delay-updates" in script and "--delete" in script


# ---- the launch checklist -------------------------------------------------------------


def filled_project(tmp_path: Path) -> Path:
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace('phone: ""', 'phone: "035 000 00 00"').replace('security_contact: ""', 'security_contact: "mailto:beveiliging@kliniek.example"')
    config = re.sub(r"^(    \w+): false", r"\1: true", config, flags=re.MULTILINE)
    config = config.replace("      branch: main\n", "      branch: main\n      base_url: https://oauth.kliniek.example\n", 1)
    (tmp_path / "mkdocs.yml").write_text(config)
    return tmp_path


def test_the_checklist_lists_exactly_what_the_shipped_content_leaves_open():
    items = launch.open_items()
    # The glossary's explanations are drafts of the site's own, one item each (woordenlijst.yml:<line>).
    drafts = [item for item in items if item.key.startswith("glossary:")]
    assert drafts and all(re.fullmatch(r"woordenlijst\.yml:\d+", item.where) for item in drafts)
    # Pages of the site's own text that nobody has checked yet (`concept: true`), one item each.
    concepts = [item for item in items if item.key.startswith("concept:")]
    assert [item.key for item in concepts] == ["concept:woordenlijst.md"]
    assert re.fullmatch(r"docs/woordenlijst\.md:\d+", concepts[0].where)
    items = [item for item in items if item not in drafts + concepts]
    assert [item.key for item in items] == SHIPPED_OPEN
    for item in items:
        assert re.fullmatch(r"mkdocs\.yml:\d+", item.where) and item.what and item.how
    lines = (ROOT / "mkdocs.yml").read_text().splitlines()
    where = {item.key: lines[int(item.where.split(":")[1]) - 1] for item in items}
    assert where["contact"].strip() == "contact:" and where["faq_questions"].strip().startswith("faq_questions: false")
    assert where["site_url"].startswith("site_url:") and where["security_contact"].strip().startswith("security_contact:")


def test_the_checklist_is_empty_when_the_clinic_filled_everything_in(tmp_path):
    project = launch.Project.load(filled_project(tmp_path))
    assert launch.open_items(project) == []
    assert launch.main([str(tmp_path), "--strict"]) == 0


def test_a_github_backend_without_oauth_stays_open_even_when_confirmed(tmp_path):
    root = filled_project(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text().replace("      base_url: https://oauth.kliniek.example\n", ""))
    (item,) = launch.open_items(launch.Project.load(root))
    assert item.key == "editor_backend" and "ontbreekt: base_url" in item.what


def test_a_feature_adds_its_own_checklist_items(tmp_path, monkeypatch):
    monkeypatch.setattr(launch, "PROVIDERS", list(launch.PROVIDERS))

    @launch.register
    def glossary(project):
        return [launch.Item("glossary", "docs/woordenlijst.yml:3", "een woord wacht op controle", "laat het nakijken.")]

    assert [item.key for item in launch.open_items(launch.Project.load(filled_project(tmp_path)))] == ["glossary"]


# ---- reviews due and security.txt -----------------------------------------------------


def page(folder: Path, name: str, reviewed: str) -> None:
    (folder / name).write_text(f"---\ntitle: {name}\ndescription: x\nreviewed: {reviewed}\nreviewer: fysiotherapeut\n---\n\n# {name}\n")


def test_reviews_overdue_or_due_within_30_days_are_listed(tmp_path):
    page(tmp_path, "oud.md", "2025-10-01")
    page(tmp_path, "binnenkort.md", "2025-12-20")
    page(tmp_path, "vers.md", "2026-06-01")
    today = dt.date(2026, 12, 1)
    due = [item for item in review_due.due_reviews(tmp_path, today) if not item.path.startswith("calculators")]
    assert sorted(Path(item.path).name for item in due) == ["binnenkort.md", "oud.md"]
    text = review_due.report(due)
    assert "(1 oktober 2025) is meer dan 12 maanden geleden" in text and "uiterlijk 20 december 2026 (over 19 dagen)" in text
    assert review_due.report([]) == "Geen controles nodig in de komende 30 dagen."


def test_security_txt_only_from_a_contact_the_clinic_gave(tmp_path):
    assert security_txt.write(tmp_path, "", "https://x.example/") is None
    assert not (tmp_path / ".well-known").exists()
    target = security_txt.write(tmp_path, "beveiliging@kliniek.example", "https://x.example/", dt.date(2026, 12, 1))
    assert target.read_text() == (
        "Contact: mailto:beveiliging@kliniek.example\nExpires: 2027-12-01T00:00:00Z\nPreferred-Languages: nl, en\n"
        "Canonical: https://x.example/.well-known/security.txt\n"
    )
    with pytest.raises(security_txt.SecurityContactError, match="Oplossing"):
        security_txt.contact_uri("bel ons")
    assert not (ROOT / "site/.well-known/security.txt").exists()  # the shipped content has no contact


def test_the_makefile_installs_exactly_the_locked_uv():
    makefile = (ROOT / "Makefile").read_text()
    pinned = re.search(r"^UV_VERSION := (\S+)$", makefile, re.MULTILINE)[1]
    lock = (ROOT / "uv.lock").read_text()
    assert re.search(rf'name = "uv"\nversion = "{re.escape(pinned)}"', lock)
    assert "'uv==$(UV_VERSION)'" in makefile


def test_every_action_is_pinned_by_its_full_commit_sha():
    """A moved tag cannot change what runs with the repository's secrets: `uses:` names a commit, the comment its release."""
    for workflow in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        uses = re.findall(r"^\s*(?:- )?uses: (\S+)(.*)$", workflow.read_text(), re.MULTILINE)
        assert uses, workflow.name
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (workflow.name, action)
            assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), (workflow.name, action, comment)
