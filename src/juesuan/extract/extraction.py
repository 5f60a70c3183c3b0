"""One report → its tidy tables (pure: a Document in, DataFrames out)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import pandas as pd

from ..model.document import Document
from ..model.errors import ReportError
from ..model.numbers import written_in
from ..read import READERS
from . import appendix, approval, budget, charts_data, functions, narrative, performance
from .bounds import Unread, blank, bounded, bounded_rows
from .identity import APPROVAL, Identity, calls_itself, identify, organisation, same_department, title_subject
from .sections import (
    CORE,
    EXPECTED,
    TEMPLATE,
    Section,
    find_sections,
    heading_key,
    report_year,
    section_lines,
    split_headings,
    subject_section,
)
from .table_functions import table_function_lines
from .unnamed import UNNAMED, unnamed_facts

TABLE_FILES = {
    "facts": "facts.csv",
    "functions": "expenditure_by_function.csv",
    "charts": "charts.csv",
    "performance_budget": "performance_budget.csv",
    "performance_indicators": "performance_indicators.csv",
    "performance_summary": "performance_summary.csv",
    "performance_statements": "performance_statements.csv",
    "appendix": "appendix.csv",
    "appendix_tables": "appendix_tables.csv",
}
COLUMNS = {
    "facts": narrative.FACT_COLUMNS,
    "functions": functions.FUNCTION_COLUMNS,
    "charts": charts_data.CHART_COLUMNS,
    "performance_budget": performance.BUDGET_COLUMNS,
    "performance_indicators": performance.INDICATOR_COLUMNS,
    "performance_summary": performance.SUMMARY_COLUMNS,
    "performance_statements": performance.STATEMENT_COLUMNS,
    "appendix": appendix.APPENDIX_COLUMNS,
    "appendix_tables": appendix.TABLE_COLUMNS,
}
_TITLES = dict(TEMPLATE)


# a document that states no year is read all the same (its kind says it is a 决算 or 预算): what needs
# the year — which figures are last year's, the wording rules on years — is left out, and said
NO_YEAR = ("报告未写明年度（如“2023年度部门决算”“2025年部门预算”）：年度未知，正文中哪些数字属于上年无从判断，"
           "依赖年度的核对（年份用词）未进行")


_NOTHING_READ = ("{what} states no year and no figure juesuan understands: not a final-accounts report (部门决算) "
                 "or a budget (部门预算) that can be read")


@dataclass
class Extraction:
    path: str
    year: int | None  # None: the document states none (NO_YEAR in its warnings)
    department: str
    tables: dict[str, pd.DataFrame]
    warnings: list[str] = field(default_factory=list)  # sections missing, …
    table_warnings: list[str] = field(default_factory=list)  # what reading the appendix workbook met
    unread_pages: tuple[int, ...] = ()  # pages of a PDF that have no text layer
    kind: str = "部门决算"  # what the document says it is: 部门决算, 单位决算, 部门决算批复, 部门预算, 单位预算
    # the lines as read, numbered as the facts' `line` (headings written inline set on lines of their own)
    lines: tuple[tuple[int, str], ...] = ()
    unread_items: tuple[int, ...] = ()  # 具体情况 lines that list a 项 but gave none
    # what the readers could not read, in the document and its workbook (an embedded object, a picture
    # under a table's title, a formula without its value): said in the warnings and in the coverage
    not_read: tuple[str, ...] = ()
    # a PDF's numbered lines: the page each stands on and its line there, so that a finding about a
    # line (a wording rule's) says where a reader finds it
    pages: dict[int, tuple[int, int]] = field(default_factory=dict)


def _empty(doc: Document, found: dict, key: str) -> bool:
    """A template section whose heading stands over nothing: no line of text below it that is not
    itself a heading, and no sub-section (general_budget.total under general_budget) found."""
    if any(k.startswith(f"{key}.") for k in found):
        return False
    return not any(line.text.strip() and heading_key(line) is None for line in section_lines(doc, found[key]))


def extract(doc: Document, department: str = "", tables: Document | None = None) -> Extraction:
    """A report's tables; ``tables`` is its appendix workbook, if any. A workbook given alone
    (a Document of grids and no lines) gives the appendix tables only. What the document is comes
    from its own words (extract.identity): a file that says it is a 决算 or 预算 is read, never
    refused; what is not understood is said in its warnings. A line past the limits of extract.bounds
    is not read, and the warnings say so."""
    doc, unread = bounded(doc)
    ident = identify(doc, doc.path.rsplit("/", 1)[-1])
    if ident.is_budget:
        return extract_budget(doc, ident.kind, department, tables, ident, unread)
    if doc.grids and not doc.lines:
        return extract_workbook(doc, department, ident)
    renumbered: dict[int, int] = {}
    doc = split_headings(doc, renumbered)
    unread = unread.renumbered(renumbered)
    sections = find_sections(doc)
    core = [k for k in CORE if k in sections]
    if not core and (key := subject_section(title_subject(doc))):  # a page of the 三公 alone, no heading
        sections[key] = Section(key, "", 0, len(doc.lines))
        core = [key]
    if ident.kind == APPROVAL:
        return extract_approval(doc, department, ident, unread)
    if len(core) < 2 and doc.grids and tables is None and not _prose(doc):
        return extract_workbook(doc, department, ident)  # a PDF of the appendix tables alone
    if len(core) < 2 and not ident.is_accounts:
        raise ReportError(doc.path, f"{what_file(doc)} is not a final-accounts report (部门决算) or a budget (部门预算): "
                          "it says it is neither, and none of the sections 收入支出决算总体情况说明 / 收入决算情况说明 / "
                          "支出决算情况说明 were found")
    year = ident.year  # identify() falls back on the year the figures are of (sections.report_year)
    # a section may be missing only because it stands on a page that could not be read: say so
    why = (f"报告可能不完整，或位于无法读取的扫描页（第{'、'.join(map(str, doc.unread_pages))}页）"
           if doc.unread_pages else "报告可能不完整")
    # a sub-section (三公 总体/具体) is not missing where its parent section says it all without one
    warnings = [f"缺少章节：{_TITLES[k]}（{why}）" for k in EXPECTED
                if k not in sections and not ("." in k and k.split(".")[0] in sections)]
    warnings += [f"章节为空：{_TITLES[k]}（标题之下没有内容）" for k in sections if k in _TITLES
                 and not k.startswith("part.") and _empty(doc, sections, k)]  # a part holds the sections
    warnings += [f"第{n}页没有文字层（扫描页），未读取；该页的内容不在提取结果中，相关核对可能不完整" for n in doc.unread_pages]
    if len(core) < 2:  # a template whose headings are not known: what is understood is read, the rest said
        warnings.append("未识别出决算说明的主要章节（收入支出决算总体情况、收入决算、支出决算、一般公共预算财政拨款支出、"
                        "“三公”经费）：其余正文只按意义唯一的词语读取，所读数字主语不确定，不作为错误依据")
    warnings += identity_warnings(ident) + ([NO_YEAR] if year is None else [])
    table_warnings: list[str] = []
    if tables is None and doc.grids:  # a PDF carries its appendix tables itself
        tables = doc
    appendix_frames = _appendix_frames(tables, table_warnings)
    if tables is not doc:  # the tables' own notes are among the table warnings
        warnings += doc.notes
    known = appendix.document_codes(appendix_frames["appendix"].to_dict("records"))
    facts = narrative.extract_facts(doc, sections, year - 1 if year else None)
    function_lines = functions.extract_functions(doc, sections, known) + _unsectioned_classes(doc, sections, known)
    unread_items = tuple(functions.unread_item_lines(doc, sections, function_lines))
    warnings += [f"具体情况第{n}行像是列出一个项目，但未能读出其科目与金额" for n in unread_items]
    blocks = list(doc.charts) or charts_data.text_chart_blocks(doc, sections)
    chart_rows = charts_data.chart_rows(blocks, charts_data.find_captions(doc))
    tables_rows = [performance.rows_from_table(t) for t in doc.tables] or performance.text_table_rows(doc)
    perf = performance.extract_performance(doc, sections, tables_rows)
    facts += unnamed_facts(doc.lines, _held([f.row() for f in facts], [f.row() for f in function_lines],
                                            appendix_frames["appendix"], chart_rows))
    frames = {
        "facts": _frame([f.row() for f in facts], "facts"),
        "functions": _frame([f.row() for f in function_lines], "functions"),
        "charts": _frame(chart_rows, "charts"),
        "performance_budget": _frame(perf["budget"], "performance_budget"),
        "performance_indicators": _frame(perf["indicators"], "performance_indicators"),
        "performance_summary": _frame(perf["summary"], "performance_summary"),
        "performance_statements": _frame(perf["statements"], "performance_statements"),
    }
    if frames["charts"].empty:
        warnings.append("未找到图表数据（图1–图7）")
    frames = bounded_rows(frames, doc, unread)
    warnings += unread.warnings()
    _with_pages(frames, doc)
    frames.update(appendix_frames)
    understood = [f for f in facts if f.metric != UNNAMED]  # (an amount kept by its words alone is not understood)
    counts_only = all(f.measure == "count" for f in understood)  # staff, units: no amount
    if counts_only and frames["functions"].empty and frames["appendix"].empty:
        if not understood and year is None and not calls_itself(doc):  # neither a year, a figure nor a title
            raise ReportError(doc.path, _NOTHING_READ.format(what=what_file(doc)))
        # a file that calls itself a 决算 is read, not refused: that nothing was understood is said
        warnings.append("未读出任何数字：正文与附表中没有识别出的金额（可能只是目录、概况或图片），所有核对均未进行")
    stated = appendix.appendix_year(tables.grids) if tables is not None else None
    if stated is not None and year is not None and stated != year:
        table_warnings.append(f"附表工作簿所写年度为{stated}年，与报告的{year}年不一致，请确认是否配错了文件")
    return Extraction(doc.path, year, department or ident.department or department_in(doc), frames, warnings,
                      table_warnings, doc.unread_pages, ident.kind or "部门决算", blank(_numbered(doc), unread),
                      unread_items, not_read(doc, tables), _pages(doc))


def _prose(doc: Document) -> bool:
    """Sentences that state figures (a page of the 三公 beside its table), not the notes under tables alone."""
    return sum(len(_STATED.findall(line.text)) for line in doc.lines
               if len(line.text) >= 30 and _CLAUSE.search(line.text)) >= 2


_STATED = re.compile(r"\d(?:\.\d+)?\s*(?:万元|元|%|人|名|辆)")  # money, and staff and cars counted
_CLAUSE = re.compile(r"[，。；]")


def _unsectioned_classes(doc: Document, sections: dict, known: dict[str, str]) -> list:
    """The 类 a report states on lines of their own where no section it is known by holds them (a page that
    begins in its 支出 part: 1.社会保障和就业支出467.99万元：…较2020年度决算数减少91.91万元): of all funds,
    recorded and not checked, as a budget's (budget.class_lines)."""
    return budget.class_lines(replace(doc, lines=doc.lines[:narrative.opening_lines(doc, sections)]), known)


