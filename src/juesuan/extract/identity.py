"""What a document is, from its own words: kind (部门/单位 决算 or 预算, 批复), year, department.

Read from the title and cover (the first page, or a text's first lines), labelled fields
(预算单位：XX, 部门名称：XX in the tables' captions), the addressee of an approval notice and the
phrases that name the department beside a year and a kind anywhere in the text; the file's name
only as a last resort, and said so (``Identity.where``). Names are told from other words by their
structure — an organisation's suffix (局, 委员会, 大学 …), never a phrase of the report — with the
vocabularies in reference/identity.csv. Pure: a Document in, an Identity out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..model.document import Document
from ..reference import identity_words, in_short, similarity
from .sections import report_year

KINDS = ("部门决算", "单位决算", "部门预算", "单位预算", "部门决算批复")
APPROVAL = "部门决算批复"

_HAN = r"[\u4e00-\u9fff（）()·]"
# a year after 与/比/较 is one the text compares with (与2014年决算数持平), never the document's
_YEAR = r"(?<![与比较])(?P<year>20\d\d|二[〇零○０]\S{2})\s*年"
_LEVEL = r"(?:省级|市级|区级|县级|州级|旗级|乡级|镇级|本级)?"
_KIND = r"(?:部门(?:[（(]单位[)）])?|单位)?(?:决算|预算)"  # 部门(单位)预算: the department's, its units' with it
_SCOPE = "|".join(map(re.escape, identity_words("scope")))
_NAME = rf"(?P<name>{_HAN}{{2,40}}?)(?:[（(](?:{_SCOPE})[)）]|{_SCOPE})?"  # XX（本级）, XX本级
# a name beside a year and a kind: 2026年XX部门预算 / XX2024年度部门决算 / XX年度部门预算2026
_TITLES = (
    re.compile(rf"{_YEAR}度?{_LEVEL}{_NAME}{_KIND}"),
    re.compile(rf"{_NAME}{_YEAR}度?{_LEVEL}{_KIND}"),
    re.compile(rf"{_NAME}年度{_KIND}{_YEAR[:-4]}"),
    # a title that lost its year (德钦县司法局年度部门决算): its name all the same, its year from elsewhere
    re.compile(rf"(?<![\d年度]){_NAME}(?P<year>)年度(?:部门|单位)(?:决算|预算)(?![\u4e00-\u9fff\d])"),
)
_KIND_ONLY = re.compile(rf"{_YEAR}度?{_LEVEL}{_KIND}(?!数)")  # (2014年决算数: a column of the year before)
# the year after the kind, the title's words going on (眉山市人民检察院财政拨款“三公”经费预算2015年情况如下)
_KIND_THEN_YEAR = re.compile(rf"{_KIND}\s*{_YEAR}度?(?:情况|说明)")
# a title that names what its figures are between the year and the kind (a page of the 三公 alone):
# 寿县司法局2022年“三公”经费预算情况 / 2023年广东省财政厅一般公共预算财政拨款“三公”经费支出决算情况说明
_SPAN = r"(?P<span>[^。，,；;：:！!？?\s]{0,40}?)"
# (or, without a kind, a 说明 of it: 官仓镇2015年三公经费支出说明 — its name and year, not its kind)
_SUBJECT_TITLES = (
    re.compile(rf"{_NAME}{_YEAR}度?{_LEVEL}{_SPAN}(?:决算|预算|支出说明|支出情况说明)"),
    re.compile(rf"{_YEAR}度?{_LEVEL}{_SPAN}(?:决算|预算|支出说明|支出情况说明)"),
)
# XX（以下简称“本部门”）: the report's own word for itself
_CALLED = re.compile(rf"({_HAN}{{3,40}}?)[（(]以下简称[“\"]?(?:本部门|本单位|本局|本委|本院|本办)")
_PART = re.compile(r"第[一二三四五六七八九十]+部分")
_TITLE_LINE = 30  # a line this short, without a clause's punctuation, may be part of a title set over lines
_CLAUSE_MARK = re.compile(r"[。，,；;：:！!？?]")  # what no title holds: a sentence's or a field's punctuation


def _title_like(line: str, longest: int = _TITLE_LINE) -> bool:
    """A line short enough, and free of a clause's punctuation, to be a title or a part of one."""
    return len(line) <= longest and not _CLAUSE_MARK.search(line)


# 第一部分 XX概况 / 一、XX基本情况: the heading over the department's own description
_OVERVIEW = re.compile(rf"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)[:：\s]*({_HAN}{{3,40}}?)"
                       r"(?:基本)?(?:概况|简介|基本情况)\s*$")
