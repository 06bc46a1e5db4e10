"""The standard library cut to what the calculators use (scripts/stdlib_cut.py): it
really is cut, it never lacks a module the calculators import, and when a module is
missing anyway the page fails visibly instead of freezing."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import zipfile
from pathlib import Path

import calculators
import pytest
from conftest import ROOT

from wandelgids.load_status import SNAPSHOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_pyodide  # noqa: E402
import stdlib_cut  # noqa: E402

BUILD = ROOT / "build" / "pyodide" / build_pyodide.pyodide_version()
FULL = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"


@pytest.fixture(scope="module")
def traced(site) -> dict:
    return json.loads((BUILD / build_pyodide.TRACE_FILE).read_text())


def cut_names() -> set[str]:
    with zipfile.ZipFile(BUILD / build_pyodide.CUT_STDLIB) as cut:
        return set(cut.namelist())


def test_the_standard_library_is_cut_to_what_runs(traced):
    names = {name for name in cut_names() if not name.endswith("/")}
    with zipfile.ZipFile(FULL) as full:
        modules = {name for name in full.namelist() if name.endswith(".py")}
    assert 50 < len(names) < len(modules) / 2
    # What the calculators and Pyodide's start-up import is there ...
    for module in ("json/decoder", "datetime", "re/_compiler", "encodings/utf_8", "_pyodide/_base", "pyodide/ffi/__init__"):
        assert f"{module}.pyc" in names, module
    # ... and what nothing imports is not.
    for module in ("unittest/case", "xml/dom/minidom", "http/server", "sqlite3/__init__", "turtle", "pydoc"):
        assert f"{module}.pyc" not in names, module
    # Stored, so that brotli compresses it on the wire, and every entry bytecode.
    with zipfile.ZipFile(BUILD / build_pyodide.CUT_STDLIB) as cut:
        assert {info.compress_type for info in cut.infolist()} == {zipfile.ZIP_STORED}
    assert traced["calls"] > 200


def test_every_import_in_calculators_is_found_with_its_line(tmp_path):
    package = tmp_path / "calculators"
    package.mkdir()
    (package / "rules.py").write_text(
        "import json\nfrom . import helper\nfrom calculators import api\n\n"
        "def later():\n    import decimal\n    from email.utils import format_datetime\n"
    )
    found = stdlib_cut.import_statements(package)
    assert [(item["where"], item["code"]) for item in found] == [
        ("calculators/rules.py:1", "import json"),
        ("calculators/rules.py:6", "import decimal"),
        ("calculators/rules.py:7", "from email.utils import format_datetime"),
    ]
    # The real package: every import it makes is traced, and check() passes.
    real = stdlib_cut.import_statements(ROOT / "calculators")
    assert {"import json", "import datetime as _dt"} <= {item["code"] for item in real}


def test_the_build_stops_when_the_cut_zip_lacks_an_imported_module(traced, tmp_path):
    entries = [entry for entry in stdlib_cut.used_entries(traced) if entry != "datetime.py"]
    assert len(entries) == len(stdlib_cut.used_entries(traced)) - 1
    broken = tmp_path / "cut.zip"
    stdlib_cut.write_zip(FULL, entries, broken, compiled=True, optimize=2)
    with pytest.raises(stdlib_cut.StdlibCutError) as error:
        stdlib_cut.check(traced, broken)
    message = str(error.value)
    assert "calculators/progression.py:10: 'import datetime as _dt' needs module 'datetime'" in message
    assert "calculators/schema.py:5" in message
    assert "Fix:" in message
    # The shipped zip passes the same check.
    stdlib_cut.check(traced, BUILD / build_pyodide.CUT_STDLIB)


def test_the_build_stops_on_an_import_pyodide_cannot_satisfy(tmp_path):
    package = tmp_path / "calculators"
    shutil.copytree(ROOT / "calculators", package)
    (package / "extra.py").write_text("def helper():\n    import bestaat_niet_module\n")
    with pytest.raises(stdlib_cut.StdlibCutError) as error:
        stdlib_cut.trace(BUILD, package, stdlib=build_pyodide.CUT_STDLIB)
    assert "calculators/extra.py:2: 'import bestaat_niet_module' fails in Pyodide (ModuleNotFoundError" in str(error.value)


def test_the_lock_file_lists_only_the_calculators():
    lock = json.loads((BUILD / "pyodide-lock.json").read_text())
    assert list(lock["packages"]) == [build_pyodide.PACKAGE]
    assert (BUILD / "pyodide-lock.json").stat().st_size < 2000


def test_a_missing_module_is_not_disguised_as_a_wrong_input(monkeypatch):
    """calculate() never raises for any input, except when Python lacks a module:
    then the browser's worker must fail visibly, not report an input error."""
    from calculators import breathing

    def lacking(values):
        raise ModuleNotFoundError("No module named 'statistics'", name="statistics")

    monkeypatch.setattr(breathing, "compute", lacking)
    with pytest.raises(ModuleNotFoundError):
        calculators.calculate("breathing", {})
    with pytest.raises(ModuleNotFoundError):
        calculators.calculate_json('{"name": "breathing", "params": {}}')

    def buggy(values):
        raise ZeroDivisionError

    monkeypatch.setattr(breathing, "compute", buggy)
    assert calculators.calculate("breathing", {})["ok"] is False


