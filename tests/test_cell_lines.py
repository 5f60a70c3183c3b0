"""Tables a text export flattened one cell to a line (read/cell_lines.py): the same table published as a web
page's <table> and as its text, one cell a line (each cell ended by `|`, empty cells kept; or cells between
blank lines, empty cells lost), reads to the same cells; a row whose figures cannot be placed is said
and never taken for zeros; a header that does not match the figures makes no table."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

import pytest

import juesuan
from juesuan.extract.appendix import read_appendix
from juesuan.read import read_document

KEYS = ("kind", "title", "row", "code", "column", "value", "unit_in_source")


@dataclass
class Table:
    """A one-sided table: label columns, figure columns (a leaf, or a group over leaves), rows."""

    title: str
    unit: str
    heads: list[str]  # the label columns' headings (科目编码, 科目名称 / 项目)
    columns: list[tuple[str, list[str]]]  # (group, leaves) — a group '' for a leaf alone
    rows: list[tuple[str, ...]]  # label cells, then one figure ('' for blank) per leaf
    above: list[str] = field(default_factory=list)

    def leaves(self) -> int:
        return sum(len(leaves) or 1 for _, leaves in self.columns)

    def html(self) -> str:
        grouped = any(leaves for _, leaves in self.columns)
        span = ' rowspan="2"' if grouped else ""
        top = "".join(f"<td{span}>{h}</td>" for h in self.heads)
        top += "".join(f'<td colspan="{len(leaves)}">{g}</td>' if leaves else f"<td{span}>{g}</td>"
                       for g, leaves in self.columns)
        head = [f"<tr>{top}</tr>"]
        if grouped:
            head.append("<tr>" + "".join(f"<td>{leaf}</td>" for _, leaves in self.columns for leaf in leaves) + "</tr>")
        body = ["<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in self.rows]
        paragraphs = "".join(f"<p>{t}</p>" for t in [*self.above, self.title, f"单位：{self.unit}"])
        return f"<html><body>{paragraphs}<table border='1'>{''.join(head + body)}</table></body></html>"

    def cells(self) -> list[list[str]]:
        """The table's cells row by row, as a crawler meets the <td>s (a spanned cell once)."""
        grouped = any(leaves for _, leaves in self.columns)
        out = [[*self.heads, *(g for g, _ in self.columns)]]
        if grouped:
            out.append([leaf for _, leaves in self.columns for leaf in leaves])
        return out + [list(row) for row in self.rows]

    def piped(self, row_end: bool = False) -> str:
        """Each cell on its own line ended by ` |`, an empty cell a `|` alone (the `pages` corpus' form);
        ``row_end``: a `|` alone after every row too."""
        lines = [*self.above, self.title, f"单位：{self.unit}"]
        for row in self.cells():
            lines += [f"{c} |" if c else "|" for c in row] + (["|"] if row_end else [])
        return "\n".join(lines) + "\n"

    def rowed(self, blank: str = " ") -> str:
        """A row to a line, its cells parted by a space, an empty cell written as ``blank`` (a crawler's
        text of each <tr>, the &nbsp; of an empty <td> a space)."""
        lines = [*self.above, self.title, f"单位：{self.unit}"]
        lines += [" ".join(c or blank for c in row) for row in self.cells()]
        return "\n".join(lines) + "\n"

    def spaced(self) -> str:
        """Each cell on its own line between blank lines, empty cells dropped (a crawler's get_text)."""
        lines = [*self.above, self.title, f"单位：{self.unit}"]
        lines += [c for row in self.cells() for c in row if c]
        return "\n\n".join(lines) + "\n"


