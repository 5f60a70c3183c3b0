"""A 收入 | 支出 table of two halves side by side, as a web page's text flattens it (read/two_sided.py): one cell
a line with its blank cells dropped (each half-row placed by its 行次), its cells parted by bars however the
lines break (a row a line; a blank cell a line break between two bars; words and bars on lines of their
own), or every cell kept — each reads to the same cells as the page's <table>; a half whose figures cannot
be placed is unread, never zero; without 行次 and blanks dropped, each half goes where its label's words say,
and a table whose labels tell no side is left unread."""

from __future__ import annotations

import math

import pytest

from juesuan.extract.appendix import read_appendix
from juesuan.read import read_document

KEYS = ("kind", "title", "row", "column", "value", "unit_in_source")
TITLE = ["收入支出决算总表", "公开01表", "单位：万元"]
HEAD = [["收入", "", "", "支出", "", ""], ["项目", "行次", "决算数", "项目", "行次", "决算数"]]
# the national template: the income items end long before the 功能分类 list; its left rows blank below
ROWS = [
    ["一、财政拨款收入", "1", "479.01", "一、一般公共服务支出", "30", "12.50"],
    ["二、上级补助收入", "2", "", "二、教育支出", "31", "409.52"],
    ["三、事业收入", "3", "20.00", "三、社会保障和就业支出", "32", "51.30"],
    ["四、其他收入", "4", "", "四、卫生健康支出", "33", "15.69"],
    ["", "5", "", "五、住房保障支出", "34", "10.00"],
    ["", "6", "", "六、农林水支出", "35", ""],
    ["本年收入合计", "7", "499.01", "本年支出合计", "36", "499.01"],
    ["年初结转和结余", "8", "0.00", "年末结转和结余", "37", "0.00"],
    ["总计", "9", "499.01", "总计", "38", "499.01"],
]


def _html(rows=ROWS) -> str:
    top = '<tr><td colspan="3">收入</td><td colspan="3">支出</td></tr>'
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in [HEAD[1], *rows])
    paragraphs = "".join(f"<p>{t}</p>" for t in TITLE)
    return f"<html><body>{paragraphs}<table border='1'>{top}{body}</table></body></html>"


def _one_a_line(rows=ROWS) -> str:
    """Each cell between blank lines, its blank cells dropped (a crawler's get_text)."""
    cells = [c for row in [HEAD[0], HEAD[1], *rows] for c in row if c]
    return "\n\n".join([*TITLE, *cells]) + "\n"


def _row_a_line(rows=ROWS) -> str:
    """A row a line, cells parted by ` | `; a blank cell a line break between its bars."""
    lines = [*TITLE]
    for row in [["收入", "支出"], HEAD[1], *rows]:
        lines.append("".join(f"{c} |" if c else "\n|" for c in row))
    return "\n".join(lines) + "\n"


def _words_then_bars(rows=ROWS) -> str:
    """Each cell's words on a line, then a bar alone on the next; a blank cell a bar with nothing before it."""
    lines = [*TITLE]
    for row in [["收入", "支出"], HEAD[1], *rows]:
        for c in row:
            lines += [c, "|"] if c else ["|"]
    return "\n".join(lines) + "\n"


