"""What was read of a sentence and what was not: the figures written on a line the narrative reader read
(a line with at least one fact) that no fact or 功能分类 row of that line holds, and the figures of an
explanation whose clause names no subject (Fact.attach == cause). Said in the coverage, so that a
sentence nobody here has seen is "not understood", never a guess and never an error."""

from __future__ import annotations

import pandas as pd

from ..extract.clauses import CAUSE
from ..extract.unnamed import UNNAMED
from ..model.numbers import THRESHOLD_AFTER, written_figures

_HELD = ("amount", "budget", "completion", "share", "prior", "change", "growth")


def figures_not_understood(lines: list[tuple[int, str]], facts: pd.DataFrame | None,
                           functions: pd.DataFrame | None) -> list[str]:
    """'第N行：X万元（…）' for each figure of a read line that nothing read holds, or that only an
    explanation holds."""
    if facts is None or facts.empty:
        return []
    held: dict[int, set[float]] = {}
    cause: dict[int, set[float]] = {}
    for r in facts.itertuples():
        if r.metric == UNNAMED:
            continue  # recorded by its words, not understood
        target = cause if getattr(r, "attach", None) == CAUSE else held
        target.setdefault(int(r.line), set()).add(round(abs(float(r.value)), 4))
    for r in ([] if functions is None or functions.empty else functions.to_dict("records")):
        if r.get("line") == r.get("line") and r.get("line") is not None:
            held.setdefault(int(r["line"]), set()).update(
                round(abs(float(r[c])), 4) for c in _HELD if r.get(c) is not None and r.get(c) == r.get(c))
    out = []
    for number, text in lines:
        if number not in held and number not in cause:
            continue
        mine = held.get(number, set())
        for m, value in written_figures(text):
            if round(abs(value), 4) not in mine and not THRESHOLD_AFTER.match(text, m.end()):
                why = "原因说明中的数字，其分句未点明主语" if round(abs(value), 4) in cause.get(number, set()) else "未能识别其所指"
                out.append(f"第{number}行：{m[0]}（{why}；…{text[max(0, m.start() - 20):m.start()].strip()}）")
    return out
