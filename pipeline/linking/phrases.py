"""Reading a phrase around one quantity: the clause window, the noun before or after it.

Pure functions over strings; :mod:`pipeline.linking` decides which reading wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from pipeline.linking.clauses import after_reporting, object_named, object_of_clause, without_conjunction
from pipeline.linking.lexicon import (
    AFTER_PREFIX_RE,
    AFTER_RE,
    AFTER_STOP_WORDS,
    AFTER_TAIL_RE,
    ANY_BRACKET_RE,
    ANY_CUT_RE,
    ANY_SPACE_RE,
    ASIDE_RE,
    ASPECT_NOUNS,
    ATTRIBUTES,
    BASE_COPULAS,
    BASE_MARKERS,
    BASE_PREDICATES,
    BASE_SPLIT_VERBS,
    BEFORE_ONLY_TYPES,
    BOUNDARY_RE,
    BRACKET_RE,
    BUILT_TO_RE,
    CERTIFYING_VERBS,
    CHANGES,
    CLASSING_VERBS,
    CLAUSE_TAIL_TAGS,
    COMMA_PURPOSE_RE,
    COMPLETED_TARGETS,
    COMPLETING_VERBS,
    COPULA_PER_RE,
    COPULA_PREDICATES,
    COUNT_SOURCES,
    COUNTED_ACTIVITIES,
    CUT_BLOCKED_RE,
    CUT_RE,
    DATE_POSTPOSITION_RE,
    DATE_PREPOSITION_RE,
    DATE_PREPOSITION_WORDS,
    DE_NOUNS,
    DEMONSTRATIVES,
    DIFFERENCE_VERBS,
    DIMENSION_AFTER_RE,
    DIMENSION_COUNT_RE,
    ENUM_RE,
    GLUED_VERB_RE,
    GRADE_BOUNDS,
    GRADE_ENDINGS,
    GRANTING_VERBS,
    HOLDING_OPENINGS,
    HOLDING_TAGS,
    INFIX_BRACKET_RE,
    INTENT_SUBJECTS,
    LEAD_FIRST,
    LEAD_RE,
    LEFT_UNIT_RE,
    LOCATIVE_RE,
    LOCATIVE_TIME_RE,
    MANNER_WORDS,
    MAX_OF,
    MODIFYING_PREDICATES,
    NAMED_EVENTS,
    NORM_HEADS,
    NOT_NOUNS,
    OBJECT_NOUN_TAGS,
    PAID_ACTIVITY_TAGS,
    PART_NOUNS,
    PER_HEADS,
    PER_RE,
    PERSON_ENDINGS,
    PREDICATE_RE,
    PREFIX_TAGS,
    PURPOSE_RE,
    RANK_VERB_RE,
    RATE_TAIL_RE,
    RECIPIENT_NOUNS,
    RECIPIENT_PER_MARKERS,
    RECKONING_VERBS,
    REGULATION_ITEM_UNITS,
    REGULATION_TAIL_RE,
    SCOPE_END_RE,
    SOURCE_PREPOSITIONS,
    SPACE_RE,
    SPAN_END,
    SPAN_STARTS,
    STOP_COMPOUND_TAIL_RE,
    SUM_ENDINGS,
    TEMPORAL_TAILS,
    TOTAL_ADVERBS,
    TRAIL_LAST,
    TRAIL_REVERSED_RE,
    USE_RE,
    VERB_ADVERBS,
    VERB_TAGGED_NOUNS,
    WITHIN_GROUP_RE,
)
from pipeline.linking.words import (
    after_conjunction,
    after_heading,
    after_title,
    before_copula,
    before_granting_agent,
    before_outcome_verb,
    clause_object,
    head_after,
    in_dictionary,
    is_lone_word,
    is_noun_phrase,
    is_predicate_alone,
    is_verb,
    strip_trailing,
    tag,
    without_ending_copula,
    without_enumerator,
    without_preposition,
    without_present,
    without_present_before_state,
    words_of,
)
from pipeline.text.numerals import ONE_TO_NINE, TEN

MAX_WINDOW = 48  # characters read back from a number; a clause is rarely longer
MAX_PHRASE = 12  # a longer phrase keeps only its head after the last 的 or quotation (and that quotation)
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_ATTRIBUTE_WORDS = tuple(ATTRIBUTES)
_NORMED_TAGS = ("n", "nz", "j", "l", "vn")  # 基金, 门诊 before 支付标准: a noun, no adverb
_KIND_TAGS = ("n", "b", "l")  # a kind (有机, 省级, 无公害) before a verb of certifying, no agency (nt, j)
_LONGEST_BLOCKED = 3  # characters of a blocked word before the cut word it ends in (相对 → 1)
_LONGEST_STRADDLE = 4  # a predicate ending in trailing words starts at most this far before them
_SCOPE_TIDY_RE = re.compile(r"(?:中|内|里|之中|的)$")
_HEAD_CUT_RE = re.compile(r".*[的”]", re.DOTALL)  # greedy: the last one
_OPENING = frozenset("（([【")
_QUOTED = frozenset("“《")  # a quoted name is kept whole
_LIST_CLOSE = "等"  # closes a list that names what is counted (张三、李四等)
_LIST_COMMA = "、"  # glues the items of a list a count counts whole (38名业主、商户代表)
_DIGIT_RE = re.compile(r"[0-9０-９]")
_CLAUSE_END_RE = re.compile(r"[，。；：！？（(,;:!?\n]")
_PER_HEAD_ENDS = frozenset(h[-1] for h in PER_HEADS)
_WITHIN = ("中", "里面")  # 从征地款中提取, 从征收款里面抽取: the postposition of a source
_PLACES_AFTER_DENG = "地"  # 北京、上海等地: the places listed
# Brackets inside a name stand in for private-use characters while asides are cut.
_SHIELD = str.maketrans("（）()", "\ue000\ue001\ue002\ue003")
_UNSHIELD = str.maketrans("\ue000\ue001\ue002\ue003", "（）()")
BASED = frozenset({"percent", "ratio"})  # kinds taken of a base (占全国11.2%, 费用的50%)
_DIFFERENCE_KINDS = frozenset({"length", "area", "volume", "weight"})  # by how much (低于小区地坪约12.6米)
# Kinds whose name may be a predicate alone: a clock's or a duration's label (白天清洗养护为
# 上午9:30—11:30), a percentage's subject (越级转诊降低15%).
_PREDICATE_NAMES = BASED | BEFORE_ONLY_TYPES | {"duration"}
_GLUED_NOUN_VERB_TAGS = frozenset({"n", "vn"})  # 补贴 of 分别补贴租金的90%: jieba's noun, a verb after 分别


class Window(NamedTuple):
    """The clause text before a quantity, asides and spaces removed.

    ``lo`` is where it starts in the original text; ``opened`` says it starts right after
    an opening bracket (路段（约200米）: the bracket glosses the phrase before it).
    """

    text: str
    lo: int
    opened: bool


class Reading(NamedTuple):
    """What the words before a number say.

    ``of`` is empty where the window is the number's own predicate alone (配车20台): no name,
    and none inherited from the number before;
    ``claim`` is the window up to the predicate (where 力争, 目标 mark a target);
    ``possessive`` says a 的 joins the phrase to the number (原标准的50元/月).
    """

    of: str | None = None
    predicate: str | None = None
    scope: str | None = None
    possessive: bool = False
    claim: str = ""



def window(text: str, start: int, floor: int, holes: Sequence[tuple[int, int]] = ()) -> Window:
    """The clause before ``start``, never before ``floor``, without the ``holes`` in it.

    Holes are dates and durations: 经费五年增长1倍 reads as 经费增长.

    >>> window("收入增长，粮食总产量达到", 12, 0).text
    '粮食总产量达到'
    """
    lo = max(floor, start - MAX_WINDOW, 0)
    raw = text[lo:start]
    for a, b in holes:
        if b > lo and a < start:  # blanked, not cut, so that offsets hold until _squeeze
            a, b = max(a, lo) - lo, min(b, start) - lo
            m = DATE_PREPOSITION_RE.search(raw, 0, a)
            if m is not None and m.start() > 0 and raw[m.start() - 1 : m.end()] in DATE_PREPOSITION_WORDS:
                m = None  # 学前三年: 前 ends a word, not a preposition of the span
            framed = m is not None and m.group() in SPAN_STARTS
            if m is not None:  # 到2010年 goes as a whole
                a = m.start()
            m = DATE_POSTPOSITION_RE.match(raw, b)
            if m is not None:  # 近半年内间隔: and so does 内 after it
                b = m.end()
            elif framed and raw.startswith(SPAN_END, b):  # 从2014年1月1日起: the frame's close too
                b += len(SPAN_END)
            raw = raw[:a] + " " * (b - a) + raw[b:]
    m = BOUNDARY_RE.match(raw)
    if m is not None:
        lo += m.end()
        raw = raw[m.end() :]
    m = RATE_TAIL_RE.match(raw) if raw[:1] in "/／" else None
    if m is not None:
        lo += m.end()
        raw = raw[m.end() :]
    m = LEFT_UNIT_RE.match(raw) if lo > 0 and text[lo - 1].isdigit() else None
    if m is not None:  # 驼背畸形大于70度或侧凸大于45度: the unit the number before left out of its span
        lo += m.end()
        raw = raw[m.end() :]
    m = ENUM_RE.match(raw)
    if m is not None:
        lo += m.end()
        raw = raw[m.end() :]
    if not ANY_BRACKET_RE.search(raw):
        return Window(_squeeze(raw), lo, False)
    # 小(1)型水库, 村(居)委会: a short bracket inside a name is part of it, not an aside
    raw = INFIX_BRACKET_RE.sub(_shield, raw)
    m = BRACKET_RE.match(raw)
    if m is not None and m.group()[-1] in _OPENING:
        lo += m.end()
        raw = raw[m.end() :]
        return Window(_squeeze(raw).translate(_UNSHIELD), lo, not raw.strip())
    raw = ASIDE_RE.sub("", raw)
    m = BRACKET_RE.match(raw)
    if m is not None:  # an aside closing here that opened before the window
        raw = raw[m.end() :]
    return Window(_squeeze(raw).translate(_UNSHIELD), lo, False)


def _shield(m: re.Match[str]) -> str:
    return m.group().translate(_SHIELD)


def _squeeze(text: str) -> str:
    """``text`` without the spaces a line wrap left inside it (科  技创新)."""
    return SPACE_RE.sub("", text) if ANY_SPACE_RE.search(text) else text


def _before_copula_per(phrase: str) -> str:
    """``phrase`` without a copula, per-words and the noun alone after them that end it: the rate
    is per that noun, and the subject of the copula is the name (补贴标准为每个村 → 补贴标准).

    >>> _before_copula_per("补贴标准为每个村"), _before_copula_per("标准为每人每年")
    ('补贴标准', '标准为每人每年')
    """
    m = COPULA_PER_RE.search(phrase)
    # one character is a noun jieba tags oddly (村 zg, 户 q); more, nouns alone (not 每人每年)
    if m is None or (len(m["per"]) > 1 and not all(pos in OBJECT_NOUN_TAGS for _, pos in tag(m["per"]))):
        return phrase
    return phrase[: m.start()]


def tidy(phrase: str) -> str | None:
    """Strip connectors, adverbs and particles from both ends; None when nothing is left.

    >>> tidy("其中租金")
    '租金'

    A phrase longer than `MAX_PHRASE` keeps its head after the last 的 or closing quotation
    mark, and a quotation that mark closes with it, where the name stays within `MAX_OF`:

    >>> tidy("实际可分配土地“两费”总额")
    '“两费”总额'
    """
    whole = phrase
    if "=" in phrase or "＝" in phrase:  # 养老保险待遇=基础养老金（103元）: a formula's last term
        phrase = re.split("[=＝]", phrase)[-1]
    phrase = without_present(_trail(_lead(phrase))[0])
    if len(phrase) == 1 and len(whole) == 2 and _CJK_RE.match(whole):
        phrase = whole  # 人均 is a word, not 人 + 均
    if "每" in phrase:  # 空调开放费用约每小时 → 空调开放费用
        phrase = PER_RE.sub("", _before_copula_per(phrase))
    if "等" in phrase[:-1]:  # 伙食、勘界等工作经费 → 工作经费; not 等候费用, 电压等级
        head = phrase.rsplit("等", 1)[1]
        words = words_of(head)
        if len(head) >= 2 and words_of(phrase)[-len(words) - 1 :][0] == "等":
            # 北京、上海等地实习工资 → 实习工资: 地 after 等 is the places listed, a word of its own;
            # 设施等共占地面积 → 占地面积
            phrase = _lead(head[1:] if words[0] == _PLACES_AFTER_DENG and len(head) >= 3 else head)
    if len(phrase) > MAX_PHRASE:
        cut = _HEAD_CUT_RE.match(phrase, 0, len(phrase) - 2)
        if cut is not None:
            phrase = _lead(phrase[_head_start(phrase, cut.end()) :])
    if "“" in phrase or "”" in phrase:
        phrase = _balance_quotes(phrase)
    if "《" in phrase or "》" in phrase:  # 《中共中央组织部…部等五部门关于…》: a title's marks alike
        phrase = _balance_quotes(phrase, "《", "》")
    if not phrase or phrase in NOT_NOUNS or (len(phrase) <= 6 and phrase.endswith(TEMPORAL_TAILS)):
        return None
    if is_lone_word(phrase):
        return None  # 共考4人, 原每年增加: a verb or an adverb of the clause, cut short
    if (len(phrase) < 2 or phrase[0].isdigit()) and not _CJK_RE.search(phrase):
        return None  # P, 7000PF: the tail of a number, not a thing
    return phrase


def _head_start(phrase: str, end: int) -> int:
    """Where the head of a long ``phrase`` starts, cut after the 的 or closing quotation mark
    ending at ``end``: before the opening mark of that quotation when the phrase holds it, as
    the quoted term names the head it stands before (实际可分配土地“两费”总额 → “两费”总额), unless
    that head is itself too long.

    >>> _head_start("实际可分配土地“两费”总额", 11), _head_start("按要求执行的停车收费标准", 6)
    (7, 6)
    """
    if phrase[end - 1] != "”":
        return end
    opening = phrase.rfind("“", 0, end - 1)
    return opening if opening >= 0 and len(phrase) - opening <= MAX_OF else end


def _balance_quotes(phrase: str, opens: str = "“", closes: str = "”") -> str:
    """A quotation mark left alone in a name: one opening it, or closing it with the opening
    mark outside the window, goes; past one opening a quotation inside it (反映“水渠报价 →
    水渠报价) or closing one opened before the window (…一元捐”资金 → 资金), the name is
    what follows it. ``opens`` and ``closes`` are the marks (a title's 《 and 》 alike:
    意见》、《省教育厅等 → 省教育厅等)."""
    if phrase.startswith(closes):
        phrase = phrase[1:]
    if phrase.endswith(opens):
        phrase = phrase[:-1]
    if phrase.count(opens) > phrase.count(closes) and phrase.startswith(opens):
        phrase = phrase[1:]
    opening, closing = phrase.rfind(opens), phrase.find(closes)
    if opening > 0 and phrase.find(closes, opening) < 0 and _named_after(phrase, opening):
        phrase = phrase[opening + 1 :]  # 您所反映的“工资 (the number stands in the quotation)
    elif closing > 0 and phrase.rfind(opens, 0, closing) < 0 and _named_after(phrase, closing):
        phrase = phrase[closing + 1 :]  # 捐”资金 (the quotation opened before the window)
    return phrase


def _named_after(phrase: str, mark: int) -> bool:
    """What follows the quotation mark at ``mark`` in ``phrase`` may be a name: two characters
    or more, not ending in a pronoun, an adverb, a preposition, a conjunction or a particle
    (并非为“扣压其中 is a clause cut short, not a name); a list's closing 等 is read past
    (《省教育厅等: the list is a name)."""
    rest = phrase[mark + 1 :].removesuffix(_LIST_CLOSE)
    return len(rest) >= 2 and tag(rest)[-1][1][:1] not in CLAUSE_TAIL_TAGS


def _cut(text: str) -> str:
    """What follows the last preposition, pronoun or time word (均已按新标准 → 新标准)."""
    if not ANY_CUT_RE.search(text):
        return text
    m = CUT_RE.match(text)
    if m is None or m["cut"] is None or len(text) - m.end() < 2 or _inside_blocked(text, m.start("cut")):
        return text
    rest = text[m.end() :]
    if m["cut"] in BASE_MARKERS and "每" in rest:  # 按存栏数每头补贴 → 补贴: the basis, then the rate's name
        per = PER_RE.search(rest)
        if per is not None and per.start() >= 2 and len(rest) - per.end() >= 2:
            return rest[per.end() :]
    return rest


def _inside_blocked(text: str, at: int) -> bool:
    """The cut word at ``at`` ends a blocked word that opens before it (绝对|值, 相对|贫困人口,
    去向|不明人员): no cut there, as where a blocked word opens with it (对口就业率)."""
    return any(b.start() < at < b.end() for b in CUT_BLOCKED_RE.finditer(text, max(0, at - _LONGEST_BLOCKED), at + 1))


def _locative(text: str) -> tuple[str, str | None]:
    """总量在全国 → (总量, 全国); a group 在…中 alone is a scope and no name (在全市的城区中 → ("",
    全市的城区)); a time after 在 is a frame, and the noun after it the name (t63在早晚高峰期发车间隔 →
    (t63发车间隔, None)); a phrase with no 在 comes back whole.

    >>> _locative("t63在早晚高峰期发车间隔"), _locative("总量在全国")
    (('t63发车间隔', None), ('总量', '全国'))
    """
    if "在" not in text:
        return text, None
    group = WITHIN_GROUP_RE.fullmatch(text)
    if group is not None:
        return "", group["scope"]
    m = LOCATIVE_RE.match(text)
    if m is None:
        return text, None
    timed = LOCATIVE_TIME_RE.fullmatch(m["scope"])
    if timed is not None:  # t63在早晚高峰期发车间隔: a frame of time, and the noun after it
        return m["head"] + timed["rest"], None
    if "的" in m["scope"]:  # 生活在此的居民: the 在 is inside a clause before the noun
        return m["scope"].rsplit("的", 1)[1], None
    done = _done_there(m["scope"])
    if done is not None:  # 公司在小区内开挖水池: what was done there, not who did it
        return done, None
    return m["head"], _SCOPE_TIDY_RE.sub("", m["scope"]) or None


def _done_there(scope: str) -> str | None:
    """The object of a verb (jieba's ``v``) that the place after 在 is followed by in ``scope``,
    where nouns alone close it (小区内开挖水池 → 水池, 我家开挖深坑 → 深坑): the thing made or done
    there, which a measure after it measures; None where no such verb follows the place or
    anything but nouns follows the verb (全国, 总购房款中优惠).

    >>> _done_there("小区内开挖水池"), _done_there("全国"), _done_there("总购房款中优惠") is None
    ('水池', None, True)
    """
    words = tag(scope)
    verb = max((i for i, (_, pos) in enumerate(words) if pos == "v"), default=None)
    if not verb or verb == len(words) - 1:
        return None
    if not all(pos in OBJECT_NOUN_TAGS for _, pos in words[verb + 1 :]):
        return None
    return "".join(word for word, _ in words[verb + 1 :])


def _predicates(text: str) -> list[re.Match[str]]:
    """Predicates in ``text``; a one-character verb only at either end (占全国11.2%, 人口为), one of
    ``modifying_predicates`` only with no 的 after it (享受低保兜底的对象: a clause modifying 对象);
    not one after another and glued before a noun of an event that is no verb (``event_heads``:
    开展专项整治行动 → 整治 is part of the event 开展 opens)."""
    end = len(text)
    found = [
        m
        for m in PREDICATE_RE.finditer(text)
        if m["pred"] is not None and (m.end() - m.start() > 1 or m.end() == end or _opens_alone(text, m))
        and not (m["pred"] in MODIFYING_PREDICATES and "的" in text[m.end() :])  # 享受低保的对象
    ]
    # 开展专项整治行动: a predicate glued before the noun of an event, after another, names the event
    return [m for i, m in enumerate(found) if not (i > 0 and text.startswith(NAMED_EVENTS, m.end()))]


def _opens_alone(text: str, m: re.Match[str]) -> bool:
    """The predicate ``m`` of one character opens ``text`` as a word of its own (占全国, 为该村),
    not the first character of a name jieba reads as one word (达腾公司: a firm, no 达)."""
    return m.start() == 0 and (len(text) == 1 or len(words_of(text)[0]) == 1)


def _lead(text: str) -> str:
    """``text`` without its leading connectors (其中, 据统计)."""
    if not text or text[0] not in LEAD_FIRST:
        return text
    m = LEAD_RE.match(text)
    return text if m is None else text[m.end() :]


def _trail(text: str) -> tuple[str, bool]:
    """``text`` without its trailing adverbs and particles, and whether a 的 was among them."""
    if not text or text[-1] not in TRAIL_LAST or text.endswith(DE_NOUNS):  # 查扣摩的: the 的 is the noun's
        return _without_per_head(text), False
    m = TRAIL_REVERSED_RE.match(text[::-1])
    if m is None:
        return _without_per_head(text), False
    cut = text[: len(text) - m.end()]
    if cut and text[len(cut)] in _PER_HEAD_ENDS:  # 人均不能: 均 went with the trailing words
        kept = _without_per_head(text[: len(cut) + 1])
        cut = kept if len(kept) < len(cut) else cut
    if cut:  # 网上预约计划: 约 is 预约's, no hedge; a trailing word is cut only at a word's end
        cut = text[: _word_end(text, len(cut))]
    return cut, "的" in text[len(cut) :]


def _word_end(text: str, at: int) -> int:
    """``at`` where it falls between two of jieba's words of ``text``, else the end of the word of
    jieba's dictionary it falls in (预约: not a word its model of unknown words made, 区共, 会应)."""
    end = 0
    for word in words_of(text):
        end += len(word)
        if end >= at:
            return end if end == at or in_dictionary(word) else at
    return at


def _without_per_head(text: str) -> str:
    """``text`` without a per-word of a head ending it (``per_heads``: 按人均 → 按, 人平 → nothing),
    where its first character is a word of its own; 工人均, 学生均 keep their word."""
    if not text.endswith(PER_HEADS):
        return text
    head = text[:-1]
    alone = len(text) == 2 or words_of(text)[-1] in PER_HEADS or words_of(head)[-1] == head[-1]
    return text[:-2] if alone else text


def _trail_to_predicate(text: str) -> tuple[str, bool]:
    """:func:`_trail`, but a predicate the trailing words end stays whole (班额控制在 keeps 控制在,
    whose 在 alone is a trailing word: the subject before it, 班额, is what is measured)."""
    cut, possessive = _trail(text)
    if len(cut) == len(text):
        return cut, possessive
    for m in PREDICATE_RE.finditer(text, max(0, len(cut) - _LONGEST_STRADDLE)):
        if m["pred"] is not None and m.start() < len(cut) < m.end():
            return text[: m.end()], "的" in text[m.end() :]
    return cut, possessive


def _noun(text: str) -> str | None:
    """A phrase with no verb in it: after any preposition, before any 在-place."""
    return tidy(_locative(_cut(_trail(text)[0]))[0])


def _subject(text: str, preds: list[re.Match[str]]) -> str | None:
    """The phrase before a verb, after any earlier verb in ``preds`` (found in ``text``)."""
    if preds:
        rest = tidy(text[preds[-1].end() :])
        if rest is not None and len(rest) >= 2:
            return rest
        if preds[-1].start() > 0 and preds[-1].end() == len(text):  # 费用累计达: the subject is before both
            return _subject(text[: preds[-1].start()], preds[:-1])
    return _noun(text)


def _modifies_attribute(text: str, pred: re.Match[str]) -> bool:
    """The verb ``pred`` stands glued between a word before it and a bare attribute
    (``attributes``) right after it (医疗费用支付比例, 资金使用比例): it modifies the attribute
    and is no predicate of the window."""
    return pred.start() > 0 and _CJK_RE.match(text[pred.start() - 1]) is not None \
        and (text.startswith(_ATTRIBUTE_WORDS, pred.end()) or _names_sum_of_works(text, pred)
             or _certified_kind(text, pred) or _normed(text, pred))


def _normed(text: str, pred: re.Match[str]) -> bool:
    """The verb ``pred`` stands between a noun before it (jieba's ``_NORMED_TAGS``) and a head
    of a norm (``norm_heads``: 标准, 额度), a word of its own right after it: one name
    (生育保险基金支付标准, 门诊支付额度), not a predicate after an adverb (已支付标准).

    >>> def verb(text, v): return next(m for m in PREDICATE_RE.finditer(text) if m["pred"] == v)
    >>> _normed("生育保险基金支付标准为", verb("生育保险基金支付标准为", "支付"))
    True
    >>> _normed("已支付标准为", verb("已支付标准为", "支付")), _normed("支付标准化", verb("支付标准化", "支付"))
    (False, False)
    """
    after = tag(text[pred.end() :])
    if not after or after[0][0] not in NORM_HEADS:
        return False
    before = tag(text[: pred.start()])
    return bool(before) and before[-1][1] in _NORMED_TAGS


def _certified_kind(text: str, pred: re.Match[str]) -> bool:
    """The verb ``pred`` certifies a kind (``certifying_verbs``: 认证, 认定) between a noun before it
    and the one noun that ends ``text``: one noun, the kind certified (有机认证企业, 省级认定企业),
    not the predicate of an agency (该中心认证企业, 质监局认证企业) nor after an adverb (已认证企业).

    >>> def verb(text): return next(m for m in PREDICATE_RE.finditer(text) if m["pred"] == "认证")
    >>> _certified_kind("有机认证企业", verb("有机认证企业")), _certified_kind("已认证企业", verb("已认证企业"))
    (True, False)
    >>> _certified_kind("该中心认证企业", verb("该中心认证企业"))
    False
    """
    if pred["pred"] not in CERTIFYING_VERBS or pred.end() >= len(text):
        return False
    before, after = tag(text[: pred.start()]), tag(text[pred.end() :])
    if not before or before[-1][1] not in _KIND_TAGS or (len(before) > 1 and before[-2][1] == "r"):
        return False  # 该中心认证, 质监局认证: a subject certifying
    return len(after) == 1 and after[0][1][0] == "n"


def _names_sum_of_works(text: str, pred: re.Match[str]) -> bool:
    """The verb ``pred`` is a work done on a thing (``counted_activities``: 改造, 维修) and the
    word after it a sum (``sum_endings``: 费用, 资金) or a grant (``granting_verbs``: 补助, 补贴):
    the sum of those works, one noun with the thing before (该塘改造费用为 → 该塘改造费用, 学校操场
    改造资金 → 学校操场改造资金, 申请危房改造补助 → 危房改造补助; not after a verb of its own: 安排
    改造资金 keeps 安排 as the predicate)."""
    if pred["pred"] not in COUNTED_ACTIVITIES or pred.end() >= len(text):
        return False
    after = words_of(text[pred.end() :])
    return bool(after) and (after[0].endswith(SUM_ENDINGS) or after[0] in GRANTING_VERBS)


@lru_cache(maxsize=8192)  # a third of the windows of a batch recur (地区生产总值增长)
def read_before(text: str, kind: str) -> Reading:
    """Read the window before a number of type ``kind`` (see :func:`_read_before`); a name
    that is a clause gives way to its object (学校就有学生170人 → 学生), and a name loses the
    function words at its end (武深高速限速亦为80km → 武深高速限速)."""
    if text.endswith(DEMONSTRATIVES):  # 这36个药, 现已对该三户: the thing is after the number; the verb stays
        return read_verb(text)
    text = without_present_before_state(text)  # 现在编在岗正式民警: 现 and 在编, not 现在 and 编
    reading = _read_before(text, kind)
    glued = _glued_verb(text, kind)
    if glued is not None:
        return reading._replace(of=glued)
    if reading.of is None:
        return reading
    named: str | None = reading.of
    if kind == "length" and (m := DIMENSION_COUNT_RE.search(reading.of)) is not None:
        # 其中一条长约650米: the thing counted (inherited), 公路是一条长1.2公里: the copula's subject
        named = tidy(reading.of[: m.start()])
        reading = reading._replace(of=named)
    if named is None or (reading.predicate is not None and named in INTENT_SUBJECTS):  # 规划新建11处
        return reading._replace(of=None)
    if kind not in _PREDICATE_NAMES and is_predicate_alone(named):  # 已注册登记为104家: inherits
        return reading._replace(of=None)
    if kind != "rank" and _is_ranking_alone(named):  # 排全县二分之一至三分之二: inherits
        return reading._replace(of=None)
    of: str | None = named
    if kind == "count" and (built := BUILT_TO_RE.search(named)) is not None:
        # 名都天下城7号栋已建至主体19层: the building built up to it; "" where no subject stands (nothing named)
        return reading._replace(of=tidy(named[: built.start()]) or "")
    if kind != "rank" and kind not in BASED:  # 项目要求宽度不低于2.5米: the clause a verb of saying reports
        reported = after_reporting(named, predicate=reading.predicate)
        of = _noun_phrase(text, kind, reading, reported) if reported else reported
    if not of:
        return reading._replace(of=of)
    # 支教教师数不得超过本校教师总数的5%: the object of a percentage's verb is its base
    based = kind in BASED and reading.possessive
    of = clause_object(of, based=based) if kind != "rank" else of
    if of is not None and kind != "rank":  # 该楼盘售出72套: what was sold, not the sale
        of = before_outcome_verb(of)
    if of is not None and kind == "money":  # 三格化粪池县下拨1050元/座: what the county grants for
        of = before_granting_agent(of)
    if of is not None and kind != "rank":
        of = without_preposition(without_enumerator(of))
        of = None if of is None else without_conjunction(strip_trailing(of))
        of = None if of is None else object_of_clause(after_heading(after_conjunction(after_title(of))))
        if of is not None and kind != "duration":  # 建筑层数为地上28层: the copula's subject
            of = before_copula(of)
        of = _source(of)  # 原发起人中至少5人: those among whom the number is counted
    elif of is not None:
        of = strip_trailing(of)
    if of and kind == "count" and of.endswith(_LIST_CLOSE):  # 张某陪同李某等4人: the people listed
        of = _listed_after_verb(of)
    return reading._replace(of=of and without_ending_copula(of))


def _listed_after_verb(name: str) -> str:
    """``name``, read before a count and closing a list with 等, without a subject and its verb
    (a verb of two characters or more jieba tags so) glued before a person's name the list opens
    with: the people listed are what is counted, not whoever acts on them (邹某陪同谭某等 → 谭某等,
    一致同意推选李某等 → 李某等); a list of things keeps its name (捕捞上来的草鱼、雄鱼等).

    >>> _listed_after_verb("王明陪同李华等"), _listed_after_verb("邹某陪同谭等")
    ('李华等', '谭等')
    >>> _listed_after_verb("捕捞上来的草鱼、雄鱼等"), _listed_after_verb("社区干部带领村民代表等")
    ('捕捞上来的草鱼、雄鱼等', '社区干部带领村民代表等')
    """
    words = tag(name)
    at = len(name)
    for i in range(len(words) - 1, 0, -1):
        at -= len(words[i][0])
        word, pos = words[i - 1]
        if pos != "v" or len(word) < 2 or word in VERB_TAGGED_NOUNS:
            continue
        # a name of people, or a surname alone glued to 等 (jieba's 谭等)
        if words[i][1].startswith("nr") or (i == len(words) - 1 and len(words[i][0]) == 2):
            return name[at:]
    return name


def _glued_verb(text: str, kind: str) -> str | None:
    """The name of a window ending in one word jieba tags a verb right after per-words or an
    adverb of `verb_adverbs` (每亩另奖补, 企业当年奖补): that word is the clause's predicate, even
    one `verb_tagged_nouns` keeps as a noun elsewhere (but a verb of granting after a 的 and an
    adverb is a noun, the sum granted: 农场的当年奖补 → 奖补). After an adverb the name
    is the noun before it (申请单位当年缴纳 → 申请单位), or none (and none after a verb of granting,
    whose noun before or object is whom the sum goes to); after per-words alone, none where nothing or a basis
    (按实施面积) stands before them, else None: a noun joined round the per-word names what is
    paid for, without a verb of granting (标准大棚每平方米奖补 → 标准大棚), other verbs read as
    before (保洁员工资每月增加). A percentage tied by 的 to
    the verb's object after an adverb measures that object, its base (另奖补购买价款的10%).

    >>> _glued_verb("每亩另奖补", "money"), _glued_verb("认证的企业当年奖补", "money")
    ('', '')
    >>> _glued_verb("获得市级示范型家庭农场的当年奖补", "money")
    '奖补'
    >>> _glued_verb("标准大棚每平方米奖补", "money"), _glued_verb("每户补贴", "money") is None
    ('标准大棚', True)
    >>> _glued_verb("另奖补购买价款的", "percent"), _glued_verb("每人发放生活费", "money") is None
    ('购买价款', True)
    """
    stripped, possessive = _trail(text)
    m = GLUED_VERB_RE.match(stripped)
    if m is None:
        return None
    words = tag(m["rest"])
    adverb = any(word in m["glue"] for word in VERB_ADVERBS)
    based = adverb and possessive and kind in BASED and len(words) > 1
    granted = adverb and _grants(m["glue"], words[0][0])
    # 分别补贴租金的90%: after the adverb the first word is the verb, whatever jieba tags it
    # (and a verb of granting, 种植大户当年补贴3万元)
    # 育秧棚每平方米补贴: a verb of granting alone after a noun and per-words too, whatever jieba
    # tags it (每户补贴500元 keeps the noun 补贴)
    lone_grant = len(words) == 1 and words[0][0] in GRANTING_VERBS and bool(_lead(m["head"]))
    if not adverb and len(words) > 1 and words[0][0] in GRANTING_VERBS \
            and _is_recipient(m["rest"][len(words[0][0]) :]):
        return ""  # 按基地数量每个奖励乡镇1万元: the verb and whom it grants to, no thing paid for
    if words[0][1] != "v" and not (granted or lone_grant) and not (based and words[0][1] in _GLUED_NOUN_VERB_TAGS):
        return None
    if len(words) > 1:  # 另奖补购买价款的10%: the verb's object is the base, and names it
        if not based and adverb and kind not in BASED:
            return "" if granted else _recipient(m["rest"][len(words[0][0]) :])
        return (tidy(m["rest"][len(words[0][0]) :]) or "") if based else None
    head = _lead(m["head"])
    if not adverb:  # 按实施面积每亩奖补: the basis names no thing paid (not a percentage's base)
        based = kind not in BASED and any(marker in head for marker in BASE_MARKERS)
        # 新造每亩奖补: an activity paid for; not a percentage's base (原价格折旧每年扣减1%)
        paid = bool(head) and kind not in BASED and _is_paid_activity(head)
        if not head or based or paid:
            return ""
        if words[0][0] not in GRANTING_VERBS or m["head"].endswith("的"):
            return None  # 普通钢架大棚的每平方米奖补: the 的 makes the verb a noun, read as before
        # 标准大棚每平方米奖补60元: a verb of granting after per-words alone is the predicate; the
        # noun before them names what is paid for (标准大棚), without the verb; not whom it is paid
        # to (外贸企业每家奖补, 移民每人每年补助: none)
        named = read_before(head, kind).of
        recipient = any(marker in m["glue"] for marker in RECIPIENT_PER_MARKERS)
        return "" if recipient or (named and named.endswith(PERSON_ENDINGS)) else named
    if granted and m["head"].endswith("的") and PER_RE.search(m["glue"]) is None:
        # 获得…合作社的当年奖补1万元: after a 的, the verb of granting is a noun, the sum granted
        return words[0][0]
    return (read_before(head, kind).of or "") if head and not granted else ""


def _is_recipient(obj: str) -> bool:
    """``obj``, the object of a verb of granting after per-words, is whom the sum goes to: a body
    of `recipient_nouns` or a noun of people, alone (乡镇, 村, 困难群众; not 生活费).

    >>> _is_recipient("乡镇"), _is_recipient("困难群众"), _is_recipient("生活费")
    (True, True, False)
    """
    return obj in RECIPIENT_NOUNS or (is_noun_phrase(obj) and obj.endswith(PERSON_ENDINGS))


def _grants(glue: str, verb: str) -> bool:
    """``verb``, after the adverb in ``glue`` (当年, 另), is one of `granting_verbs`: the noun
    before it or its object is whom the sum goes to, not what it measures, so no name (对认证企业
    当年奖补5万元, 当年奖补合作社8万元); not after 分别, whose list shares the sums out (A村、B村分别
    奖补2万元和1万元 → A村, B村).

    >>> _grants("的当年", "奖补"), _grants("当年", "投资"), _grants("分别", "奖补")
    (True, False, False)
    """
    return verb in GRANTING_VERBS and "分别" not in glue


def _names_people(head: str) -> bool:
    """``head``, the words before per-words and a verb of granting, ends (before a 的 or not) in a
    noun of people (``person_endings``): whom the sum goes to, not a thing paid for.

    >>> _names_people("油茶新造林的经营者"), _names_people("种粮农户"), _names_people("标准大棚")
    (True, True, False)
    """
    words = tag(head.removesuffix("的") or head)
    if not words:
        return False
    last, pos = words[-1]
    return len(last) > 1 and pos[:1] == "n" and last.endswith(PERSON_ENDINGS)


def _is_paid_activity(head: str) -> bool:
    """``head``, the words before per-words and a lone verb (新造每亩奖补, 水田种植每亩奖补), is an
    activity paid for, not a thing: it ends, before a 的 or not, in a word of `paid_activity_tags` (a verb,
    a modifier alone), so the sum names nothing.

    >>> _is_paid_activity("新造"), _is_paid_activity("育苗移栽的"), _is_paid_activity("标准大棚")
    (True, True, False)
    >>> _is_paid_activity("伙食费在原标准基础上每生")
    False
    """
    words = tag(head.removesuffix("的") or head)  # 育苗移栽的每亩奖补: tied by 的 alike
    if not words:
        return False
    last, pos = words[-1]  # of two characters at least (not 起 of 从…起每月增加), no per-word (每生)
    return pos in PAID_ACTIVITY_TAGS and len(last) > 1 and last not in VERB_TAGGED_NOUNS and not last.startswith("每")


def _recipient(rest: str) -> str | None:
    """The object after an adverb and its verb, a noun phrase alone: whom the sum goes to,
    which names it as the noun before the adverb would (…获得省级著名商标的当年奖补企业5万元 →
    企业); None where it is no noun phrase (read as before)."""
    named = tidy(rest)
    return named if named is not None and is_noun_phrase(named) else None


def _noun_phrase(text: str, kind: str, reading: Reading, name: str) -> str | None:
    """``name``, read from the window ``text``, where it is a verb phrase (see
    :func:`clauses.object_named`): the verb no lexicon lists is the predicate, and the number
    measures its object (共安置贫困户36户 → 贫困户; not for a percentage, whose object is its
    base: 申购人数超过房源数1.5倍). A count joined by 的 to a verb phrase counts what the
    clause describes, not the verb's object: None (已签订房屋拆迁协议的49户, 已签安置协议的31户).
    A lone verb jieba tags so (配车20台, 退休9人) is the number's predicate: "" (no name at all),
    except as an item after 、 of a list of names. A count's subject a preposition of a source opens
    is where the counted come from: None (从各村抽调30人)."""
    if kind == "duration":  # 参保人员缴费年限: a duration's name ends in a noun of time; a verb opening it modifies
        return name
    if reading.predicate is not None:
        described = kind == "count" and reading.possessive and not reading.predicate.endswith(CLASSING_VERBS)
        # 从各村抽调30人: the place the people are drawn from, which a preposition of a source marks,
        # is no subject of a count; the count names nothing
        at = text.rfind(name)
        sourced = kind == "count" and at > 0 and text[:at].endswith(COUNT_SOURCES) and "的" not in name
        return None if described or sourced else name
    if len(words_of(name)) == 1 and is_verb(name) and name not in VERB_TAGGED_NOUNS and not text.startswith("、"):
        # 开通两条, 配车20台, 退休9人: a lone verb is the number's predicate and names nothing;
        # not an item of a list of names (初中3所、完中1所: jieba tags 完中 a verb)
        return ""
    if _verbs_alone(name):  # 进行追补1600元: verbs alone name no thing
        return ""
    at = text.rfind(name)
    if at > 0 and text[:at].endswith(TOTAL_ADVERBS):  # 共安置贫困户36户: 共 opens the predicate
        counted = _after_opening_verbs(name)
        if counted is not None:
            return counted
    named = object_named(name, modified=at > 0 and text[at - 1] == "的", perfective=text.endswith("了"),
                         sourced=at > 0 and text[:at].endswith(SOURCE_PREPOSITIONS))
    if kind == "count" and reading.possessive and (named != name or _ends_in_verb(name)):
        return None  # 在公办学校就读的14519人: the clause describes those counted, named before
    return named


def _ends_in_verb(name: str) -> bool:
    """``name`` ends in a verb of two characters or more jieba tags so, no noun it tags as one
    (``verb_tagged_nouns``): a clause, no noun (在公办学校就读, 在本村居住; not 安置补助, 规划).

    >>> _ends_in_verb("在公办学校就读"), _ends_in_verb("符合条件"), _ends_in_verb("就读")
    (True, False, True)
    """
    last, pos = tag(name)[-1]
    return pos == "v" and len(last) > 1 and last not in VERB_TAGGED_NOUNS


def _source(subject: str | None) -> str | None:
    """A subject before a verb without the postposition 中 that ends it as jieba's last word
    (从征地款中提取15% → 征地款, 从小区公共收入中提取15万元): the place the verb takes from,
    not a school (…县职中1000人 has no verb). ``subject`` as it is when shorter than three
    characters (two are left at least) or None.

    >>> _source("征地款中"), _source("小区公共收入中"), _source("县职中"), _source("征收款里面")
    ('征地款', '小区公共收入', '县职中', '征收款')
    """
    within = next((w for w in _WITHIN if subject is not None and subject.endswith(w)), None)
    if subject is None or within is None or len(subject) < len(within) + 2:
        return subject
    words = tag(subject)
    word, pos = words[-1]
    if pos != "f" or len(word) > 2 or len(words) < 2:
        return subject
    # 款中: jieba glued the noun's last character to 中; a 中 alone after a word of the
    # dictionary (收入中), not after a school's name it does not know (县职中); 里面 is a word of its own
    glued_or_known = (len(word) == 2 and word != within) or word == within == "里面" or in_dictionary(words[-2][0])
    return subject[: -len(within)] if glued_or_known else subject


def _after_opening_verbs(name: str) -> str | None:
    """The object of the verbs opening ``name``: past the first verb, and past each verb
    after it that another verb follows (回迁安置拆迁农民 → 拆迁农民); None where it opens with
    no verb jieba tags `v` (nor one `verb_tagged_nouns` lists) or no noun is left.

    >>> _after_opening_verbs("安置贫困户"), _after_opening_verbs("回迁安置拆迁农民")
    ('贫困户', '拆迁农民')
    >>> _after_opening_verbs("维修基金"), _after_opening_verbs("贫困户") is None
    ('基金', True)
    """
    words = tag(name)
    if len(words) < 2 or words[0][1] != "v" or len(words[0][0]) < 2 or words[0][0] in VERB_TAGGED_NOUNS:
        return None
    at = 1
    while at < len(words) - 1 and words[at][1] == "v" and words[at + 1][1] == "v":
        at += 1
    rest = words[at:]
    return "".join(w for w, _ in rest) if any(pos[:1] == "n" for _, pos in rest) else None


def _verbs_alone(name: str) -> bool:
    """``name`` is two of jieba's words or more, all verbs of two characters or more (进行追补,
    申请退款): a predicate, not a thing; not with a verbal noun or a noun jieba tags as a verb
    (维修改造, 种植奖补), nor after an adverb (已入住60户 inherits the name before it).

    >>> _verbs_alone("进行追补"), _verbs_alone("已入住"), _verbs_alone("种植奖补"), _verbs_alone("报名")
    (True, False, False, False)
    """
    words = tag(name)
    return len(words) > 1 and all(pos == "v" and len(word) > 1 and word not in VERB_TAGGED_NOUNS for word, pos in words)


def _read_before(text: str, kind: str) -> Reading:
    """Read the window before a number of type ``kind``.

    The object after the last verb if there is one (提供空间超30万平方米 → 空间), else the
    subject before it (粮食总产量达到820.1亿斤 → 粮食总产量). A percentage of something
    (车辆规模只有规划目标的54.8%) measures the subject, not the base, except after a verb of
    completing (``completing_verbs``), where it measures how much of its object is done
    (现已完成了一期的86% → 一期), or nothing where that is a target (完成目标任务的111%:
    ``completed_targets``).
    """
    text, possessive = _trail_to_predicate(_lead(text))
    if kind == "rank":
        return _read_rank(text)
    split = _base_split(text, DIFFERENCE_VERBS, opening=True) if kind in _DIFFERENCE_KINDS else None
    if split is not None:  # 白竹坡路标高低于小区地坪约12.6米: by how much the subject passes the reference
        return Reading(_noun(text[: split[0]]), split[1], None, False, text[: split[0]])
    # 住院医疗费用支付比例都提高了: 支付 modifies 比例, the subject is the whole phrase
    preds = [m for m in _predicates(text) if not _modifies_attribute(text, m)]
    if not preds and possessive and kind in BASED:  # 标准为…费用的50%: the copula splits them
        preds = [m for m in PREDICATE_RE.finditer(text) if m["pred"] in BASE_COPULAS]
    if not preds and kind in BASED:  # 开发建设资金占工程建设总投资额超过25%: so does 占 alone
        split = _base_split(text)
        if split is not None:
            return Reading(_noun(text[: split[0]]), split[1], None, False, text[: split[0]])
    if not preds:
        return Reading(_noun(text), None, None, possessive, text)
    last = preds[-1]
    predicate, claim = last["pred"], text[: last.start()]
    obj_of, obj_possessive = None, False
    split = None  # the object's own 占 and base
    if last.end() < len(text):
        obj, obj_possessive = _trail(_without_aspect(text[last.end() :]))
        obj_of = tidy(_cut(obj))
        split = _base_split(obj_of) if obj_of is not None and kind in BASED else None
        if obj_of is not None and split is not None:  # 投入开发建设资金占工程建设总投资额超过25%
            obj_of = tidy(obj_of[: split[0]])  # the object before 占
    base = kind in BASED and (possessive or obj_possessive or predicate in BASE_PREDICATES)
    if base and obj_of is not None and (possessive or obj_possessive) and predicate in COMPLETING_VERBS:
        # 已完成了一期的86%: how much of 一期; 完成目标任务的111%: a target names nothing done
        return Reading(None if obj_of.endswith(COMPLETED_TARGETS) else obj_of, predicate, None, possessive, claim)
    # 进城落户农民工随迁子女占新生总人数的13.8%: the base is after 占, and what 占 it is the object
    # before 占, even where a 的 ties the base; the verb's subject (进城) is none
    if obj_of is not None and (not base or split is not None):
        return Reading(obj_of, predicate, None, possessive, claim)
    return Reading(_source(_subject(claim, _before_copula_noun(preds, text))), predicate, None, False, claim)


_PERFECTIVE = "了"


def _without_aspect(rest: str) -> str:
    """``rest``, the words after a predicate, without the aspect particle 了 of the verb where jieba
    reads it as a word of its own (新建了高 → 高; not 了解).

    >>> _without_aspect("了高"), _without_aspect("了解情况"), _without_aspect("设备房")
    ('高', '了解情况', '设备房')
    """
    if not rest.startswith(_PERFECTIVE) or len(rest) < 2 or tag(rest)[0][0] != _PERFECTIVE:
        return rest
    return rest[1:]


def _before_copula_noun(preds: list[re.Match[str]], text: str) -> list[re.Match[str]]:
    """The predicates before the last of ``preds``, without a verb of two characters or more
    glued right before a last copula of `copula_predicates` after a noun: a verbal noun, the
    subject's head (每个床位投入大约为15万元 → 床位投入, not 床位); only a neutral verb (用量增加为
    keeps 增加 a predicate) and not one of `total_adverbs` (费用累计为 → 费用)."""
    *earlier, last = preds
    if not earlier or last["pred"] not in COPULA_PREDICATES:
        return earlier
    glued = earlier[-1]
    neutral = CHANGES.get(glued["pred"], "") is None  # 用量增加为19m3: a verb of change stays one
    if glued.end() != last.start() or len(glued["pred"]) < 2 or glued["pred"] in TOTAL_ADVERBS or not neutral:
        return earlier
    return earlier[:-1]


def _base_split(text: str, verbs: frozenset[str] = BASE_SPLIT_VERBS, *,
                opening: bool = False) -> tuple[int, str] | None:
    """Where a verb of ``verbs`` (``base_split_verbs``) stands as a word of its own before a base
    of two characters or more, and the verb (资金占工程建设总投资额 → (2, 占); not 女职工占比, nor
    before a part noun, the part beyond a threshold: 超过部分), also opening ``text`` where
    ``opening`` (超出用地红线 → (0, 超出): nothing before the verb names what passes the reference).

    >>> _base_split("开发建设资金占工程建设总投资额"), _base_split("医疗卫生机构女职工占比")
    ((6, '占'), None)
    >>> _base_split("申购人数超过房源数"), _base_split("小区超过部分")
    ((4, '超过'), None)
    >>> _base_split("白竹坡路标高低于小区地坪", DIFFERENCE_VERBS)
    (6, '低于')
    """
    if not any(verb in text for verb in verbs):
        return None
    at = 0
    words = tag(text)
    for i, (word, _) in enumerate(words[:-1]):
        base = words[i + 1][0]
        if (i > 0 or opening) and word in verbs and len(base) >= 2 and base not in PART_NOUNS:
            return at, word
        at += len(word)
    return None


@lru_cache(maxsize=8192)
def read_verb(text: str) -> Reading:
    """Only the verb of the window (引入 in 引入超6家央企研发中心), when the noun is known."""
    text = _trail_to_predicate(text)[0]
    preds = _predicates(text)
    if not preds:
        return Reading(claim=text)
    return Reading(predicate=preds[-1]["pred"], claim=text[: preds[-1].start()])


def _read_rank(text: str) -> Reading:
    """A rank measures the subject of its ranking verb; the words after the verb are its scope."""
    verb = next((m for m in RANK_VERB_RE.finditer(text) if m["verb"] is not None), None)
    preds = _predicates(text)
    # the verb nearest the rank claims it (排名有望上升至第20位: 上升至); the first splits it
    predicate = preds[-1]["pred"] if preds else None
    if verb is not None and (not preds or verb.start() > preds[-1].start()):
        predicate = verb.group()
    scope = None
    if verb is not None:
        scope = _SCOPE_TIDY_RE.sub("", text[verb.end() :]) or None
        if scope is not None and (_has_rank_verb(scope) or _predicates(scope)):
            scope = None
        text = text[: verb.start()]
    else:
        m = SCOPE_END_RE.search(text)
        if m is not None:
            scope, text = m["scope"], text[: m.start()]
    subject, place = _locative(_trail(text)[0])
    if not subject and place is not None:  # 在全市的城区中排名第一: a field alone, the subject is before it
        return Reading("", predicate, scope or place, False, text)
    return Reading(_subject(subject, _predicates(subject)), predicate, scope or place, False, text)


def _is_ranking_alone(name: str) -> bool:
    """``name`` is a ranking verb and its field alone (``scopes``: 排全县, 位列全市): a place in a
    ranking said of no subject of its own, which is the clause's before (计生工作排全县第10名，排全县
    二分之一至三分之二 → 计生工作), not the verb.

    >>> _is_ranking_alone("排全县"), _is_ranking_alone("位列全省"), _is_ranking_alone("排污管道")
    (True, True, False)
    >>> _is_ranking_alone("计生工作排全县"), _is_ranking_alone("全县")
    (False, False)
    """
    m = RANK_VERB_RE.match(name)
    return m is not None and m["verb"] is not None and SCOPE_END_RE.fullmatch(name, m.end()) is not None


def _has_rank_verb(text: str) -> bool:
    return any(m["verb"] is not None for m in RANK_VERB_RE.finditer(text))


def read_after(text: str, end: int, ceiling: int) -> str | None:
    """The noun right after a number (超6家央企研发中心 → 央企研发中心), or None; it ends before the
    letters of a code a digit follows (16个名额a1的计划 → 名额).

    >>> read_after("引入超6家央企研发中心，", 5, 12)
    '央企研发中心'
    >>> read_after("存在三个方面的问题：", 4, 9)
    '问题'
    >>> read_after("只考试16个名额a1的计划", 6, 14)
    '名额'
    """
    documents = text[end - 1] not in REGULATION_ITEM_UNITS  # 7个…实施细则, not 20项措施实施细则
    gloss = _GLOSS_RE.match(text, end, ceiling)
    if gloss is not None:  # 18个（二、三栋之间道路）车位: the noun after a bracket glossing the number
        return read_after(text, gloss.end(), ceiling)
    if ANY_SPACE_RE.search(text, end, ceiling):  # a line wrap: 超6家\n央企研发中心
        text, end = _squeeze(text[end:ceiling]), 0
        ceiling = len(text)
    m = AFTER_RE.match(text, end, ceiling)
    if m is not None:
        start, stop = m.start("np"), _through_nouns(text, m.start("np"), m.end(), ceiling, documents)
    else:  # 三个时间段, 两种类型: a stop word opens a jieba noun
        prefix = AFTER_PREFIX_RE.match(text, end, ceiling)
        if prefix is None:  # the next quantity starts before this one ends
            return None
        start = prefix.end()
        stop = _through_nouns(text, start, start, ceiling, documents)
        if stop == start:
            return None
    code = _CODE_OPENING_RE.search(text[start:stop]) if stop < ceiling and text[stop].isdigit() else None
    if code is not None and code.start() > 0:  # 学杂费问题A5区教育局, 名额a1: the letters open a code
        stop = start + code.start()
    np = text[start:stop]
    phrase: str | None = _balance_quotes(np)
    if np[0] not in _QUOTED:  # 6个大门和出入口, 14名公办教师通过双向选择: the name ends before 和, 通过
        phrase = head_after(np, perfective=text.startswith("了", stop))
    if phrase is None or (len(phrase) < 2 and not _CJK_RE.match(phrase)) or phrase in NOT_NOUNS:
        return None
    if phrase in RECKONING_VERBS and _CLAUSE_END_RE.match(text, start + len(phrase)) is not None:
        return None  # 按46元/米收费。: the verb of reckoning ends the clause, no charge it names
    if len(phrase) == 1 and _cut_word(text[start : min(ceiling, start + 4)]):
        return None
    if _manner_before_verb(phrase, text[start + len(phrase) : min(ceiling, start + len(phrase) + 4)]):
        return None
    tied = start + len(phrase) + 1
    if phrase in ASPECT_NOUNS and text.startswith("的", tied - 1) and tied < ceiling:  # 三个方面的问题 → 问题
        return read_after(text, tied, ceiling) or phrase
    return _graded(text, start + len(phrase), ceiling, phrase)


_CODE_OPENING_RE = re.compile(r"[A-Za-z]+$")
# a bracket glossing a number, not one of inclusion (60周岁（含）以上: ages.py reads past it) nor
# the enumerator of the next item (30元/月/辆（3）临时停车管理费)
_GLOSS_RE = re.compile(rf"[（(](?!含)(?![\d{ONE_TO_NINE}{TEN}]+[）)])[^（()）\n]{{1,20}}[）)]")
# the items after the first of a list that 等 closes before the noun of their class
# (水电、电梯运行维保年检等公摊费用): no digit, clause end, 的 or second 等 inside an item;
# not 等于, 等级, 等待, 等到, 等同 (words of their own)
_CLASSED_LIST_RE = re.compile(r"(?:、[^，。；：、！？\s\d的等]{1,12})+等(?![于级待到同候])")


def classed_after(text: str, start: int, ceiling: int, first: str) -> str | None:
    """The noun of the class a list opening with ``first`` (read right after a number, at
    ``start``) is closed into by 等 (0.5元每平方的水电、电梯维保等公摊费用 → 公摊费用: the sum
    is of the class, not of its first item); None where no 等 closes the list there or no noun
    follows it (写字楼、门面等35处: a count of its own).

    >>> classed_after("收取0.5元的水电、电梯维保等公摊费用。", 7, 20, "水电")
    '公摊费用'
    >>> classed_after("收取0.5元的水电、电梯维保费用。", 7, 16, "水电")
    >>> classed_after("含门面、写字楼等35处。", 1, 12, "门面")
    """
    if not text.startswith(first, start):
        return None
    m = _CLASSED_LIST_RE.match(text, start + len(first), ceiling)
    if m is None:
        return None
    noun = read_after(text, m.end(), ceiling)
    if noun is None or not text.startswith(noun, m.end()) or m.end() + len(noun) >= ceiling:
        return None  # a noun the ceiling cuts may be part of a word (医疗机构 → 医疗机)
    return noun


def listed_after(text: str, start: int, ceiling: int, first: str) -> str:
    """``first``, read right after a count at ``start``, with the items a list comma glues to
    it and no number of their own parts (38名业主、商户代表在… → 业主、商户代表: the count is of
    them all); ``first`` alone where an item has its own number or the next quantity's start
    ends it (四间教室、一间阅览室, 1次换乘、花费4元), where a 的 makes it a modifier (欢乐、祥和的
    春节), or where the list outgrows MAX_OF. A verb glued to the last item ends the list (512个
    杂屋、车库改变用途 → 杂屋、车库).

    >>> listed_after("38名业主、商户代表在会议室开会。", 3, 16, "业主")
    '业主、商户代表'
    >>> listed_after("四间教室、一间阅览室", 2, 10, "教室"), listed_after("过一个欢乐、祥和的春节", 3, 11, "欢乐")
    ('教室', '欢乐')
    >>> listed_after("建设11座公厕、提质改造50座站厕。", 5, 13, "公厕")
    '公厕'
    >>> listed_after("将12个杂屋、车库改变用途。", 4, 13, "杂屋")
    '杂屋、车库'

    """
    stop = start + len(first)
    if not text.startswith(first, start):
        return first
    items = [first]
    while text.startswith(_LIST_COMMA, stop) and stop + 1 < ceiling:
        item = read_after(text, stop + 1, ceiling)
        if item is None or not text.startswith(item, stop + 1) or _DIGIT_RE.search(item):
            return first
        words = tag(item)
        if words[0][1] == "m":  # 一间阅览室: its own count
            return first
        closed = _before_closing_verb(words)
        if words[-1][1] == "v" and closed is None:  # 改变: a verb alone
            return first
        if closed is not None:  # 512个杂屋、车库改变用途: the verb after the last item closes the list
            item = closed
        stop += 1 + len(item)
        if stop >= ceiling or text.startswith("的", stop):
            return first
        items.append(item)
        if closed is not None:
            break
    listed = _LIST_COMMA.join(items)
    if len(items) == 1 or len(listed) > MAX_OF or len(first) < 2:  # 两个上、下行匝道: a part of a word
        return first
    # 11座公厕、提质改造50座站厕: the clause after the list has a number of its own, the list may
    # be two predicates, each with its count
    end = _CLAUSE_END_RE.search(text, stop)
    return first if _DIGIT_RE.search(text, stop, end.start() if end is not None else len(text)) else listed


def _before_closing_verb(words: Sequence[tuple[str, str]]) -> str | None:
    """The nouns opening an item read after a list comma, before the first verb (jieba's v, none
    of ``verb_tagged_nouns``) after them: the predicate of the list, which the item ends before
    (车库改变用途 → 车库); None where no verb follows nouns alone.

    >>> _before_closing_verb(tag("车库改变用途")), _before_closing_verb(tag("车库")), _before_closing_verb(tag("改变"))
    ('车库', None, None)
    """
    for i, (word, pos) in enumerate(words):
        if pos == "v" and word not in VERB_TAGGED_NOUNS:
            return "".join(w for w, _ in words[:i]) if i > 0 else None
        if pos not in OBJECT_NOUN_TAGS:
            return None
    return None


def _graded(text: str, stop: int, ceiling: int, phrase: str) -> str:
    """``phrase``, read after a number up to ``stop``, and, where it ends in a grade and a bound
    follows (``grade_endings``, ``grade_bounds``), the bound and the noun after it, which the grade
    modifies (3家二级以上医院 → 二级以上医院); else ``phrase``.

    >>> _graded("3家二级以上医院，", 4, 9, "二级"), _graded("3家二级以上。", 4, 7, "二级")
    ('二级以上医院', '二级')
    """
    if not phrase.endswith(GRADE_ENDINGS):
        return phrase
    bound = next((b for b in GRADE_BOUNDS if text.startswith(b, stop)), None)
    if bound is None or stop + len(bound) >= ceiling:
        return phrase
    noun = read_after(text, stop + len(bound), ceiling)
    return phrase + bound + noun if noun is not None and len(phrase + bound + noun) <= MAX_OF else phrase


def _manner_before_verb(phrase: str, after: str) -> bool:
    """``phrase``, read after a number, is a word of manner (``manner_words``) that a verb
    follows (116户违章安装了…): how the counted things act, not what they are (两项活动需要…
    keeps its noun)."""
    return phrase in MANNER_WORDS and bool(after) and tag(after)[0][1] == "v"


def _cut_word(text: str) -> bool:
    """The name of one character opening ``text``, read after a number, is a word of the
    clause after it cut short: jieba's dictionary has a longer word there, and no noun (15人
    来到, 两人予以, 此两项源于); a noun cut short stays (9个站, 两个组在社区: 组在 is no word
    of the dictionary)."""
    word, pos = tag(text)[0]
    return len(word) > 1 and pos not in OBJECT_NOUN_TAGS and in_dictionary(word)


def _through_nouns(text: str, start: int, stop: int, ceiling: int, documents: bool = False) -> int:
    """The end of the noun after a number read from ``start`` to ``stop``, past a stop word
    that stands inside one of jieba's nouns (两个方向的标志: 向 in 方向; 四类重点对象: 对 in 重点对象;
    三个时间段: 时 opening 时间段) or of its verbs that ``verb_tagged_nouns`` keeps as nouns (两处非法采砂
    行为: 为 in 行为, not where the name opens with it), or opening a verb a compound tail ends
    (耕地占用税) or, after a count of ``documents``, a regulation (人才项目实施细则), or opening a
    noun after a prefix read alone (的非在校学生: 非 + 在校学生), and on to the next stop; a stop
    ending a verb of two characters (成为, 改为) ends the name before the verb.

    >>> text = "两处非法采砂行为进行了处理"
    >>> text[2:_through_nouns(text, 2, 7, len(text))]
    '非法采砂行为'
    >>> text = "3000亩的建设用地成为新区"
    >>> text[6:_through_nouns(text, 6, 11, len(text))]
    '建设用地'
    """
    for _ in range(3):
        if stop >= ceiling or not _CJK_RE.match(text[stop]):
            return stop
        word, pos, offset = _word_across(tag(text[start : min(ceiling, stop + 6)]), stop - start)
        opening = offset == stop - start and stop > start
        compound = STOP_COMPOUND_TAIL_RE.search(word) or (documents and REGULATION_TAIL_RE.search(word))
        if opening and pos in HOLDING_TAGS and compound:  # 建筑占地面积, 人才项目实施细则: one noun
            return start + offset + len(word)
        tail = STOP_COMPOUND_TAIL_RE.match(text, start + offset + len(word), ceiling) \
            if opening and pos == "v" and len(word) == 2 else None
        if tail is not None:  # 耕地占用税: the verb a stop opens is inside a compound noun
            return tail.end()
        # 两处非法采砂行为: 为 in 行为, a noun jieba tags v, ending a name (not opening one: 方面的行为)
        holding = pos in HOLDING_TAGS or word.startswith(HOLDING_OPENINGS) \
            or (word in VERB_TAGGED_NOUNS and offset > 0)
        if pos == "v" and not holding and len(word) == 2 and 0 < offset == stop - start - 1:  # 县域面积成为:
            return start + offset  # the verb the stop ends closes the name, not its first character
        if (opening and not _prefix_alone(text[start:stop])) or not holding or len(word) < 2 \
                or word in AFTER_STOP_WORDS or not in_dictionary(word):
            return stop  # the stop word is a word of its own (途经), or stands in no noun jieba knows
        grown = AFTER_TAIL_RE.match(text, start + offset + len(word), ceiling)
        stop = grown.end() if grown is not None else start + offset + len(word)
    return stop


def _prefix_alone(read: str) -> bool:
    """``read`` is one word jieba tags a prefix (``prefix_tags``: 非), which opens the noun after it
    (年满16周岁的非在校学生: 非 + 在校学生, the stop word 在 opening a noun of its own).

    >>> _prefix_alone("非"), _prefix_alone("农业")
    (True, False)
    """
    words = tag(read)
    return len(words) == 1 and words[0][1] in PREFIX_TAGS


def _word_across(words: Sequence[tuple[str, str]], at: int) -> tuple[str, str, int]:
    """The word of ``words`` that holds the character at ``at``, its tag and its offset; an
    empty word when ``at`` is past them."""
    offset = 0
    for word, pos in words:
        if offset + len(word) > at:
            return word, pos, offset
        offset += len(word)
    return "", "", offset


def read_purpose(text: str, end: int, ceiling: int) -> str | None:
    """The noun after 作为, 用于 or a copula right after a number (45万元作为项目资金 → 项目资金),
    also after a comma and 作为 or 用于 (18亩，作为专科医院规划用地).

    >>> read_purpose("其中9所为城区幼儿园）", 4, 10), read_purpose("以北，18亩，作为专科医院规划用地", 6, 17)
    ('城区幼儿园', '专科医院规划用地')
    """
    m = PURPOSE_RE.match(text, end, ceiling) or COMMA_PURPOSE_RE.match(text, end, ceiling)
    return None if m is None else read_after(text, m.end(), ceiling)


def read_use(text: str, end: int, ceiling: int) -> str | None:
    """The use after 用于 or 作为 (not a copula) right after a number or after a comma
    (150万元用于金秋助学活动 → 金秋助学活动), a noun phrase to the clause's stop; None where no
    such word follows.

    >>> read_use("拨付150万元用于金秋助学活动。", 7, 16), read_use("投入50万元是为了", 6, 10)
    ('金秋助学活动', None)
    """
    m = USE_RE.match(text, end, ceiling)
    if m is None:
        return None
    run = _USE_RUN_RE.match(text, m.end(), ceiling)
    if run is not None and tag(run.group())[0][1][0] not in _NOT_OPENING_USE:  # 学校改造和校园文化建设
        return run.group()
    return read_after(text, m.end(), ceiling)  # 用于支付工程款: not a verb phrase whole


# The use after 用于 runs to a stop of the clause or a 的 (用于原咸嘉村安置房的建设 → 原咸嘉村安置房),
# opening with a noun: not a verb, preposition, adverb, conjunction, particle or numeral.
_USE_RUN_RE = re.compile(rf"[^，,。；;（(）)：:！!？?\s“”\"的]{{2,{MAX_OF}}}(?=[，,。；;（(：:！!？?\s的]|$)")
_NOT_OPENING_USE = frozenset("vpdcum")


def read_dimensioned(text: str, end: int, ceiling: int) -> str | None:
    """The noun after a dimension word glued to a length (2米宽的人行路面 → 人行路面), past a bound
    glued after the word (1公里长以上的机耕道 → 机耕道); None where no noun follows (3米深，).

    >>> read_dimensioned("1米高隐形防护网，", 2, 9), read_dimensioned("1公里长以上的机耕道。", 3, 11)
    ('隐形防护网', '机耕道')
    >>> read_dimensioned("水池3米深，2米宽。", 4, 10) is None
    True
    """
    m = DIMENSION_AFTER_RE.match(text, end, ceiling)
    return None if m is None else read_after(text, m.end(), ceiling)


_ASIDE_AFTER_RE = re.compile(r"(?:（[^（）]{0,16}）|\([^()]{0,16}\))?的")


_RANKED_CLAUSE_RE = re.compile(r"(?P<clause>[^\W\d_的]{2,12})的")


def ranked_modified(text: str, end: int, ceiling: int) -> str | None:
    """The noun a clause opening with a verb ties by 的 after a rank ending at ``end`` (是全镇第一批
    进行水泥硬化的村道 → 村道): the things of the batch, phase or round; None where no such clause
    and 的 follow the rank.

    >>> ranked_modified("是全镇第一批进行水泥硬化的村道，", 6, 16), ranked_modified("第一批购房补贴已发放", 3, 10)
    ('村道', None)
    """
    m = _RANKED_CLAUSE_RE.match(text, end, ceiling)
    if m is None or tag(m["clause"])[0][1] != "v":
        return None
    return read_modified(text, end, ceiling, m["clause"])


def read_modified(text: str, end: int, ceiling: int, name: str) -> str | None:
    """The noun after the 的 that ends ``name``, a clause read after a number (6台涉嫌非法营运的
    私家车辆 → 私家车辆; an aside may stand before the 的: 符合一类条件（有户有房）的幼儿 → 幼儿);
    None when no 的 follows the clause or the noun runs into another 的 (its head is further on).

    >>> read_modified("6台涉嫌非法营运的私家车辆，", 2, 13, "涉嫌非法营运")
    '私家车辆'
    """
    at = text.find(name, end, ceiling)
    if at < 0:
        return None
    m = _ASIDE_AFTER_RE.match(text, at + len(name), ceiling)
    if m is None:
        return None
    head = read_after(text, m.end(), ceiling)
    if head is None or _ASIDE_AFTER_RE.match(text, text.find(head, m.end(), ceiling) + len(head)):
        return None
    return head
