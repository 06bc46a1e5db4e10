"""Python-Markdown extension: calculator blocks become pre-rendered widgets.

Staff write, in any page (the name is one of calculators.BLOCKS, the options its fields):

    /// calculator | <naam>
    <instelling>: <waarde>
    ///

The options are YAML and set the defaults shown in the form. They are checked
with the calculator's own schema (calculators.validate_options); the same Python
then computes the plan for those defaults, so the page shows a real result before
(or without) Pyodide. Listed under `markdown_extensions` in mkdocs.yml, so any
generator that runs Python-Markdown extensions renders it; no MkDocs plugin needed
(the `record` option tells a generator's adapter which page has a calculator).

`parse_blocks` is shared with the content checks, which report every problem with
file and line before a build renders anything.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown import Extension
from markdown.preprocessors import Preprocessor

import calculators

from . import widgets
from .front_matter import FrontMatterRefused, RestrictedBaseLoader

EXTENSION_NAME = "wandelgids.calculator_block"  # as listed under markdown_extensions
OPEN = re.compile(r"^///(?P<rest>.*)$")
CALCULATOR = re.compile(r"^\s*calculator\s*\|\s*(?P<name>\S*)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
OPTION_KEY = re.compile(r"^([^\s:#][^:]{0,200}):")
OPTION_LINE = re.compile(r"^[ \t]*[^\s:#][^:]{0,200}:(?:[ \t]|$)")  # 'instelling: waarde' (or a nested line)
OPTIONS_FIX = "schrijf per regel één 'instelling: waarde', bijvoorbeeld 'goal_minutes: 30'."
VALUE_FIX = "pas de waarde aan, of haal de regel weg om de standaardwaarde te gebruiken."


def block_text(name: str, options: dict | None = None) -> str:
    """A block as staff write it (the web editor and the tools write it so too)."""
    return "\n".join([f"/// calculator | {name}", *(f"{key}: {value}" for key, value in (options or {}).items()), "///"])


def editor_pattern(name: str) -> str:
    """The block of calculator `name` as one regular expression for the web editor (Decap:
    anchored at the block's start, no flags; group 1 holds the option lines). It accepts
    what OPEN, CALCULATOR and the closing line accept, in syntax that JavaScript and Python
    read alike (tests/test_markdown_extension.py compares it with parse_blocks)."""
    space = r"[^\S\n]*"  # white space within the line
    return (rf"^///{space}calculator{space}\|{space}{re.escape(name)}{space}\n"
            rf"((?:[^\n]*\n)*?){space}///{space}(?=\n|$)")


@dataclass
class Block:
    name: str
    values: dict
    start: int  # index of the opening line
    end: int  # index just after the closing line


@dataclass
class Problem:
    line: int  # index into the lines given to parse_blocks
    message: str  # Dutch, what is wrong
    fix: str  # Dutch, how to fix it


def sentence(text: str) -> str:
    """The text ending in one full stop (the calculators' messages often end in one already)."""
    return text if text.endswith((".", "?", "!")) else text + "."


class CalculatorBlockError(ValueError):
    """A calculator block that cannot be rendered; the message is Dutch."""


def calculator_names() -> str:
    """The calculators staff can place (the calendar is an action of the planners, not a block)."""
    return ", ".join(f"{name} ({calculators.describe(name)['title']})" for name in calculators.BLOCKS)


def fields_help(name: str) -> str:
    return "; ".join(
        f"{f['name']} ({f['label']}, standaard {f['default']})" if f["required"] else f"{f['name']} ({f['label']}, optioneel)"
        for f in calculators.describe(name)["fields"]
    )


def _options(body: list[str], first: int) -> tuple[dict | None, list[Problem]]:
    """The block's options, and the problems with its lines (a line without a colon does not hide the next one)."""
    problems: list[Problem] = []
    readable: list[str] = []
    for offset, text in enumerate(body):
        stripped = text.strip()
        if stripped and not stripped.startswith("#") and not OPTION_LINE.match(text):
            shown = stripped if len(stripped) <= 40 else stripped[:39] + "…"
            problems.append(Problem(first + offset, f"de regel '{shown}' is geen 'instelling: waarde' (de dubbele punt ontbreekt)", OPTIONS_FIX))
            readable.append("")  # keeps the line numbers of the lines after it
        else:
            readable.append(text)
    # Every value stays a string: YAML 1.1 would read 07:30 as 450.
    try:
        options = yaml.load("\n".join(readable), Loader=RestrictedBaseLoader)  # noqa: S506 - a safe, restricted loader
    except FrontMatterRefused as refused:
        return None, [*problems, Problem(first + min(refused.line, max(len(body) - 1, 0)), f"instellingen: {refused.problem}", refused.fix)]
    except yaml.MarkedYAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = min(mark.line, max(len(body) - 1, 0)) if mark else 0  # the parser may point just past the last line
        return None, [*problems, Problem(first + line, "de instellingen zijn op deze regel niet te lezen", OPTIONS_FIX
                                         + " Zet een waarde met een dubbele punt of # erin tussen aanhalingstekens; gebruik spaties, geen tabs.")]
    except Exception:  # noqa: BLE001 - any other parser failure: a Dutch message, never a traceback
        return None, [*problems, Problem(first, "de instellingen zijn niet te lezen", OPTIONS_FIX)]
    if options is None:
        return {}, problems
    if not isinstance(options, dict):
        return None, [*problems, Problem(first, "de instellingen moeten regels 'instelling: waarde' zijn", OPTIONS_FIX)]
    return options, problems


def _read_block(lines: list[str], index: int) -> tuple[Block | None, list[Problem], int]:
    """Parse the block opening at lines[index]: (block or None, problems, index after it)."""
    rest = OPEN.match(lines[index])["rest"]
    match = CALCULATOR.match(rest)
    end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() == "///"), None)
    if not match:
        fix = f"begin een rekenhulp met '/// calculator | naam', met als naam een van: {calculator_names()}."
        # Skip the block's own closing line, if it has one, so it is not reported again.
        after = end + 1 if end is not None and rest.strip() else index + 1
        return None, [Problem(index, f"onbekend blok '///{rest}'", fix)], after
    if end is None:
        return None, [Problem(index, "het rekenhulpblok wordt niet afgesloten", "sluit het af met een regel met alleen '///'.")], len(lines)
    # The same block is read once per build: the content checks read it first, the
    # Markdown extension then gets the result from here.
    block, problems = _read_closed(tuple(lines[index : end + 1]))
    moved = [Problem(p.line + index, p.message, p.fix) for p in problems]
    return (Block(block.name, dict(block.values), index, end + 1) if block else None), moved, end + 1


