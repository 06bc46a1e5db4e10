"""Accessibility that axe does not measure: contrast of borders and focus, focus on every stop, names."""

from __future__ import annotations

import pytest
from test_site_browser import PAGES

# Colours as the browser computes them, blended over what lies behind, and WCAG's ratio.
MEASURE = """
(() => {
  const parse = (text) => {
    const m = text.match(/rgba?\\(([\\d.]+),? ([\\d.]+),? ([\\d.]+)(?:,? \\/? ?([\\d.]+))?\\)/);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : [0, 0, 0, 0];
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => c * top[3] + bottom[i] * (1 - top[3])).concat(1);
  // The colour behind an element: its ancestors' backgrounds, blended from the page up.
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const describe = (e) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${[...e.classList].join(".")}`;
  // The visible focus indicator of the focused control: its own outline, or for Material's
  // visually hidden inputs (the palette) the visible label beside it, which shows the focus.
  window.__focusIndicator = () => {
    let element = document.activeElement;
    if (!element || element === document.body) return null;
    const box = element.getBoundingClientRect();
    if (box.width < 2 || box.height < 2 || getComputedStyle(element).opacity === "0") {
      const visible = (e) => e && e.tagName === "LABEL" && e.getBoundingClientRect().width > 0;
      const after = [];
      for (let next = element.nextElementSibling; next; next = next.nextElementSibling) after.push(next);
      element = after.find(visible) || element;
    }
    const style = getComputedStyle(element);
    const width = parseFloat(style.outlineWidth);
    const shown = style.outlineStyle !== "none" && width >= 2;
    // An outline drawn inside the control (negative offset) lies on the control's own background.
    const inside = parseFloat(style.outlineOffset) + width <= 0;
    const behind = background(inside ? element : element.parentElement || element);
    const colour = over(parse(style.outlineColor), behind);
    return { element: describe(element), shown, width, ratio: ratio(colour, behind) };
  };
  window.__borderContrast = (element, side = "Top") => {
    const style = getComputedStyle(element);
    const border = parse(style[`border${side}Color`]);
    const outside = background(element.parentElement);
    const inside = over(parse(style.backgroundColor), outside);
    return { width: parseFloat(style[`border${side}Width`]), outside: ratio(over(border, outside), outside), inside: ratio(over(border, inside), inside) };
  };
})()
"""


def new_page(browser, scheme: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, locale="nl-NL")
    page = context.new_page()
    page.add_init_script(MEASURE)
    return context, page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_field_and_error_borders_reach_3_to_1(browser, base_url, scheme):
    context, page = new_page(browser, scheme)
    page.goto(base_url + "rekenhulpen/")
    page.evaluate("window.wandelgids.ready")
    page.wait_for_selector("[data-calculator][data-state='live']")
    fields = page.locator(".wg-field input:not([type=checkbox]), .wg-field select")
    assert fields.count() >= 10
    for i in range(fields.count()):
        measured = fields.nth(i).evaluate("(e) => window.__borderContrast(e)")
        assert measured["width"] >= 1 and measured["outside"] >= 3 and measured["inside"] >= 3, (i, measured)
    # Tick boxes (the calendar's reminder, "Onthoud") have no CSS border: Chromium draws them
    # itself with a 3:1 edge, as long as they stay native and follow the palette's scheme.
    ticks = page.locator("[data-calculator] input[type=checkbox]")
    assert ticks.count() >= 2
    for i in range(ticks.count()):
        drawn = ticks.nth(i).evaluate("(e) => [getComputedStyle(e).appearance, getComputedStyle(e).colorScheme]")
        assert drawn == ["auto", scheme], (i, drawn)
    field = page.locator("#rekenhulp-progression-goal_minutes")
    field.fill("500")
    field.press("Enter")
    page.wait_for_selector("#rekenhulp-progression-goal_minutes[aria-invalid='true']")
    measured = field.evaluate("(e) => window.__borderContrast(e)")
    assert measured["outside"] >= 3 and measured["inside"] >= 3, measured
    # The marked stale plan's border too.
    box = page.locator("#rekenhulp-progression [data-calculator-result]")
    assert box.evaluate("(e) => getComputedStyle(e).borderLeftStyle") == "dashed"
    assert box.evaluate("(e) => window.__borderContrast(e, 'Left').outside") >= 3
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_keyboard_stop_on_every_page_shows_focus(browser, base_url, scheme):
    context, page = new_page(browser, scheme)
    problems = {}
    for path in PAGES:
        page.goto(base_url + path)
        if path in ("opbouwen/", "dagschema/", "rekenhulpen/"):
            page.evaluate("window.wandelgids.ready")
            page.wait_for_selector("[data-calculator][data-state='live']")
        seen = []
        for _ in range(250):
            page.keyboard.press("Tab")
            # Material animates some controls on focus (the search field): measure the end state.
            page.evaluate(
                "Promise.race([Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition)"
                ".map((a) => a.finished.catch(() => null))), new Promise((done) => setTimeout(done, 1000))])"
            )
            indicator = page.evaluate("window.__focusIndicator()")
            if indicator is None:
                break
            key = page.evaluate("(() => { const e = document.activeElement; return e.id || e.outerHTML.slice(0, 120); })()")
            if key in seen:  # back at the start: the walk is complete
                break
            seen.append(key)
            if not indicator["shown"] or indicator["ratio"] < 3:
                problems.setdefault(path or "/", []).append(indicator)
        assert len(seen) >= 10, (path, seen)
    context.close()
    assert problems == {}


@pytest.mark.parametrize("width", [390, 1280])
def test_icon_only_buttons_have_dutch_names(browser, base_url, width):
    context, page = new_page(browser, "light", width)
    page.goto(base_url)
    # Visually hidden text, not aria-label (prohibited on <label>: axe 4.10+).
    assert page.locator("label[for='__drawer'].md-header__button").text_content().strip() == "Menu openen"
    assert page.locator("label.md-header__button[aria-label]").count() == 0
    assert page.locator("label[for='__search'].md-header__button").text_content().strip() == "Zoeken"
    names = page.locator("input.md-option").evaluate_all("(inputs) => inputs.map((i) => i.getAttribute('aria-label'))")
    assert names == ["Donkere weergave", "Lichte weergave"]
    if width == 390:  # the phone's menu button is the one that shows
        assert page.locator("label[for='__drawer'].md-header__button").is_visible()
    # Every icon-only header button has a Dutch name (aria-label or title).
    buttons = page.locator(".md-header__button").evaluate_all(
        "(all) => all.map((b) => b.getAttribute('aria-label') || b.getAttribute('title') || b.textContent.trim())"
    )
    assert all(buttons), buttons
    context.close()
