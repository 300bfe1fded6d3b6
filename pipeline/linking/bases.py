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

from pipeline.linking.lexicon import (
    BASE_MARKER_RE,
    BASE_MARKERS_END_RE,
    CHANGED_BASE_RE,
    COLLECTING_VERBS,
    GLOSS_CHARGE_ENDS,
    PER_ONLY_RE,
    RECKONING_RE,
    SHARE_RE,
)
from pipeline.linking.phrases import Reading, read_after, read_before
from pipeline.linking.words import tag, verb_object

_CLAUSE_END_RE = re.compile(r"[，,。；;：:（(）)、\s]")
_TIME_TAGS = frozenset({"t", "tg"})
_AGENT_RE = re.compile(r"由[^，,。；;由]+$")  # …由县财政 before 按: who pays, not what
_AND = "和与及或"  # 男生考生和女生考生: two nouns the share is of
_NOUN_TAGS = frozenset({"n", "nz", "j", "l", "vn"})  # 本学期按4个半月收费: when, not what
_AS, _OWNING = "作为", "的"  # 作为缴费基数缴纳养老保险费的: a role, then the base a share is of


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


_CHARGE_END_RE = re.compile(r"[，,。；;：:（(）)]")  # a charge named after its verb of collecting


def of_changed_base(window: str) -> str | None:
    """What a percentage after a base and a verb of change (``window`` ends in ``按 <base>
    <change>``) measures: the subject before 按, changed by it, not the base (补贴标准按本办法规定
    标准上浮10% → 补贴标准); None where no such base stands, or no noun before 按 (按标准上浮).

    >>> of_changed_base("补贴标准按本办法规定标准上浮"), of_changed_base("按原标准上浮") is None
    ('补贴标准', True)
    """
    m = CHANGED_BASE_RE.search(window)
    if m is None or m.start() == 0:
        return None
    reading = read_before(window[: m.start()], "count")
    return reading.of if reading.of and reading.predicate is None else None


def of_as_base(window: str, reading: Reading) -> str | None:
    """What a percentage after ``window`` (ending in 的) is a share of, where the name read before
    its verb is what 作为 makes something (作为缴费基数缴纳养老保险费的: 缴费基数 is a role, not the
    subject): the verb's object before 的 (养老保险费); None where 作为 does not open that name,
    or the object is no noun phrase.

    >>> reading = read_before("作为缴费基数缴纳养老保险费的", "percent")
    >>> of_as_base("作为缴费基数缴纳养老保险费的", reading)
    '养老保险费'
    >>> of_as_base("个人缴纳养老保险费的", read_before("个人缴纳养老保险费的", "percent")) is None
    True
    """
    if not reading.of or reading.predicate is None or not window.endswith(_OWNING):
        return None
    role = f"{_AS}{reading.of}{reading.predicate}"
    i = window.rfind(role)
    if i < 0:
        return None
    found = window[i + len(role) : -len(_OWNING)]
    words = tag(found)
    if not words or words[-1][1] not in _NOUN_TAGS or any(pos == "v" for _, pos in words):
        return None
    return found


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

    A charge named right after a verb that collects it (``collecting_verbs``) is what the rate
    is of (考点按每生每科15元收取报名费 → 报名费); no charge named after it keeps the subject
    (超过部分按46元/米收取).

    >>> of_reckoned("考点按每生每科", "考点按每生每科15元收取报名费，", 10, "money")
    '报名费'
    >>> of_reckoned("超过部分按", "超过部分按46元/米收取。", 10, "money")
    '超过部分'
    """
    reckoning = RECKONING_RE.match(text, end)
    if reckoning is None:
        return None
    charge = _collected(window, text, reckoning)
    if charge is not None:
        return charge
    m = BASE_MARKERS_END_RE.search(window)
    if m is None or m.start() == 0:
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


def _collected(window: str, text: str, reckoning: re.Match[str]) -> str | None:
    """The charge a verb of collecting (``reckoning``, one of ``collecting_verbs``) names right
    after a rate a base marker opens, past its per-words (按每生每科15元收取报名费), or None."""
    if not reckoning.group().endswith(COLLECTING_VERBS):
        return None
    # the per-words after the marker (run only before a verb of collecting: a rare window)
    pers = next((i for i in range(len(window)) if PER_ONLY_RE.fullmatch(window, i)), len(window))
    if BASE_MARKERS_END_RE.search(window, 0, pers) is None:
        return None
    stop = _CHARGE_END_RE.search(text, reckoning.end())
    charge = read_after(text, reckoning.end(), stop.start() if stop is not None else len(text))
    return charge if charge is not None and charge.endswith(GLOSS_CHARGE_ENDS) else None


def of_share(window: str, text: str, end: int, ceiling: int) -> str | None:
    """What a percentage glued to a bare share noun (``share_nouns``: 比例) at ``text[end]``
    measures: the noun a 的 ties after it (择优确定40%比例的**相应学生**), else, after a
    base marker ending ``window``, the subject before the marker (**补助资金**按照70%的比例予以发放);
    None where no share noun follows, or neither is found (享受85%的比例报销 keeps its reading).

    >>> of_share("择优确定", "40%比例的相应学生，", 3, 11), of_share("确定", "35%比例的男生和女生；", 3, 11)
    ('相应学生', '男生和女生')
    >>> [of_share(w, t, 3, 9) for w, t in [("其差额由县财政按", "90%的比例支付；"), ("享受", "85%的比例报销。")]]
    ['其差额', None]
    >>> of_share("困难群众补助资金按照", "70%的比例予以发放。", 3, 10)
    '困难群众补助资金'
    """
    m = SHARE_RE.match(text, end, ceiling)
    if m is None:
        return None
    if m["tied"]:
        return _listed_after(text, m.end(), ceiling)
    marker = BASE_MARKERS_END_RE.search(window)
    if marker is None or marker.start() == 0:
        return None
    subject = window[: marker.start()]
    agent = _AGENT_RE.search(subject)
    if agent is not None and agent.start() > 0:  # 其差补由县财政按90%的比例支付: paid by the agent after 由
        subject = subject[: agent.start()]
    reading = read_before(subject, "percent")
    return reading.of or None


def _listed_after(text: str, start: int, ceiling: int) -> str | None:
    """The noun at ``text[start]`` (:func:`~pipeline.linking.phrases.read_after`), with a second one
    tied to it by 和, 与, 及 or 或 (男生考生和女生考生 → both)."""
    first = read_after(text, start, ceiling)
    if first is None or not text.startswith(first, start):
        return first
    tie = start + len(first)
    if tie >= ceiling or text[tie] not in _AND:
        return first
    second = read_after(text, tie + 1, ceiling)
    return first + text[tie] + second if second is not None and text.startswith(second, tie + 1) else first
