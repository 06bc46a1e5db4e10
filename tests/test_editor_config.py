"""The web editor's generated configuration and the files the build puts at /admin/."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import calculators
from wandelgids.edit_server import free_port
from wandelgids.editor import calculator_components, decap_config
from wandelgids.front_matter import MAX_DESCRIPTION, REVIEWER_ROLES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from editor_normal_form import content_copy  # noqa: E402


def test_the_page_form_follows_the_front_matter_rules():
    config = decap_config()
    assert config["locale"] == "nl" and config["load_config_file"] is False
    assert config["publish_mode"] == "editorial_workflow"  # a colleague reviews before it is published
    # Decap's Gitea backend (Gitea, Forgejo) refuses to start with the editorial workflow.
    assert decap_config({"name": "gitlab", "repo": "x/y"})["publish_mode"] == "editorial_workflow"
    assert decap_config({"name": "gitea", "repo": "x/y", "api_root": "https://g.example/api/v1"})["publish_mode"] == "simple"
    fields = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert list(fields) == ["title", "description", "reviewed", "reviewer", "concept", "nav_order", "nav_title", "zoekwoorden", "contact", "body"]
    assert fields["zoekwoorden"]["widget"] == "list" and fields["zoekwoorden"]["required"] is False
    pattern = re.compile(fields["description"]["pattern"][0])
    assert pattern.match("x" * MAX_DESCRIPTION) and not pattern.match("x" * (MAX_DESCRIPTION + 1))
    assert fields["reviewer"]["options"] == list(REVIEWER_ROLES)
    assert fields["reviewed"]["format"] == "YYYY-MM-DD"
    # A concept page has no review yet: the checks, not the form, require both on other pages.
    assert fields["reviewed"]["required"] is False and fields["reviewer"]["required"] is False
    # ... which the form says in Dutch: Decap's "(optioneel)" is hidden on them (tests/test_editor_browser.py).
    assert fields["reviewed"]["hint"].startswith("Verplicht, behalve bij een concept.")
    assert fields["reviewer"]["hint"].startswith("Verplicht, behalve bij een concept.")
    assert fields["concept"]["widget"] == "boolean" and fields["concept"]["required"] is False
    assert config["collections"][0]["folder"] == "docs"


def test_the_calculator_components_come_from_describe():
    components = {c["name"]: c for c in calculator_components()}
    assert list(components) == list(calculators.BLOCKS)  # not the calendar: it is no block
    for name, component in components.items():
        schema = calculators.describe(name)
        fields = [f for f in schema["fields"] if not f["from_browser"]]  # not today's date
        assert component["label"] == f"Rekenhulp: {schema['title']}"
        assert [f["name"] for f in component["fields"]] == [f["name"] for f in fields]
        for field, widget in zip(fields, component["fields"]):
            assert widget["label"] == field["label"] and widget["required"] is False
            if field["type"] == "integer":
                assert (widget["widget"], widget["min"], widget["max"]) == ("number", field["min"], field["max"])
            if field["type"] == "choice":
                assert [o["value"] for o in widget["options"]] == [c["value"] for c in field["choices"]]


def test_the_built_site_has_the_editor_self_hosted(site):
    admin = site / "admin"
    index = (admin / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nl">' in index
    assert re.findall(r"<script[^>]*>([^<]+)</script>", index) == []  # no inline script code
    assert re.findall(r'src="([^"]+)"', index) == ["manual-init.js", "decap/decap-cms.js", "checks.js", "admin.js"]
    assert (admin / "decap" / "decap-cms.js").stat().st_size > 1_000_000
    assert not list(admin.rglob("*.map"))
    setup = json.loads((admin / "config.json").read_text(encoding="utf-8"))
    assert setup["config"]["backend"]["name"] in {"github", "gitlab", "gitea"}
    assert [c["name"] for c in setup["calculators"]] == list(calculators.BLOCKS)
    for style in setup["preview_styles"]:
        assert (admin / style).resolve().is_file(), style


def test_make_edit_serves_the_site_and_the_editor_on_one_address(tmp_path):
    """`make edit` prints the two URLs; the site, the editor and decap-server (git mode) answer there.

    On a git repository of the content (EDIT_PROJECT): make edit saves with git on main."""
    port = free_port()
    project = content_copy(ROOT / "docs", tmp_path)
    process = subprocess.Popen(["make", "--no-print-directory", "edit"], cwd=ROOT,
                               env={**os.environ, "EDIT_PORT": str(port), "EDIT_PROJECT": str(project)},
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Web-editor"):
                break
        printed = "".join(lines)
        assert f"Website (ververst vanzelf na elke wijziging): http://127.0.0.1:{port}/\n" in printed
        assert f"Web-editor (concept, review, publiceren):     http://127.0.0.1:{port}/admin/\n" in printed
        base = f"http://127.0.0.1:{port}/"
        for _ in range(600):  # mkdocs serve builds the site first
            try:
                with urllib.request.urlopen(base + "opbouwen/", timeout=5) as answer:
                    page = answer.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the live site never answered")
        assert 'data-calculator="progression"' in page and "livereload" in page
        with urllib.request.urlopen(base + "admin/config.json", timeout=5) as answer:
            # "Bekijk Live" and the editor's site link: this address, not mkdocs serve's own behind the proxy.
            assert json.load(answer)["config"]["site_url"] == base
        with urllib.request.urlopen(base + "admin/", timeout=5) as answer:
            assert "decap/decap-cms.js" in answer.read().decode()
            assert "unsafe-eval" in answer.headers["Content-Security-Policy"]
        request = urllib.request.Request(base + "api/v1", data=json.dumps({"action": "info"}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as answer:
            answer = json.load(answer)
            assert answer["type"] == "local_git" and "editorial_workflow" in answer["publish_modes"]
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_the_editor_reads_the_block_syntax_the_build_accepts():
    """admin.js compiles the pattern the build exports (no block syntax of its own); in
    JavaScript and in Python it finds exactly the blocks wandelgids.calculator_block parses."""
    from wandelgids.calculator_block import parse_blocks

    admin = (ROOT / "editor/admin.js").read_text(encoding="utf-8")
    assert "new RegExp(calculator.pattern)" in admin and "/// calculator" not in admin
    name = calculators.BLOCKS[0]
    texts = [f"/// calculator | {name}\n///", f"///calculator|{name}\n///", f"///  calculator |  {name}  \nx: 1\n  ///  \nna",
             f"/// calculator | {name}x\n///", f"/// calculator | {name}\n", f"/// calculatorx | {name}\n///"]
    component = next(c for c in calculator_components() if c["name"] == name)
    script = ("const [pattern, texts] = JSON.parse(process.argv[1]);"
              "console.log(JSON.stringify(texts.map((t) => { const m = new RegExp(pattern).exec(t); return m ? m[0] : null; })))")
    in_js = json.loads(subprocess.run(["node", "-e", script, json.dumps([component["pattern"], texts])],
                                      capture_output=True, text=True, check=True).stdout)
    for text, js_match in zip(texts, in_js):
        lines = text.split("\n")
        blocks = [b for b in parse_blocks(lines)[0] if b.start == 0] if "x: 1" not in text else [None]
        python_match = re.match(component["pattern"], text)
        assert (python_match[0] if python_match else None) == js_match, text
        if "x: 1" in text:  # options the calculator does not know: the syntax still matches
            assert js_match == "\n".join(lines[:3])
        else:
            assert bool(js_match) == bool(blocks), text
            if blocks:
                assert js_match == "\n".join(lines[: blocks[0].end]), text
    assert component["empty_block"] == f"/// calculator | {name}\n///"


def test_the_guide_names_the_editors_dutch_commit_messages():
    from wandelgids.editor import COMMIT_MESSAGES, decap_config

    assert decap_config()["backend"]["commit_messages"] == COMMIT_MESSAGES
    example = COMMIT_MESSAGES["update"].replace("{{collection}}", "Pagina").replace("{{slug}}", "dagschema")
    assert f"`{example}`" in (ROOT / "HANDLEIDING.md").read_text(encoding="utf-8")


FAQ_CASES = [
    '??? question "Mag het?"\n\n    Ja.',
    '??? question "Mag het?"\n    Ja.\n\n    Zeker.',
    '???+ question "Open?"\n    Ja.',
    '??? question "Mag het?\n\n    Ja.',  # quote left open
    "??? question Mag het?\n\n    Ja.",  # no quotes
    ' ??? question "Mag het?"\n\n    Ja.',  # a space before
    '??? question "Mag het?"\n\nJa.',  # the answer without its indent
    '??? question "Mag het?"\n',  # no answer at all
    '??? question ""\n\n    Ja.',  # empty question
    '??? question "  "\n\nJa.',  # empty and no answer
    '??? note "Let op"\n\nGeen vraag.',  # another kind of block: not a question
    '??? question "Mag het?"\n\n\tJa.',
    '```\n??? question "In code"\n```\n\nTekst.',
    '/// calculator | x\n??? question "In een blok"\n///\n\nTekst.',
]


def test_the_editor_refuses_the_faq_questions_the_build_refuses():
    """editor/checks.js uses wandelgids.faq_check's patterns and messages (config.json) and finds, in the
    Markdown view, the same broken questions on the same lines as the content checks, with the same Dutch."""
    from wandelgids import faq_check
    from wandelgids.editor import CHECKS

    assert CHECKS["faq"] == faq_check.for_editor()
    checks_js = ROOT / "editor/checks.js"
    assert "??? question" not in checks_js.read_text(encoding="utf-8")  # no pattern of its own
    script = ("globalThis.window = globalThis; require(process.argv[1]);"
              "const [checks, bodies] = JSON.parse(process.argv[2]);"
              "console.log(JSON.stringify(bodies.map((body) => window.WandelgidsChecks.checkBody({ checks, calculators: [] }, body))))")
    in_js = json.loads(subprocess.run(["node", "-e", script, str(checks_js), json.dumps([CHECKS, FAQ_CASES])],
                                      capture_output=True, text=True, check=True).stdout)
    found_any = set()
    for body, js_found in zip(FAQ_CASES, in_js):
        # The lines as the content checks read them: outside code fences and calculator blocks.
        lines, skip = [], False
        for number, text in enumerate(body.split("\n"), 1):
            if text.startswith(("```", "///")):
                skip = not skip if text.strip() in {"```", "///"} else True
                continue
            if not skip:
                lines.append((number, text))
        expected = [{"where": CHECKS["where_body"].replace("{line}", str(line)), "message": message, "fix": fix}
                    for line, message, fix in faq_check.problems(lines)]
        assert js_found == expected, body
        found_any.update(kind for _, kind in faq_check.kinds(lines))
    assert found_any == set(faq_check.MESSAGES)  # every finding is among the cases
    guide = " ".join((ROOT / "HANDLEIDING.md").read_text(encoding="utf-8").split())
    assert "dan slaat de editor niets op en zegt hij welke regel het is" in guide
    assert f"`{faq_check.MESSAGES['no_answer'][0].split(':')[0]}`" in guide


def test_the_workflow_cards_show_dates_as_the_form_does():
    """Decap formats a card's date with dayjs and the locale's workflow.workflow.dateFormat ('MMMM D'); its
    bundle loads no Dutch dayjs locale, so month names come out English ('December 6'). Ours is numeric,
    as the form's date fields (wandelgids.editor)."""
    from wandelgids.editor import page_fields

    ours = json.loads((ROOT / "editor" / "nl.json").read_text(encoding="utf-8"))
    reviewed = next(f for f in page_fields() if f["name"] == "reviewed")
    assert ours["workflow"]["workflow"]["dateFormat"] == reviewed["date_format"] == "DD-MM-YYYY"
    decap = (ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").read_text(encoding="utf-8", errors="replace")
    assert "workflow.workflow.dateFormat" in decap
