"""Compile the calculators for Pyodide: wheel, lock file entry, bytecode, and a
standard library cut to the modules they use.

Writes build/pyodide/<version>/ with only the files the pages load: Pyodide's runtime,
the calculators wheel, a lock file with only that wheel's entry,
python_stdlib_used.zip (see stdlib_cut.py) and python-snapshot.bin, the memory snapshot
that return visits restore instead of starting Python (see write_snapshot). The step is
skipped when nothing it depends on has changed.

Usage: python scripts/build_pyodide.py [--stdlib compiled|source] [--optimize 0|1|2] [--force]

The defaults are what `make bench` measured best (see DEFAULT_* below).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

import snapshot_format
import stdlib_cut

from wandelgids.load_status import SNAPSHOT

ROOT = Path(__file__).resolve().parent.parent
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
OUT_ROOT = ROOT / "build" / "pyodide"
# The files loadPyodide() fetches; the npm package's consoles, maps and types stay out.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "pyodide-lock.json")
FULL_STDLIB = "python_stdlib.zip"
CUT_STDLIB = "python_stdlib_used.zip"
TRACE_FILE = ".stdlib-trace.json"
PACKAGE = "wandelgids-calculators"
DEFAULT_STDLIB = "compiled"
DEFAULT_OPTIMIZE = 2
# The wheel's build backend and its dependencies, pinned by hash (a reproducible wheel).
BUILD_CONSTRAINTS = ROOT / "scripts" / "build-constraints.txt"
SNAPSHOT_SCRIPT = ROOT / "scripts" / "pyodide_snapshot.mjs"


def pyodide_version() -> str:
    return json.loads((NPM_PYODIDE / "package.json").read_text())["version"]


def fingerprint(compile_stdlib: bool, optimize: int) -> str:
    digest = hashlib.sha256()
    sources = sorted((ROOT / "calculators").rglob("*.py")) + [ROOT / "pyproject.toml", Path(__file__)]
    sources += [Path(stdlib_cut.__file__), stdlib_cut.TRACE_SCRIPT, stdlib_cut.TRACE_DRIVER, BUILD_CONSTRAINTS, SNAPSHOT_SCRIPT,
                Path(snapshot_format.__file__)]
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(pyodide_version().encode())
    digest.update(f"stdlib compiled={compile_stdlib} optimize={optimize}".encode())
    return digest.hexdigest()


def calculators_project(folder: Path) -> Path:
    """A project of the calculators alone, for the wheel Pyodide loads.

    The repository's own project also packages the content features and the serving
    tools (and the MkDocs plugin entry point); none of them belongs in the browser.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    shutil.copytree(ROOT / "calculators", folder / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "pyproject.toml").write_text(
        f"""[project]
name = {json.dumps(project["name"])}
version = {json.dumps(project["version"])}
description = {json.dumps(project["description"])}
requires-python = {json.dumps(project["requires-python"])}
dependencies = []

[build-system]
requires = [{json.dumps(pinned_backend())}]
build-backend = "hatchling.build"

[tool.hatch.build.targets.wheel]
packages = ["calculators"]
"""
    )
    return folder


def pinned_backend() -> str:
    """The `hatchling==X` line of the build constraints: the wheel asks for exactly that backend."""
    for line in BUILD_CONSTRAINTS.read_text().splitlines():
        if line.startswith("hatchling=="):
            return line.split()[0]
    raise SystemExit(f"{BUILD_CONSTRAINTS}: no 'hatchling==' line; regenerate it (see the file's header)")


