"""Search in patients' own words: search words in front matter and a synonyms file,
added to Material's search index at build time, found through the real search box."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from search_queries import QUERIES
from test_build import PAGE, build

from wandelgids import search_words

ROOT = Path(__file__).resolve().parent.parent


# ---- the module -------------------------------------------------------------------


def test_synonyms_file_format_and_problems_in_dutch():
    synonyms, problems = search_words.parse_synonyms("artrose: [slijtage, versleten]\nhernia: [ischias]\n")
    assert synonyms == {"artrose": ["slijtage", "versleten"], "hernia": ["ischias"]} and problems == []
    assert search_words.parse_synonyms("") == ({}, [])
    for text, expected in [
        ("artrose: [slijtage", "niet te lezen"),
        ("- artrose", "schrijf per regel"),
        ("artrose: slijtage", "schrijf een lijst van woorden"),
        ("artrose: []", "schrijf een lijst van woorden"),
        ("artrose: [slijtage, '']", "is geen woord"),
        ("artrose: [slijtage, Slijtage]", "twee keer"),
        ("artrose: [" + "x" * 70 + "]", "te lang"),
        ("1: [een]", "geen woord uit de tekst"),
    ]:
        synonyms, problems = search_words.parse_synonyms(text)
        assert problems and expected in problems[0], (text, problems)


def test_page_words_must_be_a_list_of_words():
    assert search_words.check_page_words({}) == []
    assert search_words.check_page_words({"zoekwoorden": ["weekend", "zaterdag"]}) == []
    assert "schrijf een lijst" in search_words.check_page_words({"zoekwoorden": "weekend, zaterdag"})[0]
    assert "is geen woord" in search_words.check_page_words({"zoekwoorden": ["weekend", None]})[0]


def test_words_reach_the_page_and_every_section_that_holds_the_article_word():
    index = {
        "config": {"lang": ["nl"], "fields": {"title": {"boost": 1000.0}}},
        "docs": [
            {"location": "klacht/", "title": "Wandelen per klacht", "text": "Inleiding."},
            {"location": "klacht/#artrose", "title": "Wandelen bij artrose", "text": "Artrose reageert goed."},
            {"location": "klacht/#spanning", "title": "Spanning", "text": "Bij spierspanningsklachten."},
            {"location": "", "title": "Home", "text": "Niets hiervan."},
        ],
    }
    synonyms = {"artrose": ["slijtage"], "spierspanning": ["kramp", "Slijtage"]}
    result = search_words.augment(index, {"klacht/": ["hernia", "ischias"]}, synonyms)
    assert result["config"]["fields"]["keywords"] == {"boost": search_words.BOOST}
    docs = {doc["location"]: doc for doc in result["docs"]}
    assert docs["klacht/"]["keywords"] == ["hernia", "ischias"]  # front matter: the page itself
    assert docs["klacht/#artrose"]["keywords"] == ["slijtage"]
    assert docs["klacht/#spanning"]["keywords"] == ["kramp", "Slijtage"]  # the start of a compound counts
    assert "keywords" not in docs[""]
    assert search_words.unused_terms({"artrose": ["x"], "heup": ["y"]}, ["Artrose reageert", "Rug"]) == ["heup"]
    # Not in the middle of a word: "rug" is not in "terug".
    assert search_words.words_for("Kom terug", {"rug": ["ruggengraat"]}) == []


def test_sources_are_checked_without_a_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("---\ntitle: A\nzoekwoorden: weekend\n---\n\n# A\n\nArtrose en zo.\n", encoding="utf-8")
    (docs / "b.md").write_text("---\ntitle: B\nzoekwoorden: [zaterdag]\n---\n\n# B\n", encoding="utf-8")
    (docs / "c.md").write_text("---\ntitle: [C\n---\n\n# C\n", encoding="utf-8")
    synonyms = tmp_path / "zoekwoorden.yml"
    synonyms.write_text("artrose: [slijtage]\nheupkaart: [heup]\n", encoding="utf-8")
    assert search_words.check_sources(docs, synonyms) == [
        ("docs/a.md", 3, "zoekwoorden: schrijf een lijst van woorden, bijvoorbeeld [slijtage, versleten rug]."),
        ("zoekwoorden.yml", 2, "'heupkaart' staat op geen enkele pagina; controleer de spelling of haal het weg."),
    ]
    synonyms.write_text("artrose: slijtage\n", encoding="utf-8")
    assert search_words.check_sources(docs, synonyms)[-1][0] == "zoekwoorden.yml"
    assert search_words.check_sources(docs, tmp_path / "geen.yml") == search_words.check_sources(docs, synonyms)[:1]


# ---- what ships ------------------------------------------------------------------


def test_shipped_synonyms_and_front_matter_pass_the_checks():
    assert search_words.check_sources(ROOT / "docs", ROOT / search_words.SYNONYMS_FILE) == []
    synonyms, problems = search_words.load_synonyms(ROOT / search_words.SYNONYMS_FILE)
    assert problems == [] and len(synonyms) >= 15
    with_words = 0
    for path in sorted((ROOT / "docs").glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        assert search_words.check_page_words(meta) == [], path.name
        with_words += bool(meta.get("zoekwoorden"))
    assert with_words >= 10


def test_the_built_index_holds_the_words_and_the_pages_do_not(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"]["keywords"]["boost"] == search_words.BOOST
    keywords = {doc["location"]: doc.get("keywords", []) for doc in index["docs"]}
    assert "kantoorbaan" in keywords["waarom-wandelen-werkt/"]  # front matter
    assert "doorzakken" in keywords["wanneer-minder-goed/"]  # synonyms file, via "doorzakmoment"
    assert "tussenwervelschijf" in keywords["waarom-wandelen-werkt/#tussenwervelschijven"]
    texts = " ".join(doc["text"] for doc in index["docs"]).lower()
    pages = " ".join(p.read_text(encoding="utf-8").lower() for p in site.rglob("*.html"))
    # Words only patients use: in the index, never shown as page text.
    for word in ("kantoorbaan", "telefoonnummer", "joggen", "doorzakken", "tussenwervelschijf", "slijtage"):
        assert word not in texts and word not in pages, word


def test_bad_search_words_stop_a_strict_build(tmp_path):
    page = PAGE.replace("reviewer: chiropractor\n", "reviewer: chiropractor\nzoekwoorden: weekend\n").format(block="")
    result = build(tmp_path / "a", {"test.md": page})
    assert result.returncode != 0 and "docs/test.md:6: zoekwoorden: schrijf een lijst van woorden" in result.stderr
    result = build(tmp_path / "b", files={"zoekwoorden.yml": "hoofdpijnkaart: [migraine]\n"})
    assert result.returncode != 0 and "zoekwoorden.yml:1: 'hoofdpijnkaart' staat op geen enkele pagina" in result.stderr


# ---- in the browser, through the search box ---------------------------------------------


def top_pages(page, query: str) -> list[str]:
    search = page.locator("input.md-search__input")
    search.fill("")
    search.press("Backspace")  # a key event: Material empties the result list
    page.wait_for_function("document.querySelectorAll('.md-search-result__item').length === 0")
    # Material searches on key events, as a visitor types.
    search.press_sequentially(query, delay=10)
    # The result list follows each keystroke: read it once it has stopped changing.
    readings: list[list[str]] = []
    while len(readings) < 3 or readings[-1] != readings[-2] or readings[-2] != readings[-3]:
        page.wait_for_timeout(150)
        readings.append(
            page.locator(".md-search-result__item > a").evaluate_all("(as) => as.map((a) => new URL(a.href).pathname)")
        )
        assert len(readings) < 60, f"the results for {query!r} keep changing"
    previous = readings[-1]
    pages: list[str] = []
    for path in previous:
        if path not in pages:
            pages.append(path)
    return pages[:3]


def test_patient_queries_find_their_page_in_the_top_three(page, base_url):
    assert len(QUERIES) >= 25
    page.goto(base_url)
    page.locator("input.md-search__input").click()
    page.wait_for_function("document.querySelector('.md-search__output') !== null")
    failures = []
    for query, expected in QUERIES:
        found = top_pages(page, query)
        if "/" + expected not in found:
            failures.append((query, expected, found))
    passed = len(QUERIES) - len(failures)
    print(f"\nsearch: {passed} of {len(QUERIES)} patient queries find their page in the top three")
    assert passed >= 0.9 * len(QUERIES), failures
    assert page.recorder.foreign(base_url) == []
    assert page.recorder.errors == []
