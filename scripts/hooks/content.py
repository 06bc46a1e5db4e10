"""MkDocs hook: a thin adapter for the content features in the wandelgids package.

- the menu from the pages' front matter (wandelgids.navigation), unless mkdocs.yml
  has its own `nav`;
- the content checks (wandelgids.content_checks) before anything is rendered: any error
  stops every build (strict or not, --quiet or not) with all of them listed at once, in
  Dutch (the templates' links and the calculators' rules declarations too); warnings
  such as an overdue review are printed but do not stop it;
- a page with a calculator needs the compiled Pyodide files (scripts/build_pyodide.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from wandelgids import content_checks, navigation
from wandelgids.front_matter import read_pages


def on_config(config):
    if config.nav is None:
        config.nav = navigation.mkdocs_nav(read_pages(Path(config.docs_dir))) or None
    return config


def on_pre_build(config):
    templates = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    findings = content_checks.check_all(Path(config.docs_dir), templates_dir=templates)
    for finding in findings:
        if finding.severity == content_checks.WARNING:
            # Not a MkDocs warning: an overdue review must not stop a strict build.
            print(f"Wandelgids: {finding}", file=sys.stderr)
    # The errors stop the build themselves, whatever the log level (--quiet) or --strict.
    if stop := content_checks.build_stop_message(findings):
        raise PluginError(stop)


def on_page_content(html, page, config, files):
    if 'data-calculator="' in html and not config.extra.get("pyodide_dir"):
        raise PluginError(
            f"docs/{page.file.src_uri} heeft een rekenhulp, maar build/pyodide/ ontbreekt. "
            "Gebruik 'make build': dat bouwt eerst de rekenhulpen voor Pyodide."
        )
    return html
