"""The browser code as small ES modules around one shared protocol (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import calculators

ROOT = Path(__file__).resolve().parents[1]
JS = ROOT / "overrides" / "assets" / "javascripts"
ENTRY = JS / "calculators.js"
WORKER = JS / "calculator-worker.js"
# The bridge's modules: the shared protocol and everything under calculators/ (other
# scripts in this folder, such as a service worker, are not the bridge's).
MODULES = sorted([JS / "protocol.js", *(JS / "calculators").rglob("*.js")])
IMPORT = re.compile(r'^import (?:[^"]* from )?"(\.[^"]+)";', re.M)


def imports(path: Path) -> set[Path]:
    return {(path.parent / target).resolve() for target in IMPORT.findall(path.read_text(encoding="utf-8"))}


def test_no_module_is_large():
    for path in JS.rglob("*.js"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 250, path


def test_every_module_is_reached_from_the_entry_and_preloaded(site):
    reached, todo = set(), [ENTRY.resolve()]
    while todo:
        for target in imports(todo.pop()) - reached:
            assert target.is_file(), target
            reached.add(target)
            todo.append(target)
    assert reached == {p.resolve() for p in MODULES}
    page = (site / "opbouwen" / "index.html").read_text(encoding="utf-8")
    preloaded = set(re.findall(r'rel="modulepreload" href="\.\./assets/javascripts/([^"]+)"', page))
    assert preloaded == {p.relative_to(JS).as_posix() for p in MODULES}


def test_message_types_are_named_only_in_the_protocol():
    protocol = (JS / "protocol.js").read_text(encoding="utf-8")
    types = re.findall(r'^\s+[A-Z]+: "([a-z]+)",$', protocol, re.M)
    assert {"calculate", "ready", "failed", "broken", "result", "stage"} <= set(types)
    for path in (WORKER, JS / "calculators" / "client.js"):
        text = path.read_text(encoding="utf-8")
        assert (JS / "protocol.js").resolve() in imports(path)
        for name in types:
            # As a message's type or compared with one (the "result" key of an answer is fine).
            assert not re.search(rf'(type\W{{1,3}}|===\s*|stage:\s*)"{name}"', text), (path.name, name)


def test_the_worker_finds_the_protocol_beside_it(site):
    folder = next((site / "assets" / "pyodide").iterdir())
    source = (JS / "protocol.js").read_bytes()
    assert (folder / "protocol.js").read_bytes() == source
    assert (site / "assets" / "javascripts" / "protocol.js").read_bytes() == source
    for module in MODULES:
        built = site / "assets" / "javascripts" / module.relative_to(JS)
        assert built.with_name(built.name + ".br").is_file() and built.with_name(built.name + ".gz").is_file()


def test_no_calculator_is_named_in_the_browser_code():
    for path in JS.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        for name in calculators.BLOCKS:
            assert not re.search(rf"\b{name}\b", text), (path.name, name)
