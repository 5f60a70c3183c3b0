"""A text export (.txt) → Document: the only place that decodes text."""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from pathlib import Path
from unicodedata import east_asian_width

from ..model.document import Document, make_line
from ..model.errors import ReportError
from .cell_lines import cell_line_grids
from .simplified import to_simplified

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters no text file has


def decode(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 (BOM or not), UTF-16 with BOM, or GB18030/GBK; refuse binary."""
    if not data.strip():
        raise ReportError(path, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path)
    if b"\x00" in data:
        raise ReportError(path, "not a text file (binary content)")
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise ReportError(path, "not a text file in UTF-8, UTF-16 or GB18030 (cannot decode it)")


def _strict(data: bytes, encoding: str, path) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReportError(path, f"declares {encoding} by its byte-order mark but is not") from exc
    if _looks_binary(text):
        raise ReportError(path, "not a text file (binary content)")
    return text


def _looks_binary(text: str) -> bool:
    return len(_CONTROL.findall(text)) > max(8, len(text) // 200)


# Text copied from a web page may hold a whole disclosure on one line: headings inline, blocks
# joined by spaces. Such a line is cut into blocks before a heading marker (一、 （一） 1. 第一部分)
# that follows the end of a sentence or a space, and at a space after the end of a sentence.
_RUN_ON = 300  # a line longer than this is prose run together, not a paragraph of a report
_HEADING_MARK = r"(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}(?:、|[.．](?!\d)))"
# A run of white space is matched from its start only, and whole ((?<!\s), possessive): tried from
# every place inside a long run, the search took quadratic time (40,000 spaces: 126 s).
_BLOCK_BREAK = re.compile(rf"(?<=[。；;！!？?：:])\s*+(?={_HEADING_MARK})|(?<!\s)\s++(?={_HEADING_MARK})|(?<=[。！？!?])\s++")
_MARKUP = re.compile(r"&(?:shy|nbsp|ensp|emsp);|\u00ad")


def reflow(text: str) -> list[str]:
    """The text's lines, a run-on line cut into its blocks (see above)."""
    out = []
    for line in _LINE_BREAK.split(text):
        line = _MARKUP.sub(lambda m: " " if "sp" in m[0] else "", line)  # leftovers of the page's markup
        if len(line) <= _RUN_ON:
            out.append(line)
            continue
        out.extend(block.strip() for block in _BLOCK_BREAK.split(line) if block.strip())
    return out


# A text a PDF was turned into (or a page made from one) keeps the PDF's lines: a sentence broken at the
# page's width (本年收\n入390.55万元). Such a text is known by its lines: most of them end within a few
# characters of one width. A line that reaches it and ends no sentence is joined to the next, unless the
# next opens a heading or a list item.
_WRAPPED_SHARE = 0.5  # of the lines of 8 characters or more, this many end near the width
_NEAR = 0.82  # … near: at this share of the width or more (figures and punctuation are narrower)
# (a colon ends none after 其中: the parts it announces go on the next line — …缴费支出 150384 元,其中: /
# 基本支出 150384 元,… are that item's, not a 基本支出 of the report's own)
_SENTENCE_END = re.compile(r"(?:[。；;！!？?]|(?<!其中)[：:])\s*$")
_OPENS = re.compile(rf"^\s*(?:{_HEADING_MARK}|[(（]?\d{{1,2}}[)）]|[—\-－]+\s*\d+\s*[—\-－]+\s*$)")


# A PDF set with letter spacing gives its text a space between every two characters (经 费 总预 算 安 排
# 37337407.64 元 , 其中 : 基 本 支出): where a line has many, the spaces beside a Chinese character or its
# punctuation are dropped (those between two figures or Latin words stay).
_HAN_OR_MARK = r"[\u4e00-\u9fff，。、；：！？（）“”,.:;()%]"
_SPACED = re.compile(rf"(?<={_HAN_OR_MARK}) +(?={_HAN_OR_MARK})|(?<=[\u4e00-\u9fff]) +(?=[\d\-])"
                     rf"|(?<=[\d%]) +(?=[\u4e00-\u9fff])")
_HAN_ALONE = re.compile(r"(?<!\S)[\u4e00-\u9fff](?=\s)")
_ALONE = 2  # a letter-spaced line has this many characters standing alone between spaces, or more
_LETTER_SPACED = 0.25  # this share of a line's Chinese characters or more have a space after them


# A text copied from a PDF keeps a space where the PDF's line ended, inside a word as often as not (公 务接待费,
# “三公” 经费, 支 出决算). Such a copy is known by its figures set apart by spaces as the PDF's text layer gives
# them (2017 年度…预算为 65 万元): in its prose, one space between two Chinese characters (or their quotes and
# brackets) is dropped. Elsewhere a space says something: it parts a heading from its text on a web page
# (2016年决算收支总体情况 潭城镇…), a figure left out (总收入 万元), the cells of a table row — and a space
# before a unit is a figure left out in a copy too.
_PROSE = re.compile(r"[。，,；;]")
_FIGURE_SET_APART = re.compile(r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d")
_SET_APART_FIGURES = 3  # this many in a line, or more
_WRAP_SPACE = re.compile(r"(?<=[\u4e00-\u9fff\"”’)）]) (?!亿元|万元|元)(?=[\u4e00-\u9fff\"“‘(（])")


def unspaced(line: str) -> str:
    """A letter-spaced line without the spaces its setting put in; a line of a PDF's copy without the lone
    spaces its line ends left between two characters (see above); any other line as it is."""
    if "\t" in line:  # cells of a table (a chart's data block): a tab is no letter spacing
        return line
    han = len(re.findall(r"[\u4e00-\u9fff]", line))
    spaced = len(re.findall(r"[\u4e00-\u9fff] +(?=\S)", line))
    alone = len(_HAN_ALONE.findall(line))  # 收 入 支 出: characters standing alone; 项目 2016年 预算数: words
    if han >= 8 and spaced >= _LETTER_SPACED * han and alone >= _ALONE:
        return _SPACED.sub("", line)
    copied = _PROSE.search(line) and len(_FIGURE_SET_APART.findall(line)) >= _SET_APART_FIGURES
    return _WRAP_SPACE.sub("", line) if copied else line


def _width(line: str) -> int:
    """A line's width as printed: a Chinese character is two columns, a digit or Latin letter one."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in line)


def unwrap(lines: list[str], clean=lambda line: line) -> list[str]:
    """The lines of a text broken at a page's width joined back into their paragraphs (see above), each
    line ``clean``ed first (its letter spacing dropped: the widths are those of the lines as printed)."""
    widths = sorted(_width(s.strip()) for s in lines if len(s.strip()) >= 8)
    if len(widths) < 6:
        return [clean(line) for line in lines]
    full = widths[int(len(widths) * 0.9)]
    near = [w for w in widths if _NEAR * full <= w <= full]
    if len(near) < _WRAPPED_SHARE * len(widths) or full > 200:
        return [clean(line) for line in lines]  # paragraphs, one a line
    out: list[list[str]] = []  # each paragraph's pieces, joined once (joining one by one is quadratic)
    joining = False
    for line in lines:
        if joining and line.strip() and not _OPENS.match(line):
            out[-1].append(clean(line.strip()))
        else:
            out.append([clean(line.rstrip())])
        piece = line.strip()  # the line as printed decides, not the paragraph it joined
        joining = _width(piece) >= _NEAR * full and not _SENTENCE_END.search(piece)
    return ["".join(pieces) for pieces in out]


# A web template fills its blanks in elements of their own: the year it was given stands on a line
# apart from the 年 that follows it (2019 / 年本部门财政拨款安排…, 乐昌市审计局 / 2019 / 年3月7日)
_YEAR_APART = re.compile(r"^\s*20\d\d\s*$")


def _years_joined(lines: list[str]) -> list[str]:
    """Each year that stands alone on a line joined to the 年… that follows it."""
    out: list[str] = []
    for line in lines:
        if out and _YEAR_APART.match(out[-1]) and line.lstrip().startswith("年"):
            out[-1] = out[-1].strip() + line.lstrip()
        else:
            out.append(line)
    return out


def document_from_text(text: str, path: str | Path = "<text>") -> Document:
    text = text.removeprefix("\ufeff")
    lines = tuple(make_line(i, s) for i, s in enumerate(unwrap(_years_joined(reflow(text)), clean=unspaced), start=1))
    return Document(str(path), lines)


def read_text(path: Path, data: bytes) -> Document:
    """A text file; its tables, where a web page's text export flattened them one cell to a line, as grids."""
    doc = document_from_text(to_simplified(decode(data, path)), path)
    grids, notes = cell_line_grids(doc.lines)
    return replace(doc, grids=grids, notes=notes)