def _cells(tmp_path, name: str, text: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [{k: c[k] for k in KEYS} for c in read_appendix(read_document(path).grids).cells]


@pytest.mark.parametrize("form", [_one_a_line, _row_a_line, _words_then_bars], ids=["a-cell-a-line", "bars", "bar-lines"])
def test_flattened_two_sided_table_reads_as_the_web_page(tmp_path, form):
    expected = _cells(tmp_path, "page.html", _html())
    assert {c["row"] for c in expected} >= {"一、财政拨款收入", "二、教育支出", "本年支出合计"}
    assert _cells(tmp_path, "page.txt", form()) == expected


def test_each_half_goes_to_its_own_side(tmp_path):
    """The 教育支出 beside an empty 上级补助收入 is spending, in the right half; the blank left rows are blank."""
    cells = _cells(tmp_path, "page.txt", _one_a_line())
    education = [c for c in cells if c["row"] == "二、教育支出"]
    assert [(c["column"], c["value"]) for c in education] == [("支出/决算数", 409.52)]
    assert [c["value"] for c in cells if c["row"] == "本年收入合计"] == [499.01]


def test_a_half_with_more_columns_than_figures_is_unread_not_zero(tmp_path):
    """A half of two figure columns (合计 | 基本支出) with one figure: which column it is in is unknown."""
    head = ["项目", "行次", "决算数", "项目", "行次", "合计", "基本支出"]
    rows = [["一、财政拨款收入", "1", "100.00", "一、教育支出", "30", "90.00", "60.00"],
            ["二、事业收入", "2", "10.00", "二、住房保障支出", "31", "20.00"],  # one of its two lost
            ["本年收入合计", "3", "110.00", "本年支出合计", "32", "110.00", "60.00"]]
    text = "\n\n".join([*TITLE, "收入", "支出", *head, *(c for r in rows for c in r if c)]) + "\n"
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert any("未读取" in note and "半行" in note for note in doc.notes)
    cells = read_appendix(doc.grids).cells
    housing = [c for c in cells if c["row"] == "二、住房保障支出"]
    assert housing and all(math.isnan(c["value"]) for c in housing)
    assert [c["value"] for c in cells if c["row"] == "一、教育支出"] == [90.0, 60.0]


NO_LINE_NUMBERS = [["一、财政拨款收入", "100.00", "一、教育支出", "90.00"], ["二、事业收入", "", "二、住房保障支出", "20.00"],
                   ["", "", "三、农林水支出", "5.00"], ["本年收入合计", "100.00", "本年支出合计", "115.00"],
                   ["上年结转", "15.00", "结转下年", "0.00"]]


def _no_line_numbers(head: list[str], rows=NO_LINE_NUMBERS) -> str:
    return "\n\n".join([*TITLE, *head, *(c for r in rows for c in r if c)]) + "\n"


def _html_of(head: list[str], rows=NO_LINE_NUMBERS) -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in [head, *rows])
    return f"<html><body>{''.join(f'<p>{t}</p>' for t in TITLE)}<table border='1'>{body}</table></body></html>"


@pytest.mark.parametrize("head", [["项目", "决算数", "项目", "决算数"], ["", "决算数", "", "决算数"]],
                         ids=["named", "labels-blank"])
def test_without_line_numbers_each_half_goes_where_its_words_say(tmp_path, head):
    """No 行次 and blank cells dropped (the header's 项目 cells blank too): each half-row on the side its
    label names (收入 … left, 支出 … right) — the cells the <table> gives."""
    expected = _cells(tmp_path, "page.html", _html_of(["项目", "决算数", "项目", "决算数"]))
    got = _cells(tmp_path, "page.txt", _no_line_numbers(["收入", "支出", *head]))
    assert {(c["row"], c["value"]) for c in got} == {(c["row"], c["value"]) for c in expected}
    assert [c["column"] for c in got if c["row"] == "三、农林水支出"] == ["支出/决算数"]


def test_a_two_sided_table_whose_labels_tell_no_side_is_left_unread(tmp_path):
    """No 行次, blank cells dropped and a label of neither side (总计 | 总计): which half a figure is in
    cannot be known — no table, said."""
    rows = [*NO_LINE_NUMBERS, ["总计", "115.00", "总计", "115.00"]]
    path = tmp_path / "page.txt"
    path.write_text(_no_line_numbers(["收入", "支出", "项目", "决算数", "项目", "决算数"], rows), encoding="utf-8")
    doc = read_document(path)
    assert doc.grids == ()
    assert any("表头与数字的列数对不上" in note for note in doc.notes)


def test_a_page_cut_off_inside_the_table_keeps_the_rows_before(tmp_path):
    """The stored text ends mid-row (二十三、债务付息支…): the rows before it read."""
    text = _one_a_line(ROWS[:5]) + "\n6\n\n六、农林\n"
    cells = _cells(tmp_path, "page.txt", text)
    assert [c["value"] for c in cells if c["row"] == "五、住房保障支出"] == [10.0]
