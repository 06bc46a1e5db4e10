"""How a plan reads on a phone: long plans, the chart's axis and values, one-week plans, status words."""

from __future__ import annotations

import datetime

import pytest
from conftest import READY, axe_violations, enter, open_live



def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nl-NL")
    return context, context.new_page()



def test_a_long_plan_stays_readable_on_a_phone(browser, base_url):
    context, page = phone(browser)
    open_live(page, base_url + "rekenhulpen/", "rekenhulp-progression")
    enter(page, "#rekenhulp-progression-weekly_increase", "1")
    enter(page, "#rekenhulp-progression-goal_minutes", "120")
    page.wait_for_function("document.querySelector('#rekenhulp-progression [data-result=summary]').textContent.startsWith('In 111 weken')")
    widget = page.locator("#rekenhulp-progression")
    assert widget.locator("[data-result-table='weeks'] tbody tr").count() == 111  # all weeks, in the table
    # Every row is in the page's own flow: no ancestor of the table scrolls on its own
    # (a hidden inner scroll box made patients think the plan ended at week 5).
    scrollers = widget.locator("[data-result-table='weeks']").evaluate(
        """(table) => { const found = []; for (let e = table; e && e !== document.documentElement; e = e.parentElement) {
             const s = getComputedStyle(e); if (/(auto|scroll)/.test(s.overflowY + s.overflowX) && e.scrollHeight > e.clientHeight + 1) found.push(e.className); }
           return found; }"""
    )
    assert scrollers == []
    # With dates (the longest Dutch month): each date on one line, the table within its column.
    september = datetime.date.today().replace(day=27, month=9)
    if september < datetime.date.today():
        september = september.replace(year=september.year + 1)
    enter(page, "#rekenhulp-progression-start_date", september.isoformat())
    page.wait_for_function("document.querySelector('#rekenhulp-progression td[data-cell=start_date_text]').textContent.includes('september')")
    fit = widget.locator("[data-result-table='weeks']").evaluate(
        """(table) => { const cell = table.querySelector('tbody td[data-cell=start_date_text]'); const range = document.createRange();
             range.selectNodeContents(cell); const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
             return { lines: lines.size, table: table.getBoundingClientRect().width, column: table.parentElement.clientWidth }; }"""
    )
    assert fit["lines"] == 1 and fit["table"] <= fit["column"], fit
    last = widget.locator("[data-result-table='weeks'] tbody tr").last
    last.scroll_into_view_if_needed()
    assert last.is_visible() and page.evaluate("window.scrollY") > 0
    chart = widget.locator("svg[data-result-chart]")
    assert chart.locator("rect").count() == 12
    values = chart.locator("text.wg-chart__value").evaluate_all("(all) => all.map((e) => e.textContent)")
    assert values[0] == "10" and values[-1] == "120"
    assert chart.locator("text.wg-chart__tick").evaluate_all("(all) => all.map((e) => e.textContent)")[0] == "0"
    assert chart.locator("text.wg-chart__axis-name").text_content() == "minuten per dag"
    assert "elke tiende week" in widget.locator("figcaption").inner_text()
    # Nothing sticks out sideways on a 390 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def in_viewport(locator, height: int = 844) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_the_result_is_in_view_after_changing_the_first_field(browser, base_url):
    """On a phone the fields push the result off screen: a bar at the screen's bottom repeats
    the result's own summary (no second live region), until the result itself is in view."""
    context, page = phone(browser)
    open_live(page, base_url + "opbouwen/", "rekenhulp-progression")
    widget = page.locator("#rekenhulp-progression")
    summary, bar = widget.locator("[data-result=summary]"), widget.locator("[data-calculator-bar]")
    # The patient looks at the fields (the first one mid-screen) and changes the first.
    page.locator("#rekenhulp-progression-current_minutes").evaluate("(field) => field.scrollIntoView({ block: 'center' })")
    enter(page, "#rekenhulp-progression-current_minutes", "15")
    page.wait_for_function("document.querySelector('#rekenhulp-progression [data-result=summary]').textContent.includes('van 15')")
    assert not in_viewport(summary)  # the result itself is below the screen
    bar.wait_for(state="visible")
    assert bar.locator("[data-calculator-bar-summary]").inner_text() == summary.inner_text()
    assert in_viewport(bar) and in_viewport(page.locator("#rekenhulp-progression-current_minutes"))
    assert bar.get_attribute("aria-live") is None and bar.locator("[aria-live], [role=status]").count() == 0
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    assert bar.is_hidden()  # not on paper: the printout has the whole plan
    page.emulate_media(media="screen")
    bar.get_by_role("link", name="Naar het schema").click()
    bar.wait_for(state="hidden")
    assert in_viewport(summary) and "van 15" in summary.inner_text()  # the same plan, not the page anew
    assert page.evaluate("document.activeElement.id") == "rekenhulp-progression-uitkomst"
    # A stale plan (an invalid field) is not summed up.
    enter(page, "#rekenhulp-progression-current_minutes", "999")
    widget.locator("[data-calculator-stale]").wait_for(state="visible")
    assert bar.is_hidden()
    context.close()


