"""Nothing is lost on failure: a write that fails half-way leaves the previous outputs byte for byte,
and no temporary folder behind. Each writing step is made to fail in turn."""

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from helpers import SHIPPED
from project_builder import ANJU, JUESUAN, page, processed

import juesuan.model.outputs as outputs
from juesuan.model.layout import ReportKey
from juesuan.pipeline import process, write_processed
from juesuan.run import export, report, runner

KEY = ReportKey(2023, ANJU)


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file under the folders (hidden ones included: a left-over temporary folder shows)."""
    out = {}
    for folder in folders:
        for p in sorted(Path(folder).rglob("*")):
            out[str(p)] = p.read_bytes() if p.is_file() else b"<dir>"
    return out


def failing_rename(monkeypatch, at: int):
    """os.rename fails on its ``at``-th call (1-based), as a full disk or a vanished folder would."""
    real, calls = os.rename, {"n": 0}

    def rename(src, dst):
        calls["n"] += 1
        if calls["n"] == at:
            raise OSError(28, "No space left on device (injected)")
        return real(src, dst)

    monkeypatch.setattr(outputs.os, "rename", rename)
    return calls


def test_replace_all_is_one_step_whichever_move_fails(tmp_path, monkeypatch):
    old, new = tmp_path / "out", tmp_path / "new"
    for base, text in ((old, "old"), (new, "new")):
        (base / "processed").mkdir(parents=True)
        (base / "processed" / "facts.csv").write_text(text)
        (base / "page.html").write_text(text)
        (base / "book.xlsx").write_text(text)
    (old / "only-old.txt").write_text("old")
    before = snapshot(old)
    names = ("processed", "page.html", "book.xlsx")
    renames = 2 * len(names)  # each: the previous one set aside, the new one moved in
    for at in range(1, renames + 1):
        stage = tmp_path / f"stage{at}"
        shutil.copytree(new, stage)
        with monkeypatch.context() as m:
            failing_rename(m, at)
            with pytest.raises(OSError):
                outputs.replace_all([(stage / n, old / n) for n in names])
        assert snapshot(old) == before, at
    calls = failing_rename(monkeypatch, 0)
    outputs.replace_all([(new / n, old / n) for n in names])
    assert calls["n"] == renames
    assert (old / "page.html").read_text() == "new" and (old / "only-old.txt").read_text() == "old"
    assert sorted(p.name for p in old.iterdir()) == ["book.xlsx", "only-old.txt", "page.html", "processed"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project whose 2023 report was built once: the good outputs a failed run must not touch."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(SHIPPED.parent, root / "data" / "raw" / "2023" / ANJU)
    assert runner.run_report(KEY, root).ok
    return root


def outputs_of(root: Path) -> dict[str, bytes]:
    """The report's outputs; a failed run's notebook (kept on purpose, for a look) aside."""
    out = snapshot(root / "data" / "processed", root / "figures", root / "reports")
    out.pop(str(page(root, 2023, suffix=".failed.ipynb")), None)
    return out


@pytest.mark.slow
def test_a_csv_write_that_fails_keeps_the_processed_folder(built, monkeypatch):
    before = outputs_of(built)
    result = process(built / "data" / "raw" / "2023" / ANJU / SHIPPED.name)
    real, calls = outputs.write_csv, {"n": 0}

    def write_csv(frame, path):
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(28, "No space left on device (injected)")
        real(frame, path)

    monkeypatch.setattr("juesuan.pipeline.write_csv", write_csv)
    with pytest.raises(OSError):
        write_processed(result, processed(built, 2023))
    assert outputs_of(built) == before


@pytest.mark.slow
def test_figures_that_fail_half_way_keep_the_figures(built, monkeypatch):
    before = outputs_of(built)

    def save_figures(tables, year, folder, kind="部门决算"):
        (folder / "fig1.png").write_bytes(b"half")  # one figure written, then the failure
        raise MemoryError("injected")

    monkeypatch.setattr(report, "save_figures", save_figures)
    with pytest.raises(MemoryError):
        report.build(2023, ANJU, built)
    after = outputs_of(built)
    # the processed folder is written before the figures (and is the same tables); the figures are untouched
    assert {k: v for k, v in after.items() if "/figures/" in k} == {k: v for k, v in before.items() if "/figures/" in k}
    assert set(after) == set(before)


@pytest.mark.slow
def test_an_html_export_that_fails_keeps_the_report(built, monkeypatch):
    before = outputs_of(built)
    monkeypatch.setattr(export, "export_html", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("injected")))
    result = runner.run_report(KEY, built)
    assert not result.ok and "injected" in result.error
    assert page(built, 2023, suffix=".failed.ipynb").exists()  # the run's notebook kept for a look at the failing step
    assert outputs_of(built) == before


@pytest.mark.slow
@pytest.mark.parametrize("at", [1, 4, 8])
def test_a_report_whose_replacement_fails_half_way_keeps_every_output(built, monkeypatch, at):
    """The report's five outputs (processed, figures, notebook, page, workbook) are replaced as one."""
    before = outputs_of(built)
    failing_rename(monkeypatch, at)
    result = runner.run_report(KEY, built)
    assert not result.ok and "injected" in result.error
    assert outputs_of(built) == before


