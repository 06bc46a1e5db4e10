"""The memory snapshot's file, python-snapshot.bin (scripts/build_pyodide.py writes it,
overrides/assets/javascripts/snapshot.js reads it): our header line, then Pyodide's
snapshot without its all-zero pages.

About half of Pyodide's 21 MB snapshot is pages of zeros (room for Python's heap to grow).
Brotli makes them nearly free on the wire, but a return visit reads the decoded file from
the device, and the device keeps it decoded: leaving them out halves both.

    header  JSON on one line, padded with spaces to a multiple of ALIGN bytes, then "\\n":
            format, size (Pyodide's snapshot in bytes), page (bytes per page),
            sha256 (of the body: a damaged or cut-off file), lock_sha256 (of the build's
            pyodide-lock.json: a snapshot of another build's calculators)
    body    runs: uint32 count, then per run uint32 first page, uint32 pages (little endian);
            then the bytes of those pages in order (the last page of the snapshot may be short)
"""

from __future__ import annotations

import hashlib
import json
import struct

FORMAT = 2
PAGE = 4096
ALIGN = 16


def _runs(payload: bytes) -> list[tuple[int, int]]:
    """(first page, pages) of every stretch of pages that are not all zeros."""
    zero = bytes(PAGE)
    runs: list[tuple[int, int]] = []
    for page in range(-(-len(payload) // PAGE)):
        chunk = payload[page * PAGE : (page + 1) * PAGE]
        if chunk == zero[: len(chunk)]:
            continue
        if runs and runs[-1][0] + runs[-1][1] == page:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((page, 1))
    return runs


def pack(payload: bytes) -> bytes:
    """The body for Pyodide's snapshot `payload`."""
    runs = _runs(payload)
    table = struct.pack(f"<I{2 * len(runs)}I", len(runs), *(n for run in runs for n in run))
    return table + b"".join(payload[first * PAGE : (first + pages) * PAGE] for first, pages in runs)


def unpack(body: bytes, size: int) -> bytes:
    """Pyodide's snapshot of `size` bytes from a body; ValueError when the body does not fit."""
    (count,) = struct.unpack_from("<I", body)
    runs = struct.unpack_from(f"<{2 * count}I", body, 4)
    memory = bytearray(size)
    at = 4 + 8 * count
    for first, pages in zip(runs[::2], runs[1::2]):
        start = first * PAGE
        length = min(pages * PAGE, size - start)
        memory[start : start + length] = body[at : at + length]
        at += length
    if at != len(body):
        raise ValueError("snapshot body does not match its runs")
    return bytes(memory)


def header(body: bytes, size: int, lock: bytes) -> bytes:
    text = json.dumps({
        "format": FORMAT,
        "size": size,
        "page": PAGE,
        "sha256": hashlib.sha256(body).hexdigest(),
        "lock_sha256": hashlib.sha256(lock).hexdigest(),
    }, sort_keys=True).encode()  # fmt: skip
    padded = -(-(len(text) + 1) // ALIGN) * ALIGN
    return text.ljust(padded - 1) + b"\n"


def write(payload: bytes, lock: bytes) -> bytes:
    """The file for Pyodide's snapshot `payload` and the build's lock file."""
    body = pack(payload)
    return header(body, len(payload), lock) + body


def read(data: bytes) -> tuple[dict, bytes]:
    """(the header, the body) of a snapshot file."""
    end = data.index(b"\n")
    return json.loads(data[:end]), data[end + 1 :]
