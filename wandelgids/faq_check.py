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
# pymdownx.details' own pattern for the opening line: what the build renders as a folding block.
START = DetailsProcessor.START
ANSWER = re.compile(r"^( {4}|\t)")
QUESTION = "question"
FORM = "??? question \"Mag ik wandelen als ik rugpijn heb?\""

# The Dutch findings, (message, fix); the content checks and the web editor (editor/checks.js,
# through wandelgids.editor.CHECKS) both say these.
MESSAGES = {
    "open_quote": ("het aanhalingsteken (\") aan het begin van de vraag wordt niet gesloten; "
                   "zo wordt de regel gewone tekst en het antwoord een grijs codeblok",
                   f"zet aan het eind van de vraag ook een \", zo: {FORM}"),
    "not_a_question": ("deze regel wordt geen uitklapbare vraag; zo wordt hij gewone tekst en het antwoord een grijs codeblok",
                       f"schrijf de regel vooraan, zonder spaties ervoor en met de vraag tussen aanhalingstekens, zo: {FORM}"),
    "empty": ("de vraag is leeg", f"schrijf de vraag tussen de aanhalingstekens, zo: {FORM}"),
    "no_answer": ("de vraag heeft geen antwoord: een antwoord zonder vier spaties ervoor valt buiten de vraag",
                  "zet onder de vraag een lege regel en dan het antwoord, elke regel beginnend met vier spaties "
                  "(in de web-editor: het veld Antwoord van het blok Vraag en antwoord)."),
}


def for_editor() -> dict:
    """The same rule for editor/checks.js: the patterns (valid in JavaScript as in Python) and the messages."""
    return {"marker": MARKER.pattern, "start": START.pattern, "answer": ANSWER.pattern, "question": QUESTION,
            **{kind: {"message": message, "fix": fix} for kind, (message, fix) in MESSAGES.items()}}


def kinds(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line, kind of MESSAGES) for each question block in the page's lines (file line, text) that Markdown would break.

    editor/checks.js (faqProblems) walks the lines the same way; tests/test_editor_config.py holds the two together.
    """
    found: list[tuple[int, str]] = []
    for index, (line, text) in enumerate(lines):
        if not MARKER.match(text):
            continue
        start = START.match(text.rstrip("\n"))
        if start is None or text[0] == " ":
            found.append((line, "open_quote" if text.count('"') % 2 else "not_a_question"))
            continue
        if QUESTION not in (start.group(2) or start.group(4) or "").split():
            continue
        if start.group(3) is not None and not start.group(3).strip():
            found.append((line, "empty"))
        following = next((t for _, t in lines[index + 1:] if t.strip()), None)
        if following is None or not ANSWER.match(following):
            found.append((line, "no_answer"))
    return found


def problems(lines: list[tuple[int, str]]) -> list[tuple[int, str, str]]:
    """(line, message, fix) for each question block in the page's lines (file line, text) that Markdown would break."""
    return [(line, *MESSAGES[kind]) for line, kind in kinds(lines)]
