"""Calculator widgets, pre-rendered with the project's Jinja2 templates.

The templates live in overrides/calculators/ (next to the theme overrides, so the
site's look stays in one place) and get the calculator's schema, the block's
values and the plan those values give, computed by the same Python that runs
in the browser.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2

import calculators
from calculators import text

from .dates import build_day

TEMPLATES = Path(__file__).resolve().parent.parent / "overrides"
WIDGET = "calculators/widget.html"

_environments: dict[Path, jinja2.Environment] = {}
# Rendered widgets by (templates, templates' stamp, name, options, anchor): a site with many
# pages calculates and renders each distinct block once, until a template changes.
_rendered: dict[tuple, str] = {}


def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    if templates not in _environments:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            auto_reload=True,
        )
        env.filters.update(text.FILTERS)  # Dutch dates, numbers, blocks (calculators.text)
        env.globals["calculator_schema"] = calculators.describe  # e.g. the calendar's own fields
        _environments[templates] = env
    return _environments[templates]


def _stamp(templates: Path) -> tuple:
    folder = templates / "calculators"
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.html")))


def render_widget(name: str, values: dict, anchor: str, templates: Path = TEMPLATES) -> str:
    """The widget's HTML for a valid block (values already checked by the schema)."""
    today = build_day().isoformat()  # a review date that has passed is not shown as the next one
    key = (templates, _stamp(templates), name, json.dumps(values, sort_keys=True), anchor, today)
    if key not in _rendered:
        _rendered[key] = environment(templates).get_template(WIDGET).render(
            build_day=today,
            schema=calculators.describe(name),
            values=values,
            result=calculators.calculate(name, values),
            anchor=anchor,
        )
    return _rendered[key]
