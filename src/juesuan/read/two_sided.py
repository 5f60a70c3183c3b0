"""A table of two halves side by side (收入 | 支出: 项目 行次 金额 | 项目 行次 金额), flattened one cell to a line.

Its rows cannot be told from their labels alone: a row's left half may be blank (the income items end long
before the 功能分类 list), and a blank cell is dropped from such text. What places each half is the row's own
structure:

- **行次** on both halves (the national 决算 template: 1, 2, 3 … on the left, 30, 31 … on the right, printed on
  every row, blank or not): each half-row is the label before its 行次 and the figures after it, its row the
  行次's place in its side's run. A half with one figure column and no figure between its 行次 and the next
  was blank; a half with fewer figures than columns cannot be placed (its cells unread, never blank).
- **Every cell kept** (an empty cell written `|`): the rows are the header's width each, as they stand.
- **Neither, or the header's 项目 cells blank** (only 预算 | 预算 left): each half-row is a label and its figures
  (a label without one: its cell was blank, as dropped), its side told by the label's words (收入, 拨款 … on
  the left; 支出, 结转下年 … on the right); a right half that follows a left one is on its row.

A label that tells no side, or both (总计 | 总计), leaves such a table unread, and said so."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.document import Grid, Value, column_letter, normalise
from .table_lines import NOTE, compact

_NAME = re.compile(r"^(?:项目|科目|类款项|.*名称)(?:[(（][^()（）]{1,12}[)）])?$")
_LINE = "行次"
_SIDES = ("收入", "支出")
# the header ends at the first row: its label (一、… 合计, 本年收入, 其中) or the 栏次 row under the header
_FIRST_ROW = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|合计|总计|本年|其中|栏次)")
_INTEGER = re.compile(r"^\d{1,3}$")
# the words that put a label on its side where nothing else does (data, as the metric vocabulary)
_INCOME_WORDS = ("收入", "拨款", "资金", "上年结转", "年初结转", "弥补收支")
_SPENDING_WORDS = ("支出", "结转下年", "年末结转", "结余分配")
_WHY = "此行半边的数字个数与表头的列对不上（空白单元格未随文字保存），未读取"


@dataclass
class _Half:
    label: str = ""
    label_line: int = 0
    line_no: str = ""  # its 行次 as written
    line_at: int = 0
    figures: list = field(default_factory=list)  # (text, line)


@dataclass(frozen=True)
class _Side:
    leaves: tuple[str, ...]  # 项目, 行次?, figure columns …

    @property
    def numbered(self) -> bool:
        return _LINE in self.leaves

    @property
    def width(self) -> int:
        return len(self.leaves) - 1 - self.numbered  # the figure columns


def two_sided_grid(name: str, title: list[str], tokens: list) -> tuple[Grid, list[int]] | None:
    """The table as a grid of both halves side by side, as a web page's <table> would be (groups 收入 |
    支出 over the leaves); the lines of the half-rows whose figures could not be placed. None when the
    tokens are no such table or its rows cannot be found by either structure above."""
    start = next((i for i, t in enumerate(tokens) if t.number or _opens_row(tokens, i)), None)
    if start is None:
        return None
    head = [t for t in tokens[:start] if t.text]
    words = [_compact(t.text) for t in head]
    body = _after_column_numbers(tokens[start:], title)
    split = _split(words)
    if split is None:  # the header's 项目 cells left blank (预算 | 预算): each half-row by its label's words
        split = _split_unnamed(words)
        found = None if split is None else _by_side_words(body, *split[1:])
    else:
        found = _by_line_numbers(body, *split[1:]) if split[1].numbered and split[2].numbered else None
        if found is None:
            found = _by_width(body, *split[1:])
        if found is None and not split[1].numbered and not split[2].numbered:
            found = _by_side_words(body, *split[1:])
    if found is None:
        return None
    return _build(name, title, *split, found)


def _opens_row(tokens: list, i: int) -> bool:
    """The first row's label (a 合计 before its figures, not the header's 合计 over a column), or 栏次."""
    text = _compact(tokens[i].text)
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return text == "栏次" or bool(_FIRST_ROW.match(text)) and after is not None and after.number


def _split(head: list[str]) -> tuple[list[str], _Side, _Side] | None:
    names = [i for i, h in enumerate(head) if _NAME.match(h)]
    if len(names) != 2:
        return None
    first, second = names
    groups = [h for h in head[:first] if h]
    if groups and [g.replace(" ", "") for g in groups] != list(_SIDES):
        return None
    left, right = _Side(tuple(head[first:second])), _Side(tuple(head[second:]))
    if left.width < 1 or right.width < 1 or any(_NAME.match(h) or h in _SIDES for h in head[first + 1:second]):
        return None
    return groups, left, right


def _split_unnamed(head: list[str]) -> tuple[list[str], _Side, _Side] | None:
    """A header whose label cells are blank: the same figure columns over each half (预算 | 预算), under
    收入 | 支出 or not."""
    groups = head[:2] if head[:2] == list(_SIDES) else []
    leaves = head[len(groups):]
    k = len(leaves) // 2
    if not leaves or len(leaves) % 2 or leaves[:k] != leaves[k:] or any(_NAME.match(h) or h in _SIDES for h in leaves):
        return None
    side = _Side(("项目", *leaves[:k]))
    return groups, side, side


def _by_side_words(body: list, left: _Side, right: _Side) -> list[tuple[_Half, _Half]] | None:
    """Half-rows, each a label and its figures, placed on their side by the label's words (一、预算拨款 an
    income, 四、公共安全支出 an expenditure); a right half after a left one shares its row. A label that
    says neither side, or both, leaves the table unread."""
    halves: list[tuple[str, _Half]] = []
    for t in body:
        text = _compact(t.text)
        if NOTE.match(text):
            break  # the 注 under the table
        if not text or t.blank and not t.number:
            continue
        if t.number:
            if not halves:
                return None  # a figure before any label
            halves[-1][1].figures.append((t.text.strip(), t.line))
            continue
        side = _side_of(text)
        if side is None:
            return None
        halves.append((side, _Half(t.text.strip(), t.line)))
    rows: list[list[_Half | None]] = []
    for side, half in halves:
        if side == "right" and rows and rows[-1][1] is None:
            rows[-1][1] = half
        else:
            rows.append([half, None] if side == "left" else [None, half])
    return [(a or _Half(), b or _Half()) for a, b in rows] or None


def _side_of(label: str) -> str | None:
    income, spending = any(w in label for w in _INCOME_WORDS), any(w in label for w in _SPENDING_WORDS)
    return None if income == spending else "left" if income else "right"


def _after_column_numbers(tokens: list, title: list[str]) -> list:
    """The rows, less a 栏次 row under the header (栏次 | 1 | 栏次 | 2: the columns' numbers; its first 栏次
    may have been taken for the table's furniture, above)."""
    i = 0
    while i < len(tokens) and (_compact(tokens[i].text) in ("栏次", "") or _INTEGER.match(_compact(tokens[i].text))):
        i += 1
    numbers = any(_compact(t.text) == "栏次" for t in tokens[:i]) or (title and _compact(title[-1]) == "栏次")
    return tokens[i:] if numbers else tokens


def _by_line_numbers(body: list, left: _Side, right: _Side) -> list[tuple[_Half, _Half]] | None:
    """Half-rows found by their 行次: the left's run from its first (1), the right's from the first number
    after the first right label (30); a number is a 行次 only where its side's run expects it."""
    halves: list[_Half] = []
    pending: tuple[str, int] | None = None
    expect = {"left": None, "right": None}
    side = "left"
    rows: list[list[_Half | None]] = []
    for t in body:
        text = _compact(t.text)
        if not text or t.blank and not t.number:
            continue
        if not t.number:
            if pending is not None:
                return None  # two labels and no 行次 between them: not this structure
            pending = (t.text.strip(), t.line)
            continue
        other = "right" if side == "left" else "left"
        if _INTEGER.match(text) and _expected(expect, side, text, pending, halves):
            pass
        elif _INTEGER.match(text) and expect[other] is not None and int(text) == expect[other]:
            if side == "left":
                return None  # a left half missing its 行次 between two rights: not this structure
            side = "left"  # the row's right half was not written: this is the next row's 行次
        else:
            if not halves or pending is not None:
                return None  # a figure with no 行次 before it
            halves[-1].figures.append((t.text.strip(), t.line))
            continue
        value = int(text)
        if expect[side] is None:
            expect[side] = value
        if value != expect[side]:
            return None
        expect[side] += 1
        half = _Half(*(pending or ("", 0)), line_no=text, line_at=t.line)
        pending = None
        halves.append(half)
        if side == "left":
            rows.append([half, None])
        else:
            if not rows:
                rows.append([None, None])
            rows[-1][1] = half
        side = "right" if side == "left" else "left"
    if not rows or expect["right"] is None:
        return None  # (a label left at the end: the page cut off in its row)
    return [(a or _Half(), b or _Half()) for a, b in rows]


def _expected(expect: dict, side: str, text: str, pending, halves) -> bool:
    """Is this number the 行次 the side waits for (the right's first: any number after a label)?"""
    if expect[side] is not None:
        return int(text) == expect[side]
    if side == "left":
        return not halves  # the first row's 行次 opens the table
    return pending is not None  # the right's first 行次 follows its label


def _by_width(body: list, left: _Side, right: _Side) -> list[tuple[_Half, _Half]] | None:
    """Rows of the header's width, every cell kept (an empty one a `|`): labels where labels stand."""
    width = len(left.leaves) + len(right.leaves)
    cells = list(body)
    while cells and not cells[-1].text:
        cells.pop()
    if len(cells) < width:
        return None  # (a last row cut short: the page cut off in it)
    rows = []
    for r in range(0, len(cells), width):
        chunk = cells[r:r + width] + [None] * max(0, r + width - len(cells))
        halves = []
        for at, side in ((0, left), (len(left.leaves), right)):
            part = chunk[at:at + len(side.leaves)]
            label = part[0]
            if label is not None and label.number:
                return None  # a figure where a label stands: cells were dropped
            half = _Half(label.text.strip() if label else "", label.line if label else 0)
            for leaf, cell in zip(side.leaves[1:], part[1:], strict=True):
                if cell is not None and cell.text and not cell.number and not cell.blank:
                    return None  # words where a figure stands
                if leaf == _LINE:
                    half.line_no, half.line_at = (cell.text.strip(), cell.line) if cell else ("", 0)
                else:
                    half.figures.append((cell.text.strip() if cell and not cell.blank else "", cell.line if cell else 0))
            halves.append(half)
        rows.append(tuple(halves))
    return rows


def _build(name: str, title: list[str], groups: list[str], left: _Side, right: _Side,
           rows: list[tuple[_Half, _Half]]) -> tuple[Grid, list[int]]:
    n = len(left.leaves) + len(right.leaves)
    title = [t for t in title if _compact(t) != "栏次"]  # the columns' numbers' row, taken for furniture above
    cells: list[tuple[Value, ...]] = [(t,) + ("",) * (n - 1) for t in title]
    refs: list[tuple[str, ...]] = [("",) * n for _ in cells]
    merges = []
    if groups:
        top = len(cells)
        cells.append((groups[0],) + ("",) * (len(left.leaves) - 1) + (groups[1],) + ("",) * (len(right.leaves) - 1))
        refs.append(("",) * n)
        merges += [((top, 0), (top, len(left.leaves) - 1)), ((top, len(left.leaves)), (top, n - 1))]
    cells.append(left.leaves + right.leaves)
    refs.append(("",) * n)
    unread: set[str] = set()
    lost: list[int] = []
    for pair in rows:
        row: list[Value] = []
        at: list[str] = []
        unplaced: list[int] = []
        for half, side in zip(pair, (left, right), strict=True):
            offset = len(row)
            row.append(half.label)
            at.append(_ref(half.label_line))
            if side.numbered:
                row.append(half.line_no)
                at.append(_ref(half.line_at))
            figures = [f for f in half.figures if f[0] or side.width == 1]
            if len(half.figures) == side.width:
                figures = half.figures
            elif not half.figures:
                figures = [("", 0)] * side.width  # its 行次 and nothing after it: the row was blank
            if len(figures) != side.width:
                unplaced += list(range(offset + 1 + side.numbered, offset + len(side.leaves)))
                lost.append(half.line_at or half.label_line)
                figures = [("", f[1]) for f in half.figures[:side.width]] + [("", 0)] * (side.width - len(half.figures))
            row += [f[0] for f in figures]
            at += [_ref(f[1]) for f in figures]
        cells.append(tuple(row))
        refs.append(tuple(at))
        unread |= {f"{column_letter(c)}{len(cells)}" for c in unplaced}
    grid = Grid(name, tuple(cells), tuple(merges), frozenset(unread), refs=tuple(refs), unread_why=_WHY)
    return grid, lost


def _ref(line: int) -> str:
    return f"第{line}行" if line else ""


def _compact(text: str) -> str:
    return compact(normalise(text))
