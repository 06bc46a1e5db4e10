"""Nothing outside calculators/ and a calculator's own result template names a calculator.

Templates and browser code read capabilities from calculators.describe() (fields,
actions); the site's code (wandelgids/, overrides/, editor/, serving/) never branches
on a name; nor do the developer tools in scripts/ (the bench and the stdlib trace take
their calculators from calculators.BLOCKS and the pages). Left out on purpose: docs/
(staff place blocks by name), tests/ and the README.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import calculators

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("wandelgids", "overrides", "editor", "serving", "scripts")


def test_no_calculator_name_outside_its_own_places():
    names = re.compile(r"\b(" + "|".join(map(re.escape, calculators.BLOCKS)) + r")\b")
    tracked = subprocess.run(["git", "ls-files", *FOLDERS], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    found = []
    for name in tracked:
        path = ROOT / name
        if re.fullmatch(r"overrides/calculators/result-[\w-]+\.html", name) or not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if names.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    assert found == []
