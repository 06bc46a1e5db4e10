"""The web editor never rewrites what nobody changed (Chromium, Decap with decap-server, on a copy).

Every page in docs/ is opened in the editor and saved, once with the text in rich-text mode
and once in Markdown mode: the file stays byte for byte the same (so the built page does too).
Changing one sentence changes that one line. The FAQ's questions are editor blocks: a question
added in the editor is on the page and in its FAQPage data.

A page that fails here is not in the form Decap writes: `.venv/bin/python scripts/editor_normal_form.py`
puts it in that form (and proves the built site stays the same); README, "De vorm van de pagina's".
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from editor_normal_form import build, click_after_last_letter, content_copy, log_in, open_entry, publish, save_unchanged  # noqa: E402

from wandelgids.edit_server import free_port, start_decap_server, start_proxy  # noqa: E402
from serving.policy import admin_csp  # noqa: E402

# One xdist worker runs every Decap editor test (make test's --dist loadgroup): two editors
# driven at once on 2 cores made Decap's slower screens outlast the waits.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("editor")]
PAGES = sorted((ROOT / "docs").glob("*.md"))


# Each test its own copy and decap-server: a test that fails halfway cannot leave a changed
# page behind for the next one.
@pytest.fixture
def content(tmp_path_factory) -> Path:
    return content_copy(ROOT / "docs", tmp_path_factory.mktemp("inhoud"))


@pytest.fixture
def editor_url(site, content):
    port = free_port()
    # File-system mode: Decap falls back to simple publishing, each save lands in the file at once
    # (the serializer is the same in every mode; the editorial workflow: test_editorial_workflow_browser.py).
    decap = start_decap_server(content, port, mode="fs")
    proxy = start_proxy(0, port, directory=site, admin_headers={"Content-Security-Policy": admin_csp()})
    yield f"http://127.0.0.1:{proxy.server_address[1]}/"
    proxy.shutdown()
    decap.terminate()
    decap.wait(timeout=10)


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("mode", ["rich_text", "markdown"])
def test_saving_every_page_unchanged_keeps_it_byte_for_byte(page, editor_url, content, mode):
    log_in(page, editor_url, mode)
    changed = {}
    for original in PAGES:
        path = content / "docs" / original.name
        save_unchanged(page, editor_url, path, mode)
        if path.read_bytes() != original.read_bytes():
            changed[original.name] = changed_lines(original.read_text(encoding="utf-8"), path.read_text(encoding="utf-8"))
            path.write_bytes(original.read_bytes())
    assert changed == {}, "Run scripts/editor_normal_form.py: " + json.dumps(changed, ensure_ascii=False, indent=1)
    assert page.recorder.foreign(editor_url) == [] and page.recorder.errors == []


def test_changing_one_sentence_changes_only_its_line(page, editor_url, content):
    """On every page, in rich text: a sentence added to the first paragraph is a one-line diff."""
    log_in(page, editor_url, "rich_text")
    wider = {}
    for original in PAGES:
        path = content / "docs" / original.name
        body = open_entry(page, editor_url, path)
        paragraph = body.locator("p:not(blockquote p)").first  # not the "In het kort" box
        text = paragraph.inner_text()
        click_after_last_letter(page, paragraph)
        page.keyboard.type(" Nieuwe zin.")
        expect(paragraph).to_have_text(text + " Nieuwe zin.")
        publish(page)
        lines = changed_lines(original.read_text(encoding="utf-8"), path.read_text(encoding="utf-8"))
        if len(lines) != 2 or not lines[1].endswith(" Nieuwe zin."):
            wider[original.name] = lines
        path.write_bytes(original.read_bytes())
    assert wider == {}, json.dumps(wider, ensure_ascii=False, indent=1)


def test_a_question_added_in_the_editor_is_on_the_page_and_in_the_faq_data(page, editor_url, content, tmp_path):
    path = content / "docs" / "veelgestelde-vragen.md"
    original = path.read_text(encoding="utf-8")
    log_in(page, editor_url, "rich_text")
    body = open_entry(page, editor_url, path)
    # The five questions are blocks with their own fields, not code blocks.
    assert body.get_by_label("Vraag", exact=True).count() == 5
    expect(body.get_by_label("Vraag", exact=True).first).to_have_value("Mag ik wandelen als ik rugpijn heb?")
    expect(body.get_by_label("Antwoord", exact=True).nth(3)).to_have_value("Ja. Te snel lopen verhoogt spierspanning.")
    assert body.locator("code, pre").count() == 0
    # In the preview the question's icon sits left of its text, as on the site (Material's [dir=ltr] rules).
    summary = page.frame_locator("#preview-pane").locator("summary").first
    icon_right, text_left = summary.evaluate(
        "(s) => [s.getBoundingClientRect().left + parseFloat(getComputedStyle(s, '::before').left)"
        " + parseFloat(getComputedStyle(s, '::before').width), s.getBoundingClientRect().left + parseFloat(getComputedStyle(s).paddingLeft)]")
    assert icon_right <= text_left
    click_after_last_letter(page, body.locator("p").last)
    page.get_by_role("button", name="Voeg component toe").click()
    page.get_by_role("menuitem", name="Vraag en antwoord").click()
    body.get_by_label("Vraag", exact=True).nth(5).fill("Mag ik wandelen met een hond?")
    body.get_by_label("Antwoord", exact=True).nth(5).fill("Ja, als je het tempo zelf kiest.\n\nNeem pauzes.")
    publish(page)
    text = path.read_text(encoding="utf-8")
    assert text.endswith('??? question "Mag ik wandelen met een hond?"\n\n    Ja, als je het tempo zelf kiest.\n\n    Neem pauzes.\n'), text
    assert changed_lines(original, text)[0].startswith("+")  # only added lines
    assert all(line.startswith("+") for line in changed_lines(original, text))
    result = build(content, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "site" / "veelgestelde-vragen" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<details class="question">\s*<summary>Mag ik wandelen met een hond\?</summary>', built), built
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', built, re.S)[1])
    assert [q["name"] for q in data["mainEntity"]][-1] == "Mag ik wandelen met een hond?"
    assert data["mainEntity"][-1]["acceptedAnswer"]["text"] == "Ja, als je het tempo zelf kiest.\nNeem pauzes."
    assert len(data["mainEntity"]) == 6
    path.write_text(original, encoding="utf-8")
    assert page.recorder.foreign(editor_url) == [] and page.recorder.errors == []
