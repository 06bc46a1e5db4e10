"""Benchmarks of the Wandelgids, all measured in one run and reported as ratios where a
baseline exists. Timing assertions do not belong in the test suite; this is where
performance is measured.

    make bench                      # everything
    .venv/bin/python scripts/bench.py --only calculators,ready

Everything in the browser is served by the repository's nginx configuration
(brotli_static, production headers), as visitors get it.

Parts: calculators (CPython time per call, wheel size); ready (time to
window.wandelgids.ready against a bare loadPyodide page from the npm package's own
files, unthrottled, and a second visit with everything cached); mobile (the same and
bytes until live on a throttled mobile link); variants (the cut stdlib as sources or
bytecode, on that link); latency (input to result); bytes (on the wire per page type);
lighthouse; build; second (a second calculator page in the same visit, after a
click in the menu: instant navigation against a full load; not in the default run);
offline (after one online visit, an offline reload of the calculator page: time to live
and requests that reach the server, goal 0; not in the default run); phone (issue 16, a
phone with its CPU 4x slower, worker included, on 9 Mbit/s: first and return visits
against the bare page, bytes until and after live; not in the default run); slow (first
visits on 1.6 Mbit/s / 150 ms and 0.5 Mbit/s / 400 ms, CPU 4x: live every time; not in the
default run). Results go to stdout and bench-results/latest.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts"), str(ROOT / "tests")]

import calculators  # noqa: E402
from build_pyodide import build as build_pyodide  # noqa: E402
from build_pyodide import pyodide_version  # noqa: E402
from conftest import CHROMIUM_ARGS  # noqa: E402

from serving.nginx import LocalServer  # noqa: E402
from wandelgids.calculator_block import block_text, parse_blocks  # noqa: E402
from wandelgids.load_status import NEXT_VISIT  # noqa: E402
from serving.precompress import precompress  # noqa: E402

SITE = ROOT / "site"
RESULTS = ROOT / "bench-results"
BIN = ROOT / ".venv" / "bin"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
COLD_LOADS = 9
CALCULATOR_PAGES = ("opbouwen/", "dagschema/", "rekenhulpen/")

NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
# The baseline: a page that only runs loadPyodide() from the npm package's own files
# (full python_stdlib.zip, full lock file), precompressed and served like ours. Its
# script is a file, not inline, so the strict Content-Security-Policy allows it.
BARE_PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Pyodide zonder meer</title>
<script type="module" src="bare.js"></script></head>
<body><p>Alleen loadPyodide() op de hoofdthread, uit de bestanden van het npm-pakket.</p></body></html>
"""
BARE_SCRIPT = """import { loadPyodide } from "./npm/pyodide.mjs";
window.benchReady = loadPyodide({ indexURL: new URL("./npm/", import.meta.url).href }).then(() => performance.now());
"""
NPM_FILES = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def median(values):
    return statistics.median(values)


def report(results: dict, key: str, value, text: str) -> None:
    results[key] = value
    print(f"  {text}", flush=True)


# ---- calculators in CPython -----------------------------------------------------


def bench_calculators(results: dict) -> None:
    print("calculators (CPython, default inputs):")
    for name in calculators.BLOCKS:
        timer = timeit.Timer(lambda name=name: calculators.calculate(name, {}))
        number, _ = timer.autorange()
        runs = [t / number * 1e6 for t in timer.repeat(repeat=7, number=number)]
        report(results, f"calculate_{name}_us", round(median(runs), 1), f"{name}: median {median(runs):.1f} µs per call")
    wheels = sorted((ROOT / "build" / "pyodide" / pyodide_version()).glob("*.whl"))
    for wheel in wheels:
        report(results, "wheel_bytes", wheel.stat().st_size, f"wheel {wheel.name}: {wheel.stat().st_size / 1024:.1f} KiB")


# ---- browser parts --------------------------------------------------------------


class Browser:
    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def cold_page(self, service_workers: str = "allow"):
        """A fresh context: empty cache, as on a first visit ("block": no service worker,
        for a part that answers requests with page.route, which does not see its fetches)."""
        context = self.browser.new_context(viewport={"width": 390, "height": 844}, service_workers=service_workers)
        return context, context.new_page()

    def close(self):
        self.browser.close()
        self._playwright.stop()


def write_bare_page(site: Path) -> None:
    bench = site / "_bench"
    (bench / "npm").mkdir(parents=True, exist_ok=True)
    (bench / "bare.html").write_text(BARE_PAGE, encoding="utf-8")
    (bench / "bare.js").write_text(BARE_SCRIPT, encoding="utf-8")
    for name in NPM_FILES:
        shutil.copy2(NPM_PYODIDE / name, bench / "npm" / name)
    precompress(bench, ROOT / "build" / "precompressed")


