"""The launch checklist: what only the clinic can supply before the site goes live.

Nothing here is invented: each item is a value the site could not know (contact
details, the questions the article left out, the site's address, the editor's git
account) and stays open until the clinic fills it in or confirms it in mkdocs.yml
(`extra.launch`). `make check-content` lists the open items; the publishing pipeline
(`python -m wandelgids.launch --strict`) refuses to publish to production while one is
open (a preview is allowed).

Items come from providers, functions from the project to a list of open items, so a
feature adds its own (for example the glossary's entries awaiting review) with
`register(provider)`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import calculators

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Item:
    key: str  # stable name, for tests and scripts
    where: str  # file:line where the clinic fills it in
    what: str  # Dutch: what is still missing
    how: str  # Dutch: what to do

    def __str__(self) -> str:
        return f"{self.where}: {self.what}\n  Zo vul je het in: {self.how}"


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as data; MkDocs' own tags (!!python/name, !ENV) are not needed here."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass
class Project:
    root: Path
    config: dict = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, root: Path = ROOT) -> Project:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
        return cls(root=root, config=yaml.load(text, Loader=_Loader) or {}, lines=text.splitlines())

    @property
    def extra(self) -> dict:
        return self.config.get("extra") or {}

    @property
    def launch(self) -> dict:
        return self.extra.get("launch") or {}

    def confirmed(self, key: str) -> bool:
        return self.launch.get(key) is True

    def unconfirmed(self, key: str, problem: str, fix: str) -> list[Item]:
        """The open item extra.launch.<key> (problem, fix in Dutch), or nothing once it is true."""
        return [] if self.confirmed(key) else [Item(key, self.where("extra", "launch", key), problem, fix)]

    def where(self, *keys: str) -> str:
        """mkdocs.yml:<line> of the nested key `keys` (the first line that names the last one after the others)."""
        line, start = 1, 0
        for key in keys:
            for number, text in enumerate(self.lines[start:], start + 1):
                if text.lstrip().startswith(f"{key}:"):
                    line, start = number, number
                    break
        return f"mkdocs.yml:{line}"


Provider = Callable[[Project], list[Item]]


def contact_details(project: Project) -> list[Item]:
    contact = project.extra.get("contact") or {}
    if any(str(value or "").strip() for value in contact.values()):
        return []
    return [Item(
        "contact", project.where("extra", "contact"),
        "de contactgegevens van het Rugcentrum Hilversum zijn leeg (telefoon, e-mail, adres, website, afspraken)",
        "vul onder extra.contact in wat van toepassing is; ze verschijnen op 'Hulp nodig', in de voettekst en op afgedrukte schema's.",
    )]  # fmt: skip


def faq_questions(project: Project) -> list[Item]:
    return project.unconfirmed(
        "faq_questions",
        "de vijf vragen op 'Veelgestelde vragen' (docs/veelgestelde-vragen.md) zijn nog niet bevestigd: het artikel "
        "gaf alleen de antwoorden, de site heeft de vragen erbij geformuleerd",
        "laat het centrum de vragen nakijken (pas ze zo nodig aan) en zet dan extra.launch.faq_questions op true.",
    )  # fmt: skip


def calculator_rules(project: Project) -> list[Item]:
    reviews = ", ".join(
        f"{name} ({calculators.describe(name)['review']['reviewed']})" for name in calculators.NAMES
    )
    return project.unconfirmed(
        "calculator_rules",
        f"de regels van de rekenhulpen en hun controledatum (REVIEW in calculators/*.py: {reviews}) zijn door de "
        "site ingevuld en nog niet door een zorgverlener van het centrum nagekeken",
        "laat een zorgverlener de regels onder 'Zo rekent deze rekenhulp' nakijken, zet REVIEW op de datum van die "
        "controle en zet dan extra.launch.calculator_rules op true.",
    )  # fmt: skip


def site_address(project: Project) -> list[Item]:
    if project.confirmed("site_url") and str(project.config.get("site_url") or "").startswith("https://"):
        return []
    return [Item(
        "site_url", project.where("site_url"),
        f"het adres van de website (site_url: '{project.config.get('site_url') or ''}') is een voorbeeld en nog niet bevestigd",
        "vul bij site_url het echte https://-adres van de website in en zet extra.launch.site_url op true.",
    )]  # fmt: skip


# What each of Decap's git backends needs to log in online (besides name and repo).
LOGIN_SETTINGS = {
    "github": ("base_url",),  # the clinic's OAuth service for GitHub (Decap's default is Netlify's)
    "gitlab": ("app_id",),  # the OAuth application's id on GitLab (auth_type: pkce)
    "gitea": ("api_root", "app_id", "base_url"),
}


def editor_backend(project: Project) -> list[Item]:
    backend = (project.extra.get("editor") or {}).get("backend") or {}
    name = backend.get("name")
    missing = [key for key in ("name", "repo", *LOGIN_SETTINGS.get(name, ())) if not backend.get(key)]
    if project.confirmed("editor_backend") and not missing:
        return []
    gaps = f" (ontbreekt: {', '.join(missing)})" if missing else ""
    return [Item(
        "editor_backend", project.where("extra", "editor", "backend"),
        f"de git-dienst van de web-editor (extra.editor.backend: {name or '?'} {backend.get('repo') or '?'}) is een "
        f"voorbeeld en nog niet bevestigd{gaps}",
        "vul de git-dienst, de repository, de tak en de inloggegevens (OAuth) van het centrum in zoals HANDLEIDING.md "
        "hoofdstuk 'Instellingen voor de beheerder' beschrijft, en zet dan extra.launch.editor_backend op true.",
    )]  # fmt: skip


def security_contact(project: Project) -> list[Item]:
    if str(project.extra.get("security_contact") or "").strip():
        return []
    return [Item(
        "security_contact", project.where("extra", "security_contact"),
        "er is geen contactadres voor beveiligingsmeldingen (extra.security_contact), dus geen /.well-known/security.txt",
        "vul een e-mailadres (mailto:...) of https://-adres in waar iemand meldingen over de beveiliging leest; "
        "de bouw maakt er dan security.txt van.",
    )]  # fmt: skip


def glossary_drafts(project: Project) -> list[Item]:
    """Every glossary explanation (woordenlijst.yml) that no reviewer has confirmed yet."""
    from . import glossary

    return [Item(
        f"glossary:{entry.term}", f"{glossary.FILE}:{entry.line}",
        f"de uitleg van '{entry.term}' in de woordenlijst is een concept van de site, nog niet gecontroleerd",
        "laat een zorgverlener de uitleg nakijken (pas hem zo nodig aan) en vul 'reviewed' (datum) en 'reviewer' (rol) in.",
    ) for entry in glossary.unreviewed(project.root / glossary.FILE)]  # fmt: skip


def concept_pages(project: Project) -> list[Item]:
    """Every page marked `concept: true`: the site's own text, not yet checked by a care provider."""
    from .front_matter import is_concept, read_pages

    return [Item(
        f"concept:{page.uri}", f"docs/{page.uri}:{page.key_lines.get('concept', 1)}",
        f"de pagina '{page.meta.get('title') or page.uri}' is een concept van de site, nog niet gecontroleerd",
        "laat een zorgverlener de pagina nakijken, vul 'reviewed' (datum) en 'reviewer' (rol) in en haal 'concept: true' weg.",
    ) for page in read_pages(project.root / "docs") if is_concept(page.meta)]  # fmt: skip


PROVIDERS: list[Provider] = [contact_details, faq_questions, calculator_rules, site_address, editor_backend, security_contact,
                             glossary_drafts, concept_pages]


def register(provider: Provider) -> Provider:
    """Add a provider of checklist items (usable as a decorator)."""
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)
    return provider


def open_items(project: Project | None = None) -> list[Item]:
    project = project or Project.load()
    return [item for provider in PROVIDERS for item in provider(project)]


def report(items: list[Item]) -> str:
    if not items:
        return "Lancering: alles wat het centrum moest aanleveren is ingevuld."
    lines = [f"Nog te doen voor de lancering ({len(items)}): dit kan alleen het centrum aanleveren."]
    lines += [f"- {item}" for item in items]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    strict = "--strict" in args
    root = Path(next((a for a in args if not a.startswith("--")), ROOT))
    items = open_items(Project.load(root))
    print(report(items))
    if strict and items:
        print("\nDe website gaat niet live zolang hierboven iets openstaat (een voorbeeldversie mag wel).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
