"""Cut Python's standard library down to the modules the calculators really use.

Pyodide ships the whole standard library as one zip (4 MB byte-compiled, deflated so
brotli cannot shrink it). The calculator pages need about a quarter of its modules.
`trace()` runs Pyodide's start-up, the package load and every calculator path under
Pyodide itself (Node runs the npm package) and lists the modules that came from the
zip; `write_zip()` writes a small zip with only those, stored uncompressed so that
brotli compresses it on the wire; `check()` stops the build if any module that
calculators/ imports is missing from it.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import marshal
import subprocess
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRACE_SCRIPT = HERE / "stdlib_trace.mjs"
TRACE_DRIVER = HERE / "stdlib_trace_driver.py"
# A fixed date: the same modules give the same zip, byte for byte.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class StdlibCutError(Exception):
    """The cut standard library would break a calculator."""


def import_statements(package: Path) -> list[dict]:
    """Every absolute import in the package's sources, function-level ones included."""
    own = package.name
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            if all(name.split(".")[0] in {own, "__future__"} for name in names):
                continue
            found.append({
                "where": f"{package.name}/{path.relative_to(package).as_posix()}:{node.lineno}",
                "code": ast.unparse(node),
                "modules": names,
            })  # fmt: skip
    return found


def trace(runtime: Path, package: Path, stdlib: str = "python_stdlib.zip") -> dict:
    """Run everything under Pyodide in Node (runtime: a folder with Pyodide's files,
    the stdlib zip and a lock file that lists the calculators wheel)."""
    imports = import_statements(package)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"imports": imports}, handle)
    try:
        done = subprocess.run(
            ["node", str(TRACE_SCRIPT), str(runtime), str(TRACE_DRIVER), handle.name, stdlib],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    except subprocess.CalledProcessError as error:
        raise StdlibCutError(f"Pyodide in Node failed while tracing the calculators:\n{error.stderr[-3000:]}") from None
    finally:
        Path(handle.name).unlink()
    result = json.loads(done.stdout)
    if result["import_errors"]:
        lines = [f"{e['where']}: '{e['code']}' fails in Pyodide ({e['error']})" for e in result["import_errors"]]
        raise StdlibCutError("Imports that Pyodide cannot satisfy:\n  " + "\n  ".join(lines))
    result["imports"] = imports
    return result


def used_entries(traced: dict) -> list[str]:
    """The stdlib zip's source entries (e.g. 'json/decoder.py') of every traced module."""
    prefix = traced["stdlib_zip"].rstrip("/") + "/"
    entries = set()
    for origin in traced["modules"].values():
        if origin and origin.startswith(prefix):
            entries.add(origin[len(prefix):].removesuffix("c"))  # .pyc -> .py
    return sorted(entries)


def _pyc(source: bytes, entry: str, optimize: int) -> bytes:
    code = compile(source, entry, "exec", dont_inherit=True, optimize=optimize)
    # An unchecked hash-based pyc: valid without its source, and the same bytes every build.
    flags = (0b01).to_bytes(4, "little")
    return importlib.util.MAGIC_NUMBER + flags + importlib.util.source_hash(source) + marshal.dumps(code)


def write_zip(source_zip: Path, entries: list[str], out: Path, compiled: bool, optimize: int) -> None:
    """A zip of `entries` from Pyodide's (source) stdlib zip, as sources or bytecode."""
    folders = sorted({"/".join(entry.split("/")[:i]) + "/" for entry in entries for i in range(1, entry.count("/") + 1)})
    with zipfile.ZipFile(source_zip) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for folder in folders:
            target.writestr(zipfile.ZipInfo(folder, ZIP_DATE), b"")
        for entry in entries:
            data = source.read(entry)
            if compiled:
                entry, data = entry + "c", _pyc(data, entry, optimize)
            target.writestr(zipfile.ZipInfo(entry, ZIP_DATE), data)


def check(traced: dict, cut_zip: Path) -> None:
    """Every module that calculators/ imports is built in, frozen or in the cut zip."""
    with zipfile.ZipFile(cut_zip) as cut:
        names = set(cut.namelist())
    prefix = traced["stdlib_zip"].rstrip("/") + "/"
    missing = []
    for statement in traced["imports"]:
        for module in statement["modules"]:
            parts = module.split(".")
            for depth in range(1, len(parts) + 1):
                name = ".".join(parts[:depth])
                origin = traced["modules"].get(name, "")
                if not (origin or "").startswith(prefix):
                    continue  # built in, frozen, or outside the standard library zip
                entry = origin.removeprefix(prefix).removesuffix("c")
                if not {entry, entry + "c"} & names:
                    missing.append(f"{statement['where']}: '{statement['code']}' needs module '{name}' ({origin})")
    if missing:
        raise StdlibCutError(
            "The cut standard library lacks modules that the calculators import:\n  " + "\n  ".join(missing)
            + "\nFix: check scripts/stdlib_trace_driver.py runs this code path, then rebuild (make build)."
        )


def trim_lock(lock: Path, keep: str) -> None:
    """Only the lock entries the page loads: `keep` and what it depends on."""
    data = json.loads(lock.read_text())
    packages, wanted, todo = data["packages"], set(), [keep]
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(packages[name].get("depends", []))
    data["packages"] = {name: packages[name] for name in sorted(wanted)}
    lock.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True))
