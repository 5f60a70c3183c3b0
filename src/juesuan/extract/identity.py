"""What a document is, from its own words: kind (部门/单位 决算 or 预算, 批复), year, department.

Read from the title, cover, running heads and table captions; the file's name only as a last
resort, and said so (``Identity.where``). Pure: a Document in, an Identity out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.document import Document

KINDS = ("部门决算", "单位决算", "部门预算", "单位预算", "部门决算批复")


@dataclass(frozen=True)
class Identity:
    kind: str  # one of KINDS, or '' when the document does not say
    year: int | None
    department: str
    where: dict[str, str] = field(default_factory=dict)  # field → where it was read (标题、封面、文件名 …)

    @property
    def is_budget(self) -> bool:
        return self.kind.endswith("预算")

    @property
    def is_accounts(self) -> bool:
        return self.kind in ("部门决算", "单位决算")


def identify(doc: Document, file_name: str = "") -> Identity:
    """The document's kind, year and department (first version: the readers' current rules)."""
    from . import approval
    from .extraction import budget_year, department_in
    from .sections import document_kind, report_year, split_headings

    kind = document_kind(doc)
    if not kind and approval.is_approval(doc):
        kind = "部门决算批复"
    year = budget_year(doc) if kind.endswith("预算") else report_year(split_headings(doc))
    department = department_in(doc)
    return Identity(kind, year, department, {"kind": "文档", "year": "文档", "department": "文档"})