_ADDRESSEE = re.compile(rf"({_HAN}{{2,40}}?)[:：]\s*你(?:部门|单位|局|委|办)?报送的")
_DESCRIBED = re.compile(rf"^\s*({_HAN}{{3,40}}?)(?:是|(?<!所)属|为)(?:独立核算|[^，,。]{{0,12}}(?:行政单位|事业单位|组成部门|工作部门))")
_NOTICE = re.compile(r"关于.{0,6}批复.{0,60}?决算的通知|现批复如下|你(?:部门|单位)报送的\S{0,12}决算")
# a title that calls the document the approval itself: XX2022年决算批复公开资料
_APPROVAL_TITLE = re.compile(r"20\d\d\s*年度?(?:部门|单位)?决算(?:的)?批复")
_CITING = re.compile(r"根据|按照|要求")  # 根据2022年度决算批复要求: a report citing its approval
_CITED = re.compile(r"《[^》]*》")
_ENUM = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．]|第[一二三四五六七八九十]+部分)+")
_CN_DIGITS = dict(zip("〇零○０一二三四五六七八九", "0001123456789", strict=True))

# weights of the places a name is read from: the title outweighs a caption, a caption a sentence
_W_TITLE, _W_ADDRESSEE, _W_LABEL, _W_TEXT, _W_FILE = 6.0, 6.0, 2.0, 1.0, 0.5


@dataclass(frozen=True)
class Identity:
    kind: str  # one of KINDS, or '' when the document does not say
    year: int | None
    department: str
    where: dict[str, str] = field(default_factory=dict)  # field → where it was read (标题、封面、表头、文件名 …)

    @property
    def is_budget(self) -> bool:
        return self.kind.endswith("预算")

    @property
    def is_accounts(self) -> bool:
        return self.kind in ("部门决算", "单位决算")

    @property
    def missing(self) -> list[str]:
        """The fields the document did not give."""
        return [name for name, value in (("kind", self.kind), ("year", self.year), ("department", self.department))
                if not value]


def identify(doc: Document, file_name: str = "") -> Identity:
    """The document's kind, year and department, each with where it was read."""
    cover = head_lines(doc)
    head = "".join(cover)  # a title broken over lines reads as one
    body = [ln.text.replace("\u3000", " ") for ln in doc.lines]
    captions = caption_texts(doc)
    names: dict[str, float] = defaultdict(float)
    other_years: dict[int, float] = defaultdict(float)
    sources = [(head, _W_TITLE)] + [(t, _W_TEXT) for t in body] + [(t, _W_LABEL) for t in captions]
    for text, weight in sources:
        counted = set()  # the cover names a department once, however often its contents repeat the name
        for name, year in titled(text):
            if name and (name := within_cover_line(name, cover) if weight == _W_TITLE else name) not in counted:
                names[name] += weight
                counted.add(name)
            if year:
                other_years[year] += weight
    # the title's year — the first a kind follows on the cover — outweighs every year the text compares with
    first = min(((m.start(), _year(m["year"])) for pattern in (*_TITLES, _KIND_ONLY, _KIND_THEN_YEAR)
                 for m in pattern.finditer(head)
                 if _year(m["year"])), default=None)
    head_years = {first[1]: _W_TITLE} if first else {}
    for text, weight in [(t, _W_TITLE) for t in cover] + [(t, _W_LABEL) for t in captions]:
        for name in labelled(text):
            names[name] += weight
    # a title naming its subject (三公经费) between its year and its kind; else a sentence that opens with
    # the name (XX2020年度“三公”经费支出预算为142.40万元), whose year counts only where none is found
    for clauses, weight in ((_clauses(cover), _W_TITLE), (_clauses(body, titles=False), _W_TEXT)):
        if names:
            break
        found = [pair for clause in clauses for pair in subject_titled(clause)]
        for name in (name for name, _ in found if name):
            names[within_cover_line(name, cover) if weight == _W_TITLE else name] += weight
        for _, year in found if weight == _W_TITLE or not other_years else ():
            other_years[year] += weight
    for text in body:  # XX属独立核算机关行政单位: the department's own description of itself
        if (m := _DESCRIBED.match(text)) and (name := organisation(m[1])):
            names[name] += 2 * _W_TEXT
        for m in (*_CALLED.finditer(text), _OVERVIEW.match(text)):
            if m and (name := organisation(m[1])):
                names[name] += 2 * _W_TEXT
    for text in body[:40]:
        for m in _ADDRESSEE.finditer(text):
            if name := organisation(m[1]):
                names[name] += _W_ADDRESSEE
    if not names:  # named in no title: the name its cover sets alone, its description's subject, its signature
        for name in standing_alone(cover) + opening_names(body[:80]) + signed_by(body):
            names[name] += _W_TEXT
    if not names:  # no organisation's at all: a place's own summed figures (its 三公 of every department)
        for name in summed_place(_clauses(cover), body[:40]):
            names[name] += _W_TEXT
    kind = APPROVAL if is_approval_notice(head, body[:40]) or titled_approval(cover) else _cover_kind(head) or counted_kind(doc)
    if kind in ("部门决算", "部门预算") and not re.search(_KIND_WORDS, _executed(head)):
        kind = _whose(body[:80], kind)  # 2024年度决算公开说明: whose, its own headings say
    years = head_years or other_years
    if not years and (stated := report_year(doc)):  # no year beside a kind: the one its figures are of
        years = {stated: _W_TEXT}
    where = {key: "文档" for key, found in (("kind", kind), ("year", years), ("department", names)) if found}
    if file_name and len(where) < 3:  # the file's name: a last resort, said so
        stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", file_name)
        for name, year in titled(stem.replace(" ", "")):
            if name and not names:
                names[name] += _W_FILE
                where["department"] = "文件名"
            if year and not years:
                years = {year: _W_FILE}
                where["year"] = "文件名"
        if not kind and (kind := title_kind(stem)):
            where["kind"] = "文件名"
    return Identity(kind, _best_year(years), best_name(names), where)


