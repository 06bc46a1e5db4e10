"""The Dutch page that `mkdocs serve` (`make serve`, `make edit`) shows while the content has errors.

A build that stops leaves MkDocs' live-reload server waiting for a build that never
finishes: every request hangs, /admin/ included ("The server will appear stuck until
build errors are resolved"). So while serving, the plugin does not stop the build on a
content error: it builds every page as this page instead, with each error's file, line
and fix, and keeps the editor. The live-reload script MkDocs adds to every page brings
the real page back as soon as the mistake is fixed and saved. `mkdocs build` still stops.
"""

from __future__ import annotations

from html import escape

from calculators.text import amount
from .content_checks import Finding
from .editor_report import finding_item

TITLE = "Deze pagina kan nu niet getoond worden"


def render(errors: list[Finding], page: str, editor: str | None) -> str:
    """The page in place of `page` (as staff see it, e.g. docs/dagschema.md); editor: a link to /admin/, if any."""
    count = amount(len(errors), "fout", "fouten")
    # The page's own mistakes first: most often the one just saved.
    ordered = sorted(errors, key=lambda f: f.path != page)
    items = []
    for finding in ordered:
        item = finding_item(finding)
        items.append(f"<li><p><strong>{escape(item['path'])}, regel {item['line']}</strong>: {escape(item['message'])}</p>"
                     f"<p>Oplossing: {escape(item['fix'])}</p></li>")
    to_editor = f'<p><a href="{escape(editor)}">Naar de web-editor</a></p>' if editor else ""
    return f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{TITLE} - Wandelgids</title>
</head>
<body>
<main>
<h1>{TITLE}</h1>
<p>De inhoud van de site bevat {count}. Zolang dat niet verbeterd is, wordt de site niet gebouwd en staat deze
melding in plaats van elke pagina (hier: {escape(page)}).</p>
<p>Verbeter de fout in de web-editor of in het bestand en sla op. Deze pagina ververst dan vanzelf
en toont weer de echte pagina.</p>
{to_editor}
<h2>Wat er niet klopt</h2>
<ol>
{chr(10).join(items)}
</ol>
</main>
</body>
</html>
"""
