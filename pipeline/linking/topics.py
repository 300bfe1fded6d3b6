"""Names the sentence gives a number whose own clause names none (issue 14).

Readings run where the rules of ``__init__`` left a quantity without ``of`` (and, for
:func:`elided_count`, where they glued the verb of a change to the name):

- :func:`topic_measured`: a measure after a verb of change alone (调整至0.9元/度, 提高到15%)
  measures the sentence's topic, a clause before it that is a noun phrase alone ending in a
  head of ``topic_heads`` (…公寓楼17栋的**电价**，已执行…要求，调整至0.9元/度), the noun after
  its last 的; none where no such clause stands after the quantity linked before it
  (将对该桥进行维修，向上拓宽3米 → none: a verb's object is no topic).
- :func:`compared`: a number after a comparison alone (比起原来1.1元/度) is the old value of
  what the number before it measures; :func:`changing`: one after a verb of change alone glued
  to a number (由1.2元提高到1.5元) its new value.
- :func:`labelled_clause`: a measure that is a clause alone after a comma measures the noun
  phrase that is the clause before it (…路口，楚雅博爱**用地**，15亩。).
- :func:`lend_listed`: a measure listed before another of its kind that a 的 ties to the noun
  after the list takes that noun too (可分别申请6万元、3万元的**购房补贴**, 给予15.28万元/人或
  16.28万元/人的**补贴标准**).
- :func:`elided_count`: a count after a verb of changing one thing into another (改成, 分为,
  扩大为: `result_complements`) that a count of its classifier glued to a noun opens counts that
  noun (将一套**房**改成两套的情况, 2间**教室**改成3间); none where the count before names no noun
  (将一套改成两套).
- :func:`remainder_of`: a count after a word of what remains (``remainder_words``: 剩余3家,
  目前仅剩10余户) counts the things of the first count of the same classifier before it in the
  sentence, the whole it is left of (沿线共有**搅拌站**6家，已关停2家，剩余3家); none where no
  such count stands before it (剩余2栋正在安装户表).
- :func:`copula_charge`: a sum its own clause names by nothing, or by the receiver of a clause
  tied to it by 的, that a copula and a charge alone follow is that charge (您母亲收到的90元是保险
  公司核损苗期补偿费 → 保险公司核损苗期补偿费); :func:`copula_thing`: a length, area, volume or weight
  that a clause tied by 的 before it names by no thing is the thing ending the clause a copula opens
  after it (其余未硬化的900余米是由主路分支出来的上下两条**支路**).
- :func:`whole_before`: a count after a word of a total or of a part alone (共16栋, 其中1套)
  right after a comma counts the parts of the whole the clause before ends in (目前正在开发
  **一期**，共16栋; 借款人家庭已注销的**房产**，其中1套); none where a verb ends that clause
  (批示同意，共建了4栋).
"""

from __future__ import annotations

import re

from pipeline.linking.lexicon import (
    CHANGES,
    CHARGE_AFTER_MEASURE_ENDS,
    LINKING,
    MAX_OF,
    OBJECT_NOUN_TAGS,
    PER_ONLY_RE,
    PERSON_ENDINGS,
    PERSON_UNITS,
    RESULT_COMPLEMENTS,
)
from pipeline.linking.phrases import tidy
from pipeline.linking.words import tag
from pipeline.records import Quantity
from pipeline.structure.outline import marker_end
from pipeline.text.numerals import ONE_TO_NINE, TEN
from pipeline.text.regex import trie_alternation

__all__ = [
    "OTHER_WORDS", "REMAINDER_WORDS", "TOPIC_TYPES", "changing", "compared", "copula_charge", "copula_thing",
    "counted_topic", "elided_count",
    "itemised_charge", "labelled_clause", "lend_listed", "postposed_topic", "remainder_of", "shared_people",
    "topic_measured",
    "whole_before",
]

