"""A percentage or ratio taken of a base named after 按 (按个人基本工资的5%安排了住房公积金).

The window before such a number ends in its base and a 的; the base is what the number is
taken of, not what it measures. What it measures is the object of the verb after the number
(…的5%预算安排了**住房公积金**, …的1%缴纳**土地收益金**, …的50%对同步搬迁户予以**建房补助**),
or, with none, the subject before 按 (**儿童票**按当日票价全额的50%计算). The base markers
are ``base_markers`` in ``resources/linking.toml``; verbs and nouns are read with jieba's
tags (:mod:`pipeline.linking.words`).
"""

from __future__ import annotations

import re

from pipeline.linking.lexicon import BASE_MARKER_RE, BASE_MARKERS_END_RE, RECKONING_RE
from pipeline.linking.phrases import read_before
from pipeline.linking.words import tag, verb_object

_CLAUSE_END_RE = re.compile(r"[，,。；;：:（(）)、\s]")
_TIME_TAGS = frozenset({"t", "tg"})
_NOUN_TAGS = frozenset({"n", "nz", "j", "l", "vn"})  # 本学期按4个半月收费: when, not what


def of_base(window: str, text: str, end: int, ceiling: int) -> str | None:
    """What a percentage after ``window`` (which ends in ``按 <base> 的``) measures: the
    object of the verb after it in ``text[end:ceiling]``, else the subject before 按; None
    when the window names no base after 按, or neither is found.

    >>> of_base("县财政均按个人基本工资的", "5%预算安排了住房公积金。", 2, 12)
    '住房公积金'
    >>> of_base("儿童票按当日客车票价全额的", "50%计算。", 3, 5)
    '儿童票'
    >>> of_base("全县户籍人口占总人口的", "80%，", 3, 4) is None
    True
    """
    m = BASE_MARKER_RE.search(window)
    if m is None:
        return None
    stop = _CLAUSE_END_RE.search(text, end, ceiling)
    found = verb_object(text[end : stop.start() if stop is not None else ceiling])
    if found is not None:
        return found
    subject = window[: m.start()]
    if not subject:
        return None
    reading = read_before(subject, "count")
    return reading.of if reading.predicate is None else None


def of_reckoned(window: str, text: str, end: int, kind: str) -> str | None:
    """What a number right after a base marker (``window`` ends in 按) and before a verb of
    reckoning (``reckoning_verbs``, at ``text[end]``) measures: the subject before the marker,
    reckoned at that rate (补偿面积按45㎡/人计算 → 补偿面积, 发放护理津贴天数按30天计算 → 护理津贴天数);
    None where no verb of reckoning follows, or no noun stands before the marker (按4米计算:
    the name is inherited; 本学期按5个月收费: a time).

    >>> of_reckoned("补偿面积按", "补偿面积按45㎡/人计算；", 10, "area")
    '补偿面积'
    >>> of_reckoned("本学期按", "本学期按5个月收费", 7, "duration") is None
    True
    """
    m = BASE_MARKERS_END_RE.search(window)
    if m is None or m.start() == 0 or RECKONING_RE.match(text, end) is None:
        return None
    reading = read_before(window[: m.start()], kind if kind != "duration" else "count")
    if not reading.of:
        return None
    words = tag(reading.of)
    if words[-1][1] in _TIME_TAGS:
        return None
    if len(words) > 1 and words[-1][1] == "v" and words[-2][1] in _NOUN_TAGS:  # 投资额核定 → 投资额
        return reading.of[: -len(words[-1][0])]
    return reading.of
