"""'Afdrukken' prints just that plan: checked in the PDF that Chromium makes of the page."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import calculators
from conftest import enter, open_live
from pypdf import PdfReader



def pdf_text(page, save: Path | None = None) -> tuple[str, int]:
    # Once per print: Chromium fires "afterprint" after making the PDF, and the page
    # then goes back to printing in full.
    data = page.pdf(format="A4")
    if save:
        save.parent.mkdir(parents=True, exist_ok=True)
        save.write_bytes(data)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


def print_plan(page, widget: str):
    # The print dialog itself cannot open in a headless browser: record the call instead.
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.locator(f"#{widget}").get_by_role("button", name="Afdrukken").click()
    page.wait_for_function("window.__printed === 1")
    page.emulate_media(media="print")



def test_printing_one_plan_prints_only_that_plan_with_its_inputs(page, base_url, artifacts):
    open_live(page, base_url + "opbouwen/", "rekenhulp-progression")
    enter(page, "#rekenhulp-progression-current_minutes", "12")
    page.wait_for_function("location.search.includes('current_minutes=12')")
    page.locator("#rekenhulp-progression-last_week").select_option("wisselend")
    page.wait_for_function("location.search.includes('last_week=wisselend')")
    print_plan(page, "rekenhulp-progression")
    text, pages = pdf_text(page, artifacts / "print" / "opbouwschema.pdf")
    for expected in (
        "Opbouwschema voor wandelen",
        "Jouw gegevens",
        "Nu per dag: 12 minuten",
        "Doel per dag: 30 minuten",
        "Hoe ging de afgelopen week? Wisselend",
        "In 7 weken van 12 naar 30 minuten per dag",
        "Minuten per dag",
        "De afgelopen week ging wisselend",
        "Afgedrukt op",
        "vervangt geen persoonlijk advies",
    ):
        assert expected in text, expected
    for other in (
        "Ademritme tijdens het wandelen",  # the other calculator on the page
        "Veel mensen starten te ambitieus",  # the page's own text
        "Zo rekent deze rekenhulp",
        "Standaardwaarden",
        "Laatst inhoudelijk gecontroleerd",
        "Link kopiëren",
    ):
        assert other not in text, other
    assert pages == 1


def test_a_26_week_plan_fits_on_two_pages(page, base_url, artifacts):
    open_live(page, base_url + "rekenhulpen/", "rekenhulp-progression")
    enter(page, "#rekenhulp-progression-weekly_increase", "1")
    enter(page, "#rekenhulp-progression-current_minutes", "5")
    enter(page, "#rekenhulp-progression-start_date", "2026-01-05")
    page.wait_for_function("document.querySelector('#rekenhulp-progression [data-result=summary]').textContent.startsWith('In 26 weken')")
    print_plan(page, "rekenhulp-progression")
    text, pages = pdf_text(page, artifacts / "print" / "opbouwschema-26-weken.pdf")
    assert pages <= 2
    assert "29 juni 2026" in text  # week 26 starts then: the whole table is printed
    assert "Dagschema voor wandelen" not in text and "Ademritme tijdens het wandelen" not in text


def test_printing_the_schedule_leaves_the_other_calculators_out(page, base_url, artifacts):
    open_live(page, base_url + "rekenhulpen/", "rekenhulp-schedule")
    print_plan(page, "rekenhulp-schedule")
    text, pages = pdf_text(page, artifacts / "print" / "dagschema.pdf")
    assert "Dagschema voor wandelen" in text and "Wandeltijd per dag: 35 minuten" in text and "Opstaan: 07:30" in text
    assert "Doordeweekse dag" in text and "Weekenddag" in text
    assert "Opbouwschema voor wandelen" not in text and "Ademritme tijdens het wandelen" not in text
    assert "Met deze rekenhulpen maak je een schema" not in text
    assert pages == 1


# Every calculate request the page sends to the worker.
COUNT_REQUESTS = """
window.__requests = 0;
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (typeof message === "string" && JSON.parse(message).type === "calculate") window.__requests += 1;
  return post.call(this, message, ...rest);
};
"""


def test_the_browser_s_own_print_shows_the_current_inputs_and_date(page, base_url):
    """Ctrl+P or a phone's share -> print, no button: the print-only parts follow each result."""
    page.add_init_script(COUNT_REQUESTS)
    open_live(page, base_url + "opbouwen/", "rekenhulp-progression")
    # Both untouched plans are dated by Python with one quiet request for the page.
    page.wait_for_function("[...document.querySelectorAll('[data-print-date]')].every((date) => date.textContent.trim())")
    assert page.evaluate("window.__requests") == 1
    enter(page, "#rekenhulp-progression-current_minutes", "12")
    enter(page, "#rekenhulp-progression-start_date", datetime.date.today().isoformat())
    page.wait_for_function("location.search.includes('current_minutes=12') && location.search.includes('start_date')")
    page.emulate_media(media="print")
    text, _ = pdf_text(page)
    assert "Nu per dag: 12 minuten" in text and "Nu per dag: 10 minuten" not in text
    assert f"Startdatum: {calculators.text.date(datetime.date.today())}" in text  # a Dutch date, not 2026-12-07
    # Every plan on the page is dated, also the breathing helper nobody touched.
    assert len(re.findall(r"Afgedrukt op \d{1,2} [a-z]+ \d{4} van de Wandelgids", text)) == 2
    assert "Afgedrukt op van" not in text
    assert "In 7 weken van 12 naar 30 minuten per dag" in text


def test_no_tab_stop_on_the_closed_search_results_or_the_permalinks(page, base_url):
    page.goto(base_url + "opbouwen/")
    stops = []
    for _ in range(60):  # past the menu, the page's table of contents and its first headings
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.className"))
    assert "md-search__input" in " ".join(stops)  # the walk went past the search box
    assert not [stop for stop in stops if "md-search__scrollwrap" in stop or "headerlink" in stop], stops
