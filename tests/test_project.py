"""The project's own files: pins agree, raw data untouched, notebooks committed clean."""

import json
import re
import tomllib

from helpers import NOTEBOOK, ROOT, SHIPPED

from juesuan.manifest import load_manifest, sha256


def _pins_pyproject() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return set(project["dependencies"]) | set(project["optional-dependencies"]["dev"])


def test_environment_yml_and_pyproject_agree():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    pip = {m.strip() for m in re.findall(r"^\s+- ([A-Za-z0-9_.\-]+==[^\s]+)$", text, re.M)}
    assert pip == _pins_pyproject()
    assert all("==" in p for p in _pins_pyproject())


def test_lock_agrees_with_pins():
    lock = dict(line.split("==") for line in (ROOT / "requirements.lock").read_text().split() if "==" in line)
    lock = {k.lower().replace("_", "-"): v for k, v in lock.items()}
    for pin in _pins_pyproject():
        name, version = pin.split("==")
        assert lock.get(name.lower()) == version, pin


def test_shipped_raw_file_matches_its_manifest():
    manifest = load_manifest(SHIPPED)
    assert manifest is not None and manifest.year == 2023
    assert sha256(SHIPPED) == manifest.sha256


def test_notebooks_are_committed_clean_and_parameterised():
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python3", path
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert any("parameters" in c["metadata"].get("tags", []) for c in nb["cells"])