def run(*args: str | Path) -> None:
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def fixed_dates(wheel: Path, lock: Path) -> None:
    """py-compile writes the wheel's entries, and each .pyc's source time, with the time of
    the build; fixed, the same sources give the same wheel, hence the same folder name and
    snapshot, and a build that changes no calculator leaves the browsers' cached Pyodide
    folder valid. The source time of a .pyc without its source is never compared (Python's
    sourceless loader checks only the magic number). The lock file's SHA-256 follows."""
    with zipfile.ZipFile(wheel) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(wheel, "w") as target:
        for info, data in entries:
            if info.filename.endswith(".pyc") and data[4:8] == bytes(4):  # a timestamp-based pyc
                data = data[:8] + bytes(4) + data[12:]
            fixed = zipfile.ZipInfo(info.filename, stdlib_cut.ZIP_DATE)
            # Stored, not deflated: the server's brotli copy then compresses the wheel as a whole,
            # across its files (about 20 KB less on the wire before a first visit is live).
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_STORED, info.external_attr
            target.writestr(fixed, data)
    data = json.loads(lock.read_text())
    for package in data["packages"].values():
        if package.get("file_name") == wheel.name:
            package["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    lock.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True))


def write_snapshot(folder: Path, modules: list[str]) -> Path:
    """Pyodide started in Node from `folder` (the final lock, wheel and cut stdlib), every
    traced module imported, its memory saved (scripts/pyodide_snapshot.mjs) in our file
    (scripts/snapshot_format.py: a header, and the memory without its pages of zeros).
    The same folder gives the same bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        names, raw = Path(tmp) / "modules.json", Path(tmp) / "snapshot.raw"
        names.write_text(json.dumps(sorted(modules)))
        done = subprocess.run(["node", str(SNAPSHOT_SCRIPT), str(folder), str(names), str(raw)],
                              cwd=ROOT, capture_output=True, text=True)  # fmt: skip
        if done.returncode != 0:
            raise stdlib_cut.StdlibCutError(f"Pyodide in Node could not make the memory snapshot:\n{done.stderr[-3000:]}")
        payload = raw.read_bytes()
    out = folder / SNAPSHOT
    out.write_bytes(snapshot_format.write(payload, (folder / "pyodide-lock.json").read_bytes()))
    return out


def build(
    compile_stdlib: bool = DEFAULT_STDLIB == "compiled",
    force: bool = False,
    out_root: Path = OUT_ROOT,
    optimize: int = DEFAULT_OPTIMIZE,
) -> Path:
    version = pyodide_version()
    out = out_root / version
    stamp = out / ".fingerprint"
    wanted = fingerprint(compile_stdlib, optimize)
    if not force and stamp.is_file() and stamp.read_text() == wanted:
        print(f"build_pyodide: {out} is up to date")
        return out

    out_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_root))
    try:
        for name in (*RUNTIME_FILES, FULL_STDLIB):
            shutil.copy2(NPM_PYODIDE / name, staging / name)
        bin_dir = Path(sys.executable).parent
        with tempfile.TemporaryDirectory() as source:
            run(bin_dir / "uv", "build", "--wheel", "--out-dir", staging, "--quiet",
                "--build-constraints", BUILD_CONSTRAINTS, "--require-hashes", calculators_project(Path(source)))
        wheels = sorted(staging.glob("*.whl"))
        lock = staging / "pyodide-lock.json"
        run(bin_dir / "pyodide", "lockfile", "add-wheels", "--input", lock, "--output", lock, "--base-path", staging, *wheels)
        # Run everything under Pyodide with the full (source) stdlib, then keep what ran.
        traced = stdlib_cut.trace(staging, ROOT / "calculators")
        cut = staging / CUT_STDLIB
        stdlib_cut.write_zip(staging / FULL_STDLIB, stdlib_cut.used_entries(traced), cut, compile_stdlib, optimize)
        stdlib_cut.check(traced, cut)
        (staging / TRACE_FILE).write_text(json.dumps(traced, indent=1, sort_keys=True))  # for tests; not served
        (staging / FULL_STDLIB).unlink()
        run(bin_dir / "pyodide", "py-compile", "--silent", "--exclude", CUT_STDLIB, staging)
        for wheel in staging.glob("*.whl"):
            fixed_dates(wheel, lock)
        stdlib_cut.trim_lock(lock, PACKAGE)
        write_snapshot(staging, list(traced["modules"]))
        (staging / ".gitignore").unlink(missing_ok=True)  # written by uv build
        staging.chmod(0o755)
        stamp_file = staging / ".fingerprint"
        stamp_file.write_text(wanted)
        if out.exists():
            shutil.rmtree(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"build_pyodide: wrote {out}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stdlib", choices=("compiled", "source"), default=DEFAULT_STDLIB,
                        help=f"ship the cut stdlib as bytecode or as sources (default {DEFAULT_STDLIB})")
    parser.add_argument("--optimize", type=int, choices=(0, 1, 2), default=DEFAULT_OPTIMIZE,
                        help=f"bytecode optimisation level; 2 drops docstrings (default {DEFAULT_OPTIMIZE})")
    parser.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    args = parser.parse_args()
    try:
        build(args.stdlib == "compiled", args.force, optimize=args.optimize)
    except stdlib_cut.StdlibCutError as error:
        sys.exit(f"build_pyodide: {error}")


if __name__ == "__main__":
    main()
