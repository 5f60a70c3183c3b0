"""The notebooks as an analyst runs them: JupyterLab on loopback, opened in Chromium, Run All."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import CHROMIUM
from helpers import ROOT, SHIPPED

pytestmark = pytest.mark.slow  # JupyterLab driven in Chromium

try:
    import jupyterlab  # noqa: F401
    missing = "" if Path(CHROMIUM).exists() else "chromium is not installed (sudo apt-get install chromium)"
except ImportError:
    missing = "JupyterLab is not installed (pip install -e '.[lab]')"
if missing:
    if os.environ.get("CI"):
        pytest.fail(f"the JupyterLab test needs what make test installs: {missing}", pytrace=False)
    pytest.skip(f"NOTICE: JupyterLab test skipped: {missing}", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of the project, on loopback with a token, its config isolated."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "data" / "raw", root / "data" / "raw")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    home = root / ".jupyter-home"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "MPLBACKEND": "Agg"}
    # every cell rendered (no windowing), so that what Run All shows is in the page
    settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
    news = home / "settings" / "@jupyterlab" / "apputils-extension"  # no news or update check: offline
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8")
    port, token = _free_port(), secrets.token_hex(16)
    log = open(root / "lab.log", "w")  # noqa: SIM115 — closed below, after the server
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--LabApp.expose_app_in_browser=True",
         *(["--allow-root"] if os.geteuid() == 0 else [])],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(f"JupyterLab did not start: {(root / 'lab.log').read_text()[-2000:]}")
                time.sleep(0.5)
        yield url, token, root
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()



KERNEL_IDLE = """(path) => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.context && w.context.path === path && w.sessionContext && w.sessionContext.session
    && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}"""
ALL_RUN = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session.kernel;
  const cells = w.content.widgets.filter(c => c.model.type === 'code');
  return k.status === 'idle' && cells.every(c => c.model.executionCount !== null);
}"""
OUTPUTS = """() => window.jupyterapp.shell.currentWidget.content.widgets
  .filter(c => c.model.type === 'code').map(c => c.model.outputs.toJSON())"""


def run_all(browser, lab, notebook: str, shot: Path):
    url, token, _ = lab
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # a workspace of its own, reset: nothing restored from an earlier page, the notebook is the current widget
    page.goto(f"{url}/lab/workspaces/{shot.stem}/tree/notebooks/{notebook}?reset&token={token}")
    page.wait_for_function(KERNEL_IDLE, arg=f"notebooks/{notebook}", timeout=120_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(ALL_RUN, timeout=240_000, polling=500)
    outputs = page.evaluate(OUTPUTS)
    page.screenshot(path=str(shot))
    rendered = {"img": page.locator(".jp-OutputArea-output img").count(),
                "table": page.locator(".jp-OutputArea-output table").count(),
                "stderr": page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count()}
    page.close()
    return outputs, rendered, errors


def test_the_report_notebook_runs_in_jupyterlab(lab, browser, tmp_path):
    outputs, rendered, errors = run_all(browser, lab, "report.ipynb", tmp_path / "report.png")
    flat = [o for cell in outputs for o in cell]
    assert not [o for o in flat if o["output_type"] == "error" or o.get("name") == "stderr"], flat
    assert rendered["stderr"] == 0 and not errors
    html = "".join(o["data"].get("text/html", "") for o in flat if "data" in o)
    assert html.count('<img src="data:image/png') == 7  # 图1–图7
    assert rendered["img"] == 7 and rendered["table"] >= 10  # shown in the page, not only in the model
    assert "2080505" in html and "数据核对" in html
    assert (lab[2] / "data" / "processed" / "2023" / SHIPPED.parent.name / "facts.csv").exists()


def test_the_explore_notebook_runs_in_jupyterlab(lab, browser, tmp_path):
    test_the_report_notebook_runs_in_jupyterlab  # noqa: B018 — the report notebook builds what this one reads
    if not (lab[2] / "data" / "processed" / "2023" / SHIPPED.parent.name).exists():
        run_all(browser, lab, "report.ipynb", tmp_path / "report.png")
    outputs, rendered, errors = run_all(browser, lab, "explore.ipynb", tmp_path / "explore.png")
    flat = [o for cell in outputs for o in cell]
    assert not [o for o in flat if o["output_type"] == "error"], flat
    assert not errors and rendered["table"] >= 5
    shown = json.dumps(flat, ensure_ascii=False)
    assert "收、支总计" in shown and "empty_stated" in shown and "table.narrative" in shown
