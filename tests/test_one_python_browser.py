"""One Python per visit (issue 16): with Material's instant navigation, moving between
pages swaps the page in without a new document, so the calculators on the next page
use the worker that is already live instead of starting Pyodide again."""

from __future__ import annotations

from playwright.sync_api import expect

SITE_URL = "https://wandelgids.rugcentrumhilversum.nl/"
# Counts the calculator workers this document starts, and notes CSP refusals.
COUNT = """
window.__workers = 0;
window.__csp = [];
const NativeWorker = window.Worker;
window.Worker = class extends NativeWorker {
  constructor(url, options) {
    super(url, options);
    if (String(url).includes("calculator-worker.js")) window.__workers += 1;
  }
};
document.addEventListener("securitypolicyviolation", (event) => window.__csp.push(event.violatedDirective));
"""


def menu_link(page, slug):
    return page.locator(f".md-sidebar--primary a.md-nav__link[href*='{slug}/']").first


def test_moving_between_calculator_pages_keeps_one_python(page, nginx_url, site):
    page.add_init_script(COUNT)
    # Material swaps in only the pages its sitemap lists, at the site's own address (it
    # keeps the sitemap's port): the test server's address stands in for site_url.
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8").replace(SITE_URL, nginx_url)
    page.route("**/sitemap.xml", lambda route: route.fulfill(body=sitemap, content_type="application/xml"))
    page.goto(nginx_url + "veelgemaakte-fouten/")  # a page without a calculator first
    assert page.evaluate("window.__workers") == 0
    page.evaluate("window.__sameDocument = true")
    menu_link(page, "opbouwen").click()
    page.wait_for_selector("[data-calculator='progression'][data-state='live']")
    menu_link(page, "dagschema").click()
    page.wait_for_selector("[data-calculator='schedule'][data-state='live']")
    assert page.url.endswith("/dagschema/")
    widget = page.locator("[data-calculator='schedule']")
    assert page.evaluate("window.wandelgids.ready.then(() => 'ready')") == "ready"
    page.go_back()
    page.wait_for_selector("[data-calculator='progression'][data-state='live']")
    field = page.locator("[data-calculator='progression']").get_by_label("Nu per dag")
    field.fill("20")
    field.press("Enter")
    expect(page.locator("[data-calculator='progression'] [data-result='summary']")).to_contain_text("van 20 naar 30")
    # The same document all along, and one worker for the three pages.
    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("window.__workers") == 1
    assert widget.count() == 0  # the day schedule's page is gone, its widget with it
    # A page with inline data (the FAQ's JSON-LD) swaps in without a policy refusal too.
    menu_link(page, "veelgestelde-vragen").click()
    page.wait_for_url("**/veelgestelde-vragen/")
    page.wait_for_selector("details")
    assert page.evaluate("window.__sameDocument") is True
    assert page.evaluate("window.__csp") == []
    assert page.recorder.errors == []
