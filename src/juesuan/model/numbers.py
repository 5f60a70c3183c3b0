"""Amounts, percents and units: the one place numbers are read from text."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

# 1,050.28 | 1050.28 | 0 — thousands separators only in groups of three.
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# NUMBER at the start of a pattern that ends in a unit (a non-digit): the same matches, without trying
# again from inside a number where none can start. A plain number that fails from the first digit of a
# run fails from every later one (the run from its first digit would match wherever the shorter one
# does), so none starts after a digit. Nor does a thousands-separated one after "ddd," (it would match
# from those three digits already), nor after a digit unless three digits and a "," follow (from the
# digit before, one to three digits would match as well): 1234,567万元 reads 234,567, as it did. Tried
# from each digit, a run of n digits cost n² steps (6,400 digits: 4 s), and so did 1,234,234,….
NUMBER_FIRST = r"(?:(?<!\d)|(?=\d{3},))(?<!\d{3},)\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<!\d)\d+(?:\.\d+)?"
# 1000.86万, 2.5亿。 — 万 or 亿 without its 元, before a mark that ends a clause (not 万人, 万平方米, 万余; not a
# page's last word, 支出总计668万, where the text may be cut inside the figure): 万元, 亿元
MONEY = r"亿元|万元|元|万(?=[,，。;；、()（）])|亿(?=[,，。;；、()（）])"
AMOUNT = re.compile(rf"(?P<num>{NUMBER_FIRST})\s*(?P<unit>{MONEY})")
PERCENT = re.compile(rf"(?P<num>{NUMBER_FIRST})\s*%")
# right after an amount, what makes it a threshold and no figure (单价100万元以上, 50万元以内)
THRESHOLD_AFTER = re.compile(r"\s*(?:\(含\))?(?:以上|以下|以内)")
# a table cell's number: as NUMBER, or with its last thousands separators only (120258,600 — a 上海 template's
# 元 tables print them so)
BARE_NUMBER = re.compile(rf"^\s*(?P<num>-?(?:\d+(?:,\d{{3}})+(?:\.\d+)?|{NUMBER}))\s*(?P<pct>%)?\s*$")

_TO_WANYUAN = {"元": 1e-4, "万元": 1.0, "亿元": 1e4, "万": 1.0, "亿": 1e4}
DECREASE_WORDS = ("减少", "下降", "降低", "节约", "降幅", "减")
INCREASE_WORDS = ("增加", "增长", "上升", "提高", "增")


def parse_number(s: str) -> float:
    return float(s.replace(",", ""))


def to_wanyuan(value: float, unit: str) -> float:
    """Convert an amount in 元, 万元 or 亿元 to 万元 (the unit of every table)."""
    return round(value * _TO_WANYUAN[unit], 8)


def written_figures(text: str) -> list[tuple[re.Match, float]]:
    """Each amount (in 万元) and each rate a text writes, with its match: what a line states, to be held by
    what was read of it."""
    return [(m, to_wanyuan(parse_number(m["num"]), m["unit"])) for m in AMOUNT.finditer(text)] \
        + [(m, parse_number(m["num"])) for m in PERCENT.finditer(text)]


def signed(value: float, words: str) -> float:
    """Apply the sign the last change word carries: 减少/下降 … make the figure negative."""
    dec = max(words.rfind(w) for w in DECREASE_WORDS)
    inc = max(words.rfind(w) for w in INCREASE_WORDS)
    return -value if dec > inc else value


_WRITTEN = re.compile(NUMBER)


def find_written(text: str, value: float, start: int = 0, tolerance: float = 1e-6) -> re.Match | None:
    """Where a figure is written in a text: the first number, at or after ``start``, whose value is
    ``value`` (its absolute value: a decrease is written without its sign)."""
    for m in _WRITTEN.finditer(text, start):
        if abs(parse_number(m.group()) - abs(value)) < tolerance:
            return m
    return None


class Written:
    """The numbers a text writes, in order and by value: where a figure is written, found without
    scanning the text again for each figure (``find_written`` does; a line of n figures looked up one
    by one cost n² parses). ``find`` answers as ``find_written`` does."""

    def __init__(self, text: str):
        self.text = text
        self.matches = list(_WRITTEN.finditer(text))
        self.starts = [m.start() for m in self.matches]
        where: dict[float, list[int]] = {}
        for i, m in enumerate(self.matches):
            where.setdefault(parse_number(m.group()), []).append(i)
        self.values = sorted(where)  # each value once, with the indices of the numbers that write it
        self.where = where

    def find(self, value: float, start: int = 0, tolerance: float = 1e-6) -> re.Match | None:
        """The first number at or after ``start`` whose value is ``value`` (its absolute value)."""
        i = bisect_left(self.starts, start)
        if i and self.matches[i - 1].end() > start:  # start inside a number: read from there, as written
            return find_written(self.text, value, start, tolerance)
        target, best = abs(value), None
        # the values within the tolerance (a margin either side: x - tolerance is itself rounded)
        at = bisect_left(self.values, target - 2 * tolerance)
        while at < len(self.values) and self.values[at] <= target + 2 * tolerance:
            v = self.values[at]
            at += 1
            if abs(v - target) < tolerance:
                indices = self.where[v]
                j = bisect_left(indices, i)
                if j < len(indices) and (best is None or indices[j] < best):
                    best = indices[j]
        return None if best is None else self.matches[best]


@lru_cache(maxsize=256)
def written_in(text: str) -> Written:
    """The numbers of a text, read once for all the figures looked up in it (rows share their line)."""
    return Written(text)


def decimals(written: str) -> int:
    """The decimals a number is written with: 5,000.60 has two (its value is the float 5000.6)."""
    return len(written.split(".")[1]) if "." in written else 0


def parse_cell(s: str) -> float | None:
    """A table cell as a number (percent cells as percent numbers); None if not a number."""
    m = BARE_NUMBER.match(s)
    return parse_number(m["num"]) if m else None
