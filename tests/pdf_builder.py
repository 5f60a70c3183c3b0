"""A disclosure PDF written by another program than the sample's (reportlab), laid out otherwise:
another font and size, left-aligned wrapping, page numbers as — N —, tables in 8 pt with
thousands separators, every border drawn (no merged cells), a 科目编码 column too narrow for its
codes (they overflow into the name cell), and long tables continued as 续表 on the next page."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"  # an Adobe CID font: no file to embed
_HEADING = re.compile(r"^(?:第.{1,3}部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+、)")
_MARKER = re.compile(r"\[bookmark: [^\]]*\]")


def build_pdf(text: str, sheets, path: Path, size: float = 12.5, code_width: float = 27.0, rows_per_page: int = 30) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(str(path), pagesize=A4)
    state = {"page": 0}
    _narrative(c, text, size, state)
    for sheet in sheets:
        _table(c, sheet, state, code_width, rows_per_page)
    c.save()
    return path


def _footer(c, state, width):
    state["page"] += 1
    c.setFont(FONT, 9)
    c.drawCentredString(width / 2, 30, f"— {state['page']} —")


def _narrative(c, text: str, size: float, state) -> None:
    width, height = A4
    left, right, top, bottom = 72, width - 68, height - 70, 70
    y = top
    c.setFont(FONT, size)
    for raw in text.splitlines():
        if "\t" in raw or not raw.strip():
            continue  # tab-separated runs are the text export's tables and chart data
        line = _MARKER.sub("", raw).replace("\u3000", " ").strip()
        if line.startswith("第五部分"):
            break  # the 附表 follow as tables
        indent = 0 if _HEADING.match(line) or len(line) < 20 else 2 * size
        words, x0 = list(line), left + indent
        current = ""
        for ch in words:
            if pdfmetrics.stringWidth(current + ch, FONT, size) > right - x0:
                y = _emit(c, current, x0, y, size, state, top, bottom)
                current, x0 = ch, left
            else:
                current += ch
        y = _emit(c, current, x0, y, size, state, top, bottom)
    _footer(c, state, width)
    c.showPage()


def _emit(c, text, x, y, size, state, top, bottom) -> float:
    if y < bottom:
        _footer(c, state, A4[0])
        c.showPage()
        c.setFont(FONT, size)
        y = top
    c.drawString(x, y, text)
    return y - size * 1.6


def _fmt(v) -> str:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return f"{v:,.2f}"
    return str(v)


def _table(c, sheet, state, code_width: float, per_page: int) -> None:
    width, height = landscape(A4)
    c.setPageSize((width, height))
    rows = [[_fmt(v) for v in r] for r in sheet.rows]
    title, form, unit = rows[0][0], next(v for v in rows[1] if v), rows[2]
    body = rows[3:]
    header_end = next((i for i, r in enumerate(body) if r and r[0] in ("栏次", "1")), 0) + 1
    header, data = body[:header_end], body[header_end:]
    note = [r for r in data if r and r[0].startswith("注")]
    data = [r for r in data if r not in note and any(v for v in r)]
    ncols = max(len(r) for r in body)
    size = 8
    widths = [max(pdfmetrics.stringWidth(r[i] if i < len(r) else "", FONT, size) for r in header + data) + 8
              for i in range(ncols)]
    codes = [i for i, v in enumerate(header[-2] if len(header) > 1 else []) if v in ("科目编码",)]
    for i in codes:
        widths[i] = code_width  # too narrow: a 7-digit code runs into the next cell
    scale = min(1.0, (width - 80) / sum(widths))
    widths = [w * scale for w in widths]
    chunks = [data[i:i + per_page] for i in range(0, len(data), per_page)] or [[]]
    for n, chunk in enumerate(chunks):
        y = height - 50
        c.setFont(FONT, 13)
        if n == 0:
            c.drawCentredString(width / 2, y, title)
            y -= 18
            c.setFont(FONT, 9)
            c.drawRightString(width - 40, y, form)
            y -= 14
            c.drawString(40, y, unit[0])
            c.drawRightString(width - 40, y, next((v for v in unit[1:] if v), ""))
        else:
            c.setFont(FONT, 10)
            c.drawString(40, y, "续表")
        y -= 10
        c.setFont(FONT, size)
        grid = header + chunk
        x0 = 40
        c.setLineWidth(0.5)
        for r, row in enumerate(grid):
            top_y = y - r * 14
            x = x0
            for i in range(ncols):
                c.rect(x, top_y - 14, widths[i], 14)
                value = row[i] if i < len(row) else ""
                if value and i in codes and r < len(header):  # the header fits, in a smaller size
                    c.setFont(FONT, 5)
                    c.drawString(x + 1, top_y - 10, value)
                    c.setFont(FONT, size)
                elif value:
                    numeric = re.fullmatch(r"-?[\d,]+\.\d+", value) is not None
                    if numeric:
                        c.drawRightString(x + widths[i] - 3, top_y - 10, value)
                    else:
                        c.drawString(x + 3, top_y - 10, value)
                x += widths[i]
        if n == len(chunks) - 1 and note:
            c.drawString(x0, y - len(grid) * 14 - 14, note[0][0])
        _footer(c, state, width)
        c.showPage()
