"""The batch for real: papermill runs, nbconvert HTML, files on disk, in a throw-away project."""

import base64
import hashlib
import io
import json
import re
import shutil
from urllib.parse import unquote

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from helpers import SHIPPED
from project_builder import ANJU, EDU, FAILED, INJECTED, OK, figures, page, processed, report

from juesuan.publish.webfont import page_characters


@pytest.mark.slow
def test_batch_builds_every_department_and_isolates_the_broken_ones(project):
    root, result = project
    assert result.returncode == 1, result.stdout + result.stderr
    for year, department in OK:
        assert f"] [{year}/{department}] ok (" in result.stdout
    out = result.stdout
    assert "[2021/summary] FAILED — ReportError:" in out and "not a final-accounts report" in out
    assert "[2020/broken] FAILED — ReportError:" in out and "manifest.json: not a valid manifest" in out
    assert "[2019] FAILED — ReportError:" in out and "holds a report directly; each department has its own folder" in out
    assert f"4 succeeded, 3 failed ({', '.join(FAILED)})" in out
    # not a terminal: one plain progress line per report, counted, with the failures so far and the time left
    progress = [ln for ln in out.splitlines() if ln.startswith("[") and "ETA" in ln]
    assert len(progress) == 7 and progress[-1].startswith("[7/7] ") and progress[-1].endswith("3 failed, ETA 0:00")
    assert page(root, 2023).exists() and page(root, 2022, EDU).exists() and page(root, 2023, "audit").exists()
    assert not page(root, 2021, "summary").exists() and page(root, 2021, "summary", ".failed.ipynb").exists()
    assert page(root, 2023, suffix=".ipynb").exists()  # the executed notebook, kept beside the page
    for year, department in OK:
        pngs = sorted(p.name for p in figures(root, year, department).glob("*.png"))
        svgs = sorted(p.name for p in figures(root, year, department).glob("*.svg"))
        assert pngs == [f"fig{n}.png" for n in range(1, 8)] and len(svgs) == 7
    assert not list((root / "reports").rglob(".*tmp")), "staging folders left behind"
    assert not (root / "notebooks").exists()  # the report notebook came from the package


@pytest.mark.slow
@pytest.mark.parametrize(("year", "department"), [(2023, ANJU), (2022, EDU)])
def test_page_is_complete_and_offline(project, year, department):
    root, _ = project
    html = page(root, year, department).read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    images = soup.select("figure img")
    assert len(images) == 7
    assert all(img["src"].startswith("data:image/png;base64,") for img in images)
    captions = [c.get_text() for c in soup.select("figcaption")]
    assert captions[0].startswith("图1") and "“三公”经费财政拨款支出结构" in captions[6]
    for tag, attr in (("script", "src"), ("img", "src"), ("link", "href"), ("iframe", "src"), ("source", "src")):
        for node in soup.find_all(tag):
            value = node.get(attr)
            assert not value or not re.match(r"^(https?:)?//", value), (tag, value)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "@import" not in html
    text = soup.get_text()
    assert "关键数据" in text and "数据核对" in text and "report.build" not in text and "In [" not in text
    meta = json.loads((processed(root, year, department) / "meta.json").read_text(encoding="utf-8"))
    assert meta["sha256"] in text


