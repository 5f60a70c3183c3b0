"""Amounts no word of the vocabulary names, kept with the words that name them in the text (metric
``unnamed``, ``subject_in_source``) — traceable, never checked, still said as not understood."""

from __future__ import annotations

from helpers import extract_text, findings_of

from juesuan.read.text import document_from_text

PROJECTS = ("某局2026年部门预算\n一、部门预算支出具体情况\n（五）项目支出1,605.19万元，具体包括：1.上级下达资金1,167.70万元，主要用于中央及省转移支付项目。其中，中央转移支付-民航发展基金1,165.00万元，"
            "省转移支付-农村水路客运补贴资金项目2.70万元。\n"
            "2.管养维护项目437.49万元，主要用于收费站运营。其中，秀峰、横岗收费站运营管理费用267.40万元，"
            "大件运输主通道沿线桥涵结构验算支出170.09万元。\n"
            "（二）主要减少因素：1.交通运输专项资金支出减少29.88万元。主要原因：依据审核结果安排资金。\n"
            "单价100万元以上设备不安排。")


def _unnamed(text):
    facts = extract_text(text).tables["facts"]
    rows = facts[facts["metric"] == "unnamed"]
    return {(r.subject_in_source, r.measure, round(r.value, 2)) for r in rows.itertuples()}


def test_a_projects_list_is_kept_by_its_names():
    got = _unnamed(PROJECTS)
    assert {("上级下达资金", "amount", 1167.70), ("中央转移支付-民航发展基金", "amount", 1165.00),
            ("省转移支付-农村水路客运补贴资金项目", "amount", 2.70), ("管养维护项目", "amount", 437.49),
            ("秀峰、横岗收费站运营管理费用", "amount", 267.40), ("交通运输专项资金支出", "change", -29.88)} <= got
    assert not any(v == 100 for _, _, v in got)  # a threshold is no figure
    assert not any(s in ("支出", "资金") for s, _, _ in got)


def test_unnamed_figures_are_never_checked_and_still_said_not_understood():
    """Two statements of one unnamed name with different figures: no finding compares them; the coverage
    still lists the figure as not understood."""
    from juesuan.check.understood import figures_not_understood

    text = PROJECTS + "\n另有管养维护项目500.00万元。"
    assert not any("管养维护项目" in str(m) for m in findings_of(text)["message"])
    e = extract_text(text)
    lines = [(line.number, line.text) for line in document_from_text(text).lines]
    said = figures_not_understood(lines, e.tables["facts"], e.tables["functions"])
    # (the coverage lists a line's figures where something of the line was understood: 项目支出 here)
    assert not any("1,605.19" in s for s in said) and any("1,167.70万元" in s for s in said), said


def test_a_page_whose_only_amounts_are_unnamed_says_none_was_understood():
    """Kept by their words, the amounts are still no figure understood: the page says no check ran."""
    e = extract_text("某某局2023年度部门决算\n一、部门概况\n1.货运交通管理100.00万元，主要用于泥头车管理。\n")
    assert set(e.tables["facts"]["metric"]) == {"unnamed"}
    assert any("未读出任何数字" in w for w in e.warnings)