def not_read(doc: Document, tables: Document | None) -> tuple[str, ...]:
    """What the readers of the document and of its tables noted they could not read."""
    return doc.notes + (tables.notes if tables is not None and tables is not doc else ())


_FILE_WORDS = {"pdf": "the PDF", "workbook": "the workbook", "doc": "the Word file", "docx": "the Word file",
               "html": "the web page"}


def what_file(doc: Document) -> str:
    """What a message calls the file, by the reader its suffix names: a PDF is not "the workbook"."""
    suffix = "." + doc.path.rsplit(".", 1)[-1].lower() if "." in doc.path.rsplit("/", 1)[-1] else ""
    reader = next((r.name for r in READERS if suffix in r.suffixes), "")
    return _FILE_WORDS.get(reader, "the document")


def identity_warnings(ident: Identity) -> list[str]:
    """What the document did not say of itself and was read from its file name instead."""
    labels = {"kind": "类型", "year": "年度", "department": "部门"}
    return [f"文档未写明{labels[k]}，取自文件名" for k, v in ident.where.items() if v == "文件名"]


def _with_pages(frames: dict[str, pd.DataFrame], doc: Document) -> None:
    """A PDF's lines are paragraphs put back together: each row also says the page, and the line on
    that page, where its figure stands (a paragraph may run over a page; columns page and page_line,
    after line). A row whose figure is not found in its line gets where the paragraph starts."""
    lines = {ln.number: ln for ln in doc.lines if ln.page}
    if not lines:
        return
    for name, frame in frames.items():
        if "line" not in frame:
            continue
        value = {"facts": "value", "functions": "amount"}.get(name)
        cursor: dict[int, int] = {}  # a line's figures come in the order the line writes them
        pages = []
        for row in frame.to_dict("records"):
            n = row["line"]
            line = lines.get(int(n)) if pd.notna(n) else None
            if line is None:
                pages.append((None, None))
                continue
            at = _figure_at(line.text, row, value, cursor.get(line.number, 0)) if value else None
            if at is not None:
                cursor[line.number] = at
            pages.append(line.page_at(at or 0))
        at = frame.columns.get_loc("line") + 1
        frame.insert(at, "page", pd.array([p for p, _ in pages], dtype="Int64"))
        frame.insert(at + 1, "page_line", pd.array([q for _, q in pages], dtype="Int64"))