# Where a name is read across two lines of the cover, what ends the line before may be no part of it: a web
# page's furniture (长者版 / 黄石市下陆区东方社区卫生服务中心2023年预算公开), a breadcrumb's last column (…>区教委
# / 重庆市綦江区中峰小学2023年…), a field's value (公开范围: 面向社会 / …). A name set over two lines
# (中国共产党江苏省委员会 / 办公厅2019年部门预算) begins with its place; such a line end holds none, or the line
# after begins a name of its own, with its place.
_PLACE = "省市县区州盟旗"
_PLACE_FIRST = 8  # a name's place is written within its first characters (内蒙古自治区, 重庆市巴南区)


def within_cover_line(name: str, cover: list[str]) -> str:
    """``name`` as read from the cover's lines joined, less what an earlier line put before it (above)."""
    for k in range(len(cover) - 1, 0, -1):
        before, line = "".join(cover[:k]), cover[k]  # what ends the lines above may span several (内容 / 发送至邮箱)
        for cut in range(len(name) - 1, 0, -1):
            prefix, rest = name[:cut], name[cut:]
            if before.endswith(prefix) and line.startswith(rest):
                starts_placed = any(c in rest[:_PLACE_FIRST] for c in _PLACE)
                if is_organisation(rest) and (starts_placed or not any(c in prefix for c in _PLACE)):
                    return rest
                return name
    return name


def titled(text: str) -> list[tuple[str, int | None]]:
    """The (name, year) pairs a text writes beside a kind: 2026年XX部门预算, XX2024年度部门决算; a name
    that is no organisation's is ''."""
    text = _YEAR_BEFORE_KIND.sub(r"\1年", text)
    return [(organisation(m["name"]), _year(m["year"])) for pattern in _TITLES for m in pattern.finditer(text)]


def _clauses(lines: list[str], titles: bool = True) -> list[str]:
    """The clauses of the lines, a list number before a title cut (一、2020年…表); on the cover, a title set
    over short lines read as one (天津市红桥区人民法院 / 2017年度一般公共预算财政拨款 / “三公”经费决算情况说明)."""
    blocks, run = [], ""
    for line in lines:
        if titles and _title_like(line):
            run += line
            continue
        blocks += [run, line] if run else [line]
        run = ""
    blocks += [run] if run else []
    clauses = [_ENUM.sub("", c.strip()) for block in blocks for c in re.split(r"[，,；;：:。]", block)]
    # a year set apart by a comma opens the clause after it: 2016年，市人大“三公”经费预算为…
    return [c + "".join(clauses[i + 1:i + 2]) if _YEAR_ALONE.fullmatch(c) else c for i, c in enumerate(clauses)]


_YEAR_ALONE = re.compile(r"20\d\d\s*年度?")


def _subject_title(clause: str) -> re.Match | None:
    """A title that writes what its figures are before its kind, beginning the clause (现将XX2020年度
    “三公”经费决算情况公布如下): the name before the year (XX2022年“三公”经费预算) or in the words after
    it (2023年广东省财政厅一般公共预算…决算)."""
    return next((m for pattern in _SUBJECT_TITLES if (m := pattern.match(clause)) and _year(m["year"])), None)


def subject_titled(clause: str) -> list[tuple[str, int]]:
    """(name, year) of such a title: the name before the year, or else the longest start of the words
    after it that is an organisation's, before the first word of what the figures are of (政府采购,
    一般公共预算 …: ``subject`` in identity.csv); '' where none is."""
    m = _subject_title(clause)
    if m is None:
        return []
    if "name" in m.groupdict() and (name := organisation(m["name"])):
        return [(name, _year(m["year"]))]
    after = _SUBJECT_TITLES[1].search(clause)  # 现将2021年度XX学院政府采购决算…: the name after the year
    span = after["span"] if after else ""
    cut = min((i for w in identity_words("subject") if (i := span.find(w)) > 0), default=len(span))
    return [(name_at_start(span, cut), _year(m["year"]))]


_WORD_GOES_ON = "员长门"  # 区政协委|员, 局|长, 部|门: the suffix begins a longer word here, it does not end a name


def name_at_start(text: str, limit: int = 40) -> str:
    """The longest start of ``text`` (up to ``limit``) that is an organisation's name."""
    return next((n for end in range(min(limit, len(text)), 2, -1)
                 if text[end:end + 1] not in _WORD_GOES_ON and (n := organisation(text[:end]))), "")


