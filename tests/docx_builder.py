"""Build a real .docx of a report from its text export: paragraphs, the 绩效自评表 as a Word
table, and each chart's data as a DrawingML chart part related from the document."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from juesuan.extract.charts_data import text_chart_blocks
from juesuan.extract.performance import text_table_rows
from juesuan.extract.sections import find_sections
from juesuan.read.text import document_from_text

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
NS = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _str_cache(values) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{escape(str(v))}</c:v></c:pt>' for i, v in enumerate(values))
    return f'<c:strCache><c:ptCount val="{len(values)}"/>{pts}</c:strCache>'


def chart_xml(block, kind: str) -> bytes:
    series = []
    for i, s in enumerate(block.series):
        vals = "".join(f'<c:pt idx="{j}"><c:v>{v:g}</c:v></c:pt>' for j, v in enumerate(s.values))
        series.append(
            f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>'
            f'<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f>{_str_cache([s.name])}</c:strRef></c:tx>'
            f'<c:cat><c:strRef><c:f>Sheet1!$A$2</c:f>{_str_cache(s.labels)}</c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>Sheet1!$B$2</c:f><c:numCache><c:formatCode>General</c:formatCode>'
            f'<c:ptCount val="{len(s.values)}"/>{vals}</c:numCache></c:numRef></c:val></c:ser>'
        )
    plot = (f'<c:pieChart><c:varyColors val="1"/>{"".join(series)}</c:pieChart>' if kind == "pie" else
            f'<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>{"".join(series)}'
            f'<c:axId val="1"/><c:axId val="2"/></c:barChart>')
    title = (f'<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>{escape(block.title)}</a:t></a:r></a:p></c:rich>'
             f'</c:tx></c:title>' if block.title else "")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><c:chartSpace {NS}><c:chart>{title}'
            f'<c:plotArea><c:layout/>{plot}</c:plotArea></c:chart></c:chartSpace>').encode()


def _inline_chart(rid: str, n: int) -> str:
    return (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'{NS}><w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/>'
        f'<wp:docPr id="{100 + n}" name="Chart {n}"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def build_docx(text: str, path: Path) -> Path:
    source = document_from_text(text)
    sections = find_sections(source)
    blocks = text_chart_blocks(source, sections)
    appendix_start = sections["part.appendix"].heading if "part.appendix" in sections else len(source.lines)
    chart_lines = {line.number for line in source.lines[appendix_start:] if line.raw.strip() and (
        "\t" in line.raw or any(line.raw.strip() == b.title for b in blocks))}
    tables = text_table_rows(source)
    table_lines = {line.number for line in source.lines if line.raw.startswith("\t")}
    table_start = min(table_lines) if table_lines else None

    document = docx.Document()
    for line in source.lines:
        if line.number in chart_lines:
            continue
        if line.number == table_start:
            for rows in tables:
                width = max(len(r.cells) for r in rows)
                table = document.add_table(rows=len(rows), cols=width)
                for i, row in enumerate(rows):
                    for j, cell in enumerate(row.cells):
                        table.cell(i, j).text = cell
            continue
        if line.number in table_lines:
            continue
        document.add_paragraph(line.raw)
    roles = {"total_change": "bar", "fiscal_change": "bar", "gb_change": "bar"}
    from juesuan.extract.charts_data import assign_roles

    for n, (block, role) in enumerate(zip(blocks, assign_roles(blocks)), start=1):
        part = Part(PackURI(f"/word/charts/chart{n}.xml"), CHART_CT, chart_xml(block, roles.get(role, "pie")),
                    document.part.package)
        rid = document.part.relate_to(part, RT.CHART)
        paragraph = document.add_paragraph()
        paragraph._p.append(parse_xml(_inline_chart(rid, n)))
    document.save(path)
    return path
