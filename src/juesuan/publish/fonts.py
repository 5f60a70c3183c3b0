"""Where the CJK font lives: the OFL Noto Sans CJK file shipped by the noto-cjk-sans-otc wheel
(no system font is assumed). Used by the charts and by the pages' embedded font subset."""

from __future__ import annotations

from importlib.resources import files

CJK_FAMILY = "Noto Sans CJK SC"


def cjk_font_path() -> str:
    return str(files("noto_cjk_sans_otc").joinpath("NotoSansCJK-Regular.ttc"))
