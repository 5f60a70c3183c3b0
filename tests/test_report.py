"""The batch for real: papermill runs, nbconvert HTML, files on disk, in a throw-away project."""

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import EDUCATION, NOTEBOOK, SHIPPED, read

JUESUAN = str(Path(sys.executable).parent / "juesuan")
INJECTED = "<script>alert('x')</script>"


def add_year(root: Path, year: int, text: str, name: str = "report.txt", department: str = "") -> Path:
    folder = root / "data" / "raw" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    manifest = {"department": department, "year": year, "file": name, "original_name": name,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return path


def make_project(root: Path) -> Path:
    shutil.copytree(SHIPPED.parent, root / "data" / "raw" / "2023")
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(NOTEBOOK, root / "notebooks" / NOTEBOOK.name)
    # a fixture year built here: another department, another year, with markup in a name
    add_year(root, 2022, read(EDUCATION).replace("行政运行01（项）", f"行政运行{INJECTED}01（项）"))
    # the shipped report relabelled one year on: its figures for "2023" (the prior year) are the
    # real 2022 ones, so it disagrees with the 2023 report about 2023
    add_year(root, 2024, read(SHIPPED).replace("2023", "@").replace("2022", "2023").replace("@", "2024"),
             department="遂宁市安居区人民政府办公室")
    # a year that cannot succeed: not a report at all
    add_year(root, 2021, "2021年度工作总结\n今年工作很好。\n")
    return root


def report(root: Path, *args):
    return subprocess.run([JUESUAN, "report", "--root", str(root), *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("project"))
    result = report(root, "--all", "--jobs", "2")
    return root, result


def test_batch_builds_every_year_and_isolates_the_broken_one(project):
    root, result = project
    assert result.returncode == 1, result.stdout + result.stderr
    for year in (2022, 2023, 2024):
        assert f"[{year}] ok" in result.stdout
    assert "[2021] FAILED — ReportError:" in result.stdout and "not a final-accounts report" in result.stdout
    assert "3 succeeded, 1 failed (2021)" in result.stdout
    reports = root / "reports"
    assert (reports / "2023.html").exists() and (reports / "2022.html").exists()
    assert not (reports / "2021.html").exists() and (reports / "2021.failed.ipynb").exists()
    assert (reports / "2023.ipynb").exists()  # the executed notebook, kept beside the page
    for year in (2022, 2023):
        pngs = sorted(p.name for p in (root / "figures" / str(year)).glob("*.png"))
        svgs = sorted(p.name for p in (root / "figures" / str(year)).glob("*.svg"))
        assert pngs == [f"fig{n}.png" for n in range(1, 8)] and len(svgs) == 7
    assert not list(reports.glob(".*tmp")), "staging folders left behind"


@pytest.mark.parametrize("year", [2023, 2022])
def test_page_is_complete_and_offline(project, year):
    root, _ = project
    page = (root / "reports" / f"{year}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    images = soup.select("figure img")
    assert len(images) == 7
    assert all(img["src"].startswith("data:image/png;base64,") for img in images)
    captions = [c.get_text() for c in soup.select("figcaption")]
    assert captions[0].startswith("图1") and "“三公”经费财政拨款支出结构" in captions[6]
    for tag, attr in (("script", "src"), ("img", "src"), ("link", "href"), ("iframe", "src"), ("source", "src")):
        for node in soup.find_all(tag):
            value = node.get(attr)
            assert not value or not re.match(r"^(https?:)?//", value), (tag, value)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page
    text = soup.get_text()
    assert "关键数据" in text and "数据核对" in text and "report.build" not in text and "In [" not in text
    meta = json.loads((root / "data" / "processed" / str(year) / "meta.json").read_text(encoding="utf-8"))
    assert meta["sha256"] in text


def test_shipped_page_shows_key_figures_and_marks_errors(project):
    root, _ = project
    soup = BeautifulSoup((root / "reports" / "2023.html").read_text(encoding="utf-8"), "html.parser")
    key = soup.select_one("#key table")
    cells = [td.get_text(strip=True) for td in key.select("td")]
    assert "1,050.28" in cells and "1,010.10" in cells and "3.98" in cells
    flagged = [td.get_text(strip=True) for td in key.select("td.flag")]
    assert flagged == ["⚠ 1,050.28"]  # 一般公共预算财政拨款支出: its growth and items do not add up
    findings = soup.select_one("#findings").get_text()
    assert "社会保障和就业支出（208类）为69.68万元" in findings
    functions = soup.select_one("#functions").get_text()
    assert "2010350" in functions and "事业支出" in functions and "事业运行" in functions


def test_document_text_is_escaped(project):
    root, _ = project
    page = (root / "reports" / "2022.html").read_text(encoding="utf-8")
    assert INJECTED not in page
    assert "&lt;script&gt;alert(" in page


def test_index_lists_every_year(project):
    root, _ = project
    soup = BeautifulSoup((root / "reports" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a["href"] for a in soup.find_all("a")}
    assert {"2022.html", "2023.html"} <= links and "2021.html" not in links
    text = soup.get_text()
    assert "示例市教育局" in text and "5,120.60" in text and "1,050.28" in text


def test_failed_rerun_keeps_good_outputs(project):
    root, _ = project
    watched = [root / "reports" / "2022.html", root / "data" / "processed" / "2022" / "facts.csv",
               root / "figures" / "2022" / "fig1.png"]
    before = [p.read_bytes() for p in watched]
    raw = root / "data" / "raw" / "2022" / "report.txt"
    raw.write_text(raw.read_text(encoding="utf-8") + "\n篡改", encoding="utf-8")  # checksum no longer matches
    result = report(root, "--year", "2022")
    assert result.returncode == 1 and "checksum does not match" in result.stdout
    assert [p.read_bytes() for p in watched] == before


def test_index_shows_the_view_across_years_and_its_conflicts(project):
    root, _ = project
    soup = BeautifulSoup((root / "reports" / "index.html").read_text(encoding="utf-8"), "html.parser")
    across = [s for s in soup.select("section.across") if "安居区" in s.get_text()]
    assert len(across) == 1
    trend = across[0].select_one("table.trend")
    assert [th.get_text() for th in trend.select("thead th")][1:] == ["2022", "2023", "2024"]
    total = next(tr for tr in trend.select("tbody tr") if tr.th.get_text() == "收、支总计")
    cells = [td.get_text(strip=True) for td in total.select("td")]
    assert cells == ["1,010.10", "⚠ 1,050.28", "1,050.28"]
    assert "2023年报告为1,050.28；2024年报告所列上年数为1,010.10" in across[0].get_text()
    assert across[0].select_one("img")["src"].startswith("data:image/png;base64,")
    # the education department's single year is its own section, never mixed in
    assert any("示例市教育局" in s.get_text() for s in soup.select("section.across"))
