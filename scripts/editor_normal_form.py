"""The pages in the form the web editor writes them, so that a save in the editor changes nothing else.

Decap's serializer (remark-stringify for the text, the `yaml` package for the front matter)
writes every page in one fixed form: "-" bullets (set in editor/admin.js), no blank line
between the front matter and the text, no newline at the very end, long descriptions folded
at 80 characters, fields in the order of the form. A page in another form is rewritten as
a whole at its first save in rich-text mode, and a colleague can no longer see what changed.

This script puts pages into that form with Decap itself: it opens each page in the real
editor (Chromium, decap-server on a temporary copy), saves it after an edit undone (scripts/editor_normal_form.py, save_unchanged)
and keeps what Decap wrote, until nothing changes; then it builds the site from the old and
the new pages and refuses if any built page differs. The same helpers drive
tests/test_editor_roundtrip_browser.py.

    .venv/bin/python scripts/editor_normal_form.py [docs]     # rewrites the pages in place
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wandelgids.edit_server import free_port, start_decap_server, start_proxy  # noqa: E402
from serving.policy import admin_csp  # noqa: E402
from wandelgids.editor import PAGES  # noqa: E402

MODES = {"rich_text": "rich_text", "markdown": "raw"}  # our name: Decap's (localStorage cms.md-mode)


def content_copy(docs: Path, work: Path) -> Path:
    """docs/ and a mkdocs.yml that builds it like the real site, in a git repository of its own."""
    shutil.copytree(docs, work / "docs")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("\n  - wandelgids\n", f"\n  - wandelgids:\n      root: {ROOT}\n", 1)  # the project's build/, editor/
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    git_repository(work)
    return work


def git_repository(work: Path) -> None:
    """The folder as a git repository on main with one commit, as `make edit` needs it (wandelgids.edit_git)."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True)
    git("init", "--quiet", "--initial-branch=main")
    git("config", "user.name", "Redactie (test)")
    git("config", "user.email", "redactie@example.org")
    git("config", "commit.gpgsign", "false")
    git("add", ".")
    git("commit", "--quiet", "--no-verify", "-m", "Inhoud")


def build(content: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / ".venv/bin/mkdocs"), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=content, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def built_pages(site_dir: Path) -> dict[str, str]:
    """Every built page's HTML, without what changes from build to build by itself (the build date)."""
    return {str(path.relative_to(site_dir)): path.read_text(encoding="utf-8") for path in sorted(site_dir.rglob("*.html"))}


def log_in(page, editor_url: str, mode: str) -> None:
    """Open the editor with the local backend in the given body mode and wait for the page list."""
    page.goto(editor_url + "admin/")
    page.evaluate("mode => localStorage.setItem('cms.md-mode', mode)", MODES[mode])
    page.reload()
    page.get_by_role("button", name="Inloggen").click()
    page.locator("a[href^='#/collections/paginas/entries/']").first.wait_for()


def open_entry(page, editor_url: str, path: Path, heading: str | None = None):
    """Open one page in the editor and wait until its own text is in the form (not the previous one's)."""
    title = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n", 1)[0].removeprefix("---\n"))["title"]
    # From the list: going from one entry straight to the next keeps the first one's form.
    back = page.get_by_text("Terug naar Pagina's")
    if back.count():
        back.click()
    link = page.locator(f"a[href='#/collections/{PAGES}/entries/{path.stem}']")
    for attempt in range(3):
        # A click while Decap still redraws the list after a save can get lost: click again,
        # but only while the list is still showing (never twice into an open entry).
        if f"/entries/{path.stem}" not in page.url:
            link.click()
        try:
            # Decap's screens can take a while on a busy machine: wait longer than Playwright's 5 s.
            expect(page.get_by_label("Titel", exact=True)).to_have_value(title, timeout=EDITOR_WAIT_MS)
            break
        except AssertionError:
            if attempt == 2:
                raise
    body = page.locator("[data-slate-editor]").first
    body.wait_for()
    if heading:
        expect(body).to_contain_text(heading, timeout=EDITOR_WAIT_MS)
    return body


EDITOR_WAIT_MS = 20_000


def first_heading(body, mode: str):
    """The page's first heading in the body editor: its line in Markdown mode, the heading in rich text."""
    if mode == "rich_text":
        return body.locator("h1").first
    return body.locator("[data-slate-node=element]", has_text=re.compile(r"^# ")).first


LAST_LETTER = """element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.data.trim()) last = node;
  const range = document.createRange();
  const end = last.data.trimEnd().length;
  range.setStart(last, end - 1);
  range.setEnd(last, end);
  const rect = range.getBoundingClientRect();
  return [rect.right - 1, rect.top + rect.height / 2];
}"""


