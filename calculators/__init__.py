"""Walking calculators of the Wandelgids, shared by the build and the browser.

Standard library only and deterministic, so the same code runs in CPython at
build time and in Pyodide in the patient's browser.
"""

from .api import NAMES, calculate, calculate_json, describe, rule_problems, validate_options

__all__ = ["NAMES", "calculate", "calculate_json", "describe", "rule_problems", "validate_options"]
