"""One department, however it is written: in full or short (上海市普陀区财政局 / 普陀区财政局), with or
without its 部门/单位 scope or a trailing 本级; and what a file's own name says when its document
does not. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reference import in_short

SAME, DOUBTFUL, DIFFERENT = "same", "doubtful", "different"
# where a longer name may differ from a shorter one and still be the same department: places before it
_PLACE_END = re.compile(r"(省|市|区|县|州|盟|旗|镇|乡|街道|自治区|特别行政区|中共)$")
_OWN_PLACE = re.compile(r"^[^省市区县州盟旗镇乡]+(省|市|区|县|州|盟|旗|镇|乡)")  # 普陀区… names its place; 区政府办公室 does not
_SCOPE_END = re.compile(r"(本级|部门|单位)$")
_BRACKETED_END = re.compile(r"[（(【\[][^（）()【】\[\]]*[)）】\]]$")


def plain_name(name: str) -> str:
    """A department's name as the manifest gives it: without spaces or a trailing scope (部门, 单位,
    本级, （本级） — in any order): 上海市普陀区社会福利院单位 → 上海市普陀区社会福利院."""
    return _strip(re.sub(r"\s+", "", str(name or "")), lambda b: "本级" in b)


def _strip(name: str, bracket_goes) -> str:
    while True:
        remark = _BRACKETED_END.search(name)
        shorter = _SCOPE_END.sub("", name[: remark.start()] if remark and bracket_goes(remark.group()) else name)
        if shorter == name:
            return name
        name = shorter


def name_key(name: str) -> str:
    """A name as compared: its plain name with a trailing remark in brackets set aside (社会事业局(含卫计、教育))
    and its long forms read short (reference/short_forms.csv: 人民政府 as 政府, 人民代表大会常务委员会 as 人大常委会)."""
    return in_short(_strip(plain_name(name), lambda b: True))


def compare(a: str, b: str) -> str:
    """SAME when one name is the other, or the other with the places before it (上海市 + 普陀区财政局);
    DOUBTFUL when one lies inside the other otherwise (上海市普陀区人民政府 / 上海市普陀区人民政府办公室),
    or the shorter names no place of its own (财政局, 区政府办公室: any district's); DIFFERENT when
    neither holds the other."""
    x, y = name_key(a), name_key(b)
    if not x or not y:
        return DIFFERENT
    if x == y:
        return SAME
    short, long = sorted((x, y), key=len)
    if short not in long:
        return DIFFERENT
    if len(short) >= 3 and long.endswith(short):
        rest = long[: -len(short)]
        if _PLACE_END.search(rest) and _OWN_PLACE.match(short):
            return SAME
    return DOUBTFUL


def fuller(a: str, b: str) -> str:
    """Of two names of one department, the one that says more (the full name goes in the manifest)."""
    return max((plain_name(a), plain_name(b)), key=lambda n: (len(name_key(n)), len(n), n))


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def folder_name(department: str) -> str:
    """A folder name for a department: its name, without characters a file system refuses."""
    return _UNSAFE.sub("", department).strip(" .")[:80] or "部门"


# What a file's name may say, read only when its document says nothing (and said so)
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-9]\d)(?!\d)")
_KIND = re.compile(r"(部门|单位)?(决算批复|决算|预算)")
_NOISE = re.compile(r"(19|20)\d\d\s*(年度|年|度)?|(部门|单位)?(决算批复|决算|预算)|批复|公开|表格|文件|附件\d*|"
                    r"模板|说明|情况|报告|[表的及和与]$|[0-9A-Za-z.\-—_（）()\s]+")


@dataclass(frozen=True)
class NameSays:
    kind: str = ""
    year: int | None = None
    department: str = ""


def from_file_name(file_name: str) -> NameSays:
    """Kind, year and department as a file's name states them (江苏省委办公厅_2019年度部门预算公开表格.pdf),
    '' / None where it states nothing (W020240812.pdf, download.jsp.pdf)."""
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    kind_match = _KIND.search(stem)
    kind = ""
    if kind_match:
        word = kind_match.group(2)
        kind = "部门决算批复" if word == "决算批复" else (kind_match.group(1) or "部门") + word
    if "批复" in stem and "决算" in stem:
        kind = "部门决算批复"
    year = _YEAR.search(stem)
    parts = [_NOISE.sub(" ", part).split() for part in re.split(r"[_\s]+", stem)]
    names = [w for ws in parts for w in ws if len(w) >= 4]
    # the first name-like part: a crawler's or a person's prefix (江苏省委办公厅_…) before the site's title
    return NameSays(kind, int(year.group(1)) if year else None, names[0] if names else "")
