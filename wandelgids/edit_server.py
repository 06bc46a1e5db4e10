"""`make edit`: the live-reloading site and the web editor, on one local address.

Starts decap-server (npm, pinned: Decap's local backend) in git mode and `mkdocs
serve`, and puts a small proxy in front of both, so that the editor at /admin/ talks
to /api/v1 on its own origin and requests nothing from anywhere else. Git mode gives
the editorial workflow locally too (publish_mode in wandelgids/editor.py): a save is a
commit on a branch cms/<collection>/<slug>, and only publishing merges it into the
editor's branch (extra.editor.backend.branch), whose docs/ the site shows. The folder
must therefore be a git repository on that branch, with a git name and e-mail address. After each save in the editor it prints the content checks' report
(wandelgids.content_checks). The tests use the same proxy in front of a built site.

    python -m wandelgids.edit_server [--port 8000] [--project FOLDER]

--project (or EDIT_PROJECT): another git folder with mkdocs.yml and docs/ (the tests
use a temporary repository).
"""

from __future__ import annotations

import argparse
import functools
import http.client
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from serving.policy import admin_csp

from . import content_checks, edit_git, edit_guard, editor_report
from .editor import EDIT_URL_ENV
from .front_matter import read_pages

ROOT = Path(__file__).resolve().parent.parent
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
API = "/api/v1"
# Requests after which the content is checked again (publishing merges a draft into docs/).
SAVING_ACTIONS = {"persistEntry", "deleteFile", "deleteFiles", "persistMedia", "publishUnpublishedEntry"}
# While `mkdocs serve` builds the site for the first time (a few minutes) the proxy already answers:
# in place of Python's English "Error response" page, this one, which reloads itself (no script: the
# editor's CSP holds) until the site and /admin/ are there.
STARTING_RETRY = 5
STARTING_PAGE = f"""<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta http-equiv="refresh" content="{STARTING_RETRY}">
<title>De website wordt klaargezet</title></head>
<body><h1>De website wordt klaargezet</h1>
<p>make edit bouwt de website. De eerste keer duurt dat een paar minuten. Deze pagina probeert het
elke {STARTING_RETRY} seconden opnieuw en toont dan vanzelf de website of de web-editor.</p>
<p>Blijft dit staan, kijk dan in het venster van de terminal of daar een melding staat.</p></body></html>
"""
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


MODES = {"git": "local_git", "fs": "local_fs"}  # decap-server's MODE -> the type its info action answers


def start_decap_server(repo: Path, port: int, origin: str | None = None, mode: str = "git") -> subprocess.Popen:
    """decap-server on 127.0.0.1:port for the repository repo; CORS only for origin.

    mode "git" (`make edit`): saves are commits, drafts are branches (editorial workflow).
    mode "fs": writes straight into the files; Decap then falls back to simple publishing.
    """
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": mode,
           "ORIGIN": origin or "http://127.0.0.1", "GIT_REPO_DIRECTORY": str(repo), "LOG_LEVEL": "warn"}
    process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"decap-server stopte meteen: {process.stderr.read().decode(errors='replace')}")
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{API}", data=json.dumps({"action": "info"}).encode(),
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2) as answer:
                if json.load(answer).get("type") == MODES[mode]:
                    return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("decap-server antwoordde niet binnen 30 seconden.")