def is_organisation(text: str) -> bool:
    """``text`` is an organisation's name as it stands: nothing cut from it to make one."""
    return bool(text) and organisation(text) == text.replace("(", "（").replace(")", "）")


# what a sentence may open with before its subject: 另外，梧州市民政局… / 核定区妇联机关事业编制11名
_CONNECTIVE = re.compile(r"^(?:(?:另外|此外|同时|目前|20\d\d\s*年度?)[,，]\s*|经?核定)")
# a sentence that opens with its subject and the year its figures are of: 市档案局2018年度收入、支出总计…
_NAME_THEN_YEAR = re.compile(r"\s*20\d\d\s*年")


def opening_names(lines: list[str]) -> list[str]:
    """The organisations the sentences open with (郴州市第一中学创办于1906年 / 南纪门街道办事处内设10个办公室):
    a description's subject is its department. A name a lead word introduces (根据XX…) is no opening."""
    out = []
    describes = tuple(identity_words("describes"))
    for line in lines:
        sentences = re.split(r"[。；;！!？?]", line)
        # the organ a sentence says was set up, and then describes (…3号设立北京市东城区人民法院，内设13个部门)
        sentences += [m[1] for s in sentences for m in _SET_UP.finditer(s)]
        for sentence in sentences:
            sentence = _ENUM.sub("", sentence.strip()).strip().replace("(", "（").replace(")", "）")
            sentence = _CONNECTIVE.sub("", sentence)  # 另外，梧州市民政局下属共有6个事业单位
            words = re.match(rf"{_HAN}*", sentence)[0]  # a name is Chinese words alone: no figure, no list
            # the longest name, unless a shorter one is followed by a longer word of description (区妇联 before
            # 机关事业编制, not 区妇联机关 before 事业编制)
            found = [(_described_by(sentence[end:], describes), end) for end in range(min(40, len(words)), 2, -1)
                     if is_organisation(words[:end])]
            found = [(said, end) for said, end in found if said]
            out += [words[:max(found)[1]]] if found else []
    return out


_SET_UP = re.compile(r"(?:设立|组建)(.+?[，,]\s*(?:内设|下设).*)")


def _described_by(rest: str, describes: tuple[str, ...]) -> int:
    """How many characters of description follow a name (0: none; the year its figures are of counts one)."""
    rest = re.sub(r"^[，,]\s*(?=内设|下设)", "", rest.lstrip())  # …人民法院，内设13个部门
    return next((len(word) for word in describes if rest.startswith(word)), 1 if _NAME_THEN_YEAR.match(rest) else 0)


# a place alone (施甸县, 湖南省, 涪城区): whose the figures are when a 财政局 sums every department's
_BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,10}(?:省|市|县|区|州|旗|盟)$")
_SUMMED_BY = re.compile(rf"经(?P<place>{_HAN}{{1,10}}?[省市县区州旗盟])财政(?:局|厅)汇总")


def summed_place(cover: list[str], lines: list[str]) -> list[str]:
    """The place a document sums the departments of: the one its title names before the year in place of a
    department (施甸县2016年“三公”经费决算情况统计表), or the one whose 财政局 says it summed them
    (经昌宁县财政局汇总，昌宁县本级部门…)."""
    titled = [m["name"] for clause in cover if (m := _SUBJECT_TITLES[0].search(clause))]
    summed = [m["place"] for line in lines for m in _SUMMED_BY.finditer(line)]
    # 昌宁县县本级: the county's own level, written after its name
    return [re.sub(r"([省市县区州旗盟])\1$", r"\1", name) for name in titled + summed if _BARE_PLACE.match(name)]


def standing_alone(cover: list[str]) -> list[str]:
    """The organisations a cover sets on lines of their own — a table's caption may write the unit's code
    before it and a cell's bar after it (920平山县下口镇财政所 |)."""
    return [line for line in (re.sub(r"^\d+|[|｜\s]+$", "", text) for text in cover) if is_organisation(line)]


