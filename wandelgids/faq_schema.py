"""FAQ as structured data: a Python-Markdown extension that adds schema.org `FAQPage`
JSON-LD to every page with question blocks (`??? question "..."`, pymdownx.details).

The questions and answers are read from the rendered page itself, so the data says
exactly what the page says. The result is one `<script type="application/ld+json">`
per page: a data block that browsers never run (a strict Content-Security-Policy
allows it), and the only one the site has.

    markdown_extensions:
      - wandelgids.faq_schema
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

QUESTION_CLASS = "question"
TAG = re.compile(r"<[^>]+>")
PLACEHOLDER = re.compile("\u0002wzxhzdk:(\\d+)\u0003")


def faq_page(items: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": question, "acceptedAnswer": {"@type": "Answer", "text": answer}}
            for question, answer in items
        ],
    }


def script_block(data: dict) -> str:
    # "</" inside the JSON could end the script element early; "<\/" is the same JSON string.
    text = json.dumps(data, ensure_ascii=False, indent=None).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


class _Collect(Treeprocessor):
    """Reads each question block's summary (the question) and the rest (the answer)."""

    def _text(self, element: etree.Element) -> str:
        text = "".join(element.itertext())
        # Inline HTML sits in the stash until the end: use its text too.
        stash = self.md.htmlStash.rawHtmlBlocks
        text = PLACEHOLDER.sub(lambda m: TAG.sub("", str(stash[int(m[1])])) if int(m[1]) < len(stash) else "", text)
        # Code spans and entities are kept escaped until the page is written.
        return " ".join(html.unescape(text).split())

    def run(self, root: etree.Element) -> None:
        items = []
        for details in root.iter("details"):
            if QUESTION_CLASS not in (details.get("class") or "").split():
                continue
            summary = details.find("summary")
            if summary is None:
                continue
            answer = [self._text(child) for child in details if child is not summary]
            items.append((self._text(summary), "\n".join(part for part in answer if part)))
        self.md.faq_items = [(q, a) for q, a in items if q and a]


class _Emit(Postprocessor):
    def run(self, text: str) -> str:
        items = getattr(self.md, "faq_items", None)
        return f"{text}\n{script_block(faq_page(items))}" if items else text


class FaqSchemaExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        self.md = md
        md.registerExtension(self)
        md.faq_items = []
        # After inline processing and unescaping (priority 0): the text as it shows.
        md.treeprocessors.register(_Collect(md), "faq_schema", -10)
        md.postprocessors.register(_Emit(md), "faq_schema", 5)

    def reset(self) -> None:
        self.md.faq_items = []


def makeExtension(**kwargs) -> FaqSchemaExtension:  # noqa: N802 - Python-Markdown's entry point
    return FaqSchemaExtension(**kwargs)
