"""MkDocs hook: calculator blocks in Markdown become pre-rendered widgets.

Staff write, in any page:

    /// calculator | progression
    current_minutes: 10
    goal_minutes: 30
    ///

The options are YAML and set the defaults shown in the form. They are checked
with the calculator's own schema; any mistake stops the build with the file, the
line and what is allowed. The same Python then computes the plan for those
defaults, so the page shows a real result before (or without) Pyodide.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from dutch_dates import dutch_date  # hooks load with their folder on sys.path
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import calculators

ROOT = Path(__file__).resolve().parents[2]
OPEN = re.compile(r"^///(?P<rest>.*)$")
CALCULATOR = re.compile(r"^\s*calculator\s*\|\s*(?P<name>\S*)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
OPTION_KEY = re.compile(r"^([^\s:#][^:]*):")
SLOT = '<div class="wg-calc-slot" data-calculator-slot="{index}"></div>'
SLOT_HTML = re.compile(r'<div class="wg-calc-slot" data-calculator-slot="(\d+)"></div>')
OPTIONS_FIX = "write one 'option: value' per line, e.g. 'goal_minutes: 30'."


@dataclass
class Block:
    name: str
    values: dict
    anchor: str


@dataclass
class Source:
    """Where a page's Markdown came from, for error messages with real line numbers."""

    path: str
    offset: int  # lines of front matter, stripped before hooks see the Markdown

    def error(self, index: int, problem: str, fix: str) -> PluginError:
        line = index + 1 + self.offset
        return PluginError(f"{self.path}:{line}: calculator block: {problem}\n  Fix: {fix}")


_blocks: dict[str, list[Block]] = {}
_template = None
# Rendered widgets by (name, options, anchor): the same block renders the same HTML,
# so a site with many pages calculates and renders each distinct block once per build.
_rendered: dict[tuple[str, str, str, str], str] = {}


def _fields_help(name: str) -> str:
    return "; ".join(
        f"{f['name']} (default {f['default']})" if f["required"] else f"{f['name']} (optional)"
        for f in calculators.describe(name)["fields"]
    )


def _parse_options(src: Source, body: list[str], first: int) -> dict:
    # BaseLoader keeps every value a string: YAML 1.1 would read 07:30 as 450.
    try:
        options = yaml.load("\n".join(body), Loader=yaml.BaseLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise src.error(first + (mark.line if mark else 0), f"the options are not valid YAML ({problem})", OPTIONS_FIX) from None
    if options is None:
        return {}
    if not isinstance(options, dict):
        raise src.error(first, "the options must be 'option: value' lines", OPTIONS_FIX)
    return options


def _read_block(src: Source, lines: list[str], index: int) -> tuple[str, dict, int]:
    """Parse the block opening at lines[index]; return (name, values, index after it)."""
    rest = OPEN.match(lines[index])["rest"]
    match = CALCULATOR.match(rest)
    names = ", ".join(calculators.NAMES)
    if not match:
        raise src.error(index, f"unknown block '///{rest}'", f"start a calculator with '/// calculator | <name>', <name> one of: {names}.")
    name = match["name"]
    if name not in calculators.NAMES:
        raise src.error(index, f"unknown calculator '{name}'", f"use one of: {names}.")
    end = next((i for i in range(index + 1, len(lines)) if lines[i].strip() == "///"), None)
    if end is None:
        raise src.error(index, "the block is never closed", "end it with a line holding only '///'.")
    body = lines[index + 1 : end]
    options = _parse_options(src, body, index + 1)
    key_lines = {}
    for offset, text in enumerate(body):
        if found := OPTION_KEY.match(text):
            key_lines.setdefault(found[1].strip(), index + 1 + offset)
    values, errors = calculators.validate_options(name, options)
    if errors:
        field, message = errors[0]["field"], errors[0]["message"]
        line = key_lines.get(field, index)
        if field not in {f["name"] for f in calculators.describe(name)["fields"]}:
            raise src.error(line, f"unknown option '{field}' for calculator '{name}'", f"use only: {_fields_help(name)}.")
        raise src.error(line, f"option '{field}': {message}", "change the value, or remove the line to use the default.")
    return name, values, end + 1


def _lines_before(markdown: str, page) -> int:
    """Lines MkDocs stripped off the top (front matter and blank lines) before hooks run."""
    path = page.file.abs_src_path
    source = Path(path).read_text(encoding="utf-8-sig") if path else markdown
    return source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0


def _widget_template(config):
    """The theme's Jinja2 environment (so overrides/ applies), loaded once per build."""
    global _template
    if _template is None:
        env = config.theme.get_env()
        env.filters["dutch_date"] = dutch_date
        env.filters["decimal"] = lambda number: f"{number:.1f}".replace(".", ",")
        _template = env.get_template("calculators/widget.html")
    return _template


def on_pre_build(config):
    global _template
    _template = None  # templates may have changed under `mkdocs serve`
    _blocks.clear()
    _rendered.clear()


def on_page_markdown(markdown, page, config, files):
    src = Source(f"docs/{page.file.src_uri}", _lines_before(markdown, page))
    lines = markdown.split("\n")
    out: list[str] = []
    blocks: list[Block] = []
    in_fence = False
    i = 0
    while i < len(lines):
        if FENCE.match(lines[i]):
            in_fence = not in_fence
        if in_fence or not OPEN.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        name, values, i = _read_block(src, lines, i)
        count = sum(b.name == name for b in blocks)
        anchor = f"rekenhulp-{name}" + (f"-{count + 1}" if count else "")
        blocks.append(Block(name, values, anchor))
        out.extend(["", SLOT.format(index=len(blocks) - 1), ""])
    if blocks and not config.extra.get("pyodide_dir"):
        raise PluginError(
            f"{src.path} has calculator blocks, but build/pyodide/ is missing. "
            "Run 'make build': it compiles the calculators for Pyodide first."
        )
    _blocks[page.file.src_uri] = blocks
    page.meta["calculators"] = [b.name for b in blocks]
    return "\n".join(out)


def on_page_content(html, page, config, files):
    blocks = _blocks.get(page.file.src_uri)
    if not blocks:
        return html
    template = _widget_template(config)

    # "neem contact op" links to the contact details, relative to this page.
    help_url = get_relative_url("hulp-nodig/", page.url)

    def render(match: re.Match) -> str:
        block = blocks[int(match[1])]
        key = (block.name, json.dumps(block.values, sort_keys=True), block.anchor, help_url)
        if key not in _rendered:
            _rendered[key] = template.render(
                schema=calculators.describe(block.name),
                values=block.values,
                result=calculators.calculate(block.name, block.values),
                anchor=block.anchor,
                help_url=help_url,
            )
        return _rendered[key]

    return SLOT_HTML.sub(render, html)
