"""The calculators staff place on a page, in one list, and how their input is checked.

Add a calculator here (one line) after writing its module and its result template;
the build, editor, checks, tests and the calendar read this list.
"""

from __future__ import annotations

from types import ModuleType

from . import breathing, progression, schedule

PLACEABLE: tuple[ModuleType, ...] = (progression, schedule, breathing)


def validate(module: ModuleType, params: dict) -> tuple[dict, list[dict]]:
    """Normalise params with the calculator's schema and its cross-field rules."""
    values, errors = module.SCHEMA.normalise(params)
    if not errors and hasattr(module, "check"):
        errors = module.check(values)
    return values, errors


def action(module: ModuleType, name: str):
    """The module's declared action of that name, or None."""
    return next((a for a in getattr(module, "ACTIONS", ()) if a.name == name), None)
