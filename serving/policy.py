"""The one source of the site's response headers: security, isolation and caching.

nginx.py and cdn.py render these rules into their formats; nothing else states them.
A rule names a URL pattern as `_headers` writes it (an exact path, or a prefix ending
in `*`) and the headers it sets; a later matching rule replaces what an earlier one
set, and a header set to None is not sent. The first rule, `/*`, sets every header, so
any path, unknown ones and 404s included, gets a complete set, the same from nginx and
from a CDN; the files under /assets/ (no pages) go without the headers only pages use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from wandelgids.load_status import WORKER

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
DEFAULT_CACHE = REVALIDATE

CSP = "Content-Security-Policy"
COOP = "Cross-Origin-Opener-Policy"
PERMISSIONS = "Permissions-Policy"
# For a file that is no page: nothing in it may load or run, should it be opened on its own
# (an SVG is a document then). A page's policy governs what the page loads, not the file's.
ASSET_CSP = "default-src 'none'"
CACHE = "Cache-Control"

# Files whose URL changes with their content, so a browser may keep them for a year.
PYODIDE_FOLDER = re.compile(r"^/assets/pyodide/([0-9a-f]{12})/")
MATERIAL_BUNDLE = re.compile(r"^/assets/.*\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$")

# Browser features the site never uses, switched off for the page and anything it embeds.
UNUSED_FEATURES = (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
    "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
    "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking",
)  # fmt: skip


class PolicyError(ValueError):
    """A setting the headers are made from is unusable (Dutch, names the setting)."""


def content_security_policy(script_hashes: list[str]) -> str:
    """The pages' policy, one for all pages; `script_hashes` are the 'sha256-…' sources of every
    inline script on any page (Material's few), so no page needs a policy of its own."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *(f"'{h}'" for h in sorted(script_hashes))])
    directives = (
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "worker-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
    return "; ".join(directives)


# ---- the web editor (/admin/) ------------------------------------------------------

# Where each of Decap's git backends talks to, when mkdocs.yml does not say (Decap's own defaults).
# api: the REST API the editor calls (connect-src); auth: the OAuth host the login popup opens
# and, for GitLab/Gitea (PKCE), fetches the token from; images: the users' avatars.
BACKEND_HOSTS = {
    "github": {"api": "https://api.github.com", "auth": None, "images": ("https://avatars.githubusercontent.com",)},
    "gitlab": {"api": "https://gitlab.com/api/v4", "auth": "https://gitlab.com", "images": ()},
    "gitea": {"api": None, "auth": None, "images": ()},
}


def _origin(url: str, setting: str) -> str:
    parts = urlsplit(str(url))
    if parts.scheme != "https" or not parts.hostname:
        raise PolicyError(
            f"mkdocs.yml: extra.editor.backend.{setting} '{url}' is geen https://-adres. "
            "Oplossing: vul het volledige adres in, bijvoorbeeld https://gitea.example.nl/api/v1."
        )
    return f"https://{parts.netloc}"


def editor_origins(backend: dict | None) -> dict[str, list[str]]:
    """The other origins the editor needs for `backend` (extra.editor.backend): {'connect': [...], 'img': [...]}.
    None is `make edit`: decap-server on the same origin, nothing else."""
    if not backend:
        return {"connect": [], "img": []}
    name = backend.get("name")
    if name not in BACKEND_HOSTS:
        raise PolicyError(
            f"mkdocs.yml: extra.editor.backend.name '{name}' kent de site niet. "
            f"Oplossing: kies {', '.join(BACKEND_HOSTS)}."
        )
    hosts = BACKEND_HOSTS[name]
    api = backend.get("api_root") or hosts["api"]
    if not api:
        raise PolicyError(
            f"mkdocs.yml: extra.editor.backend voor {name} mist api_root. "
            "Oplossing: vul het adres van de API van de git-server in, bijvoorbeeld https://gitea.example.nl/api/v1."
        )
    connect = [_origin(api, "api_root")]
    auth = backend.get("base_url") or hosts["auth"]
    if auth:
        connect.append(_origin(auth, "base_url"))
    images = [*hosts["images"], *connect] if name != "github" else list(hosts["images"])
    return {"connect": sorted(set(connect)), "img": sorted(set(images))}


def admin_csp(backend: dict | None = None) -> str:
    """/admin/'s policy: what Decap needs beyond the pages' policy, measured in Chromium
    (tests/test_editor_browser.py runs every editor flow under it and fails on any violation):
    - script-src 'unsafe-eval': Decap validates its configuration with ajv, which compiles with new Function();
    - style-src 'unsafe-inline': Decap's components style themselves with emotion (<style> elements, style="");
    - connect-src blob: and img-src blob: data:: an uploaded image is read back from a blob: URL and previewed;
    - the git host of `backend` (extra.editor.backend): its API and OAuth host in connect-src, avatars in img-src.
    Everything else stays on 'self'."""
    origins = editor_origins(backend)
    connect = " ".join(["'self'", "blob:", *origins["connect"]])
    images = " ".join(["'self'", "blob:", "data:", *origins["img"]])
    return (
        f"default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src {connect}; font-src 'self'; frame-src 'self'; worker-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


# ---- the rules ---------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderRule:
    why: str
    pattern: str  # an exact URL path, or a prefix ending in "*"
    headers: dict[str, str | None]  # None: not sent

    def matches(self, path: str) -> bool:
        if self.pattern.endswith("*"):
            return path.startswith(self.pattern[:-1])
        return path == self.pattern


def site_headers(script_hashes: list[str]) -> dict[str, str]:
    """Every header of a page response; the rules after `/*` change only some of them."""
    return {
        # Only this site's own files run or load; no inline code but Material's known scripts.
        CSP: content_security_policy(script_hashes),
        # Browsers take the declared type, never guess one (a text file never runs as script).
        "X-Content-Type-Options": "nosniff",
        # Other sites see only the origin of a page a visitor came from, never its path or query.
        "Referrer-Policy": "strict-origin-when-cross-origin",
        PERMISSIONS: ", ".join(f"{feature}=()" for feature in UNUSED_FEATURES),
        # HTTPS only, for a year, after the first visit (browsers ignore it over plain HTTP, so it is
        # harmless behind a TLS proxy). No includeSubDomains: the clinic's other hosts are not ours to decide.
        "Strict-Transport-Security": "max-age=31536000",
        # No other site's window keeps a handle on ours (a page opened from another site cannot script it).
        COOP: "same-origin",
        # Our files load only into our own pages, never into another site's (no cross-site leaks).
        "Cross-Origin-Resource-Policy": "same-origin",
        # No Flash/PDF-era cross-domain policy files are honoured.
        "X-Permitted-Cross-Domain-Policies": "none",
        # Revalidate on every use (never stale); hashed files below are the exception.
        CACHE: REVALIDATE,
    }


def header_rules(url_paths: Iterable[str], script_hashes: list[str], backend: dict | None = None) -> list[HeaderRule]:
    """The rules for a built site: `url_paths` are the paths it answers (for its hashed files)."""
    paths = sorted(set(url_paths))
    rules = [
        HeaderRule("Every response, error pages and unknown paths included", "/*", site_headers(script_hashes)),
        HeaderRule(
            "The web editor (Decap CMS): its own policy for the git host in extra.editor.backend; "
            "its OAuth login opens the git host in a popup that reports back to the opener",
            "/admin/*",
            {CSP: admin_csp(backend), COOP: "same-origin-allow-popups"},
        ),
    ]
    page_csp = content_security_policy(script_hashes)
    rules += [
        HeaderRule(
            "Scripts, styles, images and Pyodide's files: no page, so the pages' policy, their feature "
            "switches and their window isolation do not apply (about 900 bytes less on each of a page's "
            "30-odd files, which a phone on a slow link waits for)",
            "/assets/*", {CSP: ASSET_CSP, PERMISSIONS: None, COOP: None},
        ),
        HeaderRule(
            "Worker scripts (the search worker's): a worker runs under the policy its own script arrives "
            "with, so theirs is the pages' one ('wasm-unsafe-eval' for Pyodide included)",
            "/assets/javascripts/workers/*", {CSP: page_csp},
        ),
    ]  # fmt: skip
    for folder in sorted({match[1] for path in paths if (match := PYODIDE_FOLDER.match(path))}):
        rules.append(HeaderRule(
            "Pyodide and the calculators: the folder is named after a hash of its content",
            f"/assets/pyodide/{folder}/*", {CACHE: IMMUTABLE},
        ))  # fmt: skip
        rules.append(HeaderRule(
            "The rekenhulp's worker script: its policy is the worker's", f"/assets/pyodide/{folder}/{WORKER}", {CSP: page_csp},
        ))  # fmt: skip
    for path in paths:
        if MATERIAL_BUNDLE.match(path):
            rules.append(HeaderRule("Material's bundles: their names carry a hash of their content", path, {CACHE: IMMUTABLE}))
    return rules


def headers_for(path: str, rules: list[HeaderRule]) -> dict[str, str]:
    """What a response for `path` carries: every matching rule in order, a later one replacing."""
    headers: dict[str, str | None] = {}
    for rule in rules:
        if rule.matches(path):
            headers.update(rule.headers)
    return {name: value for name, value in headers.items() if value is not None}
