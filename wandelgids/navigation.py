"""The site's menu, from the pages' own front matter.

A page is in the menu when its front matter has `nav_order` (a whole number: lower
comes first); `nav_title` is its name in the menu (default: its `title`). Staff
place or move a page by editing the page itself, in the web editor or in the file,
and nobody edits mkdocs.yml. Pages without `nav_order` stay out of the menu; the
content checks make sure a link from a page in the menu still reaches them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .front_matter import Page


@dataclass(frozen=True)
class MenuItem:
    title: str
    uri: str
    order: int


def nav_order(page: Page) -> int | None:
    """The page's place in the menu, or None (absent or not a whole number)."""
    value = page.meta.get("nav_order")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def menu(pages: list[Page]) -> list[MenuItem]:
    """The menu items, in the staff's order (ties: by file name)."""
    items = []
    for page in pages:
        order = nav_order(page)
        if order is None or page.error:
            continue
        title = page.meta.get("nav_title") or page.meta.get("title") or page.uri
        items.append(MenuItem(str(title), page.uri, order))
    return sorted(items, key=lambda item: (item.order, item.uri))


def mkdocs_nav(pages: list[Page]) -> list[dict[str, str]]:
    """The menu in the shape of mkdocs.yml's `nav`."""
    return [{item.title: item.uri} for item in menu(pages)]