_TOPICS = LINKING.topics
TOPIC_TYPES = frozenset(_TOPICS.topic_types)
REMAINDER_WORDS = frozenset(_TOPICS.remainder_words)
OTHER_WORDS = frozenset(_TOPICS.other_words)
_HEADS = tuple(_TOPICS.topic_heads)
_COUNT_HEADS = tuple(_TOPICS.count_topic_heads)
_COUNT_PREDICATE_TAGS = frozenset(_TOPICS.count_topic_predicate_tags)
_COUNT_PREDICATE_WORDS = 3  # 比较多, 逐年巨增: an adverb and a word or two
_FROM_WORDS = frozenset(_TOPICS.from_words)
_LABEL_LENGTH = _TOPICS.label_length
_COMMAS = "，,"
_CLAUSE_MARKS = "，,；;：:。、"
_CLAUSE_ENDS = "，,。；;！？"
_CLAUSE_SPLIT_RE = re.compile(r"[，,；;：:]")
_MAX_TOPIC = 30  # a longer clause is no noun phrase
# 比起原来, 较上年 (the year a hole the window left out: 较), 与去年同期相比
_COMPARISON_RE = re.compile(
    rf"(?:{trie_alternation(_TOPICS.comparison_words)})(?:{trie_alternation(_TOPICS.comparison_olds)})?的?"
)
# the first word of a clause with a subject of its own (我们已经核实; not 经 of 经业主大会表决)
_SUBJECT_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "nrt", "j", "r"})
_NOMINAL = frozenset(_TOPICS.topic_tags)
_WHOLE_OPENERS = frozenset(_TOPICS.whole_openers)
_WHOLE_TAGS = frozenset(_TOPICS.whole_tags)
_WHOLE_MODIFIER_TAGS = frozenset(_TOPICS.whole_modifier_tags)
_WHOLE_START_MARKS = "，,；;：:。（("
_WHOLE_LIST_ENDS = frozenset([*_TOPICS.list_marks, "等", "一些"])


def topic_measured(text: str, window: str, predicate: str | None, lo: int, floor: int) -> str | None:
    """The topic a measure after a verb of change alone measures: ``window`` (the clause before
    the number, starting at ``lo``) is ``predicate``, a verb of ``[predicates]`` that states a
    change, with only adverbs before it, or a word of ``from_words`` alone (由40公里/小时调整为…);
    the topic is the last clause between ``floor`` (where the quantity linked before ends, or the
    sentence starts) and ``lo`` that is a noun phrase alone ending in a ``topic_heads`` word."""
    if not (changing(window, predicate) or _without_per(window) in _FROM_WORDS):
        return None
    return _topic_before(text, lo, floor)


_POSTPOSITIONS = tuple(_TOPICS.topic_postpositions)
_OPENERS = tuple(sorted(_TOPICS.topic_openers, key=len, reverse=True))
_VERB_ALONE_TAGS = frozenset({"v", "d", "ul", "uz"})  # 已花费: a verb, its adverbs and aspect


def counted_topic(text: str, window: str, predicate: str | None, lo: int, floor: int) -> str | None:
    """What a count of people after a verb of change alone (``window``, its clause from ``lo``)
    counts: the noun phrase ending in a head of ``count_topic_heads`` that opens the clause right
    before it, between ``floor`` and ``lo``, whose rest is an adverb and its predicate alone.

    >>> counted_topic("适龄儿童人数比较多，预计达到130人", "预计达到", "达到", 10, 0)
    '适龄儿童人数'
    >>> counted_topic("适龄儿童人数比较多，需要130人", "需要", None, 10, 0)
    """
    if not changing(window, predicate):
        return None
    clause = _CLAUSE_SPLIT_RE.split(text[floor:lo])
    if len(clause) < 2 or clause[-1].strip():
        return None
    before = clause[-2].strip()
    head = max((before.find(h) + len(h) for h in _COUNT_HEADS if h in before), default=0)
    rest = tag(before[head:]) if head else ()
    if not rest or rest[0][1] not in _COUNT_PREDICATE_TAGS or len(rest) > _COUNT_PREDICATE_WORDS:
        return None
    named = tidy(before[:head])
    return named if named is not None and 2 <= len(named) <= MAX_OF and named.endswith(_COUNT_HEADS) else None


