"""A saved web page (.html) of a disclosure → the Document a text export and a workbook give together.

Where the article is comes from readability-lxml (Mozilla's Readability scoring): it tells the
article's container from the site's navigation, breadcrumb, sidebars, related links and footer,
also on the older pages laid out with nested tables. It only locates: its cleaned output drops
blocks and tables of under 25 characters, so the article is then read from the page as it is,
tables with their rowspan/colspan. (Chosen over trafilatura, which loses the merges and, on
table-laid-out pages, keeps the navigation and footer; see README, "Web pages as a source".)
What the container still holds of the page's furniture (publication-info line, share buttons,
打印本页/关闭窗口, 附件 links, hidden blocks) is dropped here, line by line.

- each block element (p, div, h1–h6, li …; <br> too) is one line, in order; the text is then read
  by ``document_from_text`` like a text export;
- each data <table> becomes a Grid named 表1, 表2 … (cells as strings, merges from rowspan/colspan,
  0-based), the short lines just above it (its title, form number, 部门/金额单位) as its first
  rows and a 注 just below as its last, as the PDF reader does; a table of the 绩效自评表 becomes a
  document Table. A table's cells are not narrative lines. A table that holds tables, or has one
  column, lays out the page: it is read as blocks;
- the page is decoded by its BOM or <meta charset>, else as a text file is (UTF-8, GB18030);
- a page in traditional characters is converted to simplified (OpenCC t2s), so it reads as the
  simplified page does.
"""

from __future__ import annotations

import codecs
import html
import logging
import re
from pathlib import Path

from ..model.document import Document, Grid, Table, normalise
from ..model.errors import ReportError
from .simplified import to_simplified
from .table_lines import ABOVE, NOTE, framed, is_performance, lines_above
from .text import decode, document_from_text

NO_ARTICLE = "a web page without article text"
# A page is parsed whole, and lxml with readability take ≈ 50 times its size in memory (a 49 MB page of
# text: 2.4 GB and 10 s) and more for many small elements (49 MB of <div><span>: 7.7 GB after a minute).
# A disclosure's page is well under 1 MiB, its images files of their own: these refuse what is not one.
MAX_PAGE_BYTES = 8 * 2**20
MAX_TAGS = 100_000  # '<'s: a page of the 13 appendix tables has 20,000–50,000; 100,000 cost ≈ 4 s, 200 MB

# A tag, for the scans of the whole page: no "<" inside, so that each "<" is tried once (with "[^>]*",
# 20,000 "<" never closed before 2 MB of text took over 100 s).
_TAG = re.compile(r"<[^<>]*>")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "euc-cn", "hz-gb-2312"}

_SKIP = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "form", "button",
         "input", "select", "textarea", "option", "label", "nav", "head", "title", "meta", "link", "img", "map",
         "video", "audio", "canvas", "aside", "footer"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "section", "article",
          "main", "header", "blockquote", "pre", "center", "address", "figure", "figcaption", "caption", "hr",
          "tr", "td", "th", "tbody", "thead", "tfoot", "table", "body", "html", "fieldset", "details", "summary"}
_PARAGRAPH = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "span", "font", "strong", "b", "a", "br", "li", "pre"}
_SPACE = re.compile(r"[ \t\n\r\f\v]+")  # HTML's white space (not the full-width space, nor &nbsp;)
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
_WIDE_CHAR = re.compile(rf"[{_WIDE}]")
_STRIP = " \t\n\r\f\v\u3000\xa0"

