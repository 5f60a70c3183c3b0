"""A whole disclosure as one PDF → the Document a text export and a workbook give together.

Text comes from pypdfium2 (fast: the 43-page sample in ≈ 0.1 s); ruled tables from pdfplumber,
run only on the pages that draw lines (the slow part, ≈ 0.05 s a page). On each page:
- the text runs are grouped into lines by position; the page number (第 N 页, — 1 —, a bare
  number), the 目录 (dot leaders) and the text inside a chart or a table are left out;
- justified lines are joined back into paragraphs (a line that reaches the right margin goes on
  in the next one, across pages too), so a sentence — and a number split from its 万元 — reads
  as in the text export;
- ruled tables become grids (the appendix tables) or document tables (the 绩效自评表); a table
  continued on the next page (续表, header rows repeated) is joined to its first part.
Every line keeps its page and line on the page; every cell its page, row and column.
Pages without a text layer (scanned) are listed; a PDF with no text at all is refused, and so is
one whose streams inflate beyond reason (read/pdf_streams.py) or whose page tree is broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model.document import Document, Grid, Line, Table, normalise
from ..model.errors import ReportError
from .pdf_streams import check_streams

MAX_PAGES = 1000  # a department's disclosure runs to tens of pages; a larger file is refused
_FOOTER = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|[-—–－─]+\s*\d+\s*[-—–－─]+|\d{1,3}|\d+\s*/\s*\d+)$")
_LEADERS = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{6,})\s*\d+\s*$")
_TOC = re.compile(r"^目\s*录$")
_HEADING = re.compile(r"^(?:第.{1,3}部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+(?:、|[.．](?!\d)))")
# pdfplumber's table finding is the slow part (≈ 0.1 s a page): only pages that draw lines and name a
# table are worth it — not a page whose drawings are charts. A table's own marks, whatever its title:
# 栏次, a code column, a form number (部门公开表3, 公开05表), a unit line (单位：万元), a title ending 表
_TABLE_CUES = re.compile(r"栏\s*次|续\s*表|科目编码|项目名称|决算表|决算总表|明细表|绩效自评|预算表|预算总表|情况表|"
                         r"公开\s*\d+\s*表|公开表\s*\d+|(?:金额)?单位\s*[:：]\s*(?:万元|元)|[收支总]表$")
_CAPTION = re.compile(r"^[(（]\s*图\s*\d")
_SENTENCE_END = re.compile(r"[。！？；：!?;:]$")
_CLAUSE_END = re.compile(r"[，,、]$")


@dataclass
class TextLine:
    text: str
    x0: float
    x1: float
    top: float  # distance from the page's top
    bottom: float


@dataclass
class PdfPage:
    number: int  # 1-based
    width: float
    lines: list[TextLine]
    ruled: bool  # draws enough lines to hold a table
    figures: list[tuple[float, float, float, float]]  # (x0, top, x1, bottom) of drawings (charts)
    placed: bool = True  # False: its font gives the glyphs no boxes, so lines have no positions
    pictured: bool = False  # shows an image or outlines: without text, a scanned page
    boxed: bool = False  # draws a box or a few rules (a table's last row alone on its page)


def read_pdf(path: Path, data: bytes) -> Document:
    import pypdfium2 as pdfium

    check_streams(data, path)  # decompression bombs, before pdfium inflates anything
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if re.search(rb"/Count\s*0\b", data) and re.search(rb"/Type\s*/Pages\b", data):  # pdfium loads no empty file
            raise ReportError(path, "the PDF has no pages") from exc
        if "password" in str(exc).lower():
            raise ReportError(path, "the PDF is encrypted (password-protected); save a copy without a password") from exc
        raise ReportError(path, f"cannot read the PDF (damaged or cut short): {exc}") from exc
    try:
        count = len(pdf)
        if count == 0:
            raise ReportError(path, "the PDF has no pages")
        if count > MAX_PAGES:
            raise ReportError(path, f"the PDF has {count} pages; a 部门决算 disclosure has tens (the limit is {MAX_PAGES})")
        pages = [_page(pdf, i, path) for i in range(count)]
    finally:
        pdf.close()
    # a page without text that shows an image is a scan; one that shows only rules (the empty overflow
    # row of a table) holds nothing to read
    scanned = [p.number for p in pages if not p.lines and p.pictured]
    if not any(p.lines for p in pages):
        raise ReportError(path, f"no text layer: scanned PDF ({len(pages)} pages of images); juesuan reads the text "
                          "of a PDF and has no OCR installed — ask the department for the text PDF or the Word file")
    tables = _tables(data, _table_pages(pages))
    lines = _paragraphs(pages, tables)
    grids, documents = _split_tables(tables, lines)
    return Document(str(path), tuple(lines), tables=tuple(documents), grids=tuple(grids), unread_pages=tuple(scanned))


def _table_pages(pages: list[PdfPage]) -> list[PdfPage]:
    """Pages worth pdfplumber's table finding: ruled pages that name a table, and the ruled pages
    right after them (a table runs on over pages that repeat neither its title nor its header)."""
    out: list[PdfPage] = []
    for p in pages:
        cued = p.ruled and p.lines and _TABLE_CUES.search("".join(ln.text for ln in p.lines))
        follows = (p.ruled or p.boxed) and out and out[-1].number == p.number - 1
        if cued or follows:
            out.append(p)
    return out


def _page(pdf, index: int, path: Path) -> PdfPage:
    import pypdfium2 as pdfium

    try:
        page = pdf[index]
    except pdfium.PdfiumError as exc:  # a page tree that loops, or points at what is not a page
        raise ReportError(path, f"cannot read page {index + 1} of the PDF (damaged page tree): {exc}") from exc
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        runs = []
        for left, bottom, right, top, text in _runs(textpage):
            text = text.strip()
            if not text:
                continue
            if top - bottom < 1:  # a font without metrics (not embedded): the boxes have no height
                size = (right - left) / max(len(text), 1)  # take a glyph as square
                top, bottom = bottom + 0.85 * size, bottom - 0.15 * size
            runs.append(TextLine(text, left, right, height - top, height - bottom))
        whole = textpage.get_text_range()
        textpage.close()
        paths, formed, imaged = _drawings(page.raw)
        # an image, or many drawings (text turned into outlines): what a page without text shows
        pictured = len(paths) > 50 or formed or imaged
    finally:
        page.close()
    figures = [(left, height - top, right, height - bottom) for left, bottom, right, top in paths]
    # a drawing as large as the page is its background or frame, not a chart over its text
    regions = [r for r in _regions(figures) if r[2] - r[0] < 0.9 * width or r[3] - r[1] < 0.9 * height]
    ruled, boxed = len(paths) >= 10 or formed, len(paths) >= 4
    # A font that is not embedded may give its glyphs no boxes (pdfium knows no metrics for it): the
    # positioned runs then miss text. Such a page is read as pdfium's lines, without positions.
    if sum(len(r.text.replace(" ", "")) for r in runs) < 0.8 * len(re.sub(r"\s", "", whole)):
        lines = [TextLine(t.strip(), 0.0, 0.0, float(i), i + 0.8) for i, t in enumerate(whole.splitlines()) if t.strip()]
        return PdfPage(index + 1, width, lines, ruled, regions, placed=False, pictured=pictured, boxed=boxed)
    return PdfPage(index + 1, width, _lines(runs), ruled, regions, pictured=pictured, boxed=boxed)


def _runs(textpage) -> list[tuple[float, float, float, float, str]]:
    """pdfium's text rectangles (left, bottom, right, top) with the characters each holds. The text of a
    rectangle is that of the characters pdfium put in it, walked in their order — not the text its box
    bounds, which takes in a neighbour's glyph where glyph boxes overlap (a WPS page set glyph by glyph,
    its 8 wider than its advance: 增长8.85% read 8.8.8585%; the 1 before a space: 9.1 % read 9.11%).
    Through pdfium's C calls: a page has a rectangle per character, and pypdfium2's helpers cost more
    than pdfium's work for each."""
    import ctypes

    import pypdfium2.raw as raw

    handle = textpage.raw
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    rects = []
    for i in range(raw.FPDFText_CountRects(handle, 0, -1)):
        if raw.FPDFText_GetRect(handle, i, left, top, right, bottom):
            rects.append((left.value, bottom.value, right.value, top.value))
    texts = [[] for _ in rects]
    count = raw.FPDFText_CountChars(handle)
    buffer = (ctypes.c_ushort * (count + 1))()  # the page's characters at once: one call, not one a character
    raw.FPDFText_GetText(handle, 0, count, buffer)
    chars = [chr(c) for c in buffer[:count]]
    at = 0  # the rectangle the walk is in: pdfium makes them in the characters' order
    for k, char in enumerate(chars):
        generated = char in " \r\n" and raw.FPDFText_IsGenerated(handle, k)  # what pdfium adds is white space
        if generated or not raw.FPDFText_GetCharBox(handle, k, left, right, bottom, top):
            if char == " " and at < len(rects) and texts[at]:
                texts[at].append(char)  # a space pdfium put between words: the rectangle's, as its text had it
            continue
        x, y = (left.value + right.value) / 2, (bottom.value + top.value) / 2
        for step in range(at, min(at + 8, len(rects))):  # a glyph outside every rectangle near is left out
            if _holds(rects[step], x, y):
                at = step
                texts[at].append(char)
                break
    return [(*box, "".join(text)) for box, text in zip(rects, texts)]