_DATE_LINE = re.compile(r"^\s*(?:20\d\d|二[〇零○０]\S{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def signed_by(lines: list[str]) -> list[str]:
    """The organisation a text is signed by: a line that is a name whole, right above the date it was
    signed on (乐昌市审计局 / 2019年3月7日), among its last lines."""
    tail = [line.strip() for line in lines[-12:] if line.strip()]
    return [name for name, date in zip(tail, tail[1:]) if _DATE_LINE.match(date) and is_organisation(name)]


# a title states no amount: 我校2016年收入预算总额为6488440元 opens a sentence, not a page about 收入
_AMOUNT_IN = re.compile(r"\d\s*(?:亿元|万元|元)")


def title_subject(doc: Document) -> str:
    """What the title says the figures are of (XX2020年“三公”经费决算情况 → “三公”经费); '' for a title of
    the whole report (XX2020年部门决算)."""
    return next((m["span"] for clause in _clauses(head_lines(doc))
                 if not _AMOUNT_IN.search(clause) and (m := _subject_title(clause))), "")


def same_department(a: str, b: str) -> bool:
    """One department, as two documents name it: one name within the other once spaces, brackets and a
    scope (本级) are set aside and the long forms read short (reference/short_forms.csv: 人民政府 as 政府,
    中国共产党 as 中共, 人民代表大会常务委员会 as 人大常委会; and 委员会 as 委: 中国共产党江苏省委员会办公厅 and
    江苏省委办公厅); a name not found is no objection."""
    def key(name: str) -> str:
        name = "".join(ch for ch in str(name) if ch not in " 　()（）").replace("本级", "")
        name = _AUTONOMOUS.sub("", name)  # 寻甸回族彝族自治县 is written 寻甸县 as often
        return in_short(name).replace("委员会", "委")

    x, y = key(a), key(b)
    return not x or not y or x in y or y in x or x.removeprefix("中共") in y or y.removeprefix("中共") in x


_AUTONOMOUS = re.compile(r"(?:[\u4e00-\u9fff]{1,4}族)+自治(?=[县州旗区乡])")
_AREA = ("省", "市", "区", "县", "州", "盟", "旗", "镇", "乡", "街道")
_NAMED_AT_YEAR = re.compile(r"20\d\d年度?")


def name_variants(lines: list[tuple[int, str]], department: str) -> list[tuple[int, str]]:
    """(line, name as written) where the document names itself otherwise than ``department``: one or
    two characters changed (规划与自然资源局 for 规划和自然资源局), or an area left out of the middle (上海市
    规划和自然资源局 for 上海市普陀区规划和自然资源局: another, higher department's name). Read where a
    name stands beside the report's year (XX2024年度部门决算表, 2024年，XX所属…); short forms (普陀区财政局)
    and the department's own scope are no variant."""
    if not department:
        return []
    out: dict[str, int] = {}
    for number, text in lines:
        t = text.replace(" ", "")
        for m in _NAMED_AT_YEAR.finditer(t):
            before = re.search(rf"{_HAN}+$", t[:m.start()])
            after = re.match(rf"[,，]?({_HAN}+)", t[m.end():])
            spans = [before[0][i:] for i in range(len(before[0]) - 2)] if before else []
            spans += [after[1][:j] for j in range(3, len(after[1]) + 1)] if after else []
            names = {n for span in spans if (n := organisation(span))}
            best = max(names, key=lambda n: (similarity(n, department), -len(n)), default="")
            if best and best not in out and _variant(best, department):
                out[best] = number
    return sorted((number, name) for name, number in out.items())


def _variant(written: str, name: str) -> bool:
    if same_department(written, name):
        return False
    ops = [op for op in SequenceMatcher(None, written, name, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return False
    if all(tag == "replace" and i2 - i1 == j2 - j1 for tag, i1, i2, j1, j2 in ops):
        return sum(i2 - i1 for _tag, i1, i2, _j1, _j2 in ops) <= 2
    tag, _i1, _i2, j1, j2 = ops[0]
    return len(ops) == 1 and tag == "insert" and j1 > 0 and name[j1:j2].endswith(_AREA)


def head_lines(doc: Document) -> list[str]:
    """The title and cover: a paged document's first page with text (two when it holds few lines), a
    text's first lines; without spaces (a cover spaces its title out)."""
    lines = [ln for ln in doc.lines if ln.text.strip()]
    if not lines:
        return []
    if lines[0].page:
        first = lines[0].page
        head = [ln for ln in lines if ln.page == first]
        if len(head) < 4:
            head = [ln for ln in lines if ln.page <= first + 1]
        head = head[:30]
    else:  # a text's first 12 lines, a web page's fields above its title (索引号 | 发布机构 …) not counted
        fields = identity_words("pagefield")
        counted = [i for i, ln in enumerate(lines) if not any(f in ln.text.replace(" ", "") for f in fields)
                   and ln.text.strip(" |｜\u3000")]  # a table's empty cells, one a line, hold no title
        head = lines[:counted[11] + 1] if len(counted) >= 12 else lines
    # a title that writes its year without 年 (2016三公经费预算说明): read with it; a breadcrumb (当前位置:首页>
    # 财政信息>部门预算) is the site's furniture, not the cover: read with the title it would run into
    return [_BARE_YEAR.sub(r"\1年", _YEAR_BEFORE_KIND.sub(r"\1年", ln.text.replace(" ", "").replace("\u3000", "")))
            for ln in head
            if not (_BREADCRUMB.search(ln.text) and len(ln.text) <= _BREADCRUMB_LONGEST)]


_BARE_YEAR = re.compile(r"^(20\d\d)(?=[\u4e00-\u9fff])(?!年)")
_YEAR_BEFORE_KIND = re.compile(r"(?<![\d与比较])(20\d\d)(?=(?:部门|单位)(?:决算|预算))")  # XX2016部门决算
_BREADCRUMB = re.compile(r"(?:当前|您的|你的|您现在的)位置\s*[:：]|(?:首页|主页)\s*[>›»]")
_BREADCRUMB_LONGEST = 80  # a line longer is the page flattened into one, its title after the breadcrumb


def caption_texts(doc: Document) -> list[str]:
    """The captions of the tables: their first rows' cells, where titles and 编制单位 stand."""
    out = []
    for grid in doc.grids:
        for row in grid.cells[:4]:
            for cell in row:
                if isinstance(cell, str) and cell.strip():
                    out.append(cell.replace(" ", "").replace("\u3000", ""))
    return out


def labelled(text: str) -> list[str]:
    """The names given after a label (预算单位：XX, 部门名称：XX 单位：万元, 主管部门 | XX) in a text: the longest
    start of the value that is an organisation's name (the next label may follow without a space)."""
    out = []
    for label in identity_words("label"):
        # 预算单位：XX, or a table's cell beside its label (主管部门 | XX局部门 | 实施单位 | …) — not a web page's
        # field (发布机构 | XX财政局: who published the page, often the finance bureau for the department)
        # … or a value after its budget code (主管部门 219-XX镇人民政府: a table's cells as image text)
        # (the code marks the value, so a label of its own — not 部门/单位, the ends of 实施单位 — may follow the cell
        # before it with no space: 委托业务项目主管部门 219-XX)
        after = "[:：]" if label in identity_words("pagefield") else r"(?:[:：|｜]|(?=\s*\d+\s*[-－]))"
        coded = "" if label in identity_words("pagefield") or len(label) < 3 \
            else rf"|(?<=[\u4e00-\u9fff]){label}(?=\s*\d+\s*[-－])"
        for m in re.finditer(rf"(?:(?<![\u4e00-\u9fff]){label}\s*{after}{coded})\s*(?:\d+\s*[-－]\s*)?({_HAN}{{2,40}})",
                             text):
            value = m[1]
            name = next((n for end in range(len(value), 2, -1) if (n := organisation(value[:end]))), "")
            if name:
                out.append(name)
    return out


def organisation(text: str) -> str:
    """``text`` as an organisation's name, or '' when it is none: enumerations and leading words cut,
    brackets made full-width, and a known organisation's suffix required at its end (before a 本级)."""
    name = _PART.split(text.strip())[-1]  # …（详见附表）第三部分XX: the name is after the last part's number
    name = re.split(r"[:：]", name.strip("：: "))[-1]  # a field's value (编制部门:庐江县第二中学): after its label
    name = _ENUM.sub("", name).replace("(", "（").replace(")", "）")
    name = _PLACEHOLDER_FIRST.sub("", name)
    # a lead word, or a web page's field (…公开范围面向全社会宁波市鄞州区…): the name is after the last one
    for lead in identity_words("lead") + identity_words("pagefield"):
        name = name.removesuffix(lead)  # XX关于2022年预算…的说明: the name before it
        if lead in name:
            name = name[name.rindex(lead) + len(lead):]
    name = name.strip("：:，,、。；; ")
    name = re.sub(rf"（(?:{_SCOPE})）$", "", name)  # the department's own accounts, or its total: still it
    name = re.sub(r"(?<=..)(?:部门|单位)$", "", name)  # XX中心学校部门2020年度部门决算
    if not 3 <= len(name) <= 40 or any(word in name for word in identity_words("notname")) or _CELL_BAR.search(name) \
            or _PRONOUN.match(name) or name.count("（") != name.count("）") or _PLACEHOLDER.search(name):
        return ""  # a table's cells run together (主管部门|XX局部门|实施单位|XX局) are no one name
    suffixes = tuple(identity_words("suffix"))
    # 民宗局（外侨办）, 区委宣传部（区文明办）: one office under two names, the second in brackets
    two = re.fullmatch(r"(?P<first>[^（）]{2,30})（(?P<second>[^（）]{2,12})）", name)
    if two and two["first"].endswith(suffixes) and two["second"].endswith(suffixes):
        return name
    # 皖江江南新兴产业集中区（管委会）: a place's organ, named by the place with the organ in brackets
    if two and two["second"] in identity_words("bracketed_organ"):
        return name
    return name if name.endswith(suffixes) else ""


_PLACEHOLDER = re.compile(r"[XxＸｘ×]{2}")  # a template's blank (上海市XX局): no one's name
# XX部门常州市武进区马杭中心小学: a template's blank left before the name (its XX may be cut already); no name
# begins with 部门 or 单位
_PLACEHOLDER_FIRST = re.compile(r"^(?:[XxＸｘ×]{2,})?(?:部门|单位)(?=[\u4e00-\u9fff]{3})")
_ALIAS = re.compile(r"[(（][^()（）]+[)）]$")
_CELL_BAR = re.compile(r"[|｜]")
# 我中心, 我中心系省民政厅所(属…), 本局, 该单位: the report's words for itself, no name (本溪市… is one)
_PRONOUN = re.compile(r"^(?:[我该各]|本(?=[\u4e00-\u9fff]{1,3}$))")  # 各乡（镇）: every township, no one


def best_name(names: dict[str, float]) -> str:
    """The name with most weight; a longer name that ends with it (the full name: 上海市普陀区财政局
    for 普陀区财政局), when it is read often enough."""
    if not names:
        return ""
    best = max(names, key=lambda n: (names[n], len(n)))
    # a fuller name may end with a second name in brackets: 广西壮族自治区拉浪林场(广西救助服务指导中心)
    fuller = [n for n in names if n != best and _ALIAS.sub("", n).endswith(best) and names[n] >= names[best] / 3]
    return max(fuller, key=lambda n: (names[n], len(n))) if fuller else best


def is_approval_notice(head: str, lines: list[str]) -> bool:
    """A finance bureau's notice approving the accounts — not a 说明 that cites one (《…关于批复…的通知》)."""
    return any(_NOTICE.search(_CITED.sub("", text)) for text in [head, *lines])


def titled_approval(cover: list[str]) -> bool:
    """A title line (short, no clause in it) that calls the document the approval: XX2022年决算批复公开资料 —
    not 根据2022年度决算批复要求, a report's sentence."""
    return any(_APPROVAL_TITLE.search(line) for line in cover if _title_like(line, 2 * _TITLE_LINE)
               and not _CITING.search(line))


_KIND_WORDS = r"(?:部门(?:[及和与]单位|[（(]单位[)）])?|单位)(?:决算|预算)"
# a self-evaluation of the year's spending against its budget is an outturn, whatever kind word it holds
_SELF_EVALUATION = re.compile(r"(?:(?:部门|单位)?预算)?项目支出绩效(?:单位)?自评(?:表|报告)?")


def title_kind(text: str) -> str:
    """The kind a title states: the first 部门/单位 决算/预算 of ``text``."""
    text = _executed(_CITED.sub("", text))
    # 部门预算项目支出绩效自评表(2023年度): how the year's budget was spent — an outturn, where the text names no
    # kind of its own besides (a budget's contents may list last year's self-evaluation)
    evaluated, text = bool(_SELF_EVALUATION.search(text)), _SELF_EVALUATION.sub("", text)
    # a kind beside its year is the title's; one alone may be a breadcrumb's column (首页>财政信息>部门预算)
    m = re.search(rf"20\d\d\s*年度?[^。，,；;：:\d>]{{0,30}}?(?P<kind>{_KIND_WORDS})", text)
    dated = "" if m or evaluated else _dated_kind(text)
    m = m or re.search(rf"(?P<kind>{_KIND_WORDS})", text)
    # a kind named in passing (按照…部门预算管理有关规定, a note under its table) that is not what the year's
    # figures are (2019年XX局“三公”经费决算情况说明): the year's
    if dated and (m is None or not m["kind"].endswith(dated[-2:])):
        return dated
    if m:  # 部门及单位预算, 部门(单位)预算: the department's, its units' with it
        return re.sub(r"(?<=部门)(?:[及和与]单位|[（(]单位[)）])", "", m["kind"])
    return "部门决算" if evaluated else ""


def calls_itself(doc: Document) -> bool:
    """A title on the cover names the document's kind (XX2016部门决算, 2023年单位预算): it is a report by its own
    words, read however little of it is understood. A sentence that names a kind (这不是一份部门决算报告。) is
    no title."""
    return any(title_kind(line) for line in head_lines(doc) if _title_like(line, 2 * _TITLE_LINE))


def _cover_kind(head: str) -> str:
    """The kind the cover states: where it names both, the one beside its latest year (2023年部门预算 above
    2022年部门决算数), and on a tie a 决算 (现将2021年部门预算公开如下 above 2021年度部门决算情况说明: a 决算
    states its year's budget, never the reverse); else the document's words decide."""
    head = _executed(_CITED.sub("", head))
    stated = {m[1] for m in re.finditer(r"(?:部门|单位)(决算|预算)", head)}
    return _dated_kind(head) if len(stated) > 1 else title_kind(head)


def _whose(lines: list[str], kind: str) -> str:
    """A kind its title gives without 部门 or 单位 (XX中学校2024年度决算公开说明) is the unit's where the report
    calls itself a 单位 more often than a 部门 in its headings (一、单位基本情况 / 单位决算收支情况说明)."""
    text = "".join(lines).replace(" ", "")
    unit, department = (len(re.findall(rf"{who}(?:决算|预算|基本情况|收支|概况|收入|支出)", text)) for who in ("单位", "部门"))
    return "单位" + kind[2:] if unit > department else kind


def _executed(text: str) -> str:
    """A budget's execution is its outturn: 二、2016年部门预算执行情况 in a 决算 says 部门决算."""
    return re.sub(r"(?<=部门|单位)预算(?=执行)", "决算", text)


def counted_kind(doc: Document) -> str:
    """The kind the document's words say most (its first lines and its tables' captions)."""
    text = "".join(ln.text for ln in doc.lines[:60]).replace(" ", "") + "".join(caption_texts(doc))
    text = _CITED.sub("", text)
    counts: dict[str, int] = defaultdict(int)
    for m in re.finditer(r"(部门|单位)(决算|预算)", text):
        counts[m.group()] += 1
    accounts = sum(v for k, v in counts.items() if k.endswith("决算")) + text.count("决算表")
    budget = sum(v for k, v in counts.items() if k.endswith("预算")) + text.count("预算表")
    if not accounts and not budget:  # a page that never names its kind: what its figures are, anywhere in it
        whole = _CITED.sub("", "".join(ln.text for ln in doc.lines).replace(" ", ""))
        return _dated_kind(whole) or _worded_kind(whole) or _signed_kind(whole) or _spent_kind(whole)
    suffix = "决算" if accounts >= budget else "预算"
    return max((k for k in counts if k.endswith(suffix)), key=counts.get, default=f"部门{suffix}")


# a kind written after a year, as what the figures are (2015年度决算数 / 2022年“三公”经费预算); a figure may
# stand right before the year where a head joins its lines (5.23 | 2015年度决算数)
_DATED_KIND = re.compile(r"(?<![与比较])(20\d\d)\s*年度?[^。，,；;：:\d]{0,30}?(决算|预算)")


def _outturn_after(rest: str) -> bool:
    """A year's budget with its own outturn after it in the same sentence (2017年预算数3786.71万元,调整数
    4610.19万元,决算数4610.19万元): a 决算 states that — not one of another year (比2022年决算数增加…)."""
    sentence = re.split(r"[。；;]", rest, maxsplit=1)[0]
    at = sentence.find("决算")
    return at >= 0 and not re.search(r"20\d\d|上年|去年|上一年", sentence[:at])


def _dated_kind(text: str) -> str:
    """The kind of a page that never names itself (a 三公 page, a report's page), from what its figures
    are: the kind written with its latest year — a 决算 states its year's budget beside its 决算
    (2015年度预算数 | 2015年度决算数), a budget last year's 决算 beside its own year's 预算 ('' where no
    year stands beside a kind; a fund's name, 一般公共预算, is no kind)."""
    text = _without_funds(text)
    dated = [(int(m[1]), "决算" if m[2] == "预算" and _outturn_after(text[m.end():]) else m[2])
             for m in _DATED_KIND.finditer(text)]
    if not dated:
        return ""
    latest = max(year for year, _ in dated)
    return "部门决算" if any(year == latest and k == "决算" for year, k in dated) else "部门预算"


def _worded_kind(text: str) -> str:
    """The kind its words name more often (决算数, 支出预算 …), where neither is the page's own name; a
    budget that a figure is held to (与预算相比, 完成年初预算) is a 决算's word (identity.csv ``judged``)."""
    text = _without_funds(text)
    judged = sum(text.count(words) for words in identity_words("judged"))
    for words in identity_words("judged"):
        text = text.replace(words, "")
    accounts, budget = text.count("决算") + judged, text.count("预算")
    return "" if accounts == budget else "部门决算" if accounts > budget else "部门预算"


# a year's spending compared with last year's (2020年“三公”经费支出431万元,比上年累计支出433万元减少2万元)
_SPENT = re.compile(r"20\d\d年[^。;；]{0,30}?支出\s*\d[\d,.]*\s*(?:万元|元)[^。;；]{0,12}?(?:比|较)(?:上年|上一年|去年)")


def _spent_kind(text: str) -> str:
    """The kind of a page that never says 决算 or 预算: what a year spent, compared with the year before, is
    its outturn (a budget says 预算 of every figure it plans)."""
    return "部门决算" if "预算" not in text and "决算" not in text and _SPENT.search(text) else ""


_SIGNED = re.compile(r"(20\d\d)年\d{1,2}月\d{1,2}日")
_DATED = re.compile(r"(?<!\d)(20\d\d)-\d{1,2}-\d{1,2}")  # a web page's date (发布时间:2020-09-27)


def _signed_kind(text: str) -> str:
    """The kind of a page that names neither, from the date it is signed with (or, unsigned, the date
    the page gives itself): a 决算 is made after its year has ended, so a page signed within the year its
    figures are of (2019年本部门…“三公”经费10.8万元 … 2019年3月7日) is that year's budget; signed the year
    after, its 决算 ('' otherwise)."""
    signed = [int(m[1]) for m in _SIGNED.finditer(text)] or [int(m[1]) for m in _DATED.finditer(text)]
    years = [int(m[1]) for m in re.finditer(r"(?<![与比较\d])(20\d\d)年(?!\d{1,2}月)", text)]
    if not signed or not years:
        return ""
    of = max(set(years), key=years.count)
    return {of: "部门预算", of + 1: "部门决算"}.get(signed[-1], "")


def _without_funds(text: str) -> str:
    for fund in identity_words("fund"):
        text = text.replace(fund, "")
    return text


def _year(text: str) -> int | None:
    text = text.strip()
    if text[:2].isdigit():
        return int(text[:4])
    digits = "".join(_CN_DIGITS.get(ch, "") for ch in text[:4])
    return int(digits) if len(digits) == 4 and digits.startswith("20") else None


def _best_year(years: dict[int, float]) -> int | None:
    return max(years, key=lambda y: (years[y], y)) if years else None
