"""Runs inside Pyodide (see stdlib_trace.mjs): exercise every calculator path, then
report which modules came from the standard library zip.

Input (TRACE_INPUT, JSON): {"imports": [{"where": "calculators/x.py:3", "code": "import json"}]}
Output (the last expression, JSON): {"modules": {name: origin}, "import_errors": [...], "calls": n}
"""

import json
import sys

import calculators
from calculators import calculate, calculate_json

trace_input = json.loads(TRACE_INPUT)  # noqa: F821 - set by stdlib_trace.mjs

# Every import statement in calculators/, function-level ones included, run as written.
import_errors = []
for item in trace_input["imports"]:
    try:
        exec(item["code"], {})
    except Exception as error:  # noqa: BLE001 - reported to the build, which stops
        import_errors.append({"where": item["where"], "code": item["code"], "error": f"{type(error).__name__}: {error}"})

# Every calculator: defaults, then each field with valid, boundary, wrong and odd values
# (error paths import modules too, e.g. date parsing), and every other calculator's plan.
plans = [calculate(name, {}) for name in calculators.NAMES]
ODD = [None, "", "abc", "12,5", "1e3", -1, 0, 1.5, 10**9, True, [], {}, "07:30", "7:5", "25:00", "99:99",
       "2026-01-05", "2026-02-30", "05-01-2026", "onbekend", *plans]  # fmt: skip
calls = 0


def candidates(field):
    values = list(ODD) + list(field.get("choices") or [])
    for key in ("default", "min", "max"):
        value = field.get(key)
        if value is not None:
            values.append(value)
            if isinstance(value, int) and not isinstance(value, bool):
                values += [value - 1, value + 1, str(value), f"{value}.0"]
    return values


def accepted(name, params, field):
    errors = calculate(name, params).get("errors") or []
    return not any(error.get("field") in (field, None) for error in errors)


for name in calculators.NAMES:
    fields = calculators.describe(name)["fields"]
    # A whole valid input, found field by field (a calculator whose fields have no
    # defaults, like the calendar, only reaches its success path with all of them).
    base = {}
    for field in fields:
        for value in candidates(field):
            calls += 1
            if accepted(name, {**base, field["name"]: value}, field["name"]):
                base[field["name"]] = value
                break
    for field in fields:
        for value in candidates(field):
            calculate(name, {field["name"]: value})
            calculate(name, {**base, field["name"]: value})
            calls += 2
    # All fields at their bounds together.
    for key in ("min", "max"):
        calculate(name, {f["name"]: f[key] for f in fields if f.get(key) is not None})
        calls += 1
for text in ("{", "[]", "null", '{"name": "bestaat-niet"}', json.dumps({"name": calculators.BLOCKS[0], "params": []})):
    calculate_json(text)
    calls += 1

modules = {}
for module_name, module in list(sys.modules.items()):
    spec = getattr(module, "__spec__", None)
    modules[module_name] = getattr(spec, "origin", None) if spec else None
json.dumps({"modules": modules, "import_errors": import_errors, "calls": calls, "stdlib_zip": sys.path[1]})
