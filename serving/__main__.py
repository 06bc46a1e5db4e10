"""Production serving from the command line.

    python -m serving finish site      # after mkdocs build: write site/service-worker.js, check
                                       # inline code, precompress, write site/_headers and
                                       # build/nginx/wandelgids.conf
    python -m serving serve site --port 8080   # nginx in the foreground (make serve-prod)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

from wandelgids.launch import Project

from . import cdn, nginx, offline, security_txt
from .facts import site_rules
from .inline_code import InlineCodeError, inline_script_hashes
from .policy import PolicyError
from .precompress import precompress

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ROOT = "/var/www/wandelgids"


def finish(site: Path) -> None:
    try:
        project = Project.load(ROOT)
        site_url = str(project.config.get("site_url") or "")
        security_txt.write(site, str(project.extra.get("security_contact") or ""), site_url)
        rules = site_rules(site)
        headers = cdn.render(rules)
        # Before the compressed copies: the service worker is one of the site's files (its
        # headers are every file's, the `/*` rule).
        kept = offline.write(site, urlsplit(site_url).path or "/")
    except (InlineCodeError, PolicyError, cdn.HeadersError, security_txt.SecurityContactError, FileNotFoundError) as error:
        sys.exit(f"serving: {error}")
    (site / "_headers").write_text(headers, encoding="utf-8")
    out = ROOT / "build" / "nginx"
    out.mkdir(parents=True, exist_ok=True)
    (out / "wandelgids.conf").write_text(nginx.server_conf(rules, PRODUCTION_ROOT, "80"), encoding="utf-8")
    counts = precompress(site, ROOT / "build" / "precompressed")
    print(
        f"serving: service-worker.js for {len(kept['files'])} files (version {kept['version']}); "
        f"{len(inline_script_hashes(site))} inline scripts hashed into the CSP; _headers ({len(rules)} rules) "
        "and build/nginx/wandelgids.conf "
        f"written; {counts['written']} precompressed files ({counts['compressed_now']} compressed now)"
    )


def serve(site: Path, port: int) -> None:
    if missing := nginx.missing_parts():
        sys.exit(f"serving: install {' '.join(missing)} first (make serve-prod does, as root).")
    if not (site / "_headers").is_file():
        sys.exit(f"serving: {site} is not a finished build; run 'make build' first.")
    conf = nginx.write_local_config(site, ROOT / "build" / "nginx-local", port, site_rules(site))
    print(f"Wandelgids (nginx, production headers): http://127.0.0.1:{port}/  (Ctrl+C stops)", flush=True)
    os.execv(nginx.nginx_binary(), nginx.command(conf))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m serving", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    finish_parser = commands.add_parser("finish", help="after mkdocs build")
    finish_parser.add_argument("site", type=Path)
    serve_parser = commands.add_parser("serve", help="nginx in the foreground")
    serve_parser.add_argument("site", type=Path)
    serve_parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    if args.command == "finish":
        finish(args.site)
    else:
        serve(args.site, args.port)


if __name__ == "__main__":
    main()