# The page furniture readability leaves inside the article, as Chinese government sites write it
# (matched on a short line with its white space removed).
_FURNITURE = re.compile(
    r"^(?:当前位置|您当前的位置|您现在的位置|您的位置|您所在的位置|所在位置)[:：]"  # breadcrumb
    r"|^分享到|^(?:[【\[(]?(?:微信|朋友圈|微博|新浪微博|腾讯微博|QQ空间|QQ好友|QQ|人人网|豆瓣|扫一扫|分享)[】\])]?[|、/·]?)+$"
    r"|^(?:[【\[(]?(?:打印本页|打印|关闭窗口|关闭本页|关闭|返回顶部|返回|收藏本页|收藏|加入收藏|设为首页|保存本页|纠错)[】\])]?[|/·]?)+$"
    r"|^字号[:：]|^【?字体[:：]|^(?:上一篇|下一篇|上一条|下一条)[:：]|^附件(?:下载)?[:：]?$"
    r"|版权所有|ICP备|ICP证|网站标识码|公网安备|主办单位[:：]|承办单位[:：]|技术支持[:：]|网站地图|建议使用.{0,20}浏览器"
)
_INFO = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|更新时间|信息来源|来源|作者|浏览次数|浏览量|点击数|点击率|阅读次数|"
                   r"访问次数|字号|责任编辑|编辑)[:：]")
_SHORT = 120  # a line of furniture is shorter than this
_ATTACHMENT = re.compile(r"^(?:相关)?附件(?:下载)?\s*[0-9]*\s*[:：]")
_MARK = "data-juesuan"
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CHROME = re.compile(r"share|breadcrumb|crumbs|(?:^|[\s_-])(?:location|dqwz|position|print|footer|nav|navbar|menu|"
                     r"sidebar|related|xgwz|xglj|comment|pager|pagination|toolbar|fontsize)(?:$|[\s_-])", re.I)

logging.getLogger("readability").addHandler(logging.NullHandler())  # its errors are ours to report


def read_html(path: Path, data: bytes) -> Document:
    if not data.strip():
        raise ReportError(path, NO_ARTICLE)
    check_page_size(data, path)
    page = to_simplified(decode_html(data, path))
    items: list[tuple[str, object]] = []  # ("line", str) | ("table", element), in reading order
    for element in _article(page, path):
        _walk(element, items, [[]])
    lines: list[str] = []
    grids: list[Grid] = []
    documents: list[Table] = []
    since_table = 0  # lines since the last table: a title above is taken from these only
    for i, (kind, item) in enumerate(items):
        if kind == "line":
            lines.append(item)
            since_table += 1
            continue
        rows, merges = table_cells(item)
        if not rows:
            continue
        if is_performance(rows[0]):  # as a Word table reads (read/docx.py)
            covered = {(r, c) for (r0, c0), (r1, c1) in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
                       if c > c0}
            documents.append(Table(len(lines), tuple(tuple(v for c, v in enumerate(row) if (r, c) not in covered)
                                                     for r, row in enumerate(rows))))
            since_table = 0
            continue
        above = lines_above(lines[len(lines) - min(since_table, ABOVE):])
        after = items[i + 1] if i + 1 < len(items) else ("", "")
        below = [after[1]] if after[0] == "line" and NOTE.match(normalise(after[1])) else []
        grids.append(framed(f"表{len(grids) + 1}", rows, merges, above, below))
        since_table = 0
    if not grids and not documents and all(line in _titles(page) for line in lines):
        raise ReportError(path, NO_ARTICLE)  # nothing, or the page's title alone
    doc = document_from_text("\n".join(lines), path) if lines else Document(str(path), ())
    return Document(doc.path, doc.lines, tables=tuple(documents), grids=tuple(grids))


def check_page_size(data: bytes, path: Path) -> None:
    """Refuse a page too large to be a disclosure before parsing it (see MAX_PAGE_BYTES)."""
    if len(data) > MAX_PAGE_BYTES:
        raise ReportError(path, f"refused: a web page of {len(data) / 2**20:.0f} MiB (the limit is "
                                f"{MAX_PAGE_BYTES // 2**20} MiB; a disclosure's page is well under 1 MiB)")
    tags = data.count(b"<")
    if tags > MAX_TAGS:
        raise ReportError(path, f"refused: a web page of {tags:,} tags (the limit is {MAX_TAGS:,}; "
                                "a disclosure's page has tens of thousands)")


