"""The clinic's contact details: one place in mkdocs.yml, shown where patients look for them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import axe_violations, serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = {
    "phone": "035 000 00 00",
    "email": "test@example.org",
    "address": "Teststraat 1, 1200 AA Hilversum",
    "website": "https://example.org/",
    "booking": "https://example.org/afspraak",
}


def build_with(tmp: Path, contact: dict | None) -> subprocess.CompletedProcess:
    work = tmp / "project"
    shutil.copytree(ROOT / "docs", work / "docs")
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("\n  - wandelgids\n", f"\n  - wandelgids:\n      root: {ROOT}\n", 1)  # the project's build/, editor/
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    if contact is not None:
        block = "\n".join(f"    {key}: {yaml.safe_dump(value).splitlines()[0]}" for key, value in contact.items())
        config = re.sub(r"  contact:\n(    \w+: .*\n)+", f"  contact:\n{block}\n", config)
    (work / "mkdocs.yml").write_text(config)
    return subprocess.run(
        [str(ROOT / ".venv/bin/mkdocs"), "build", "--strict", "--site-dir", str(tmp / "site")],
        cwd=work, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


@pytest.fixture(scope="module")
def contact_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("contact")
    result = build_with(tmp, FIXTURE)
    assert result.returncode == 0, result.stderr
    assert "contactgegevens" not in result.stderr
    return tmp / "site"


def test_shipped_empty_the_build_says_so_and_shows_no_block(site):
    config = (ROOT / "mkdocs.yml").read_text()
    assert re.search(r"  contact:\n    phone: \"\"\n    email: \"\"\n    address: \"\"\n    website: \"\"\n    booking: \"\"\n", config)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "data-contact" not in text and 'id="contact"' not in text, page


def test_the_empty_build_tells_staff_in_dutch(tmp_path):
    result = build_with(tmp_path, None)
    assert result.returncode == 0, result.stderr
    assert "de contactgegevens van het Rugcentrum Hilversum zijn nog leeg" in result.stderr
    assert "extra.contact in mkdocs.yml" in result.stderr


def test_an_unknown_contact_field_stops_the_build(tmp_path):
    result = build_with(tmp_path, {**FIXTURE, "fax": "123"})
    assert result.returncode != 0
    assert "extra.contact kent 'fax' niet" in result.stderr


def test_contact_details_on_help_page_footer_and_printed_plans(contact_site):
    help_page = (contact_site / "hulp-nodig" / "index.html").read_text(encoding="utf-8")
    section = help_page[help_page.index('id="contact"') :]
    for expected in ('href="tel:0350000000"', "035 000 00 00", 'href="mailto:test@example.org"',
                     "Teststraat 1, 1200 AA Hilversum", 'href="https://example.org/"', "Maak een afspraak"):  # fmt: skip
        assert expected in section, expected
    for page in contact_site.rglob("index.html"):
        if "assets" in page.parts or "admin" in page.parts:  # the web editor has no site footer
            continue
        footer = page.read_text(encoding="utf-8").split('class="md-copyright"')[1]
        assert "035 000 00 00" in footer.split("</footer>")[0], page
    for page in ("opbouwen", "dagschema", "rekenhulpen"):
        text = (contact_site / page / "index.html").read_text(encoding="utf-8")
        line = text.split('class="wg-print-only wg-print-contact"')[1].split("</div>")[0]
        assert "test@example.org" in line and "035 000 00 00" in line, page


def test_help_page_links_not_to_itself_and_says_the_disclaimer_once(site):
    text = (site / "hulp-nodig" / "index.html").read_text(encoding="utf-8")
    article = text[text.index("<article") : text.index("</article>")]
    assert article.count("vervangt geen persoonlijk advies") == 1
    assert "Kijk bij" not in article
    assert 'href="./"' not in article


def test_the_hard_week_note_links_to_the_contact_details(browser, contact_site):
    server = serve(contact_site)
    try:
        page = browser.new_page()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        page.goto(base + "opbouwen/")
        page.evaluate("window.wandelgids.ready")
        widget = page.locator("#rekenhulp-progression")
        link = widget.get_by_role("link", name="Zo neem je contact op met het Rugcentrum Hilversum")
        assert not link.is_visible()
        widget.get_by_label("Hoe ging de afgelopen week?").select_option("zwaar")
        link.wait_for(state="visible")
        link.click()
        page.wait_for_url("**/hulp-nodig/")
        assert page.locator("#contact").get_by_text("035 000 00 00").is_visible()
        assert axe_violations(page) == []
        page.close()
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            page = context.new_page()
            page.goto(base + "hulp-nodig/")
            assert page.locator(".md-copyright [data-contact]").is_visible()
            assert axe_violations(page) == [], scheme
            context.close()
    finally:
        server.shutdown()


def test_a_printed_plan_carries_the_contact_line(browser, contact_site):
    from test_print_browser import pdf_text, print_plan

    server = serve(contact_site)
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/dagschema/")
        page.evaluate("window.wandelgids.ready")
        page.wait_for_selector("#rekenhulp-schedule[data-state='live']")
        print_plan(page, "rekenhulp-schedule")
        text, pages = pdf_text(page, Path("test-artifacts/print/dagschema-contact.pdf"))
        assert "Telefoon: 035 000 00 00" in text and "test@example.org" in text
        assert "Dagschema voor wandelen" in text and pages == 1
        page.close()
    finally:
        server.shutdown()
