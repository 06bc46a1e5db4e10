"""The MkDocs plugin is the one adapter: the content features and the browser wheel stay free of it."""

from __future__ import annotations

import ast
import sys
import zipfile
from importlib.metadata import entry_points
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import build_pyodide  # noqa: E402
PLUGIN = ROOT / "wandelgids" / "mkdocs_plugin.py"


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module.split(".")[0])
    return modules


def test_the_plugin_is_registered_and_listed():
    plugin = entry_points(group="mkdocs.plugins")["wandelgids"]
    assert plugin.value == "wandelgids.mkdocs_plugin:WandelgidsPlugin"
    config = (ROOT / "mkdocs.yml").read_text()
    assert "\n  - wandelgids\n" in config
    assert "\nhooks:" not in config and not (ROOT / "scripts" / "hooks").exists()


def test_only_the_plugin_imports_mkdocs():
    """So that a generator running Python-Markdown extensions (Zensical) runs the features."""
    for path in sorted((ROOT / "wandelgids").glob("*.py")) + sorted((ROOT / "calculators").rglob("*.py")):
        if path != PLUGIN:
            assert "mkdocs" not in imported_modules(path), path


def test_the_plugin_keeps_no_module_state():
    """State lives on the instance (mkdocs serve reuses it build after build), not in module globals or config.extra."""
    source = PLUGIN.read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            assert not isinstance(node.value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp)), ast.unparse(node)
    assert not any(isinstance(node, ast.Global) for node in ast.walk(tree))
    assert "config.extra[\"contact\"]" in source  # the one write: the clinic's own settings, normalised
    assert source.count("config.extra[") == source.count("config.extra[\"contact\"]")


def test_the_browser_wheel_holds_the_calculators_alone():
    wheel = next((ROOT / "build" / "pyodide" / build_pyodide.pyodide_version()).glob("*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"calculators"}
    with zipfile.ZipFile(wheel) as archive:
        assert not [name for name in archive.namelist() if name.endswith("entry_points.txt")]
