"""Configuration of the web editor (Decap CMS at /admin/), generated at build time.

Everything the form knows comes from Python that exists anyway: the front matter
fields and their limits from wandelgids.front_matter, the calculator components
from calculators.describe (names, labels, limits, choices). The editor's script
(editor/admin.js) only wires this JSON into Decap; it holds no rules of its own.
"""

from __future__ import annotations

from pathlib import Path

import calculators

from . import content_checks, faq_check, glossary
from .calculator_block import block_text, editor_pattern
from .front_matter import CONCEPT, MAX_DESCRIPTION, REVIEW_FIELDS, REVIEWER_ROLES

PAGES = "paginas"

# /admin/'s Content-Security-Policy follows the backend: serving/policy.py (admin_csp).

# The production backend is a setting (mkdocs.yml, extra.editor.backend), not code.
# With `make edit` Decap talks to decap-server on the same origin instead.
# `make edit` puts `mkdocs serve` behind its proxy, and `mkdocs serve` sets site_url to its own
# internal address; the editor's "Bekijk Live" and site link must name the proxy's address, where
# /admin/ has its local backend (on the internal port it offers only the online login).
EDIT_URL_ENV = "WANDELGIDS_EDIT_URL"
DEFAULT_BACKEND = {"name": "github", "repo": "rugcentrum-hilversum/wandelgids", "branch": "main"}


# The review fields are `required: False` for Decap (a concept page has neither), which labels them
# "(optioneel)"; they are not: the hint says so and admin.js hides Decap's "(optioneel)" on them.
REQUIRED_UNLESS_CONCEPT = "Verplicht, behalve bij een concept."


def page_fields() -> list[dict]:
    return [
        {"name": "title", "label": "Titel", "widget": "string",
         "hint": "De titel van de pagina, ook in de tab van de browser en in zoekmachines."},
        {
            "name": "description", "label": "Korte omschrijving", "widget": "text",
            "hint": f"Eén of twee zinnen voor zoekmachines, hooguit {MAX_DESCRIPTION} tekens.",
            "pattern": [f"^[\\s\\S]{{1,{MAX_DESCRIPTION}}}$",
                        f"Hooguit {MAX_DESCRIPTION} tekens: zoekmachines knippen de rest af. Maak de omschrijving korter."],
        },
        # Not required in the form: a concept page (below) has no review yet; the content checks
        # require both on every other page.
        {"name": "reviewed", "label": "Laatst inhoudelijk gecontroleerd op", "widget": "datetime", "required": False,
         "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY", "time_format": False, "picker_utc": True,
         "hint": f"{REQUIRED_UNLESS_CONCEPT} De datum waarop een zorgverlener de inhoud heeft nagekeken. "
                 "Na twaalf maanden is een nieuwe controle nodig."},
        {"name": "reviewer", "label": "Gecontroleerd door", "widget": "select", "options": list(REVIEWER_ROLES), "required": False,
         "hint": f"{REQUIRED_UNLESS_CONCEPT} De rol van wie de inhoud controleerde; de pagina toont 'gecontroleerd door een ...'."},
        {"name": "concept", "label": "Concept (nog niet gecontroleerd)", "widget": "boolean", "required": False,
         "hint": "Aan: tekst van de site zelf die nog geen zorgverlener heeft nagekeken; de pagina zegt dat erbij. "
                 "Zet hem uit zodra de controle is gedaan en vul de datum en de rol hierboven in."},
        {"name": "nav_order", "label": "Plaats in het menu", "widget": "number", "value_type": "int", "required": False,
         "hint": "Een heel getal: lager staat hoger in het menu (de pagina's gebruiken 10, 20, 30, ...). "
                 "Leeg laten: niet in het menu, alleen bereikbaar via een link."},
        {"name": "nav_title", "label": "Naam in het menu", "widget": "string", "required": False,
         "hint": "Alleen invullen als het menu een kortere naam moet tonen dan de titel."},
        {"name": "zoekwoorden", "label": "Zoekwoorden", "widget": "list", "required": False,
         "hint": "Woorden waarmee patiënten deze pagina moeten vinden, gescheiden door komma's, bijvoorbeeld: "
                 "weekend, zaterdag, zondag. Ze staan niet op de pagina; ze helpen alleen het zoeken."},
        {"name": "contact", "label": "Contactgegevens onder de pagina", "widget": "boolean", "required": False,
         "hint": "Aan: de contactgegevens van het Rugcentrum Hilversum (mkdocs.yml, extra.contact) staan onder de tekst."},
        {"name": "body", "label": "Tekst", "widget": "markdown",
         # Images and the calculators; no code blocks, which the pages have no use for.
         "editor_components": ["image", FAQ_COMPONENT, *(f"rekenhulp-{name}" for name in calculators.BLOCKS)],
         "hint": "Begin met één kop met '#'. Een rekenhulp of een vraag met antwoord zet je erin met "
                 "'Voeg component toe' en dan 'Rekenhulp: ...' of 'Vraag en antwoord'."},
    ]