# ---- in Chromium ------------------------------------------------------------------


def test_a_zip_that_lacks_a_module_fails_visibly_and_keeps_the_plan(page, site, tmp_path):
    """A cut too far: the widget shows the failed state and the pre-rendered plan,
    never a frozen form or a stack trace."""
    from serving.nginx import LocalServer

    variant = tmp_path / "site"
    shutil.copytree(site, variant)
    folder = next((variant / "assets" / "pyodide").iterdir())
    cut = folder / build_pyodide.CUT_STDLIB
    with zipfile.ZipFile(cut) as source:
        kept = {name: source.read(name) for name in source.namelist() if name != "datetime.pyc"}
    with zipfile.ZipFile(cut, "w", zipfile.ZIP_STORED) as target:
        for name, data in kept.items():
            target.writestr(name, data)
    for suffix in (".br", ".gz"):
        cut.with_name(cut.name + suffix).unlink()
    server = LocalServer(variant, tmp_path / "nginx")
    try:
        page.goto(server.url + "opbouwen/")
        widget = page.locator("#rekenhulp-progression")
        plan = widget.locator("[data-result=summary]").inner_text()
        error = page.evaluate("wandelgids.ready.then(() => 'ready', (e) => String(e))")
        assert "datetime" in error
        page.wait_for_function("document.querySelector('#rekenhulp-progression').dataset.state === 'failed'")
        assert "De rekenhulp kon niet starten" in widget.locator("[data-calculator-status]").inner_text()
        assert widget.locator("[data-result=summary]").inner_text() == plan != ""
        assert widget.locator("input[name=current_minutes]").is_disabled()
        assert page.recorder.errors == []
    finally:
        server.stop()


def test_a_second_visit_loads_nothing_from_the_network(context, nginx_url):
    """Immutable caching: the Pyodide files and the worker come from the browser's cache."""
    first = context.new_page()
    first.goto(nginx_url + "opbouwen/")
    first.evaluate("wandelgids.ready")
    # Less the worker's look for a cached memory snapshot, which finds none on a first visit.
    fetched = [e for e in first.evaluate("wandelgids.workerResources") if not e["name"].endswith("/" + SNAPSHOT)]
    assert {entry["name"].rsplit("/", 1)[1] for entry in fetched} >= {"pyodide.asm.wasm", build_pyodide.CUT_STDLIB}
    assert all(entry["transferSize"] > 0 for entry in fetched)
    first.close()

    second = context.new_page()
    second.goto(nginx_url + "opbouwen/")
    second.evaluate("wandelgids.ready")
    cached = second.evaluate("wandelgids.workerResources")
    page_entries = second.evaluate("performance.getEntriesByType('resource').map((e) => [e.name, e.transferSize])")
    # The same files, or the memory snapshot instead of the wheel once it is cached (test_snapshot_browser.py).
    assert {e["name"] for e in fetched} - {e["name"] for e in cached} <= {e["name"] for e in fetched if e["name"].endswith(".whl")}
    assert [entry for entry in cached if entry["transferSize"] != 0] == []
    assert [name for name, size in page_entries if "/assets/pyodide/" in name and size != 0] == []
    # Still correct from the cache.
    result = second.evaluate("wandelgids.calculate('breathing', {cadence: 120})")
    assert result == json.loads(json.dumps(calculators.calculate("breathing", {"cadence": 120})))


def test_the_same_folder_gives_the_same_snapshot(tmp_path):
    """The memory snapshot is made with a fixed clock, entropy and environment, so the
    folder named after its content does not change when nothing else did."""
    built = ROOT / "build" / "pyodide" / build_pyodide.pyodide_version()
    folder = tmp_path / "pyodide"
    shutil.copytree(built, folder, ignore=shutil.ignore_patterns(SNAPSHOT))
    traced = json.loads((built / build_pyodide.TRACE_FILE).read_text())
    made = build_pyodide.write_snapshot(folder, list(traced["modules"]))
    assert made.read_bytes() == (built / SNAPSHOT).read_bytes()
    header = json.loads(made.read_bytes().split(b"\n", 1)[0])
    assert header["lock_sha256"] == hashlib.sha256((built / "pyodide-lock.json").read_bytes()).hexdigest()


def test_the_compiled_wheel_does_not_carry_the_build_time(tmp_path):
    """py-compile stamps the wheel's entries and each .pyc's source time with the build's
    time; fixed, the same sources give the same wheel (and lock file, folder and snapshot)."""
    import importlib.util
    import zipfile

    def built_at(when: int) -> bytes:
        wheel = tmp_path / "x-1.0-py3-none-any.whl"
        pyc = importlib.util.MAGIC_NUMBER + bytes(4) + when.to_bytes(4, "little") + (7).to_bytes(4, "little") + b"code"
        with zipfile.ZipFile(wheel, "w") as out:
            out.writestr(zipfile.ZipInfo("x/__init__.pyc", (2026, 1, 1, 0, 0, when % 60)), pyc)
        lock = tmp_path / "pyodide-lock.json"
        lock.write_text(json.dumps({"packages": {"x": {"file_name": wheel.name, "sha256": "old"}}}))
        build_pyodide.fixed_dates(wheel, lock)
        assert json.loads(lock.read_text())["packages"]["x"]["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
        return wheel.read_bytes()

    assert built_at(1_700_000_001) == built_at(1_700_000_042)
