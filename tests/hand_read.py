"""A document scored against a truth read by hand (never by juesuan): identity, the hand-read figures
found on their page, errors raised and those a defect explains, material and wording defects said.
Used by benchmarks/unseen.py (documents outside the project, one folder each with its truth.json) and
tests/test_real.py (the shared samples read by hand into tests/fixtures/real/hand_read/). A truth's
``file`` is in its folder, or, written samples/…, a shared sample (../shared/samples/…)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd

import juesuan
from juesuan.extract.identity import same_department
from juesuan.model.errors import ReportError
from juesuan.read.simplified import to_simplified

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _located(folder: Path, name: str) -> Path:
    return SHARED / name if name.startswith("samples/") else folder / name


UNITS = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}


def _records(tables: dict) -> list[tuple[int | None, float]]:
    """(page, value) of every figure juesuan read: facts, 功能分类 lines (every figure of each), table cells,
    the 绩效自评表's figures."""
    out = []
    # a 功能分类 line's every figure: its amount, its budget (a 决算's 年初预算) and what it says of last year
    for name, column in (("facts", "value"), *(("functions", c) for c in ("amount", "budget", "completion", "prior", "change", "growth", "share"))):
        frame = tables[name]
        if column not in frame:
            continue
        pages = frame["page"] if "page" in frame else [None] * len(frame)
        out += [(None if pd.isna(p) else int(p), float(v)) for p, v in zip(pages, frame[column]) if not pd.isna(v)]
    # a 绩效自评表's figures: its budget lines and its indicators' weights, scores and numeric targets
    for name, columns in (("performance_budget", ("budget_initial", "budget_adjusted", "executed", "execution_rate",
                                                  "weight", "score")),
                          ("performance_indicators", ("target", "weight", "score"))):
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        pages = frame["page"] if "page" in frame else [None] * len(frame)
        for column in columns:
            values = pd.to_numeric(frame[column], errors="coerce") if column in frame else []
            out += [(None if p is None or pd.isna(p) else int(p), float(v)) for p, v in zip(pages, values) if not pd.isna(v)]
    cells = tables["appendix"]
    for sheet, value in zip(cells["sheet"], cells["value"]):
        page = int(str(sheet)[1:-1]) if str(sheet).startswith("第") and str(sheet).endswith("页") else None
        if value == value and value is not None:
            out.append((page, float(value)))
    return out


def _names(finding, defect: dict) -> bool:
    """A finding says a defect when the figure it calls wrong is the one the truth says is (as stated, or
    written in its message); a defect of wording (stated as words: 决算数大于预算数, 2023年度, XX) when
    the finding quotes those words on one of the defect's pages."""
    if isinstance(defect.get("stated"), str):
        pages = {f"第{p}页" for p in defect.get("pages") or ()}
        on_page = not pages or any(p in str(finding.lines) for p in pages)
        return on_page and len(defect["stated"]) >= 2 and defect["stated"].replace(" ", "") in \
            str(finding.message).replace(" ", "")
    stated = float(defect["stated"])
    value = finding.stated
    return (value is not None and value == value and abs(abs(float(value)) - abs(stated)) < 0.006) \
        or f"{stated:,.2f}" in str(finding.message) or f"{stated:g}%" in str(finding.message)


def score(folder: Path, truth_file: str = "truth.json") -> dict:
    truth = json.loads((folder / truth_file).read_text(encoding="utf-8"))
    source = _located(folder, truth["file"])
    tables = _located(folder, truth["tables_file"]) if truth.get("tables_file") else None
    expected = truth["identity"]
    start = time.perf_counter()
    try:
        result = juesuan.process(source, tables=tables)
    except ReportError as error:
        return {"slug": folder.name, "refused": str(error), "figures": len(truth["facts"]), "read": 0,
                "time": time.perf_counter() - start}
    meta, t = result.meta, result.tables
    records = _records(t)
    read, missed = 0, []
    for fact in truth["facts"]:
        value = fact["value"]
        if not isinstance(value, int | float):
            continue
        wanted = {float(value), float(value) * UNITS.get(fact.get("unit", "万元"), 1.0)}
        page = fact.get("page")
        got = any((page is None or p == page) and any(abs(abs(v) - abs(w)) < 0.005 for w in wanted)
                  for p, v in records)
        read += got
        if not got:
            missed.append((fact["name"], value, page))
    findings = t["findings"]
    errors = findings[findings["severity"] == "error"]
    said = findings[findings["severity"] != "info"]
    defects = [d for d in truth.get("defects", []) if isinstance(d.get("stated"), int | float | str)]
    worded = [d for d in defects if isinstance(d["stated"], str) and d["kind"] == "text"]
    return {"slug": truth_file.removesuffix(".truth.json") if truth_file != "truth.json" else folder.name,
            "refused": "", "figures": sum(isinstance(f["value"], int | float) for f in truth["facts"]),
            "read": read, "missed": missed,
            "kind": (meta.get("kind"), expected["kind"]), "year": (meta.get("year"), expected["year"]),
            "department": (meta.get("department"), expected["department"]),
            "identity_right": meta.get("kind") == expected["kind"] and meta.get("year") == expected["year"]
            and _department_right(meta.get("department"), expected["department"]),
            "errors": [f"{e.rule}: {e.message}" for e in errors.itertuples()],
            "explained": sum(any(_names(e, d) for d in defects) for e in errors.itertuples()),
            "material": sum(d["kind"] == "material" for d in defects),
            "material_said": sum(d["kind"] == "material" and any(_names(f, d) for f in said.itertuples()) for d in defects),
            "text": len(worded), "text_said": sum(any(_names(f, d) for f in said.itertuples()) for d in worded),
            "warnings": int((findings["severity"] == "warning").sum()), "defects": len(truth.get("defects", [])),
            "time": time.perf_counter() - start}


# words read before the truth's name that are a place (上海市 before 普陀区财政局) leave it the same name; any
# other words (长者版, 区教委 — a page's furniture, a breadcrumb's column) make it another
_PLACE_END = ("省", "市", "区", "县", "州", "盟", "旗", "自治区")


def _department_right(read, expected: str) -> bool:
    """The department read is the truth's; where the document names none (a page's excerpt), none read.
    A truth written in 繁體 (a mirror's page) is compared in 简体, as juesuan reads such a page."""
    if not expected:
        return not read
    expected = to_simplified(expected)
    if not read or not same_department(str(read), expected):
        return False
    before = str(read).split(expected)[0] if expected in str(read) else ""
    return not before or before.endswith(_PLACE_END)
