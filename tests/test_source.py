import codecs

import pytest

from juesuan.model.document import make_line
from juesuan.model.errors import ReportError
from juesuan.read import read_document
from juesuan.read.text import decode, document_from_text

TEXT = "第一行 [bookmark: _Toc1]标题\n２０２３年收入１２３．４５万元％\n\n最后"


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gb18030", b""), ("gbk", b""),
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_encoding_and_line_end_reads_the_same(tmp_path, encoding, bom, newline):
    path = tmp_path / "r.txt"
    path.write_bytes(bom + TEXT.replace("\n", newline).encode(encoding))
    doc = read_document(path)
    assert [line.raw for line in doc.lines] == [line.raw for line in document_from_text(TEXT).lines]
    assert doc.lines[1].text == "2023年收入123.45万元%"


def test_markers_removed_and_views_aligned():
    line = make_line(7, "[bookmark: _Toc9545][bookmark: _Toc2]１、 收入（万元）：“三公”")
    assert line.number == 7
    assert line.raw == "１、 收入（万元）：“三公”"
    assert line.text == '1、 收入(万元):"三公"'
    assert len(line.raw) == len(line.text)


def test_line_numbers_are_the_files():
    doc = document_from_text("a\r\nb\rc\n\nd")
    assert [(line.number, line.raw) for line in doc.lines] == [(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d")]


@pytest.mark.parametrize("data,problem", [
    (b"", "empty"), (b"  \n\n", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary"),
    (bytes(range(128, 256)) * 20, "cannot decode"),
])
def test_bad_bytes_are_a_clear_error(data, problem):
    with pytest.raises(ReportError, match=problem) as err:
        decode(data, "x.txt")
    assert str(err.value).startswith("x.txt: ")


def test_missing_and_oversized_files(tmp_path, monkeypatch):
    with pytest.raises(ReportError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1024)
    monkeypatch.setattr("juesuan.read.MAX_BYTES", 1000)
    with pytest.raises(ReportError, match="too large"):
        read_document(big)
