"""`make edit` on a staff member's computer: only the editor itself may write, and only inside docs/.

Runs the real entry point (python -m wandelgids.edit_server, what `make edit` runs) with its
real decap-server in git mode, on a temporary git repository with the content; every refused
request must leave the repository unchanged (files and commits)."""

from __future__ import annotations

import hashlib
import http.client
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wandelgids import edit_guard
from wandelgids.edit_server import free_port

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from editor_normal_form import content_copy  # noqa: E402


def fingerprint(project: Path) -> str:
    """Every file outside .git that a write could reach, and every branch's commit."""
    digest = hashlib.sha256()
    for path in sorted(project.rglob("*")):
        if path.is_file() and ".git" not in path.relative_to(project).parts:
            digest.update(f"{path}:{path.stat().st_size}:{path.stat().st_mtime_ns}".encode())
    refs = subprocess.run(["git", "-C", str(project), "show-ref"], capture_output=True, text=True).stdout
    digest.update(refs.encode())
    return digest.hexdigest()


def call(port: int, body: bytes | None, headers: dict[str, str], method: str = "POST", path: str = "/api/v1"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Host": f"127.0.0.1:{port}", **headers})
        answer = connection.getresponse()
        return answer.status, answer.read().decode()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return content_copy(ROOT / "docs", tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def edit_port(project):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "wandelgids.edit_server", "--port", str(port), "--project", str(project)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):  # the proxy starts after decap-server answers
            assert process.poll() is None, "make edit stopte meteen"
            try:
                call(port, None, {"Host": "evil.example"}, method="GET", path="/")
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def save(path: str, raw: str = "geschreven door een andere website\n", workflow: bool = False) -> bytes:
    return json.dumps({"action": "persistEntry", "params": {
        "branch": "main", "entry": {"slug": "x", "path": path, "raw": raw}, "assets": [],
        "options": {"commitMessage": "x", "useWorkflow": workflow, "status": "draft" if workflow else "",
                    "collectionName": "paginas"}}}).encode()


JSON = {"Content-Type": "application/json"}
REFUSED = [
    ("vreemde Host (DNS rebinding)", save("docs/x.md"), {**JSON, "Host": "evil.example:80"}, "niet voor de lokale editor"),
    ("vreemde Host met eigen poort", save("docs/x.md"), {**JSON, "Host": "evil.example:{port}"}, "niet voor de lokale editor"),
    ("vreemde Origin", save("docs/x.md"), {**JSON, "Origin": "http://evil.example"}, "andere website"),
    ("Origin van een andere poort", save("docs/x.md"), {**JSON, "Origin": "http://127.0.0.1:1"}, "andere website"),
    ("geen JSON (formulier)", b"action=persistEntry", {"Content-Type": "application/x-www-form-urlencoded"}, "alleen JSON"),
    ("text/plain met JSON erin", save("docs/x.md"), {"Content-Type": "text/plain"}, "alleen JSON"),
    ("kapotte JSON", b"{\"action\": ", JSON, "geen geldige JSON"),
    ("../mkdocs.yml", save("docs/../mkdocs.yml"), JSON, "buiten de map docs/"),
    ("mkdocs.yml", save("mkdocs.yml"), JSON, "buiten de map docs/"),
    ("hook script", save("scripts/hooks/x.py"), JSON, "buiten de map docs/"),
    ("absoluut pad", save(str(ROOT / "docs" / "x.md")), JSON, "buiten de map docs/"),
    ("gecodeerd pad", save("docs/%2e%2e/mkdocs.yml"), JSON, "buiten de map docs/"),
    # The editorial workflow (decap-server in git mode): a draft is checked like a save.
    ("concept buiten docs/", save("scripts/hooks/x.py", workflow=True), JSON, "buiten de map docs/"),
    ("concept lezen buiten docs/", json.dumps({"action": "unpublishedEntryDataFile", "params": {
        "branch": "main", "collection": "paginas", "slug": "x", "id": "paginas/x", "path": ".git/config"}}).encode(),
     JSON, "buiten de map docs/"),
]


@pytest.mark.parametrize("name, body, headers, message", REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_and_nothing_written(edit_port, project, name, body, headers, message):
    before = fingerprint(project)
    headers = {key: value.format(port=edit_port) for key, value in headers.items()}
    status, text = call(edit_port, body, headers)
    assert status == 403, (status, text)
    assert message in text
    assert fingerprint(project) == before


def test_editor_itself_still_reads(edit_port):
    """The checks refuse strangers, not the editor: its own origin, JSON, a folder in docs/."""
    for host in (f"127.0.0.1:{edit_port}", f"localhost:{edit_port}"):
        body = json.dumps({"action": "entriesByFolder", "params": {"branch": "main", "folder": "docs", "extension": "md", "depth": 1}})
        status, text = call(edit_port, body.encode(), {**JSON, "Host": host, "Origin": f"http://{host}"})
        assert status == 200, text
        assert any(entry["file"]["path"] == "docs/index.md" for entry in json.loads(text))


RENAME = {"action": "persistEntry", "params": {"branch": "main", "dataFiles": [
    {"slug": "x", "path": "docs/x.md", "raw": "x", "newPath": "scripts/hooks/x.py"}], "assets": [
    {"path": "docs/afbeeldingen/x.png", "content": "eA==", "encoding": "base64"}], "options": {}}}


@pytest.mark.parametrize("body, paths", [
    (RENAME, ["docs/x.md", "scripts/hooks/x.py", "docs/afbeeldingen/x.png"]),
    ({"action": "getMedia", "params": {"mediaFolder": "/etc"}}, ["/etc"]),
    ({"action": "deleteFiles", "params": {"paths": ["docs/a.md", ".git/config"]}}, ["docs/a.md", ".git/config"]),
    ({"action": "entriesByFiles", "params": {"files": [{"path": "woordenlijst.yml"}]}}, ["woordenlijst.yml"]),
    ({"action": "unpublishedEntryMediaFile", "params": {"collection": "paginas", "slug": "x", "id": "paginas/x", "path": "../x"}}, ["../x"]),
    ({"action": "persistMedia", "params": {"asset": {"path": "../x", "content": "", "encoding": "base64"}}}, ["../x"]),
])
def test_every_path_in_a_request_is_found(body, paths):
    assert sorted(edit_guard.request_paths(body)) == sorted(paths)


@pytest.mark.parametrize("path, inside", [
    ("docs", True), ("docs/a.md", True), ("docs/afbeeldingen/x.png", True), ("woordenlijst.yml", True),
    ("docs/../mkdocs.yml", False), ("docs/%2e%2e/mkdocs.yml", False), ("docs/%252e%252e/x", False), ("/docs/a.md", False),
    ("docs\\..\\mkdocs.yml", False), ("C:/docs/a.md", False), ("docsx/a.md", False), ("", False), (None, False), (3, False),
])
def test_paths_normalise_inside_docs(path, inside):
    assert edit_guard._inside_docs(path) is inside


def test_make_edit_starts_only_where_the_editor_can_commit(tmp_path):
    """decap-server's git mode commits in the folder itself: a git repository on the editor's branch, with a name."""
    from wandelgids.edit_git import editor_branch, git_problem

    assert "geen git-map" in git_problem(tmp_path, "main")
    project = content_copy(ROOT / "docs", tmp_path / "project")
    assert editor_branch(project) == "main"  # extra.editor.backend.branch in mkdocs.yml
    assert git_problem(project, "main") is None
    subprocess.run(["git", "-C", str(project), "switch", "--quiet", "-c", "ander"], check=True)
    assert "git switch main" in git_problem(project, "main")
    answer = subprocess.run([sys.executable, "-m", "wandelgids.edit_server", "--port", str(free_port()), "--project", str(project)],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert answer.returncode == 1 and "make edit start niet: De web-editor bewaart op de tak 'main'" in answer.stderr


def test_while_the_site_is_first_built_the_browser_gets_a_dutch_page_that_retries():
    """`mkdocs serve`'s first build takes minutes after make edit prints its addresses: no English error page meanwhile."""
    from wandelgids.edit_server import STARTING_RETRY, start_proxy

    proxy = start_proxy(0, free_port(), free_port())  # nothing listens on either port yet
    port = proxy.server_address[1]
    try:
        for path in ("/", "/admin/"):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
            answer = connection.getresponse()
            text = answer.read().decode()
            assert answer.status == 503 and answer.getheader("Retry-After") == str(STARTING_RETRY)
            assert "<h1>De website wordt klaargezet</h1>" in text and f'http-equiv="refresh" content="{STARTING_RETRY}"' in text
            assert "Error" not in text
    finally:
        proxy.shutdown()
    assert '"De website wordt klaargezet"' in " ".join((ROOT / "HANDLEIDING.md").read_text(encoding="utf-8").split())
