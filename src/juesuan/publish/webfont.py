"""Embed the CJK characters a page uses as a small web font, so that it renders the same on
any machine, even one without Chinese fonts (a subset of the OFL font the charts use)."""

from __future__ import annotations

import base64
import io
import re
from functools import cache
from html.parser import HTMLParser

from .fonts import CJK_FAMILY, cjk_font_path

FAMILY = "juesuan-cjk"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chars: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        for name, value in attrs:
            if name in ("alt", "title") and value:
                self.chars.update(value)

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.chars.update(data)


def page_characters(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(sorted(c for c in parser.chars if ord(c) > 0x2000))


@cache
def _font_number() -> tuple[str, int]:
    from fontTools.ttLib import TTCollection

    path = cjk_font_path()
    names = [f["name"].getDebugName(1) for f in TTCollection(path, lazy=True).fonts]
    return path, names.index(CJK_FAMILY)


def _options():
    from fontTools import subset

    options = subset.Options()
    options.flavor, options.font_number = "woff", _font_number()[1]  # hints kept: dropping them costs 0.15 s
    options.layout_features, options.name_IDs = [], [1, 2]
    # Horizontal text without OpenType features: the layout and vertical tables are never used,
    # and decoding GSUB/GPOS alone took a third of the subset's time.
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx"]
    return options


def load_font():
    """The parsed CJK face, ready for one subset.

    fontTools reads tables lazily: decode them here, so that the slow part of a subset can run
    ahead (in a thread while the kernel works) and the subset itself takes a fraction of it.
    """
    from fontTools import subset

    options = _options()
    font = subset.load_font(_font_number()[0], options)
    for tag in font.keys():  # noqa: SIM118 — a TTFont is not iterable
        if tag != "GlyphOrder" and tag not in options.drop_tables:  # the subset drops those unread
            font[tag]  # noqa: B018 — decoding is the point
    cff = font["CFF "].cff
    cff[cff.fontNames[0]].CharStrings  # noqa: B018
    return font


def subset_woff(characters: str, font=None) -> bytes:
    """A WOFF of just these characters; ``font`` is a fresh load_font() (it is consumed)."""
    from fontTools import subset

    font = font if font is not None else load_font()
    options = _options()
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def embed_font(html: str, font=None) -> str:
    """The page with an @font-face for exactly the non-Latin characters it shows."""
    return embed_fonts([html], font)[0]


def embed_fonts(pages: list[str], font=None) -> list[str]:
    """Each page with an @font-face for the non-Latin characters the pages show between them: one
    subset for all (a parsed font serves one subset, and parsing is the slow part)."""
    chars = "".join(sorted(set().union(*(page_characters(html) for html in pages)))) if pages else ""
    if not chars:
        return list(pages)
    data = base64.b64encode(subset_woff(chars, font)).decode()
    face = (f'<style>@font-face{{font-family:"{FAMILY}";src:url(data:font/woff;base64,{data}) format("woff");}}'
            # nbconvert's lab theme sets fonts on inner containers: override them all
            # (the subset holds only CJK characters: Latin ones fall through to the next family)
            f'body,body *{{font-family:"{FAMILY}",system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",'
            f'"PingFang SC","Microsoft YaHei",sans-serif!important}}</style>')
    return [re.sub(r"</head>", lambda _m: face + "</head>", html, count=1) for html in pages]
