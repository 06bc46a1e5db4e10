"""MkDocs hook: every calculator's rules declaration (calculators/*.py RULES, REVIEW) is complete.

The "Zo rekent deze rekenhulp" section under each widget is generated from it; a rule
without text, or rules without a review date and reviewer, stop the build.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

import calculators


def on_config(config):
    found = [f"calculators/{name}.py: {problem}" for name in calculators.NAMES for problem in calculators.rule_problems(name)]
    if found:
        raise PluginError("Regels van de rekenhulpen:\n  " + "\n  ".join(found))
    return config
