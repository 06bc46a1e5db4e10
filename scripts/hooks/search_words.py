"""MkDocs hook: a thin adapter for wandelgids.search_words.

Hands each page's `zoekwoorden` and the site-wide synonyms file to the module, which
adds them to the search index Material's search plugin wrote (that plugin runs its
on_post_build before hooks do). Mistakes in either are reported by the content checks
(wandelgids.content_checks, run by the content hook); only valid words are added here.
"""

from __future__ import annotations

from pathlib import Path

from wandelgids import glossary, search_words

_page_words: dict[str, list[str]] = {}


def on_pre_build(config):
    _page_words.clear()


def on_page_markdown(markdown, page, config, files):
    words = page.meta.get(search_words.FRONT_MATTER_KEY)
    if words and not search_words.check_page_words(page.meta):
        _page_words[page.url] = words
    return markdown


def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        project = Path(config.config_file_path).parent
        synonyms, _ = search_words.load_synonyms(project / search_words.SYNONYMS_FILE)
        # The glossary's everyday words and explanations find the pages that hold its words.
        terms, explanations = search_words.glossary_words(glossary.load(project / glossary.FILE)[0])
        for form, words in terms.items():
            synonyms[form] = [*synonyms.get(form, []), *words]
        search_words.augment_file(index, _page_words, synonyms, explanations)
