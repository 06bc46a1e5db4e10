"""A broken save never freezes the local site or the editor (`make edit`, `make serve`).

MkDocs' live-reload server answers no request while its last build failed ("The server
will appear stuck until build errors are resolved"), /admin/ included. The real entry
points run here on a temporary copy of the content: a bad calculator value shows a Dutch
page with file, line and fix in place of the pages, /admin/ keeps answering, and fixing
the file brings the page back.
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wandelgids.edit_server import free_port
from wandelgids.stop_page import TITLE

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from editor_normal_form import content_copy  # noqa: E402

GOOD = "/// calculator | progression\n///"  # the block on opbouwen.md
BAD = "/// calculator | progression\ngoal_minutes: 300\n///"  # the calculator allows 5 to 120


def get(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        answer = connection.getresponse()
        return answer.status, answer.read().decode(errors="replace")
    finally:
        connection.close()


def wait_for(port: int, path: str, contains: str, process: subprocess.Popen) -> str:
    """The page once it holds `contains` (the server rebuilds after a change; nothing is asserted on time)."""
    text = ""
    for _ in range(600):
        assert process.poll() is None, "de server stopte"
        try:
            status, text = get(port, path)
            if status == 200 and contains in text:
                return text
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{path} never showed {contains!r}; last answer: {text[:500]}")


def start(command: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def test_make_edit_shows_the_error_keeps_the_editor_and_recovers(tmp_path):
    project = content_copy(ROOT / "docs", tmp_path)
    page = project / "docs" / "opbouwen.md"
    original = page.read_text(encoding="utf-8")
    assert GOOD in original
    port = free_port()
    process = start([sys.executable, "-m", "wandelgids.edit_server", "--port", str(port), "--project", str(project)], ROOT)
    try:
        wait_for(port, "/opbouwen/", 'id="rekenhulp-progression"', process)
        line = original[:original.index(GOOD)].count("\n") + 2  # the option's line
        page.write_text(original.replace(GOOD, BAD, 1), encoding="utf-8")  # what a save writes
        shown = wait_for(port, "/opbouwen/", TITLE, process)
        assert f"docs/opbouwen.md, regel {line}</strong>" in shown
        assert "Oplossing: " in shown and "120" in shown
        assert 'href="../admin/">Naar de web-editor' in shown
        assert f"{TITLE}" in wait_for(port, "/", TITLE, process)  # every page, not only the broken one
        # The editor still answers, with its configuration.
        status, admin = get(port, "/admin/")
        assert status == 200 and "decap" in admin
        status, config = get(port, "/admin/config.json")
        assert status == 200 and '"collection"' in config
        page.write_text(original, encoding="utf-8")  # fixed
        assert TITLE not in wait_for(port, "/opbouwen/", 'id="rekenhulp-progression"', process)
    finally:
        stop(process)


def test_make_serve_starts_on_broken_content_and_recovers(tmp_path):
    """The same mechanism under plain `mkdocs serve` (what `make serve` runs), broken before it starts."""
    project = content_copy(ROOT / "docs", tmp_path)
    page = project / "docs" / "opbouwen.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original.replace(GOOD, BAD, 1), encoding="utf-8")
    port = free_port()
    process = start([str(ROOT / ".venv/bin/mkdocs"), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"], project)
    try:
        shown = wait_for(port, "/opbouwen/", TITLE, process)
        assert "docs/opbouwen.md, regel" in shown and "/livereload/" in shown  # it reloads itself once fixed
        assert get(port, "/admin/")[0] == 200
        page.write_text(original, encoding="utf-8")
        assert TITLE not in wait_for(port, "/opbouwen/", 'id="rekenhulp-progression"', process)
    finally:
        stop(process)
