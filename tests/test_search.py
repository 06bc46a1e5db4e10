"""Search in patients' own words: search words in front matter and a synonyms file,
added to Material's search index at build time, found through the real search box."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from search_queries import EVERYDAY, MISSPELT, QUERIES
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


def test_an_unreadable_page_does_not_make_its_words_unused(tmp_path):
    """While a page cannot be read (here: no closing '---'), its words are unknown: no 'haal het weg' for them."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("---\ntitle: A\n\n# A\n\nArtrose en zo.\n", encoding="utf-8")
    synonyms = tmp_path / "zoekwoorden.yml"
    synonyms.write_text("artrose: [slijtage]\n", encoding="utf-8")
    assert search_words.check_sources(docs, synonyms) == []
    (docs / "a.md").write_text("---\ntitle: A\n---\n\n# A\n\nEn zo.\n", encoding="utf-8")
    assert search_words.check_sources(docs, synonyms) == [
        ("zoekwoorden.yml", 1, "'artrose' staat op geen enkele pagina; controleer de spelling of haal het weg.")]


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


def test_the_search_scripts_load_only_for_a_search(page, base_url):
    """A visit that does not search leaves Material's search worker and its lunr scripts
    alone (forgiving-search.js answers Material's setup itself): no bytes and no index build
    beside the rekenhulp's start. The first query loads them and finds its page."""
    searching = lambda: [url for url in page.recorder.urls if "/workers/search." in url or "/lunr/" in url]  # noqa: E731
    page.goto(base_url + "opbouwen/")
    page.wait_for_selector("[data-calculator='progression'][data-state='live']")
    page.wait_for_load_state("networkidle")
    assert any("forgiving-search.js" in url for url in page.recorder.urls)  # Material's setup went to it
    assert searching() == []
    page.locator("input.md-search__input").click()
    assert top_pages(page, "hernia")[0] == "/wandelen-per-klacht/"
    assert any("/workers/search." in url for url in searching()) and any("lunr.nl.min.js" in url for url in searching())
    assert top_pages(page, "ishias") != []  # one letter wrong, on the live worker
    assert page.recorder.errors == []


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



# Straight to Material's search worker in Chromium (the messages its search box sends),
# with and without the forgiving wrapper: the same ranking as the box, a query in
# milliseconds instead of typing each one.
WORKER_RANKS = """async ([queries, forgiving]) => {
    const config = JSON.parse(document.getElementById("__config").textContent);
    const wrapped = new URL(config.search, location.href);
    const url = forgiving ? wrapped : new URL(wrapped.searchParams.get("material"), wrapped);
    const worker = new Worker(url);
    const index = await (await fetch(new URL("search/search_index.json", new URL(config.base, location.href)))).json();
    const ask = (message) => new Promise((resolve) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.postMessage(message);
    });
    await ask({ type: 0, data: { ...index, options: { suggest: false } } });
    const found = {};
    for (const query of queries) {
        const { data } = await ask({ type: 2, data: query });
        const pages = data.items.map((group) => new URL(group[0].location.split("#")[0], location.href).pathname);
        found[query] = [...new Set(pages)].slice(0, 3);
    }
    worker.terminate();
    return found;
}"""


def test_one_letter_wrong_or_an_everyday_word_finds_the_page_and_no_right_query_gets_worse(page, base_url):
    page.goto(base_url)
    queries = [q for q, _ in QUERIES + MISSPELT + EVERYDAY]
    forgiving = page.evaluate(WORKER_RANKS, [queries, True])
    plain = page.evaluate(WORKER_RANKS, [queries, False])
    # The worker answers as the search box does (the box test above reads these pages too).
    assert forgiving["hernia"][0] == "/wandelen-per-klacht/" and plain["hernia"][0] == "/wandelen-per-klacht/"
    missed = [(q, e, forgiving[q]) for q, e in MISSPELT + EVERYDAY if "/" + e not in forgiving[q]]
    plain_found = sum("/" + e in plain[q] for q, e in MISSPELT)
    print(f"\nmisspelt: {len(MISSPELT) - len([m for m in missed if m[0] in dict(MISSPELT)])} of {len(MISSPELT)} "
          f"in the top three (Material alone: {plain_found}); everyday words: "
          f"{len(EVERYDAY) - len([m for m in missed if m[0] in dict(EVERYDAY)])} of {len(EVERYDAY)}")
    assert missed == [] and plain_found < len(MISSPELT) / 2
    worse = []
    for query, expected in QUERIES:
        before = plain[query].index("/" + expected) if "/" + expected in plain[query] else 3
        after = forgiving[query].index("/" + expected) if "/" + expected in forgiving[query] else 3
        if after > before:
            worse.append((query, plain[query], forgiving[query]))
    assert worse == []
    assert page.recorder.foreign(base_url) == [] and page.recorder.errors == []
