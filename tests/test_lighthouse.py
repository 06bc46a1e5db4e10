"""Lighthouse's accessibility audit (the npm package, pinned; axe-core inside it) scores 100
on the home page and the calculators page, served by nginx as in production, on its
mobile defaults. Only this category: performance on a busy 2-core machine is for
`make bench`, which reports all four categories."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import CHROMIUM_ARGS, ROOT, chromium_path

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


@pytest.mark.parametrize("path", ["", "rekenhulpen/"])
def test_lighthouse_accessibility_is_100(nginx_url, tmp_path, path):
    report = tmp_path / "lighthouse.json"
    flags = " ".join(CHROMIUM_ARGS).replace("--headless", "--headless=new")
    subprocess.run(
        [str(LIGHTHOUSE), nginx_url + path, "--quiet", "--output=json", f"--output-path={report}",
         f"--chrome-flags={flags}", "--only-categories=accessibility"],
        check=True, env={**os.environ, "CHROME_PATH": chromium_path()}, cwd=ROOT, timeout=300,
    )  # fmt: skip
    data = json.loads(report.read_text(encoding="utf-8"))
    category = data["categories"]["accessibility"]
    failing = [
        (ref["id"], data["audits"][ref["id"]]["title"])
        for ref in category["auditRefs"]
        if ref["weight"] > 0 and data["audits"][ref["id"]]["score"] not in (None, 1)
    ]
    assert "runtimeError" not in data, data.get("runtimeError")
    assert category["score"] == 1 and failing == [], failing
    assert sum(1 for ref in category["auditRefs"] if data["audits"][ref["id"]]["score"] == 1) >= 15  # it really audited
