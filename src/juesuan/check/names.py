"""Names: 功能分类 names and codes against the classification, and 图6's labels against the text."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from ..model.document import normalise
from ..reference import find_class_code, former_name, function_codes, official_name, same_name, similarity
from .context import Context, Finding, finding, fmt, num


@cache
def _codes_named(written: str) -> int:
    """How many 科目 of the classification have ``written`` as their name."""
    return sum(same_name(written, name) for name in _names())


@cache
def _names() -> tuple[str, ...]:
    return tuple(name for _, name in function_codes().values())


def rule_function_names(t: Context) -> Iterator[Finding]:
    for r in t["functions"]:
        written, code = str(r["name_in_source"] or ""), str(r["code"] or "")
        if not written:
            continue
        if not code:
            # a 项 named without its 类 and 款 (行政运行, 事业运行: the name of a 项 under many 款) is the
            # reader's doubt, not the document's fault: a note; a name no 科目 has is worth a look
            if (shared := _codes_named(written)) > 1:
                yield finding("function.code", "", r, None, None,
                              f"“{written}”是{shared}个科目的规范名称，文中未写其类、款，无法确定代码，未与表中科目比对。", "info")
            else:
                yield finding("function.code", "", r, None, None,
                              f"无法确定“{written}”的功能分类代码，请核对科目名称。", "warning")
            continue
        official = official_name(code)
        if not official:
            # the document's own tables give it (names compared with the reference only where it has
            # the code): the reference's gap, not the document's — a note, not a warning
            written = "?" not in str(r.get("code_in_source") or "?") or r.get("origin") == "derived"
            mine = written or any(c.get("code") == code for c in t["appendix"])
            yield finding("function.code", code, r, None, None,
                         f"功能分类代码{code}不在分类参考表中" + ("（代码为本文件所写），未与规范名称比对。" if mine
                                                       else "，请核对。"), "info" if mine else "warning")
            continue
        if not same_name(written, official) and (until := former_name(code, written)):
            yield finding("function.name", code, r, None, None,
                         f"{r['level']}级科目{code}写作“{written}”，为该科目{until}年以前的规范名称（现为“{official}”）。",
                         "info")
        elif not same_name(written, official):  # 一般公共服务支出（类） is the class's name with its level mark
            level = r["level"]
            yield finding("function.name", code, r, None, None,
                         f"{level}级科目{code}写作“{written}”，与规范名称“{official}”不一致"
                         f"（相似度{similarity(written, official):.0%}）。", "warning")
        source_code = str(r.get("code_in_source") or "")
        if "?" in source_code:
            yield finding("function.code_completed", code, r, None, None,
                         f"报告未写明“{written}”的完整代码（{source_code}），已据报告其他行与分类名称补全为{code}。", "info")


def rule_chart_labels(t: Context) -> Iterator[Finding]:
    """A pie label that names a 类 differently from the narrative (a warning)."""
    stated = {r["code"]: r for r in t["functions"] if r["level"] == "类" and r["origin"] == "stated"}
    pie = [r for r in t["charts"] if r["figure"] == 6]
    shown = {find_class_code(str(r["category"])) for r in pie}
    for code, row in stated.items():
        if pie and code not in shown and (num(row.get("share")) or 0) > 0:
            yield finding("label.chart", code, row, None, None,
                         f"正文列出的“{row['name_in_source']}”（{fmt(row.get('share'))}%）未出现在图6中。", "warning")
    for r in pie:
        code = find_class_code(str(r["category"]))
        if not code:
            yield finding("label.chart", "", r, None, None,
                         f"图6标签“{r['category']}”不是功能分类的类名，无法与正文对应。", "warning")
            continue
        if code not in stated:
            continue
        written = normalise(stated[code]["name_in_source"])
        label = normalise(str(r["category"]))
        if label not in (written, written.removesuffix("支出")) and label + "支出" != written:
            yield finding("label.chart", code, r, None, None,
                         f"图6标签“{r['category']}”与正文类名“{stated[code]['name_in_source']}”不一致"
                         f"（{code}类的规范名称为“{official_name(code)}”）。", "warning")


def rule_table_names(t: Context) -> Iterator[Finding]:
    """A row of an appendix table whose name differs from the official name of its code (功能分类
    or 经济分类): one warning per code and name as written, naming every table that writes it."""
    from ..extract.appendix import SUMMARIES, official

    seen: dict[tuple[str, str], list[dict]] = {}
    for c in t["appendix"]:
        code = c.get("code") if isinstance(c.get("code"), str) else ""
        if not code or c["kind"] in SUMMARIES:
            continue
        name = official(c["kind"], code)
        if name and not same_name(str(c["row"]), name):
            places = seen.setdefault((code, str(c["row"])), [])
            if all(p["kind"] != c["kind"] for p in places):
                places.append(c)
    for (code, written), places in seen.items():
        name = official(places[0]["kind"], code)
        tables = "、".join(f"公开{p['table']}表" if p["table"] else p["title"] for p in places)
        yield finding("table.name", code, places[0], None, None,
                      f"附表（{tables}）中科目{code}写作“{written}”，与规范名称“{name}”不一致"
                      f"（相似度{similarity(written, name):.0%}）。", "warning", others=tuple(places[1:]))
