"""Interval arithmetic for figures rounded to two decimals.

A stated 1050.28 stands for any true value in [1050.275, 1050.285]. Computing with intervals
gives every result the rounding of the inputs can explain; a stated figure is an error only
when its own interval and the computed one do not meet.
"""

from __future__ import annotations

from dataclasses import dataclass

HALF_CENT = 0.005  # half a unit of the second decimal
EPS = 1e-9  # float noise


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @staticmethod
    def stated(value: float, half: float = HALF_CENT) -> Interval:
        return Interval(value - half, value + half)

    @staticmethod
    def exact(value: float) -> Interval:
        return Interval(value, value)

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def ratio(self, other: Interval, scale: float = 100.0) -> Interval | None:
        """scale · self / other; None when other may be 0 (no ratio can be checked)."""
        if other.lo <= 0 <= other.hi:
            return None
        quotients = [a / b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(scale * min(quotients), scale * max(quotients))

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi + EPS and other.lo <= self.hi + EPS


def total(intervals) -> Interval:
    out = Interval.exact(0.0)
    for i in intervals:
        out = out + i
    return out