def postposed_topic(text: str, window: str, lo: int, floor: int) -> str | None:
    """The topic a measure measures whose clause ``window`` (starting at ``lo``) is a verb alone
    with its adverbs (已花费): the clause right before it, between ``floor`` and ``lo``, that is a
    noun phrase and a postposition of an aspect (``topic_postpositions``), past a preposition
    opening it (``topic_openers``); None where there is none.

    >>> postposed_topic("该问题的处理上，已花费5万元", "已花费", 8, 0)
    '该问题的处理'
    >>> postposed_topic("工作中，已花费5万元", "已花费", 4, 0)
    >>> postposed_topic("该问题的处理上，街道已花费", "街道已花费", 8, 0)
    """
    words = tag(window) if window else ()
    if not words or any(pos not in _VERB_ALONE_TAGS for _, pos in words) or words[-1][1] != "v":
        return None
    clause = _CLAUSE_SPLIT_RE.split(text[floor:lo])
    if len(clause) < 2 or clause[-1].strip():
        return None
    topic = clause[-2].strip()
    post = next((p for p in _POSTPOSITIONS if topic.endswith(p)), None)
    if post is None:
        return None
    topic = topic[: -len(post)]
    topic = topic[len(next((o for o in _OPENERS if topic.startswith(o)), "")) :]
    named = tidy(topic)
    if named is None or named != topic or not 4 <= len(named) <= MAX_OF:
        return None
    tagged = tag(named)
    if any(pos == "v" for _, pos in tagged[:-1]):
        return None
    last = tagged[-1][1]  # 该问题的处理: a verb a 的 ties to a noun is the noun's matter
    nominal = last in _NOMINAL or last == "vn" or (last == "v" and len(tagged) > 1 and tagged[-2][0] == "的")
    return named if nominal else None


def changing(window: str, predicate: str | None) -> bool:
    """``window`` is ``predicate``, a verb that states a change, alone: with only adverbs or a
    comparison before it (已经调整至, 比上年增长) and per-words after it (提高到每平方米)."""
    if predicate is None or CHANGES.get(predicate) is None:
        return False
    window = _without_per(window)
    if not window.endswith(predicate):
        return False
    rest = window[: -len(predicate)]
    return not rest or tidy(rest) is None or _COMPARISON_RE.fullmatch(rest) is not None


def _without_per(window: str) -> str:
    per = PER_ONLY_RE.search(window)  # 提高到每平方米1.5元
    return window[: per.start()] if per is not None and per.end() == len(window) else window


def _topic_before(text: str, lo: int, floor: int) -> str | None:
    """The last clause between ``floor`` and ``lo`` that is a noun phrase alone ending in a
    ``topic_heads`` word, past clauses with no subject of their own."""
    clauses = _CLAUSE_SPLIT_RE.split(text[floor:lo])
    for clause in reversed(clauses[:-1]):  # the last piece is the number's own clause
        name = _noun_phrase(clause.strip())
        if name is not None:
            return name
        words = tag(clause.strip()) if clause.strip() else ()
        if words and words[0][1] in _SUBJECT_TAGS and len(words[0][0]) > 1:  # 我们已经核实: a subject of its own
            return None
    return None


def compared(window: str) -> bool:
    """``window`` is a comparison alone (比起原来, 较): the number after it is the old value of
    what the number before it measures."""
    return _COMPARISON_RE.fullmatch(window) is not None


