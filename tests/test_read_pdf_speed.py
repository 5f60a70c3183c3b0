"""The PDF reader's fast paths give what the library calls they replace give: pdfplumber's page
objects (read/plumber.py), pdfium's text rectangles and drawings (read/pdf.py _runs, _drawings)."""

import io

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from helpers import APPENDIX
from pdfminer.pdftypes import PDFStream
from real_samples import BUDGET, SHANGHAI

from juesuan.read.pdf import _drawings, _runs
from juesuan.read.plumber import _resolved, fast_page

SHIPPED_PDF = APPENDIX / "anju_2023.pdf"


def _comparable(objects: dict) -> dict:
    """Page objects with an image's stream as its bytes (two parses give two stream objects)."""
    def plain(value):
        return ("stream", value.get_rawdata()) if isinstance(value, PDFStream) else value
    return {kind: [{k: plain(v) for k, v in obj.items()} for obj in items] for kind, items in objects.items()}


def _same_objects(path) -> list[int]:
    """Pages whose objects differ between pdfplumber's own process_object and fast_page's."""
    data = path.read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as stock, pdfplumber.open(io.BytesIO(data)) as fast:
        return [a.page_number for a, b in zip(stock.pages, fast.pages)
                if _comparable(a.objects) != _comparable(fast_page(b).objects)]


def _pdfium_helpers(page) -> tuple:
    """What pypdfium2's helpers give: the text rectangles with the characters pdfium put in each (not the
    text their boxes bound: read/pdf.py's _runs); the drawings."""
    textpage = page.get_textpage()
    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    texts, at = [[] for _ in rects], 0  # each character in the rectangle that holds it, walked in order
    for k in range(textpage.count_chars()):
        char = textpage.get_text_range(k, 1)
        if raw.FPDFText_IsGenerated(textpage.raw, k):
            if char == " " and at < len(rects) and texts[at]:
                texts[at].append(char)
            continue
        try:
            left, bottom, right, top = textpage.get_charbox(k)
        except pdfium.PdfiumError:
            continue
        x, y = (left + right) / 2, (bottom + top) / 2
        for step in range(at, min(at + 8, len(rects))):
            r = rects[step]
            if r[0] - 0.5 <= x <= r[2] + 0.5 and r[1] - 0.5 <= y <= r[3] + 0.5:
                at = step
                texts[at].append(char)
                break
    runs = [(*box, "".join(text)) for box, text in zip(rects, texts)]
    textpage.close()
    objects = list(page.get_objects())
    paths = [o.get_bounds() for o in objects if o.type == raw.FPDF_PAGEOBJ_PATH]
    return runs, (paths, any(o.type == raw.FPDF_PAGEOBJ_FORM for o in objects),
                  any(o.type == raw.FPDF_PAGEOBJ_IMAGE for o in objects))


def _same_pdfium(path) -> list[int]:
    pdf = pdfium.PdfDocument(path.read_bytes())
    differ = []
    for i in range(len(pdf)):
        page = pdf[i]
        runs, drawings = _pdfium_helpers(page)
        textpage = page.get_textpage()
        if (runs, drawings) != (_runs(textpage), _drawings(page.raw)):
            differ.append(i + 1)
        textpage.close()
        page.close()
    pdf.close()
    return differ


def test_resolved_is_resolve_all():
    from pdfplumber.utils import resolve_all

    for value in (1.5, 3, "F1", b"x", None, True, (1.0, 0.0, 0.0, 1.0, 5.5, 7.25), [1, (2, [3])],
                  {"a": (1, 2)}, ((1, 2), 3), ()):
        assert _resolved(value) == resolve_all(value)


@pytest.mark.slow  # a few seconds: make test runs it, make test-fast (the editing loop) does not
def test_fast_page_objects_are_pdfplumbers_on_the_shipped_pdf():
    assert _same_objects(SHIPPED_PDF) == []


def test_raw_pdfium_calls_give_the_helpers_results_on_the_shipped_pdf():
    assert _same_pdfium(SHIPPED_PDF) == []


real = pytest.mark.skipif(not SHANGHAI.exists(), reason="the real samples (../shared) are not beside the repo")


@pytest.mark.slow  # a few seconds: make test runs it, make test-fast (the editing loop) does not
@real
def test_fast_paths_on_the_shanghai_pdfs():
    for path in sorted(SHANGHAI.glob("*.pdf")):
        assert _same_objects(path) == [], path.name
        assert _same_pdfium(path) == [], path.name


@real
@pytest.mark.slow
def test_fast_paths_on_every_budget_pdf():
    for path in sorted(BUDGET.glob("*.pdf")):
        assert _same_objects(path) == [], path.name
        assert _same_pdfium(path) == [], path.name
