"""Python-Markdown extension: the "In het kort" box at the top of a page.

Staff write it as a quote that starts with the bold words "In het kort" (the web
editor's quote button, so the editor keeps it as it is):

    > **In het kort**
    >
    > - Een zin van deze pagina.
    > - Nog een zin van deze pagina.

and it becomes a labelled box (<section class="wg-kort">). The sentences are chosen
from the page itself, not rewritten: the content checks warn about a sentence in the
box that stands nowhere else on the page (wandelgids.readability.kort_problems).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

TITLE = "In het kort"
CLASS = "wg-kort"


def is_box(element: etree.Element) -> bool:
    if element.tag != "blockquote" or not len(element):
        return False
    first = element[0]
    return (first.tag == "p" and not (first.text or "").strip() and len(first) == 1 and first[0].tag == "strong"
            and (first[0].text or "").strip() == TITLE and not (first[0].tail or "").strip())  # fmt: skip


class InHetKortTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for number, element in enumerate(root.iter("blockquote")):
            if not is_box(element):
                continue
            title = element[0]
            element.tag = "section"
            element.set("class", CLASS)
            element.set("aria-labelledby", f"wg-kort-{number}")
            title.set("class", f"{CLASS}__title")
            title.set("id", f"wg-kort-{number}")
            title.text, title[:] = TITLE, []


class InHetKortExtension(Extension):
    def extendMarkdown(self, md):
        # Before the glossary (7), which leaves the box's title alone but explains its sentences.
        md.treeprocessors.register(InHetKortTreeprocessor(md), "wandelgids_in_het_kort", 9)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return InHetKortExtension(**kwargs)