SANGONG = Table(
    "2020年度一般公共预算财政拨款“三公”经费支出决算表", "万元", ["项目"],
    [("预算数", ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"]),
     ("决算数", ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"])],
    [("合计", "8.50", "8.50", "0.00", "4.50", "4.50", "0.00"),
     ("因公出国（境）费", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
     ("公务接待费", "8.50", "8.50", "0.00", "4.50", "4.50", "0.00"),
     ("公务用车购置及运行维护费", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
     ("其中：公务用车运行维护费", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"),
     ("公务用车购置费", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00")],
    above=["某某县第二中学", "编制部门：某某县第二中学"])

FISCAL = Table(
    "某某市教育局2024年一般公共预算财政拨款支出决算表", "万元", ["科目编码", "科目名称"],
    [("合计", []), ("其中", ["基本支出", "项目支出"])],
    [("", "合计", "2,342.21", "1,341.90", "1,000.31"),
     ("205", "教育支出", "2,298.72", "1,298.41", "1,000.31"),
     ("20501", "教育管理事务", "1,344.92", "344.61", "1,000.31"),
     ("2050101", "行政运行", "344.61", "344.61", ""),
     ("2050199", "其他教育管理事务支出", "1,000.31", "", "1,000.31"),
     ("20502", "普通教育", "953.80", "953.80", ""),
     ("2050201", "学前教育", "953.80", "953.80", ""),
     ("208", "社会保障和就业支出", "43.49", "43.49", ""),
     ("20805", "行政事业单位养老支出", "43.49", "43.49", ""),
     ("2080505", "机关事业单位基本养老保险缴费支出", "43.49", "43.49", "")])

CHANGE = Table(
    "某某县2023年“三公”经费决算财政拨款情况统计表", "元", ["项目"],
    [("2023年决算数", []), ("2022年决算数", []), ("2023年决算比上年增减情况", ["增减额", "增减幅度"])],
    [("合计", "8,203,300.00", "6,888,400.00", "1,314,900.00", "19.09%"),
     ("1.因公出国（境）费", "0.00", "0.00", "0.00", "0.00%"),
     ("2.公务接待费", "2,492,900.00", "2,472,100.00", "20,800.00", "0.84%"),
     ("3.公务用车购置及运行维护费", "5,710,400.00", "4,416,300.00", "1,294,100.00", "29.30%"),
     ("（1）公务用车运行维护费", "5,079,800.00", "4,278,300.00", "801,500.00", "18.73%"),
     ("（2）公务用车购置费", "630,600.00", "138,000.00", "492,600.00", "356.96%")])


def _cells(tmp_path, name: str, text: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    parsed = read_appendix(read_document(path).grids)
    return [{k: c[k] for k in KEYS} for c in parsed.cells]


@pytest.mark.parametrize("table", [SANGONG, FISCAL, CHANGE], ids=["groups", "codes", "yuan"])
def test_flattened_with_bars_reads_as_the_web_page(tmp_path, table):
    """Every cell ended by `|`, the empty ones kept: the same cells as the <table> gives."""
    expected = _cells(tmp_path, "page.html", table.html())
    assert len(expected) >= 4 * table.leaves()
    assert _cells(tmp_path, "page.txt", table.piped()) == expected


@pytest.mark.parametrize("table", [SANGONG, CHANGE], ids=["groups", "yuan"])
def test_flattened_between_blank_lines_reads_the_full_rows(tmp_path, table):
    """Empty cells lost: a full row reads as on the page; a row with a blank is not read, never zero."""
    expected = _cells(tmp_path, "page.html", table.html())
    got = _cells(tmp_path, "page.txt", table.spaced())
    leaves = table.leaves()
    full = {row[-1 - leaves] for row in table.rows if all(row[-leaves:])}
    assert [c for c in got if not math.isnan(c["value"])] == [c for c in expected if c["row"] in full]
    unplaced = [c for c in got if math.isnan(c["value"])]
    assert {c["row"] for c in unplaced} == {c["row"] for c in expected} - full


def test_blank_rows_lost_from_most_rows_leave_the_table_unread(tmp_path):
    """Seven of ten rows with a blank lost: which column each figure is in is a guess, so none is read."""
    path = tmp_path / "page.txt"
    path.write_text(FISCAL.spaced(), encoding="utf-8")
    doc = read_document(path)
    assert doc.grids == ()
    assert any("表头与数字的列数对不上" in note for note in doc.notes)


@pytest.mark.parametrize("table", [SANGONG, CHANGE], ids=["groups", "yuan"])
def test_a_bar_after_every_row_is_no_column(tmp_path, table):
    """A `|` alone after each row (a colspan's filler, a row's end): one more cell than figures in every
    row, and the header still names the figures' columns as the page does — never a 合计 shifted over."""
    assert _cells(tmp_path, "page.txt", table.piped(row_end=True)) == _cells(tmp_path, "page.html", table.html())


def test_a_total_row_without_its_label_keeps_its_figures(tmp_path):
    """合计's label cell left empty on the page (its figures first after the header): read, labelled ''."""
    rows = [("", *CHANGE.rows[0][1:]), *CHANGE.rows[1:]]
    table = Table(CHANGE.title, CHANGE.unit, CHANGE.heads, CHANGE.columns, rows)
    got = _cells(tmp_path, "page.txt", table.spaced())
    assert [c["value"] for c in got if c["row"] == ""] == [820.33, 688.84, 131.49, 19.09]
    assert {c["column"] for c in got} == {"2023年决算数", "2022年决算数", "2023年决算比上年增减情况/增减额",
                                          "2023年决算比上年增减情况/增减幅度"}


def test_cells_trace_to_their_lines(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(FISCAL.piped(), encoding="utf-8")
    doc = read_document(path)
    [cell] = [c for c in read_appendix(doc.grids).cells if c["code"] == "2050101" and c["column"] == "合计"]
    lines = [line.text for line in doc.lines]
    number = int(cell["cell"].removeprefix("第").removesuffix("行"))
    assert cell["sheet"] == "表1" and lines[number - 1] == "344.61 |"


def test_a_row_not_placed_is_said_and_stops_no_check_with_a_zero(tmp_path):
    """A 项 whose blank 项目支出 was lost: its cells unread (not zero), said with its line; the 款 above it
    is not summed against a zero."""
    rows = [r if r[0] != "2050101" else ("2050101", "行政运行", "344.61", "344.61", "0.00") for r in FISCAL.rows]
    rows = [r if r[0] not in ("20502", "2050201", "208", "20805", "2080505") else (*r[:-1], "0.00") for r in rows]
    table = Table(FISCAL.title, FISCAL.unit, FISCAL.heads, FISCAL.columns, rows)
    path = tmp_path / "page.txt"
    path.write_text(NARRATIVE + table.spaced(), encoding="utf-8")
    doc = read_document(path)
    lost = [line.number for line in doc.lines if line.text == "其他教育管理事务支出"]
    assert any(note.endswith(f"这些行未读取：第{lost[0]}行") for note in doc.notes)
    cells = read_appendix(doc.grids).cells
    assert {c["code"] for c in cells if math.isnan(c["value"])} == {"2050199"}
    findings = juesuan.process(path).tables["findings"]
    assert findings[findings["severity"] == "error"].empty


def _page(table: Table, rows=None, narrative: str = "") -> str:
    """A 决算 page: a sentence or two, then the table flattened with bars."""
    table = Table(table.title, table.unit, table.heads, table.columns, rows or table.rows, table.above)
    return narrative + table.piped()


NARRATIVE = ("某某市教育局2024年度部门决算\n"
             "2024年度一般公共预算财政拨款支出2,342.21万元，其中：基本支出1,341.90万元，占57.29%；"
             "项目支出1,000.31万元，占42.71%。\n")


def test_a_planted_error_in_a_flattened_table_is_found(tmp_path):
    """A 项 written 10 万元 more than its 款 holds: table.sum names it; the true table raises nothing."""
    path = tmp_path / "true.txt"
    path.write_text(_page(FISCAL, narrative=NARRATIVE), encoding="utf-8")
    findings = juesuan.process(path).tables["findings"]
    assert findings[findings["severity"] == "error"].empty
    rows = [("2050101", "行政运行", "354.61", "354.61", "") if r[0] == "2050101" else r for r in FISCAL.rows]
    path = tmp_path / "planted.txt"
    path.write_text(_page(FISCAL, rows, NARRATIVE), encoding="utf-8")
    result = juesuan.process(path)
    errors = result.tables["findings"]
    errors = errors[errors["severity"] == "error"]
    assert "table.sum" in set(errors["rule"]) and any("20501" in m for m in errors["message"])
    # the narrative was read beside the table: the page is no workbook
    assert not result.tables["facts"].empty


@pytest.mark.parametrize("header", [
    ["项目", "预算数", "决算数", "增减额", "增减率"],  # four names over three figures: which is which is unknown
])  # (two halves side by side, every cell kept, are read: tests/test_two_sided.py)
def test_a_header_that_does_not_match_the_figures_makes_no_table(tmp_path, header):
    rows = [("一、财政拨款收入", "100.00", "二、一般公共服务支出", "80.00"), ("二、事业收入", "20.00", "三、教育支出", "40.00"),
            ("三、其他收入", "0.00", "四、住房保障支出", "0.00")] if header[0] == "收入" else \
        [("合计", "1.00", "2.00", "3.00"), ("公务接待费", "1.00", "2.00", "3.00"), ("公务用车费", "0.00", "0.00", "0.00")]
    text = "收入支出决算总表\n单位：万元\n" + "\n".join(f"{c} |" for c in [*header, *(c for r in rows for c in r)])
    path = tmp_path / "page.txt"
    path.write_text(text + "\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.grids == ()
    assert any("表头与数字的列数对不上" in note for note in doc.notes)


def test_a_second_header_inside_the_table_starts_a_part_of_its_own(tmp_path):
    """编制数 | 实际在职人数 | 控制率 over one row, then 2022年决算数 | 2023年预算数 | 2023年决算数 over the
    next rows: each part under its own header, never the second's figures under the first's names."""
    cells = ["财政供养人员情况", "编制数", "实际在职人数", "控制率", "46", "50", "108.70%",
             "经费控制情况", "2022年决算数", "2023年预算数", "2023年决算数",
             "三公经费", "0", "0", "0", "公用经费", "118.31", "85.76", "193.42", "其中：办公经费", "29.35", "27.00", "49.09"]
    path = tmp_path / "page.txt"
    path.write_text("2023年度部门整体支出绩效评价基础数据表\n\n" + "\n\n".join(cells) + "\n", encoding="utf-8")
    grids = read_document(path).grids
    assert len(grids) == 2
    assert grids[0].cells[-1][1:] == ("46", "50", "108.70%")
    assert grids[1].cells[-4] == ("经费控制情况", "2022年决算数", "2023年预算数", "2023年决算数")
    assert grids[1].cells[-1] == ("其中：办公经费", "29.35", "27.00", "49.09")


def test_prose_is_no_cells_and_rows_written_on_one_line_are_read(tmp_path):
    """Sentences are left as they are; a table written a row to a line (a | b | c) is read by its bars."""
    text = (NARRATIVE + "项目 | 预算数 | 决算数\n合计 | 1.00 | 2.00\n公务接待费 | 1.00 | 2.00\n公务用车费 | 0.00 | 0.00\n"
            "因公出国（境）费 | 0.00 | 0.00\n")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert [g.cells for g in doc.grids] == [(("项目", "预算数", "决算数"), ("合计", "1.00", "2.00"),
                                              ("公务接待费", "1.00", "2.00"), ("公务用车费", "0.00", "0.00"),
                                              ("因公出国（境）费", "0.00", "0.00"))]
    assert not any(NARRATIVE.strip()[:20] in str(c) for g in doc.grids for row in g.cells for c in row)


SANGONG_SENTENCE = ("2020年度一般公共预算财政拨款“三公”经费支出年初预算8.5万元，支出决算4.5万元，完成年初预算的52.9%。"
                    "其中，公务接待费支出决算4.5万元，占100.0%。\n")


@pytest.mark.parametrize("form", ["html", "piped", "spaced"])
def test_a_page_of_the_sangong_keeps_its_sentences_beside_its_table(tmp_path, form):
    """Fewer than two 决算 sections and a table: still a report, its sentences read with its table."""
    if form == "html":
        path = tmp_path / "page.html"
        path.write_text(SANGONG.html().replace("<body>", f"<body><p>{SANGONG_SENTENCE}</p>"), encoding="utf-8")
    else:
        path = tmp_path / "page.txt"
        path.write_text(SANGONG_SENTENCE + getattr(SANGONG, form)(), encoding="utf-8")
    tables = juesuan.process(path).tables
    assert 52.9 in set(tables["facts"]["value"]) and 4.5 in set(tables["facts"]["value"])
    assert (tables["appendix"]["value"] == 4.5).any()


def _bar_line(cells: tuple[str, ...]) -> str:
    """A row as a web page's text writes it a line: the cells a merge covers (empty, first) not written."""
    cells = list(cells)
    while cells and not cells[0]:
        cells.pop(0)
    return " | ".join(cells) + " |"


def test_a_self_evaluation_written_a_row_to_a_line_reads_as_the_export():
    """The shipped report's 绩效自评表 with its rows written a line each, `|` between the cells and the cells
    under its merges (预算执行情况, 一级指标) not written: its budget lines and indicators as from the export."""
    from helpers import SHIPPED

    from juesuan.extract import performance
    from juesuan.read.text import document_from_text

    [rows] = performance.text_table_rows(read_document(SHIPPED))
    expected = performance.read_table(rows)
    doc = document_from_text("某某单位2023年度项目支出绩效自评\n" + "\n".join(_bar_line(r.cells) for r in rows) + "\n")
    [bar_rows] = performance.text_table_rows(doc)
    got = performance.read_table(bar_rows)
    drop = ("line", "text")

    def same(records):
        return [{k: v for k, v in r.items() if k not in drop} for r in records
                if any(isinstance(v, float) for v in r.values())]
    assert len(expected["indicators"]) == 7 and len(expected["budget"]) >= 4
    assert same(got["budget"]) == same(expected["budget"])
    assert same(got["indicators"]) == same(expected["indicators"])
    assert same(got["summary"]) == same(expected["summary"])


def test_an_indicator_not_read_leaves_the_weights_unchecked():
    """An indicator row whose cells cannot be placed (its 指标性质 lost): the stated 90分 is not compared
    with the weights read, which would be short of it."""
    from juesuan.extract import performance

    header = ("绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "原因")
    rows = [performance.Row(header, 1),
            performance.Row(("产出指标", "数量指标", "督导次数", "≥", "12", "次", "12", "45", "45"), 2),
            performance.Row(("质量指标", "优秀", "45", "40"), 3)]
    got = performance.read_table(rows)
    assert [r["weight"] for r in got["indicators"]] == [45.0]
    assert not any(s["measure"] == "indicator_weight_stated" for s in got["summary"])
    got = performance.read_table(rows[:2])
    assert any(s["measure"] == "indicator_weight_stated" and s["value"] == 90 for s in got["summary"])


@pytest.mark.parametrize("table", [SANGONG, FISCAL, CHANGE], ids=["groups", "codes", "yuan"])
def test_rows_parted_by_spaces_read_as_the_web_page(tmp_path, table):
    """A row to a line, cells parted by spaces, an empty cell two spaces: the cells the <table> gives."""
    expected = _cells(tmp_path, "page.html", table.html())
    assert len(expected) >= 4 * table.leaves()
    assert _cells(tmp_path, "page.txt", table.rowed()) == expected


def test_spaces_that_part_no_cells_place_no_figure(tmp_path):
    """Empty cells written as runs of three spaces: which column a figure of a row with blanks is in
    cannot be told, so such a row's figures are not read — never put in another column."""
    expected = {(c["row"], c["column"]): c["value"] for c in _cells(tmp_path, "page.html", FISCAL.html())}
    got = _cells(tmp_path, "page.txt", FISCAL.rowed(blank="  "))
    assert all(math.isnan(c["value"]) or expected[(c["row"], c["column"])] == c["value"] for c in got)
    with_blanks = {row[1] for row in FISCAL.rows if "" in row[2:]}
    assert not any(c["row"] in with_blanks and not math.isnan(c["value"]) for c in got)
    assert any("列数对不上" in note for note in read_document(tmp_path / "page.txt").notes)


def test_a_column_blank_throughout_keeps_its_place(tmp_path):
    """上年 left blank on every row, a count's row under a table in 元: each figure in its own column,
    and a count (辆, 人) not turned into 万元."""
    table = Table("某某县某某中心2017年度“三公”经费预算情况表", "元", ["项目"],
                  [("2016年执行数", []), ("2017年预算数", [])],
                  [("一、支出合计", "", "250000"), ("1、因公出国（境）费用", "", ""), ("2、公务接待费", "", "150000"),
                   ("3、公务用车费", "", "100000"), ("其中：公务用车运行维护费", "", "100000"),
                   ("4.公务用车保有量（辆）", "", "1"),
                   ("5.公务接待人数（人）", "", "500")])
    got = {(c["row"], c["column"]): (c["value"], c["unit_in_source"]) for c in _cells(tmp_path, "page.txt", table.rowed())}
    assert got[("一、支出合计", "2017年预算数")] == (25.0, "元")
    assert got[("4.公务用车保有量（辆）", "2017年预算数")] == (1.0, "辆")
    assert got[("5.公务接待人数（人）", "2017年预算数")] == (500.0, "人")
    assert not any(column == "2016年执行数" and value for (_, column), (value, _) in got.items())


@pytest.mark.parametrize("label_head, count_head", [("使用项目", "2020年度数量或人次"), ("统计项目", "本年数量"),
                                                    ("项目名称", "数量")])
def test_a_table_of_counts_under_its_own_heading_is_a_table_of_its_own(tmp_path, label_head, count_head):
    """A 三公 table, then a line naming the next (…使用情况, no 表) over a header of a label column and one
    of counts: two tables; the counts (0, 32, 660 — whole numbers, none a 科目 code though 660 stands before
    a label) read with their labels, as figures of a table no check knows (``other``)."""
    cells = ["经费项目", "本年支出(万元)", "减少率",
             "公务接待费", "71.53", "-", "公务用车运行维护费", "1,433.42", "-", "合计", "1,504.95", "-",
             "本年度“三公”经费使用情况", label_head, count_head,
             "因公出国(境)团组数", "0", "公务用车购置数", "32", "公务用车保有量", "660", "国内公务接待批次", "486"]
    path = tmp_path / "page.txt"
    path.write_text("某某区2021年度“三公”经费决算情况\n" + "\n".join(f"{c} |" for c in cells) + "\n", encoding="utf-8")
    grids = read_document(path).grids
    assert len(grids) == 2
    assert grids[0].cells[-1] == ("合计", "1,504.95", "-")
    assert grids[1].cells[-2:] == (("公务用车保有量", "660"), ("国内公务接待批次", "486"))
    cells = juesuan.process(path).tables["appendix"]
    counts = cells[cells["sheet"] == grids[1].name]
    assert dict(zip(counts["row"], counts["value"])) == {"因公出国(境)团组数": 0, "公务用车购置数": 32,
                                                         "公务用车保有量": 660, "国内公务接待批次": 486}
    assert set(cells["kind"]) == {"other"}  # no check is made of them


def test_a_code_is_one_the_classification_has(tmp_path):
    """201 and 30101 before a name are 科目 codes; 660 or 486 before a name is a count of the row above."""
    from juesuan.read.table_lines import CODE_CELL

    assert all(CODE_CELL.match(c) for c in ("201", "2010301", "30101", "399", "50101", "103", "230"))
    assert not any(CODE_CELL.match(c) for c in ("660", "486", "700", "12345", "2401"))
