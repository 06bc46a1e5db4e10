"""The build chain is locked: the wheel's backend by hash, the editor bundle's contents known."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_pyodide  # noqa: E402
import decap_bundle  # noqa: E402


def test_wheel_backend_is_pinned_by_hash_everywhere():
    constraints = build_pyodide.BUILD_CONSTRAINTS.read_text()
    requirement_lines = [line for line in constraints.splitlines() if line and not line.startswith((" ", "#"))]
    assert requirement_lines, "no pinned requirements"
    for line in requirement_lines:
        assert "==" in line.split()[0], f"not pinned: {line}"
    assert constraints.count("--hash=sha256:") >= len(requirement_lines)
    backend = build_pyodide.pinned_backend()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert project["build-system"]["requires"] == [backend]
    assert project["tool"]["uv"]["build-constraint-dependencies"] == [backend]
    name, version = backend.split("==")
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    assert {"name": name, "specifier": f"=={version}"} in lock["manifest"]["build-constraints"]
    # The wheel's own throwaway project asks for exactly that backend, and the build passes the hashes.
    source = Path(build_pyodide.__file__).read_text()
    assert '"--build-constraints", BUILD_CONSTRAINTS, "--require-hashes"' in source


def test_the_project_for_the_wheel_asks_for_the_pinned_backend(tmp_path):
    project = tomllib.loads((build_pyodide.calculators_project(tmp_path) / "pyproject.toml").read_text())
    assert project["build-system"]["requires"] == [build_pyodide.pinned_backend()]


def test_shipped_decap_bundle_is_the_reviewed_list():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "decap_bundle.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    libraries = decap_bundle.embedded_libraries()
    names = {entry.rsplit("@", 1)[0] for entry in libraries}
    # The libraries the security review named are found, with versions.
    assert {"react", "react-dom", "lodash", "dompurify"} <= names
    assert all("@" in entry[1:] for entry in libraries)


def test_known_vulnerable_trim_is_recorded_in_the_security_notes():
    libraries = decap_bundle.embedded_libraries()
    readme = (ROOT / "README.md").read_text()
    if "trim@0.0.1" in libraries:
        assert "GHSA-w5p7-h5w8-2hfq" in readme and "`trim 0.0.1` in the editor" in readme