def pages_collection() -> dict:
    return {
        "name": PAGES,
        "label": "Pagina's",
        "label_singular": "Pagina",
        "description": "De pagina's van de Wandelgids. Een nieuwe pagina komt in het menu zodra 'Plaats in het menu' is ingevuld.",
        "folder": "docs",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["title", "nav_order", "reviewed"],
        "fields": page_fields(),
    }


def glossary_collection() -> dict:
    """The glossary (woordenlijst.yml, wandelgids.glossary) as one form: a list of words."""
    return {
        "name": "woordenlijst",
        "label": "Woordenlijst",
        "description": "Moeilijke woorden met een korte uitleg. Op elke pagina waar zo'n woord staat, kan de lezer "
                       "erop tikken voor de uitleg. Nieuwe uitleg is een concept tot een zorgverlener hem controleert.",
        "files": [{
            "name": "woordenlijst", "label": "Woordenlijst", "file": glossary.FILE, "format": "yaml",
            "fields": [{
                "name": "termen", "label": "Woorden", "label_singular": "Woord", "widget": "list",
                "summary": "{{fields.term}}",
                "fields": [
                    {"name": "term", "label": "Woord", "widget": "string",
                     "hint": "Zoals het op de pagina's staat, bijvoorbeeld: facetgewrichten."},
                    {"name": "varianten", "label": "Andere vormen", "widget": "list", "required": False,
                     "hint": "Enkelvoud, meervoud of samenstellingen die ook uitleg krijgen, gescheiden door komma's."},
                    {"name": "uitleg", "label": "Uitleg", "widget": "text",
                     "hint": "Een of twee korte zinnen in gewone woorden: wat het woord betekent, geen advies."},
                    {"name": "zoekwoorden", "label": "Zoekwoorden", "widget": "list", "required": False,
                     "hint": "Gewone woorden waarmee patiënten de pagina's met dit woord moeten vinden. Ze staan niet op de pagina."},
                    {"name": "reviewed", "label": "Gecontroleerd op", "widget": "datetime", "required": False,
                     "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY", "time_format": False, "picker_utc": True,
                     "hint": "Leeg: de uitleg is een concept en de site zegt dat erbij."},
                    {"name": "reviewer", "label": "Gecontroleerd door", "widget": "select", "required": False,
                     "options": list(REVIEWER_ROLES)},
                ],
            }],
        }],
    }


# Decap's backends with the editorial workflow; its Gitea backend (Gitea, Forgejo) refuses
# to start with it ("The Gitea backend does not support editorial workflow", decap-cms 3.16).
WORKFLOW_BACKENDS = {"github", "gitlab"}


# The commit messages (and, online, the pull/merge request titles) staff read in the git host's
# history when they look for a version to restore (HANDLEIDING, "terugdraaien"): Dutch, not
# Decap's "Update Pagina ...". {{collection}} is the collection's label_singular.
COMMIT_MESSAGES = {
    "create": "Nieuw: {{collection}} “{{slug}}”",
    "update": "Gewijzigd: {{collection}} “{{slug}}”",
    "delete": "Verwijderd: {{collection}} “{{slug}}”",
    "uploadMedia": "Afbeelding toegevoegd: “{{path}}”",
    "deleteMedia": "Afbeelding verwijderd: “{{path}}”",
    "openAuthoring": "{{message}}",
}


