"""Content features of the Wandelgids that outlive the site generator.

Plain Python and Python-Markdown, no MkDocs: the calculator block extension
(`wandelgids.calculator_block`), the content checks (`wandelgids.content_checks`,
also `make check-content`) and the menu from front matter (`wandelgids.navigation`).
One MkDocs plugin (`wandelgids.mkdocs_plugin`, the only module here importing MkDocs)
adapts these to MkDocs.
"""