def _figure_at(text: str, row: dict, column: str, start: int) -> int | None:
    """Where a row's figure is written in its line, at or after ``start``."""
    value = row.get(column)
    if value is None or pd.isna(value):
        return None
    in_source = abs(float(value)) * (1e4 if row.get("unit_in_source") == "元" and
                                     row.get("measure") in ("amount", "change") else 1)
    m = written_in(text).find(in_source, start)
    return None if m is None else m.start()


def extract_budget(doc: Document, kind: str, department: str = "", tables: Document | None = None,
                   ident: Identity | None = None, unread: Unread | None = None) -> Extraction:
    """A budget (部门预算 / 单位预算): its narrative's figures, 功能分类 items and tables. ``tables``: the
    tables published as a file of their own (江苏: 说明 and 表格). ``unread``: its lines not read
    (extract.bounds)."""
    unread = unread or Unread()
    ident = ident or identify(doc)
    year = ident.year or budget_year(doc)
    if tables is not None and tables is not doc:
        stated = budget_year(tables) or appendix.appendix_year(tables.grids)
        if stated is not None and year is not None and stated != year:
            raise ReportError(doc.path, f"its tables ({tables.path.rsplit('/', 1)[-1]}) are of {stated}, the budget of "
                              f"{year}: not one department's budget of one year")
    else:
        tables = doc if doc.grids else None
    table_warnings: list[str] = []
    frames = {name: _frame([], name) for name in TABLE_FILES}
    frames.update(_appendix_frames(tables, table_warnings))
    known = appendix.document_codes(frames["appendix"].to_dict("records"))
    facts = budget.budget_facts(doc, year - 1 if year else None)
    frames["facts"] = _frame([f.row() for f in facts], "facts")
    frames["functions"] = _frame([f.row() for f in budget.budget_functions(doc, known)], "functions")
    # the 说明 lists no 功能分类 item (at most its 类 of all funds): the table's, said so by their origin
    listed = frames["functions"]["origin"].isin(["stated", "derived"]).any() if len(frames["functions"]) else False
    from_tables = [] if listed else table_function_lines(frames["appendix"].to_dict("records"), known)
    if from_tables:
        frames["functions"] = _frame([*frames["functions"].to_dict("records"), *(f.row() for f, _ in from_tables)],
                                     "functions")
    frames["performance_statements"] = _frame(budget.project_budgets(doc), "performance_statements")
    facts += unnamed_facts(doc.lines, _held([f.row() for f in facts], frames["functions"].to_dict("records"),
                                            frames["appendix"], frames["performance_statements"].to_dict("records")))
    frames["facts"] = _frame([f.row() for f in facts], "facts")
    understood = [f for f in facts if f.metric != UNNAMED]  # (an amount kept by its words alone is not understood)
    if year is None and not understood and frames["appendix"].empty and not calls_itself(doc):
        raise ReportError(doc.path, _NOTHING_READ.format(what=what_file(doc)))
    warnings = ([] if understood else ["未在预算说明中读到数字（只有预算表？）：只核对预算表"]) + identity_warnings(ident) \
        + ([NO_YEAR] if year is None else [])
    if tables is not doc:  # the tables' own notes are among the table warnings
        warnings += doc.notes
    if tables is None:
        warnings.append("未找到预算表：只核对预算说明中的数字；如预算表另成一个文件，请用 --tables 指定")
    frames = bounded_rows(frames, doc, unread)
    warnings += unread.warnings()
    _with_pages(frames, doc)
    if from_tables and "page" in frames["functions"]:  # a table's row stands on its page, on no line
        pages = {f.code: page for f, page in from_tables}
        functions = frames["functions"]
        functions["page"] = pd.array([pages.get(c) if o == "table" else p for c, o, p in
                                      zip(functions["code"], functions["origin"], functions["page"])], dtype="Int64")
    name = department or ident.department or appendix.appendix_department(tables.grids if tables else ()) \
        or department_in(doc)
    if tables is not None and tables is not doc:
        other = appendix.appendix_department(tables.grids)
        if not same_department(name, other):
            raise ReportError(doc.path, f"its tables ({tables.path.rsplit('/', 1)[-1]}) are of {other}, the budget of "
                              f"{name}: not one department's budget")
    # the lines as read, when some were not (without them, the checks read the file's own lines)
    lines = blank(_numbered(doc), unread) if unread.why else ()
    return Extraction(doc.path, year, name, frames, warnings, table_warnings, doc.unread_pages, kind, lines,
                      not_read=not_read(doc, tables), pages=_pages(doc))


