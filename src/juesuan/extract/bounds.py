"""How much of a document the extract stage reads (a document from the web is untrusted: docs/READING.md,
"Untrusted input").

Reading a line costs time in proportion to its characters and figures (every rule is linear in them),
and each figure read becomes a row that carries its whole line and is checked. A line of one figure
repeated thousands of times is no report's, but without limits it costs minutes and gigabytes. So a
line past its own limits, or one that would take the document past its limits, is not read: its text
is blanked for the extract and check stages, and the document's warnings say which lines were not
read and why (never silently dropped). The real samples stay far below them (the figures in brackets).

A figure is a number written, or 持平 / 一致 / 无变化 (a change of nought); a row is what the tables hold
of a line (facts, 功能分类 items, chart and 绩效 rows), each carrying the line's text. Before reading
(``bounded``), a line is not read that has more than MAX_LINE_CHARS characters or MAX_LINE_FIGURES
figures, or that would take the lines read past MAX_LINES lines, MAX_TEXT characters, MAX_ROWS
figures, or MAX_CARRIED characters counted once for each figure of a line (the text its rows would
carry). After reading (``bounded_rows``), the same limits are counted on the rows read (one 分别
figure may go to many subjects), and the rows of a line past them are dropped, the line said not read.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import islice

import pandas as pd

from ..model.document import Document
from ..model.numbers import NUMBER

MAX_LINE_CHARS = 20_000  # a line's characters (real: 4,579 at most, a web page flattened onto one line)
MAX_LINE_FIGURES = 1_000  # a line's figures, and the rows read from it (real: 232 figures, 161 rows)
MAX_LINES = 10_000  # a document's lines (real: 913 at most)
MAX_TEXT = 500_000  # the characters of a document's lines (real: 28,000 at most)
MAX_ROWS = 5_000  # a document's figures, and the rows read from it (real: 815 figures, 188 rows)
MAX_CARRIED = 5_000_000  # the characters of the lines its rows carry, row by row (real: 740,000 at most)

_FIGURE = re.compile(rf"{NUMBER}|持平|一致|无变化")


def _said(why: str) -> str:
    """How the warning says why a line was not read."""
    return {
        "chars": f"过长（超过{MAX_LINE_CHARS:,}字）",
        "figures": f"数字过多（超过{MAX_LINE_FIGURES:,}个）",
        "rows": f"读出的数字过多（超过{MAX_LINE_FIGURES:,}个）",
        "lines": f"超出全文{MAX_LINES:,}行的上限",
        "text": f"读入将使全文超过{MAX_TEXT:,}字",
        "doc_rows": f"读入将使全文的数字超过{MAX_ROWS:,}个",
        "carried": f"读入将使各数字所在的行共超过{MAX_CARRIED:,}字（每个数字计一次）",
    }[why]


@dataclass
class Unread:
    """The lines not read (by their number), and why (a key of ``_said``)."""

    why: dict[int, str] = field(default_factory=dict)

    def renumbered(self, numbers: dict[int, int]) -> Unread:
        """The same lines, numbered anew (sections.split_headings: old number → new)."""
        return Unread({numbers.get(n, n): why for n, why in self.why.items()})

    def warnings(self) -> list[str]:
        out = []
        for key in ("chars", "figures", "rows", "lines", "text", "doc_rows", "carried"):
            lines = sorted(n for n, why in self.why.items() if why == key)
            if lines:
                shown = "、".join(map(str, lines[:10])) + (f"等{len(lines)}行" if len(lines) > 10 else "")
                out.append(f"第{shown}行{_said(key)}，未读取；其中的数字不在提取结果中，相关核对可能不完整")
        return out


@dataclass
class _Tally:
    """What the lines of a document read so far add up to."""

    lines: int = 0
    text: int = 0
    rows: int = 0
    carried: int = 0

    def why(self, size: int, rows: int, before: bool = True) -> str | None:
        """Why a line of ``size`` characters and ``rows`` figures (before it is read) or rows (after) is
        not read; None: it is, and it is counted."""
        if before and size > MAX_LINE_CHARS:
            return "chars"
        if rows > MAX_LINE_FIGURES:
            return "figures" if before else "rows"
        if before and self.lines >= MAX_LINES:
            return "lines"
        if before and self.text + size > MAX_TEXT:
            return "text"
        if self.rows + rows > MAX_ROWS:
            return "doc_rows"
        if self.carried + rows * size > MAX_CARRIED:
            return "carried"
        self.lines, self.text = self.lines + before, self.text + size * before
        self.rows, self.carried = self.rows + rows, self.carried + rows * size
        return None


def bounded(doc: Document) -> tuple[Document, Unread]:
    """The document with each line past the limits blanked before it is read, and which."""
    unread, tally, lines = Unread(), _Tally(), []
    for line in doc.lines:
        size = len(line.text)
        if tally.lines >= MAX_LINES:
            why = "lines"  # (nothing more to count)
        else:
            figures = 0 if size > MAX_LINE_CHARS else \
                sum(1 for _ in islice(_FIGURE.finditer(line.text), MAX_LINE_FIGURES + 1))
            why = tally.why(size, figures)
        if why is None:
            lines.append(line)
            continue
        unread.why[line.number] = why
        lines.append(replace(line, raw="", text="", breaks=()))
    return (replace(doc, lines=tuple(lines)) if unread.why else doc), unread


def bounded_rows(frames: dict[str, pd.DataFrame], doc: Document, unread: Unread) -> dict[str, pd.DataFrame]:
    """The tables without the rows of the lines past the limits counted on the rows read (those lines
    added to ``unread``)."""
    counts: Counter[int] = Counter()
    for frame in frames.values():
        if "line" in frame and not frame.empty:
            counts.update(int(n) for n in frame["line"].dropna())
    tally = _Tally()
    for line in doc.lines:
        if counts[line.number] and line.number not in unread.why:
            why = tally.why(len(line.text), counts[line.number], before=False)
            if why is not None:
                unread.why[line.number] = why
    dropped = [n for n in unread.why if counts[n]]
    if not dropped:
        return frames
    return {name: frame[~frame["line"].isin(dropped)].reset_index(drop=True) if "line" in frame else frame
            for name, frame in frames.items()}


def blank(lines: tuple[tuple[int, str], ...], unread: Unread) -> tuple[tuple[int, str], ...]:
    """The numbered lines as read, those not read blanked."""
    if not unread.why:
        return lines
    return tuple((n, "" if n in unread.why else text) for n, text in lines)
