"""MkDocs hook: serve the compiled Pyodide runtime, the calculators wheel and the worker.

A thin adapter for what only MkDocs offers (adding files to the build). The files
go to assets/pyodide/<content hash>/, so their URLs change whenever any of them
changes and a CDN or browser may cache them as immutable. The worker goes there
too (the theme would copy it to assets/javascripts/): its static imports of
./pyodide.mjs and ./protocol.js then name that hashed folder, and it is cached like
the rest. protocol.js stays in assets/javascripts/ as well, for the page's bridge.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_BUILD = ROOT / "build" / "pyodide"
JAVASCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
WORKER = JAVASCRIPTS / "calculator-worker.js"
WORKER_THEME_URI = "assets/javascripts/calculator-worker.js"
# What the worker imports besides Pyodide: copied beside it, part of the folder's hash.
PROTOCOL = JAVASCRIPTS / "protocol.js"


def runtime_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def content_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def on_config(config):
    builds = sorted(p for p in PYODIDE_BUILD.glob("*/") if (p / "pyodide-lock.json").is_file())
    config.extra["pyodide_dir"] = None
    config.extra["pyodide_files"] = []
    if builds:
        files = [*runtime_files(builds[-1]), WORKER, PROTOCOL]
        config.extra["pyodide_dir"] = f"assets/pyodide/{content_hash(files)}/"
        config.extra["pyodide_files"] = files
    return config


def on_files(files, config):
    if theme_copy := files.get_file_from_path(WORKER_THEME_URI):
        files.remove(theme_copy)
    folder = config.extra["pyodide_dir"]
    for path in config.extra["pyodide_files"]:
        files.append(File(path.name, str(path.parent), config.site_dir, False, dest_uri=folder + path.name))
    return files