def run(*args, cwd=None):
    return subprocess.run([JUESUAN, *map(str, args)], capture_output=True, text=True, timeout=300, cwd=cwd)


@pytest.mark.slow
def test_report_on_a_clean_project_exits_0(built):
    r = run("report", "--all", "--root", built)
    assert r.returncode == 0, r.stderr
    assert f"[1/1] [2023/{ANJU}] ok" in r.stdout and "1 succeeded, 0 failed" in r.stdout and r.stderr == ""


@pytest.mark.slow
def test_report_for_a_year_that_is_not_there(built):
    r = run("report", "--year", "1999", "--root", built)
    assert r.returncode == 2
    assert r.stderr.splitlines()[0].endswith("data/raw/1999: no report for this year under data/raw/")


@pytest.mark.slow
def test_check_all_lists_info_too():
    plain, everything = run("check", SHIPPED), run("check", SHIPPED, "--all")
    # two 款 codes completed, and 20805 written by its name before the 2024 classification
    assert "提示 info" not in plain.stdout and "提示 info (3)" in everything.stdout
    assert "[function.code_completed]" in everything.stdout and "[function.name]" in everything.stdout and plain.returncode == everything.returncode == 1


@pytest.mark.slow
def test_ctrl_c_stops_the_batch_with_130(built):
    root = built.parent / "interrupted"
    shutil.copytree(built / "data" / "raw", root / "data" / "raw")
    for n in range(4):  # five reports, one at a time (the first ≈ 5 s with its kernel): Ctrl-C comes mid-batch
        shutil.copytree(root / "data" / "raw" / "2023" / ANJU, root / "data" / "raw" / "2023" / f"copy{n}")
    # as a terminal runs it: a suite started in the background (nohup … &) ignores SIGINT, and a child
    # inherits that — the batch would then never see the Ctrl-C
    p = subprocess.Popen([JUESUAN, "report", "--all", "--jobs", "1", "--root", str(root)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(2.0)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 130 and "Traceback" not in err
    # the reports done, the one under way (finished, not reported) and those never started: all five
    reported = out.count("] ok") + out.count("] FAILED")
    not_started = int(re.search(r"interrupted: (\d+) report\(s\) not started", err)[1])
    assert not_started >= 1 and reported + 1 + not_started == 5, (out, err)
    # no half-written report: whatever exists is whole, and no temporary folder is left
    leftovers = [p for p in root.rglob(".*") if p.name.endswith((".tmp", ".old"))]
    assert leftovers == []


@pytest.mark.slow
def test_a_run_killed_inside_the_replacement_is_undone_by_the_next(built, monkeypatch):
    """A process killed between setting the old page aside and moving the new one in leaves the page
    in a holder beside it; the next run of that report puts it back first, even if it then fails."""
    before = outputs_of(built)
    page_path = page(built, 2023)
    holder = page_path.parent / f".{page_path.name}.killed.old"
    holder.mkdir()
    os.rename(page_path, holder / "x")  # what replace_all had done when the process died
    monkeypatch.setattr(export, "export_html", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("injected")))
    assert not runner.run_report(KEY, built).ok
    assert outputs_of(built) == before and not holder.exists()
