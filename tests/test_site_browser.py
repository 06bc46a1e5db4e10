"""The guide as visitors use it, in headless Chromium on the built site."""

from __future__ import annotations

import re

import pytest
from conftest import axe_violations

PAGES = [
    "", "waarom-wandelen-werkt/", "wandelen-per-klacht/", "opbouwen/", "dagschema/", "veelgemaakte-fouten/",
    "wanneer-minder-goed/", "multidisciplinaire-rugzorg/", "onderzoek/", "veelgestelde-vragen/", "rekenhulpen/",
    "hulp-nodig/", "woordenlijst/",
]  # fmt: skip


def test_home_page_renders(page, base_url):
    response = page.goto(base_url)
    assert response.status == 200
    assert page.title().startswith("Wandelen bij rugklachten")
    assert page.locator("h1").inner_text().rstrip("¶") == "De rol van wandelen bij rugklachten"
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.recorder.foreign(base_url) == []
    assert page.recorder.errors == []


def test_navigation_reaches_every_page(page, base_url):
    page.goto(base_url)
    links = page.locator("nav.md-nav--primary a.md-nav__link[href]")
    targets = sorted({re.sub(r"#.*$", "", page.evaluate("(a) => a.href", links.nth(i).element_handle())) for i in range(links.count())})
    assert sorted(base_url + path for path in PAGES) == targets
    for target in targets:
        assert page.goto(target).status == 200
        assert page.locator("h1").count() == 1
    assert page.recorder.foreign(base_url) == []


def test_phone_navigation_opens_the_drawer(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url)
    page.locator("label.md-header__button[for='__drawer']").click()
    page.locator("nav.md-nav--primary").get_by_role("link", name="Veelgestelde vragen").click()
    page.wait_for_url("**/veelgestelde-vragen/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Veelgestelde vragen"
    context.close()


def test_search_in_dutch_finds_hernia(page, base_url):
    page.goto(base_url)
    search = page.locator("input.md-search__input")
    search.click()
    page.wait_for_function("document.querySelector('.md-search__output') !== null")
    # Material searches on key events, as a visitor types.
    search.press_sequentially("hernia", delay=40)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("(links) => links.map((a) => a.href)")
    assert any("wandelen-per-klacht/" in href and href.endswith("#wandelen-bij-hernia-of-zenuwpijn") for href in hrefs), hrefs
    # Dutch stemming: "wandelingen" finds pages that say "wandelen".
    search.fill("")
    search.press_sequentially("wandelingen", delay=40)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    assert page.recorder.foreign(base_url) == []


def test_faq_questions_expand(page, base_url):
    page.goto(base_url + "veelgestelde-vragen/")
    questions = page.locator("details.question")
    assert questions.count() == 5
    first = questions.first
    assert first.get_attribute("open") is None
    assert not first.get_by_text("zolang het comfortabel blijft").is_visible()
    first.locator("summary").click()
    assert first.get_attribute("open") is not None
    assert first.get_by_text("zolang het comfortabel blijft").is_visible()
    # Keyboard: Enter on a focused question opens it too.
    second = questions.nth(1)
    second.locator("summary").focus()
    page.keyboard.press("Enter")
    assert second.get_attribute("open") is not None


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_wcag_violations(browser, base_url, artifacts, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, locale="nl-NL")
    page = context.new_page()
    found = {}
    for path in PAGES + ["bestaat-niet/"]:
        page.goto(base_url + (path if path != "bestaat-niet/" else "404.html"))
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        violations = axe_violations(page)
        if violations:
            found[path or "/"] = violations
        if width == 390 and scheme == "light":
            shots = artifacts / "screenshots"
            shots.mkdir(exist_ok=True)
            page.screenshot(path=str(shots / f"{path.strip('/') or 'home'}-390.png"), full_page=True)
    context.close()
    assert found == {}


def test_print_stylesheet_hides_navigation(page, base_url, artifacts):
    page.goto(base_url + "opbouwen/")
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("h1").is_visible()
    assert page.locator("[data-result-table='weeks']").first.is_visible()
    page.pdf(path=str(artifacts / "opbouwen.pdf"))
