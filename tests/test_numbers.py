import pytest

from juesuan.model.numbers import AMOUNT, parse_cell, parse_number, signed, to_wanyuan


@pytest.mark.parametrize("text,value,unit", [
    ("收入1050.28万元", 1050.28, "万元"), ("收入1,050.28万元", 1050.28, "万元"),
    ("总额3,205,000.00元", 3205000.0, "元"), ("0万元", 0.0, "万元"), ("1.5亿元", 1.5, "亿元"),
])
def test_amounts(text, value, unit):
    m = AMOUNT.search(text)
    assert parse_number(m["num"]) == value and m["unit"] == unit


def test_units_convert_to_wanyuan():
    assert to_wanyuan(3205000.0, "元") == 320.5
    assert to_wanyuan(1.5, "亿元") == 15000.0
    assert to_wanyuan(12.3, "万元") == 12.3


@pytest.mark.parametrize("words,sign", [
    ("增加", 1), ("减少", -1), ("，下降", -1), ("较上年增长", 1), ("比2022年减少", -1), ("节约", -1),
])
def test_signs(words, sign):
    assert signed(5.0, words) == 5.0 * sign


@pytest.mark.parametrize("cell,value", [("104.45", 104.45), ("100.00%", 100.0), ("/", None), ("", None),
                                         ("1,000", 1000.0), ("优秀", None),
                                         ("120258,600", 120258600.0), ("1851,801.5", 1851801.5), ("12,34", None)])
def test_cells(cell, value):
    assert parse_cell(cell) == value