def labelled_clause(text: str, lo: int, end: int, floor: int) -> str | None:
    """The clause before a measure that is a clause alone (…路口，楚雅博爱**用地**，15亩。): the
    number stands right after a comma, with nothing but an approximation before it (约), and a
    punctuation mark or the end follows it; the clause before is a noun phrase alone of at most
    ``label_length`` characters ending in a noun (not 车位价格约4.5万元 nor …定价的，约1.5万元)."""
    if lo - 1 <= floor or text[lo - 1] not in _COMMAS or (end < len(text) and text[end] not in _CLAUSE_ENDS):
        return None
    start = max(text.rfind(mark, floor, lo - 1) for mark in _CLAUSE_MARKS) + 1
    clause = text[max(start, floor) : lo - 1].strip()
    if not clause or len(clause) > _LABEL_LENGTH or any(c.isdigit() for c in clause):
        return None
    words = tag(clause)
    if words[-1][1][:1] != "n" or any(pos not in _NOMINAL for _, pos in words):
        return None
    return tidy(clause)


_QUANTITY_TAGS = frozenset({"m", "r"})  # words of how many of the people (大多数, 所有, 这些)


def shared_people(text: str, lo: int, end: int, floor: int) -> str | None:
    """The people a share opening its clause (``lo`` right after a comma, nothing before the number,
    a verb right after it, ending at ``end``) is a share of: those the clause before the comma opens
    with, past a word of quantity (大多数教师毕业于双一流大学，100%具有本科以上学历 → 教师); the nouns
    glued before the word naming them too (全县教师); None where that clause holds a number or opens
    with no people.

    >>> t = "从学历结构来看，大多数教师毕业于双一流大学，100%具有本科以上学历。"
    >>> shared_people(t, t.index("100"), t.index("%") + 1, 0)
    '教师'
    """
    if lo - 1 <= floor or text[lo - 1] not in _COMMAS:
        return None
    after = tag(text[end : end + 4])
    if not after or after[0][1] != "v":
        return None
    start = max(text.rfind(mark, floor, lo - 1) for mark in _CLAUSE_MARKS) + 1
    clause = text[max(start, floor) : lo - 1]
    if not clause or any(c.isdigit() for c in clause):
        return None
    words = tag(clause)
    k = 0
    while k < len(words) and words[k][1] in _QUANTITY_TAGS:  # 大多数, 所有
        k += 1
    m = k
    while m < len(words) and words[m][1] in OBJECT_NOUN_TAGS and not words[m][0].endswith(PERSON_ENDINGS):
        m += 1
    if m == len(words) or words[m][1] not in OBJECT_NOUN_TAGS or not words[m][0].endswith(PERSON_ENDINGS):
        return None
    return "".join(word for word, _ in words[k : m + 1])


_NO_ITEM_TAGS = frozenset({"p", "m", "c"})  # 经核实: a clause, not an item
_VERBS = frozenset({"v", "vd"})
_ITEM_JOINS_RE = re.compile(rf"(?:{trie_alternation(_TOPICS.list_marks)})")


