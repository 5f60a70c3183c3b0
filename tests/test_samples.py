"""The two reports read in full, and mutated copies of them read the same."""

import json

import pytest
from helpers import (
    EDUCATION,
    FIXTURES,
    SHIPPED,
    add_thousands,
    extract_text,
    facts_set,
    read,
    renumber_headings,
    scale_amounts,
)

from juesuan.extract import extract
from juesuan.read import read_document

EXPECTED = json.loads((FIXTURES / "education_2022.expected.json").read_text(encoding="utf-8"))


def _expected_present(extraction, factor=1):
    facts = facts_set(extraction)
    missing = []
    for f in EXPECTED["facts"]:
        value = f["value"] * (factor if f["measure"] in ("amount", "change") else 1)
        if (f["metric"], f["period"], f["measure"], round(float(value), 6)) not in facts:
            missing.append(f)
    return missing


def test_education_every_expected_figure():
    e = extract(read_document(EDUCATION))
    assert e.year == EXPECTED["year"]
    assert _expected_present(e) == []


def test_education_functions_and_charts():
    e = extract(read_document(EDUCATION))
    fn = e.tables["functions"]
    for want in EXPECTED["expenditure_by_function"]:
        row = fn[(fn["code"] == want["code"]) & (fn["level"] == want["level"])]
        assert len(row) == 1, want
        for col in ("amount", "budget", "completion", "share"):
            if col in want:
                assert row[col].iloc[0] == pytest.approx(want[col]), (want, col)
    charts = e.tables["charts"]
    for number, spec in EXPECTED["charts"].items():
        rows = charts[charts["figure"] == int(number)]
        assert set(rows["kind"]) == {spec["kind"]}
        got = {(f"{r.series}/{r.category}" if r.kind == "bar" else r.category): r.value for r in rows.itertuples()}
        assert got == pytest.approx(spec["values"])


def test_shipped_report_items_classes_and_figures():
    e = extract(read_document(SHIPPED))
    fn = e.tables["functions"]
    items = fn[fn["level"] == "项"]
    assert len(items) == 14
    assert items["code"].str.fullmatch(r"\d{7}").all()
    assert (items["name"] != "").all()
    classes = fn[(fn["level"] == "类") & (fn["origin"] == "stated")]
    assert list(classes["code"]) == ["201", "203", "208", "210", "221"]
    assert sorted(e.tables["charts"]["figure"].unique()) == [1, 2, 3, 4, 5, 6, 7]
    assert e.department == "区政府办公室" and e.year == 2023
    # every row traceable to a line of the file that states it
    lines = read(SHIPPED).split("\n")
    for r in e.tables["facts"].itertuples():
        assert r.text.replace(" ", "") in lines[r.line - 1].replace(" ", "").replace("\u3000", ""), r


@pytest.mark.parametrize("path", [SHIPPED, EDUCATION], ids=["shipped", "education"])
def test_thousands_separators_change_nothing(path):
    base = extract_text(read(path))
    assert facts_set(extract_text(add_thousands(read(path)))) == facts_set(base)


@pytest.mark.parametrize("path", [SHIPPED, EDUCATION], ids=["shipped", "education"])
def test_gb18030_crlf_copy_reads_the_same(tmp_path, path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(read(path).replace("\n", "\r\n").encode("gb18030"))
    a, b = extract(read_document(path)), extract(read_document(copy))
    for key in a.tables:
        assert a.tables[key].equals(b.tables[key]), key


@pytest.mark.parametrize("path", [SHIPPED, EDUCATION], ids=["shipped", "education"])
def test_renumbered_sections_read_the_same(path):
    text = read(path)
    renumbered = renumber_headings(text)
    changed = sum(a != b for a, b in zip(text.split("\n"), renumbered.split("\n")))
    assert changed >= 20  # the numbered headings of the template, all of them renumbered
    a, b = extract_text(text), extract_text(renumbered)
    assert facts_set(a) == facts_set(b)
    assert a.tables["functions"][["code", "amount"]].equals(b.tables["functions"][["code", "amount"]])
    assert a.tables["charts"][["figure", "value"]].equals(b.tables["charts"][["figure", "value"]])


def test_scaled_numbers_come_out_scaled():
    e = extract_text(scale_amounts(read(EDUCATION), 3))
    assert _expected_present(e, factor=3) == []
    fn = e.tables["functions"].set_index(["code", "level"])
    assert fn.loc[("2050101", "项"), "amount"] == pytest.approx(1860.0)
