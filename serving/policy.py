"""The one source of the site's response headers: security headers and caching.

nginx.py and cdn.py render these rules into their formats; nothing else states them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


@dataclass(frozen=True)
class CacheRule:
    """Cache-Control for the paths that match `pattern` (a regex on the URL path)."""

    why: str
    pattern: str
    cache_control: str

    def matches(self, path: str) -> bool:
        return re.search(self.pattern, path) is not None


# First match wins; what matches none is revalidated on every use (never stale).
CACHE_RULES = (
    CacheRule(
        "Pyodide and the calculators: the folder is named after a hash of its content",
        r"^/assets/pyodide/[0-9a-f]{12}/",
        IMMUTABLE,
    ),
    CacheRule(
        "Material's bundles: their names carry a hash of their content",
        r"\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$",
        IMMUTABLE,
    ),
)
DEFAULT_CACHE = REVALIDATE


def cache_control(path: str) -> str:
    return next((rule.cache_control for rule in CACHE_RULES if rule.matches(path)), DEFAULT_CACHE)


# Browser features the site never uses, switched off for the page and anything it embeds.
UNUSED_FEATURES = (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
    "geolocation", "gyroscope", "hid", "magnetometer", "microphone", "midi", "payment",
    "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking",
)  # fmt: skip


def content_security_policy(script_hashes: list[str]) -> str:
    """The pages' policy; `script_hashes` are the 'sha256-…' sources of Material's inline scripts."""
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


def sections() -> dict[str, tuple[str, str]]:
    """Parts of the site with a Content-Security-Policy of their own: {path prefix: (why, policy)}."""
    from wandelgids.editor import ADMIN_CSP

    return {"/admin/": ("The web editor (Decap CMS): its own policy, measured in wandelgids/editor.py", ADMIN_CSP)}


def policy_for(path: str, script_hashes: list[str]) -> str:
    for prefix, (_, policy) in sections().items():
        if path.startswith(prefix):
            return policy
    return content_security_policy(script_hashes)


def security_headers(script_hashes: list[str], path: str = "/") -> dict[str, str]:
    """Headers for every response under `path`, error pages included."""
    return {
        # Only this site's own files run or load; no inline code but Material's known scripts.
        "Content-Security-Policy": policy_for(path, script_hashes),
        # Browsers take the declared type, never guess one (a text file never runs as script).
        "X-Content-Type-Options": "nosniff",
        # Other sites see only the origin of a page a visitor came from, never its path or query.
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": ", ".join(f"{feature}=()" for feature in UNUSED_FEATURES),
    }
