"""Word files with objects embedded as Word embeds them, built at test time (python-docx, openpyxl):
an object is a run holding <w:object> — its preview picture (v:imagedata) and an o:OLEObject whose
relationship names the embedded part under word/embeddings/ (an .xlsx package for Excel.Sheet.12, an
OLE compound file for Excel.Sheet.8) — and a picture is python-docx's own inline picture."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from helpers import APPENDIX
from workbook_variants import in_yuan, sheets_of, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OLE = "application/vnd.openxmlformats-officedocument.oleObject"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# a 1×1 PNG: the preview Word keeps of an object, and a picture
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
ANJU_XLS = APPENDIX / "anju_2023_附表.xls"


def table_01_in_yuan(folder: Path) -> bytes:
    """The sample's 公开01表 (收入支出决算总表) alone, its figures in 元, as an .xlsx."""
    sheets = [s for s in in_yuan(sheets_of(ANJU_XLS), "公开01表") if s.name == "公开01表"]
    return write_xlsx(sheets, folder / "table01.xlsx").read_bytes()


def _object_xml(prog_id: str, rid: str, preview: str, link: bool = False) -> str:
    kind = "Link" if link else "Embed"
    return ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:object w:dxaOrig="8306" w:dyaOrig="2940"><v:shape id="_x0000_i1025" type="#_x0000_t75" '
            f'style="width:415pt;height:147pt" o:ole=""><v:imagedata r:id="{preview}" o:title=""/></v:shape>'
            f'<o:OLEObject Type="{kind}" ProgID="{prog_id}" ShapeID="_x0000_i1025" DrawAspect="Content" '
            f'ObjectID="_1554112233" r:id="{rid}"/></w:object></w:r>')


class Builder:
    """A Word document written paragraph by paragraph, objects and pictures among the paragraphs."""

    def __init__(self) -> None:
        self.document = docx.Document()
        self.parts = 0

    def text(self, *lines: str) -> Builder:
        for line in lines:
            self.document.add_paragraph(line)
        return self

    def _part(self, name: str, content_type: str, blob: bytes, relationship: str) -> str:
        self.parts += 1
        part = Part(PackURI(f"/word/{name}"), content_type, blob, self.document.part.package)
        return self.document.part.relate_to(part, relationship)

    def embed(self, blob: bytes, prog_id: str = "Excel.Sheet.12", name: str = "", content_type: str = XLSX) -> Builder:
        """An object embedded with its data (an .xlsx package, or an OLE compound file such as an .xls);
        named as Word names an .xlsx (Microsoft_Excel_WorksheetN.xlsx) unless ``name`` says."""
        relationship = RT.PACKAGE if content_type != OLE else RT.OLE_OBJECT
        name = name or f"Microsoft_Excel_Worksheet{self.parts + 1}.xlsx"
        rid = self._part(f"embeddings/{name}", content_type, blob, relationship)
        preview = self._part(f"media/preview{self.parts}.png", "image/png", PNG, RT.IMAGE)
        self.document.add_paragraph()._p.append(parse_xml(_object_xml(prog_id, rid, preview)))
        return self

    def link(self, prog_id: str = "Excel.Sheet.8", target: str = "file:///C:/附表.xls") -> Builder:
        """An object linked to a file outside the document (never opened)."""
        rid = self.document.part.relate_to(target, RT.OLE_OBJECT, is_external=True)
        preview = self._part(f"media/preview{self.parts + 1}.png", "image/png", PNG, RT.IMAGE)
        self.document.add_paragraph()._p.append(parse_xml(_object_xml(prog_id, rid, preview, link=True)))
        return self

    def word_table(self, rows: list[list], merges=()) -> Builder:
        """A sheet as Word writes a table of the report: its title, form number and 部门/金额单位 rows as
        the paragraphs above, the rest a Word table, merged cells merged (gridSpan, vMerge)."""
        head = next((i + 1 for i, r in enumerate(rows[:6]) if any("单位" in str(v) for v in r)), 0)
        for r in rows[:head]:
            self.document.add_paragraph("  ".join(str(v) for v in r if v != ""))
        body = rows[head:]
        width = max(len(r) for r in body)
        table = self.document.add_table(rows=len(body), cols=width)
        cells = [row.cells for row in table.rows]
        for r, row in enumerate(body):
            for c, v in enumerate(row):
                if v != "":
                    cells[r][c].text = f"{v:g}" if isinstance(v, float) else str(v)
        for (r0, c0), (r1, c1) in merges:
            if r0 >= head and (r0, c0) != (r1, c1):
                cells[r0 - head][c0].merge(cells[r1 - head][c1])
        return self

    def picture(self) -> Builder:
        self.document.add_paragraph().add_run().add_picture(io.BytesIO(PNG))
        return self

    def save(self, path: Path) -> Path:
        self.document.save(path)
        return path