def serve_with_bare_page(site: Path, prefix: Path) -> LocalServer:
    write_bare_page(site)
    return LocalServer(site, prefix)


# Chromium's DevTools network emulation: a phone on a 9 Mbit/s mobile link. It applies
# to the page's dedicated workers too (they fetch through the page's frame).
MOBILE = {"offline": False, "latency": 60, "downloadThroughput": 9e6 / 8, "uploadThroughput": 1.5e6 / 8}
MOBILE_LOADS = 5
OURS_READY = "wandelgids.ready.then(() => performance.now())"
BARE_READY = "window.benchReady"
# Bytes on the wire: the page's and the worker's resource timelines (transferSize
# counts headers and compressed bodies; 0 for what came from the cache).
PAGE_BYTES = """() => [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
    .map((e) => ({ name: e.name, transferSize: e.transferSize }))"""


def live(page, url: str, ready: str) -> tuple[float, int, int]:
    """(ms from navigation to live, bytes on the wire, bytes of Pyodide files)."""
    page.goto(url)
    ms = page.evaluate(ready)
    entries = page.evaluate(PAGE_BYTES)
    if ready == OURS_READY:
        entries += page.evaluate("wandelgids.workerResources")
    seen = {}
    for entry in entries:  # one request can show in both timelines; count it once
        seen[entry["name"]] = max(seen.get(entry["name"], 0), entry["transferSize"])
    pyodide = sum(size for name, size in seen.items() if "/pyodide/" in name or "/npm/" in name)
    return ms, sum(seen.values()), pyodide


def cold(browser: Browser, url: str, ready: str, throttled: bool) -> tuple[float, int, int]:
    context, page = browser.cold_page()
    if throttled:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", MOBILE)
    try:
        return live(page, url, ready)
    finally:
        context.close()


def cold_pair(browser: Browser, base: str, loads: int, throttled: bool) -> tuple[list, list]:
    ours, bare = [], []
    for _ in range(loads):  # interleaved, so both see the same machine load
        bare.append(cold(browser, base + "_bench/bare.html", BARE_READY, throttled))
        ours.append(cold(browser, base + "opbouwen/", OURS_READY, throttled))
    return ours, bare


def bench_ready(results: dict, browser: Browser, base: str) -> None:
    print(f"ready, unthrottled on localhost (navigation to wandelgids.ready, {COLD_LOADS} cold loads each):")
    ours, bare = cold_pair(browser, base, COLD_LOADS, throttled=False)
    ours_ms, bare_ms = median([o[0] for o in ours]), median([b[0] for b in bare])
    report(results, "ready_ms", round(ours_ms), f"calculator page: median {ours_ms:.0f} ms")
    report(results, "bare_ready_ms", round(bare_ms), f"bare loadPyodide page (npm files): median {bare_ms:.0f} ms")
    report(results, "ready_ratio", round(ours_ms / bare_ms, 3), f"ratio {ours_ms / bare_ms:.3f} (goal <= 1.15)")

    print("second visit, everything cached (same browser profile, 5 pairs of visits):")
    firsts, seconds, starts = return_visits(browser, base, service_workers="block")  # the HTTP cache
    first_ms, second_ms = median([f[0] for f in firsts]), median([s[0] for s in seconds])
    report(results, "second_visit_ready_ms", round(second_ms),
           f"time to live: first visit median {first_ms:.0f} ms, second visit median {second_ms:.0f} ms, "
           f"ratio {second_ms / first_ms:.3f} (goal <= 0.35)")
    report(results, "second_visit_ratio", round(second_ms / first_ms, 3), "")
    report(results, "second_visit_starts", starts,
           f"second visits whose worker the page's head started: {sum(1 for adopted, _ in starts if adopted)} of {len(starts)}; "
           f"snapshot from: {', '.join(sorted({source or 'none' for _, source in starts}))}")
    report(results, "second_visit_pyodide_bytes", max(s[2] for s in seconds),
           f"bytes from the network on the second visit: Pyodide files {max(s[2] for s in seconds)} (goal 0), "
           f"all {median([s[1] for s in seconds]):.0f} (pages and our own scripts revalidate: 304s)")

    # As a patient has it: the service worker the first visit registered is active, and it
    # answers the page (network first) and the hashed files (from its cache).
    print("second visit as a patient has it (service worker active, a new tab; 5 pairs):")
    firsts, seconds, _ = return_visits(browser, base, service_workers="allow")
    first_ms, second_ms = median([f[0] for f in firsts]), median([s[0] for s in seconds])
    report(results, "second_visit_sw_ready_ms", round(second_ms),
           f"time to live: first visit median {first_ms:.0f} ms, second visit median {second_ms:.0f} ms, "
           f"ratio {second_ms / first_ms:.3f}")


