"""Walking calculators of the Wandelgids, shared by the build and the browser.

Standard library only and deterministic, so the same code runs in CPython at
build time and in Pyodide in the patient's browser.
"""

from .api import (
    BLOCKS,
    NAMES,
    calculate,
    calculate_json,
    describe,
    request_limits,
    rule_problems,
    source_file,
    validate_options,
)

__all__ = ["BLOCKS", "NAMES", "calculate", "calculate_json", "describe", "request_limits", "rule_problems", "source_file", "validate_options"]