def _holds(rect: tuple[float, float, float, float], x: float, y: float, margin: float = 0.5) -> bool:
    left, bottom, right, top = rect
    return left - margin <= x <= right + margin and bottom - margin <= y <= top + margin


def _drawings(page, form=None, level: int = 0, max_depth: int = 15):
    """The page's path objects' bounds (left, bottom, right, top), whether it holds a form XObject,
    and whether an image, descending into forms as pypdfium2's get_objects does — through pdfium's
    C calls: a WPS page holds thousands of objects, each a Python wrapper otherwise."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    count, get = (raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject) if form else \
        (raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject)
    parent = form if form else page
    paths, formed, imaged = [], False, False
    box = [ctypes.c_float() for _ in range(4)]
    for i in range(count(parent)):
        obj = get(parent, i)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            if not raw.FPDFPageObj_GetBounds(obj, *box):
                raise pdfium.PdfiumError("Failed to locate pageobject.")
            paths.append(tuple(b.value for b in box))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            imaged = True
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            formed = True
            if level < max_depth - 1:
                inner, _, inner_imaged = _drawings(page, obj, level + 1, max_depth)
                paths += inner
                imaged = imaged or inner_imaged
    return paths, formed, imaged


def _same_row(extent: tuple[float, float], run: TextLine) -> bool:
    """A run belongs to a row (its top and bottom) when its middle falls within the row's extent, or
    when the two overlap by half the smaller height: ONLYOFFICE prints a sentence's digits (and
    quotes) as runs a few points below the Chinese text, and they are still part of its line."""
    top, bottom = extent
    middle = (run.top + run.bottom) / 2
    if top - 0.5 <= middle <= bottom + 0.5:
        return True
    overlap = min(bottom, run.bottom) - max(top, run.top)
    return overlap >= 0.5 * min(bottom - top, run.bottom - run.top)


_QUOTES_ONLY = re.compile(r"^[“”‘’\"'\s]+$")


def _lines(runs: list[TextLine]) -> list[TextLine]:
    """Runs of one row make one line, read left to right. A run of quote marks alone (ONLYOFFICE
    draws the quotes of “三公” as a run of their own, off the line) is left out."""
    rows: list[list[TextLine]] = []
    extent = (0.0, 0.0)  # the last row's top and bottom
    for run in sorted(runs, key=lambda r: (r.top + r.bottom) / 2):
        if rows and _same_row(extent, run):
            rows[-1].append(run)
            extent = (min(extent[0], run.top), max(extent[1], run.bottom))
        else:
            rows.append([run])
            extent = (run.top, run.bottom)
    out = []
    for row in rows:
        row = [r for r in row if not _QUOTES_ONLY.match(r.text)]
        if not row:
            continue
        row.sort(key=lambda r: r.x0)
        text = row[0].text
        for before, run in zip(row, row[1:]):
            # a space only where the page leaves one between two words of Latin letters or digits
            wide = run.x0 - before.x1 > 0.6 * (run.bottom - run.top)
            # a number is not cut at its decimal point, however far apart WPS sets the runs (307 .82)
            decimal = before.text.endswith((".", ",")) or run.text.startswith((".", "%", ","))  # 37, 151.47
            text += (" " if wide and not decimal and before.text[-1:].isascii() and run.text[:1].isascii() else "") \
                + run.text
        out.append(TextLine(_UNSPACED.sub("", text), row[0].x0, max(r.x1 for r in row), min(r.top for r in row),
                            max(r.bottom for r in row)))
    return out


# Chinese has no spaces between words: a space between two Han characters (or their punctuation) is the
# layout's — a justified line's wide gaps (拟 采 购 货 物 支 出268万 元), which pdfium writes as spaces
_HAN = r"[\u4e00-\u9fff，。、：；（）“”《》]"
_UNSPACED = re.compile(rf"(?<={_HAN})[ \u3000]+(?={_HAN})")


def _regions(boxes: list[tuple[float, float, float, float]]) -> list[tuple[float, float, float, float]]:
    """Drawings grouped into regions: boxes that touch or nearly touch are one region."""
    regions: list[list[float]] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        for r in regions:
            if box[0] <= r[2] + 12 and box[2] >= r[0] - 12 and box[1] <= r[3] + 12 and box[3] >= r[1] - 12:
                r[:] = [min(r[0], box[0]), min(r[1], box[1]), max(r[2], box[2]), max(r[3], box[3])]
                break
        else:
            regions.append(list(box))
    return [tuple(r) for r in regions if (r[2] - r[0]) > 40 and (r[3] - r[1]) > 40]


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(line: TextLine, box: tuple[float, float, float, float], margin: float = 2.0) -> bool:
    x, y = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    return box[0] - margin <= x <= box[2] + margin and box[1] - margin <= y <= box[3] + margin


@dataclass
class PageTable:
    page: int
    bbox: tuple[float, float, float, float]  # (x0, top, x1, bottom)
    rows: list[list[str | None]]
    spans: list[list[str]]  # for each cell: "" (a cell), "h" (covered from the left), "v" (from above)
    continued: bool  # the page says 续表 above it
    above: list[str]  # the lines just above it: title, form number, 部门 and 金额单位
    below: list[str]  # its 注, written under it


def _tables(data: bytes, pages: list[PdfPage]) -> list[PageTable]:
    if not pages:
        return []
    import io

    import pdfplumber

    from .plumber import fast_page

    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for p in pages:
            page = fast_page(pdf.pages[p.number - 1])
            floor = 0.0  # the bottom of the table before, on this page
            for t in sorted(page.find_tables(), key=lambda t: t.bbox[1]):
                rows = t.extract()
                filled = sum(any(c and c.strip() for c in r) for r in rows)
                last = filled < 2 and _last_row(rows, t.bbox, out, p.number)
                if (filled < 2 and not last) or max(len(r) for r in rows) < 2:
                    continue  # a chart's frame or a legend box, not a table
                # the title, form number, 部门 and 金额单位 above; the 注 below (pdfplumber places them
                # whatever the font)
                above = _text_lines(page, (0, floor, page.width, t.bbox[1]))[-4:]
                continued = any(normalise(a).replace(" ", "").startswith("续表") for a in above)
                below = _text_lines(page, (0, t.bbox[3], page.width, page.height))[:3]
                # its notes: from the first 注/说明 line on, up to three lines (a 注 and a 说明 that the
                # department has no such money, 故本表无数据), not into the next table's title
                first = next((i for i, b in enumerate(below) if re.match(r"^(?:注|说明|备注)", normalise(b).strip())), None)
                notes = []
                for b in below[first:first + 3] if first is not None else []:
                    if notes and (normalise(b).strip().endswith("表") or re.search(r"单位\s*[:：]", b)):
                        break  # the next table's title or unit line
                    notes.append(b)
                rows, spans = _unframed(rows, _spans(t))
                if last:  # its label over the code columns as one cell: the figures stand in the last columns
                    width = len(out[-1].rows[-1])
                    rows, spans = _widened(rows, width, None), _widened(spans, width, "h")
                out.append(PageTable(p.number, t.bbox, rows, spans, continued, above, notes))
                floor = t.bbox[3]
            page.close()
    return out


def _last_row(rows: list[list], box: tuple, before: list[PageTable], page: int) -> bool:
    """A table's last row alone on a page of its own (合计 189,767,551 101,341,746 88,425,805): the
    table before ends on the page before, as wide on the page, no wider in columns, and the row is a
    label and its figures."""
    if not before or before[-1].page != page - 1 or len(rows[0]) > len(before[-1].rows[-1]):
        return False
    if abs(box[0] - before[-1].bbox[0]) > 2 or abs(box[2] - before[-1].bbox[2]) > 2:
        return False
    row = [c.strip() for r in rows for c in r if c and c.strip()]  # (one row holds anything: filled < 2)
    return len(row) >= 2 and not _FIGURE.fullmatch(row[0]) and all(_FIGURE.fullmatch(c) for c in row[1:])


_FIGURE = re.compile(r"-?[\d,]+(?:\.\d+)?")


def _widened(rows: list[list], width: int, covered) -> list[list]:
    """A row of fewer columns than its table: its first cell first (``covered`` after it: the label's
    span), the rest in the last columns."""
    return [[r[0], *[covered] * (width - len(r)), *r[1:]] if len(r) < width else r for r in rows]


def _unframed(rows: list[list], spans: list[list[str]]) -> tuple[list[list], list[list[str]]]:
    """A frame drawn round the whole table, its title inside, is read as a first cell that holds every
    word of the table over a first column of nothing (江苏's budget tables): the table is what stands
    inside the frame, its title the frame cell's words up to the 单位."""
    def flat(c) -> str:
        return re.sub(r"\s", "", c or "")

    first, inner = flat(rows[0][0]), [flat(c) for r in rows[1:] for c in r if flat(c)]
    if len(rows[0]) < 3 or not inner or any(flat(r[0]) for r in rows[1:]) or any(flat(c) for c in rows[0][1:]) \
            or not all(c in first for c in inner[:3]):  # its title, then the header's first words
        return rows, spans
    title = re.match(r"^.*?单位[:：](?:万元|千元|亿元|元)", first)
    title = title.group() if title else first[:first.find(inner[0])]
    width = len(rows[0]) - 1
    return ([[title] + [""] * (width - 1)] + [r[1:] for r in rows[1:]],
            [[""] + ["h"] * (width - 1)] + [k[1:] for k in spans[1:]])


def _spans(table) -> list[list[str]]:
    """Which merged cell covers each empty grid place of a pdfplumber table: the cell to its left
    when that cell's box reaches over this column, else the one above."""
    boxes = [list(row.cells) for row in table.rows]
    width = max(len(r) for r in boxes)
    lefts = [min((r[c][0] for r in boxes if c < len(r) and r[c] is not None), default=0.0) for c in range(width)]
    out = []
    for row in boxes:
        kinds, reach = [], -1.0
        for c in range(width):
            box = row[c] if c < len(row) else None
            if box is not None:
                kinds.append("")
                reach = box[2]
            else:
                kinds.append("h" if reach > lefts[c] + 1 else "v")
        out.append(kinds)
    return out


def _text_lines(page, box: tuple[float, float, float, float]) -> list[str]:
    # clipped to the page: a rotated page may give a table box beyond it
    box = (max(box[0], 0), max(box[1], 0), min(box[2], page.width), min(box[3], page.height))
    if box[3] - box[1] < 1 or box[2] - box[0] < 1:
        return []
    # what page.within_bbox(box).extract_text() gives, without cropping the page's rules and shapes
    from pdfplumber.utils import chars_to_textmap, within_bbox

    chars = within_bbox(page.chars, box)
    text = chars_to_textmap(chars, layout_bbox=box, layout_width=box[2] - box[0],
                            layout_height=box[3] - box[1]).as_string if chars else ""
    return [t.strip() for t in text.splitlines() if t.strip() and not _FOOTER.match(t.strip())]


def _paragraphs(pages: list[PdfPage], tables: list[PageTable]) -> list[Line]:
    """The narrative as the text export has it: one line per paragraph (or heading)."""
    out: list[tuple[str, int, int, tuple]] = []  # (text, page, line on the page, where later lines join)
    open_paragraph = False
    body = {p.number: [ln for ln in p.lines if not _FOOTER.match(ln.text.strip())] for p in pages}
    heads = _running_heads(pages, body)
    for p in pages:
        boxes = [t.bbox for t in tables if t.page == p.number]
        kept = body[p.number]
        if not p.placed:
            if not boxes:  # a page of tables gives no narrative
                open_paragraph = _unplaced(kept, p.number, out, open_paragraph)
            continue
        if any(_TOC.match(ln.text.replace(" ", "")) for ln in kept[:3]) or \
                sum(bool(_LEADERS.search(ln.text)) for ln in kept) > len(kept) // 2:
            open_paragraph = False
            continue  # the 目录
        # drawings that are not a table's ruling are charts: their labels are not narrative
        charts = [f for f in p.figures if not any(_overlaps(f, b) for b in boxes) and not _framed_text(f, kept)]
        heights = sorted(ln.bottom - ln.top for ln in kept)
        em = heights[len(heights) // 2] if heights else 10.0  # the body text's size
        right = max((ln.x1 for ln in kept), default=p.width)
        left = _margin(kept)
        for number, ln in enumerate(kept, start=1):
            if (p.number, number) in heads:
                continue  # a running head: not text, and a paragraph goes on past it
            middle = (ln.top + ln.bottom) / 2
            # a chart's title stands just above it, short; a paragraph that goes on there, or a long line of
            # prose, is the narrative's (…包括27个机 / 关行政科室及12个下属单位… above a ruled list of units)
            prose = open_paragraph or len(ln.text.strip()) >= 20
            in_chart = any(c[1] - 3 * em <= middle <= c[3] + 2 * em and not (middle < c[1] and prose) for c in charts) \
                and not _CAPTION.match(ln.text)
            if any(_inside(ln, b) for b in boxes) or in_chart:  # a chart's title, ticks, labels and legend
                open_paragraph = False
                continue
            if _LEADERS.search(ln.text):
                continue
            indented = ln.x0 > left + 1.2 * em
            if open_paragraph and not indented and not _HEADING.match(ln.text) and out:
                text, page, at, breaks = out[-1]
                out[-1] = (text + ln.text, page, at, breaks + ((len(text), p.number, number),))
            else:
                out.append((ln.text, p.number, number, ()))
            # a line reaching the right margin goes on in the next one (a paragraph starts indented);
            # so does one that stops short of it mid-sentence (CJK lines are not always justified)
            open_paragraph = ln.x1 >= right - 1.5 * em or _mid_sentence(ln.text)
    lines = []
    for i, (text, page, at, breaks) in enumerate(out, start=1):
        lines.append(Line(i, text, normalise(text), page, at, breaks))
    return lines


def _running_heads(pages: list[PdfPage], body: dict[int, list[TextLine]]) -> set[tuple[int, int]]:
    """(page, line on it) of each running head or foot: the same words first or last on three pages
    or more (苏州市交通运输局2026年度部门预算公开 atop every page). The first page that shows them keeps
    them — there they are the document's title."""
    ends: dict[str, list[tuple[int, int]]] = {}
    for p in pages:
        kept = body[p.number]
        if not p.placed or not kept:
            continue
        for at in {1, len(kept)}:
            ends.setdefault(re.sub(r"\s", "", kept[at - 1].text), []).append((p.number, at))
    placed = sum(p.placed for p in pages)
    return {spot for text, spots in ends.items() if len(text) >= 6 and len({n for n, _ in spots}) >= max(3, 0.3 * placed)
            for spot in spots[1:]}


def _margin(lines: list[TextLine]) -> float:
    """The body's left margin: the leftmost start that two lines or more share — a running head set
    further left (苏州: the page's title at 42pt, the text at 64pt) is no margin, and a line of the text
    starting at the margin goes on a paragraph rather than opening one."""
    starts = sorted(ln.x0 for ln in lines)
    return next((x for x, after in zip(starts, starts[1:]) if after - x <= 1.5), starts[0] if starts else 0.0)


def _framed_text(region: tuple[float, float, float, float], lines: list[TextLine]) -> bool:
    """A drawing round a paragraph (a shaded or framed text box: 关于收入总表的说明's paragraph) rather
    than a chart: two or more lines inside it, most of them prose across its width — a chart's title,
    ticks and legend are short."""
    inside = [ln for ln in lines if region[1] <= (ln.top + ln.bottom) / 2 <= region[3]
              and ln.x0 >= region[0] - 2 and ln.x1 <= region[2] + 2]
    prose = [ln for ln in inside if len(ln.text.strip()) >= 20 and ln.x1 - ln.x0 >= 0.6 * (region[2] - region[0])]
    return len(prose) >= 2 and 3 * len(prose) >= 2 * len(inside)


def _mid_sentence(text: str) -> bool:
    """A line that ends inside a sentence: not a heading, no closing punctuation, and long enough to be
    prose (a short line is a title, a label, a signature)."""
    text = text.strip()
    if len(text) >= 8 and _CLAUSE_END.search(text):
        return True  # 2.按支出用途分类,包括人员支出73,924.43万元, — no heading ends on a comma
    return len(text) >= 20 and not _SENTENCE_END.search(text) and (len(text) >= 30 or not _HEADING.match(text))


def _unplaced(lines: list[TextLine], page: int, out: list, open_paragraph: bool) -> bool:
    """Paragraphs of a page whose lines have no positions: a line goes on in the next unless it ends
    a sentence or is a heading, or the next one starts a heading."""
    for number, ln in enumerate(lines, start=1):
        if _LEADERS.search(ln.text):
            continue
        if open_paragraph and out and not _HEADING.match(ln.text):
            text, first_page, at, breaks = out[-1]
            out[-1] = (text + ln.text, first_page, at, breaks + ((len(text), page, number),))
        else:
            out.append((ln.text, page, number, ()))
        heading = bool(_HEADING.match(ln.text)) and len(ln.text) < 40 and not _SENTENCE_END.search(ln.text)
        open_paragraph = not heading and not _SENTENCE_END.search(ln.text) and not _CAPTION.match(ln.text)
    return open_paragraph


def _cell_text(value: str | None) -> str | None:
    return None if value is None else value.replace("\n", "").strip()


def _split_tables(tables: list[PageTable], lines: list[Line]) -> tuple[list[Grid], list[Table]]:
    """Appendix tables → grids (a 续表 joined to the table before it); the 绩效自评表 → a document
    table standing at the line before it."""
    grids: list[Grid] = []
    documents: list[Table] = []
    for t in tables:
        rows = [[_cell_text(c) for c in r] for r in t.rows]
        if _performance(rows[0], t.above):
            # as a Word table reads: a merged cell once, the places it covers below it empty
            at = max((ln.number for ln in lines if ln.page and ln.page <= t.page), default=0)
            documents.append(Table(at, tuple(tuple("" if c is None else c for c, k in zip(r, kinds) if k != "h")
                                             for r, kinds in zip(rows, t.spans))))
            continue
        page_rows = list(range(1, len(rows) + 1))
        if grids and (t.continued or _runs_on(t, grids[-1], len(rows[0])) or _retitled(t, grids[-1], len(rows[0]))):
            previous = grids[-1]
            head = [list(r) for r in previous.cells[:8]]
            skip = 0
            while skip < len(rows) and [c or "" for c in rows[skip]] in [[c or "" for c in h] for h in head]:
                skip += 1
            cells = previous.cells + tuple(tuple(c or "" for c in r) for r in rows[skip:])
            tail = tuple((b,) + ("",) * (len(rows[0]) - 1) for b in t.below)
            grids[-1] = Grid(previous.name, cells + tail, previous.merges, previous.unread,
                             previous.pages + (t.page,) * (len(rows) - skip + len(tail)),
                             previous.page_rows + tuple(page_rows[skip:]) + (0,) * len(tail))
            continue
        # the title, form number and 金额单位 stand above the ruled part, the 注 below: they go with it
        width = len(rows[0])
        head = [(a,) + ("",) * (width - 1) for a in t.above]
        tail = [(b,) + ("",) * (width - 1) for b in t.below]
        offset = len(head)
        merges = tuple(((r0 + offset, c0), (r1 + offset, c1)) for (r0, c0), (r1, c1) in _merges(t.spans))
        cells = tuple(head) + tuple(tuple(c or "" for c in r) for r in rows) + tuple(tail)
        grids.append(Grid(f"第{t.page}页", cells, merges, pages=(t.page,) * len(cells),
                          page_rows=(0,) * offset + tuple(page_rows) + (0,) * len(tail)))
    return grids, documents


def _retitled(t: PageTable, previous: Grid, width: int) -> bool:
    """A table that goes on from the one before under the same title, form number and 部门 line again
    (深圳 repeats 表1 / 收支总表 / 部门名称 on every page of it): on the next page, as many columns."""
    titles = [normalise(a).replace(" ", "") for a in t.above if re.search(r"表\d*$|单位\s*[:：]", normalise(a).strip())]
    head = {normalise(str(r[0])).replace(" ", "") for r in previous.cells[:8]}
    return bool(titles) and all(a in head for a in titles) and previous.pages[-1] == t.page - 1 \
        and width == max(len(r) for r in previous.cells)


def _performance(first: list[str | None], above: list[str]) -> bool:
    """A 绩效 table: 绩效 in its first row, or a first row 项目名称 under no title of a table of figures
    (检察院's 收入预算总表 heads its rows 项目名称 too) — but not a list of projects with their budgets and a
    绩效目标 column of prose alone (珠海 2026: 项目 | 预算数（单位：万元） | 绩效目标): that is a table of figures."""
    titled = any(re.search(r"表$|单位\s*[:：]", normalise(a).strip()) and "绩效" not in a for a in above)
    words = "".join(c or "" for c in first)
    if "绩效" in words and "预算数" in words and not _MEASURED_PERFORMANCE.search(words + "".join(above)):
        return False
    return "绩效" in words or (any((c or "") == "项目名称" for c in first) and not titled)


# what a self-evaluation's or an indicators' table names (its scores, weights, indicators, execution)
_MEASURED_PERFORMANCE = re.compile(r"自评|指标|权重|得分|分值|执行数|执行率|完成值")


def _runs_on(t: PageTable, previous: Grid, width: int) -> bool:
    """A table that goes on from the one before without saying so: on the next page, nothing above it
    that titles a table (no line ending in 表, no 单位), and as many columns."""
    # a page ruled as one box holds its title and 单位 line inside (Jiangsu; Shanghai's 财政拨款收支总表)
    first = [" ".join(c or "" for c in r) for r in t.rows[:4]]
    untitled = not any(re.search(r"表$|单位\s*[:：]", normalise(a or "").strip()) for a in (*t.above, *first))
    return untitled and previous.pages[-1] == t.page - 1 and width == max(len(r) for r in previous.cells)


def _merges(spans: list[list[str]]) -> tuple:
    """Merged ranges from the covering of each grid place (see _spans)."""
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    for r, kinds in enumerate(spans):
        for c, kind in enumerate(kinds):
            if kind == "h" and c > 0:
                anchor[(r, c)] = anchor.get((r, c - 1), (r, c - 1))
            elif kind == "v" and r > 0:
                anchor[(r, c)] = anchor.get((r - 1, c), (r - 1, c))
    ranges: dict[tuple[int, int], list[int]] = {}
    for (r, c), (r0, c0) in anchor.items():
        end = ranges.setdefault((r0, c0), [r0, c0])
        end[0], end[1] = max(end[0], r), max(end[1], c)
    return tuple(((r0, c0), (r1, c1)) for (r0, c0), (r1, c1) in ranges.items())