def _titles(page: str) -> set[str]:
    """The page's <title>, and its parts (article_site)."""
    m = re.search(r"<title[^<>]*>([^<]*)</title>", page, re.I)  # no "<" inside: linear (see _TAG)
    if not m:
        return set()
    title = collapse(html.unescape(m[1])).strip(_STRIP)
    return {title} | {part.strip(_STRIP) for part in re.split(r"[_|｜\-–—]", title)}


def decode_html(data: bytes, path: Path) -> str:
    """By the byte-order mark, else the declared charset (<meta> or <?xml?>), else as a text file."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, path).removeprefix("\ufeff")
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _CHARSET.search(head)
    if m:
        name = m[1].decode("ascii").lower()
        encoding = "gb18030" if name in _GB else name
        try:
            codecs.lookup(encoding)
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration: as a text file
    return decode(data, path)


def _article(page: str, path: Path) -> list:
    """The elements of the page that hold the article, as readability finds them.

    readability scores the page and gives the article back cleaned: short blocks, small tables and
    lists of under 25 characters are dropped from it. So it only says where the article is (every
    element is marked before, and the marks of what it returns are looked up); the article is then
    read from the page as it is."""
    import lxml.html
    from readability import Document as Readable

    page = re.sub(r"^\s*<\?xml[^>]*\?>", "", page)
    if not _TAG.sub("", page).strip():
        raise ReportError(path, NO_ARTICLE)
    try:
        root = lxml.html.document_fromstring(page.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
        marked = {}
        for i, el in enumerate(root.iter()):
            if isinstance(el.tag, str):
                el.set(_MARK, str(i))
                marked[str(i)] = el
        summary = Readable(lxml.html.tostring(root, encoding="unicode")).summary(html_partial=True)
    except Exception as exc:  # lxml's ParserError, readability's Unparseable
        problem = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        if "empty" in problem.lower():
            raise ReportError(path, NO_ARTICLE) from exc
        raise ReportError(path, f"cannot read the web page: {problem}") from exc
    if not summary or not summary.strip():
        raise ReportError(path, NO_ARTICLE)
    found = []
    for el in lxml.html.fragment_fromstring(summary, create_parent="div").iter():
        if el.get(_MARK) in marked and not any(a.get(_MARK) in marked for a in el.iterancestors()):
            found.append(marked[el.get(_MARK)])
    # paragraphs given one by one (a short page): the element that holds them, with its tables
    parents = {id(el.getparent()): el.getparent() for el in found if el.getparent() is not None}
    if found and len(parents) == 1 and all(el.tag in _PARAGRAPH for el in found):
        return list(parents.values())
    return found


def _walk(el, items: list, current: list[list[tuple[str, bool]]]) -> None:
    """Append the lines and tables under ``el`` to ``items``; ``current[0]`` holds the pieces of
    text of the line being read, each with whether it is a link's text (to leave navigation out)."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _SKIP or not tag or _hidden(el):  # comments and processing instructions too
        return
    if tag == "br":
        _flush(items, current)
        return
    if tag == "table" and _is_data_table(el):
        _flush(items, current)
        items.append(("table", el))
        return
    block = tag in _BLOCK
    if block:
        _flush(items, current)
    if el.text:
        current[0].append((el.text, _in_link(el)))
    for child in el:
        _walk(child, items, current)
        if child.tail:
            current[0].append((child.tail, _in_link(el)))
    if block:
        _flush(items, current)


def collapse(text: str) -> str:
    """White space as a browser shows it: a run is one space, and a line break of the source next to
    a Chinese character (or full-width punctuation) is none (CSS Text, segment breaks: the editor
    wrapped the line there; 收入合计⏎1050.28万元 is one phrase)."""
    def space(m: re.Match) -> str:
        if "\n" in m[0] and m.start() > 0 and m.end() < len(text) and \
                (_WIDE_CHAR.match(text[m.start() - 1]) or _WIDE_CHAR.match(text[m.end()])):
            return ""
        return " "

    return _SPACE.sub(space, text)