def return_visits(browser: Browser, base: str, service_workers: str, pairs: int = 5) -> tuple[list, list, list]:
    """Pairs of a first visit and a return visit in a new tab of the same profile: each visit's
    live() figures, and for the return visit whether the page's head started the worker and
    where the snapshot came from. With service workers allowed the first visit also waits
    until the service worker has kept the page and its files."""
    firsts, seconds, starts = [], [], []
    for _ in range(pairs):
        context, page = browser.cold_page(service_workers=service_workers)
        firsts.append(live(page, base + "opbouwen/", OURS_READY))
        page.evaluate(NEXT_VISIT)  # the memory snapshot for the next visit is kept
        if service_workers == "allow":
            page.wait_for_function(KEPT, arg="/opbouwen/")
        page.close()
        page = context.new_page()
        seconds.append(live(page, base + "opbouwen/", OURS_READY))
        starts.append(page.evaluate(f"[wandelgids.stages[0].adopted, {START}.source]"))
        context.close()
    return firsts, seconds, starts


def bench_mobile(results: dict, browser: Browser, base: str) -> None:
    print(f"mobile link (60 ms, 9 Mbit/s down, 1.5 up; median of {MOBILE_LOADS} cold loads each, alternating):")
    ours, bare = cold_pair(browser, base, MOBILE_LOADS, throttled=True)
    ours_ms, bare_ms = median([o[0] for o in ours]), median([b[0] for b in bare])
    ours_bytes, bare_bytes = median([o[1] for o in ours]), median([b[1] for b in bare])
    report(results, "mobile_ready_ms", round(ours_ms), f"time to live: calculator page median {ours_ms:.0f} ms")
    report(results, "mobile_bare_ready_ms", round(bare_ms), f"bare loadPyodide page (npm files): median {bare_ms:.0f} ms")
    report(results, "mobile_ready_ratio", round(ours_ms / bare_ms, 3), f"ratio {ours_ms / bare_ms:.3f} (goal <= 0.80)")
    report(results, "mobile_bytes_until_live", round(ours_bytes),
           f"bytes on the wire until live: {ours_bytes / 1e6:.2f} MB (goal <= 3.6 MB); bare page {bare_bytes / 1e6:.2f} MB")


def bench_stdlib_variants(results: dict, browser: Browser) -> None:
    """The cut standard library as sources, as bytecode, as bytecode without docstrings:
    bytes on the wire against time to live, on the mobile link."""
    print(f"stdlib variants on the mobile link (median of {MOBILE_LOADS} cold loads each):")
    variants = {"source": (False, 0), "compiled, optimize=0": (True, 0), "compiled, optimize=2": (True, 2)}
    with tempfile.TemporaryDirectory() as tmp:
        for label, (compiled, optimize) in variants.items():
            site = Path(tmp) / "site"
            shutil.rmtree(site, ignore_errors=True)
            shutil.copytree(SITE, site, ignore=shutil.ignore_patterns("_bench"))
            built = build_pyodide(compile_stdlib=compiled, optimize=optimize, out_root=Path(tmp) / label.replace(" ", ""))
            target = next((site / "assets" / "pyodide").iterdir())  # the content-hashed folder, worker kept
            for path in built.iterdir():
                if not path.name.startswith("."):
                    shutil.copy2(path, target / path.name)
            precompress(target, ROOT / "build" / "precompressed")
            server = serve_with_bare_page(site, Path(tmp) / "nginx")
            try:
                loads = [cold(browser, server.url + "opbouwen/", OURS_READY, throttled=True) for _ in range(MOBILE_LOADS)]
            finally:
                server.stop()
            zip_wire = (target / "python_stdlib_used.zip.br").stat().st_size
            ms, wire = median([load[0] for load in loads]), median([load[1] for load in loads])
            key = "stdlib_" + label.replace(", ", "_").replace("=", "")
            results[key] = {"ready_ms": round(ms), "bytes": round(wire), "zip_br_bytes": zip_wire}
            print(f"  {label}: time to live {ms:.0f} ms, bytes until live {wire / 1e6:.2f} MB "
                  f"(stdlib zip {zip_wire / 1e3:.0f} kB brotli)", flush=True)


