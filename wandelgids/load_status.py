"""What the page needs to say how far the rekenhulp's load is (issue 16):
"Rekenhulp wordt geladen (1,2 van 3,1 MB) ...".

The worker counts each file's bytes as they arrive (decoded: the file's own size); the
bridge weighs each file's share by its size on the wire (brotli, as the production
server sends the precompressed copy), so the figure is what the patient's connection
carries. The numbers come ready-made in Dutch from here (`steps`: every tenth of a MB
from 0 to the total), so no browser code formats a number.
"""

from __future__ import annotations

import json
from pathlib import Path

from calculators.text import decimal
from serving.precompress import wire_size

MB = 1_000_000
# The memory snapshot in the Pyodide folder (scripts/build_pyodide.py writes it): a first
# visit starts Python without it and fetches it only once the rekenhulp is live, for the
# next visit, so it is not part of the load the page counts.
SNAPSHOT = "python-snapshot.bin"
# The Cache Storage cache in which the worker keeps it, decoded, after the first visit
# (overrides/assets/javascripts/snapshot.js; the service worker spares it).
SNAPSHOT_CACHE = "wandelgids-python"
# The worker's file in the Pyodide folder (wandelgids/mkdocs_plugin.py copies it there).
WORKER = "calculator-worker.js"
# What became of the memory snapshot for the next visit: the worker's last word after READY
# (a page expression, shared by the snapshot tests and scripts/bench.py).
NEXT_VISIT = """() => new Promise((done) => {
  const look = () => {
    const stage = wandelgids.stages.find((s) => s.stage === "snapshot");
    return stage ? done(stage.snapshot) : setTimeout(look, 50);
  };
  look();
})"""


def mb(value: float) -> str:
    """A size in MB with one decimal and a decimal comma: 3.14e6 bytes -> '3,1'."""
    return decimal(value / MB)


def load_status(files: list[Path], cache: Path) -> str:
    """JSON text for the page: {"files": {name: [size, wire size]}, "steps": ["0,0", ..., "3,1"],
    "start": {"worker", "snapshot", "cache"}}: the worker's file, which the page starts, and
    where a kept snapshot would be (the page's head starts the worker early when it is)."""
    sizes = {path.name: [path.stat().st_size, wire_size(path, cache)] for path in files if path.name != SNAPSHOT}
    tenths = round(sum(wire for _, wire in sizes.values()) / (MB / 10))
    start = {"worker": WORKER, "snapshot": SNAPSHOT, "cache": SNAPSHOT_CACHE}
    steps = [mb(step * MB / 10) for step in range(tenths + 1)]
    return json.dumps({"files": sizes, "steps": steps, "start": start}, separators=(",", ":"))
