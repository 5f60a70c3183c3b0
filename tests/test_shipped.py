"""The shipped 2023 report and the education sample, pinned: every fact, 功能分类 row, chart value
and finding, against fixtures reviewed by hand against the text
(tests/fixtures/shipped_2023.expected.json, tests/fixtures/education_2022.pinned.json)."""

import json
import math
import re

import pytest
from helpers import FIXTURES, SHIPPED, extract_text, read

import juesuan

PINNED = json.loads((FIXTURES / "shipped_2023.expected.json").read_text(encoding="utf-8"))


def _none(v):
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else v


def facts(tables):
    return [[r.metric, r.period, r.measure, float(r.value), int(r.line)] for r in tables["facts"].itertuples()]


def functions(tables):
    return [[r.code, r.level, r.origin, _none(r.amount), _none(r.budget), _none(r.completion), _none(r.share),
             int(r.line)] for r in tables["functions"].itertuples()]


def charts(tables):
    return [[int(r.figure), r.kind, r.series, r.category, float(r.value), int(r.line)] for r in tables["charts"].itertuples()]


@pytest.fixture(scope="module")
def shipped():
    return juesuan.process(SHIPPED).tables


def test_every_fact_of_the_shipped_report(shipped):
    assert facts(shipped) == PINNED["facts"]


def test_every_function_row(shipped):
    assert functions(shipped) == PINNED["functions"]


def test_every_chart_value(shipped):
    assert charts(shipped) == PINNED["charts"]


def test_the_six_errors_with_their_figures_and_places(shipped):
    f = shipped["findings"]
    errors = [[r.rule, r.subject, _none(r.stated), _none(r.expected), r.lines] for r in f.itertuples()
              if r.severity == "error"]
    assert errors == PINNED["errors"]
    warnings = sorted({(r.rule, r.subject) for r in f.itertuples() if r.severity == "warning"})
    assert [list(w) for w in warnings] == PINNED["warnings"]


_AMOUNT = re.compile(r"\d+\.\d+|\d+(?=万元|%|辆|批次|人次|次|人)")


def _mutations(text: str):
    """Each number stated in the narrative's sections (lines 27–129), its last digit changed."""
    lines = text.split("\n")
    for i in range(26, 129):
        for m in _AMOUNT.finditer(lines[i]):
            digit = m.group()[-1]
            new = m.group()[:-1] + str((int(digit) + 1) % 10)
            changed = lines[:i] + [lines[i][:m.start()] + new + lines[i][m.end():]] + lines[i + 1:]
            yield i + 1, m.group(), "\n".join(changed)


@pytest.mark.slow  # a few seconds: make test runs it, make test-fast (the editing loop) does not
def test_changing_any_single_amount_changes_what_is_pinned():
    """The pins can fail: every number the narrative states, changed by one in its last digit, gives
    tables that differ from the pinned ones (so such a change in the raw file would fail the tests)."""
    text = read(SHIPPED)
    pinned = (PINNED["facts"], PINNED["functions"], PINNED["charts"])
    unnoticed, tried = [], 0
    for line, number, changed in _mutations(text):
        tried += 1
        t = extract_text(changed).tables
        if (facts(t), functions(t), charts(t)) == pinned:
            unnoticed.append((line, number))
    assert tried == 141 and unnoticed == []  # 141 numbers stated in lines 27–129


EDUCATION_PINNED = json.loads((FIXTURES / "education_2022.pinned.json").read_text(encoding="utf-8"))


def test_the_education_sample_pinned_whole():
    """Every fact, 功能分类 row and chart value of the education sample, compared for equality (an
    extra or misattributed fact fails), and no finding at all."""
    from helpers import EDUCATION

    tables = juesuan.process(EDUCATION).tables
    assert facts(tables) == EDUCATION_PINNED["facts"]
    assert functions(tables) == EDUCATION_PINNED["functions"]
    assert charts(tables) == EDUCATION_PINNED["charts"]
    f = tables["findings"]
    assert [r.rule for r in f.itertuples() if r.severity == "error"] == EDUCATION_PINNED["errors"]
    assert [r.rule for r in f.itertuples() if r.severity == "warning"] == EDUCATION_PINNED["warnings"]