@functools.lru_cache(maxsize=2048)
def _read_closed(lines: tuple[str, ...]) -> tuple[Block | None, tuple[Problem, ...]]:
    """A closed calculator block (its lines, opening to closing), line numbers from 0."""
    index, end = 0, len(lines) - 1
    name = CALCULATOR.match(OPEN.match(lines[0])["rest"])["name"]
    if name in calculators.NAMES and name not in calculators.BLOCKS:
        problem = f"'{name}' is geen rekenhulp voor op een pagina: het is een knop van een andere rekenhulp"
        return None, (Problem(index, problem, f"kies een van: {calculator_names()}."),)
    if name not in calculators.BLOCKS:
        return None, (Problem(index, f"onbekende rekenhulp '{name}'", f"kies een van: {calculator_names()}."),)
    body = lines[index + 1 : end]
    options, problems = _options(body, index + 1)
    if options is None:
        return None, tuple(problems)
    key_lines: dict[str, int] = {}
    for offset, text in enumerate(body):
        if found := OPTION_KEY.match(text):
            key_lines.setdefault(found[1].strip(), index + 1 + offset)
    from_browser = [f["name"] for f in calculators.describe(name)["fields"] if f["from_browser"] and f["name"] in options]
    if from_browser:
        problem = f"instelling '{from_browser[0]}' vult de browser zelf in"
        return None, (*problems, Problem(key_lines.get(from_browser[0], index), problem, "haal de regel weg."),)
    values, errors = calculators.validate_options(name, options)
    known = {f["name"] for f in calculators.describe(name)["fields"]}
    for error in errors:
        field = error["field"]
        line = key_lines.get(field, index)
        if field is not None and field not in known:
            problems.append(Problem(line, f"onbekende instelling '{field}' voor rekenhulp '{name}'", f"gebruik alleen: {fields_help(name)}."))
        elif field is None:
            problems.append(Problem(index, error["message"], VALUE_FIX))
        else:
            problems.append(Problem(line, f"instelling '{field}': {error['message']}", VALUE_FIX))
    if problems:
        return None, tuple(problems)
    return Block(name, values, 0, len(lines)), ()


