"""The web editor at /admin/ (Decap CMS) in Chromium, with decap-server on a temporary copy of the content.

The built site is served with decap-server behind the same proxy `make edit` uses,
so the editor talks to /api/v1 on its own origin.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import axe_violations

from wandelgids.content_checks import check_site
from wandelgids.edit_server import free_port, start_decap_server, start_proxy
from serving.policy import admin_csp

ROOT = Path(__file__).resolve().parent.parent

# One xdist worker runs every Decap editor test (make test's --dist loadgroup): two editors
# driven at once on 2 cores made Decap's slower screens outlast the waits.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("editor")]


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """A temporary copy of the content with a config that builds it like the real site."""
    work = tmp_path_factory.mktemp("inhoud")
    shutil.copytree(ROOT / "docs", work / "docs")
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("\n  - wandelgids\n", f"\n  - wandelgids:\n      root: {ROOT}\n", 1)  # the project's build/, editor/
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    (work / "mkdocs.yml").write_text(config)
    return work


@pytest.fixture(scope="module")
def editor_url(site, content):
    port = free_port()
    # File-system mode: Decap falls back to simple publishing, each save lands in the file at once
    # (the editorial workflow in git mode: test_editorial_workflow_browser.py).
    decap = start_decap_server(content, port, mode="fs")
    proxy = start_proxy(0, port, directory=site, admin_headers={"Content-Security-Policy": admin_csp()}, check_docs=content / "docs")
    yield f"http://127.0.0.1:{proxy.server_address[1]}/"
    proxy.shutdown()
    decap.terminate()
    decap.wait(timeout=10)


def build(content: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / ".venv/bin/mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=content, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def open_editor(page, editor_url: str) -> None:
    """Log in with the local backend (no password: decap-server) and wait for the page list."""
    page.csp_violations = []
    page.on("console", lambda message: page.csp_violations.append(message.text) if message.text.startswith("CSP:") else None)
    page.add_init_script("document.addEventListener('securitypolicyviolation', (e) => "
                         "console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`))")
    page.goto(editor_url + "admin/")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Zo bouw je het op").wait_for()


def open_page(page, title: str) -> None:
    page.get_by_role("link", name=title, exact=True).click()
    page.get_by_label("Titel", exact=True).wait_for()


def publish(page) -> None:
    page.get_by_role("button", name="Publiceer", exact=True).click()
    page.get_by_text("Publiceer nu", exact=True).click()


def assert_clean(page, editor_url: str, refused_saves: int = 0) -> None:
    """Nothing from another origin, nothing the editor's CSP blocked, no uncaught error.

    Decap rejects a save that fails validation with an empty (undefined) promise rejection;
    that one is expected once per refused save.
    """
    assert page.recorder.foreign(editor_url) == []
    assert page.csp_violations == []
    assert page.recorder.errors == ["undefined"] * refused_saves


def wait_for_file(path: Path, page, contains: str) -> str:
    """The file once the editor's save reached it (the browser waits, the test asserts nothing on time)."""
    for _ in range(100):
        if path.is_file() and contains in (text := path.read_text(encoding="utf-8")):
            return text
        page.wait_for_timeout(100)
    pytest.fail(f"{path.name} never got {contains!r}")


def test_admin_loads_in_dutch_and_lists_the_pages(page, editor_url, content):
    open_editor(page, editor_url)
    assert page.get_by_role("link", name="Pagina's").is_visible()
    assert page.get_by_text("Pagina toevoegen", exact=True).is_visible()
    for title in ("Wandelen bij rugklachten", "Dagschema", "Hulp nodig", "Veelgestelde vragen", "Rekenhulpen"):
        assert page.get_by_role("link", name=title, exact=True).is_visible()
    assert page.locator("a[href^='#/collections/paginas/entries/']").count() == len(list((content / "docs").glob("*.md")))
    assert_clean(page, editor_url)


SAVED_CHECK_DONE = re.compile(r"Alle \d+ pagina's zijn in orde\.|\n\d+ fouten?, \d+ waarschuwingen? in \d+ pagina's\.")
SAVED_CHECK_CLEAN = re.compile(r"Alle \d+ pagina's zijn in orde\.|\n0 fouten, \d+ waarschuwingen? in \d+ pagina's\.")


