"""A generated government: many department-reports of one year, made from the two sample reports
with consistent changes (a name of its own, every amount × an integer, the year moved), so that
each stays a report whose figures add up. Used by the batch tests and benchmarks/bench.py."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from helpers import APPENDIX, EDUCATION, SHIPPED, read, scale_amounts

OFFICES = ("财政局", "审计局", "教育局", "卫生健康局", "民政局", "司法局", "农业农村局", "水利局", "交通运输局",
           "住房和城乡建设局", "自然资源局", "生态环境局", "文化广电旅游局", "统计局", "医疗保障局", "应急管理局")
SHIPPED_NAME, EDUCATION_NAME = "遂宁市安居区人民政府办公室", "示例市教育局"


def _moved(text: str, year: int, stated: int) -> str:
    """The report's years moved so that it is the ``year`` report."""
    if year == stated:
        return text
    shift = year - stated
    for y in sorted({stated - 2, stated - 1, stated, stated + 1}, reverse=shift > 0):
        text = text.replace(str(y), f"@{y + shift}@")
    return text.replace("@", "")


def department_text(i: int, year: int) -> tuple[str, str, int]:
    """The i-th generated report: (department name, text, amount factor)."""
    base, name, stated = (SHIPPED, SHIPPED_NAME, 2023) if i % 2 == 0 else (EDUCATION, EDUCATION_NAME, 2022)
    factor = 1 + (i // 2) % 4
    department = f"示例区{OFFICES[i % len(OFFICES)]}" + (f"{i // len(OFFICES) + 1}" if i >= len(OFFICES) else "")
    text = _moved(scale_amounts(read(base), factor), year, stated).replace(name, department)
    return department, text, factor


def add_department(root: Path, year: int, folder: str, text: str, department: str,
                   workbook: Path | None = None) -> Path:
    """data/raw/<year>/<folder>/ with the report, its manifest and (optionally) its workbook."""
    where = root / "data" / "raw" / str(year) / folder
    where.mkdir(parents=True, exist_ok=True)
    path = where / "report.txt"
    path.write_text(text, encoding="utf-8")
    manifest = {"department": department, "year": year, "file": path.name, "original_name": path.name,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    if workbook is not None:
        shutil.copy(workbook, where / workbook.name)
        manifest["tables"] = {"file": workbook.name, "sha256": hashlib.sha256(workbook.read_bytes()).hexdigest()}
    (where / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return path


def make_government(root: Path, count: int, year: int = 2023) -> list[str]:
    """``count`` departments under data/raw/<year>/ (folders d001, d002, …); the unscaled copies of
    the shipped report carry its workbook. Returns the folder names."""
    folders = []
    for i in range(count):
        department, text, factor = department_text(i, year)
        book = next(SHIPPED.parent.glob("*.xls")) if i % 2 == 0 and factor == 1 and year == 2023 else None
        if i % 2 == 1 and factor == 1 and year == 2022:
            book = APPENDIX / "education_2022_附表.xlsx"
        folder = f"d{i + 1:03d}"
        add_department(root, year, folder, text, department, book)
        folders.append(folder)
    return folders
