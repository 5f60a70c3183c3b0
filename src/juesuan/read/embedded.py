"""Objects embedded in a Word file: what stands in the body but is neither paragraph, table nor chart.

An Excel workbook embedded as an object (Word's word/embeddings/: an .xlsx package, or an OLE
compound file — oleObject*.bin, .xls — holding a Workbook or Book stream) is read as a workbook file
is (read/workbook.py); its sheets become grids named after the line where the object stands.
Whatever else is there — another kind of object, a workbook that cannot be read, a picture under a
table's title (a table pasted as a picture, or an object that LibreOffice could keep only as its
picture) — is said in a note naming where it stands, so that no table vanishes without a word.
Nothing embedded is run or followed (a linked object's file is never opened); each part is bounded,
and a broken one is a note, never a failure of the document.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..model.document import Grid, Line
from ..model.errors import ReportError
from .archive import MAX_UNPACKED
from .workbook import OLE_MAGIC, read_workbook

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFFICE = "{urn:schemas-microsoft-com:office:office}"  # VML's office namespace: o:OLEObject
V = "{urn:schemas-microsoft-com:vml}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

MAX_PART = 20 * 2**20  # one embedded object: a disclosure's workbook is well under 1 MB
MAX_ALL = MAX_UNPACKED  # every embedded workbook of a document together, as unpacked (one package's limit)
_BACK = 3  # a picture is under a table's title when that title is one of the 3 lines before it
# the title of a table, its form number or its 金额单位 line, ending the line before a picture
_TABLE_CUE = re.compile(r"(?:表|(?:公开|附表)\s*\d{1,2}\s*表?|单位\s*[:：]\s*(?:亿元|万元|元))\s*$")


@dataclass(frozen=True)
class Embedded:
    """An object or a picture in the body, found where it stands."""

    line: int  # the line of the paragraph (or table) holding it
    rid: str  # its relationship to the part; '' for a linked object
    prog_id: str  # the object's class as Word names it (Excel.Sheet.12, Excel.Sheet.8 …); '' for a picture


class _NotRead(Exception):
    """Why an embedded object was not read (said in its note)."""


def embedded_in(element, line: int) -> list[Embedded]:
    """The objects and pictures a body element (paragraph or table) holds. An object's own picture
    (the preview Word shows in its place) is not counted as a picture."""
    found, previews = [], set()
    for obj in element.iter(f"{W}object"):
        previews.update(i.get(f"{R}id") for i in obj.iter(f"{V}imagedata"))
    for ole in element.iter(f"{OFFICE}OLEObject", f"{W}objectEmbed", f"{W}objectLink"):
        linked = ole.get("Type") == "Link" or ole.tag == f"{W}objectLink"
        prog_id = ole.get("ProgID") or ole.get(f"{W}progId") or "?"
        found.append(Embedded(line, "" if linked else ole.get(f"{R}id", ""), prog_id))
    for pic in element.iter(f"{A}blip", f"{V}imagedata"):
        rid = pic.get(f"{R}embed") or pic.get(f"{R}id")
        if rid and rid not in previews:
            found.append(Embedded(line, rid, ""))
    return found


def read_embedded(items: Sequence[Embedded], parts: Mapping[str, object], lines: Sequence[Line]
                  ) -> tuple[tuple[tuple[int, Grid], ...], tuple[str, ...]]:
    """The grids of the embedded workbooks, each with the line where its object stands, and a note for
    everything embedded that was not read.
    ``parts``: relationship id → the part it names (python-docx's ``related_parts``: ``.blob``,
    ``.partname``)."""
    grids: list[tuple[int, Grid]] = []
    notes: list[str] = []
    spent = 0
    for item in items:
        where = _where(lines, item.line)
        if not item.prog_id:
            if _under_table_title(lines, item.line):
                notes.append(f"{where}是一张图片，未读取：如是表格的图片（或转换时只留下图片的嵌入表格），"
                             "表中的数字不在提取结果中，依赖它的核对未进行")
            continue
        part = parts.get(item.rid) if item.rid else None
        what = f"嵌入对象（{item.prog_id}）" if part is None else \
            f"嵌入对象（{item.prog_id}，{str(part.partname).rsplit('/', 1)[-1]}）"
        try:
            if part is None:
                raise _NotRead("链接到文档之外的文件，不予打开" if not item.rid else "文档中没有它的数据")
            data = workbook_bytes(part.blob)
            spent += _unpacked_size(data)
            if spent > MAX_ALL:
                raise _NotRead(f"文档的嵌入工作簿解压后合计将超过{MAX_ALL // 2**20} MiB（上限）：是压缩炸弹？")
            book = read_workbook(Path(str(part.partname)), data)
        except _NotRead as exc:
            notes.append(f"{where}的{what}未读取：{exc}；其中的表格或数字不在提取结果中")
            continue
        except ReportError as exc:
            notes.append(f"{where}的{what}未能读取：{exc.problem}；其中的表格不在提取结果中")
            continue
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # a Rust panic in calamine is a BaseException (pyo3), not a crash here
            notes.append(f"{where}的{what}未能读取（{type(exc).__name__}）；其中的表格不在提取结果中")
            continue
        name = f"嵌入对象（第{item.line}行）"
        grids += [(item.line, replace(g, name=f"{name}{g.name}")) for g in book.grids]
        notes += [f"{name}{n}" for n in book.notes]
    return tuple(grids), tuple(notes)


def workbook_bytes(blob: bytes) -> bytes:
    """The workbook an embedded part holds, as read/workbook.py reads one; else why it is none."""
    if len(blob) > MAX_PART:
        raise _NotRead(f"大小{len(blob) / 2**20:.0f} MiB，超过单个嵌入对象的上限{MAX_PART // 2**20} MiB")
    if blob.startswith(b"PK\x03\x04"):
        if b"xl/workbook" not in blob:
            raise _NotRead("不是 Excel 工作簿（另一种 Office 文档）")
        return blob
    if blob.startswith(OLE_MAGIC):
        return _from_ole(blob)
    raise _NotRead("不是 Excel 工作簿")


def _from_ole(blob: bytes) -> bytes:
    """An OLE object holding an Excel 97–2003 workbook (a Workbook or Book stream at its root, as
    Word writes Excel.Sheet.8): calamine reads the compound file as it reads an .xls."""
    import olefile

    try:
        # a BytesIO, never the bytes: olefile takes bytes shorter than 1,536 for a file name to open
        with olefile.OleFileIO(io.BytesIO(blob)) as ole:
            if ole.exists("Workbook") or ole.exists("Book"):
                return blob
            streams = "、".join("/".join(e) for e in ole.listdir()[:5])
    except Exception as exc:  # olefile raises OSError and others for a damaged compound file
        raise _NotRead(f"OLE 数据已损坏（{type(exc).__name__}）") from exc
    raise _NotRead(f"不是 Excel 工作簿（OLE 数据流：{streams or '无'}）")


def _unpacked_size(data: bytes) -> int:
    """What reading a workbook will unpack: an .xlsx's members as its directory states them (zipfile
    never inflates a member past that), an OLE file's own size."""
    if not data.startswith(b"PK"):
        return len(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return len(data)  # read_workbook says what is wrong with it


def excel_objects_in_doc(data: bytes) -> int:
    """How many Excel workbooks a Word 97 file embeds (its ObjectPool storages holding a Workbook,
    Book or Package stream); 0 for a file olefile cannot read."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            held = {tuple(e[:2]) for e in ole.listdir(streams=True, storages=False)
                    if len(e) == 3 and e[0] == "ObjectPool" and e[2] in ("Workbook", "Book", "Package")}
    except Exception:  # a damaged file: LibreOffice says so when it converts it
        return 0
    return len(held)


def _where(lines: Sequence[Line], line: int) -> str:
    """第N行, with the text that stands before it (a heading or a table's title) for the reader to find it."""
    before = next((ln.raw.strip() for ln in reversed(lines[:line - 1]) if ln.raw.strip()), "")
    if not before:
        return f"第{line}行"
    return f"第{line}行（“{before[:30]}{'…' if len(before) > 30 else ''}”之后）"


def _under_table_title(lines: Sequence[Line], line: int) -> bool:
    texts = [ln.text.strip() for ln in lines[max(0, line - 1 - _BACK):line] if ln.text.strip()]
    return any(_TABLE_CUE.search(t) for t in texts)
