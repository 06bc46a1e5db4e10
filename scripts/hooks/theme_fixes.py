"""MkDocs hook: small accessibility fixes to Material's own markup.

Material's search panel has role="dialog" without a name (axe: aria-dialog-name).
"""

from __future__ import annotations

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Zoeken">'


def on_post_page(output, page, config):
    return output.replace(SEARCH_DIALOG, NAMED_SEARCH_DIALOG, 1)