def budget_year(doc: Document) -> int | None:
    """The year of a budget: 2025年部门预算, 2019年度部门预算公开."""
    for line in doc.lines[:60]:
        m = re.search(r"(20\d\d)\s*年度?(?:区级|省级|市级|县级)?(?:部门|单位)预算", line.text.replace(" ", ""))
        if m:
            return int(m[1])
    for grid in doc.grids:
        for row in grid.cells[:3]:
            for cell in row:
                m = re.search(r"(20\d\d)\s*年度?", str(cell))
                if m:
                    return int(m[1])
    return report_year(doc) if doc.lines else None


def extract_approval(doc: Document, department: str = "", ident: Identity | None = None,
                     unread: Unread | None = None) -> Extraction:
    """The finance bureau's approval notice (批复) of a department's accounts: its figures only."""
    ident = ident or identify(doc)
    unread = unread or Unread()
    year = ident.year
    if year is None:
        raise ReportError(doc.path, "an approval notice (批复) that states no year (such as 2014年度部门决算)")
    facts = approval.approval_facts(doc, year - 1)
    frames = {name: _frame([], name) for name in TABLE_FILES}
    frames["facts"] = _frame([f.row() for f in facts], "facts")
    frames = bounded_rows(frames, doc, unread)
    warnings = ["此文件为财政部门对部门决算的批复通知，不含决算说明的章节、图表与附表：只提取并核对其所列数字",
                *doc.notes]
    if not facts:  # it says it is the approval: read, and what was not understood said (a table as an image's text)
        warnings.append("未读出任何数字：批复中没有识别出的金额（可能是附件图片或表格的识别文字），所有核对均未进行")
    warnings += unread.warnings()
    return Extraction(doc.path, year, department or approval.approval_department(doc) or ident.department, frames,
                      warnings, [], kind=APPROVAL, lines=blank(_numbered(doc), unread), not_read=doc.notes,
                      pages=_pages(doc))


