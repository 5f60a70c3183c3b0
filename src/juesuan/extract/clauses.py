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
from dataclasses import dataclass
from functools import cache

from ..reference import cues

# How a fact's subject was found (Fact.attach): named in the figure's own sentence; carried over from a
# sentence (or line) before; the figure stands in an explanation whose clause names no subject; or (a
# 功能分类 line) its code found by a name like, not equal to, the code's own. Only NAMED is certain.
NAMED, CARRIED, CAUSE, SIMILAR = "named", "carried", "cause", "similar"
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
            at = _sentence_end(text, m.start()) if cue == "cause" else b
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


def _sentence_end(text: str, at: int) -> int:
    end = text.find("。", at)
    return len(text) if end < 0 else end + 1


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


def attach_of(parts: list[Clause], subject_at: int | None, figure_at: int, text: str) -> str:
    """How a figure at ``figure_at`` is attached to a subject named at ``subject_at`` (None: the subject
    came from a line before): named when the subject stands in the figure's own sentence — in its own
    clause if the figure is in an explanation or a list item —, cause when an explanation's figure has no
    subject of its own, carried otherwise."""
    here = clause_at(parts, figure_at)
    if here is not None and here.role in ("cause", "purpose"):
        return NAMED if subject_at is not None and subject_at >= here.start else CAUSE
    if subject_at is None:
        return CARRIED
    if here is not None and here.role == "item":
        return NAMED if subject_at >= here.start else CARRIED
    return CARRIED if _SENTENCE.search(text, subject_at, figure_at) else NAMED