def test_an_edit_saved_in_the_editor_changes_the_file_on_disk(page, editor_url, content, capsys):
    original = (content / "docs" / "hulp-nodig.md").read_text(encoding="utf-8")
    open_editor(page, editor_url)
    open_page(page, "Hulp nodig")
    page.get_by_label("Korte omschrijving").fill("Hulp nodig bij wandelen met rugklachten? Het Rugcentrum Hilversum helpt.")
    publish(page)
    text = wait_for_file(content / "docs" / "hulp-nodig.md", page, "Het Rugcentrum Hilversum helpt.")
    assert "description: Hulp nodig bij wandelen met rugklachten? Het Rugcentrum Hilversum helpt.\n" in text
    # Only the description changed: the body and the other fields are kept as they were.
    assert text.split("\n---\n", 1)[1] == original.split("\n---\n", 1)[1]
    saved, before = (yaml.safe_load(s.split("\n---\n", 1)[0].removeprefix("---\n")) for s in (text, original))
    assert {k: v for k, v in saved.items() if k != "description"} == {k: v for k, v in before.items() if k != "description"}
    # `make edit` checks the content after each save and says so in the terminal.
    output = ""
    for _ in range(100):
        output += capsys.readouterr().out
        if "Controle na opslaan" in output and SAVED_CHECK_DONE.search(output):
            break
        page.wait_for_timeout(100)
    # No errors; the readability report's warnings may be listed (staff decide on those).
    assert "Controle na opslaan in de web-editor:\n" in output and SAVED_CHECK_CLEAN.search(output), output
    assert_clean(page, editor_url)


def test_a_description_over_160_characters_cannot_be_saved(page, editor_url, content):
    path = content / "docs" / "onderzoek.md"
    original = path.read_text(encoding="utf-8")
    open_editor(page, editor_url)
    open_page(page, "Wat onderzoek laat zien")
    page.get_by_label("Korte omschrijving").fill("x" * 161)
    publish(page)
    assert page.get_by_text("Hooguit 160 tekens: zoekmachines knippen de rest af.").is_visible()
    assert path.read_text(encoding="utf-8") == original
    page.get_by_label("Korte omschrijving").fill("y" * 160)  # exactly 160 is fine
    publish(page)
    assert "description: " + "y" * 160 in wait_for_file(path, page, "y" * 160)
    path.write_text(original, encoding="utf-8")
    assert_clean(page, editor_url, refused_saves=1)


def test_the_calculator_component_writes_a_block_that_builds(page, editor_url, content, tmp_path):
    path = content / "docs" / "dagschema.md"
    open_editor(page, editor_url)
    open_page(page, "Dagschema")
    page.get_by_role("button", name="Voeg component toe").click()
    page.get_by_role("menuitem", name="Rekenhulp: Opbouwschema").click()
    # The fields come from calculators.describe(): labels and limits included.
    editor = page.locator("[data-slate-editor]")
    assert editor.get_by_text("Van 5 tot en met 120 minuten").first.is_visible()
    editor.get_by_label("Doel per dag").last.fill("40")
    editor.get_by_label("Minuten erbij per week").last.fill("4")
    publish(page)
    text = wait_for_file(path, page, "goal_minutes: 40")
    assert re.search(r"^/// calculator \| progression\ngoal_minutes: 40\nweekly_increase: 4\n///$", text, re.MULTILINE), text
    assert "/// calculator | schedule" in text  # the existing block is still there
    assert check_site(content / "docs", readable=False) == []  # the readability report is warnings for staff, not what this checks
    result = build(content, tmp_path)
    assert result.returncode == 0, result.stderr
    built = (tmp_path / "site" / "dagschema" / "index.html").read_text(encoding="utf-8")
    assert 'id="rekenhulp-progression"' in built and 'value="40"' in built
    assert_clean(page, editor_url)


def test_a_page_created_in_the_editor_builds_and_is_in_the_menu(page, editor_url, content, tmp_path):
    open_editor(page, editor_url)
    page.get_by_text("Pagina toevoegen", exact=True).click()
    page.get_by_label("Titel", exact=True).fill("Wandelen in de winter")
    page.get_by_label("Korte omschrijving").fill("Hoe je in de winter blijft wandelen met rugklachten.")
    page.get_by_label("Laatst inhoudelijk gecontroleerd op").fill("2026-11-20")
    page.get_by_label("Gecontroleerd door").click()
    page.get_by_text("fysiotherapeut", exact=True).click()
    page.get_by_label("Plaats in het menu").fill("45")
    page.get_by_text("Markdown", exact=True).click()
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("# Wandelen in de winter\n\nOok als het koud is, helpt een korte wandeling.")
    publish(page)
    path = content / "docs" / "wandelen-in-de-winter.md"
    text = wait_for_file(path, page, "Ook als het koud is")
    assert "title: Wandelen in de winter\n" in text and "nav_order: 45\n" in text and "reviewer: fysiotherapeut\n" in text
    assert check_site(content / "docs", readable=False) == []  # the readability report is warnings for staff, not what this checks
    result = build(content, tmp_path)
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    menu = re.findall(r'href="([^"#]*)" class="md-nav__link', home)
    assert menu.index("wandelen-in-de-winter/") == menu.index("opbouwen/") + 1, menu  # 45: after 40, before 50
    winter = (tmp_path / "site" / "wandelen-in-de-winter" / "index.html").read_text(encoding="utf-8")
    assert "Ook als het koud is" in winter and "door een fysiotherapeut" in winter
    assert_clean(page, editor_url)


