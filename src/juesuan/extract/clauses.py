"""A sentence as clauses, each with a role — the structure a figure's subject is read from.

A line is cut into sentences (at 。 and ;), and a sentence into clauses by the cue words of
reference/cues.csv:
- ``cause``: an explanation (主要原因：…, 主要是由于…) to the sentence's end (。) — it explains the
  statement before it; a figure in it belongs to a subject the clause itself names, or to none;
- ``purpose``: what money was for (主要用于…) to the clause's end (; or 。) — it names no subject;
- ``item``: one of the parts listed after 其中 (A持平；B持平；C减少0.15万元), each its own subject;
- ``statement``: the rest.
Cue words are data: a new template's phrasing is a row of cues.csv, not a branch here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ..reference import cues

# How a fact's subject was found (Fact.attach): named in the figure's own sentence; carried over from a
# sentence (or line) before; the figure stands in an explanation whose clause names no subject; or (a
# 功能分类 line) its code found by a name like, not equal to, the code's own. Only NAMED is certain.
NAMED, CARRIED, CAUSE, SIMILAR = "named", "carried", "cause", "similar"
UNSECTIONED = "unsectioned"  # named, in a report none of whose sections was found: of which funds, not known
CERTAIN = frozenset({NAMED})

_SENTENCE = re.compile(r"[;。]")
_ROLES = ("cause", "purpose", "parts")


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    role: str  # statement | cause | purpose | item


@cache
def _cue_finder() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern for every clause cue, longest first (主要是用于 is a purpose, 主要是 a cause)."""
    role_of = {c: role for role in _ROLES for c in cues(role)}
    words = sorted(role_of, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), role_of


def clauses(text: str) -> list[Clause]:
    """The clauses of a line, in order, covering it; a line without cues is one statement per sentence."""
    finder, role_of = _cue_finder()
    stops = [m.end() for m in _STOP.finditer(text)]  # just after each 。
    out: list[Clause] = []
    listing = False  # after 其中, to the sentence's end: each ;-piece is an item
    for a, b, stop in _pieces(text):
        role, at = ("item" if listing else "statement"), a
        for m in finder.finditer(text, a, b):
            cue = role_of[m.group()]
            out.append(Clause(at, m.start(), role))
            if cue == "parts":
                listing, role, at = True, "item", m.start()
                continue
            # a cause runs to the sentence's end (its 一是…；二是… too), a purpose to its clause's end
            at = _sentence_end(text, m.start(), stops) if cue == "cause" else b
            out.append(Clause(m.start(), at, cue))
            break
        out.append(Clause(at, b, role))
        if stop == "。":
            listing = False
    return _join_causes([c for c in out if c.end > c.start])


def _pieces(text: str) -> list[tuple[int, int, str]]:
    """(start, end, the mark that ends it) of each ;- or 。-ended piece, the mark kept in the piece."""
    out, a = [], 0
    for m in _SENTENCE.finditer(text):
        out.append((a, m.end(), m.group()))
        a = m.end()
    if a < len(text):
        out.append((a, len(text), ""))
    return out


_STOP = re.compile("。")


def _sentence_end(text: str, at: int, stops: list[int]) -> int:
    """Just after the first 。 at or after ``at`` (``stops``: just after each 。 of the text), else the end."""
    i = bisect_left(stops, at + 1)
    return stops[i] if i < len(stops) else len(text)


def _join_causes(parts: list[Clause]) -> list[Clause]:
    """Pieces inside a cause (its ;-items) belong to it: drop what a cause already covers."""
    out: list[Clause] = []
    for c in parts:
        if out and out[-1].role == "cause" and c.start < out[-1].end:
            if c.end > out[-1].end:
                out.append(Clause(out[-1].end, c.end, c.role))
            continue
        out.append(c)
    return out


def clause_at(parts: list[Clause], at: int) -> Clause | None:
    return next((c for c in parts if c.start <= at < c.end), None)


class Clauses(list):
    """A line's clauses, for the many figures of the line: the one a figure stands in found by bisection
    (looking at each clause for each figure was n² steps on a line of n figures). Clauses in order that
    do not overlap, as ``clauses`` gives them; any others are looked at one by one, as ``clause_at``."""

    def __init__(self, parts: list[Clause]):
        super().__init__(parts)
        self.starts = [c.start for c in parts]
        self.apart = all(a.end <= b.start for a, b in zip(parts, parts[1:]))

    def at(self, at: int) -> Clause | None:
        """``clause_at``."""
        if not self.apart:
            return clause_at(self, at)
        i = bisect_right(self.starts, at) - 1
        return self[i] if i >= 0 and at < self[i].end else None

    def attach(self, subject_at: int | None, figure_at: int, ends: Sequence[int]) -> str:
        """``attach_of`` on the line whose sentences end just before each of ``ends`` (in order)."""
        here = self.at(figure_at)
        if here is not None and here.role in ("cause", "purpose"):
            return NAMED if subject_at is not None and subject_at >= here.start else CAUSE
        if subject_at is None:
            return CARRIED
        if here is not None and here.role == "item":
            return NAMED if subject_at >= here.start else CARRIED
        i = bisect_left(ends, subject_at + 1)  # a sentence ends between the subject and the figure
        return CARRIED if i < len(ends) and ends[i] <= figure_at else NAMED


def attach_of(parts: list[Clause], subject_at: int | None, figure_at: int, text: str) -> str:
    """How a figure at ``figure_at`` is attached to a subject named at ``subject_at`` (None: the subject
    came from a line before): named when the subject stands in the figure's own sentence — in its own
    clause if the figure is in an explanation or a list item —, cause when an explanation's figure has no
    subject of its own, carried otherwise."""
    return Clauses(parts).attach(subject_at, figure_at, [m.end() for m in _SENTENCE.finditer(text)])
