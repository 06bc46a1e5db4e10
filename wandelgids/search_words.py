"""Search words: patients' own words added to the site's search index at build time.

Patients search in other words than the article uses: a singular where the text has
a plural inside a compound ("tussenwervelschijf"), a separable verb ("zakt door" for
"doorzakmoment"), a lay word ("slijtage" for "artrose"). Two lists that staff keep
fill that gap, and neither is shown as page text:

- `zoekwoorden` in a page's front matter: words that must find that page;
- the site-wide synonyms file (`zoekwoorden.yml`): per word of the article, the words
  patients use for it. Every part of a page (the page or a section) whose text holds
  the article's word is also found with the patients' words.

Both go into an extra field of Material for MkDocs' search index
(`search/search_index.json`), which its search worker indexes with the same Dutch
stemming as the text. Plain Python, no MkDocs: the MkDocs plugin only
hands over the pages' front matter and the index file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from .front_matter import FrontMatterRefused, RestrictedLoader, read_pages

FRONT_MATTER_KEY = "zoekwoorden"
SYNONYMS_FILE = "zoekwoorden.yml"
# The index field, and its weight: a staff search word counts as much as a word in a title.
FIELD = "keywords"
BOOST = 1000.0
# The glossary's explanations (wandelgids.glossary) of the words a part holds: found by
# what a word means, weighed like the page's own text.
EXPLANATION_FIELD = "uitleg"
EXPLANATION_BOOST = 0.1
MAX_WORD = 60


def _word_problems(words: object, where: str) -> list[str]:
    if not isinstance(words, list) or not words:
        return [f"{where}: schrijf een lijst van woorden, bijvoorbeeld [slijtage, versleten rug]."]
    problems = []
    for word in words:
        if not isinstance(word, str) or not word.strip():
            problems.append(f"{where}: '{word}' is geen woord; schrijf alleen woorden tussen de komma's.")
        elif len(word) > MAX_WORD:
            problems.append(f"{where}: '{word[:30]}...' is te lang; houd een zoekwoord korter dan {MAX_WORD} tekens.")
    seen = [w.strip().lower() for w in words if isinstance(w, str)]
    for word in sorted({w for w in seen if seen.count(w) > 1}):
        problems.append(f"{where}: '{word}' staat er twee keer in; één keer is genoeg.")
    return problems


def check_page_words(meta: dict) -> list[str]:
    """Dutch problems with a page's `zoekwoorden` (none when the page has none)."""
    if FRONT_MATTER_KEY not in meta:
        return []
    return _word_problems(meta[FRONT_MATTER_KEY], FRONT_MATTER_KEY)


def parse_synonyms(text: str) -> tuple[dict[str, list[str]], list[str]]:
    """The synonyms file's {article word: [patients' words]} and its Dutch problems."""
    try:
        data = yaml.load(text, Loader=RestrictedLoader)  # noqa: S506 - safe, no tags or aliases
    except FrontMatterRefused as refused:
        return {}, [f"{SYNONYMS_FILE}, regel {refused.line + 1}: {refused.problem}; {refused.fix}"]
    except Exception as error:  # noqa: BLE001 - any parser failure: a Dutch message, never a traceback
        mark = getattr(error, "problem_mark", None)
        where = f", regel {mark.line + 1}" if mark else ""
        return {}, [f"{SYNONYMS_FILE}{where}: niet te lezen; schrijf per regel 'woord: [woord, woord]', met spaties en zonder tabs."]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [f"{SYNONYMS_FILE}: schrijf per regel 'woord uit de tekst: [woorden van patiënten]'."]
    synonyms: dict[str, list[str]] = {}
    problems: list[str] = []
    for term, words in data.items():
        where = f"{SYNONYMS_FILE}, '{term}'"
        if not isinstance(term, str) or not term.strip():
            problems.append(f"{SYNONYMS_FILE}: '{term}' is geen woord uit de tekst.")
            continue
        found = _word_problems(words, where)
        problems += found
        if not found:
            synonyms[term.strip()] = [w.strip() for w in words]
    return synonyms, problems


def load_synonyms(path: Path) -> tuple[dict[str, list[str]], list[str]]:
    if not path.exists():
        return {}, []
    return parse_synonyms(path.read_text(encoding="utf-8"))


