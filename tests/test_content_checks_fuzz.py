"""The content checks on anything a page can hold: adversarial lines stay linear and are still
checked, and arbitrary text, front matter and bytes give findings (file, line, Dutch text), never an exception.

No timing assertions: the 1 MB figure is measured by `make bench` (scripts/bench.py).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wandelgids.content_checks import ERROR, WARNING, check_site

TODAY = dt.date(2026, 11, 27)
FRONT = "title: Test\ndescription: Kort.\nreviewed: 2026-11-25\nreviewer: chiropractor\nnav_order: 10\n"
HOME = f"---\n{FRONT}---\n\n# Home\n\nWelkom. Zie [de test](test.md).\n"
# Words of PyYAML's and Python's own (English) messages; quoted page text is left out before looking.
ENGLISH = re.compile(r"\b(?:found|expected|while|scanning|character|mapping|could|unexpected|error|invalid|traceback)\b", re.IGNORECASE)
QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|\([^()\n]*\)")


def check(page: bytes | str) -> list:
    docs = Path(tempfile.mkdtemp()) / "docs"
    try:
        docs.mkdir()
        (docs / "index.md").write_text(HOME, encoding="utf-8")
        data = page.encode("utf-8", "surrogatepass") if isinstance(page, str) else page
        (docs / "test.md").write_bytes(data)
        return check_site(docs, TODAY)
    finally:
        shutil.rmtree(docs.parent)


def assert_well_formed(findings: list) -> None:
    for finding in findings:
        assert finding.path in ("docs/test.md", "docs/index.md"), finding
        assert isinstance(finding.line, int) and finding.line >= 1, finding
        assert finding.severity in (ERROR, WARNING), finding
        assert finding.message.strip() and finding.fix.strip(), finding
        own_words = QUOTED.sub("", f"{finding.message} {finding.fix}")
        assert not ENGLISH.search(own_words), finding


def messages(findings: list) -> list[str]:
    """The errors only: the readability report's warnings (every page gets its score) are not
    what these tests look for; the fuzz tests still check that those warnings are well formed."""
    return [str(f) for f in findings if f.severity == ERROR]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[" * 8000 + " Zie [niets](nergens.md).", "docs/test.md:13: link 'nergens.md' leidt nergens heen"),
        ("a" * 200_000 + " ![](foto.png)", "docs/test.md:13: afbeelding 'foto.png' heeft geen alt-tekst"),
        ("# " * 16_000, "docs/test.md:13: tweede kop met één '#'"),
        ("](" * 100_000 + "[x](nergens.md)", "docs/test.md:13: link 'nergens.md' leidt nergens heen"),
        ("<img " * 20_000, "docs/test.md:13: 20000 afbeeldingen (<img>) zonder alt-tekst"),
        (' id="x' * 30_000 + "\n\nZie [hier](#x).", "docs/test.md:15: link '#x' leidt nergens heen"),
        ("1" * 100_000 + "\n===", "docs/test.md:14: tweede kop met één '#'"),
        ("#### " + "{" * 100_000, "docs/test.md:13: de kop '"),
        ("Tekst <!-- " * 50_000, None),
        ("Tekst [x " * 50_000, None),
        ("Tekst {: x " * 50_000, None),
    ],
)
def test_adversarial_lines_finish_and_are_still_checked(body, expected):
    found = check(f"---\n{FRONT}---\n\n# Test\n\nTekst.\n\n{body}\n")
    assert_well_formed(found)
    if expected is None:
        assert [f for f in found if f.severity == ERROR] == []
    else:
        assert any(m.startswith(expected) for m in messages(found)), messages(found)[:3]


def test_aliases_that_would_expand_are_refused_not_expanded():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    found = check(f"---\n{FRONT}{bomb}---\n\n# Test\n\nTekst.\n")
    assert messages(found) and messages(found)[0].startswith("docs/test.md:7: de front matter gebruikt een YAML-verwijzing (& of *)")


def test_a_megabyte_page_of_ordinary_text_is_checked_whole():
    line = "Zie [de pagina](index.md) en ![foto](index.md). " * 20
    body = (f"{line}\n\n## Kop\n\n") * 1100 + "Zie [kapot](kapot.md).\n"
    assert len(body) > 1_000_000
    found = check(f"---\n{FRONT}---\n\n# Test\n\nTekst.\n\n{body}")
    assert [m.split(":")[1] for m in messages(found)] == [str(13 + 4 * 1100)]
    assert "link 'kapot.md' leidt nergens heen" in messages(found)[0]


FUZZ = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
yaml_bits = st.sampled_from(
    ["title:", "description:", "reviewed:", "reviewer:", "nav_order:", "nav_title:", "zoekwoorden:", " ", "  ", "\t", "\n", ":",
     "-", "- ", "'", '"', "[", "]", "{", "}", "&a", "*a", "!!int", "!!python/object", "#", "---", "...", "|", ">", "2026-02-30",
     "2026-11-25", "9" * 30, "chiropractor", "%", "@", "`", "? ", ",", "\\", "\r\n", "\ufeff", "é"]
)
front_matter = st.lists(st.one_of(yaml_bits, st.text(max_size=8)), max_size=40).map("".join)
markdown_bits = st.sampled_from(
    ["#", "# ", "## ", "###### ", "=", "-", "[", "]", "(", ")", "![", "](", "<img ", "alt=", '"', "id=", "{#", "}", "\n", "```",
     "~~~", "///", "/// calculator | progression", "goal_minutes: 300", "goal_minutes 30", "<!--", "-->", "index.md", "#nergens",
     "[x]: nergens.md", "   ", "\t", "\\"]
)
body = st.lists(st.one_of(markdown_bits, st.text(max_size=8)), max_size=60).map("".join)


@FUZZ
@given(front=front_matter, text=body)
def test_any_front_matter_and_body_give_findings_never_an_exception(front, text):
    assert_well_formed(check(f"---\n{front}\n---\n\n{text}"))


@FUZZ
@given(text=st.text(max_size=400))
def test_any_text_gives_findings_never_an_exception(text):
    assert_well_formed(check(text))


@FUZZ
@given(data=st.binary(max_size=400))
def test_any_bytes_give_findings_never_an_exception(data):
    assert_well_formed(check(b"---\n" + data))
