"""Tables that a text export flattened one cell to a line (a crawler's text of a web page: each <td>
on its own line, blank lines or a trailing `|` between them), rebuilt as grids so the appendix reading
finds them as it finds a web page's <table>.

The rows are not written: they are found from the cells' meaning. A row starts at its label (a 科目
code before it, if any) and holds the figures after it; the table's columns are its header's leaves,
one per figure of a full row. Blank cells are often dropped in such text, so a row with fewer or more
figures than the header has columns cannot be placed: its figures are kept out of the grid and its
cells marked unread (never blank: a blank is a zero to the checks). A header whose leaves cannot be
matched to the figures makes no grid at all: the table is left to the text, unread."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model.document import ROW_LABEL, Grid, Line, Value, column_letter, normalise
from .spaced_rows import spaced_cells
from .table_lines import BARS, CODE_CELL, FIGURE_CELL, NOTE, compact, is_title
from .two_sided import two_sided_grid

_CELL = 60  # a cell line is this short (a table's title too); a sentence is longer
_SENTENCE = re.compile(r"[。；;]|[，,].*[，,]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")  # 5,604,878.83 is no sentence
_META = re.compile(r"^(?:(?:编制|填报|预算|金额)?(?:部门|单位)(?:名称)?\s*[:：]|公开\d+表|附表\d*$|栏次$)")
_PLACEHOLDER = ("/", "／", "\\", "×", "*")
# the label columns' headings (项目, 科目编码 …): a header's first cells, over no figure
_LABEL_HEAD = re.compile(r"^(?:.*(?:项目|科目|名称|编码|代码)|类款项|类|款|项|收入|支出|单位|指标)$|情况")
# a label column's heading among the figure columns: a table of two halves side by side (收入 | 支出)
_NAME_LEAF = re.compile(r"^(?:项目|科目|类款项|.*名称|.*编码|.*代码)$")
_NAMED_HEAD = re.compile(r"(?:项目|科目|名称|编码|代码)$")  # a label column's heading, beyond doubt
_COLUMN_WORD = re.compile(r"(?:数|额|率|幅度|比例|合计|小计|支出|收入|拨款|结转|结余|资金|金额|决算|预算|增减|变动)$")
_LEAF = re.compile(r"(?:数|额|率|幅度|比例|合计|小计|金额)$")  # a column's name beyond doubt
# a heading over columns that are its parts: 其中, 比上年增减情况 (a group of several over the same leaves is one too)
_GROUP = re.compile(r"^其中|情况|增减|变动|比较|对比|比上年")
_PERFORMANCE_HEADS = ({"年初预算", "预算执行数"}, {"一级指标", "权重"})  # as extract/performance.py reads them
_MIN_FIGURES = 6  # fewer figures than this in a run: no table


@dataclass(frozen=True)
class Token:
    text: str  # the cell as written, stripped ('' for an empty cell a `|` stands for)
    line: int

    @property
    def number(self) -> bool:
        return bool(FIGURE_CELL.match(normalise(self.text)))

    @property
    def blank(self) -> bool:
        return not self.text or self.text in _PLACEHOLDER


def cell_line_grids(lines: tuple[Line, ...]) -> tuple[tuple[Grid, ...], tuple[str, ...]]:
    """Every table of the text flattened one cell to a line, as a grid (named 表1, 表2 … in order; each
    cell's reference is its line: 第123行), and what could not be read of them, said."""
    grids: list[Grid] = []
    notes: list[str] = []
    for run in _runs(lines):
        for title, tokens in _tables(run):
            named = next((t for t in reversed(title) if is_title(compact(t))), "")
            sided = two_sided_grid(f"表{len(grids) + 1}", title, tokens)
            if sided is not None:  # 收入 | 支出 side by side: each half placed by its 行次, or every cell kept
                grid, lost = sided
                grids.append(grid)
                if lost:
                    notes.append(f"第{tokens[0].line}行起的表格" + (f"（{named}）" if named else "")
                                 + f"有{len(lost)}处半行的数字与表头的列对不上（空白单元格未随文字保存），"
                                 f"未读取：第{'、'.join(map(str, lost))}行")
                continue
            for head, rows in _blocks(*_split_header(tokens)):
                if _performance([*title, *(t.text for t in head), *(r.label.text for r in rows if r.label)]):
                    continue  # a 绩效自评表: the performance reading's (extract/performance.py)
                if not head and not named:
                    continue  # no title, no header: a fragment of what stands above, nothing to name it by
                where = f"第{(head[0].line if head else rows[0].line)}行起的表格" + (f"（{named}）" if named else "")
                built = _grid(f"表{len(grids) + 1}", title, head, rows)
                if built is None:
                    notes.append(f"{where}逐格换行，其表头与数字的列数对不上，未读取")
                    continue
                grid, lost = built
                grids.append(grid)
                if lost:
                    notes.append(f"{where}有{len(lost)}行的数字与表头的列对不上（空白单元格未随文字保存），"
                                 f"这些行未读取：第{'、'.join(map(str, lost))}行")
    return tuple(grids), tuple(notes)


def _runs(lines: tuple[Line, ...]) -> list[list[Token]]:
    """Runs of short cell lines (blank lines between them are nothing) holding enough figures for a table."""
    runs: list[list[Token]] = [[]]
    for group in _groups([ln for ln in lines if ln.raw.strip()]):
        cells = _bar_cells(group) if _bars_part_cells(group) else None
        if cells is None:
            spaced = spaced_cells(group)  # a row to a line, cells parted by spaces
            cells = None if spaced is None else [Token(text, number) for text, number in spaced]
        if cells is None:
            cells = [c for ln in group for c in (_cells(ln.raw.strip(), ln.number) or [])]
        runs[-1] += cells
        runs.append([])
    return [run for run in runs if sum(t.number for t in run) >= _MIN_FIGURES]


def _groups(lines: list[Line]) -> list[list[Line]]:
    """The lines in runs that may be a table's cells: each short, or a row of cells parted by bars."""
    groups: list[list[Line]] = [[]]
    for line in lines:
        if _cells(line.raw.strip(), line.number) is not None or _bar_row(line.raw.strip()):
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _bar_row(text: str) -> bool:
    """A row written on one line, its cells parted by bars, each cell short and no sentence."""
    parts = [p.strip() for p in re.split(r"[|｜]", text)]
    return len(parts) > 1 and all(len(p) <= _CELL and not _SENTENCE.search(_THOUSANDS.sub("", normalise(p)))
                                  for p in parts)


def _bars_part_cells(group: list[Line]) -> bool:
    """Are the bars the cells' partitions (a row's cells on one line: a | b | c; or each cell's text then a
    bar, a blank cell nothing between two bars) rather than each a cell of its own (a `|` for an empty
    cell among cells a line each)? So where a bar stands between words on a line, or begins one before
    its words, or where the lines of words never end in a bar and bars alone stand between them."""
    texts = [ln.raw.strip() for ln in group]
    inner = any(re.search(r"[^|｜\s]\s*[|｜]\s*[^|｜\s]|^[|｜]\s*[^|｜\s]", t) for t in texts)
    words = [t for t in texts if not BARS.match(t)]
    alone = len(texts) - len(words)
    parting = alone >= len(words) / 2 and not any(re.search(r"[|｜]$", t) for t in words)
    return inner or (bool(words) and parting)


def _bar_cells(group: list[Line]) -> list[Token] | None:
    """The cells of lines whose bars part them: the text split at every bar, whatever lines it runs over
    (a blank cell: nothing between two bars, or a line break alone); each cell at the line it stands on."""
    joined, starts = "", []
    for line in group:
        starts.append((len(joined), line.number))
        joined += line.raw.strip() + "\n"
    cells: list[Token] = []
    at = 0
    for part in re.split(r"[|｜]", joined):
        # words on lines of their own between two bars (a title, the unit, a label) are cells each
        pieces = [(m.group().strip(), at + m.start()) for m in re.finditer(r"[^\n]*\S[^\n]*", part)] or [("", at)]
        at += len(part) + 1
        for text, offset in pieces:
            if len(text) > _CELL or _SENTENCE.search(_THOUSANDS.sub("", normalise(text))):
                return None
            cells.append(Token(text, next(n for start, n in reversed(starts) if start <= offset)))
    while cells and not cells[-1].text:
        cells.pop()  # the bar that ends the last row
    return cells


def _cells(text: str, number: int) -> list[Token] | None:
    """The cells a line holds (a `|` alone: an empty cell each), or None when it is no cell but text."""
    if BARS.match(text):
        return [Token("", number)] * len(text)
    text = text.removesuffix("|").removesuffix("｜").strip()
    if re.search(r"[|｜]", text) or len(text) > _CELL or _SENTENCE.search(_THOUSANDS.sub("", normalise(text))):
        return None  # a row written on one line, or a sentence
    return [Token(text, number)]


def _tables(run: list[Token]) -> list[tuple[list[str], list[Token]]]:
    """The run cut at every title (a short line ending in 表); each table with its title and meta lines."""
    out: list[tuple[list[str], list[Token]]] = []
    title: list[str] = []
    tokens: list[Token] = []
    for t in run:
        words = compact(t.text)
        if is_title(words):
            if any(x.number for x in tokens):
                out.append((title, tokens))
                title, tokens = [], []
            elif tokens:  # a title over a title: the first one's cells were its furniture
                title += [x.text for x in tokens if x.text]
                tokens = []
            title.append(t.text)
            continue
        if not any(x.number for x in tokens) and (_META.match(words) or _unit_line(words) or NOTE.match(words)):
            title.append(t.text)  # 编制单位, 金额单位, 公开01表 above the header: the table's furniture
            continue
        tokens.append(t)
    if any(x.number for x in tokens):
        out.append((title, tokens))
    return out


def _performance(texts: list[str]) -> bool:
    """A project's 绩效自评表, by its title or its budget or indicator header."""
    words = {compact(normalise(t)) for t in texts}
    return any("自评" in w for w in words) or any(need <= words for need in _PERFORMANCE_HEADS)


def _unit_line(words: str) -> bool:
    return bool(re.match(r"^(?:金额)?单位[:：]?\s*(?:万元|元|亿元|千元)$", words))


@dataclass
class _Row:
    code: Token | None
    label: Token | None
    cells: list[Token]  # the figures and empty cells after the label

    @property
    def figures(self) -> list[Token]:
        return [c for c in self.cells if c.number]

    @property
    def line(self) -> int:
        return (self.label or self.code or self.cells[0]).line


def _columns(head: list[Token], rows: list[_Row]) -> tuple[int, tuple[list[str], list[list[str]]]] | None:
    """How many figure columns the table has and its header's paths: as many as most rows hold cells
    (where empty cells were kept) or figures, whichever the header's cells are surest to be. A count of
    cells no row fills with figures is none (a `|` after every row, a colspan's filler) unless every row
    holds that many and blanks stand before figures."""
    figured = [r for r in rows if r.figures]
    counts = [Counter(len(r.cells) for r in figured), Counter(len(r.figures) for r in figured)]
    # every row as many cells, a blank before a figure in some: a column left blank throughout, no filler
    inner = any(not a.number and b.number for r in figured for a, b in zip(r.cells, r.cells[1:]))
    filled = {len(r.figures) for r in figured} | ({len(figured[0].cells)} if len(counts[0]) == 1 and inner else set())
    found = []
    for width in dict.fromkeys(c.most_common(1)[0][0] for c in counts if c and c.most_common(1)[0][0] in filled):
        header = _header([t.text for t in head if t.text], width)
        if header is None or any(_NAME_LEAF.match(compact(p[-1])) for p in header[1]):
            continue  # no such header, or two halves side by side (项目 | 金额 | 项目 | 金额)
        if 2 * sum(_placed(r, width) is not None for r in figured) >= len(figured):
            found.append((header[2], width, header[:2]))
    if not found:
        return None
    _, width, header = max(found, key=lambda f: f[0])  # the first (cells) on a tie
    return width, header


def _label_columns(rows: list[_Row]) -> int:
    return 2 if any(r.code for r in rows) else 1


def _blocks(head: list[Token], rows: list[_Row]) -> list[tuple[list[Token], list[_Row]]]:
    """A table cut where a second header stands among its rows (rows without figures whose labels
    name columns: 2022年决算数, 2023年预算数 …): each part under its own header."""
    blocks = [(head, [])]
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and not rows[j].cells and rows[j].code is None and rows[j].label:
            j += 1
        labels = [r.label.text for r in rows[i:j]]
        leaves = [x for x in labels if _LEAF.search(compact(x))]
        # columns named beyond doubt, or a label column's heading (使用项目) with the columns after it
        named = (len(leaves) >= 2 and all(_LEAF.search(compact(x)) for x in labels[-2:])) \
            or any(_NAMED_HEAD.search(compact(x)) for x in labels[:-1])
        if j < len(rows) and named and _header(list(labels), len(rows[j].figures)) is not None:
            blocks.append(([r.label for r in rows[i:j]], []))
            i = j
        blocks[-1][1].extend(rows[i:max(j, i + 1)])
        i = max(j, i + 1)
    return [(h, r) for h, r in blocks if any(x.figures for x in r)]


def _grid(name: str, title: list[str], head: list[Token], rows: list[_Row]) -> tuple[Grid, list[int]] | None:
    """The table as a grid, and the lines of its rows whose figures could not be placed."""
    found = _columns(head, rows)
    if found is None:
        return None
    width, header = found
    coded = _label_columns(rows) == 2
    labels, leaves = header
    label_heads = (["科目编码"] if coded else []) + [labels[-1] if labels else "项目"]
    first = len(label_heads)
    n = first + width
    top = [tuple(label_heads) + tuple(p[0] for p in leaves)]
    grouped = any(len(p) > 1 for p in leaves)
    if grouped:
        top.append(("",) * first + tuple(p[-1] if len(p) > 1 else "" for p in leaves))
    cells: list[tuple[Value, ...]] = [(t,) + ("",) * (n - 1) for t in title] + top
    refs: list[tuple[str, ...]] = [("",) * n for _ in cells]
    unread: set[str] = set()
    for row in rows:
        placed = _placed(row, width)
        firsts = ([row.code] if coded else []) + [row.label]
        at = [t or Token("", row.line) for t in firsts] + [c or Token("", row.line) for c in (placed or [None] * width)]
        cells.append(tuple(t.text if t and not t.blank else "" for t in firsts)
                     + tuple(c.text if c and not c.blank else "" for c in (placed or [None] * width)))
        refs.append(tuple(f"第{t.line}行" for t in at))
        if placed is None:
            unread |= {f"{column_letter(c)}{len(cells)}" for c in range(first, n)}
    merges = _merges(len(title), leaves, first) if grouped else ()
    grid = Grid(name, tuple(cells), merges, frozenset(unread), refs=tuple(refs),
                unread_why="此行的数字与表头的列对不上（空白单元格未随文字保存），未读取")
    return grid, [r.line for r in rows if r.figures and _placed(r, width) is None]


def _placed(row: _Row, width: int) -> list[Token | None] | None:
    """The row's cells in the header's columns, or None when they cannot be placed."""
    figures = row.figures
    if len(row.cells) == width:
        return list(row.cells)  # figures and empty cells, each in its column
    if len(figures) == width:
        return figures  # every column has its figure; the empty cells were the row's end
    return None


def _split_header(tokens: list[Token]) -> tuple[list[Token], list[_Row]]:
    """The header's cells (those before the first row) and the rows, each from its label on."""
    rows: list[_Row] = []
    first = next((j for j, t in enumerate(tokens) if t.number and not _is_code_at(tokens, j)), None)
    if first is None:
        return [], []
    # the first row starts at the code or the label before its first figure (a column's name is no label)
    start = first
    blanks = start
    while blanks > 0 and tokens[blanks - 1].text == "":
        blanks -= 1  # the row's blank cells before its first figure (一、支出合计␣␣␣250000: 上年 blank)
    if blanks < start and blanks > 0 and _label_like(tokens[blanks - 1]):
        start = blanks
    if start > 0 and _label_like(tokens[start - 1]):
        start -= 1
        if start > 0 and _is_code_at(tokens, start - 1):
            start -= 1
    head, i = tokens[:start], start
    while i < len(tokens):
        t = tokens[i]
        code = label = None
        if _is_code_at(tokens, i):
            code, i = t, i + 1
            t = tokens[i]
        if not t.number and t.text and not t.blank:
            label, i = t, i + 1
        elif code is None and rows:
            rows[-1].cells.append(t)  # a figure or empty cell after a full row: its own row has no label
            i += 1
            continue
        cells = []
        while i < len(tokens) and (tokens[i].number or tokens[i].blank) and not _is_code_at(tokens, i):
            cells.append(tokens[i])
            i += 1
        rows.append(_Row(code, label, cells))
    return head, [r for r in rows if not (r.label and compact(r.label.text) in ("栏次", "行次"))]


def _is_code_at(tokens: list[Token], i: int) -> bool:
    """A 科目 code: three, five or seven digits right before a row's name."""
    t = tokens[i]
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    before = next((x for x in reversed(tokens[:i]) if x.line != t.line or x.text), None)
    if before is not None and before.line == t.line:
        return False  # a figure after words on its line (公务接待人数␣␣␣500), not a code opening a row
    return bool(CODE_CELL.match(t.text)) and after is not None and bool(after.text) and not after.number


def _label_like(token: Token) -> bool:
    return not token.number and bool(token.text) and not _column_like(token.text)


def _column_like(text: str) -> bool:
    words = compact(text)
    return bool(_COLUMN_WORD.search(words)) and not ROW_LABEL.match(words)


def _header(head: list[str], width: int) -> tuple[list[str], list[list[str]], int] | None:
    """The label columns' headings, each figure column's path (group, leaf) and how sure the reading is,
    or None when the header's cells cannot be the ``width`` columns: one row of leaves (sure: 3), or a
    row of cells and groups over a second row of leaves — groups over the same leaves each (2), one
    heading that says it has parts, 其中 or 增减情况 (1), one over a 合计 and its parts (0)."""
    head, labels = list(head), []
    while head and len(labels) < 3 and _LABEL_HEAD.search(compact(head[0])) and len(head) > width:
        labels.append(head.pop(0))
    n = len(head)
    if n == width:
        return labels, [[h] for h in head], 3
    groups = n - width
    if groups <= 0:
        return None
    for s in range(n - 2 * groups, groups - 1, -1):  # the groups' row ends at s; the leaves follow
        leaves = head[s:]
        if len(leaves) % groups:
            continue
        span = len(leaves) // groups
        under = [leaves[g * span:(g + 1) * span] for g in range(groups)]
        if span < 2 or (groups > 1 and any(u != under[0] for u in under)):
            continue
        row1 = head[:s]
        sure = 2 if groups > 1 else 1 if _GROUP.search(compact(row1[-1])) else \
            0 if any(compact(leaf) in ("合计", "小计") for leaf in under[0]) else -1
        if sure < 0:
            continue  # one heading over leaves that are not its parts: a column lost, not a group
        out = [[h] for h in row1[:s - groups]]
        for g, group in enumerate(row1[s - groups:]):
            out += [[group, leaf] for leaf in under[g]]
        return labels, out, sure
    return None


def _merges(top: int, leaves: list[list[str]], first: int) -> tuple:
    """In a header of two rows: a label's cell and a leaf without group span both rows; a group's
    cell spans its leaves (so the header's paths read group/leaf)."""
    out = [((top, c), (top + 1, c)) for c in range(first)]
    c = 0
    while c < len(leaves):
        end = c
        if len(leaves[c]) == 1:
            out.append(((top, first + c), (top + 1, first + c)))
        else:
            while end + 1 < len(leaves) and len(leaves[end + 1]) > 1 and leaves[end + 1][0] == leaves[c][0]:
                end += 1
            if end > c:
                out.append(((top, first + c), (top, first + end)))
        c = end + 1
    return tuple(out)
