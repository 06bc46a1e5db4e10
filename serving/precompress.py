"""Write .br (brotli, quality 11) and .gz (gzip -9) beside every compressible file.

Servers with brotli_static/gzip_static send these as they are, so the expensive
compression happens once per build. Results are cached by content hash under
build/precompressed/, so an unchanged Pyodide (the 8 MB .wasm takes seconds at
quality 11) is compressed once, not on every build.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

COMPRESSIBLE = {
    ".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map",
    ".wasm", ".zip", ".whl", ".ico", ".webmanifest", ".ics", ".bin",
}  # fmt: skip
# A compressed copy must save at least this share to be worth a second file
# (a deflated zip or wheel gains nothing).
MIN_SAVING = 0.05
ENCODINGS = {".br": lambda data: brotli.compress(data, quality=11), ".gz": lambda data: gzip.compress(data, 9, mtime=0)}


def candidates(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in COMPRESSIBLE)


def _compress(job: tuple[str, str, str]) -> None:
    data_path, suffix, cache_path = job
    Path(cache_path).write_bytes(ENCODINGS[suffix](Path(data_path).read_bytes()))


def wire_size(path: Path, cache: Path) -> int:
    """The bytes a brotli-capable visitor receives for `path`: its .br copy when
    precompress() writes one (same cache, same rule), else the file itself."""
    size = path.stat().st_size
    if path.suffix not in COMPRESSIBLE:
        return size
    cached = cache / f"{hashlib.sha256(path.read_bytes()).hexdigest()}.br"
    if not cached.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        _compress((str(path), ".br", str(cached)))
    compressed = cached.stat().st_size
    return compressed if compressed <= size * (1 - MIN_SAVING) else size


def precompress(site: Path, cache: Path) -> dict[str, int]:
    """Compress every candidate in `site`; return counts of files written and skipped."""
    cache.mkdir(parents=True, exist_ok=True)
    plan: list[tuple[Path, str, Path]] = []
    for path in candidates(site):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        for suffix in ENCODINGS:
            plan.append((path, suffix, cache / f"{digest}{suffix}"))
    todo = [(str(p), s, str(c)) for p, s, c in plan if not c.is_file()]
    if todo:
        # Largest first, so the .wasm does not finish last on one core.
        todo.sort(key=lambda job: -os.path.getsize(job[0]))
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(_compress, todo))
    written = skipped = 0
    for path, suffix, cached in plan:
        target = path.with_name(path.name + suffix)
        if cached.stat().st_size <= path.stat().st_size * (1 - MIN_SAVING):
            target.write_bytes(cached.read_bytes())
            os.utime(target, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
            written += 1
        else:
            target.unlink(missing_ok=True)
            skipped += 1
    return {"written": written, "skipped": skipped, "compressed_now": len(todo)}
