"""Amounts, percents and units: the one place numbers are read from text."""

from __future__ import annotations

import re

# 1,050.28 | 1050.28 | 0 — thousands separators only in groups of three.
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
AMOUNT = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>亿元|万元|元)")
PERCENT = re.compile(rf"(?P<num>{NUMBER})\s*%")
BARE_NUMBER = re.compile(rf"^\s*(?P<num>-?(?:{NUMBER}))\s*(?P<pct>%)?\s*$")

_TO_WANYUAN = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}
DECREASE_WORDS = ("减少", "下降", "降低", "节约", "降幅", "减")
INCREASE_WORDS = ("增加", "增长", "上升", "提高", "增")


def parse_number(s: str) -> float:
    return float(s.replace(",", ""))


def to_wanyuan(value: float, unit: str) -> float:
    """Convert an amount in 元, 万元 or 亿元 to 万元 (the unit of every table)."""
    return round(value * _TO_WANYUAN[unit], 8)


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


def decimals(written: str) -> int:
    """The decimals a number is written with: 5,000.60 has two (its value is the float 5000.6)."""
    return len(written.split(".")[1]) if "." in written else 0


def parse_cell(s: str) -> float | None:
    """A table cell as a number (percent cells as percent numbers); None if not a number."""
    m = BARE_NUMBER.match(s)
    return parse_number(m["num"]) if m else None
