"""Content checks (wandelgids.content_checks): plain Python, every problem in Dutch with file, line and fix."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from wandelgids.content_checks import ERROR, WARNING, build_stop_message, check_site, reviews_due

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 27)
FRONT = "title: Test\ndescription: Een korte beschrijving.\nreviewed: 2026-11-25\nreviewer: chiropractor\nnav_order: 10\n"
HOME = f"---\n{FRONT}---\n\n# Home\n\nWelkom. Zie [de test](test.md).\n"


def page(front: str = FRONT, body: str = "# Test\n\nTekst.\n") -> str:
    return f"---\n{front}---\n\n{body}"


def check(tmp_path: Path, pages: dict[str, str], today: dt.date = TODAY) -> list[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    (docs / "wandelaar.png").write_bytes(b"png")
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    return [f"{f.severity}|{f}" for f in check_site(docs, today, readable=False)]  # readability: tests/test_words.py


def only(messages: list[str]) -> str:
    assert len(messages) == 1, "\n".join(messages)
    return messages[0]


def test_a_clean_page_has_no_findings(tmp_path):
    assert check(tmp_path, {"test.md": page()}) == []


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (FRONT.replace("title: Test\n", ""), "docs/test.md:1: 'title' ontbreekt in de front matter.\n  Oplossing: voeg 'title: "),
        (FRONT.replace("description: Een korte beschrijving.\n", ""), "docs/test.md:1: 'description' ontbreekt"),
        (FRONT.replace("reviewed: 2026-11-25\n", ""), "docs/test.md:1: 'reviewed' ontbreekt"),
        (FRONT.replace("reviewer: chiropractor\n", ""), "docs/test.md:1: 'reviewer' ontbreekt"),
        (FRONT.replace("Een korte beschrijving.", "x" * 161), "docs/test.md:3: de description is 161 tekens lang (hooguit 160).\n  Oplossing: kort"),
        (FRONT.replace("2026-11-25", "25-11-2026"), "docs/test.md:4: 'reviewed' (25-11-2026) is geen datum.\n  Oplossing: schrijf de datum als JJJJ-MM-DD"),
        (FRONT.replace("2026-11-25", "2026-12-01"), "docs/test.md:4: 'reviewed' (2026-12-01) ligt in de toekomst"),
        (FRONT.replace("chiropractor", "stagiair"), "docs/test.md:5: 'reviewer' (stagiair) is geen bekende rol.\n  Oplossing: kies een van: chiropractor"),
        (FRONT.replace("nav_order: 10", "nav_order: bovenaan"), "docs/test.md:6: 'nav_order' (bovenaan) is geen heel getal"),
        (FRONT.replace("title: Test", "title: [Test"), "docs/test.md:2: de lijst na 'title' wordt niet goed gesloten met ']'"),
        ("- title\n- Test\n", "docs/test.md:2: de front matter moet bestaan uit regels 'veld: waarde'"),
        (FRONT + "nav_title: 2025\n", "docs/test.md:7: 'nav_title' (2025) is geen tekst"),
        (FRONT.replace("2026-11-25", "2026-11-25 10:00:00"), "docs/test.md:4: 'reviewed' (2026-11-25 10:00:00) is geen datum"),
    ],
)
def test_front_matter_problems(tmp_path, front, expected):
    assert only(check(tmp_path, {"test.md": page(front)})).startswith(f"{ERROR}|{expected}")


ENGLISH = re.compile(r"\b(?:found|expected|while|scanning|character|mapping|the|not|could|unexpected)\b")


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        # The line of the mistake itself, not where the parser gave up (line 6 or later).
        (FRONT.replace("title: Test", 'title: "Test'), "2: het aanhalingsteken (\") aan het begin van de waarde van 'title' wordt niet gesloten"),
        (FRONT.replace("title: Test", 'title: "Test').replace("Een korte beschrijving.", '"Kort."'),
         "2: het aanhalingsteken (\") aan het begin van de waarde van 'title' wordt niet gesloten"),
        (FRONT.replace("title: Test", "title: 'Test"), "2: het aanhalingsteken (') aan het begin"),
        (FRONT.replace("description:", "\tdescription:"), "3: op deze regel staat een tab.\n  Oplossing: vervang de tab door spaties"),
        (FRONT.replace("description: ", "description:\t"), "3: op deze regel staat een tab"),
        (FRONT.replace("reviewed: 2026-11-25", "reviewed: 2026-02-30"), "4: '2026-02-30' is geen bestaande datum.\n  Oplossing: controleer de dag en de maand"),
        (FRONT.replace("nav_order: 10", "nav_order: !!int tien"), "6: de front matter gebruikt een YAML-type-aanduiding ('!!int')"),
        (FRONT.replace("nav_order: 10", "nav_order: " + "9" * 5000), "6: het getal op deze regel heeft meer dan 18 cijfers"),
        (FRONT + "a: &a [x, x]\nb: [*a, *a]\n", "7: de front matter gebruikt een YAML-verwijzing (& of *)"),
        (FRONT.replace("title: Test", "title: Wandelen: waarom"), "2: in de waarde van 'title' staat een dubbele punt"),
        (FRONT.replace("reviewer: chiropractor", "reviewer chiropractor"), "5: op deze regel ontbreekt de dubbele punt"),
        (FRONT + "title: Nog een\n", "7: het veld 'title' staat twee keer in de front matter (ook op regel 2)"),
        (FRONT + "zoekwoorden: " + "[" * 3000 + "\n", "7: de front matter is te diep genest"),
        (FRONT.replace("title: Test", "title: 2025"), "2: 'title' is geen tekst"),
        (FRONT.replace("Een korte beschrijving.", "[een, twee]"), "3: 'description' is geen tekst"),
    ],
)
def test_front_matter_mistakes_name_their_own_line_in_dutch(tmp_path, front, expected):
    message = only(check(tmp_path, {"test.md": page(front)}))
    assert message.startswith(f"{ERROR}|docs/test.md:{expected}"), message
    assert not ENGLISH.search(message.split("Oplossing:")[0]), message


def test_a_missing_closing_line_is_named_as_such(tmp_path):
    message = only(check(tmp_path, {"test.md": f"---\n{FRONT}\n# Test\n\nTekst.\n"}))
    assert message.startswith(f"{ERROR}|docs/test.md:7: de front matter bovenaan wordt niet afgesloten: de regel '---' ontbreekt"), message
    assert "(regel 6)" in message
    # ... also when a '---' further down (a horizontal rule) would close it.
    message = only(check(tmp_path, {"test.md": f"---\n{FRONT}\n# Test\n\nTekst.\n\n---\n\nMeer.\n"}))
    assert message.startswith(f"{ERROR}|docs/test.md:7: de front matter bovenaan wordt niet afgesloten"), message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (f"---\n{FRONT}---\n\n# Test\n\nCafé.\n".encode("latin-1"), "11: op deze regel staat een teken dat geen UTF-8 is"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "1: het bestand is geen tekst (het bevat binaire gegevens)"),
        (page().encode() + b"x" * 2_100_000, "1: het bestand is te groot"),
    ],
)
def test_any_bytes_in_a_page_give_a_dutch_message(tmp_path, data, expected):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "test.md").write_bytes(data)
    message = only(check(tmp_path, {}))
    assert message.startswith(f"{ERROR}|docs/test.md:{expected}"), message


def test_a_concept_page_needs_no_review_yet_and_says_so(tmp_path):
    concept = FRONT.replace("reviewed: 2026-11-25\nreviewer: chiropractor\n", "concept: true\n")
    assert check(tmp_path, {"test.md": page(concept)}) == []
    assert only(check(tmp_path, {"test.md": page(FRONT + "concept: true\n")})).startswith(
        f"{WARNING}|docs/test.md:7: waarschuwing: de pagina heeft een controledatum en staat ook op 'concept: true'")
    assert f"{ERROR}|docs/test.md:4: 'concept' is geen ja of nee" in "\n".join(
        check(tmp_path, {"test.md": page(concept.replace("true", "misschien"))}))
    assert [m.split(" in de front matter")[0] for m in check(tmp_path, {"test.md": page(concept.replace("concept: true", "concept: false"))})] == [
        f"{ERROR}|docs/test.md:1: 'reviewed' ontbreekt", f"{ERROR}|docs/test.md:1: 'reviewer' ontbreekt"]


def test_a_page_without_front_matter(tmp_path):
    assert only(check(tmp_path, {"test.md": "# Test\n\nTekst.\n"})).startswith(
        f"{ERROR}|docs/test.md:1: de pagina heeft geen front matter"
    )


def test_empty_menu_fields_from_the_web_editor_mean_not_set(tmp_path):
    front = FRONT + "nav_title: ''\n"
    assert check(tmp_path, {"test.md": page(front)}) == []
    front = FRONT.replace("nav_order: 10", "nav_order:")
    assert check(tmp_path, {"test.md": page(front)}) == []  # index.md links to it, so it is reachable


def test_a_quoted_date_from_the_web_editor_is_a_date(tmp_path):
    assert check(tmp_path, {"test.md": page(FRONT.replace("2026-11-25", "'2026-11-25'"))}) == []


def test_an_overdue_review_is_a_warning_not_an_error(tmp_path):
    message = only(check(tmp_path, {"test.md": page(FRONT.replace("2026-11-25", "2025-11-26"))}))
    assert message.startswith(
        f"{WARNING}|docs/test.md:4: waarschuwing: de laatste inhoudelijke controle (26 november 2025) is meer dan 12 maanden geleden."
    )
    assert "Oplossing: laat een zorgverlener de pagina nakijken" in message
    # Exactly twelve months is not overdue yet: due today.
    message = only(check(tmp_path, {"test.md": page(FRONT.replace("2026-11-25", "2025-11-27"))}))
    assert message.startswith(f"{WARNING}|docs/test.md:4: waarschuwing: de volgende inhoudelijke controle van de pagina is uiterlijk 27 november 2026 (vandaag)")


@pytest.mark.parametrize(
    ("reviewed", "expected"),
    [
        ("2025-12-27", "docs/test.md:4: waarschuwing: de volgende inhoudelijke controle van de pagina is uiterlijk 27 december 2026 (over 30 dagen).\n"
                       "  Oplossing: plan de controle met een zorgverlener"),
        ("2025-11-28", "(over 1 dag)"),
        ("2025-12-28", None),  # 31 days ahead: nothing to say yet
    ],
)
def test_a_review_due_within_30_days_is_announced_as_a_warning(tmp_path, reviewed, expected):
    found = check(tmp_path, {"test.md": page(FRONT.replace("2026-11-25", reviewed))})
    if expected is None:
        assert found == []
    else:
        assert only(found).startswith(f"{WARNING}|") and expected in only(found)


def test_reviews_due_lists_overdue_and_soon_for_the_monthly_check(tmp_path):
    check(tmp_path, {"oud.md": page(FRONT.replace("2026-11-25", "2025-01-10")), "bijna.md": page(FRONT.replace("2026-11-25", "2025-12-20")),
                     "kapot.md": page(FRONT.replace("title: Test", 'title: "Test'))})
    found = [f"{f.path}:{f.line}" for f in reviews_due(tmp_path / "docs", today=TODAY) if f.path.startswith("docs/")]
    assert found == ["docs/bijna.md:4", "docs/oud.md:4"]
    assert all(f.severity == WARNING for f in reviews_due(tmp_path / "docs", days=400, today=TODAY))
    assert "docs/index.md:4" in [f"{f.path}:{f.line}" for f in reviews_due(tmp_path / "docs", days=400, today=TODAY)]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("/// calculator | opbouw\n///", "docs/test.md:13: rekenhulpblok: onbekende rekenhulp 'opbouw'.\n  Oplossing: kies een van: progression"),
        ("/// calculator | progression\ngoal_minutes: 300\n///", "docs/test.md:14: rekenhulpblok: instelling 'goal_minutes': "),
        ("/// calculator | progression\ndoel: 30\n///", "docs/test.md:14: rekenhulpblok: onbekende instelling 'doel' voor rekenhulp 'progression'"),
        ("/// calculator | progression\ngoal_minutes: 30", "docs/test.md:13: rekenhulpblok: het rekenhulpblok wordt niet afgesloten"),
        ("/// calculater | progression\n///", "docs/test.md:13: rekenhulpblok: onbekend blok '/// calculater | progression'.\n  Oplossing: begin een rekenhulp met"),
        ("/// calculator | progression\ngoal_minutes: [30\n///", "docs/test.md:14: rekenhulpblok: de instellingen zijn op deze regel niet te lezen"),
        ("/// calculator | progression\n- 30\n///", "docs/test.md:14: rekenhulpblok: de regel '- 30' is geen 'instelling: waarde' (de dubbele punt ontbreekt)"),
        ("/// calculator | schedule\nwake_time: 07:00\nbed_time: 09:00\n///", "docs/test.md:15: rekenhulpblok: instelling 'bed_time': "),
    ],
)
def test_calculator_block_problems(tmp_path, block, expected):
    assert only(check(tmp_path, {"test.md": page(body=f"# Test\n\nTekst.\n\n{block}\n")})).startswith(f"{ERROR}|{expected}")


def test_every_bad_option_of_a_block_is_listed(tmp_path):
    block = "/// calculator | progression\ncurrent_minutes: 0\ngoal_minutes: 300\n///"
    messages = check(tmp_path, {"test.md": page(body=f"# Test\n\nTekst.\n\n{block}\n")})
    assert [m.split(": rekenhulpblok")[0] for m in messages] == [f"{ERROR}|docs/test.md:14", f"{ERROR}|docs/test.md:15"]


def test_an_option_line_without_a_colon_does_not_hide_the_next_mistake(tmp_path):
    block = "/// calculator | progression\ngoal_minutes 30\ncurrent_minutes: 0\n///"
    messages = check(tmp_path, {"test.md": page(body=f"# Test\n\nTekst.\n\n{block}\n")})
    assert len(messages) == 2, messages
    assert messages[0].startswith(f"{ERROR}|docs/test.md:14: rekenhulpblok: de regel 'goal_minutes 30' is geen 'instelling: waarde' (de dubbele punt")
    assert messages[1].startswith(f"{ERROR}|docs/test.md:15: rekenhulpblok: instelling 'current_minutes'"), messages[1]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("# Test\n\nTekst.\n\n![](wandelaar.png)\n", "docs/test.md:13: afbeelding 'wandelaar.png' heeft geen alt-tekst"),
        ('# Test\n\nTekst.\n\n<img src="wandelaar.png">\n', "docs/test.md:13: afbeelding (<img>) zonder alt-tekst"),
        ("# Test\n\nTekst.\n\n### Te diep\n\nMeer.\n", "docs/test.md:13: de kop 'Te diep' springt van niveau 1 naar 3.\n  Oplossing: gebruik ##"),
        ("# Test\n\nTekst.\n\n# Nog een titel\n\nMeer.\n", "docs/test.md:13: tweede kop met één '#' ('Nog een titel')"),
        ("", "docs/test.md:8: de pagina is leeg"),
        ("# Alleen een kop\n", "docs/test.md:8: de pagina heeft alleen koppen en geen tekst"),
        ("# Test\n\nZie [niets](bestaat-niet.md).\n", "docs/test.md:11: link 'bestaat-niet.md' leidt nergens heen: de pagina 'bestaat-niet.md' bestaat niet"),
        ("# Test\n\nZie [home](index.md#nergens).\n", "docs/test.md:11: link 'index.md#nergens' leidt nergens heen: 'index.md' heeft geen onderdeel '#nergens'.\n  Oplossing: gebruik een kop van die pagina: home"),
        ("# Test\n\nZie [hier](#nergens).\n", "docs/test.md:11: link '#nergens' leidt nergens heen: deze pagina heeft geen onderdeel '#nergens'"),
        ("# Test\n\nZie [map](opbouwen/).\n", "docs/test.md:11: link 'opbouwen/' wijst naar een map, niet naar een pagina"),
        ("# Test\n\nZie [folder](folder.pdf).\n", "docs/test.md:11: link 'folder.pdf' leidt nergens heen: het bestand 'folder.pdf' bestaat niet"),
        ("# Test\n\nZie [home][thuis].\n\n[thuis]: thuis.md\n", "docs/test.md:13: link 'thuis.md' leidt nergens heen"),
        ("# Test\n\nZie [home](/index.md).\n", "docs/test.md:11: link '/index.md' begint met '/'"),
        # FAQ questions Markdown would break: the line becomes text, the answer a code block or loose text.
        ('# Test\n\n??? question "Mag het?\n\n    Ja.\n', 'docs/test.md:11: het aanhalingsteken (") aan het begin van de vraag wordt niet gesloten'),
        ("# Test\n\n??? question Mag het?\n\n    Ja.\n", "docs/test.md:11: deze regel wordt geen uitklapbare vraag"),
        ('# Test\n\n ??? question "Mag het?"\n\n    Ja.\n', "docs/test.md:11: deze regel wordt geen uitklapbare vraag"),
        ('# Test\n\n??? question "Mag het?"\n\nJa.\n', "docs/test.md:11: de vraag heeft geen antwoord"),
        ('# Test\n\n??? question "Mag het?"\n', "docs/test.md:11: de vraag heeft geen antwoord"),
        ('# Test\n\n??? question ""\n\n    Ja.\n', "docs/test.md:11: de vraag is leeg"),
    ],
)
def test_body_problems(tmp_path, body, expected):
    assert only(check(tmp_path, {"test.md": page(body=body)})).startswith(f"{ERROR}|{expected}")


def test_good_links_anchors_images_and_code_pass(tmp_path):
    (tmp_path / "docs" / "img").mkdir(parents=True)
    (tmp_path / "docs" / "img" / "pad.png").write_bytes(b"png")
    body = (
        "# Test\n\nTekst met [de home](index.md#home), [een kop](#twee-koppen-zon-kop), [extern](https://example.org) "
        "en [de rekenhulp](#rekenhulp-breathing).\n\n![Een bospad](img/pad.png)\n\n## Twee koppen: zo’n kop\n\n"
        "### Dieper mag\n\n## Eigen id {#eigen}\n\nZie [eigen](#eigen).\n\n```\n# geen kop in code\n![](geen.png)\n```\n\n"
        "- een lijst\n---\n\nOnderkop\n--------\n\nZie [onderkop](#onderkop).\n\n"
        "/// calculator | breathing\n///\n\n??? question \"Mag het?\"\n\n    Ja.\n\n    Zeker.\n\n???+ question \"Open?\"\n    Ja.\n"
    )
    assert check(tmp_path, {"test.md": page(body=body)}) == []


def test_a_page_no_menu_reaches(tmp_path):
    front = FRONT.replace("nav_order: 10\n", "")
    messages = check(tmp_path, {"test.md": page(), "los.md": page(front)})
    assert only(messages).startswith(f"{ERROR}|docs/los.md:2: geen menu of link bereikt deze pagina.\n  Oplossing: geef de pagina een plek in het menu")
    # A page outside the menu is fine when a reachable page links to it.
    assert check(tmp_path, {"test.md": page(body="# Test\n\nZie [los](los.md).\n"), "los.md": page(front)}) == []


def test_several_broken_pages_give_all_their_messages_in_one_run(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(HOME.replace("(test.md)", "(test.md) en [b](b.md)"), encoding="utf-8")
    (docs / "test.md").write_text(page(FRONT.replace("title: Test\n", ""), "# Test\n\n### Sprong\n\nTekst.\n"), encoding="utf-8")
    (docs / "b.md").write_text(page(FRONT.replace("x", "x").replace("2026-11-25", "gisteren"), "# B\n\n![](x.png)\n\n/// calculator | x\n///\n"), encoding="utf-8")
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "wandelgids.content_checks", str(docs)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    out = result.stdout
    for expected in [
        "docs/b.md:4: 'reviewed' (gisteren) is geen datum.",
        "docs/b.md:11: afbeelding 'x.png' heeft geen alt-tekst.",
        "docs/b.md:11: afbeelding 'x.png' leidt nergens heen",
        "docs/b.md:13: rekenhulpblok: onbekende rekenhulp 'x'.",
        "docs/test.md:1: 'title' ontbreekt in de front matter.",
        "docs/test.md:10: de kop 'Sprong' springt van niveau 1 naar 3.",
    ]:
        assert expected in out, out
    readability = out.count("waarschuwing: leesbaarheid")  # the readability report, tests/test_words.py
    assert out.count("Oplossing:") == 6 + readability
    assert f"6 fouten, {readability} waarschuwingen in 3 pagina's." in out


def test_the_shipped_content_passes_every_check():
    # Only warnings: the readability report (wandelgids.readability) is advice for staff.
    assert [f for f in check_site(ROOT / "docs") if f.severity != "waarschuwing"] == []
    assert check_site(ROOT / "docs", readable=False) == []
    result = subprocess.run(["make", "--no-print-directory", "check-content"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = len(list((ROOT / "docs").glob("*.md")))
    assert f"0 fouten, " in result.stdout and f"in {pages} pagina's." in result.stdout


@pytest.mark.parametrize(
    ("front", "example", "body"),
    [
        (FRONT.replace("title: Test", 'title: "Test'), "het aanhalingsteken (\") aan het begin van de waarde van 'title' wordt niet gesloten", ""),
        (FRONT.replace("description:", "\tdescription:"), "op deze regel staat een tab", ""),
        (FRONT.replace("reviewed: 2026-11-25", "reviewed: 2026-02-30"), "'2026-02-30' is geen bestaande datum", ""),
        (FRONT.replace("title: Test", "title: 2025"), "'title' is geen tekst", ""),
        (FRONT, "het aanhalingsteken (\") aan het begin van de vraag wordt niet gesloten", '??? question "Mag het?\n\n    Ja.\n'),
        (FRONT, "de vraag heeft geen antwoord", '??? question "Mag het?"\n\nJa.\n'),
    ],
)
def test_the_staff_guide_shows_the_messages_the_checks_give(tmp_path, front, example, body):
    guide = (ROOT / "HANDLEIDING.md").read_text(encoding="utf-8")
    assert f"`{example}`" in guide
    assert example in only(check(tmp_path, {"test.md": page(front, f"# Test\n\nTekst.\n\n{body}")}))


def test_the_staff_guide_shows_the_build_stop_and_template_messages(tmp_path):
    guide = " ".join((ROOT / "HANDLEIDING.md").read_text(encoding="utf-8").split())
    assert '"De site wordt niet gebouwd: ... fouten in de inhoud"' in guide
    assert "de volgende controle is nog niet afgerond" in guide
    assert "`de front matter bovenaan wordt niet afgesloten: de regel '---' ontbreekt`" in guide
    assert "`de sjabloon linkt naar 'hulp-nodig/', maar de pagina 'docs/hulp-nodig.md' bestaat niet`" in guide
    docs = tmp_path / "project" / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(ROOT / "overrides", tmp_path / "project" / "overrides")
    (docs / "hulp-nodig.md").unlink()
    stop = build_stop_message(check_site(docs))
    assert stop.startswith("De site wordt niet gebouwd: ") and " fouten in de inhoud" in stop
    assert "de sjabloon linkt naar 'hulp-nodig/', maar de pagina 'docs/hulp-nodig.md' bestaat niet" in stop


def test_deleting_the_build_up_page_is_reported_at_the_day_schedules_link():
    # The day schedule's advice links to the build-up plan (HANDLEIDING: "verwijder die pagina dus niet").
    from wandelgids.content_checks import check_templates

    root = Path(__file__).resolve().parent.parent
    pages = {p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*.md")}
    assert check_templates(root / "overrides", root / "docs", pages) == []
    found = check_templates(root / "overrides", root / "docs", pages - {"opbouwen.md"})
    assert [f.path for f in found] == ["overrides/calculators/result-schedule.html"]
    assert "de pagina 'docs/opbouwen.md' bestaat niet" in found[0].message
