"""Text from a document that a spreadsheet would take for a formula (CSV injection).

A report downloaded from the web may hold a line such as ``=HYPERLINK("http://…","点击")&"…"``.
Written as it is into a CSV, Excel and WPS evaluate it when a colleague opens the file. OWASP's
rule: a field that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is written
with a single quote ``'`` in front, which the spreadsheet shows and does not evaluate.

So that the CSVs still give back the text as written, the rule is made reversible: a field that
starts with quotes followed by one of those characters (``'=…``, ``''-5``) gets one more quote too,
and reading (``restore``) takes one quote off every field that starts with quotes followed by one
of them; every other field is written and read unchanged. Only text is touched: numbers stay
numbers (a figure of −5 in a number column is written -5). docs/DATA_CONTRACT.md states the rule.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

QUOTE = "'"
_FORMULA_START = re.compile(r"'*[=+\-@\t\r]")  # quotes (none or more), then what starts a formula


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet would evaluate, or that starts with quotes before such text."""
    return _FORMULA_START.match(text) is not None


def neutralise(text: str) -> str:
    return QUOTE + text if looks_like_formula(text) else text


def restore(text: str) -> str:
    """The inverse of ``neutralise``: restore(neutralise(t)) == t for every text t."""
    return text[1:] if text.startswith(QUOTE) and looks_like_formula(text) else text


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return _map_text(frame, neutralise)


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return _map_text(frame, restore)


def _map_text(frame: pd.DataFrame, function) -> pd.DataFrame:
    """``function`` applied to every string of the frame's text columns (a copy; numbers untouched)."""
    import pandas as pd

    text = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if not text:
        return frame
    out = frame.copy()
    for column in text:
        out[column] = frame[column].map(lambda v: function(v) if isinstance(v, str) else v)
    return out