@pytest.mark.slow
@pytest.mark.parametrize("name", [f"2023/{ANJU}.html", f"2022/{EDU}.html", "index.html", "2023/index.html"])
def test_embedded_font_draws_every_chinese_character_shown(project, name):
    root, _ = project
    html = (root / "reports" / name).read_text(encoding="utf-8")
    woffs = re.findall(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", html)
    assert len(woffs) == 1
    font = TTFont(io.BytesIO(base64.b64decode(woffs[0])))
    cmap, glyphs = font.getBestCmap(), font.getGlyphSet()
    shown = page_characters(html)
    assert "决" in shown and "算" in shown
    assert [c for c in shown if ord(c) not in cmap] == []
    for char in "决算部门":  # real outlines, not empty glyphs
        pen = BoundsPen(glyphs)
        glyphs[cmap[ord(char)]].draw(pen)
        assert pen.bounds is not None
    assert len(font.getGlyphOrder()) < 2000, "a subset, not the whole face"


@pytest.mark.slow
@pytest.mark.parametrize(("year", "department"), [(2023, ANJU), (2022, EDU)])
def test_page_downloads_are_the_processed_csv_files(project, year, department):
    root, _ = project
    soup = BeautifulSoup(page(root, year, department).read_text(encoding="utf-8"), "html.parser")
    links = soup.select('ul.downloads a[download$=".csv"]')
    assert len(links) == 10  # the eight narrative tables, findings, appendix.csv and appendix_tables.csv
    assert len(soup.select("ul.downloads a")) == 11  # and the Excel workbook (test_workbook.py)
    for link in links:
        name = link["download"].removeprefix(f"{year}_")
        data = base64.b64decode(link["href"].split("base64,", 1)[1])
        assert data == (processed(root, year, department) / name).read_bytes(), name


@pytest.mark.slow
def test_shipped_page_shows_key_figures_and_marks_errors(project):
    root, _ = project
    soup = BeautifulSoup(page(root, 2023).read_text(encoding="utf-8"), "html.parser")
    key = soup.select_one("#key table")
    cells = [td.get_text(strip=True) for td in key.select("td")]
    assert "1,050.28" in cells and "1,010.10" in cells and "3.98" in cells
    flagged = [td.get_text(strip=True) for td in key.select("td.flag")]
    assert flagged == ["⚠ 1,050.28"]  # 一般公共预算财政拨款支出: its growth and items do not add up
    findings = soup.select_one("#findings").get_text()
    assert "社会保障和就业支出（208类）为69.68万元" in findings
    functions = soup.select_one("#functions").get_text()
    assert "2010350" in functions and "事业支出" in functions and "事业运行" in functions


@pytest.mark.slow
def test_document_text_is_escaped(project):
    root, _ = project
    html = page(root, 2022, EDU).read_text(encoding="utf-8")
    assert INJECTED not in html
    assert "&lt;script&gt;alert(" in html


@pytest.mark.slow
def test_index_lists_every_report_and_every_year(project):
    root, _ = project
    soup = BeautifulSoup((root / "reports" / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {unquote(a["href"]) for a in soup.find_all("a")}
    assert {f"{y}/{d}.html" for y, d in OK} <= links
    assert [link for link in links if "summary" in link] == ["2021/summary.failed.ipynb"]  # failed: listed, not a report
    failed = {tr.select("td")[1].get_text(): tr.select_one("td.reason").get_text() for tr in soup.select("table.failed tr")
              if tr.td}
    assert set(failed) == {"（年度文件夹本身）", "broken", "summary"} and all(failed.values())  # each with its reason
    assert {"2022/index.html", "2023/index.html", "2024/index.html"} <= links
    for link in links:  # every link opens a file of the folder
        assert (root / "reports" / link).is_file(), link
    text = soup.get_text()
    assert "示例市教育局" in text and "5,120.60" in text and "1,050.28" in text
    assert "2023年度：2 个部门" in text


@pytest.mark.slow
def test_year_index_compares_the_departments_side_by_side(project):
    root, _ = project
    soup = BeautifulSoup((root / "reports" / "2023" / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table.departments tbody tr")
    by_name = {tr.td.get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")] for tr in rows}
    assert set(by_name) == {"遂宁市安居区人民政府办公室", "示例区审计局"}
    anju = by_name["遂宁市安居区人民政府办公室"]
    headers = [th.get_text(strip=True) for th in soup.select("table.departments thead th")]
    cell = dict(zip(headers, anju))
    assert cell["收支总计（万元）"] == "1,050.28" and cell["机关运行经费（万元）"] == "85.22"
    assert cell["“三公”经费（万元）"] == "10.92" and cell["“三公”增减（万元）"] == "1.49" and cell["核对错误"] == "6"
    assert cell["上年“三公”经费（万元）"] == "9.43"  # the prior year it implies (10.92 − 1.49)
    # shares computed from the amounts: 基本支出 / 本年支出合计
    facts = pd.read_csv(processed(root, 2023) / "facts.csv", encoding="utf-8-sig")
    amount = lambda m: float(facts[(facts.metric == m) & (facts.period == "current") & (facts.measure == "amount")].value.iloc[0])  # noqa: E731
    assert cell["基本支出占比（%）"] == f"{amount('expenditure.basic') / amount('expenditure') * 100:,.2f}"
    assert [unquote(a["href"]) for a in soup.select("table.departments a")] == ["audit.html", f"{ANJU}.html"]
    # the comparison inside the page, as a CSV
    link = soup.select_one('a[download$=".csv"]')
    table = pd.read_csv(io.BytesIO(base64.b64decode(link["href"].split("base64,", 1)[1])), encoding="utf-8-sig")
    assert list(table["部门"]) == ["示例区审计局", "遂宁市安居区人民政府办公室"] and list(table["核对错误"]) == [0, 6]
    # and as bars: 三公 by department (this year and the last), 收支总计 by department
    charts = soup.select("figure.bars")
    assert [c.figcaption.get_text() for c in charts] == ["各部门“三公”经费财政拨款支出（万元）", "各部门收支总计（万元）"]
    assert len(charts[0].select("rect title")) == 4 and len(charts[1].select("rect title")) == 2


@pytest.mark.slow
def test_failed_rerun_keeps_good_outputs(project, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(project[0], root)
    watched = [page(root, 2022, EDU), processed(root, 2022, EDU) / "facts.csv", figures(root, 2022, EDU) / "fig1.png"]
    before = [p.read_bytes() for p in watched]
    raw = root / "data" / "raw" / "2022" / EDU / "report.txt"
    raw.write_text(raw.read_text(encoding="utf-8") + "\n篡改", encoding="utf-8")  # checksum no longer matches
    result = report(root, "--year", "2022")
    assert result.returncode == 1 and "checksum does not match" in result.stdout
    assert [p.read_bytes() for p in watched] == before


@pytest.mark.slow
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
    sparks = across[0].select("figure.spark")
    # one small chart per trend metric the reports state: the nine of across_years.TREND_METRICS
    assert len(sparks) == 9 and sparks[0].select("circle") and "收、支总计" in sparks[0].get_text()
    # the education department's single year is its own section, never mixed in
    assert any("示例市教育局" in s.get_text() for s in soup.select("section.across"))


@pytest.mark.slow
def test_explore_notebook_runs_over_every_year(project, tmp_path):
    """The analysts' explore notebook, run for real with papermill over the built project."""
    import papermill as pm
    from helpers import ROOT

    root, _ = project
    out = tmp_path / "explore.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / "explore.ipynb"), str(out), parameters={"root": str(root)},
                        kernel_name="python3", progress_bar=False, cwd=str(root))
    # read from the cells' outputs only (their sources name none of these)
    shown = json.dumps([o for c in json.loads(out.read_text(encoding="utf-8"))["cells"] for o in c.get("outputs", [])],
                       ensure_ascii=False)
    assert "'performance_indicators'" in shown and "'keys'" in shown  # sorted(data): the tables loaded
    assert "收、支总计" in shown and "2022" in shown and "2024" in shown
    assert "sum.functions" in shown  # the 2023 errors are listed
    assert "示例区审计局" in shown  # two departments of 2023, told apart
    assert "empty_stated" in shown and "工资福利支出" in shown and "决算数/公务接待费" in shown
    assert "table.narrative" in shown and "公开06表!E25" in shown  # the 2023 text-vs-table disagreement


@pytest.mark.slow
def test_raw_data_is_never_written(project):
    root, _ = project
    for manifest in (root / "data" / "raw").glob("*/*/manifest.json"):
        if manifest.parent.name == "broken":
            assert manifest.read_text(encoding="utf-8") == "{not json"  # the broken one, untouched
            continue
        data = json.loads(manifest.read_text(encoding="utf-8"))
        raw = manifest.parent / data["file"]
        assert hashlib.sha256(raw.read_bytes()).hexdigest() == data["sha256"], raw
    assert sorted(p.name for p in (root / "data" / "raw" / "2023" / ANJU).iterdir()) == sorted(
        p.name for p in SHIPPED.parent.iterdir())


def test_page_header_says_what_is_missing():
    from juesuan.publish.html import header

    meta = {"department": "某部门", "year": 2022, "warnings": ["缺少章节：政府性基金预算支出决算情况说明（报告可能不完整）"]}
    page = header(meta)
    assert "缺少章节：政府性基金预算支出决算情况说明" in page and 'class="warning"' in page


@pytest.mark.slow
def test_report_notebook_runs_as_in_jupyterlab(project, tmp_path):
    """Opened from notebooks/ with its default parameters, as an analyst would in JupyterLab."""
    import papermill as pm
    from helpers import ROOT

    root = tmp_path / "copy"
    shutil.copytree(project[0], root)
    shutil.rmtree(figures(root, 2023))
    (root / "notebooks").mkdir()
    shutil.copy(ROOT / "notebooks" / "report.ipynb", root / "notebooks")  # the repository's link to the package's
    out = tmp_path / "run.ipynb"
    pm.execute_notebook(str(root / "notebooks" / "report.ipynb"), str(out), parameters={"year": 2023},
                        kernel_name="python3", progress_bar=False, cwd=str(root / "notebooks"))
    assert len(list(figures(root, 2023).glob("*.png"))) == 7
    outputs = out.read_text(encoding="utf-8")
    assert "关键数据" in outputs and "data:image/png;base64," in outputs


def test_report_without_raw_folder_is_a_clear_error(tmp_path):
    result = report(tmp_path, "--all")
    assert result.returncode == 2 and "no such folder" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.slow
def test_one_at_a_time_gives_what_the_parallel_batch_gave(project, tmp_path):
    """The batch is correct in parallel: --jobs 1 and --jobs 2 write the same outputs."""
    parallel = project[0]
    serial = tmp_path / "serial"
    shutil.copytree(parallel / "data" / "raw", serial / "data" / "raw")
    result = report(serial, "--all", "--jobs", "1")
    assert result.returncode == project[1].returncode == 1
    assert f"4 succeeded, 3 failed ({', '.join(FAILED)})" in result.stdout
    for folder in ("data/processed", "figures"):
        files = sorted(p.relative_to(parallel) for p in (parallel / folder).rglob("*") if p.is_file())
        assert files == sorted(p.relative_to(serial) for p in (serial / folder).rglob("*") if p.is_file())
        for path in files:
            assert _without_run_time((serial / path).read_bytes()) == _without_run_time((parallel / path).read_bytes()), path
    pages = sorted(p.relative_to(parallel) for p in (parallel / "reports").rglob("*.html"))
    # 4 reports and 7 indexes (the years whose reports all failed have one too, listing them)
    assert len(pages) == 11 and pages == sorted(p.relative_to(serial) for p in (serial / "reports").rglob("*.html"))
    for path in pages:
        assert _without_run_time((serial / path).read_bytes()) == _without_run_time((parallel / path).read_bytes()), path


def _without_run_time(data: bytes) -> bytes:
    """The output minus the moment it was made (meta.json's generated_at, shown on the page)."""
    return re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", b"<generated_at>", data)


@pytest.mark.slow
def test_many_departments_are_folded_in_the_view_across_years(project):
    """Up to five departments are shown open; more are folded under their names (one line each)."""
    from juesuan.publish.index import across_years_html
    from juesuan.run.site import report_rows

    rows = [r for r in report_rows(project[0]) if r["meta"]["department"] == "遂宁市安居区人民政府办公室"]
    few = BeautifulSoup(across_years_html(rows), "html.parser")
    assert [d.has_attr("open") for d in few.select("section.across details")] == [True]
    many = [{**r, "meta": {**r["meta"], "department": f"部门{n}"}} for n in range(6) for r in rows]
    folded = BeautifulSoup(across_years_html(many), "html.parser")
    details = folded.select("section.across details")
    assert len(details) == 6 and not any(d.has_attr("open") for d in details)
    assert "⚠" in details[0].summary.get_text()  # the clash between 2023 and 2024 shows folded too


def test_a_years_bar_charts_show_the_largest_when_there_are_many():
    from juesuan.publish.year_index import MAX_BARS, charts

    n = MAX_BARS + 5
    frame = pd.DataFrame({"department": [f"部门{i}" for i in range(n)], "three_public": [float(i) for i in range(n)],
                          "three_public_prior": [1.0] * n, "total": [float(n - i) for i in range(n)]})
    soup = BeautifulSoup(charts(frame), "html.parser")
    three, total = soup.select("figure.bars")
    assert three.figcaption.get_text().endswith(f"（前{MAX_BARS}个部门）")
    names = lambda figure: [t.get_text() for t in figure.select('svg > text[text-anchor="end"]')]  # noqa: E731
    labels = names(three)
    assert labels[0] == f"部门{n - 1}" and len(labels) == MAX_BARS and "部门0" not in labels
    assert names(total)[0] == "部门0"  # the largest total first
    small = BeautifulSoup(charts(frame.head(3)), "html.parser")
    assert "前" not in small.select("figure.bars")[0].figcaption.get_text()
