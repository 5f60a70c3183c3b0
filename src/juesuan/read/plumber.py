"""pdfplumber's page objects, built faster with the same result.

pdfplumber turns each of pdfminer's layout objects into a dict, resolving every attribute through
``resolve_all`` (a recursive walk made for PDF references). On a page of tables most attributes are
plain numbers, strings or tuples of them, and that walk is two fifths of the page's parse
(a 12-page table file: 0.058 s of 0.145 s). ``fast_page`` gives a page a ``process_object`` that
returns such values as they are and leaves the rest to ``resolve_all``: the dicts are equal to
pdfplumber's own (tests/test_read_pdf_speed.py compares them on every real sample page).
The copy follows pdfplumber 0.11.10's ``Page.process_object`` (pinned in pyproject.toml). Imported
only where tables are read (pdfplumber is slow to import).
"""

from __future__ import annotations

from types import MethodType
from typing import Any
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar, LTCurve, LTTextContainer
from pdfplumber.page import ALL_ATTRS, fix_fontname_bytes
from pdfplumber.utils import resolve_all, resolve_and_decode

_PLAIN = frozenset((float, int, str, bool, bytes, type(None)))


def _resolved(value: Any) -> Any:
    """``resolve_all(value)``, without the walk when nothing in it can be a reference."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple and all(type(v) in _PLAIN for v in value):
        return value
    return resolve_all(value)


def _colour_space(name: Any, cache: dict[str, str] = {}) -> Any:  # noqa: B006 — a cache on purpose
    """``resolve_and_decode`` of a colour space's name: decoded once per name, not once per glyph."""
    if type(name) is not str:
        return resolve_and_decode(name)
    if name not in cache:
        cache[name] = resolve_and_decode(name)
    return cache[name]


def _kind(cls: type, cache: dict[type, str] = {}) -> str:  # noqa: B006 — a cache on purpose
    if cls not in cache:
        name = cls.__name__
        cache[cls] = (name[2:] if name.startswith("LT") else name).lower()
    return cache[cls]


def _process_object(self, obj) -> dict:
    """pdfplumber's ``Page.process_object``, with ``_resolved`` for ``resolve_all``."""
    attr = {k: v if type(v) in _PLAIN else _resolved(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
    attr["object_type"] = _kind(obj.__class__)
    attr["page_number"] = self.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            attr[cs] = _colour_space(getattr(obj, cs).name)
    if isinstance(obj, (LTChar, LTTextContainer)):
        text = obj.get_text()
        attr["text"] = normalize_unicode(self.pdf.unicode_norm, text) if self.pdf.unicode_norm is not None else text
    if isinstance(obj, LTChar):
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
    elif isinstance(obj, LTCurve):
        attr["pts"] = list(map(self.point2coord, attr["pts"]))
        attr["path"] = [(cmd, *map(self.point2coord, pts)) for cmd, *pts in obj.original_path]
        attr["dash"] = obj.dashing_style
    mb_x0, mb_top = self.mediabox[:2]
    if "y0" in attr:
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def fast_page(page):
    """The pdfplumber page, its objects built by ``_process_object`` (before they are first asked for)."""
    page.process_object = MethodType(_process_object, page)
    return page