def itemised_charge(text: str, window: str, lo: int, sentence_start: int, floor: int) -> str | None:
    """The item a rate heads a schedule of: ``window`` (the clause before the number, starting
    at ``lo``) is a per-word and a verb alone with its adverbs (每平方米收取, 每亩另奖补), right
    after a comma; the clause before the comma opens the sentence, past an item marker (二、,
    （三）), and is a noun phrase or a list of them alone, with no number (二、未成林造林地，每平方米
    收取4元 → 未成林造林地; 疏林地、灌木林地，每亩收取3元 → 疏林地、灌木林地); None where a
    verb or a number stands in it (临时占用林地，…; 基地连片100亩以上，每亩另奖补200元), or
    where a quantity linked before stands in the sentence (``floor`` past its start).

    >>> itemised_charge("二、未成林造林地，每平方米收取4元", "每平方米收取", 9, 0, 0)
    '未成林造林地'
    >>> itemised_charge("临时占用林地，每平方米收取6元", "每平方米收取", 7, 0, 0)
    >>> itemised_charge("五、荒地、采伐迹地，每亩收取2元", "每亩收取", 10, 0, 0)
    '荒地、采伐迹地'
    >>> itemised_charge("二、未成林造林地，每平方米4元", "每平方米", 9, 0, 0)
    """
    per = PER_ONLY_RE.match(window)
    if per is None or per.end() == len(window) or floor > sentence_start or lo - 1 <= sentence_start:
        return None
    if text[lo - 1] not in _COMMAS or any(pos not in _VERB_ALONE_TAGS for _, pos in tag(window[per.end() :])):
        return None
    if tag(window[per.end() :])[-1][1] != "v":
        return None
    start = marker_end(text, sentence_start, lo - 1)
    item = text[start : lo - 1].strip()
    if not 2 <= len(item) <= MAX_OF or any(c.isdigit() or c in _CLAUSE_MARKS.replace("、", "") for c in item):
        return None
    parts = [tag(part) if part else () for part in _ITEM_JOINS_RE.split(item)]
    for words in parts:
        if not any(pos[:1] == "n" for _, pos in words) or words[-1][1] in _VERBS \
                or any(pos in _NO_ITEM_TAGS for _, pos in words):
            return None  # 未成林造林地: jieba cuts 未 and 地 off, but no verb ends it
    # a verb inside an item (疏林地, 采伐迹地, as jieba cuts them) only in a list of which one item
    # has none: a list of like nouns (宜林地、采伐迹地); 占用林地 alone is a clause
    verbal = [any(pos in _VERBS for _, pos in words) for words in parts]
    if any(verbal) and (len(parts) < 2 or all(verbal)):
        return None
    return item if tidy(item) == item else None


def _noun_phrase(clause: str) -> str | None:
    """``clause`` as a noun phrase alone ending in a head of ``topic_heads``: the noun after its
    last 的 (17栋的电价 → 电价), else the whole; None where jieba tags a verb or a preposition in it."""
    if not clause or len(clause) > _MAX_TOPIC or not clause.endswith(_HEADS):
        return None
    words = tag(clause)
    if words[-1][0] in _HEADS:  # 污水处理率: jieba tags 率 a verb
        words = words[:-1]
    if any(pos not in _NOMINAL for word, pos in words if word != "的"):
        return None
    name = clause.rsplit("的", 1)[-1]
    return tidy(name) if 2 <= len(name) <= MAX_OF else None


def remainder_of(window: str, unit: str | None, named: dict[str, str]) -> str | None:
    """The things a count after a word of what remains counts: ``window`` is one of
    ``remainder_words`` with only adverbs before it (目前仅剩), and ``named`` maps each classifier
    to the name of the first count of it in the sentence so far."""
    if unit is None or unit not in named:
        return None
    word = next((w for w in REMAINDER_WORDS if window.endswith(w)), None)
    if word is None:
        return None
    rest = window[: -len(word)]
    if rest and tidy(rest) is not None:
        return None
    return named[unit]


_LIST_MARKS = frozenset(_TOPICS.list_marks)


def lend_listed(text: str, qs: list[Quantity], updates: list[dict[str, object]]) -> None:
    """Give each measure of ``qs`` left without a name the noun after the list it opens: the
    next quantity is of its kind, only a list mark (、, 或, 和 …) stands between them, and that
    one's name is the noun a 的 ties to it (6万元、3万元的购房补贴), or for a count of the same
    classifier the noun glued after it (200名和150名学生); last to first, so a longer list lends
    down the line. ``updates`` are the links of ``qs``, changed in place."""
    lent: set[int] = set()
    for i in range(len(qs) - 2, -1, -1):
        q, nxt = qs[i], qs[i + 1]
        if text[q.end : nxt.start].strip() not in _LIST_MARKS or nxt.type != q.type:
            continue
        name = updates[i + 1].get("of")
        if q.type == "count" and _counted_after(text, q, nxt, name, updates[i].get("of"), i + 1 in lent):
            updates[i]["of"] = name  # 调查了200名和150名学生, 涉及三个或三个以上不同机构: the noun after both
            lent.add(i)
            continue
        if q.type not in TOPIC_TYPES or updates[i].get("of") is not None:
            continue
        if isinstance(name, str) and (text.startswith("的" + name, nxt.end) or i + 1 in lent):
            updates[i]["of"] = name
            lent.add(i)


