"""The FAQ's question blocks as pymdownx.details reads them: a mistake is a finding, never a silent loss.

A question is `??? question "Vraag?"`, a blank line, and the answer indented by four spaces.
A slip in that form does not fail Markdown: a quote left open or missing makes the line plain
text and the indented answer a grey code block; an answer without its indent falls outside
its question, which then folds open on nothing; both drop out of the FAQPage data
(wandelgids.faq_schema). The content checks report each with its line.
"""

from __future__ import annotations

import re

from pymdownx.details import DetailsProcessor

MARKER = re.compile(r"^ {0,3}\?\?\?")
QUESTION = "question"
FORM = "??? question \"Mag ik wandelen als ik rugpijn heb?\""
ANSWER_FIX = ("zet onder de vraag een lege regel en dan het antwoord, elke regel beginnend met vier spaties "
              "(in de web-editor: het veld Antwoord van het blok Vraag en antwoord).")


def _is_answer(text: str) -> bool:
    return text.startswith(("    ", "\t"))


def problems(lines: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(line, message, fix) for each question block in the page's lines (file line, text) that Markdown would break."""
    found: list[tuple[int, str, str]] = []
    for index, (line, text) in enumerate(lines):
        if not MARKER.match(text):
            continue
        start = DetailsProcessor.START.match(text.rstrip("\n"))
        if start is None or text[0] == " ":
            if text.count('"') % 2:
                found.append((line, "het aanhalingsteken (\") aan het begin van de vraag wordt niet gesloten; "
                                    "zo wordt de regel gewone tekst en het antwoord een grijs codeblok",
                              f"zet aan het eind van de vraag ook een \", zo: {FORM}"))
            else:
                found.append((line, "deze regel wordt geen uitklapbare vraag; zo wordt hij gewone tekst en het antwoord een grijs codeblok",
                              f"schrijf de regel vooraan, zonder spaties ervoor en met de vraag tussen aanhalingstekens, zo: {FORM}"))
            continue
        kinds = (start.group(2) or start.group(4) or "").split()
        if QUESTION not in kinds:
            continue
        if start.group(3) is not None and not start.group(3).strip():
            found.append((line, "de vraag is leeg", f"schrijf de vraag tussen de aanhalingstekens, zo: {FORM}"))
        following = next((t for _, t in lines[index + 1:] if t.strip()), None)
        if following is None or not _is_answer(following):
            found.append((line, "de vraag heeft geen antwoord: een antwoord zonder vier spaties ervoor valt buiten de vraag", ANSWER_FIX))
    return found
