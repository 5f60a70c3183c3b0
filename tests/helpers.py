"""Shared test material: the two reports and cheap mutations of them."""

from __future__ import annotations

import re
from pathlib import Path

from juesuan.check import run_checks
from juesuan.extract import extract
from juesuan.read.text import document_from_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHIPPED = next((ROOT / "data" / "raw" / "2023").glob("*/*.txt"))
EDUCATION = FIXTURES / "education_2022.txt"
APPENDIX = FIXTURES / "appendix"  # the sample workbooks and their JSON models (shared/samples/appendix)
NOTEBOOK = ROOT / "notebooks" / "report.ipynb"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def extract_text(text: str, path: str = "<test>"):
    return extract(document_from_text(text, path))


def findings_of(text: str):
    e = extract_text(text)
    return run_checks(e.tables, e.warnings)


def replace_once(text: str, old: str, new: str, occurrence: int = 1) -> str:
    """Replace the n-th occurrence of ``old``, failing loudly if it is not there."""
    parts = text.split(old)
    assert len(parts) > occurrence, f"{old!r} occurs {len(parts) - 1} times, wanted #{occurrence}"
    return old.join(parts[:occurrence]) + new + old.join(parts[occurrence:])


_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万元|元)")


def scale_amounts(text: str, factor: int) -> str:
    """Every amount of the narrative and every bar value of the chart data × factor.

    Shares, growth, counts and the 绩效自评表 stay; so a consistent report stays consistent.
    """
    out = []
    for line in text.split("\n"):
        if line.startswith("\t"):
            out.append(line)  # the 绩效自评表
        elif "（万元）\t" in line:
            out.append("\t".join(_scale_cell(c, factor) for c in line.split("\t")))
        else:
            out.append(_AMOUNT.sub(lambda m: _scaled(m, factor), line))
    return "\n".join(out)


def _scaled(m: re.Match, factor: int) -> str:
    before = m.string[max(0, m.start() - 2):m.start()]
    if before.endswith("单价"):
        return m[0]
    value = float(m[1].replace(",", "")) * factor
    return f"{value:.2f}{m[2]}" if "." in m[1] or m[2] == "元" else f"{value:g}{m[2]}"


def _scale_cell(cell: str, factor: int) -> str:
    try:
        return f"{float(cell) * factor:g}"
    except ValueError:
        return cell


def add_thousands(text: str) -> str:
    """1050.28万元 → 1,050.28万元 (and 3205000.00元 → 3,205,000.00元)."""
    def fmt(m: re.Match) -> str:
        raw = m[1].replace(",", "")
        whole, _, frac = raw.partition(".")
        return f"{int(whole):,}" + (f".{frac}" if frac else "") + m[2]

    return _AMOUNT.sub(fmt, text)


_NUMBERED_HEADING = re.compile(r"^(?P<marks>(?:\[bookmark: [^\]]*\])*)[\s　]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+、)"
                               r"\s*(?P<after>(?:\[bookmark: [^\]]*\])*)(?P<title>\S.*)$")


def renumber_headings(text: str) -> str:
    """Give every numbered heading another numbering style: N．title (full-width dot). The headings
    are the lines the export marks with a bookmark (the 目录's targets), found here without the
    package's own heading reader."""
    out, n = [], 0
    for line in text.split("\n"):
        m = _NUMBERED_HEADING.match(line)
        if m and (m["marks"] or m["after"]):
            n += 1
            out.append(f"{m['marks']}{m['after']}{n}．{m['title']}")
        else:
            out.append(line)
    return "\n".join(out)


def facts_set(extraction) -> set[tuple]:
    f = extraction.tables["facts"]
    return {(r.metric, r.period, r.measure, round(float(r.value), 6)) for r in f.itertuples()}


def understood(facts):
    """The facts a metric names — not the amounts kept only by the words that name them (metric unnamed)."""
    return facts[facts["metric"] != "unnamed"]