def _counted_after(text: str, q: Quantity, nxt: Quantity, name: object, own: object, lent: bool) -> bool:
    """Whether a count before a list mark and a count of the same classifier counts the noun
    glued after that one (``name``, or lent to it down the list): 200名和150名学生 → 学生; not
    where its own noun stands glued before it (党员3名和5名入党积极分子: 党员)."""
    if not isinstance(name, str) or q.unit != nxt.unit or not (lent or text.startswith(name, nxt.end)):
        return False
    return not (isinstance(own, str) and text.endswith(own, 0, q.start))


_COUNT_BEFORE = rf"(?:\d+|[{ONE_TO_NINE}{TEN}两百千万]+)"
_VERBAL = frozenset({"v", "vn", "vd", "vi"})


def elided_count(window: str, unit: str | None, named: str | None = None) -> str | None:
    """The noun a count glued to it before a verb of changing names, for a count of the same
    classifier ``unit`` after that verb (``window`` ends in it): 将一套房改成 → 房, 原来的2间教室
    改成 → 教室; the noun is the words between the classifier and the first verb after it. Where
    the count before is a quantity of its own, ``named`` is its name, and the window opens with
    it and then verbs alone (教室改成, 幼儿小班扩编成)."""
    if unit is None or not window or window[-1] not in RESULT_COMPLEMENTS:
        return None
    if named is not None and window.startswith(named) and len(window) > len(named):
        verbs = tag(window[len(named) :])
        if verbs[-1][0] in RESULT_COMPLEMENTS and len(verbs) > 1:  # 扩编 + 成, as jieba cuts it
            verbs = verbs[:-1]
        return named if all(pos in _VERBAL for _, pos in verbs) else None
    if unit not in window:  # the pattern below holds the unit as it is: no compile for a unit not there
        return None
    m = re.search(rf"{_COUNT_BEFORE}{re.escape(unit)}(?P<rest>[^\W\d]{{2,12}})$", window)
    if m is None:
        return None
    words = tag(m["rest"])
    noun: list[str] = []
    for word, pos in words:
        if pos in _VERBAL or pos == "p":
            break
        noun.append(word)
    else:
        return None  # no verb: 一套房为 is a copula's subject, read as such
    name = "".join(noun)
    return name if name and words[-1][0][-1] in RESULT_COMPLEMENTS and tidy(name) == name else None


# a copula right after the sum and the rest of its clause, up to a mark (no bracket nor quote in it)
_COPULA_CHARGE_RE = re.compile(
    rf"(?:{trie_alternation(_TOPICS.charge_copulas)})(?P<charge>[^，,。；;：:！!？?（(、“”\s]{{2,{MAX_OF}}})(?=[，,。；;！!？?])"
)
_CHARGE_TAGS = frozenset(_TOPICS.charge_tags)


