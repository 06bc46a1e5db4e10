"""FAQ as structured data: FAQPage JSON-LD generated at build time from the FAQ's Markdown."""

from __future__ import annotations

import json
import re

import markdown

from wandelgids import faq_schema

EXTENSIONS = ["admonition", "pymdownx.details", "pymdownx.superfences", "attr_list", "md_in_html", "wandelgids.faq_schema"]
LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def blocks(html: str) -> list[dict]:
    return [json.loads(text) for text in LD_JSON.findall(html)]


def test_question_blocks_become_faq_page_data():
    source = """# Vragen

??? question "Mag ik *wandelen*?"

    Ja, [zolang](hulp.md) het **comfortabel** blijft.

    Tweede alinea met `code` & een <b>vet</b> woord.

??? note "Geen vraag"

    Dit is een notitie.

???+ question "Wat als het antwoord `</script>` zegt?"

    Dan blijft de JSON heel: `</script>`.
"""
    html = markdown.markdown(source, extensions=EXTENSIONS)
    [data] = blocks(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    assert [(q["name"], q["acceptedAnswer"]["text"]) for q in data["mainEntity"]] == [
        ("Mag ik wandelen?", "Ja, zolang het comfortabel blijft.\nTweede alinea met code & een vet woord."),
        ("Wat als het antwoord </script> zegt?", "Dan blijft de JSON heel: </script>."),
    ]
    assert all(q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer" for q in data["mainEntity"])
    assert html.count("<script") == 1


def test_pages_without_questions_get_no_data_and_instances_do_not_leak():
    md = markdown.Markdown(extensions=EXTENSIONS)
    assert blocks(md.convert('??? question "Vraag?"\n\n    Antwoord.')) != []
    md.reset()
    assert "<script" not in md.convert("# Gewoon een pagina\n\nTekst.")
    assert "<script" not in markdown.markdown('??? question "Vraag zonder antwoord"', extensions=EXTENSIONS)
    assert faq_schema.script_block({"a": "</b>"}) == '<script type="application/ld+json">{"a": "<\\/b>"}</script>'


def test_the_faq_page_carries_it_and_it_matches_what_the_page_shows(page, base_url, site):
    pages_with_data = [p for p in site.rglob("*.html") if "application/ld+json" in p.read_text(encoding="utf-8")]
    assert [p.relative_to(site).as_posix() for p in pages_with_data] == ["veelgestelde-vragen/index.html"]
    page.goto(base_url + "veelgestelde-vragen/")
    scripts = page.locator('script[type="application/ld+json"]')
    assert scripts.count() == 1
    data = json.loads(scripts.text_content())
    assert data["@type"] == "FAQPage"
    shown = page.evaluate(
        """() => [...document.querySelectorAll("details.question")].map((details) => {
            details.open = true;
            const answer = [...details.children].filter((child) => child.tagName !== "SUMMARY");
            return [details.querySelector("summary").innerText.trim(), answer.map((child) => child.innerText.trim()).join("\\n")];
        })"""
    )
    assert len(shown) == 5
    assert [[q["name"], q["acceptedAnswer"]["text"]] for q in data["mainEntity"]] == shown
    assert page.recorder.errors == []