def publish_mode(backend: dict | None) -> str:
    """Review by a colleague where the backend has it: a save is a concept (Concept -> Ter review ->
    Klaar om te publiceren) and only publishing puts it on the branch the site is built from.
    Online a concept is a branch with a pull/merge request; with `make edit` a local branch."""
    return "editorial_workflow" if (backend or DEFAULT_BACKEND).get("name") in WORKFLOW_BACKENDS else "simple"


def decap_config(backend: dict | None = None, site_url: str | None = None) -> dict:
    """Decap's configuration (passed to CMS.init, so there is no config.yml to keep in step)."""
    config = {
        "load_config_file": False,
        "locale": "nl",
        "backend": {"commit_messages": COMMIT_MESSAGES, **(backend or DEFAULT_BACKEND)},
        "publish_mode": publish_mode(backend),
        "media_folder": "docs/afbeeldingen",
        "public_folder": "afbeeldingen",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [pages_collection(), glossary_collection()],
    }
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config


FAQ_COMPONENT = "vraag"


def faq_component() -> dict:
    """A question with its answer: `??? question "..."` with the answer indented below it.

    pymdownx.details renders it as a folding question and wandelgids.faq_schema reads it
    into the FAQPage data; in the editor it is one block, so rich text cannot turn the
    indented answer into a code block.
    """
    return {
        "name": FAQ_COMPONENT, "label": "Vraag en antwoord",
        "fields": [
            {"name": "question", "label": "Vraag", "widget": "string",
             # No `pattern`: Decap cannot validate fields inside an editor component (onValidate
             # is missing there), so the component writes a double quote as ” (admin.js).
             "hint": "De vraag zoals een patiënt hem stelt, met een vraagteken."},
            {"name": "answer", "label": "Antwoord", "widget": "text",
             "hint": "Het antwoord. Een witregel begint een nieuwe alinea."},
        ],
    }


def _component_field(field: dict) -> dict:
    default = f" Leeg laten: {field['default']}." if field["default"] is not None else " Leeg laten mag."
    widget: dict = {"name": field["name"], "label": field["label"], "required": False, "hint": field["help"] + default}
    if field["type"] == "integer":
        unit = f" {field['unit']}" if field["unit"] else ""
        widget.update(widget="number", value_type="int", min=field["min"], max=field["max"])
        widget["hint"] = f"{field['help']} Van {field['min']} tot en met {field['max']}{unit}.{default}"
    elif field["type"] == "choice":
        widget.update(widget="select", options=[{"label": c["label"], "value": c["value"]} for c in field["choices"]])
    elif field["type"] == "date":
        widget.update(widget="datetime", format="YYYY-MM-DD", date_format="DD-MM-YYYY", time_format=False, default="")
    else:  # time: Decap has no time-only widget; the build checks the value with the schema
        widget.update(widget="string")
    return widget


def calculator_components() -> list[dict]:
    """One editor component per calculator: what the '+' menu offers in the body."""
    components = []
    for name in calculators.BLOCKS:  # the calendar is a button of the planners, not a block
        schema = calculators.describe(name)
        fields = [field for field in schema["fields"] if not field["from_browser"]]  # today's date is no block option
        components.append(
            {"name": name, "label": f"Rekenhulp: {schema['title']}", "title": schema["title"],
             # The block syntax from the build's own parser (wandelgids.calculator_block): the
             # editor reads every spelling the build accepts and writes the usual one.
             "pattern": editor_pattern(name), "empty_block": block_text(name),
             # Fields the browser fills in (today's date) are not block options.
             "fields": [_component_field(field) for field in fields],
             # For the editor's check before a save (admin.js): the limits are the widgets' min/max/options.
             "units": {field["name"]: field["unit"] or "" for field in fields}}
        )
    return components


IMAGE_ALT_LABEL = "Beschrijving (alt-tekst)"


def image_component() -> dict:
    """Labels of Decap's image component (its own are English, outside the locale): admin.js."""
    return {
        "label": "Afbeelding", "image": "Afbeelding", "alt": IMAGE_ALT_LABEL,
        "alt_hint": "Verplicht: wat de afbeelding laat zien, voor wie hem niet kan zien (een schermlezer leest dit voor).",
        "title": "Titel (mag leeg)", "title_hint": "Verschijnt als de muis op de afbeelding staat. Meestal leeg laten.",
    }


