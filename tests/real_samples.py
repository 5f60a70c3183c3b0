"""The real published disclosures of ../shared/samples/real and their hand-read truth, scored:
figures read on their page (or line), errors raised, errors the truth explains, defects found.
Used by tests/test_real.py (bounds) and benchmarks/real.py (the table in docs)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import juesuan
from juesuan.model.errors import ReportError
from juesuan.reference import metrics

REAL = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real"
SHANGHAI = REAL / "shanghai"
PINGTAN = REAL / "pingtan"
PINGTAN_TRUTH = Path(__file__).parent / "fixtures" / "real" / "pingtan.truth.json"

# The Shanghai truth names its narrative figures in words: what each is in facts.csv.
SHANGHAI_FACTS = {
    "收入支出总计": ("total", "amount"), "收入支出总计较2023增减额": ("total", "change"),
    "收入支出总计较2023增减率%": ("total", "growth"), "本年收入合计": ("income", "amount"),
    "财政拨款收入": ("income.fiscal", "amount"), "财政拨款收入占比%": ("income.fiscal", "share"),
    "其他收入": ("income.other", "amount"), "其他收入占比%": ("income.other", "share"),
    "本年支出合计": ("expenditure", "amount"), "基本支出": ("expenditure.basic", "amount"),
    "基本支出占比%": ("expenditure.basic", "share"), "项目支出": ("expenditure.project", "amount"),
    "项目支出占比%": ("expenditure.project", "share"), "财政拨款收入支出总计": ("fiscal_total", "amount"),
    "一般公共预算财政拨款支出": ("general_budget", "amount"),
    "一般公共预算财政拨款支出占本年支出合计%": ("general_budget", "share"),
    "一般公共预算财政拨款支出较2023增减额": ("general_budget", "change"),
    "一般公共预算财政拨款支出较2023增减率%": ("general_budget", "growth"),
    "一般公共预算财政拨款支出年初预算": ("general_budget", "budget"),
    "一般公共预算财政拨款支出全年预算": ("general_budget", "budget_full"),
    "一般公共预算财政拨款支出决算(具体情况)": ("general_budget", "amount"),
    "完成年初预算%": ("general_budget", "completion"), "完成年初预算%(sic)": ("general_budget", "completion"),
    "一般公共预算财政拨款基本支出": ("general_budget.basic", "amount"),
    "人员经费": ("general_budget.basic.personnel", "amount"), "公用经费": ("general_budget.basic.public", "amount"),
    "三公经费 年初预算": ("three_public", "budget"), "三公经费 决算": ("three_public", "amount"),
    "因公出国（境）费 决算": ("three_public.overseas", "amount"),
    "公务用车购置及运行维护费 决算": ("three_public.vehicle", "amount"),
    "公务接待费 决算": ("three_public.reception", "amount"),
    "机关运行经费": ("operating_cost", "amount"), "机关运行经费较2023增减额": ("operating_cost", "change"),
    "机关运行经费较2023增减率%": ("operating_cost", "growth"), "政府采购金额": ("procurement", "amount"),
    "车辆数": ("assets.vehicles", "count"), "财政拨款收入支出总计较2023": ("fiscal_total", "change"),
    "财政拨款收入支出总计较2023增减额": ("fiscal_total", "change"),
    "财政拨款收入支出总计较2023增减率%": ("fiscal_total", "growth"), "三公 完成预算%": ("three_public", "completion"),
    "三公 较2023": ("three_public", "change"), "三公经费": ("three_public", "amount"),
    "货物采购": ("procurement.goods", "amount"), "工程采购": ("procurement.works", "amount"),
    "服务采购": ("procurement.services", "amount"), "面向中小企业预留预算金额": ("procurement.reserved.sme", "amount"),
    "面向小微企业预留预算金额": ("procurement.reserved.small_micro", "amount"),
    "中小企业预留项目中标金额": ("procurement.reserved.sme.awarded", "amount"),
    "小微企业预留项目中标金额": ("procurement.reserved.small_micro.awarded", "amount"),
    "其他项目中小企业中标金额": ("procurement.other.sme.awarded", "amount"),
    "单价100万元以上设备(台套)": ("assets.large_equipment", "count"),
    "绩效自评平均分": ("performance.self_evaluation.average", "score"),
}
_TABLE_KINDS = {"收入支出决算总表": "summary", "收入决算表": "income", "支出决算表": "expenditure",
                "财政拨款收入支出决算总表": "fiscal_summary", "一般公共预算财政拨款支出决算表": "gb",
                "一般公共预算财政拨款基本支出决算表": "gb_basic", "财政拨款“三公”经费支出决算表": "three_public"}


def _numbers(value) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", str(value))]


def score_shanghai(name: str) -> dict:
    """Figures of the truth read on their page; errors; errors the truth explains; defects found."""
    truth = json.loads((SHANGHAI / "truth.json").read_text(encoding="utf-8"))[name]
    result = juesuan.process(SHANGHAI / name)
    t = result.tables
    facts, functions, cells = t["facts"], t["functions"], t["appendix"]
    read = mapped = 0
    missed = []
    for f in truth["facts"]:
        values = _numbers(f["value"])
        if f["source"] == "table" and "no data" in str(f["value"]):  # a table the department states empty
            mapped += 1
            state = t["appendix_tables"]
            titles = state["title"].map(lambda x: str(x).replace('"', "").replace("“", "").replace("”", ""))
            got = any((titles == f["table"].replace("“", "").replace("”", "")) & (state["status"] == "empty_stated"))
        elif f["source"] == "table":
            kind = _TABLE_KINDS.get(f["table"])
            if "blank" in str(f["value"]):  # "0.95/blank", "blank(0)": a blank cell is 0 in the table
                values = [0.0 if part.startswith("blank") else float(part) for part in str(f["value"]).split("/")]
            if kind is None or not values:
                continue
            mapped += 1
            # a figure of several values may run over the table's pages (as truth.json lists them)
            pages = [f["page"]] if len(values) == 1 else next(p for t, p in truth["tables"] if t == f["table"])
            on_page = cells[(cells["kind"] == kind) & cells["sheet"].isin([f"第{p}页" for p in pages])]
            # a zero is read where the table is read on that page (its cell left blank, as the truth says)
            got = all(any(abs(v - x) < 0.005 for x in on_page["value"]) or (v == 0 and len(on_page)) for v in values)
        elif f["name"] in SHANGHAI_FACTS:
            metric, measure = SHANGHAI_FACTS[f["name"]]
            mapped += 1
            rows = facts[(facts["metric"] == metric) & (facts["measure"] == measure) & (facts["page"] == f["page"])]
            if str(f["value"]).startswith("无"):
                got = any(rows["unit_in_source"] == "无")
            elif f["value"] == "持平":
                got = any(rows["unit_in_source"] == "持平") or any(
                    (facts["metric"] == metric) & (facts["unit_in_source"] == "持平"))
            else:
                got = any(abs(abs(v) - abs(x)) < 0.005 for v in values for x in rows["value"])
        elif "（类）" in f["name"]:  # a 类 of the structure list: its amount, or its share
            mapped += 1
            rows = functions[(functions["level"] == "类") & (functions["page"] == f["page"])
                             & functions["name_in_source"].fillna("").str.startswith(f["name"].split("（类）")[0])]
            column = "share" if f["name"].endswith("%") else "amount"
            got = any(abs(float(x) - values[0]) < 0.005 for x in rows[column].dropna())
        elif f["name"] == "绩效目标项目数/金额":
            mapped += 1
            got = all(any((facts["metric"] == m) & ((facts["value"] - v).abs() < 0.005) & (facts["page"] == f["page"]))
                      for m, v in zip(("performance.targets", "performance.targets.amount"), values))
        elif re.match(r"^\d{7}", f["name"]):  # a 项: its 年初预算 (or 全年预算) and 决算
            mapped += 1
            code = f["name"][:7]
            rows = functions[(functions["code"] == code) & (functions["page"] == f["page"])]
            want = values[:2]
            got = not rows.empty and all(any(abs(v - float(x)) < 0.005 for x in rows[["budget", "amount"]].stack())
                                         for v in want)
        else:
            continue
        read += got
        if not got:
            missed.append(f["name"])
    findings = t["findings"]
    errors = findings[findings["severity"] == "error"]
    stated = [" ".join(str(d.get("stated", "")) + " " + str(d.get("what", "")) for d in [d]) for d in truth["defects"]]
    explained = [any(_explains(e, s) for s in stated) for e in errors.itertuples()]
    material = [d for d in truth["defects"] if d["kind"] == "material" and d.get("certainty") == "certain"]
    found = [d for d in material if any(_explains(e, str(d["stated"]) + " " + d["what"]) for e in errors.itertuples())]
    warnings = findings[findings["severity"] == "warning"]
    rounding = [d for d in truth["defects"] if d["kind"].startswith("rounding")]
    said = [d for d in rounding if any(_rounds(w, d) for w in warnings.itertuples())]
    return {"file": name, "figures": len(truth["facts"]), "mapped": mapped, "read": read, "missed": missed,
            "errors": len(errors), "explained": sum(explained), "material": len(material), "material_found": len(found),
            "warnings": len(warnings), "rounding": len(rounding), "rounding_found": len(said),
            "rounding_missed": [d["what"] for d in rounding if d not in said], "meta": result.meta}


def _rounds(warning, defect: dict) -> bool:
    """A warning says a rounding defect when both its figures, the stated one and what the others
    add up to, are among the defect's (326.71 against 326.72; 2,082.85 against 2,082.86)."""
    numbers = _numbers(" ".join(str(defect.get(k, "")) for k in ("stated", "expected", "what")))
    figures = (warning.stated, warning.expected)
    return all(x is not None and x == x and any(abs(float(x) - v) < 0.005 for v in numbers) for x in figures) \
        and abs(float(warning.stated) - float(warning.expected)) >= 0.005


