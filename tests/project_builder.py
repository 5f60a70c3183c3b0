"""A throw-away project with several years and departments, built once per test session by the real batch."""

import shutil
import subprocess
import sys
from pathlib import Path

from departments import add_department, department_text
from helpers import APPENDIX, EDUCATION, SHIPPED, read

JUESUAN = str(Path(sys.executable).parent / "juesuan")
INJECTED = "<script>alert('x')</script>"
ANJU = SHIPPED.parent.name  # the shipped department's folder (a Chinese name: links must quote it)
EDU = "education"


def page(root: Path, year: int, department: str = ANJU, suffix: str = ".html") -> Path:
    return root / "reports" / str(year) / f"{department}{suffix}"


def processed(root: Path, year: int, department: str = ANJU) -> Path:
    return root / "data" / "processed" / str(year) / department


def figures(root: Path, year: int, department: str = ANJU) -> Path:
    return root / "figures" / str(year) / department


def make_project(root: Path) -> Path:
    """2023: the shipped department and a second one; 2022: the education sample; 2024: the shipped
    report relabelled; 2019–2021: a flat year, a broken manifest, a file that is not a report.
    There is no notebooks/ folder: the report notebook ships with the package."""
    shutil.copytree(SHIPPED.parent, root / "data" / "raw" / "2023" / ANJU)
    department, text, _ = department_text(1, 2023)  # the education sample moved to 2023, as another office
    add_department(root, 2023, "audit", text, department)
    # another department, another year, with markup in a name
    add_department(root, 2022, EDU, read(EDUCATION).replace("行政运行01（项）", f"行政运行{INJECTED}01（项）"),
                   "", workbook=APPENDIX / "education_2022_附表.xlsx")
    # the shipped report relabelled one year on: its figures for "2023" (the prior year) are the
    # real 2022 ones, so it disagrees with the 2023 report about 2023
    add_department(root, 2024, ANJU, read(SHIPPED).replace("2023", "@").replace("2022", "2023").replace("@", "2024"),
                   "遂宁市安居区人民政府办公室")
    # a department whose manifest is broken
    (root / "data" / "raw" / "2020" / "broken").mkdir(parents=True)
    (root / "data" / "raw" / "2020" / "broken" / "manifest.json").write_text("{not json", encoding="utf-8")
    # a department that cannot succeed: not a report at all
    add_department(root, 2021, "summary", "2021年度工作总结\n今年工作很好。\n", "")
    # a year laid out as before departments: the report directly in data/raw/2019/
    (root / "data" / "raw" / "2019").mkdir(parents=True)
    shutil.copy(EDUCATION, root / "data" / "raw" / "2019" / "report.txt")
    return root


OK = [(2022, EDU), (2023, ANJU), (2023, "audit"), (2024, ANJU)]  # the reports that succeed
FAILED = ["2019", "2020/broken", "2021/summary"]


def report(root: Path, *args):
    return subprocess.run([JUESUAN, "report", "--root", str(root), *args], capture_output=True, text=True, timeout=600)