def test_a_one_week_plan_needs_no_chart(page, base_url):
    open_live(page, base_url + "rekenhulpen/", "rekenhulp-progression")
    widget = page.locator("#rekenhulp-progression")
    assert widget.locator("figure.wg-chart").is_visible()
    enter(page, "#rekenhulp-progression-current_minutes", "30")
    page.wait_for_function("document.querySelector('#rekenhulp-progression [data-result=summary]').textContent === 'Wandel 30 minuten per dag.'")
    assert widget.locator("figure.wg-chart").is_hidden()
    enter(page, "#rekenhulp-progression-current_minutes", "20")
    page.wait_for_function("document.querySelector('#rekenhulp-progression [data-result=summary]').textContent.includes('van 20 naar 30')")
    assert widget.locator("figure.wg-chart").is_visible()
    assert widget.locator("svg[data-result-chart] text.wg-chart__value").evaluate_all("(all) => all.map((e) => e.textContent)") == ["20", "23", "26", "29", "30"]


def test_each_calculator_s_status_words_fit_it(page, base_url):
    open_live(page, base_url + "rekenhulpen/", "rekenhulp-breathing")
    enter(page, "#rekenhulp-breathing-cadence", "110")
    page.wait_for_function("document.querySelector('#rekenhulp-breathing [data-calculator-status]').textContent === 'De uitkomst is bijgewerkt.'")
    enter(page, "#rekenhulp-schedule-daily_minutes", "30")
    page.wait_for_function("document.querySelector('#rekenhulp-schedule [data-calculator-status]').textContent === 'Het schema is bijgewerkt.'")
    help_text = page.locator("#rekenhulp-breathing").inner_text()
    assert "Het artikel noemt" not in help_text


def test_the_prerendered_chart_has_its_axis_and_values_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "opbouwen/")
    chart = page.locator("#rekenhulp-progression svg[data-result-chart]")
    assert chart.locator("text.wg-chart__value").evaluate_all("(all) => all.map((e) => e.textContent)") == ["10", "13", "16", "19", "22", "25", "28", "30"]
    assert chart.locator("text.wg-chart__tick").evaluate_all("(all) => all.map((e) => e.textContent)") == ["0", "10", "20", "30"]
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_new_states_pass_axe_in_both_palettes(browser, base_url, scheme):
    """The link note, the stale plan, the contact link and the open rules sections."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{base_url}rekenhulpen/?rekenhulp-progression.current_minutes=999#rekenhulp-progression")
    page.evaluate(READY)
    page.locator("#rekenhulp-progression [data-calculator-link-note]").wait_for(state="visible")
    page.locator("#rekenhulp-progression-last_week").select_option("zwaar")
    page.locator("#rekenhulp-progression .wg-calc__refer").wait_for(state="visible")
    enter(page, "#rekenhulp-schedule-bed_time", "07:00")
    page.locator("#rekenhulp-schedule [data-calculator-stale]").wait_for(state="visible")
    assert "Bedoel je 19:00?" in page.locator("#rekenhulp-schedule [data-field-error='bed_time']").inner_text()
    for summary in page.locator("[data-calculator-rules] summary").all():
        summary.click()
    # The summary bar at the screen's bottom, with the fields in view.
    page.locator("#rekenhulp-progression-current_minutes").scroll_into_view_if_needed()
    page.locator("#rekenhulp-progression [data-calculator-bar]").wait_for(state="visible")
    assert axe_violations(page) == []
    # The browser's own print of the same states (colours switch at once: no transition caught halfway).
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.emulate_media(media="print")
    assert axe_violations(page) == [], "print"
    context.close()
