"""/.well-known/security.txt (RFC 9116), only when the clinic supplies a contact.

`extra.security_contact` in mkdocs.yml: an e-mail address (mailto:...) or an https://
address. Empty, the site has no security.txt and the launch checklist lists it; the
site never invents one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


class SecurityContactError(ValueError):
    pass


def contact_uri(contact: str) -> str:
    contact = contact.strip()
    if contact.startswith(("mailto:", "https://")):
        return contact
    if "@" in contact and " " not in contact:
        return f"mailto:{contact}"
    raise SecurityContactError(
        f"mkdocs.yml: extra.security_contact '{contact}' is geen e-mailadres of https://-adres. "
        "Oplossing: vul bijvoorbeeld mailto:beveiliging@... of een https://-pagina in, of laat het leeg."
    )


def security_txt(contact: str, site_url: str, today: dt.date) -> str:
    # RFC 9116 requires Expires and advises less than a year: each build renews it.
    expires = today + dt.timedelta(days=365)
    lines = [f"Contact: {contact_uri(contact)}", f"Expires: {expires.isoformat()}T00:00:00Z", "Preferred-Languages: nl, en"]
    if site_url.startswith("https://"):
        lines.append(f"Canonical: {site_url.rstrip('/')}/.well-known/security.txt")
    return "\n".join(lines) + "\n"


def write(site: Path, contact: str, site_url: str, today: dt.date | None = None) -> Path | None:
    target = site / ".well-known" / "security.txt"
    if not contact.strip():
        if target.exists():
            target.unlink()
        return None
    target.parent.mkdir(exist_ok=True)
    target.write_text(security_txt(contact, site_url, today or dt.date.today()), encoding="utf-8")
    return target