class ProxyHandler(http.server.SimpleHTTPRequestHandler):
    """/api/v1 goes to decap-server; the rest to `mkdocs serve`, or files from a folder."""

    decap: tuple[str, int]
    site: tuple[str, int] | None = None  # None: serve the directory given to the handler
    admin_headers: dict[str, str] = {}  # e.g. the editor's Content-Security-Policy, as a server would send it
    check_docs: Path | None = None  # run the content checks on this folder after each save
    drafts_of: str | None = None  # git mode: the editor's branch; a concept's report checks the concept
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass

    def end_headers(self):
        if self.path.startswith("/admin/"):
            for key, value in self.admin_headers.items():
                self.send_header(key, value)
        super().end_headers()

    def _refuse(self, message: str) -> None:
        data = (message + "\n").encode()
        self.send_response(403)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _starting(self) -> None:
        """`mkdocs serve` does not answer yet (its first build takes minutes): say so in Dutch and try again."""
        data = STARTING_PAGE.encode()
        self.send_response(503)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Retry-After", str(STARTING_RETRY))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _forward(self, upstream: tuple[str, int]) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        if upstream == self.decap:  # a write into the project: only the editor itself, only inside docs/
            port = self.server.server_address[1]
            _, refusal = edit_guard.check_api_body(self.headers.get("Content-Type"), body)
            refusal = edit_guard.check_origin(self.headers.get("Origin"), port) or refusal
            if refusal:
                self._refuse(refusal)
                return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        connection = http.client.HTTPConnection(*upstream, timeout=300)  # livereload long-polls
        try:
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            data = answer.read()
        except OSError:
            if upstream == self.decap:
                self.send_error(502, "De lokale server antwoordt niet.")
            else:
                self._starting()
            return
        finally:
            connection.close()
        self.send_response(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in HOP_BY_HOP | {"content-length"}:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        if self.check_docs and body and upstream == self.decap and answer.status == 200:
            self._check_after_save(body)

    @staticmethod
    def _is_concept(body: bytes) -> bool:
        """A save in the editorial workflow: it changed a concept's branch, not docs/ (the editor shows its check)."""
        try:
            return json.loads(body)["params"]["options"]["useWorkflow"] is True
        except (ValueError, KeyError, TypeError):
            return False

    def _check_after_save(self, body: bytes) -> None:
        """After the editor saved or deleted something: every content problem, in the terminal."""
        try:
            action = json.loads(body).get("action")
        except ValueError:
            return
        if action in SAVING_ACTIONS and not self._is_concept(body):
            findings = content_checks.check_site(self.check_docs)
            print(f"\nControle na opslaan in de web-editor:\n{content_checks.report(findings, len(read_pages(self.check_docs)))}\n", flush=True)

    def _route(self) -> bool:
        # DNS rebinding: a foreign page under its own host name that resolves to 127.0.0.1.
        refusal = edit_guard.check_host(self.headers.get("Host"), self.server.server_address[1])
        if refusal:
            self._refuse(refusal)
            return True
        if self.path == API or self.path.startswith(API + "/") or self.path.startswith(API + "?"):
            self._forward(self.decap)
            return True
        if self.site:
            self._forward(self.site)
            return True
        return False

    def _report(self) -> bool:
        """GET /api/controle?bestand=docs/x.md: the content checks after a save, for the editor (wandelgids.editor_report)."""
        path, _, query = self.path.partition("?")
        if path != editor_report.PATH or not self.check_docs:
            return False
        refusal = edit_guard.check_host(self.headers.get("Host"), self.server.server_address[1])
        if refusal:  # the report is for the editor on this computer only, like the rest
            self._refuse(refusal)
            return True
        saved = urllib.parse.parse_qs(query).get("bestand", [None])[0]
        with tempfile.TemporaryDirectory() as temp:
            concept = (edit_git.draft_docs(self.check_docs.parent, self.drafts_of, saved, Path(temp))
                       if self.drafts_of else None)
            report = editor_report.saved_report(concept or self.check_docs, saved, concept=concept is not None)
        data = json.dumps(report, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return True

    def do_GET(self):  # noqa: N802 - http.server's names
        if not self._report() and not self._route():
            super().do_GET()

    def do_HEAD(self):  # noqa: N802
        if not self._route():
            super().do_HEAD()

    def do_POST(self):  # noqa: N802
        if not self._route():
            self.send_error(405)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # aborted requests are expected
        pass


def start_proxy(port: int, decap_port: int, site_port: int | None = None, directory: Path | None = None,
                admin_headers: dict[str, str] | None = None, check_docs: Path | None = None,
                drafts_of: str | None = None) -> QuietServer:
    handler = type("Handler", (ProxyHandler,), {
        "decap": ("127.0.0.1", decap_port),
        "site": ("127.0.0.1", site_port) if site_port else None,
        "admin_headers": admin_headers or {},
        "check_docs": check_docs,
        "drafts_of": drafts_of,
    })
    server = QuietServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory or ROOT)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Website en web-editor lokaal, samen op één adres.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("EDIT_PORT", 8000)))
    parser.add_argument("--project", type=Path, default=Path(os.environ.get("EDIT_PROJECT") or ROOT),
                        help="de map met mkdocs.yml en docs/, een git-map (EDIT_PROJECT)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    branch = edit_git.editor_branch(project)
    if problem := edit_git.git_problem(project, branch):
        print(f"make edit start niet: {problem}", file=sys.stderr, flush=True)
        return 1
    if changed := edit_git.uncommitted(project):
        print("Let op: deze bestanden zijn gewijzigd maar niet vastgelegd in git: " + ", ".join(changed[:10])
              + (" ..." if len(changed) > 10 else "") + ". De editor neemt ze mee in zijn eerstvolgende opslag. "
              "Is dat niet de bedoeling, stop dan (Ctrl+C) en leg ze eerst vast (git commit) of zet ze terug (git restore).",
              flush=True)
    # A plain `kill` stops everything too: SIGTERM unwinds through the cleanup below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    decap_port, site_port = free_port(), free_port()
    decap = start_decap_server(project, decap_port, origin=f"http://127.0.0.1:{args.port}", mode="git")
    # A content error does not stop `mkdocs serve`: the pages show it in Dutch and /admin/
    # keeps working until it is fixed (wandelgids.stop_page).
    mkdocs = subprocess.Popen([str(ROOT / ".venv/bin/mkdocs"), "serve", "--livereload", "--dev-addr", f"127.0.0.1:{site_port}"],
                              cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                                EDIT_URL_ENV: f"http://127.0.0.1:{args.port}/"})
    proxy = start_proxy(args.port, decap_port, site_port, admin_headers={"Content-Security-Policy": admin_csp()},
                        check_docs=project / "docs", drafts_of=branch)
    base = f"http://127.0.0.1:{args.port}/"
    print(f"\nWebsite (ververst vanzelf na elke wijziging): {base}\nWeb-editor (concept, review, publiceren):     {base}admin/\n"
          "Stoppen: Ctrl+C\n", flush=True)
    try:
        mkdocs.wait()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        proxy.shutdown()
        for process in (mkdocs, decap):
            process.terminate()
            process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
