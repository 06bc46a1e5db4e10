"""MkDocs hook: check the clinic's contact details (mkdocs.yml, extra.contact).

They are shown by the templates (partials/contact.html); this only tells staff, in
Dutch, when none are filled in, or when a field name is unknown.
"""

from __future__ import annotations

import sys

from mkdocs.exceptions import PluginError

FIELDS = ("phone", "email", "address", "website", "booking")
EMPTY = (
    "Let op: de contactgegevens van het Rugcentrum Hilversum zijn nog leeg "
    "(extra.contact in mkdocs.yml: phone, email, address, website, booking). "
    "'Hulp nodig', de voettekst en afgedrukte schema's tonen daarom geen contactblok."
)


def on_config(config):
    contact = config.extra.get("contact") or {}
    if not isinstance(contact, dict):
        raise PluginError(f"mkdocs.yml: extra.contact moet velden bevatten: {', '.join(FIELDS)}.")
    unknown = sorted(set(contact) - set(FIELDS))
    if unknown:
        raise PluginError(
            f"mkdocs.yml: extra.contact kent '{', '.join(unknown)}' niet. Gebruik alleen: {', '.join(FIELDS)}."
        )
    config.extra["contact"] = {field: str(contact.get(field) or "").strip() for field in FIELDS}
    if not any(config.extra["contact"].values()):
        # Not a MkDocs warning: --strict would stop the build, and empty is allowed.
        print(EMPTY, file=sys.stderr)
    return config