def _pattern(term: str) -> re.Pattern:
    # At the start of a word, also inside a compound's first part:
    # "ademhaling" is in "ademhalingstraining", "spierspanning" in "spierspanningsklachten".
    return re.compile(r"(?<!\w)" + re.escape(term.lower()))


def unused_terms(synonyms: dict[str, list[str]], texts: list[str]) -> list[str]:
    """Article words of the synonyms file that occur in none of the texts."""
    lowered = [text.lower() for text in texts]
    return [term for term in synonyms if not any(_pattern(term).search(text) for text in lowered)]


def words_for(text: str, synonyms: dict[str, list[str]]) -> list[str]:
    """The patients' words for every article word in text."""
    lowered = text.lower()
    found: list[str] = []
    for term, words in synonyms.items():
        if _pattern(term).search(lowered):
            found += words
    return found


def _unique(words: list[str]) -> list[str]:
    seen: set[str] = set()
    return [w for w in words if not (w.lower() in seen or seen.add(w.lower()))]


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text[: match.start()].count("\n") + 1 if match else 1


def check_sources(docs_dir: Path, synonyms_path: Path) -> list[tuple[str, int, str]]:
    """Every search-word problem in the Markdown sources and the synonyms file, as
    (file, line, Dutch problem), for the content checks (no build needed)."""
    found: list[tuple[str, int, str]] = []
    bodies: list[str] = []
    all_read = True
    # read_pages never raises: unreadable files and front matter are the front matter check's to report.
    for page in read_pages(docs_dir):
        where = f"{docs_dir.name}/{page.uri}"
        all_read = all_read and page.readable
        bodies.append(page.body if page.has_front_matter else page.text)
        for problem in check_page_words(page.meta):
            found.append((where, page.key_lines.get(FRONT_MATTER_KEY, 1), problem))
    if synonyms_path.exists():
        source = synonyms_path.read_text(encoding="utf-8")
        synonyms, problems = parse_synonyms(source)
        found += [(synonyms_path.name, 1, problem) for problem in problems]
        # While a page cannot be read its words are unknown: "on no page" would tell staff to delete
        # good search words. The unreadable page is the front matter check's error; this comes after.
        for term in unused_terms(synonyms, bodies) if all_read else []:
            found.append((synonyms_path.name, _line_of(source, term), f"'{term}' staat op geen enkele pagina; controleer de spelling of haal het weg."))
    return found


def glossary_words(entries) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The glossary as synonyms ({form: everyday words}) and explanations ({form: text})."""
    synonyms = {form.lower(): entry.search_words for entry in entries for form in entry.forms if entry.search_words}
    explanations = {form.lower(): entry.explanation for entry in entries for form in entry.forms}
    return synonyms, explanations


def augment(index: dict, page_words: dict[str, list[str]], synonyms: dict[str, list[str]],
            explanations: dict[str, str] | None = None) -> dict:
    """Add the search words to an index of Material's search plugin ({config, docs}).

    page_words maps a page's location in the index (e.g. 'dagschema/', '' for the home
    page) to its `zoekwoorden`; they go with the page's own entry, the synonyms with
    every entry (page or section) whose title or text holds the article's word.
    """
    index["config"].setdefault("fields", {})[FIELD] = {"boost": BOOST}
    for doc in index["docs"]:
        location = doc["location"]
        words = [] if "#" in location else list(page_words.get(location) or [])
        words += words_for(f"{doc.get('title', '')} {doc.get('text', '')}", synonyms)
        if words:
            doc[FIELD] = _unique(words)
        meant = _unique(words_for(f"{doc.get('title', '')} {doc.get('text', '')}", {k: [v] for k, v in (explanations or {}).items()}))
        if meant:
            doc[EXPLANATION_FIELD] = " ".join(meant)
    if explanations:
        index["config"]["fields"][EXPLANATION_FIELD] = {"boost": EXPLANATION_BOOST}
    return index


def augment_file(path: Path, page_words: dict[str, list[str]], synonyms: dict[str, list[str]],
                 explanations: dict[str, str] | None = None) -> None:
    index = json.loads(path.read_text(encoding="utf-8"))
    index = augment(index, page_words, synonyms, explanations)
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