_HELD = ("value", "amount", "budget", "completion", "share", "prior", "change", "growth")


def _held(*tables) -> dict[int, Counter]:
    """line → how many records read of it hold each value (facts, 功能分类 lines, a text table's cells,
    charts): what is left of a line's amounts is no one's (extract/unnamed.py)."""
    out: dict[int, Counter] = {}
    for rows in tables:
        if hasattr(rows, "to_dict"):  # a table's cells: only those a text table's line holds (第123行), not a PDF's
            rows = rows[rows["cell"].astype(str).str.endswith("行")] if "cell" in rows else rows
            rows = rows.to_dict("records")
        for r in rows:
            line = r.get("line")
            if (line is None or line != line) and str(r.get("cell") or "").endswith("行"):
                line = int(re.sub(r"\D", "", str(r["cell"])) or 0)  # a text table's cell: 第123行
            if line is None or line != line:
                continue
            for c in _HELD:
                v = r.get(c)
                if isinstance(v, int | float) and v == v:
                    out.setdefault(int(line), Counter())[round(abs(float(v)), 4)] += 1
    return out


def extract_workbook(doc: Document, department: str = "", ident: Identity | None = None) -> Extraction:
    """The appendix tables of a workbook (or a PDF of tables) on their own (no narrative: its tables
    are empty)."""
    ident = ident or identify(doc, doc.path.rsplit("/", 1)[-1])
    year = appendix.appendix_year(doc.grids) or ident.year
    if year is None:
        raise ReportError(doc.path, f"{what_file(doc)} states no year (such as 2023年度) in any table or title")
    table_warnings: list[str] = []
    frames = {name: _frame([], name) for name in TABLE_FILES}
    frames.update(_appendix_frames(doc, table_warnings))
    if frames["appendix_tables"].empty and not ident.kind:
        raise ReportError(doc.path, f"no appendix table (附表) recognised in any table of {what_file(doc)}")
    warnings = identity_warnings(ident)
    if frames["appendix_tables"].empty:
        warnings.append("未识别出任何附表：文档的表格均未读取，依赖它们的核对未进行")
    return Extraction(doc.path, year, department or appendix.appendix_department(doc.grids) or ident.department,
                      frames, warnings, table_warnings, kind=ident.kind if ident.kind.endswith("决算") else "部门决算",
                      not_read=doc.notes)


