"""MkDocs hook: a thin adapter for the content features in the wandelgids package.

- the menu from the pages' front matter (wandelgids.navigation), unless mkdocs.yml
  has its own `nav`;
- the content checks (wandelgids.content_checks) before anything is rendered: every
  problem is logged as a warning, so `mkdocs build --strict` stops, with all of them
  listed at once (the calculators' rules declarations too); broken calculator blocks
  stop any build (no widget can render);
  overdue reviews are printed but do not count as warnings;
- a page with a calculator needs the compiled Pyodide files (scripts/build_pyodide.py).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from wandelgids import content_checks, navigation
from wandelgids.front_matter import read_pages

log = logging.getLogger("mkdocs.plugins.wandelgids")


def on_config(config):
    if config.nav is None:
        config.nav = navigation.mkdocs_nav(read_pages(Path(config.docs_dir))) or None
    return config


def on_pre_build(config):
    # Without the readability report: staff read it in `make check-content` and the editor, not in every build log.
    findings = content_checks.check_site(Path(config.docs_dir), readable=False) + content_checks.check_calculators()
    for finding in findings:
        if finding.severity == content_checks.WARNING:
            # Not a MkDocs warning: an overdue review must not stop a strict build.
            print(f"Wandelgids: {finding}", file=sys.stderr)
        else:
            log.warning("%s", finding)
    if any(f.message.startswith("rekenhulpblok:") for f in content_checks.errors(findings)):
        raise PluginError("De build stopt: een rekenhulpblok is niet in orde (zie de meldingen hierboven).")


def on_page_content(html, page, config, files):
    if 'data-calculator="' in html and not config.extra.get("pyodide_dir"):
        raise PluginError(
            f"docs/{page.file.src_uri} heeft een rekenhulp, maar build/pyodide/ ontbreekt. "
            "Gebruik 'make build': dat bouwt eerst de rekenhulpen voor Pyodide."
        )
    return html