@pytest.fixture
def axe_page(browser):
    """A page that lets axe-core's script in despite the editor's CSP (the other tests keep the CSP)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", bypass_csp=True)
    yield context.new_page()
    context.close()


def test_the_editor_has_no_axe_violations_in_its_states(axe_page, editor_url):
    page = axe_page
    page.goto(editor_url + "admin/")
    page.get_by_role("button", name="Inloggen").wait_for()
    states = {"inloggen": axe_violations(page)}
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Zo bouw je het op").wait_for()
    states["lijst"] = axe_violations(page)
    open_page(page, "Zo bouw je het op")
    states["bewerken"] = axe_violations(page)
    page.get_by_role("switch", name="Markdown-weergave").click()
    assert page.get_by_role("switch", name="Markdown-weergave").get_attribute("aria-checked") == "true"
    states["markdown"] = axe_violations(page)
    page.get_by_role("switch", name="Markdown-weergave").click()
    page.get_by_role("button", name="Voeg component toe").click()
    page.get_by_role("menuitem", name="Rekenhulp: Ademritme tijdens het wandelen").wait_for()
    states["componentmenu"] = axe_violations(page)
    items = page.get_by_role("menuitem").all_inner_texts()
    assert items == ["Afbeelding", "Vraag en antwoord", "Rekenhulp: Opbouwschema voor wandelen", "Rekenhulp: Dagschema voor wandelen",
                     "Rekenhulp: Ademritme tijdens het wandelen"], items
    page.get_by_role("menuitem", name="Rekenhulp: Ademritme tijdens het wandelen").click()
    states["component"] = axe_violations(page)
    page.goto(editor_url + "admin/#/collections/paginas/new")
    page.get_by_label("Titel", exact=True).wait_for()
    states["nieuw"] = axe_violations(page)
    assert {state: found for state, found in states.items() if found} == {}


def test_an_uploaded_image_lands_in_the_docs_media_folder(page, editor_url, content, tmp_path):
    image = tmp_path / "bospad.png"
    image.write_bytes(PNG)
    open_editor(page, editor_url)
    page.get_by_role("button", name="Media").click()
    page.locator("input[type=file]").set_input_files(str(image))
    target = content / "docs" / "afbeeldingen" / "bospad.png"
    for _ in range(100):
        if target.is_file() and target.stat().st_size == len(PNG):
            break
        page.wait_for_timeout(100)
    assert target.read_bytes() == PNG
    assert_clean(page, editor_url)  # the upload reads a blob: URL, which the CSP allows


def entry(page, editor_url: str, slug: str) -> None:
    """Open a page in the editor afresh from its address (already logged in); an unsaved draft is dropped."""
    page.goto(f"{editor_url}admin/#/collections/paginas/entries/{slug}")
    page.reload()  # a new hash alone keeps the editor's state
    page.get_by_label("Titel", exact=True).wait_for()


def type_at_the_end(page, text: str) -> None:
    """Type text at the end of the body, in the Markdown view."""
    switch = page.get_by_role("switch", name="Markdown-weergave")
    if switch.get_attribute("aria-checked") != "true":  # Decap remembers the last view
        switch.click()
    page.locator("[data-slate-editor]").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


LOCALE_GAPS = """() => {
  const keys = (o, p = '') => Object.entries(o).flatMap(([k, v]) => v && typeof v === 'object' ? keys(v, p + k + '.') : [p + k]);
  const nl = new Set(keys(CMS.getLocale('nl')));
  return keys(CMS.getLocale('en')).filter((key) => !nl.has(key));
}"""


def test_the_editor_refuses_what_the_checks_reject_and_shows_the_build_after_a_save(page, editor_url, content):
    """Each check the browser can know refuses in Dutch and writes nothing; what only the build
    knows comes back into the editor after the save (make edit's /api/controle)."""
    docs = content / "docs"
    before = {path.name: path.read_bytes() for path in docs.glob("*.md")}
    notice = page.locator(".wg-notice")
    open_editor(page, editor_url)
    # The Dutch the editor ships covers every English string of the Decap it ships.
    assert page.evaluate(LOCALE_GAPS) == []

    # A review date in the future.
    open_page(page, "Hulp nodig")
    # Required except on a concept: Decap's "(optioneel)" is not on the review fields, the hint says it.
    review_label = page.locator("label", has_text="Laatst inhoudelijk gecontroleerd op")
    review_label.get_by_text("(optioneel)").wait_for(state="hidden")
    assert review_label.inner_text().strip().lower() == "laatst inhoudelijk gecontroleerd op"  # shown in capitals
    assert page.get_by_text("Verplicht, behalve bij een concept.").count() == 2
    assert "(optioneel)" in page.locator("label", has_text="Plaats in het menu").inner_text().lower()  # a truly optional field keeps it
    page.get_by_label("Laatst inhoudelijk gecontroleerd op").fill("2099-01-01")
    publish(page)
    page.get_by_text("Kan item niet opslaan: De datum 2099-01-01 ligt in de toekomst.").wait_for()
    assert notice.get_attribute("role") == "alert"
    assert "Niet opgeslagen." in notice.inner_text() and "Oplossing: Vul de datum in waarop" in notice.inner_text()

    # An empty review date on a page that is not a concept (the build requires it there).
    page.get_by_label("Laatst inhoudelijk gecontroleerd op").fill("")
    publish(page)
    notice.get_by_text("'Laatst inhoudelijk gecontroleerd op' is leeg.").wait_for()
    assert "zet dan 'Concept (nog niet gecontroleerd)' aan" in notice.inner_text()

    # Deleting a page that other pages and the footer link to.
    page.get_by_role("button", name="Item verwijderen").click()
    notice.get_by_text("'docs/hulp-nodig.md' kan niet verwijderd worden").wait_for()
    assert "docs/veelgestelde-vragen.md" in notice.inner_text() and "Haal eerst de links" in notice.inner_text()

    # A calculator option outside the limits of its schema (calculators.describe).
    entry(page, editor_url, "dagschema")
    page.get_by_role("button", name="Voeg component toe").click()
    page.get_by_role("menuitem", name="Rekenhulp: Opbouwschema").click()
    page.locator("[data-slate-editor]").get_by_label("Doel per dag").last.fill("300")
    publish(page)
    notice.get_by_text("'Doel per dag': 300 kan niet; het moet van 5 tot en met 120 minuten zijn.").wait_for()

    # An image without alt text, typed in the Markdown view.
    entry(page, editor_url, "onderzoek")
    type_at_the_end(page, "\n\n![](afbeeldingen/bospad.png)\n")
    publish(page)
    notice.get_by_text("De afbeelding 'afbeeldingen/bospad.png' heeft geen alt-tekst.").wait_for()
    assert "Tekst, regel" in notice.inner_text() and "Beschrijving (alt-tekst)" in notice.inner_text()

    # A FAQ question typed in the Markdown view with its answer not indented (wandelgids.faq_check).
    entry(page, editor_url, "onderzoek")
    type_at_the_end(page, '\n\n??? question "Mag het?"\n\nJa.\n')
    publish(page)
    notice.get_by_text("de vraag heeft geen antwoord: een antwoord zonder vier spaties ervoor valt buiten de vraag").wait_for()
    assert {path.name: path.read_bytes() for path in docs.glob("*.md")} == before  # nothing was written

    # A link to a page that does not exist: only the build knows, and the editor shows it after the save.
    path = docs / "onderzoek.md"
    entry(page, editor_url, "onderzoek")
    type_at_the_end(page, "\n\nLees ook [de folder](folder-die-er-niet-is.md).\n")
    publish(page)
    text = wait_for_file(path, page, "folder-die-er-niet-is.md")
    line = text.split("\n").index(next(t for t in text.split("\n") if "folder-die-er-niet-is.md" in t)) + 1
    notice.get_by_text("Opgeslagen, maar de site kan zo niet gebouwd worden: 1 fout in de inhoud.").wait_for()
    body_line = line - (text.split("\n").index("---", 1) + 1)  # the Markdown view counts from the line under the second '---'
    assert f"docs/onderzoek.md, regel {line}; Tekst, regel {body_line} (in de Markdown-weergave):" in notice.inner_text()
    assert "leidt nergens heen" in notice.inner_text() and "Oplossing: link naar een bestaande pagina" in notice.inner_text()
    path.write_bytes(before["onderzoek.md"])
    assert page.recorder.foreign(editor_url) == [] and page.csp_violations == []
    # Decap rejects each refused save with an error object it does not catch.
    assert page.recorder.errors == ["Object"] * 5


# A 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
)