def _hidden(el) -> bool:
    """Not shown (hidden, display:none), or named as the page's chrome by its class or id."""
    if el.get("hidden") is not None or _DISPLAY_NONE.search(el.get("style") or ""):
        return True
    # a short block only: an article's own container may be named for printing (id="print_area")
    return bool(_CHROME.search(f"{el.get('class') or ''} {el.get('id') or ''}")) and len(el.text_content()) < 200


def _in_link(el) -> bool:
    while el is not None:
        if el.tag == "a" and el.get("href") and not el.get("href").startswith(("#", "javascript:")):
            return True
        el = el.getparent()
    return False


def _flush(items: list, current: list[list[tuple[str, bool]]]) -> None:
    pieces, current[0] = current[0], []
    text = collapse("".join(t for t, _ in pieces)).strip(_STRIP)
    if not text:
        return
    linked = len(_SPACE.sub("", "".join(t for t, is_link in pieces if is_link)))
    share = linked / max(1, len(_SPACE.sub("", text)))
    if share >= 0.8 or (share >= 0.4 and _ATTACHMENT.match(text)):
        return  # a line of links: navigation, related articles, the attachment list
    compact = _SPACE.sub("", text).replace("\u3000", "").replace("\xa0", "")
    if len(compact) < _SHORT and (_FURNITURE.search(compact) or len(_INFO.findall(compact)) >= 2
                                  or re.match(r"^(?:发布时间|发布日期|来源|信息来源)[:：]", compact)):
        return
    items.append(("line", text))


def _rows(table) -> list:
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(el):
    el = el.getparent()
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


def _is_data_table(table) -> bool:
    """A table of data, not one that lays out the page: it holds no table, and has two columns."""
    if any(t is not table for t in table.iter("table")):
        return False
    return any(len([c for c in tr if c.tag in ("td", "th")]) >= 2 or _span(tr, "colspan") for tr in _rows(table))


def _span(tr, attribute: str) -> bool:
    return any(_number(c.get(attribute), 1, 1000) > 1 for c in tr if c.tag in ("td", "th"))


def _number(value, default: int, limit: int) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return default
    return min(n, limit) if n >= 0 else default


def table_cells(table) -> tuple[list[tuple[str, ...]], list[tuple[tuple[int, int], tuple[int, int]]]]:
    """A <table>'s rows of cell strings, spans laid out (a covered place is ''), and its merged ranges
    ((first row, first col), (last row, last col)), 0-based."""
    rows = _rows(table)
    taken: dict[tuple[int, int], str] = {}
    merges = []
    for r, tr in enumerate(rows):
        c = 0
        for cell in (x for x in tr if x.tag in ("td", "th")):
            while (r, c) in taken:
                c += 1
            rowspan = _number(cell.get("rowspan"), 1, 65534) or len(rows) - r  # 0: to the table's end
            colspan = _number(cell.get("colspan"), 1, 1000) or 1
            rowspan = max(1, min(rowspan, len(rows) - r))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken[(r + dr, c + dc)] = ""
            taken[(r, c)] = cell_text(cell)
            if rowspan > 1 or colspan > 1:
                merges.append(((r, c), (r + rowspan - 1, c + colspan - 1)))
            c += colspan
    if not taken:
        return [], []
    width = max(c for _, c in taken) + 1
    cells = [tuple(taken.get((r, c), "") for c in range(width)) for r in range(len(rows))]
    return cells, merges


def cell_text(cell) -> str:
    """A cell's text: its lines joined (a header broken over two lines is one label), white space
    collapsed."""
    pieces: list[str] = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            pass
        elif tag == "br" or tag in _BLOCK:
            pieces.append("\n")
        if tag and tag not in _SKIP and el.text:
            pieces.append(el.text)
        if tag and tag not in _SKIP:
            for child in el:
                walk(child)
                if child.tail:
                    pieces.append(child.tail)

    walk(cell)
    parts = (collapse(p).strip(_STRIP) for p in "".join(pieces).split("\n"))
    return "".join(p for p in parts if p)
