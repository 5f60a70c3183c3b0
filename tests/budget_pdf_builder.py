"""A small 单位预算 PDF in Shanghai's layout, written by reportlab for the budget checks' tests: a
说明 page, then ruled tables in 万元, one of which runs on to the next page without title or header,
and a 财政拨款收支预算总表 whose title and 单位 line stand inside its ruled box (as the whole page is
ruled in some producers' output). Cells are given as text, so a test can plant a wrong figure."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
HEADER = [["项目", "", "", "", "支出预算", "", ""],
          ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
          ["类", "款", "项", "", "", "", ""]]
# 类 204 with 款 20406 and four 项, then 类 208: the rows of the 支出预算总表 and of the 一般公共预算 table
ROWS = [["204", "", "", "公共安全支出", "900.00", "500.00", "400.00"],
        ["204", "06", "", "司法", "900.00", "500.00", "400.00"],
        ["204", "06", "01", "行政运行", "500.00", "500.00", "0.00"],
        ["204", "06", "04", "基层司法业务", "150.00", "0.00", "150.00"],
        ["204", "06", "05", "普法宣传", "50.00", "0.00", "50.00"],
        ["204", "06", "99", "其他司法支出", "200.00", "0.00", "200.00"],
        ["208", "", "", "社会保障和就业支出", "100.00", "100.00", "0.00"],
        ["208", "05", "", "行政事业单位养老支出", "100.00", "100.00", "0.00"],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "100.00", "100.00", "0.00"],
        ["合计", "", "", "", "1,000.00", "600.00", "400.00"]]
TEXT = """上海市普陀区某某局2026年单位预算
2026年单位预算编制说明
2026年，上海市普陀区某某局收入预算1,000.00万元，其中：财政拨款收入1,000.00万元。
支出预算1,000.00万元，其中：财政拨款支出预算1,000.00万元。财政拨款支出预算中，一般公共预算拨款支出预算1,000.00万元。
财政拨款支出主要内容如下：
1、公共安全支出（204类）司法（06款）行政运行（01项）500.00万元。
2、公共安全支出（204类）司法（06款）基层司法业务（04项）150.00万元。
3、公共安全支出（204类）司法（06款）普法宣传（05项）50.00万元。
4、公共安全支出（204类）司法（06款）其他司法支出（99项）200.00万元。
5、社会保障和就业支出（208类）行政事业单位养老支出（05款）机关事业单位基本养老保险缴费支出（05项）100.00万元。"""


def budget_pdf(path: Path, rows: list[list[str]] = ROWS, text: str = TEXT, split: int = 6,
               repeat_header: bool = False, atop: int = 0, merged_total: bool = False) -> Path:
    """The 说明, the 支出预算总表 (its first ``split`` rows on one page, the rest on the next, with the
    header again when ``repeat_header``), the 一般公共预算 table (one page; its last ``atop`` rows atop
    the next page, in the 财政拨款总表's ruled box above that table's title) and the 财政拨款总表.
    ``merged_total``: the 支出预算总表's 合计 drawn over the code and name columns as one cell."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 80
    c.setFont(FONT, 11)
    for line in text.splitlines():
        for start in range(0, len(line), 40):
            c.drawString(60, y, line[start:start + 40])
            y -= 20
    c.showPage()
    c.setPageSize(landscape(A4))
    _table(c, "2026年预算单位支出预算总表", HEADER + rows[:split])
    _table(c, None, (HEADER if repeat_header else []) + rows[split:], merged_total=merged_total)
    gb = [h[:4] + ["一般公共预算支出" if v == "支出预算" else v for v in h[4:]] for h in HEADER]
    _table(c, "2026年预算单位一般公共预算支出功能分类预算表", gb + rows[:len(rows) - atop])
    total = rows[-1][4]
    fiscal = [["2026年预算单位财政拨款收支预算总表", "", "", "", "", "", ""],
              ["编制单位：上海市普陀区某某局", "", "", "", "", "", "单位：万元"],
              ["财政拨款收入", "", "财政拨款支出", "", "", "", ""],
              ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
              ["一、一般公共预算资金", total, "一、公共安全支出", rows[0][4], rows[0][4], "", ""],
              ["二、政府性基金", "", "二、社会保障和就业支出", rows[6][4], rows[6][4], "", ""],
              ["收入总计", total, "支出总计", total, total, "", ""]]
    _table(c, None, rows[len(rows) - atop:] + fiscal, merged_top=2, widths=[90, 70, 130, 170, 80, 80, 80],
           halves=2, first=atop)
    c.save()
    return path


def _table(c, title: str | None, rows: list[list[str]], merged_top: int = 0,
           widths: list[float] | None = None, halves: int = 0, first: int = 0, merged_total: bool = False) -> None:
    """One page: the title and 单位 line above the ruled rows (none on a page the table runs on to);
    ``merged_top`` rows from row ``first`` on drawn as one box over the whole width (a title inside the
    ruled area); the row after them split in two boxes at column ``halves`` (收入 | 支出 over the sides)."""
    width, height = landscape(A4)
    widths = widths or [40, 40, 40, 200, 110, 110, 110]
    y = height - 60
    if title:
        c.setFont(FONT, 14)
        c.drawCentredString(width / 2, y, title)
        y -= 20
        c.setFont(FONT, 9)
        c.drawString(40, y, "编制单位：上海市普陀区某某局")
        c.drawRightString(40 + sum(widths), y, "单位：万元")
        y -= 12
    c.setFont(FONT, 8)
    c.setLineWidth(0.5)
    for r, row in enumerate(rows):
        top = y - r * 16
        if first <= r < first + merged_top:
            c.rect(40, top - 16, sum(widths), 16)
            c.drawString(43, top - 11, row[0])
            if row[-1]:
                c.drawRightString(40 + sum(widths) - 3, top - 11, row[-1])
            continue
        if halves and r == first + merged_top:
            left = sum(widths[:halves])
            c.rect(40, top - 16, left, 16)
            c.rect(40 + left, top - 16, sum(widths) - left, 16)
            c.drawCentredString(40 + left / 2, top - 11, row[0])
            c.drawCentredString(40 + left + (sum(widths) - left) / 2, top - 11, row[halves])
            continue
        if merged_total and row[:4] == ["合计", "", "", ""]:  # its label one cell over four columns
            c.rect(40, top - 16, sum(widths[:4]), 16)
            c.drawCentredString(40 + sum(widths[:4]) / 2, top - 11, row[0])
            x = 40 + sum(widths[:4])
            for w, value in zip(widths[4:], row[4:]):
                c.rect(x, top - 16, w, 16)
                c.drawRightString(x + w - 3, top - 11, value)
                x += w
            continue
        if row[:4] == ["项目", "", "", ""]:
            # 项目 over the code and name columns, the table's name over its figures: merged cells
            for c0, c1 in ((0, 3), (4, 6)):
                x0 = 40 + sum(widths[:c0])
                c.rect(x0, top - 16, sum(widths[c0:c1 + 1]), 16)
                c.drawCentredString(x0 + sum(widths[c0:c1 + 1]) / 2, top - 11, row[c0])
            continue
        x = 40
        for w, value in zip(widths, row):
            c.rect(x, top - 16, w, 16)
            if value and value[0].isdigit() and "." in value:
                c.drawRightString(x + w - 3, top - 11, value)
            elif value:
                c.drawString(x + 3, top - 11, value)
            x += w
    c.showPage()