def bench_latency(results: dict, browser: Browser, base: str) -> None:
    # The widget calculates once typing pauses, on leaving a field and on Enter; this
    # measures from Enter (after the value is typed) to the drawn result.
    print("latency (Enter after typing to the drawn result, 20 changes, once ready):")
    context, page = browser.cold_page()
    page.goto(base + "opbouwen/")
    page.evaluate("window.wandelgids.ready")
    times = page.evaluate(
        """async (n) => {
            // The page's first widget and its first number field (no calculator named here).
            const widget = document.querySelector("[data-calculator]");
            const input = widget.querySelector("input[inputmode=numeric]");
            const times = [];
            for (let i = 0; i < n; i++) {
                input.value = String(5 + i);
                input.dispatchEvent(new Event("input", { bubbles: true }));
                const drawn = new Promise((done) => widget.addEventListener("wandelgids:result", done, { once: true }));
                const start = performance.now();
                input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
                await drawn;
                times.push(performance.now() - start);
            }
            return times;
        }""",
        20,
    )
    context.close()
    report(results, "latency_ms", round(median(times), 1), f"median {median(times):.1f} ms, max {max(times):.1f} ms (goal < 50)")


def transferred(browser: Browser, url: str, wait_ready: bool) -> tuple[int, int, int]:
    """(bytes before the worker starts, bytes after ready, Pyodide files fetched).

    Counted from Playwright's request events rather than the resource timelines that
    live() reads: these also see the search worker's own fetches (lunr), which belong
    to a text page's weight."""
    context, page = browser.cold_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="load")
    if wait_ready:
        page.evaluate("window.wandelgids.ready")
    page.wait_for_load_state("networkidle")
    sizes = [(r.url, r.sizes()) for r in finished]
    context.close()
    total = sum(s["responseBodySize"] + s["responseHeadersSize"] for _, s in sizes)
    # The worker is served from the Pyodide folder too, so this is everything before it.
    before = sum(s["responseBodySize"] + s["responseHeadersSize"] for u, s in sizes if "/assets/pyodide/" not in u)
    return before, total, sum(1 for u, _ in sizes if "/assets/pyodide/" in u)


def bench_bytes(results: dict, browser: Browser, base: str) -> None:
    print("bytes on the wire (nginx, brotli):")
    before, total, pyodide_files = transferred(browser, base + "veelgemaakte-fouten/", wait_ready=False)
    report(results, "text_page_bytes", total, f"text page: {total / 1024:.0f} KiB, Pyodide files: {pyodide_files}")
    results["text_page_pyodide_files"] = pyodide_files
    before, total, pyodide_files = transferred(browser, base + "opbouwen/", wait_ready=True)
    report(results, "calculator_page_bytes_before_worker", before, f"calculator page before the worker: {before / 1024:.0f} KiB")
    report(results, "calculator_page_bytes_ready", total,
           f"calculator page once ready: {total / 1024 / 1024:.2f} MiB ({pyodide_files} Pyodide files)")


def lighthouse_once(url: str, out: Path) -> dict:
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    flags = " ".join(CHROMIUM_ARGS).replace("--headless", "--headless=new")
    subprocess.run(
        [str(lighthouse), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={flags}",
         "--only-categories=performance,accessibility,best-practices,seo"],
        check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, cwd=ROOT,
    )
    return json.loads(out.read_text())


