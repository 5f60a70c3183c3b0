"""The expected cells of a workbook, from the JSON model it was written from (samples/appendix)."""

from __future__ import annotations

import json
import re
from pathlib import Path


def _clean(s: str) -> str:
    return re.sub(r"\s+", "", s)


def expected_cells(model_path: Path) -> set[tuple]:
    """(form, row label, code, column path, value) of every non-blank cell of the model."""
    model = json.loads(Path(model_path).read_text(encoding="utf-8"))
    out = set()
    for t in model["tables"]:
        form = t["form"][2:4]
        if t["type"] == "function":
            for row in t["rows"]:
                for col in t["columns"]:
                    v = row["values"].get(col["key"])
                    if v is not None:
                        out.add((form, _clean(row["name"]), row["code"] or "", "/".join(col["path"]), round(v, 6)))
        elif t["type"] == "summary":
            for row in t["rows"]:
                for side, header in (("left", t["left_header"]), ("right", t["right_header"])):
                    half = row.get(side)
                    if not half:
                        continue
                    for col in t[f"{side}_columns"]:
                        v = half["values"].get(col["key"])
                        if v is not None:
                            out.add((form, _clean(half["label"]), None, "/".join([header, *col["path"]]), round(v, 6)))
        elif t["type"] == "econ":
            for side, header in (("left", t["left_header"]), ("right", t["right_header"])):
                for r in t[side]:
                    if r["amount"] is not None:
                        out.add((form, _clean(r["name"]), r["code"], f"{header}/决算数", round(r["amount"], 6)))
            totals = t["totals"]
            out.add((form, f"{t['left_header']}合计", "", f"{t['left_header']}/决算数", round(totals["personnel_total"], 6)))
            out.add((form, f"{t['right_header']}合计", "", f"{t['right_header']}/决算数", round(totals["public_total"], 6)))
        elif t["type"] == "three":
            for col in t["columns"]:
                v = t["rows"][0]["values"].get(col["key"])
                if v is not None:
                    out.add((form, "", "", "/".join(col["path"]), round(v, 6)))
    return out


def parsed_cells(frame) -> set[tuple]:
    """The same view of appendix.csv rows (the 总表's codes are derived, so they are left out)."""
    out = set()
    for r in frame.itertuples():
        code = None if r.kind in ("summary", "fiscal_summary") else (r.code or "")
        out.add((r.table, r.row, code, r.column, round(float(r.value), 6)))
    return out
