"""What the `make edit` proxy lets through to decap-server: a staff member's browser, nothing else.

Any web page the staff member visits can send requests to 127.0.0.1 (and, by DNS rebinding,
with a foreign host name). decap-server writes wherever a request's paths point inside the
repository, and `mkdocs serve` runs scripts/hooks/*.py, so a write outside docs/ runs code.
The proxy therefore refuses, before decap-server sees the request: a foreign Host, a foreign
Origin, a body that is not JSON, and any path that does not normalise inside docs/.
Each check returns a Dutch refusal, or None when the request may pass.
"""

from __future__ import annotations

import json
import posixpath
from urllib.parse import unquote

from .glossary import FILE as GLOSSARY

DOCS = "docs"
# The editor's one file outside docs/: the glossary collection (wandelgids/editor.py).
OTHER_FILES = {GLOSSARY}

# Where decap-server's local backends read paths from (node_modules/decap-server/src/middlewares/joi/index.ts).
_PARAM_PATHS = ("folder", "path", "mediaFolder")
_PARAM_PATH_LISTS = ("paths",)


def own_hosts(port: int) -> set[str]:
    return {f"127.0.0.1:{port}", f"localhost:{port}"}


def check_host(host: str | None, port: int) -> str | None:
    if (host or "").lower() not in own_hosts(port):
        return (f"Geweigerd: dit verzoek is niet voor de lokale editor bedoeld (adres '{host or ''}'). "
                f"Open de editor via http://127.0.0.1:{port}/admin/.")
    return None


def check_origin(origin: str | None, port: int) -> str | None:
    if origin is None or origin.lower() in {f"http://{h}" for h in own_hosts(port)}:
        return None
    return (f"Geweigerd: een andere website ('{origin}') probeerde via de lokale editor iets op te slaan. "
            "Alleen de editor zelf mag dat.")


def _inside_docs(path: object) -> bool:
    if not isinstance(path, str) or not path or "\\" in path or "\x00" in path:
        return False
    for form in {path, unquote(path), unquote(unquote(path))}:
        if form.startswith("/") or ":" in form.split("/")[0]:
            return False
        normal = posixpath.normpath(form)
        if normal in OTHER_FILES:
            continue
        if normal != DOCS and not normal.startswith(DOCS + "/"):
            return False
    return True


def request_paths(body: dict) -> list[object]:
    """Every path in a decap-server request: entries, renames, assets, media folders, deletions."""
    params = body.get("params") or {}
    if not isinstance(params, dict):
        return []
    found: list[object] = [params[key] for key in _PARAM_PATHS if key in params]
    for key in _PARAM_PATH_LISTS:
        found += list(params.get(key) or [])
    for item in params.get("files") or []:
        found.append(item.get("path") if isinstance(item, dict) else item)
    files = [params["entry"]] if isinstance(params.get("entry"), dict) else []
    files += [f for f in params.get("dataFiles") or [] if isinstance(f, dict)]
    files += [a for a in params.get("assets") or [] if isinstance(a, dict)]
    if isinstance(params.get("asset"), dict):
        files.append(params["asset"])
    for item in files:
        found += [item[key] for key in ("path", "newPath") if key in item]
    return found


def check_api_body(content_type: str | None, raw: bytes | None) -> tuple[dict | None, str | None]:
    """The body as JSON, or a refusal: decap-server's API takes JSON only."""
    if (content_type or "").split(";")[0].strip().lower() != "application/json":
        return None, "Geweigerd: de editor stuurt alleen JSON (Content-Type: application/json)."
    try:
        body = json.loads(raw or b"")
    except ValueError:
        return None, "Geweigerd: de inhoud van dit verzoek is geen geldige JSON."
    if not isinstance(body, dict):
        return None, "Geweigerd: de inhoud van dit verzoek is geen JSON-object."
    for path in request_paths(body):
        if not _inside_docs(path):
            return None, (f"Geweigerd: het pad '{path}' ligt buiten de map docs/. "
                          "De editor mag alleen pagina's en afbeeldingen in docs/ lezen en opslaan.")
    return body, None