def copula_charge(text: str, end: int, ceiling: int) -> str | None:
    """The charge a copula right after a sum (ending at ``end``) says it is, where that charge is
    the rest of the clause, before ``ceiling``: a noun phrase (``charge_tags``, a numeral only
    first) ending in a word of ``charge_after_measure_ends``; None where anything else follows.

    >>> t = "您母亲收到的90元是保险公司核损苗期补偿费，不是…"
    >>> copula_charge(t, t.index("元") + 1, len(t))
    '保险公司核损苗期补偿费'
    >>> t = "其中1465元/月是每月发放，"
    >>> copula_charge(t, t.index("月") + 1, len(t)) is None
    True
    """
    m = _COPULA_CHARGE_RE.match(text, end)
    if m is None or m.end() > ceiling:
        return None
    words = tag(m["charge"])
    if not words[-1][0].endswith(CHARGE_AFTER_MEASURE_ENDS):
        return None
    if any(pos not in _CHARGE_TAGS and not (k == 0 and pos == "m") for k, (_, pos) in enumerate(words)):
        return None
    return m["charge"]


def copula_thing(text: str, end: int) -> str | None:
    """The thing a copula right after a measure (ending at ``end``) says the measure is, where a
    clause tied by 的 before the measure names none of it (其余未硬化的900余米是由主路分支出来的上下两条
    支路 → 支路): the nouns (``noun_tags``) ending the rest of the clause, two characters at least;
    None where the clause ends in anything else.

    >>> t = "其余未硬化的900余米是由主路分支出来的上下两条支路。"
    >>> copula_thing(t, t.index("米") + 1)
    '支路'
    >>> t = "其余的900余米是已经硬化的。"
    >>> copula_thing(t, t.index("米") + 1) is None
    True
    """
    m = _COPULA_CHARGE_RE.match(text, end)
    if m is None:
        return None
    words = tag(m["charge"])
    k = len(words)
    while k > 0 and words[k - 1][1] in OBJECT_NOUN_TAGS:
        k -= 1
    thing = "".join(word for word, _ in words[k:])
    return thing if len(thing) > 1 and k > 0 else None


def whole_before(text: str, window: str, lo: int, floor: int, unit: str | None = None) -> str | None:
    """The whole a count after a word of ``whole_openers`` alone (``window``, starting at ``lo``
    right after a comma) counts the parts of: the nouns ending the clause before it, between the
    last clause mark or opening bracket (past ``floor``, where the quantity linked before ends or
    the sentence starts) and the comma, after its last verb, 的 or other word (``whole_tags`` the
    last, ``whole_modifier_tags`` before it); None where a verb ends that clause, where the nouns
    close a list (…等公园和一些小游园，共计17处: not the last item), and, for a count of people or
    households (``unit``), but for a whole a bracket holds alone (享受搬迁政策，其中9户: what they
    have is no whole of them).

    >>> whole_before("目前正在开发一期，共16栋", "共", 9, 0), whole_before("已注销的房产，其中1套", "其中", 7, 0)
    ('一期', '房产')
    >>> whole_before("县长批示同意，共建了4栋", "共建了", 7, 0), whole_before("经现场核实，共10户", "共", 6, 0)
    (None, None)
    >>> whole_before("共10户享受搬迁政策，其中9户", "其中", 11, 0, "户") is None
    True
    """
    if window not in _WHOLE_OPENERS or lo - 1 <= floor or text[lo - 1] not in _COMMAS:
        return None
    start = max(text.rfind(mark, floor, lo - 1) for mark in _WHOLE_START_MARKS) + 1
    words = tag(text[max(start, floor) : lo - 1].strip())
    if not words or words[-1][1] not in _WHOLE_TAGS:
        return None
    k = len(words)
    while k > 0 and words[k - 1][1] in _WHOLE_MODIFIER_TAGS:
        k -= 1
    if k == 0 and (start <= floor or text[start - 1] not in "（("):  # 经现场核实: jieba tags 核实 a noun;
        return None  # a whole standing alone is only one a bracket glosses (栗湾组（原西坪村村民小组，共20户…）)
    if k > 0 and (words[k - 1][0] in _WHOLE_LIST_ENDS or unit in PERSON_UNITS):
        return None
    name = "".join(word for word, _ in words[k:])
    return tidy(name) if 2 <= len(name) <= MAX_OF else None
