"""Documents from the web are untrusted (issue 30): the hostile corpus of tests/hostile.py.

Formulas never reach a spreadsheet alive (the workbook holds strings, the CSVs quote them, and
reading gives the text back); bombs are refused before they inflate, in bounded time and memory,
each in one line naming the file; a LibreOffice that hangs is stopped; a batch survives a bomb."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import hostile
import pandas as pd
import pytest
from embedded_builder import Builder
from helpers import SHIPPED
from hypothesis import given, settings
from hypothesis import strategies as st

import juesuan
from juesuan.model.errors import ReportError
from juesuan.model.formulas import looks_like_formula, neutralise, restore
from juesuan.model.outputs import CSV_ENCODING, csv_bytes, read_csv
from juesuan.read import archive, embedded, html, pdf_streams, read_document

ROOT = Path(__file__).resolve().parents[1]
STARTS = "=+-@\t\r"  # what a spreadsheet takes for the start of a formula (OWASP)

# ---- formulas ------------------------------------------------------------------------------------

CASES = ["=1+1", '=HYPERLINK("http://x","点击")&"公务用车"', "+86 28", "-5", "-", "@SUM(A1)", "\tx", "\rx",
         "'=1+1", "''-5", "'", "''", "'abc", "abc", "", "5", "公务用车运行维护费支出5万元", "=", "'\t", "a=b", " =1"]


@pytest.mark.parametrize("text", CASES)
def test_the_quote_rule_round_trips_and_leaves_no_formula(text):
    written = neutralise(text)
    assert restore(written) == text
    assert not written.startswith(tuple(STARTS))
    assert (written != text) == looks_like_formula(text)  # only text that starts like a formula is touched


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(STARTS) + ["'", "a", "5", "公", " "]), max_size=6) | st.text(max_size=20))
def test_the_quote_rule_is_reversible_for_any_text(text):
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(tuple(STARTS))


def test_csv_text_is_quoted_numbers_stay_numbers_and_reading_gives_it_back(tmp_path):
    texts = [t for t in CASES if t]  # (an empty field reads back as no value, as before)
    frame = pd.DataFrame({"text": texts, "value": [-5.0] * len(texts), "line": range(len(texts))})
    path = tmp_path / "t.csv"
    path.write_bytes(csv_bytes(frame))
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode(CSV_ENCODING), newline="")))[1:]
    assert all(not row[0].startswith(tuple(STARTS)) for row in rows)
    assert {row[1] for row in rows} == {"-5"}  # a figure is written as a number, never quoted
    back = read_csv(path)
    assert back["text"].tolist() == texts
    assert back["value"].tolist() == [-5.0] * len(texts)


@pytest.fixture(scope="module")
def formula_report(tmp_path_factory):
    """The shipped report with a HYPERLINK formula line, processed into data/processed/2023/office."""
    from juesuan.pipeline import process, write_processed

    root = tmp_path_factory.mktemp("formula")
    source, line = hostile.formula_copy(root)
    out = root / "data" / "processed" / "2023" / "office"
    write_processed(process(source), out)
    return root, out, line


def test_the_formula_line_is_read_as_text(formula_report):
    _root, out, line = formula_report
    facts = read_csv(out / "facts.csv")
    assert (facts["text"] == line).any()  # its 5万元 is still a fact, and its text is as written
    assert line.startswith("=HYPERLINK(")


def test_the_workbook_holds_no_formula(formula_report):
    from openpyxl import load_workbook

    _root, out, line = formula_report
    book = load_workbook(out / "workbook.xlsx")
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    written = [c for c in book["正文数字"].iter_rows() for c in c if c.value == line]
    assert written and all(c.data_type == "s" and c.quotePrefix for c in written)


def test_no_csv_field_would_be_evaluated(formula_report):
    _root, out, _line = formula_report
    quoted = 0
    for path in sorted(out.rglob("*.csv")):
        for row in csv.reader(io.StringIO(path.read_bytes().decode(CSV_ENCODING), newline="")):
            for field in row:
                if field.startswith("-"):  # a negative figure is a number, which no spreadsheet evaluates
                    float(field)
                else:
                    assert not field.startswith(tuple(STARTS)), (path.name, field)
                quoted += field.startswith("'=HYPERLINK(")
    assert quoted  # the line is there, quoted


def test_load_gives_back_the_text_as_written(formula_report):
    root, _out, line = formula_report
    facts = juesuan.load(root)["facts"]
    assert (facts["text"] == line).any()
    assert not facts["text"].dropna().str.startswith("'=").any()


# ---- bombs and other hostile files, in the reading process ---------------------------------------

HOSTILE = [  # (builder, file name, what the one line says)
    (hostile.xlsx_bomb, "bomb.xlsx", re.escape("refused: the package would unpack to 600 MiB (the limit is 100 MiB)")),
    (hostile.docx_bomb, "bomb.docx", re.escape("refused: the package would unpack to 600 MiB (the limit is 100 MiB)")),
    (hostile.lying_zip, "lying.xlsx", "cannot read the workbook .*Bad CRC-32 for file 'xl/sharedStrings.xml'"),
    (hostile.crowded_zip, "crowded.xlsx", "holds 6004 files \\(the limit is 5000\\)"),
    (hostile.pdf_stream_bomb, "bomb.pdf", "a stream of the PDF inflates past 64 MiB"),
    (hostile.pdf_page_loop, "loop.pdf", "cannot read page 1 of the PDF \\(damaged page tree\\)"),
    (hostile.markup_page, "markup.html", "a web page of 49 MiB \\(the limit is 8 MiB"),
]


@pytest.mark.parametrize(("build", "name", "problem"), HOSTILE, ids=[h[1] for h in HOSTILE])
def test_hostile_file_refused_quickly_in_bounded_memory(tmp_path, build, name, problem):
    path = build(tmp_path / name)
    tracemalloc.start()
    start = time.process_time()  # CPU time: the machine may be busy with other work
    try:
        with pytest.raises(ReportError, match=problem) as refused:
            read_document(path)
        seconds = time.process_time() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(refused.value).startswith(str(path)) and "\n" not in str(refused.value)
    assert seconds < 2
    assert peak < 2 * path.stat().st_size + 20 * 2**20  # the file once or twice, and chunks of a MiB


def test_a_sheet_of_unclosed_cells_is_scanned_in_linear_time():
    from juesuan.read.workbook import formulas_without_value

    members = hostile.unclosed_cells()
    start = time.process_time()
    unread = formulas_without_value(members)
    assert time.process_time() - start < 1  # the lazy pattern it replaced: 65 s for a quarter of this
    assert len(unread) == 50_000 and unread[0] == ("s", "A1")


def test_a_long_run_of_white_space_is_cut_in_linear_time():
    from juesuan.read.text import reflow

    start = time.process_time()
    assert reflow("a" + " " * 200_000 + "b") == ["a" + " " * 200_000 + "b"]  # (40,000 took 126 s)
    assert reflow("收入说明。" + " " * 200_000 + "一、收入" + "x" * 300) == ["收入说明。", "一、收入" + "x" * 300]
    assert time.process_time() - start < 1


def test_a_pdf_object_nested_without_end_is_read_in_bounded_time(tmp_path):
    path = hostile.pdf_nested(tmp_path / "nested.pdf")
    start = time.process_time()
    document = read_document(path)  # pdfium's own depth limit; then the extract stage says it is no report
    assert time.process_time() - start < 2
    assert [line.text for line in document.lines] == ["hello"]


def test_a_member_is_never_inflated_past_the_limit(tmp_path, monkeypatch):
    """Even when the directory lies (states 1 KB) and zipfile would stop at its stated size, the
    counting read refuses at the limit: lowered here below the stated size of a plain member."""
    monkeypatch.setattr(archive, "MAX_UNPACKED", 3000)
    path = tmp_path / "big.xlsx"
    path.write_bytes(hostile._zip([hostile._member("xl/workbook.xml", b"<a/>" * 1000)]))
    monkeypatch.setattr(archive, "check_directory", lambda infos, path: None)  # as if the directory said less
    with pytest.raises(ReportError, match="xl/workbook.xml unpacks past the limit"):
        read_document(path)


def test_real_packages_pass_the_checks():
    """The sample workbooks are far below the limits (and are read: test_appendix)."""
    for path in (ROOT / "tests" / "fixtures" / "appendix").glob("*.xlsx"):
        members = archive.unpack(path.read_bytes(), path, "broken")
        assert 10 < len(members) < 100 and sum(map(len, members.values())) < 2**20


def test_a_pdf_whose_streams_add_up_past_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_streams, "MAX_INFLATED", 100 * 2**20)
    path = tmp_path / "many.pdf"
    # three streams of 40 MiB each: each under the per-stream limit, together over the total
    data = hostile.pdf_stream_bomb(tmp_path / "one.pdf", size=40 * 2**20).read_bytes()
    head, stream = data.split(b"4 0 obj\n", 1)
    path.write_bytes(head + b"4 0 obj\n" + stream.split(b"endobj")[0] * 3)
    with pytest.raises(ReportError, match="streams inflate past 100 MiB in all"):
        read_document(path)


@pytest.mark.parametrize("build", [hostile.pdf_ascii85_bomb, hostile.pdf_lzw_bomb], ids=["ascii85", "lzw"])
def test_a_stream_under_ascii85_or_lzw_is_counted_too(tmp_path, monkeypatch, build):
    """Deflated and then ASCII85-encoded, a stream is no zlib data; LZW compresses as deflate does.
    Each is decoded through its filters, counting, and refused at the limit (lowered here to 8 MiB):
    counted, what was decoded (not more than the limit and a chunk), and the memory it took."""
    monkeypatch.setattr(pdf_streams, "MAX_STREAM", 8 * 2**20)
    decoded, measure = [], pdf_streams.decoded_size
    monkeypatch.setattr(pdf_streams, "decoded_size", lambda *a: decoded.append(measure(*a)) or decoded[-1])
    path = build(tmp_path / "bomb.pdf", size=16 * 2**20)
    tracemalloc.start()
    try:
        with pytest.raises(ReportError, match="a stream of the PDF inflates past 8 MiB"):
            read_document(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(decoded) == 1 and 8 * 2**20 < decoded[0] <= 10 * 2**20
    assert peak < 20 * 2**20  # a chunk at a time (and LZW's table: 8 MB at most)


def test_real_lzw_images_are_counted_as_they_decode(monkeypatch):
    """Two real budgets hold LZW images (645 × 360, one byte a pixel): counted at their size exactly."""
    from real_samples import REAL

    path = REAL / "cities" / "苏州_2026年苏州市审计局部门预算.pdf"
    if not path.exists():
        pytest.skip("the real samples (../shared) are not beside the repo")
    decoded, measure = [], pdf_streams.decoded_size
    monkeypatch.setattr(pdf_streams, "decoded_size", lambda *a: decoded.append(measure(*a)) or decoded[-1])
    pdf_streams.check_streams(path.read_bytes(), path)
    assert decoded == [645 * 360, 645 * 360]


def test_streams_that_overlap_are_refused(tmp_path):
    """A stream's data is read to its /Length: streams that claim more than the file holds would make
    each one read the rest of the file (n streams, n² bytes)."""
    data = hostile.pdf_lzw_bomb(tmp_path / "one.pdf", size=2**20).read_bytes()
    head, stream = data.split(b"4 0 obj\n", 1)
    body = stream.split(b"endobj")[0].replace(b"/Length ", b"/Length 9", 1)  # ten times the file, or more
    with pytest.raises(ReportError, match="streams overlap"):
        pdf_streams.check_streams(head + b"4 0 obj\n" + body * 12, tmp_path / "many.pdf")


def test_a_page_of_too_many_tags_is_refused(tmp_path):
    path = tmp_path / "tags.html"
    path.write_bytes(b"<!doctype html><html><body>" + b"<i>x</i>" * 60_000 + b"</body></html>")
    with pytest.raises(ReportError, match="a web page of 120,00[0-9] tags \\(the limit is 100,000"):
        read_document(path)


@pytest.mark.parametrize("opening", [b"<", b"<title>"])
def test_a_page_of_tags_never_closed_is_read_in_linear_time(tmp_path, opening):
    path = tmp_path / "open.html"
    path.write_bytes(b"<html><body><p>x</p>" + opening * 20_000 + b"a" * 2_000_000)  # (took over 100 s)
    start = time.process_time()
    read_document(path)  # the extract stage then says it is no report
    assert time.process_time() - start < 5


def test_a_bomb_embedded_in_a_word_file_is_a_note(tmp_path):
    """A zip bomb as the workbook embedded in a Word file: refused, having inflated nothing, by what its
    directory states; the Word file is read all the same, the object said not read."""
    bomb = hostile.xlsx_bomb(tmp_path / "bomb.xlsx").read_bytes()
    path = Builder().text("公开01表 收入支出决算总表").embed(bomb).save(tmp_path / "report.docx")
    start = time.process_time()
    doc = read_document(path)
    assert time.process_time() - start < 2
    (note,) = doc.notes
    assert note.startswith("第2行（“公开01表 收入支出决算总表”之后）的嵌入对象（Excel.Sheet.12") and \
        "解压后合计将超过100 MiB" in note and doc.grids == ()


def test_the_limits_are_documented():
    reading = (ROOT / "docs" / "READING.md").read_text(encoding="utf-8")
    from juesuan.extract import bounds

    for figure in (f"{archive.MAX_UNPACKED // 2**20} MiB", f"{archive.MAX_MEMBERS:,}", f"{archive.MAX_RATIO}",
                   f"{pdf_streams.MAX_STREAM // 2**20} MiB", f"{pdf_streams.MAX_INFLATED // 2**20} MiB",
                   f"{html.MAX_PAGE_BYTES // 2**20} MiB", f"{html.MAX_TAGS:,}", f"{embedded.MAX_PART // 2**20} MiB",
                   *(f"{getattr(bounds, name):,}" for name in ("MAX_LINE_CHARS", "MAX_LINE_FIGURES", "MAX_LINES",
                                                                "MAX_TEXT", "MAX_ROWS", "MAX_CARRIED"))):
        assert figure in reading, figure


# ---- the extract stage on hostile text: the work it does, and what it does not read ----------------

def _extracted(line: str, after: str = hostile.REPEAT_AFTER):
    from juesuan.extract import extract
    from juesuan.read.text import document_from_text

    return extract(document_from_text(hostile.with_line(line, after), "hostile.txt"))


def _not_read(extraction) -> list[str]:
    return [w for w in extraction.warnings if "未读取" in w]


@pytest.fixture(scope="module")
def shipped_facts() -> int:
    from juesuan.extract import extract
    from juesuan.read.text import document_from_text

    return len(extract(document_from_text(SHIPPED.read_text(encoding="utf-8"), "shipped.txt")).tables["facts"])


def test_a_line_of_rates_is_checked_reading_each_figure_and_the_line_once(monkeypatch):
    """400 growth rates on one line, each a statement of one figure (比上年增长0%…399%): grouping them
    compared each with every group, reading both figures' decimals from the line again each time
    (80 s). Counted here: the decimals read, and the lines indexed."""
    from juesuan.check import context, run_checks, statements

    e = _extracted(hostile.REPEATS["rates"](400))
    rows = len(e.tables["facts"])
    assert rows > 400 and not _not_read(e)
    read, indexed = [0], [0]
    decimals = statements.written_decimals

    def counted(row):
        read[0] += 1
        return decimals(row)

    class Indexed(context.Written):
        def __init__(self, text):
            indexed[0] += 1
            super().__init__(text)

    monkeypatch.setattr(statements, "written_decimals", counted)
    monkeypatch.setattr(context, "Written", Indexed)
    context._written_normalised.cache_clear()
    findings = run_checks(e.tables, e.warnings, lines=e.lines, year=e.year)
    assert (findings["rule"] == "same_figure").sum() >= 399  # each rate against the first
    assert read[0] <= 4 * rows  # grouping, then each against the first: 80,000 before
    assert indexed[0] < 100  # each line of the report once (35), not once per figure (400 for the rates alone)


def _reference_bare_lists(masked: str) -> list:
    """narrative._bare_lists as it was: one pattern of numbers joined by separators, then the unit."""
    from juesuan.extract.narrative import _RESPECTIVE, _SEPARATOR
    from juesuan.model.numbers import NUMBER

    pattern = re.compile(rf"(?P<list>(?:{NUMBER})(?:\s*(?:{_SEPARATOR})\s*(?:{NUMBER}))+)\s*(?P<unit>亿元|万元|元|%)")
    out = []
    for m in pattern.finditer(masked):
        numbers = list(re.finditer(NUMBER, m["list"]))
        if _RESPECTIVE.search(masked[max(0, m.start() - 8):m.start()]) and len(numbers) > 1:
            out.append((m.start(), m.end(), [(m.start() + n.start(), m.start() + n.end(), n[0], m["unit"])
                                             for n in numbers]))
    return out


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*"0123456789,,,.、和 万元%x", "分别为", "以及"]), max_size=24).map("".join))
def test_numbers_are_read_as_before_without_trying_each_digit(text):
    """Amounts, percents and 分别 lists: the patterns that no longer start again inside a number (or
    cut a thousands-separated list every way) find what the plain ones found."""
    from juesuan.extract.narrative import _bare_lists
    from juesuan.model.numbers import AMOUNT, MONEY, NUMBER, PERCENT

    for fast, unit in ((AMOUNT, rf"(?P<unit>{MONEY})"), (PERCENT, "%")):
        plain = re.compile(rf"(?P<num>{NUMBER})\s*{unit}")
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [(a, b, [(t[0], t[1], t[3]["num"], t[3]["unit"]) for t in items]) for a, b, items in _bare_lists(text)] \
        == _reference_bare_lists(text)


def _reference_sentence_before(text: str, at: int) -> str:
    """The sentence ``at`` stands in, up to ``at``, after a heading's number — by cutting the line, as the
    narrative reader did before it looked the place up (the oracle for _Marks.sentence_at)."""
    sentence = re.split(r"[;。]", text[:at])[-1].lstrip()
    number = re.match(r"(?:\d+、|\(\d+\))\s*", sentence)
    return sentence[number.end():] if number else sentence


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["。", ";", " ", "1、", "(2)", "1", "(", "x", "与上年相比", "其中"]), max_size=12).map("".join),
       st.data())
def test_the_sentence_before_a_figure_is_looked_up_as_it_was_cut(text, data):
    """narrative._Marks finds where the sentence before a figure starts (after its white space and its
    heading's number) without cutting the line up to the figure: the same place as cutting it."""
    from juesuan.extract.narrative import _Marks

    at = data.draw(st.just(len(text)) | st.integers(0, len(text)))
    marks = _Marks(text)
    assert text[marks.sentence_at(at):at] == _reference_sentence_before(text, at)
    assert marks.sentence_ends(0, at) == bool(re.search("[;。]", text[:at]))
    assert marks.among(0, at) == ("其中" in text[:at])


@pytest.mark.parametrize(("shape", "repeats", "said"), [
    ("same", 3000, "过长（超过20,000字）"),  # 21,000 characters
    ("digits", 30_000, "过长（超过20,000字）"),
    ("numbers", 1100, "数字过多（超过1,000个）"),  # 1、2、3…: 1,100 numbers in 5,000 characters
    ("subjects", 1100, "读出的数字过多（超过1,000个）"),  # one figure, 分别 to 1,100 subjects
    ("same", 1000, "读入将使各数字所在的行共超过5,000,000字（每个数字计一次）"),  # 1,000 × 7,000
])
def test_a_line_past_the_limits_is_not_read_and_said(shipped_facts, shape, repeats, said):
    line = "、".join(map(str, range(repeats))) + "万元" if shape == "numbers" else hostile.REPEATS[shape](repeats)
    e = _extracted(line)
    number = next(n for n, text in enumerate(hostile.with_line(line).split("\n"), start=1) if text == line)
    assert _not_read(e) == [f"第{number}行{said}，未读取；其中的数字不在提取结果中，相关核对可能不完整"]
    assert dict(e.lines)[number] == ""  # not read by the checks either
    assert len(e.tables["facts"]) == shipped_facts  # the rest of the report read as ever


@pytest.mark.parametrize(("limit", "value", "said"), [
    ("MAX_LINES", 100, "超出全文100行的上限"),
    ("MAX_TEXT", 2000, "读入将使全文超过2,000字"),
    ("MAX_ROWS", 50, "读入将使全文的数字超过50个"),
    ("MAX_CARRIED", 20_000, "读入将使各数字所在的行共超过20,000字（每个数字计一次）"),
])
def test_a_line_past_a_documents_limit_is_not_read_and_said(monkeypatch, shipped_facts, limit, value, said):
    """Lowered here so that the shipped report passes them: the lines that would take it past are not
    read, said; those that still fit are."""
    from juesuan.extract import bounds

    monkeypatch.setattr(bounds, limit, value)
    e = _extracted("")
    [warning] = _not_read(e)
    assert re.fullmatch(rf"第[\d、]+(等\d+行)?行{re.escape(said)}，未读取；其中的数字不在提取结果中，相关核对可能不完整", warning)
    assert 0 < len(e.tables["facts"]) < shipped_facts
    assert not set(e.tables["facts"]["line"]) & {n for n, text in e.lines if text == ""}
    assert bounds.MAX_LINE_FIGURES == 1000 and bounds.MAX_LINE_CHARS == 20_000


def test_a_figure_stated_thousands_of_times_names_ten_places(monkeypatch):
    """A figure stated 300 times and otherwise 200 times (on lines of their own): each of the 200 findings
    named all 300 places (n² in all: 10 MB of findings for 2,000 lines); it names ten and counts them."""
    from juesuan.check import run_checks
    from juesuan.check.statements import PLACES_SAID
    from juesuan.extract import extract
    from juesuan.read.text import document_from_text

    lines = "\n".join(["本年收入5万元。"] * 300 + ["本年收入6万元。"] * 200)
    e = extract(document_from_text(hostile.with_line(lines), "hostile.txt"))
    findings = run_checks(e.tables, e.warnings, lines=e.lines, year=e.year)
    odd = findings[findings["rule"] == "same_figure"]
    assert len(odd) >= 200
    assert all("等300处" in m and "与其余300处" in m for m in odd["message"])
    assert max(len(places.split(";")) for places in odd["lines"]) <= PLACES_SAID + 2


def test_the_workbook_measures_its_sheets_once_not_per_row(monkeypatch):
    """openpyxl's ``sheet[row]`` measures the sheet's width over every cell: once per coloured row it
    made the workbook n² in its rows. Counted: how often the width is measured (150 findings)."""
    from openpyxl.worksheet.worksheet import Worksheet

    from juesuan.check import run_checks
    from juesuan.publish.workbook import workbook_bytes

    e = _extracted(hostile.REPEATS["rates"](150))
    findings = run_checks(e.tables, e.warnings, lines=e.lines, year=e.year)
    assert len(findings) > 150
    measured, width = [0], Worksheet.max_column

    def counted(sheet):
        measured[0] += 1
        return width.fget(sheet)

    monkeypatch.setattr(Worksheet, "max_column", property(counted))
    workbook_bytes({**e.tables, "findings": findings}, {})
    assert measured[0] < 50


# ---- a LibreOffice that never converts -----------------------------------------------------------

def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"  # a zombie has ended


def test_a_doc_that_never_converts_is_stopped_with_everything_it_started(tmp_path, monkeypatch):
    from juesuan.read import doc

    bin_dir = hostile.fake_soffice(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(doc, "TIMEOUT", 0.5)
    path = tmp_path / "hang.doc"
    path.write_bytes(doc.OLE_MAGIC + "WordDocument".encode("utf-16-le") + b"\0" * 512)
    start = time.perf_counter()
    with pytest.raises(ReportError, match="did not convert the .doc within 0.5 s"):
        read_document(path)
    assert time.perf_counter() - start < 10
    child = int((bin_dir / "child.pid").read_text())
    deadline = time.monotonic() + 5
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(child)  # the converter's own children are stopped too


# ---- through the command, in a process of its own: time and peak memory --------------------------

# Peak memory as this process's own high-water mark (VmHWM, of the memory it has since exec):
# getrusage's ru_maxrss is kept across exec, so a child of a large pytest process would report the
# parent's size (seen: 644 MB for every bomb in the full suite, 73 MB alone).
_MEASURE = """
import re, sys, time
import juesuan.pipeline  # imported before timing: the command's start is not the refusal
from juesuan.cli import main
start = time.perf_counter()
code = main(["check", sys.argv[1]])
peak = re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read())[1]
print(f"{time.perf_counter() - start:.3f} {peak}")
sys.exit(code)
"""


@pytest.mark.slow
@pytest.mark.parametrize(("build", "name", "problem"), [h for h in HOSTILE if h[1] in ("bomb.xlsx", "bomb.docx", "bomb.pdf")],
                         ids=["xlsx", "docx", "pdf"])
def test_juesuan_check_refuses_a_bomb_in_2_s_and_400_mb(tmp_path, build, name, problem):
    path = build(tmp_path / name)
    r = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, timeout=120)
    seconds, peak_kb = r.stdout.split()
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and r.stderr.startswith(f"juesuan: {path}: refused")
    assert float(seconds) < 2 and int(peak_kb) < 400 * 1024, (seconds, peak_kb)


@pytest.mark.slow
def test_a_batch_builds_the_shipped_report_beside_bombs(tmp_path):
    """Three departments: the shipped report; a .docx bomb as a report; the shipped report with an
    .xlsx bomb as its appendix workbook (named in its manifest). The bombs fail alone, with the reason."""
    import hashlib
    import json

    from project_builder import report

    raw = tmp_path / "data" / "raw" / "2023"
    shutil.copytree(SHIPPED.parent, raw / SHIPPED.parent.name)
    (raw / "bomb").mkdir()
    hostile.docx_bomb(raw / "bomb" / "bomb.docx")
    tables = raw / "bomb-tables"
    shutil.copytree(SHIPPED.parent, tables)
    workbook = hostile.xlsx_bomb(tables / "附表.xlsx")
    manifest = json.loads((tables / "manifest.json").read_text(encoding="utf-8"))
    manifest["tables"] = {"file": workbook.name, "sha256": hashlib.sha256(workbook.read_bytes()).hexdigest()}
    (tables / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    r = report(tmp_path, "--year", "2023", "--jobs", "2")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "1 succeeded, 2 failed (2023/bomb, 2023/bomb-tables)" in r.stdout
    failed = [line for line in r.stdout.splitlines() if "FAILED" in line]
    assert len(failed) == 2 and all("would unpack to 600 MiB (the limit is 100 MiB): a zip bomb?" in f for f in failed)
    assert any("bomb.docx: refused" in f for f in failed) and any("附表.xlsx: refused" in f for f in failed)
    assert (tmp_path / "reports" / "2023" / f"{SHIPPED.parent.name}.html").exists()