# The editor's own checks before a save (editor/checks.js): the Dutch messages and what they
# apply to. Each is a content check of wandelgids.content_checks that the browser can know.
# {name} parts are filled in by the script.
CHECKS = {
    "refused": "Niet opgeslagen. Verbeter eerst wat hieronder staat; er is niets veranderd.",
    "not_in_future": {
        PAGES: ["reviewed"],
        "woordenlijst": ["termen.reviewed"],
    },
    # reviewed and reviewer: not required in the form (a concept page has neither), required by the
    # content checks on every other page, so the editor refuses the save before it is made.
    "review_fields": {PAGES: {"fields": list(REVIEW_FIELDS), "concept": CONCEPT}},
    "review_missing": {"message": "'{label}' is leeg.",
                       "fix": "Vul de datum en de rol van de laatste inhoudelijke controle in. Heeft nog geen zorgverlener "
                              "de tekst gecontroleerd, zet dan 'Concept (nog niet gecontroleerd)' aan."},
    "future": {"message": "De datum {value} ligt in de toekomst.",
               "fix": "Vul de datum in waarop een zorgverlener de inhoud echt heeft gecontroleerd: vandaag of eerder."},
    "image_alt": {"message": "De afbeelding '{target}' heeft geen alt-tekst.",
                  "fix": f"Klik op de afbeelding en vul '{IMAGE_ALT_LABEL}' in: wat de afbeelding laat zien, "
                         "bijvoorbeeld 'Wandelaar op een bospad'. In de Markdown-weergave: schrijf het tussen de [ ]."},
    "html_image_alt": {"message": "Een afbeelding (<img>) heeft geen alt-tekst.",
                       "fix": "Zet in de tag alt=\"...\" met wat de afbeelding laat zien."},
    "calculator_number": {"message": "Rekenhulp '{title}', '{label}': '{value}' is geen heel getal.",
                          "fix": "Vul een heel getal in van {min} tot en met {max}{unit}, of maak het veld leeg voor de standaardwaarde."},
    "calculator_range": {"message": "Rekenhulp '{title}', '{label}': {value} kan niet; het moet van {min} tot en met {max}{unit} zijn.",
                         "fix": "Vul een getal in van {min} tot en met {max}{unit}, of maak het veld leeg voor de standaardwaarde."},
    "calculator_choice": {"message": "Rekenhulp '{title}', '{label}': '{value}' is geen van de keuzes.",
                          "fix": "Kies een van: {choices}."},
    "calculator_unknown": {"message": "Rekenhulp '{title}': onbekende instelling '{key}'.",
                           "fix": "Haal de regel weg; de rekenhulp kent alleen: {fields}."},
    # FAQ question blocks Markdown would break: the build's own patterns and messages (wandelgids.faq_check).
    "faq": faq_check.for_editor(),
    "where_field": "{label}",
    "where_body": "Tekst, regel {line} (in de Markdown-weergave)",
    "delete": {"message": "'{page}' kan niet verwijderd worden: andere pagina's linken ernaar, en die links zouden dan nergens heen leiden.",
               "fix": "Haal eerst de links naar deze pagina weg in: {sources}. Staat er een bestand in overrides/ bij, "
                      "vraag dan de beheerder: dat is een link in de opmaak van de site."},
    "close": "Sluiten",
    "fix": "Oplossing:",
    "line": "regel",
}


def editor_setup(backend: dict | None, site_url: str | None, preview_styles: list[str],
                 docs_dir: Path | None = None, templates_dir: Path | None = None) -> dict:
    """Everything editor/admin.js needs, as one JSON document (admin/config.json).

    docs_dir: the pages, for which pages others link to (the editor refuses to delete those).
    """
    return {
        "config": decap_config(backend, site_url),
        "calculators": calculator_components(),
        "faq": faq_component(),
        "image": image_component(),
        "preview_styles": preview_styles,
        "collection": PAGES,
        "checks": CHECKS,
        "linked_from": content_checks.linked_from(docs_dir, templates_dir) if docs_dir else {},
    }