def parse_blocks(lines: list[str]) -> tuple[list[Block], list[Problem]]:
    """Every calculator block in a page's Markdown lines, and every problem with them.

    Lines inside ``` or ~~~ code fences are left alone (that is how the staff guide
    shows the syntax).
    """
    blocks: list[Block] = []
    problems: list[Problem] = []
    in_fence = False
    i = 0
    while i < len(lines):
        if FENCE.match(lines[i]):
            in_fence = not in_fence
        if in_fence or not OPEN.match(lines[i]):
            i += 1
            continue
        block, found, i = _read_block(lines, i)
        problems += found
        if block:
            blocks.append(block)
    return blocks, problems


def anchors(blocks: list[Block]) -> list[str]:
    """Each widget's id: rekenhulp-<naam>, rekenhulp-<naam>-2, ..."""
    seen: dict[str, int] = {}
    result = []
    for block in blocks:
        seen[block.name] = seen.get(block.name, 0) + 1
        count = seen[block.name]
        result.append(f"rekenhulp-{block.name}" + (f"-{count}" if count > 1 else ""))
    return result


class CalculatorBlockPreprocessor(Preprocessor):
    def __init__(self, md, templates: Path, record):
        super().__init__(md)
        self.templates = templates
        self.record = record

    def run(self, lines: list[str]) -> list[str]:
        blocks, problems = parse_blocks(lines)
        if problems:
            # Line numbers count from the start of the Markdown this converter was given
            # (after any front matter the generator removed); the content checks, run by
            # the build first, give the file and its own line numbers.
            raise CalculatorBlockError(
                "\n".join(f"Rekenhulpblok, regel {p.line + 1} van de tekst (na de front matter): {sentence(p.message)} Oplossing: {p.fix}"
                          for p in problems)
            )
        self.record([block.name for block in blocks])
        out: list[str] = []
        position = 0
        for block, anchor in zip(blocks, anchors(blocks)):
            out += lines[position : block.start]
            html = widgets.render_widget(block.name, block.values, anchor, self.templates)
            out += ["", self.md.htmlStash.store(html), ""]
            position = block.end
        return out + lines[position:]


def _record_nothing(names: list[str]) -> None:
    """The default `record`: nobody asked."""


class CalculatorBlockExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "templates": [str(widgets.TEMPLATES), "Folder holding calculators/widget.html and its includes."],
            # A generator's adapter learns here which page carries a calculator (the names
            # of the blocks in each converted text), rather than searching the HTML.
            "record": [_record_nothing, "Called with the calculator names of each converted text."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        processor = CalculatorBlockPreprocessor(md, Path(self.getConfig("templates")), self.getConfig("record"))
        # After whitespace normalising (30), before fenced code (25) and raw HTML (20).
        md.preprocessors.register(processor, "wandelgids_calculator_block", 27)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return CalculatorBlockExtension(**kwargs)