def _explains(error, defect_text: str) -> bool:
    """An error is explained by a defect that states the same figure."""
    stated = error.stated
    return stated is not None and stated == stated and any(
        abs(float(stated) - v) < 0.005 for v in _numbers(defect_text))


def pingtan_files() -> list[Path]:
    return sorted(PINGTAN.glob("*.txt"))


def score_pingtan(path: Path, truth: dict) -> dict:
    """A 平潭 page: read or refused; year and department; its figures against the hand-read truth."""
    mine = truth["files"].get(path.name, {})
    try:
        result = juesuan.process(path)
    except ReportError as exc:
        return {"file": path.name, "kind": mine.get("kind", ""), "read": False, "why": str(exc)}
    facts = result.tables["facts"]
    known = set(metrics())  # every figure juesuan has a metric for is one it should read
    wanted = [f for f in mine.get("facts", []) if f["metric"] in known]
    hits = sum(any((facts["metric"] == f["metric"]) & (facts["measure"] == f["measure"])
                   & (facts["period"] == f["period"]) & ((facts["value"] - f["value"]).abs() < 0.005))
               for f in wanted)
    lines = result.tables["functions"]
    coded = [f for f in mine.get("functions", []) if len(str(f.get("code") or "")) == 7]
    function_hits = sum(any((lines["code"] == f["code"]) & ((lines["amount"] - f["amount"]).abs() < 0.005))
                        for f in coded)
    findings = result.tables["findings"]
    errors = findings[findings["severity"] == "error"]
    defects = [str(d.get("stated", "")) + " " + str(d.get("expected", "")) + " " + d.get("what", "")
               + " " + d.get("quote", "") for d in mine.get("defects", []) + mine.get("borderline", [])]
    explained = sum(any(_explains(e, d) for d in defects) for e in errors.itertuples())
    return {"file": path.name, "kind": mine.get("kind", ""), "read": True, "year": result.meta["year"],
            "year_ok": result.meta["year"] == mine.get("year"), "department": result.meta["department"],
            "figures": len(wanted), "hits": hits, "errors": len(errors), "explained": explained,
            "functions": len(coded), "function_hits": function_hits}



