"""What the headers of a built site are made from: its files, its inline scripts and the
editor's git backend, all read from the built `site/` itself (so the headers always
describe the build they ship with)."""

from __future__ import annotations

import json
from pathlib import Path

from . import cdn, policy
from .inline_code import inline_script_hashes


def editor_backend(site: Path) -> dict | None:
    """The git backend the built editor uses (admin/config.json, from mkdocs.yml extra.editor.backend)."""
    config = site / "admin" / "config.json"
    if not config.is_file():
        return None
    return json.loads(config.read_text(encoding="utf-8")).get("config", {}).get("backend")


def site_rules(site: Path) -> list[policy.HeaderRule]:
    return policy.header_rules(cdn.url_paths(site), inline_script_hashes(site), editor_backend(site))
