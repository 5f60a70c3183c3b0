"""Package reference data: metric ids, the 功能分类 (function classification) and the 部门预算支出
经济分类 (economic classification of departmental spending)."""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from ..model.document import normalise


@dataclass(frozen=True)
class Metric:
    id: str
    label_zh: str
    kind: str
    parent: str


def _rows(name: str) -> list[dict[str, str]]:
    text = files(__name__).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def metrics() -> dict[str, Metric]:
    return {r["metric"]: Metric(r["metric"], r["label_zh"], r["kind"], r["parent"]) for r in _rows("metrics.csv")}


@cache
def function_codes() -> dict[str, tuple[str, str]]:
    """code → (level, official name): function_codes.csv, and the 类/款/项 the real samples' own 功能分类
    tables print with their codes (function_codes_seen.csv, each with the departments that print it):
    no complete list of the classification is at hand, and a 项 named without its code (检察（款）行政运行
    （项）) needs its code from somewhere. The first file wins where both hold a code."""
    seen = {r["code"]: (r["level"], r["name"]) for r in _rows("function_codes_seen.csv")}
    return seen | {r["code"]: (r["level"], r["name"]) for r in _rows("function_codes.csv")}


@cache
def function_aliases() -> dict[str, str]:
    """Names reports use for a 类 besides its official one (short and former names)."""
    return {name_key(alias): code for alias, code in function_alias_rows()}


@cache
def function_alias_rows() -> list[tuple[str, str]]:
    """(alias as written, code) of function_aliases.csv."""
    return [(r["alias"], r["code"]) for r in _rows("function_aliases.csv")]


@cache
def economic_codes() -> dict[str, tuple[str, str]]:
    """code → (level, official name) of the economic classification (301, 30101 …)."""
    return {r["code"]: (r["level"], r["name"]) for r in _rows("economic_codes.csv")}


def economic_name(code: str) -> str:
    return economic_codes().get(code, ("", ""))[1]


def name_key(name: str) -> str:
    """Comparison key for names: half-width, no spaces or quotes, no level mark."""
    return re.sub(r"\([类款项]\)$", "", normalise(name).replace(" ", "").replace('"', ""))  # 一般公共服务支出（类）


def official_name(code: str) -> str:
    return function_codes().get(code, ("", ""))[1]


def same_name(written: str, official: str) -> bool:
    """Names equal but for width, spaces, quotes and a trailing 支出."""
    a, b = name_key(written), name_key(official)
    return a == b or a + "支出" == b or a == b + "支出"


@cache
def _former_names() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for r in _rows("function_former_names.csv"):
        out.setdefault(r["code"], []).append((r["name"], r["until"]))
    return {code: tuple(names) for code, names in out.items()}


def former_name(code: str, written: str) -> str:
    """The last year in which ``written`` was the official name of ``code`` (a classification renamed
    since: 20805 行政事业单位离退休 until 2023), or '' when it never was."""
    return next((until for name, until in _former_names().get(code, ()) if same_name(written, name)), "")


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, name_key(a), name_key(b)).ratio()


def find_class_code(name: str) -> str:
    """The 类 code for a name as written (official, short or former name); '' if unknown."""
    key = name_key(name)
    for code, (level, official) in function_codes().items():
        if level == "类" and key in (name_key(official), name_key(official).removesuffix("支出")):
            return code
    return function_aliases().get(key, "")


def find_child_code(parent: str, level: str, name: str, suffix: str = "") -> str:
    """The code of a 款/项 under ``parent`` whose official name best matches ``name``.

    ``suffix`` (the code's last two digits, when the report states them) must match too.
    Returns '' unless one candidate is clearly the best (ratio ≥ 0.6).
    """
    width = 5 if level == "款" else 7
    candidates = [
        (similarity(name, official), code)
        for code, (lvl, official) in function_codes().items()
        if lvl == level and len(code) == width and code.startswith(parent) and code.endswith(suffix)
    ]
    candidates.sort(reverse=True)
    if not candidates or candidates[0][0] < 0.6:
        return ""
    if len(candidates) > 1 and candidates[1][0] == candidates[0][0]:
        return ""
    return candidates[0][1]


@cache
def identity_words(role: str) -> tuple[str, ...]:
    """The words that tell a document's identity (reference/identity.csv): ``suffix`` an organisation's
    name ends with, ``label`` of a field whose value is the department, ``notname`` no name contains,
    ``lead`` words a name in running text does not begin with, ``scope`` written in brackets after a name
    (本级, 汇总), ``fund`` names that hold 预算 without being a kind, ``judged`` a budget a figure is held
    to (与预算相比: a 决算's words), ``pagefield`` a web page's fields above its title (索引号, 发布机构 …).
    Longest first."""
    return tuple(sorted((r["text"] for r in _rows("identity.csv") if r["role"] == role), key=len, reverse=True))


@cache
def short_forms() -> tuple[tuple[str, str], ...]:
    """(long, short) forms of an organisation's words (reference/short_forms.csv): 人民代表大会常务委员会 is
    written 人大常委会 by the same department, on the same page. Longest first."""
    return tuple(sorted(((r["long"], r["short"]) for r in _rows("short_forms.csv")), key=lambda r: -len(r[0])))


def in_short(name: str) -> str:
    """The name with its long forms written short."""
    for long, short in short_forms():
        name = name.replace(long, short)
    return name


@cache
def section_signatures() -> tuple[tuple[str, tuple[tuple[str, ...], ...], tuple[str, ...]], ...]:
    """(section key, word groups each of which the heading has one of, words it has none of), in the
    order of reference/section_signatures.csv: how a heading in unknown words is known by meaning."""
    return tuple((r["key"], tuple(tuple(g.split("|")) for g in r["needs"].split(";")),
                  tuple(w for w in r["excludes"].split("|") if w)) for r in _rows("section_signatures.csv"))


@cache
def asset_rows() -> tuple[dict[str, str], ...]:
    """reference/assets.csv: the holdings a 国有资产 paragraph states (metric, its words, the unit of its
    count or area)."""
    return tuple(_rows("assets.csv"))


@cache
def count_rule_rows() -> tuple[dict[str, str], ...]:
    """reference/count_rules.csv: the counts a narrative states of its 三公 (groups, batches, persons,
    vehicles) and its assets (vehicles by kind, large equipment) — a pattern each, the metric of each of its
    groups (| between them), the unit."""
    return tuple(_rows("count_rules.csv"))


@cache
def cues(role: str) -> tuple[str, ...]:
    """The cue words of a role in cues.csv (cause, purpose, parts, change, growth, flat, function_list; bare:
    words for the department's whole that count only unqualified, dated: such words that count only right after
    their year, owner: words that qualify none; follows:
    whole words that, right after another subject's name, are that subject's): the words a clause's role, a
    figure's measure or a subject is read from — data, so that a new template's phrasing is a row."""
    return tuple(r["cue"] for r in _rows("cues.csv") if r["role"] == role)


@cache
def staffing_words() -> tuple[tuple[str, str, str], ...]:
    """(word, metric, order) of staffing.csv, longest word first: how a report names its staff and its units
    (行政编制, 在职人员, 退休; 科室, 所属事业单位). order: ``named`` — the count after the word (行政编制24个);
    ``bare`` — the same, but a word so short it is only read after a clause break or 有/共/设/核定 (编制8人);
    ``counted`` — the count before it (内设4个科室). A word of no metric is known and read as nothing
    (行政事业编制 is neither 行政编制 nor 事业编制)."""
    rows = [(r["word"], r["metric"], r["order"]) for r in _rows("staffing.csv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))
