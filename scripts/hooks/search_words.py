"""MkDocs hook: a thin adapter for wandelgids.search_words.

Hands each page's `zoekwoorden` and the site-wide synonyms file to the module, which
adds them to the search index Material's search plugin wrote (that plugin runs its
on_post_build before hooks do). Problems are MkDocs warnings, so a strict build stops.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from wandelgids import search_words

log = logging.getLogger("mkdocs.plugins.wandelgids.search_words")
_page_words: dict[str, list[str]] = {}


def on_pre_build(config):
    _page_words.clear()


def on_page_markdown(markdown, page, config, files):
    for problem in search_words.check_page_words(page.meta):
        log.warning("docs/%s: %s", page.file.src_uri, problem)
    words = page.meta.get(search_words.FRONT_MATTER_KEY)
    if not search_words.check_page_words(page.meta) and words:
        _page_words[page.url] = words
    return markdown


def on_post_build(config):
    index_path = Path(config.site_dir) / "search" / "search_index.json"
    if not index_path.exists():
        return
    synonyms, problems = search_words.load_synonyms(Path(config.config_file_path).parent / search_words.SYNONYMS_FILE)
    texts = [f"{d.get('title', '')} {d.get('text', '')}" for d in json.loads(index_path.read_text(encoding="utf-8"))["docs"]]
    for term in search_words.unused_terms(synonyms, texts):
        problems.append(f"{search_words.SYNONYMS_FILE}: '{term}' staat op geen enkele pagina; controleer de spelling of haal het weg.")
    for problem in problems:
        log.warning("%s", problem)
    search_words.augment_file(index_path, _page_words, synonyms)
