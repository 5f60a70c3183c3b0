"""The project's own files: pins agree, raw data untouched, notebooks committed clean."""

import json
import re
import tomllib

import pytest
from helpers import NOTEBOOK, ROOT, SHIPPED

from juesuan.model.manifest import load_manifest, sha256


def _pins_pyproject() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return set(project["dependencies"]).union(*project["optional-dependencies"].values())


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
    assert manifest.tables is not None and manifest.tables.reconstructed  # said plainly: not published
    assert sha256(SHIPPED.parent / manifest.tables.file) == manifest.tables.sha256


def test_notebooks_are_committed_clean_and_parameterised():
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["kernelspec"]["name"] == "python3", path
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None, path
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert any("parameters" in c["metadata"].get("tags", []) for c in nb["cells"])


@pytest.mark.slow
def test_juesuan_commands_skip_the_import_jupyterlab_makes_slow():
    """JupyterLab (the `lab` extra) installs rfc3987-syntax, whose grammar jsonschema builds at import
    (≈ 1 s on every papermill or nbconvert start). juesuan's commands hide it; notebooks still validate."""
    import subprocess
    import sys

    probe = ("import sys\n{skip}import jsonschema, nbformat, papermill\n"
             "nbformat.validate(nbformat.v4.new_notebook())\n"
             "print(type(sys.modules.get('rfc3987_syntax')).__name__)")
    def run(skip: str) -> str:
        return subprocess.run([sys.executable, "-c", probe.format(skip=skip)], capture_output=True, text=True,
                              check=True).stdout.strip()

    assert run("") == "module"  # the control: the slow module is there, and imported by default
    assert run("from juesuan.cli import skip_slow_imports\nskip_slow_imports()\n") == "NoneType"


@pytest.mark.parametrize("name", ["部门决算.html", "部门决算.htm", "部门决算.shtml", "部门决算.doc", "部门决算.wps",
                                  "部门决算.pdf", "部门决算.docx", "部门决算.txt"])
def test_a_department_folder_holds_its_report_in_any_published_format(tmp_path, name):
    """A saved web page or a Word 97 file dropped into data/raw/<year>/<department>/ is the report."""
    from juesuan.model.manifest import report_file

    folder = tmp_path / "data" / "raw" / "2016" / "教育局"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(b"x")
    (folder / "page_files").mkdir()  # a browser's folder of the page's images: not a report
    assert report_file(folder) == folder / name