def bench_lighthouse(results: dict, base: str, runs: int = 3) -> None:
    # Lighthouse's simulated throttling on a busy 2-core machine varies from run to
    # run; the median run (by performance score) of three is reported.
    print(f"lighthouse 12.2.3 (mobile defaults, median of {runs} runs):")
    RESULTS.mkdir(exist_ok=True)
    for path in ("", *CALCULATOR_PAGES):
        name = path.strip("/") or "home"
        reports = [lighthouse_once(base + path, RESULTS / f"lighthouse-{name}-{i}.json") for i in range(runs)]
        reports.sort(key=lambda data: data["categories"]["performance"]["score"])
        data = reports[len(reports) // 2]
        scores = {key: round(cat["score"] * 100) for key, cat in data["categories"].items()}
        failing = sorted(
            ref["id"] for cat in data["categories"].values() for ref in cat["auditRefs"]
            if ref["weight"] > 0 and (data["audits"][ref["id"]]["score"] or 1) < 0.9
        )
        performance = [round(r["categories"]["performance"]["score"] * 100) for r in reports]
        tbt = data["audits"]["total-blocking-time"]["numericValue"]
        lcp = data["audits"]["largest-contentful-paint"]["numericValue"]
        results[f"lighthouse_{name}"] = scores
        results[f"lighthouse_{name}_performance_runs"] = performance
        print(f"  /{path}: {scores} (performance runs {performance}) TBT {tbt:.0f} ms, LCP {lcp / 1000:.1f} s; "
              f"audits below 90: {', '.join(failing) or 'none'}", flush=True)


# ---- build time -----------------------------------------------------------------


def make_pages(target: Path, with_blocks: bool, count: int = 300) -> None:
    sources = sorted((ROOT / "docs").glob("*.md"))
    def without_blocks(text: str) -> str:
        lines = text.split("\n")
        skip = {i for found in parse_blocks(lines)[0] for i in range(found.start, found.end)}
        return "\n".join(line for i, line in enumerate(lines) if i not in skip)

    def has_block(text: str) -> bool:
        return bool(parse_blocks(text.split("\n"))[0])

    extra_block = "\n" + block_text(calculators.BLOCKS[0]) + "\n"
    # The real pages under their own names too: the copies link to them, and a build with a
    # link that leads nowhere stops (the content checks' gate), as it should.
    for source in sources:
        text = source.read_text(encoding="utf-8")
        (target / source.name).write_text(text if with_blocks else without_blocks(text), encoding="utf-8")
    for i in range(count - len(sources)):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        if with_blocks and not has_block(text):
            text += extra_block
        if not with_blocks:
            text = without_blocks(text)
        (target / f"pagina-{i:03d}.md").write_text(text, encoding="utf-8")


def timed_build(project: Path, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(BIN / "mkdocs"), "build", "--quiet"], cwd=project, check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return median(times)


def bench_build(results: dict) -> None:
    """The cost of calculator blocks: the same 300 pages and configuration, with and
    without a block on every page."""
    print("build time (300 pages, median of 3):")
    config = (ROOT / "mkdocs.yml").read_text()
    config = re.sub(r"\n(nav|watch):\n(  - .*\n)+", "\n", config)
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("\n  - wandelgids\n", f"\n  - wandelgids:\n      root: {ROOT}\n", 1)  # the project's build/, editor/
    # The web editor is not part of this question.
    config = config.replace("\n      root:", "\n      editor: false\n      root:")
    with tempfile.TemporaryDirectory() as tmp:
        projects = {}
        for variant in ("blocks", "plain"):
            project = Path(tmp) / variant
            (project / "docs").mkdir(parents=True)
            make_pages(project / "docs", with_blocks=variant == "blocks")
            (project / "mkdocs.yml").write_text(config)
            projects[variant] = project
        with_blocks, plain = timed_build(projects["blocks"]), timed_build(projects["plain"])
    report(results, "build_300_blocks_s", round(with_blocks, 2), f"a calculator block on every page: {with_blocks:.2f} s")
    report(results, "build_300_plain_s", round(plain, 2), f"no calculator blocks: {plain:.2f} s")
    report(results, "build_ratio", round(with_blocks / plain, 3), f"ratio {with_blocks / plain:.3f} (goal <= 1.3)")
    subprocess.run(["make", "build"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # settle
    start = time.perf_counter()
    subprocess.run(["make", "build"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    report(results, "make_build_unchanged_s", round(elapsed, 2), f"make build with nothing changed: {elapsed:.2f} s")


# ---- content checks on pathological pages (issue: linear content checks) ------------


def bench_content_checks(results: dict, runs: int = 3) -> None:
    """The content checks of one 1 MB page (ordinary text, and lines built to make regular
    expressions quadratic), against checking the shipped docs in the same run."""
    from wandelgids.content_checks import check_site

    front = "---\ntitle: Test\ndescription: Kort.\nreviewed: 2026-11-25\nreviewer: chiropractor\nnav_order: 10\n---\n\n# Test\n\nTekst.\n\n"
    ordinary = (("Zie [de pagina](index.md) en ![foto](index.md). " * 20 + "\n\n## Kop\n\n") * 1100)[:1_000_000]
    pages = {
        "1 MB of ordinary text, links and headings": ordinary,
        "1 MB line of unmatched '['": "[" * 1_000_000,
        "1 MB line without a break": "a" * 1_000_000,
        "1 MB line of '# # # ...'": "# " * 500_000,
        "1 MB of '<img ' and '<!--'": "<img <!-- " * 100_000,
    }

    def timed(docs: Path) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            check_site(docs)
            times.append(time.perf_counter() - start)
        return median(times)

    print(f"content checks (median of {runs}):")
    baseline = timed(ROOT / "docs")
    report(results, "content_checks_shipped_docs_s", round(baseline, 3), f"the shipped docs: {baseline:.3f} s (baseline)")
    worst = 0.0
    for label, body in pages.items():
        with tempfile.TemporaryDirectory() as folder:
            docs = Path(folder) / "docs"
            docs.mkdir()
            (docs / "index.md").write_text(front + body + "\n", encoding="utf-8")
            seconds = timed(docs)
        worst = max(worst, seconds)
        print(f"  {label}: {seconds:.3f} s ({seconds / baseline:.1f}x the shipped docs)", flush=True)
    report(results, "content_checks_1mb_worst_s", round(worst, 3), f"worst 1 MB page: {worst:.3f} s (goal < 1 s)")
    report(results, "content_checks_1mb_ratio", round(worst / baseline, 2), f"ratio {worst / baseline:.2f} to the shipped docs")


# ---- second calculator page in the same visit (issue 16, lane h-fast-load) ----------

SITE_URL = "https://wandelgids.rugcentrumhilversum.nl/"
SECOND_LIVE = "[data-calculator][data-state='live']"  # the second page's widget, whichever it is


def bench_second_page(results: dict, browser: Browser, base: str, loads: int = 5) -> None:
    """Opbouwen live on a cold visit, then a click in the menu to Dagschema: time from the
    click to its widget live, with instant navigation (one worker) and as a full page load
    (cache warm, a new worker), against the first visit's time to live."""
    print(f"second calculator page in the same visit (median of {loads}, unthrottled):")
    # Material swaps in only pages its sitemap lists at the site's own address (with port).
    sitemap = (SITE / "sitemap.xml").read_text(encoding="utf-8").replace(SITE_URL, base)
    firsts, instant, full = [], [], []
    for _ in range(loads):
        for swap in (True, False):
            context, page = browser.cold_page(service_workers="block")
            page.route("**/sitemap.xml", lambda route: route.fulfill(body=sitemap, content_type="application/xml"))
            page.goto(base + "opbouwen/")
            first = page.evaluate(OURS_READY)
            page.wait_for_load_state("networkidle")  # the sitemap is in before the click
            link = page.locator(".md-sidebar--primary a.md-nav__link[href*='dagschema/']").first
            if swap:
                start = page.evaluate("performance.now()")
                link.evaluate("(a) => a.click()")  # the phone's menu is a drawer: click the link itself
                page.wait_for_selector(SECOND_LIVE)
                instant.append(page.evaluate("performance.now()") - start)
                firsts.append(first)
            else:
                page.unroute("**/sitemap.xml")
                page.goto(base + "dagschema/")  # a full load: new document, new worker
                full.append(page.evaluate(OURS_READY))
            context.close()
    first_ms, instant_ms, full_ms = median(firsts), median(instant), median(full)
    report(results, "second_page_instant_ms", round(instant_ms),
           f"click to live, instant navigation: median {instant_ms:.0f} ms; first visit {first_ms:.0f} ms; "
           f"ratio {instant_ms / first_ms:.3f} (goal <= 0.2)")
    report(results, "second_page_full_load_ms", round(full_ms),
           f"the same page as a full load (cache warm, a second worker): median {full_ms:.0f} ms, "
           f"ratio {full_ms / first_ms:.3f}")


# ---- offline return visit (issue 16, lane h-offline) ---------------------------------

KEPT = "(path) => document.documentElement.dataset.wandelgidsKept === path"


def bench_offline(results: dict, browser: Browser, base: str, access_log: Path, loads: int = 5) -> None:
    """One online visit to a calculator page until live and kept by the service worker, then
    the browser offline and a reload: time to live, and the requests that reached nginx
    meanwhile (its access log). The browser's own update check of service-worker.js is
    counted apart: DevTools' offline emulation does not cover it (offline it simply fails)."""
    print(f"offline return visit (median of {loads}, unthrottled, after one online visit):")
    online, offline, reached, checks = [], [], [], []
    for _ in range(loads):
        context, page = browser.cold_page()
        page.goto(base + "opbouwen/")
        online.append(page.evaluate(OURS_READY))
        page.wait_for_function(KEPT, arg="/opbouwen/")
        context.set_offline(True)
        before = len(access_log.read_text(encoding="utf-8").splitlines())
        page.reload()
        offline.append(page.evaluate(OURS_READY))
        page.wait_for_selector("[data-calculator][data-state='live']")
        lines = access_log.read_text(encoding="utf-8").splitlines()[before:]
        checks.append(sum('"GET /service-worker.js ' in line for line in lines))
        reached.append(len(lines) - checks[-1])
        context.close()
    offline_ms, online_ms = median(offline), median(online)
    report(results, "offline_return_ms", round(offline_ms),
           f"live offline: median {offline_ms:.0f} ms from navigation (the online first visit: {online_ms:.0f} ms)")
    report(results, "offline_requests_reaching_network", sum(reached),
           f"requests from the page, its workers and the service worker that reached the server: "
           f"{sum(reached)} in {loads} visits (goal 0); the browser's own update checks of service-worker.js: {sum(checks)}")

# ---- a patient's phone (issue 16): first and return visits, slow links ----------------

PHONE = {**MOBILE}  # 9 Mbit/s down, 1.5 up, 60 ms
SLOW_LINKS = {
    "1.6 Mbit/s, 150 ms": {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 0.75e6 / 8},
    "0.5 Mbit/s, 400 ms": {"offline": False, "latency": 400, "downloadThroughput": 0.5e6 / 8, "uploadThroughput": 0.25e6 / 8},
}
CPU_SLOWDOWN = 4
START = "wandelgids.stages.find((s) => s.stage === 'ready').start"


class CpuSlowdown:
    """CPU `factor` x slower for this bench's renderer processes: the page, its workers and
    V8's compiler threads. DevTools' own CPU throttling slows only a page's main thread and
    refuses workers ("Operation is only supported for pages, not workers", Chromium 156), so
    each renderer is stopped and continued (SIGSTOP/SIGCONT), running 1/factor of every
    period. Only processes below this Python process are touched."""

    def __init__(self, factor: int = CPU_SLOWDOWN, period: float = 0.02):
        import threading

        self.factor, self.period = factor, period
        self._on = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _renderers() -> list[int]:
        parents, renderers = {}, []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
                if b"--type=renderer" in (entry / "cmdline").read_bytes():
                    renderers.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
        mine = os.getpid()

        def ours(pid: int) -> bool:
            for _ in range(10):
                pid = parents.get(pid, 0)
                if pid == mine:
                    return True
                if pid <= 1:
                    return False
            return False

        return [pid for pid in renderers if ours(pid)]

    def _run(self) -> None:
        import signal

        stopped: list[int] = []
        while self._on.is_set():
            stopped = self._renderers()
            for pid in stopped:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGSTOP)
            time.sleep(self.period * (1 - 1 / self.factor))
            for pid in stopped:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGCONT)
            time.sleep(self.period / self.factor)

    def __enter__(self):
        self._on.set()
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._on.clear()
        self._thread.join()


def throttled_page(context, link: dict):
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", link)
    return page


def phone_visit(browser: Browser, base: str, ours: bool, link: dict = PHONE, again: bool = False) -> dict:
    """A first visit (and with `again` a return visit in the same browser profile) on `link`
    with the CPU slowed: time to live, bytes on the wire, Pyodide bytes, how Python started."""
    url, ready = (base + "opbouwen/", OURS_READY) if ours else (base + "_bench/bare.html", BARE_READY)
    # No service worker: this measures the HTTP cache (the offline part measures the worker).
    context = browser.browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    try:
        page = throttled_page(context, link)
        ms, wire, pyodide = live(page, url, ready)
        visit = {"first_ms": ms, "first_bytes": wire, "first_pyodide": pyodide}
        if ours:
            visit["next_visit"] = page.evaluate(NEXT_VISIT)  # the snapshot fetched after live
            after = {e["name"]: e["transferSize"] for e in page.evaluate("wandelgids.workerResources")}
            visit["after_live_bytes"] = sum(size for name, size in after.items() if name.endswith("/python-snapshot.bin"))
        else:
            page.wait_for_load_state("networkidle")
        page.close()
        if again:
            page = throttled_page(context, link)
            ms, wire, pyodide = live(page, url, ready)
            visit.update(return_ms=ms, return_bytes=wire, return_pyodide=pyodide)
            if ours:
                visit["return_start"] = page.evaluate(START)
        return visit
    finally:
        context.close()


def bench_phone(results: dict, browser: Browser, base: str, loads: int = 5) -> None:
    print(f"phone (CPU {CPU_SLOWDOWN}x incl. the worker, 9 Mbit/s down, 1.5 up, 60 ms; median of {loads}, alternating):")
    ours, bare = [], []
    with CpuSlowdown():
        for _ in range(loads):
            bare.append(phone_visit(browser, base, ours=False, again=True))
            ours.append(phone_visit(browser, base, ours=True, again=True))
    m = lambda visits, key: median([v[key] for v in visits])  # noqa: E731
    first, bare_first = m(ours, "first_ms"), m(bare, "first_ms")
    report(results, "phone_first_ms", round(first),
           f"(1) first visit, time to live: {first:.0f} ms; bare loadPyodide page {bare_first:.0f} ms; "
           f"ratio {first / bare_first:.3f} (goal <= 0.60)")
    back, bare_back = m(ours, "return_ms"), m(bare, "return_ms")
    starts = [v["return_start"].get("restored") for v in ours]
    report(results, "phone_return_ms", round(back),
           f"(2) return visit (HTTP cache warm): {back:.0f} ms; bare page's return visit {bare_back:.0f} ms; "
           f"ratio {back / bare_back:.3f} (goal <= 0.35); restored from the snapshot {sum(starts)} of {loads}; "
           f"Pyodide bytes from the network {max(v['return_pyodide'] for v in ours)} (goal 0)")
    report(results, "phone_return_ratio", round(back / bare_back, 3), "")
    wire, after = m(ours, "first_bytes"), m(ours, "after_live_bytes")
    report(results, "phone_first_bytes_until_live", round(wire),
           f"(6) bytes on the wire until live, first visit: {wire / 1e6:.2f} MB (goal <= 3.2 MB); bare page "
           f"{m(bare, 'first_bytes') / 1e6:.2f} MB; fetched after live (the snapshot, low priority): "
           f"{after / 1e6:.2f} MB ({', '.join(sorted({v['next_visit'] for v in ours}))})")
    report(results, "phone_after_live_bytes", round(after), "")
    # The choice: a copy of the site whose worker fetches the snapshot on a first visit too
    # (its cache probe made an ordinary fetch), against the site as built, alternating.
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(SITE, copy, ignore=shutil.ignore_patterns("_bench"))
        module = next((copy / "assets" / "pyodide").iterdir()) / "snapshot.js"
        module.write_text(module.read_text().replace('{ cache: "only-if-cached", mode: "same-origin" }', "{}"))
        for suffix in (".br", ".gz"):
            module.with_name(module.name + suffix).unlink()
        server = LocalServer(copy, Path(tmp) / "nginx")
        restoring, built = [], []
        try:
            with CpuSlowdown():
                for _ in range(loads):
                    restoring.append(phone_visit(browser, server.url, ours=True))
                    built.append(phone_visit(browser, base, ours=True))
        finally:
            server.stop()
    r, n = m(restoring, "first_ms"), m(built, "first_ms")
    report(results, "phone_first_restoring_ms", round(r),
           f"restoring on a first visit too: {r:.0f} ms to live, {m(restoring, 'first_bytes') / 1e6:.2f} MB before live; "
           f"as built (normal start, snapshot after live) {n:.0f} ms: {'restore' if r < n else 'fetch after live'} wins")


def bench_slow(results: dict, browser: Browser, base: str, loads: int = 3) -> None:
    print(f"slow links, CPU {CPU_SLOWDOWN}x, first visits ({loads} each):")
    with CpuSlowdown():
        for label, link in SLOW_LINKS.items():
            outcomes = []
            for _ in range(loads):
                context = browser.browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
                try:
                    page = throttled_page(context, link)
                    page.goto(base + "opbouwen/", timeout=0)
                    outcomes.append(page.evaluate("wandelgids.ready.then(() => performance.now(), () => -1)"))
                finally:
                    context.close()
            live_ms = [ms for ms in outcomes if ms >= 0]
            key = "slow_" + label.split()[0].replace(".", "_")
            report(results, key, [round(ms) for ms in outcomes],
                   f"(5) {label}: live {len(live_ms)} of {loads} times, "
                   f"{', '.join(f'{ms / 1000:.1f} s' for ms in outcomes)}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Wandelgids benchmarks")
    parser.add_argument("--only", default="calculators,checks,ready,mobile,variants,latency,bytes,lighthouse,build")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    results: dict = {}
    if "calculators" in parts:
        bench_calculators(results)
    if "checks" in parts:
        bench_content_checks(results)
    if parts & {"ready", "mobile", "variants", "latency", "bytes", "lighthouse", "second", "offline", "phone", "slow"}:
        nginx_prefix = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
        server = serve_with_bare_page(SITE, nginx_prefix)
        base = server.url
        browser = Browser()
        try:
            if "ready" in parts:
                bench_ready(results, browser, base)
            if "mobile" in parts:
                bench_mobile(results, browser, base)
            if "variants" in parts:
                bench_stdlib_variants(results, browser)
            if "latency" in parts:
                bench_latency(results, browser, base)
            if "bytes" in parts:
                bench_bytes(results, browser, base)
            if "phone" in parts:
                bench_phone(results, browser, base)
            if "slow" in parts:
                bench_slow(results, browser, base)
            if "second" in parts:
                bench_second_page(results, browser, base)
            if "offline" in parts:
                bench_offline(results, browser, base, nginx_prefix / "access.log")
        finally:
            browser.close()
        try:
            if "lighthouse" in parts:
                bench_lighthouse(results, base)
        finally:
            server.stop()
            shutil.rmtree(SITE / "_bench", ignore_errors=True)
            shutil.rmtree(nginx_prefix, ignore_errors=True)
    if "build" in parts:
        bench_build(results)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
