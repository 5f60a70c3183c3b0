"""What a department holds (extract/assets.py, reference/assets.csv): read from its 国有资产 paragraph
whatever the template's order, units and separators; never from a sentence about something else."""

from __future__ import annotations

import pytest

from juesuan.extract.assets import asset_figures
from juesuan.model.document import normalise

SHANGHAI = ("截止2022年12月31日，本部门流动资产448.82万元。固定资产3149.52万元，其中：房屋14609.83平方米；车辆7辆；"
            "单价50万元以上通用设备0台/套；专用设备818台/套（其中：单价100万元以上专用设备0台/套）；其他固定资产0万元。"
            "长期投资0项0万元。在建工程1项12277.73万元。无形资产471项234.37万元。")


def _read(text: str, about: bool = False) -> dict[tuple[str, str], float]:
    return {(m, measure): v for m, measure, v, _, _ in asset_figures(normalise(text), about)[0]}


def test_a_shanghai_assets_paragraph():
    got = _read(SHANGHAI)
    assert got == {
        ("assets.current", "amount"): 448.82, ("assets.fixed", "amount"): 3149.52,
        ("assets.buildings.area", "area"): 14609.83, ("assets.equipment_50", "count"): 0,
        ("assets.special_equipment", "count"): 818,  # not the 0 priced at 100万元 and more
        ("assets.other_fixed", "amount"): 0, ("assets.long_term_investment", "count"): 0,
        ("assets.long_term_investment", "amount"): 0, ("assets.construction", "count"): 1,
        ("assets.construction", "amount"): 12277.73, ("assets.intangible", "count"): 471,
        ("assets.intangible", "amount"): 234.37}


@pytest.mark.parametrize(("written", "value"), [("4,488,200元", 448.82), ("448.82万元", 448.82), ("0.044882亿元", 448.82)])
def test_amounts_in_any_unit_and_with_link_words(written, value):
    assert _read(f"截至2023年底，国有资产总额共计{written}，其中流动资产为{written}。") == {
        ("assets.total", "amount"): value, ("assets.current", "amount"): value}


def test_the_national_templates_sentence_in_its_section():
    """截至…本部门共有车辆…，单价50万元（含）以上通用设备2台（套）: no word 资产 in the sentence — read
    because it stands in the section on assets, not otherwise."""
    text = "截至2023年12月31日，本部门单价50万元（含）以上通用设备2台（套），专用设备3台（套）。"
    assert _read(text, about=True) == {("assets.equipment_50", "count"): 2, ("assets.special_equipment", "count"): 3}
    assert _read(text) == {}


@pytest.mark.parametrize("text", [
    "资本性支出12.5万元，主要用于购置固定资产12.5万元。",  # spending, not holdings: no assets paragraph
    "国有资产管理：本年购置专用设备3台（套），新增无形资产2项。",  # bought this year, not held
])
def test_no_holding_read_from_what_was_bought(text):
    assert _read(text) == {}


def test_a_holding_stated_at_two_dates_is_not_guessed():
    got = _read("国有资产占用情况：年初资产总额1000万元，年末资产总额1200万元；流动资产300万元。")
    assert got == {("assets.current", "amount"): 300}