CARET_AT_END = """element => {
  const selection = getSelection();
  if (!selection.rangeCount || !selection.isCollapsed || !element.contains(selection.focusNode)) return false;
  const rest = document.createRange();
  rest.selectNodeContents(element);
  rest.setStart(selection.focusNode, selection.focusOffset);
  return rest.toString().replace(/[\\s\\uFEFF]/g, "") === "" && document.activeElement.closest("[data-slate-editor]") !== null;
}"""


def click_after_last_letter(page, element) -> None:
    """Put the caret at the end of an element's text, as a mouse does: just right of the last
    letter (a long line wraps, so not simply the element's right edge)."""
    element.scroll_into_view_if_needed()
    x, y = element.evaluate(LAST_LETTER)
    page.mouse.click(x, y)
    # Slate follows the browser's selection asynchronously: type only once the caret is there.
    page.wait_for_function(CARET_AT_END, arg=element.element_handle())


def save_unchanged(page, editor_url: str, path: Path, mode: str = "rich_text") -> None:
    """Open one page, type a letter at the end of its heading and publish, then take the letter
    away and publish again: the text passes Decap's serializer twice and should be back where it was.
    (Decap offers no save without a change: an edit undone before saving counts as none.)"""
    heading = first_heading(open_entry(page, editor_url, path), mode)
    before = heading.inner_text()
    click_after_last_letter(page, heading)
    page.keyboard.type("x")
    expect(heading).to_have_text(before + "x", timeout=EDITOR_WAIT_MS)
    publish(page)
    # Reopened, so that the editor compares with the saved page (with the letter), not the one it opened.
    heading = first_heading(open_entry(page, editor_url, path, before + "x"), mode)
    take_back_the_letter(page, heading, before)
    publish(page)


def take_back_the_letter(page, heading, before: str, attempts: int = 3) -> None:
    """Delete the typed "x" again. On a busy machine Slate can re-render the entry it just
    opened and drop the caret, so a key press that changed nothing is tried again; one that
    did change the text is never repeated (it could delete a real letter)."""
    for _ in range(attempts):
        click_after_last_letter(page, heading)
        page.keyboard.press("Backspace")
        try:
            expect(heading).to_have_text(before, timeout=2_000)
            return
        except AssertionError:
            if heading.inner_text().rstrip() != before + "x":
                raise
    expect(heading).to_have_text(before)


def is_save(request) -> bool:
    return request.url.endswith("/api/v1") and '"persistEntry"' in (request.post_data or "")


def publish(page) -> None:
    """Publish and wait until decap-server has written the file."""
    page.get_by_role("button", name="Publiceer", exact=True).click()
    with page.expect_response(lambda response: is_save(response.request)) as saved:
        page.get_by_text("Publiceer nu", exact=True).click()
    assert saved.value.ok, saved.value.text()
    # Decap marks the entry saved a moment after the answer; leaving before that asks "unsaved changes?".
    expect(page.get_by_text("Wijzigingen opgeslagen", exact=True)).to_be_visible(timeout=EDITOR_WAIT_MS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Zet de pagina's in de vorm waarin de web-editor ze opslaat.")
    parser.add_argument("docs", nargs="?", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        before = content_copy(args.docs, temp / "voor")
        result = build(before, temp / "site-voor")
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            return 1
        after = content_copy(args.docs, temp / "na")
        decap_port = free_port()
        decap = start_decap_server(after, decap_port, mode="fs")  # straight into the files (simple publishing)
        proxy = start_proxy(0, decap_port, directory=temp / "site-voor", admin_headers={"Content-Security-Policy": admin_csp()})
        url = f"http://127.0.0.1:{proxy.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
                page = browser.new_page(locale="nl-NL")
                log_in(page, url, "rich_text")
                for _ in range(3):  # Decap's form is a fixed point after one save; the second pass proves it
                    snapshot = {p.name: p.read_bytes() for p in (after / "docs").glob("*.md")}
                    for path in sorted((after / "docs").glob("*.md")):
                        save_unchanged(page, url, path)
                    if snapshot == {p.name: p.read_bytes() for p in (after / "docs").glob("*.md")}:
                        break
                else:
                    print("De pagina's veranderen bij elke opslag opnieuw.", file=sys.stderr)
                    return 1
                browser.close()
        finally:
            proxy.shutdown()
            decap.terminate()
            decap.wait(timeout=10)
        result = build(after, temp / "site-na")
        if result.returncode:
            print(result.stderr, file=sys.stderr)
            return 1
        old, new = built_pages(temp / "site-voor"), built_pages(temp / "site-na")
        differ = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
        if differ:
            print("Na opslaan in de editor zijn deze pagina's anders: " + ", ".join(differ), file=sys.stderr)
            return 1
        changed = []
        for path in sorted((after / "docs").glob("*.md")):
            target = args.docs / path.name
            if not filecmp.cmp(path, target, shallow=False):
                shutil.copyfile(path, target)
                changed.append(path.name)
        print(f"In de vorm van de editor gezet: {', '.join(changed) or 'niets (alles was al goed)'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