def _appendix_frames(workbook: Document | None, warnings: list[str]) -> dict[str, pd.DataFrame]:
    if workbook is None:
        return {"appendix": _frame([], "appendix"), "appendix_tables": _frame([], "appendix_tables")}
    parsed = appendix.read_appendix(workbook.grids)
    name = workbook.path.rsplit("/", 1)[-1]
    warnings += list(workbook.notes) + parsed.warnings
    if not parsed.tables:
        warnings.append(f"{name}：未识别出任何附表")
    return {"appendix": _frame(parsed.cells, "appendix"), "appendix_tables": _frame(parsed.tables, "appendix_tables")}


def department_in(doc: Document) -> str:
    """The department as the report names itself (纳入XX2023年度部门决算编制范围 …): a name only where it is
    an organisation's (identity.organisation — 2021年度XX学院政府采购决算公开 gives no 学院政府采购), with
    the remark in brackets the title writes after it (社会事业局(含卫计、教育))."""
    for candidate in _named_in(doc):
        remark = re.search(r"[（(][^（）()]*[)）]$", candidate)
        if name := organisation(candidate[:remark.start()] if remark else candidate):
            return candidate if remark else name
    return ""


def _named_in(doc: Document) -> Iterator[str]:
    for line in doc.lines:
        m = re.search(r"纳入([\u4e00-\u9fff（）()]{2,30}?)20\d\d年度?部门决算编制范围", line.text)
        if m:
            yield m[1]
    for line in doc.lines[:20]:  # the page's title: 2016年度平潭综合实验区教育局部门决算说明
        m = re.search(r"20\d\d年度?(?!度)([\u4e00-\u9fff（）()、]{3,30}?)\s*(?:部门)?(?:决算说明|决算公开|财政决算)", line.text)
        if m:
            yield m[1]
    for line in doc.lines[:40]:  # 预算主管部门：XX (a budget's cover), 编制部门：XX
        m = re.search(r"(?:预算主管部门|编制部门|编制单位)\s*[:：]\s*([\u4e00-\u9fff（）()]{3,40})", line.text)
        if m:
            yield m[1]
    for line in doc.lines:
        m = re.match(r"^\s*([\u4e00-\u9fff（）()]{2,30}?)属(?:独立核算)?", line.text)
        if m and not re.search(r"预算|决算|包括", m[1]):
            yield m[1]
    # the cover or a part's heading: 上海市普陀区财政局2024年度部门决算 / 第一部分 XX概况
    for line in doc.lines[:80]:
        text = re.sub(r"^第[一二三四五六七八九十]+部分\s*", "", line.text.strip())
        m = re.match(r"^([\u4e00-\u9fff（）()]{3,30}?)\s*20\d\d年度?(?:部门|单位)决算", text) or \
            re.match(r"^([\u4e00-\u9fff（）()]{3,30}?)\s*(?:部门)?概况$", text)
        if m and not re.search(r"部门决算|目录|单位|部门$", m[1]):
            yield m[1]


def _frame(rows: list[dict], name: str) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS[name])
    if "line" in frame:
        frame["line"] = frame["line"].astype("Int64")
    return frame


def _numbered(doc: Document) -> tuple[tuple[int, str], ...]:
    return tuple((ln.number, ln.text) for ln in doc.lines)


def _pages(doc: Document) -> dict[int, tuple[int, int]]:
    return {ln.number: ln.page_at(0) for ln in doc.lines if ln.page}
