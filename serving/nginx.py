"""Render the nginx configuration from policy.py, and run nginx on the built site."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import jinja2

from . import policy

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
    autoescape=False,
)
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
# The types the site serves; the rest is application/octet-stream.
TYPES = (
    ("text/html", ("html",)),
    ("text/css", ("css",)),
    ("text/javascript", ("js", "mjs")),
    ("application/json", ("json", "map")),
    ("application/xml", ("xml",)),
    ("text/plain", ("txt",)),
    ("text/calendar", ("ics",)),
    ("image/svg+xml", ("svg",)),
    ("image/png", ("png",)),
    ("image/x-icon", ("ico",)),
    ("application/manifest+json", ("webmanifest",)),
    ("application/wasm", ("wasm",)),
    ("application/zip", ("zip", "whl")),
)


def _regex(pattern: str) -> str:
    """A policy pattern (exact path, or prefix ending in '*') as an nginx regex on the path."""
    if pattern.endswith("*"):
        return "^" + re.escape(pattern[:-1])
    return "^" + re.escape(pattern) + "$"


def header_maps(rules: list[policy.HeaderRule]) -> list[dict]:
    """Per header: its value for every path, as an nginx map from the requested path.
    The last matching rule wins, so the map lists the rules last first (nginx takes the
    first regex that matches); the `/*` rule is the default."""
    first, *rest = rules
    assert first.pattern == "/*", "the first rule must be /* and set every header"
    maps = []
    for index, (name, default) in enumerate(first.headers.items()):
        # None: not sent (nginx's add_header sends nothing for an empty value).
        entries = [(_regex(rule.pattern), rule.headers[name] or "") for rule in reversed(rest) if name in rule.headers]
        maps.append({"name": name, "variable": f"$wandelgids_header_{index}", "default": default, "entries": entries})
    return maps


def server_conf(rules: list[policy.HeaderRule], root: Path | str, listen: str, server_name: str = "_") -> str:
    return TEMPLATES.get_template("server.conf.j2").render(
        listen=listen,
        server_name=server_name,
        root=root,
        types=TYPES,
        maps=header_maps(rules),
    )


def nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def missing_parts() -> list[str]:
    """What `make serve-prod` and the tests still need installed ([] when ready)."""
    missing = []
    if not Path(nginx_binary()).is_file():
        missing.append("nginx")
    if not BROTLI_MODULE.is_file():
        missing.append("libnginx-mod-http-brotli-static")
    return missing


def write_local_config(site: Path, prefix: Path, port: int, rules: list[policy.HeaderRule], host: str = "127.0.0.1") -> Path:
    """A standalone nginx.conf serving `site` on host:port, its pid, logs and temp files under `prefix`."""
    prefix = prefix.resolve()
    (prefix / "tmp").mkdir(parents=True, exist_ok=True)
    server = prefix / "wandelgids.conf"
    server.write_text(server_conf(rules, site.resolve(), f"{host}:{port}"), encoding="utf-8")
    conf = prefix / "nginx.conf"
    conf.write_text(
        TEMPLATES.get_template("nginx.conf.j2").render(
            prefix=prefix,
            root=site.resolve(),
            listen=f"{host}:{port}",
            server_conf=server,
            brotli_module=BROTLI_MODULE,
            # As root, workers would drop to 'nobody', who may not reach a project folder;
            # a normal user's nginx keeps that user.
            user="root" if os.geteuid() == 0 else None,
        ),
        encoding="utf-8",
    )
    return conf


def command(conf: Path) -> list[str]:
    """nginx in the foreground with this config; -e keeps even start-up errors under the prefix."""
    return [nginx_binary(), "-p", str(conf.parent), "-c", str(conf), "-e", str(conf.parent / "error.log"), "-g", "daemon off;"]


class LocalServer:
    """nginx serving `site` on a free local port until stop(): for the tests and benchmarks."""

    def __init__(self, site: Path, prefix: Path):
        from .facts import site_rules

        if missing := missing_parts():
            raise RuntimeError(f"{' and '.join(missing)} not installed; 'make test' installs them.")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        conf = write_local_config(site, prefix, self.port, site_rules(site))
        self.process = subprocess.Popen(command(conf), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}/"
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    log = prefix / "error.log"
                    raise RuntimeError(f"nginx did not start: {log.read_text(errors='replace')[-2000:] if log.is_file() else ''}")
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
