"""A throw-away project with several years, built once per test session by the real batch."""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import APPENDIX, EDUCATION, NOTEBOOK, SHIPPED, read

JUESUAN = str(Path(sys.executable).parent / "juesuan")
INJECTED = "<script>alert('x')</script>"


def add_year(root: Path, year: int, text: str, name: str = "report.txt", department: str = "",
             workbook: Path | None = None) -> Path:
    folder = root / "data" / "raw" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    manifest = {"department": department, "year": year, "file": name, "original_name": name,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    if workbook is not None:
        shutil.copy(workbook, folder / workbook.name)
        manifest["tables"] = {"file": workbook.name, "sha256": hashlib.sha256(workbook.read_bytes()).hexdigest()}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return path


def make_project(root: Path) -> Path:
    shutil.copytree(SHIPPED.parent, root / "data" / "raw" / "2023")
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(NOTEBOOK, root / "notebooks" / NOTEBOOK.name)
    # a fixture year built here: another department, another year, with markup in a name
    add_year(root, 2022, read(EDUCATION).replace("行政运行01（项）", f"行政运行{INJECTED}01（项）"),
             workbook=APPENDIX / "education_2022_附表.xlsx")
    # the shipped report relabelled one year on: its figures for "2023" (the prior year) are the
    # real 2022 ones, so it disagrees with the 2023 report about 2023
    add_year(root, 2024, read(SHIPPED).replace("2023", "@").replace("2022", "2023").replace("@", "2024"),
             department="遂宁市安居区人民政府办公室")
    # a year whose manifest is broken
    (root / "data" / "raw" / "2020").mkdir(parents=True)
    (root / "data" / "raw" / "2020" / "manifest.json").write_text("{not json", encoding="utf-8")
    # a year that cannot succeed: not a report at all
    add_year(root, 2021, "2021年度工作总结\n今年工作很好。\n")
    return root


def report(root: Path, *args):
    return subprocess.run([JUESUAN, "report", "--root", str(root), *args], capture_output=True, text=True, timeout=600)
