"""Headings' "¶" permalinks out of the keyboard's and screen readers' way.

Python-Markdown's toc extension puts a "¶" link after each heading's text. Read aloud it
is a bare pilcrow, and as a Tab stop it sits between the visitor and the page's forms
(four of them before a calculator). Mouse users keep it; keyboards and screen readers
skip it (tabindex -1, aria-hidden), since the heading itself is what they navigate by.
Use after toc: `markdown_extensions: [toc: {permalink: true}, wandelgids.permalinks]`.
"""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class PermalinkTreeprocessor(Treeprocessor):
    def run(self, root):
        for link in root.iter("a"):
            if "headerlink" in (link.get("class") or "").split():
                link.set("tabindex", "-1")
                link.set("aria-hidden", "true")


class PermalinkExtension(Extension):
    def extendMarkdown(self, md):
        # toc runs at priority 5; this must see its links, so it runs after.
        md.treeprocessors.register(PermalinkTreeprocessor(md), "wandelgids_permalinks", 4)


def makeExtension(**kwargs):
    return PermalinkExtension(**kwargs)
