"""Text in traditional characters, read as simplified: some sites serve a 繁體 version of the page,
and text copied from it must read the same (OpenCC t2s). Such versions often gloss the rarer
characters with their pinyin in brackets (學(xué)習(xí)): the glosses are dropped."""

from __future__ import annotations

import re

_t2s = None
# a pinyin gloss right after a character: 預(yù), 經(jīng)費(fèi), 說(shuō)明 — toned Latin letters in brackets
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)")


def to_simplified(text: str) -> str:
    """A page in traditional characters, in simplified ones (OpenCC t2s); other text as it is.

    Traditional when at least a tenth of its Chinese characters change under t2s: a simplified page
    that quotes a traditional name stays as written."""
    global _t2s
    counts: dict[str, int] = {}
    # a tag has no "<" inside: each "<" is tried once (with "[^>]*", unclosed "<"s took quadratic time)
    for ch in re.findall(r"[\u4e00-\u9fff]", re.sub(r"<[^<>]*>", "", text)):
        counts[ch] = counts.get(ch, 0) + 1
    if not counts:
        return text
    if _t2s is None:
        import opencc

        _t2s = opencc.OpenCC("t2s")
    chars = list(counts)
    converted = _t2s.convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return text
    changed = sum(counts[a] for a, b in zip(chars, converted) if a != b)
    return _GLOSS.sub("", _t2s.convert(text)) if changed >= 0.1 * sum(counts.values()) else text
