"""Return visits start Python from the build's memory snapshot (issue 16): the same
answers as a normal start, fresh randomness, and any snapshot that is damaged or not
this build's falls back to the normal start with the calculator still going live."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest
from conftest import START, QuietHandler, Recorder, serve
from test_calculators_browser import parity_cases

import calculators

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import snapshot_format  # noqa: E402
from wandelgids.load_status import NEXT_VISIT, SNAPSHOT  # noqa: E402

# Pyodide's own header inside the payload: magic, offset, JSON length, padding, then its build id.
PYODIDE_BUILD_ID = slice(16, 48)


def snapshot_parts(site) -> tuple[str, bytes, bytes]:
    """(the snapshot's URL path, our header line, our body: scripts/snapshot_format.py)."""
    folder = next((site / "assets" / "pyodide").iterdir())
    data = (folder / SNAPSHOT).read_bytes()
    end = data.index(b"\n") + 1
    return f"/assets/pyodide/{folder.name}/{SNAPSHOT}", data[:end], data[end:]


def with_header(header: bytes, body: bytes, **changes) -> bytes:
    """`body` behind a header like `header`, with its SHA-256 and `changes`."""
    fields = {**json.loads(header), "sha256": hashlib.sha256(body).hexdigest(), **changes}
    text = json.dumps(fields, sort_keys=True).encode()
    return text.ljust(-(-(len(text) + 1) // 16) * 16 - 1) + b"\n" + body


def site_with(site, files: dict[str, tuple[bytes, str]], requests: list | None = None):
    """The built site from a local server, with `files` (path -> body, content type) in place
    of what the build wrote, compressed and cached like the Pyodide folder (the test
    context's cache lives in memory and keeps only entries of a few MB)."""
    files = {path: (brotli.compress(body, quality=5), kind) for path, (body, kind) in files.items()}

    class Handler(QuietHandler):
        def do_GET(self):
            if requests is not None:
                requests.append(urlsplit(self.path).path)
            found = files.get(urlsplit(self.path).path)
            if found is None:
                return super().do_GET()
            body, content_type = found
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Encoding", "br")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
            self.end_headers()
            self.wfile.write(body)

    return serve(site, Handler)


def visit_twice(context, url: str, path: str) -> tuple[dict, object]:
    """A first visit (normal start, then the snapshot into the HTTP cache) and a return
    visit; returns how the return visit's Python started, and its page."""
    first = context.new_page()
    first.goto(url + path)
    assert first.evaluate(START)["restored"] is False
    assert first.evaluate(NEXT_VISIT) == "fetched"
    first.close()
    second = context.new_page()
    second.recorder = Recorder(second)
    second.goto(url + path)
    return second.evaluate(START), second


def test_a_return_visit_restores_the_snapshot_and_answers_as_cpython(context, nginx_url):
    start, page = visit_twice(context, nginx_url, "rekenhulpen/")
    # Kept decoded in Cache Storage after the first visit, and restored from there.
    assert start == {"restored": True, "source": "cache-storage"}
    # No service worker in this context: the kept snapshot alone told the page's head to
    # start the worker, without waiting for the bridge.
    assert page.evaluate("wandelgids.stages[0].adopted") is True
    assert page.evaluate(NEXT_VISIT) == "restored"
    page.wait_for_selector("[data-calculator][data-state='live']")
    for name in [*calculators.NAMES, "onbekend"]:
        cases = parity_cases(name)
        browser = page.evaluate(
            "(cases) => Promise.all(cases.map((c) => window.wandelgids.calculate(c.name, c.params)))",
            [{"name": name, "params": params} for params in cases],
        )
        cpython = [json.loads(json.dumps(calculators.calculate(name, json.loads(json.dumps(p))))) for p in cases]
        assert browser == cpython, name
    # Nothing of Pyodide came over the network: the runtime from the HTTP cache, the
    # snapshot not fetched at all (Cache Storage).
    fetched = page.evaluate("wandelgids.workerResources")
    assert SNAPSHOT not in {entry["name"].rsplit("/", 1)[1] for entry in fetched}
    assert [entry["name"] for entry in fetched if entry["transferSize"] != 0] == []
    assert page.recorder.errors == []


def test_without_its_own_cache_the_snapshot_comes_from_the_http_cache(context, nginx_url):
    """Cache Storage emptied (the patient cleared it, or it was full): the browser's HTTP
    cache still has the compressed copy the first visit fetched, checked in full."""
    first = context.new_page()
    first.goto(nginx_url + "opbouwen/")
    assert first.evaluate(NEXT_VISIT) == "fetched"
    first.evaluate("async () => { for (const name of await caches.keys()) await caches.delete(name); }")
    first.close()
    second = context.new_page()
    second.goto(nginx_url + "opbouwen/")
    assert second.evaluate(START) == {"restored": True, "source": "http-cache"}
    assert second.evaluate("wandelgids.stages[0].adopted") is False  # nothing kept to tell the head
    second.wait_for_selector("[data-calculator='progression'][data-state='live']")
    result = second.evaluate("wandelgids.calculate('breathing', {cadence: 120})")
    assert result == json.loads(json.dumps(calculators.calculate("breathing", {"cadence": 120})))


def test_a_first_visit_leaves_the_start_to_the_bridge(page, nginx_url):
    """No service worker controls a first visit's page and no snapshot is kept: its head starts
    no worker, the bridge does, after the page (tests/test_offline_browser.py has the head's
    start under the service worker)."""
    page.goto(nginx_url + "opbouwen/")
    page.evaluate(START)
    assert page.evaluate("wandelgids.stages[0].adopted") is False


def test_a_first_visit_fetches_the_wheel_beside_the_runtime_once(page, nginx_url):
    """The calculators' wheel is requested as soon as the lock names it, not after Python's
    start (a round trip less on a phone), and Pyodide takes that response: one request."""
    page.goto(nginx_url + "opbouwen/")
    assert page.evaluate(START)["restored"] is False
    started = {stage["stage"]: stage["ms"] for stage in page.evaluate("wandelgids.stages")}
    origin = page.evaluate("performance.timeOrigin")
    # READY and the snapshot stage each list the worker's timeline so far: one request, twice.
    wheel = {entry["at"] for entry in page.evaluate("wandelgids.workerResources") if entry["name"].endswith(".whl")}
    assert len(wheel) == 1
    assert min(wheel) - origin < started["package"]  # before Python had started
    result = page.evaluate("wandelgids.calculate('breathing', {cadence: 120})")
    assert result == json.loads(json.dumps(calculators.calculate("breathing", {"cadence": 120})))


def test_the_snapshot_cache_has_one_name(site):
    """snapshot.js keeps the snapshot under the name the build gives the page and the service worker."""
    from wandelgids.load_status import SNAPSHOT_CACHE

    folder = next((site / "assets" / "pyodide").iterdir())
    assert f'export const SNAPSHOT_CACHE = "{SNAPSHOT_CACHE}";' in (folder / "snapshot.js").read_text(encoding="utf-8")
    assert f'export const SNAPSHOT_FILE = "{SNAPSHOT}";' in (folder / "snapshot.js").read_text(encoding="utf-8")


RANDOM_WORKER = """
import { loadPyodide } from "./pyodide.mjs";
import { SNAPSHOT_FILE, restore } from "./snapshot.js";

const indexURL = new URL("./", import.meta.url).href;
const stdLibURL = new URL("python_stdlib_used.zip", indexURL).href;
const draws = [];
for (let i = 0; i < 2; i++) {
  const snapshot = await fetch(new URL(SNAPSHOT_FILE, indexURL));
  const pyodide = await restore(loadPyodide, { indexURL, stdLibURL, snapshot });
  draws.push(pyodide.runPython("import json, random; json.dumps([random.random(), random.getrandbits(64)])"));
}
postMessage(JSON.stringify(draws));
"""


def run_beside_the_worker(page, site, source: str, requests: list | None = None):
    """Runs `source` as a module worker in the Pyodide folder (beside snapshot.js); its message."""
    snapshot_path, _, _ = snapshot_parts(site)
    worker_path = snapshot_path.rsplit("/", 1)[0] + "/test-worker.js"
    server = site_with(site, {worker_path: (source.encode(), "text/javascript")}, requests)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        page.goto(url + "/")
        return json.loads(page.evaluate(
            """(url) => new Promise((done, fail) => {
                const worker = new Worker(url, { type: "module" });
                worker.onmessage = (event) => done(event.data);
                worker.onerror = (event) => fail(new Error(event.message));
            })""",
            url + worker_path,
        ))  # fmt: skip
    finally:
        server.shutdown()


def test_each_restore_draws_fresh_random_numbers(page, site):
    """The snapshot holds `random` seeded at build time; every restore re-seeds it."""
    draws = run_beside_the_worker(page, site, RANDOM_WORKER)
    assert len(draws) == 2 and draws[0] != draws[1]


SAVE_DATA_WORKER = """
import { SNAPSHOT_FILE, prefetch } from "./snapshot.js";

Object.defineProperty(self.navigator, "connection", { value: { saveData: true } });
postMessage(JSON.stringify(await prefetch(new URL(SNAPSHOT_FILE, import.meta.url))));
"""


def test_with_save_data_the_snapshot_is_not_fetched(page, site):
    requests = []
    assert run_beside_the_worker(page, site, SAVE_DATA_WORKER, requests) is False
    assert [path for path in requests if path.endswith(SNAPSHOT)] == []


def damaged(header: bytes, body: bytes) -> bytes:
    middle = len(body) // 2
    return header + body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1 :]


def another_build(header: bytes, body: bytes) -> bytes:
    # Another build's calculators: the snapshot names a lock file this folder does not have.
    return with_header(header, body, lock_sha256=hashlib.sha256(b"another build").hexdigest())


def another_pyodide(header: bytes, body: bytes) -> bytes:
    # Another Pyodide: intact by our header, refused by Pyodide's own build id check.
    payload = snapshot_format.unpack(body, json.loads(header)["size"])
    build_id = bytes(b ^ 0x55 for b in payload[PYODIDE_BUILD_ID])
    payload = payload[: PYODIDE_BUILD_ID.start] + build_id + payload[PYODIDE_BUILD_ID.stop :]
    return with_header(header, snapshot_format.pack(payload))


def out_of_step(header: bytes, body: bytes) -> bytes:
    # A body whose table of runs promises more pages than it holds (the header agrees with it).
    return with_header(header, body[:-4096])


@pytest.mark.parametrize(
    ("variant", "reason"),
    [
        (damaged, "snapshot: damaged"),
        (another_build, "another build"),
        (another_pyodide, "build id mismatch"),
        (out_of_step, "snapshot: damaged"),
    ],
)
def test_a_bad_snapshot_falls_back_to_the_normal_start(context, site, variant, reason):
    path, header, payload = snapshot_parts(site)
    requests = []
    server = site_with(site, {path: (variant(header, payload), "application/octet-stream")}, requests)
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        start, page = visit_twice(context, url, "opbouwen/")
        assert start["restored"] is False and start["cached"] is True
        assert reason in start["fallback"]
        # A snapshot that failed is not fetched again: one request in the two visits.
        assert page.evaluate(NEXT_VISIT) == "failed"
        assert requests.count(path) == 1
        page.wait_for_selector("[data-calculator='progression'][data-state='live']")
        result = page.evaluate("wandelgids.calculate('breathing', {cadence: 120})")
        assert result == json.loads(json.dumps(calculators.calculate("breathing", {"cadence": 120})))
        assert page.recorder.errors == []
    finally:
        server.shutdown()


def test_the_snapshot_is_served_compressed_and_immutable(site, nginx_url):
    """In the content-hashed folder: a year in the browser's cache, brotli on the wire
    (about 2.8 MB for 21 MB of memory), not counted in the page's load figures."""
    import urllib.request

    path, header, body = snapshot_parts(site)
    payload = snapshot_format.unpack(body, json.loads(header)["size"])
    request = urllib.request.Request(nginx_url.rstrip("/") + path, headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request) as response:
        wire = response.read()
        assert response.headers["Content-Encoding"] == "br"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert len(wire) < len(payload) / 5
    # The file on the device (decoded) holds about half of Pyodide's memory: no pages of zeros.
    assert brotli.decompress(wire) == header + body and len(header + body) < 0.6 * len(payload)
    page = (site / "opbouwen" / "index.html").read_text(encoding="utf-8")
    # The page names it (for the worker's start) but never loads it.
    assert not re.search(rf'(href|src)="[^"]*{SNAPSHOT}', page)
