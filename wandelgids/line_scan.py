"""What the content checks need from one Markdown line, found in time linear in its length.

A page is staff's text, and a pasted line can be anything: 8,000 unmatched '[' or a
200,000-character line took the old regular expressions seconds to minutes. So no
regular expression here runs on more than MAX_REGEX_CHARS characters; links and images
are looked for only where '](' occurs, by one pass over the brackets; headings by a
plain scan of the line's start.
"""

from __future__ import annotations

import re
from typing import NamedTuple

MAX_REGEX_CHARS = 1000  # the most any regular expression below ever sees
MAX_TARGET_CHARS = 2000  # how far after '](' a link's ')' may be
MAX_TEXT_CHARS = 2000  # how far before '](' a link's '[' may be

REFERENCE = re.compile(r"^ {0,3}\[(?P<label>[^\]]+)\]:[ \t]*<?(?P<target>[^\s<>]+)>?(?:\s.*)?$")
ALT = re.compile(r"""\balt\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)')""", re.IGNORECASE)
SETEXT_TEXT = re.compile(r"^ {0,3}(?![-*+>|]|\d{1,9}[.)]\s)\S")  # a paragraph line, not a list item, quote or table row
# Heading text: attribute list at the end, link syntax, inline markup (each class stops at the next bracket: linear).
ATTR_ID = re.compile(r"#(?P<id>[\w-]+)")
LINK_TEXT = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
INLINE_MARKUP = re.compile(r"[*_`]|<[^<>]+>")
NUMBERED = re.compile(r"^(.*)_([0-9]+)$")


class Link(NamedTuple):
    target: str
    text: str  # the link text, or an image's alt text
    image: bool


def atx_heading(line: str) -> tuple[int, str] | None:
    """(level, raw text) of a '#' heading line, else None."""
    stripped = line.lstrip(" ")
    if len(line) - len(stripped) > 3 or not stripped.startswith("#"):
        return None
    level = len(stripped) - len(stripped.lstrip("#"))
    rest = stripped[level:]
    if level > 6 or (rest and rest[0] not in " \t"):
        return None
    return level, rest.strip(" \t").rstrip(" \t#")


def setext_underline(line: str) -> str | None:
    """'=' or '-' when the line underlines the paragraph line above it into a heading."""
    stripped = line.rstrip(" \t")
    body = stripped.lstrip(" ")
    if len(stripped) - len(body) > 3 or not body or body[0] not in "=-" or body.strip(body[0]):
        return None
    return body[0]


def can_be_setext_text(line: str) -> bool:
    return bool(SETEXT_TEXT.match(line[:MAX_REGEX_CHARS]))


def heading_id(raw: str) -> str | None:
    """An explicit id from an attribute list at the end, as in '## Kop {#kop}'."""
    text = raw.rstrip()
    if not text.endswith("}"):
        return None
    start = text.rfind("{", max(0, len(text) - MAX_REGEX_CHARS))
    if start < 0:
        return None
    found = ATTR_ID.search(text[start:])
    return found["id"] if found else None


def heading_text(raw: str) -> str:
    """The heading as readers see it: no attribute list, link syntax or inline markup."""
    text = raw.rstrip()
    if text.endswith("}") and (start := text.rfind("{", max(0, len(text) - MAX_REGEX_CHARS))) >= 0:
        text = text[:start]
    text = text[:MAX_REGEX_CHARS]
    text = LINK_TEXT.sub(r"\1", text)
    return INLINE_MARKUP.sub("", text).strip()


def links(line: str) -> list[Link]:
    """Inline links and images, looked for only where '](' occurs, each scan bounded."""
    found: list[Link] = []
    used: set[int] = set()  # '[' of images already read (an image may stand inside a link's text)
    floor = 0  # text before a link read already is not another link's text
    at = line.find("](")
    while at >= 0:
        lowest = max(floor, at - MAX_TEXT_CHARS)
        start = line.rfind("[", lowest, at)
        while start >= 0 and (start in used or (start > 0 and line[start - 1] == "\\")):
            start = line.rfind("[", lowest, start)
        close = line.find(")", at + 2, at + 2 + MAX_TARGET_CHARS) if start >= 0 else -1
        if close < 0:
            at = line.find("](", at + 2)
            continue
        inside = line[at + 2 : close].strip()
        target = inside.split(maxsplit=1)[0] if inside else ""
        if target.startswith("<"):
            target = target[1:].split(">")[0]
        image = start > 0 and line[start - 1] == "!"
        found.append(Link(target, line[start + 1 : at], image))
        if image:
            used.add(start)
        else:
            floor = close + 1
        at = line.find("](", close + 1)
    return found


def reference(line: str) -> str | None:
    """The target of a reference definition line '[label]: target'."""
    if not line.lstrip(" ").startswith("["):
        return None
    found = REFERENCE.match(line[:MAX_REGEX_CHARS])
    return found["target"] if found else None


def html_images_without_alt(line: str) -> int:
    """How many <img> tags on the line have no (or an empty) alt text."""
    lowered = line.lower()
    count = 0
    at = lowered.find("<img")
    while at >= 0:
        # The tag ends at its '>', or where the next tag starts when it has none.
        ends = [e for e in (lowered.find(">", at, at + MAX_REGEX_CHARS), lowered.find("<", at + 1, at + MAX_REGEX_CHARS)) if e >= 0]
        tag = line[at : min(ends) if ends else at + MAX_REGEX_CHARS]
        alt = ALT.search(tag)
        if not alt or not (alt["double"] or alt["single"] or "").strip():
            count += 1
        at = lowered.find("<img", at + 4)
    return count


def html_ids(line: str) -> list[str]:
    """The values of id="..." attributes on the line (anchors that links may point to)."""
    found: list[str] = []
    at = line.find("id=")
    while at >= 0:
        quote = line[at + 3 : at + 4]
        if at > 0 and line[at - 1].isspace() and quote in ("'", '"'):
            close = line.find(quote, at + 4, at + 4 + MAX_REGEX_CHARS)
            if close > at + 4:
                found.append(line[at + 4 : close])
        at = line.find("id=", at + 3)
    return found


def without_comments(text: str) -> str:
    """The text without <!-- ... --> comments."""
    parts: list[str] = []
    at = 0
    while (start := text.find("<!--", at)) >= 0:
        parts.append(text[at:start])
        close = text.find("-->", start + 4)
        if close < 0:
            return "".join(parts)
        at = close + 3
    parts.append(text[at:])
    return "".join(parts)


def unique_anchor(anchor: str, ids: set[str], last_number: dict[str, int]) -> str:
    """Python-Markdown's toc.unique ('kop', 'kop_1', 'kop_2', ...) without its quadratic search
    over many equal headings: last_number remembers how far each name has been counted."""
    if anchor and anchor not in ids:
        return anchor
    found = NUMBERED.match(anchor[:MAX_REGEX_CHARS])
    base, number = (found[1], int(found[2]) + 1) if found else (anchor, 1)
    number = max(number, last_number.get(base, 0) + 1)
    while f"{base}_{number}" in ids:
        number += 1
    last_number[base] = number
    return f"{base}_{number}"