BUDGET = REAL / "budget"
BUDGET_MORE_TRUTH = Path(__file__).parent / "fixtures" / "real" / "budget_more.truth.json"


def budget_truths() -> dict[str, dict]:
    """The shared truth of two budgets and this project's hand-read truth of two more."""
    truth = json.loads((BUDGET / "truth.json").read_text(encoding="utf-8"))
    return {**truth, **json.loads(BUDGET_MORE_TRUTH.read_text(encoding="utf-8"))}


def score_budget(name: str, truth: dict) -> dict:
    """A budget (and its tables file, where published apart): each figure of the truth counts as read
    when a record of juesuan on the truth's page holds its value (a table figure: a cell of the tables
    on that page; a narrative one: a fact or 功能分类 line on that page) — by value and page, not by
    meaning: the budget truths name their figures in words that have no metric mapping yet."""
    files = truth["files"]
    tables_file = next((f for f in files if f != name), None)
    result = juesuan.process(BUDGET / name, tables=BUDGET / tables_file if tables_file else None)
    t = result.tables
    cells, facts, functions = t["appendix"], t["facts"], t["functions"]
    read = 0
    missed = []
    for f in truth["facts"]:
        value = f["value"]
        if not isinstance(value, int | float):
            continue
        if f["source"] == "table":
            there = cells[cells["sheet"] == f"第{f['page']}页"]["value"]
            if value == 0 and len(there):  # a blank cell of a table read on that page: zero, as the truth has it
                there = [0.0]
        else:
            there = list(facts[facts["page"] == f["page"]]["value"]) + list(
                functions[functions["page"] == f["page"]]["amount"].dropna())
        got = any(abs(abs(float(x)) - abs(value)) < 0.005 for x in there)
        read += got
        if not got:
            missed.append((f["name"], value, f["page"]))
    findings = t["findings"]
    return {"file": name, "figures": sum(isinstance(f["value"], int | float) for f in truth["facts"]), "read": read,
            "missed": missed, "errors": int((findings["severity"] == "error").sum()),
            "warnings": int((findings["severity"] == "warning").sum()), "meta": result.meta}


def budget_documents() -> list[tuple[Path, Path | None]]:
    """Every budget of the samples as juesuan reads it: (the document, its tables file or None). Jiangsu
    publishes a 说明 and its 表格 as two files of one department (the folder's prefix) and year; the
    one whose name after the year says 表 holds the tables."""
    groups: dict[tuple[str, str], list[Path]] = {}
    for path in sorted(BUDGET.glob("*.pdf")):
        prefix = path.stem.split("_")[0] if "_" in path.stem else path.stem
        year = re.search(r"20\d\d", path.stem)
        groups.setdefault((prefix, year.group(0) if year else ""), []).append(path)
    out = []
    for paths in groups.values():
        tables = [p for p in paths if "表" in p.stem[re.search(r"20\d\d", p.stem).end():]] if len(paths) == 2 else []
        if len(tables) == 1:
            out.append((next(p for p in paths if p != tables[0]), tables[0]))
        else:
            out += [(p, None) for p in paths]
    return out
