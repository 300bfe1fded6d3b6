"""The head of a name and what stands round it that is no part of the thing measured.

:mod:`pipeline.linking.phrases` reads a name word by word; some readings take a word beside the
thing for the thing: a tier in a list of tiers (合格600元、良好700元), the time a value held
(由原来个人基本工资的5%…, 从清末的2千余册), the people a rate is paid per (每个学生约24元), a
numeral and classifier after a price (副卡10元/月一张), or cut a compound at a verb or a 、 inside
it (两项水库除险加固工程措施, 14个县、乡医疗机构重点建设项目). The words are `[heads]` in
``resources/linking.toml``.
"""

from __future__ import annotations

import re

from pipeline.linking.lexicon import (
    ATTRIBUTES,
    COUNTERPART_TAGS,
    DIMENSIONS,
    LINKING,
    OBJECT_NOUN_TAGS,
    PEOPLE_NOUNS,
    PER_ONLY_RE,
    PERSON_ENDINGS,
    PERSON_UNITS,
    PLACE_MARKS,
    RECKONING_VERBS,
    SHARED_HEADS,
    SUPERLATIVE_MARKS,
)
from pipeline.linking.phrases import Reading, read_before
from pipeline.linking.words import tag, without_last_word
from pipeline.quantities.lexicon import CLASSIFIERS
from pipeline.text.numerals import ONE_TO_NINE, TEN
from pipeline.text.regex import trie_alternation

HEAD = LINKING.heads
_TIER = (
    rf"(?:{trie_alternation(HEAD.tier_words)}"
    rf"|[{ONE_TO_NINE}特甲乙丙](?:{trie_alternation(HEAD.tier_levels)})(?:[甲乙丙]等)?"
    rf"(?:{trie_alternation(HEAD.tier_heads)})?)"
)
_TIER_WINDOW_RE = re.compile(rf"(?P<rest>.*?)(?P<tier>{_TIER})(?:{trie_alternation(HEAD.tier_trails)})?")
_TIER_LEAD_RE = re.compile(rf"^{_TIER}(?=[^\W\d_]{{2}})")
_LIST_MARKS = " ，,、；;和及与或"
_FORMER_RE = re.compile(rf"^(?:{trie_alternation(HEAD.former_leads)})的?(?=[^\W\d_]{{2}})")
_SINCE_ENDS = tuple(HEAD.since_ends)
_NUMERAL_TAGS = frozenset({"m", "mq", "q"})
_COUNT_STARTS = frozenset(f"0123456789{ONE_TO_NINE}{TEN}两")  # what a count of its own opens with
_NUMERALS = _COUNT_STARTS | frozenset("几半")
_COUNTERPART_LONGEST = 3  # 市内, 境外, 东南侧: a place or direction word alone
# 共有10栋460户, 一包25元的香烟: a name that is a count of its own (a numeral and a classifier the
# quantity reader counts with; not 一期, the first phase: 期 makes no count after 一) names nothing
_COUNT_NAME_RE = re.compile(
    rf"\d+(?:{trie_alternation(CLASSIFIERS.count)})"
    rf"|[{ONE_TO_NINE}{TEN}两]+(?:{trie_alternation(set(CLASSIFIERS.count) - set(CLASSIFIERS.chinese_blocked))})"
)
_NOUN_SUFFIXES = frozenset(HEAD.noun_suffixes)
_COPULAS = frozenset(HEAD.tier_trails)
RESTATING = frozenset(HEAD.restating_words)
RESTATING_UNIT_WORDS = frozenset(HEAD.restating_unit_words)
RESTATING_UNIT_OWNERS = tuple(HEAD.restating_unit_owners)
_SUM_ENDINGS = tuple(HEAD.sum_endings)
PRONOUNS = frozenset(HEAD.pronouns)
_COMPOUND_HEADS = tuple(HEAD.compound_heads)
_COMPOUND_UNITS = frozenset(HEAD.compound_units)
_COMPOUND_TAGS = frozenset(HEAD.compound_tags)
_NOUN_TAGS = frozenset({"n", "nz", "nt", "ns", "j"})
_PAIRED_POSITIONS = frozenset(HEAD.paired_positions)
_MODIFIED_LEADS = tuple(sorted(HEAD.modified_leads, key=len, reverse=True))  # 尚未 before 未
_MODIFIED_WORDS = 4  # 未建成学校: a verb or two and the noun
_PAIRED_HEAD_TAGS = _NOUN_TAGS | {"vn", "i"}
_STRETCH_RE = re.compile(r"[^，,。；;：:（）()\s的了]{2,16}")
_RUN_TAGS = frozenset({"n", "nz", "nt", "ns", "j", "b", "vn", "v", "l"})  # 义务教育进城落户农民工随迁子女
_CLAUSE_OPENING_TAGS = frozenset({"p", "d", "v", "c"})  # 子女在市区就读: their clause
_PER_NOUN_RE = re.compile(
    rf"(?:{trie_alternation(HEAD.per_people_leads)})一?(?:{trie_alternation(HEAD.per_people_classifiers)})?$"
)
_PER_GAPS = tuple(HEAD.per_people_gaps)
_PEOPLE_GROUPS = (*HEAD.people_groups, *ATTRIBUTES, *SHARED_HEADS)
_LISTING_END = "等"  # 张三、李四等三人: the people listed
_PEOPLE_WORDS = (*PERSON_ENDINGS, *PEOPLE_NOUNS, *HEAD.people_groups)


def tiered(window: str, name: str | None, named: str | None) -> str | None:
    """The name of a number a tier stands glued before (``window`` ends in it, and the ``name``
    read is the tier): with only a list mark before the tier (、良好700元, ，二级医院70%), what
    the number before of its kind measures (``named``), without a tier opening it (三级医院
    城乡居民合规费用报销比例 → 城乡居民合规费用报销比例); after a noun (绩效考核部分按照合格600元),
    that noun where no verb stands in it; else none (""). None where no tier was read.

    >>> tiered("、良好", "良好", "绩效考核部分"), tiered("，二级医院为", "二级医院", "三级医院报销比例")
    ('绩效考核部分', '报销比例')
    >>> tiered("5个村级", "村级", None), tiered("部分按照合格", "合格", None)
    (None, '部分')
    >>> tiered("；三级医疗机构", "三级医疗机构", None), tiered("；优秀", "优秀", None)
    ('三级医疗机构', '')
    """
    if not name:
        return None
    m = _TIER_WINDOW_RE.fullmatch(window)
    if m is None or not name.endswith(m["tier"]):
        return None
    rest = m["rest"].strip(_LIST_MARKS)
    if not rest:
        if name.endswith(_TIER_HEADS) and not (named and named.endswith(_CASE_MEASURES)):
            return name  # 二级医疗机构75%；三级医疗机构65%: institutions of a tier, no measure before
        return _TIER_LEAD_RE.sub("", named) if named else ""
    if not m["rest"].endswith(tuple(_LIST_MARKS)) and tag(rest)[-1][1] not in {"p", "uj"}:
        return None  # 县二级医院: a tier inside a name, not one of a list
    found = read_before(rest, "money").of
    return found if found and not any(pos == "v" for _, pos in tag(found)) else ""


_CASE_LABELS = tuple(HEAD.case_labels)
_CASE_LINKS = ("", *sorted(HEAD.case_links, key=len, reverse=True))
_CASE_MEASURES = (*HEAD.measure_ends, *HEAD.noun_suffixes, *ATTRIBUTES, *HEAD.case_labels)
_TIER_HEADS = tuple(HEAD.tier_heads)
_COLONS = "：:"
_DIGIT_RE = re.compile(r"\d")
# The label: the words after the last mark or 的 before the colon, past an outline number (1、, （三）),
# ending in a word of a label, before 分别, 为 or 是 (作业本费：, 伙食费控制标准为：, 培训费分别是：).
_LABEL_RE = re.compile(
    rf"(?:^|[，,；;。、：:（）()\s的])(?:[\d{ONE_TO_NINE}{TEN}]+[、.．])?"
    rf"(?P<label>[^，,；;。、：:（）()\s\d的]*?(?:{trie_alternation(HEAD.case_labels)}))(?:分别)?[为是]?$"
)

# A label a copula and a case glued to its number follow (每班幼儿人数一般为小班25人): the label is a
# run after a mark ending in a word of a label or an attribute.
_COPULA_LABEL_RE = re.compile(
    rf"(?:^|(?<=[，,；;。、：:（）()\s的“”]))"
    rf"(?P<label>[^，,；;。、：:（）()\s\d的“”]{{1,14}}?(?:{trie_alternation([*HEAD.case_labels, *ATTRIBUTES])}))"
    rf"(?:{trie_alternation(HEAD.copula_label_adverbs)})?[为是](?=[^\W\d_])"
)
# After the first number of a list of cases, the next case glued to its number in digits (…，中班30人;
# not …，午休时间一般为2小时, a measure of its own).
_NEXT_CASE_RE = re.compile(
    rf"[^，,；;。、：:\s]{{0,8}}?[，,、；;][^\W\d_为是]{{1,{HEAD.case_length}}}?\d"
)
# After a copula, a case glued to its number opens the list (小班25人), not a number or a phrase.
_CASE_OPEN_RE = re.compile(rf"[^\W\d_]{{1,{HEAD.case_length}}}?[\d{ONE_TO_NINE}{TEN}两]")


def case_labelled(before: str, name: str, after: str = "") -> str | None:
    """The label that a list of cases follows, for the number a case (``name``, read glued
    before it) stands in: ``before`` is the sentence up to the number. The label ends before a
    colon (收费标准：住房0.7元/月、商用 → 收费标准), or before a copula that a case follows right
    away, where the case is glued to its number (每班幼儿人数一般为小班25人，中班 → 每班幼儿人数);
    the case is the first of the list or follows a list mark closing the case before. Not a case
    that is a measure of its own (每次起付额为), nor one a per-word opens; not a list that opens
    with a number (占地面积为159.83亩，绿化隔离带: each a measure). None where there is no such label.

    >>> case_labelled("收费标准：住房", "住房"), case_labelled("流转价格：耕地为900元/亩，林地为", "林地")
    ('收费标准', '流转价格')
    >>> case_labelled("每班人数一般为小班", "小班", "25人，中班30人"), case_labelled("面积为15亩，绿化带", "绿化带")
    ('每班人数', None)
    >>> case_labelled("支付标准为：村卫生室每次起付额为", "村卫生室每次起付额"), case_labelled("回复如下：住房", "住房")
    (None, None)
    """
    if not name or len(name) > HEAD.case_length or name.endswith(_CASE_MEASURES) \
            or name.startswith(tuple(HEAD.per_people_leads)) or tag(name)[-1][1] in {"v", "vn"}:
        return None  # 低保对象最高救助不超过5000元: a measure of its own
    colon = max(before.rfind(c) for c in _COLONS)
    copula = next(reversed(list(_COPULA_LABEL_RE.finditer(before, max(colon, 0)))), None)
    start = copula.end() if copula is not None else colon + 1
    cases = before[start:]
    # the number itself follows ``before``: a first case is glued to it (每班人数为小班|25人)
    if (copula is None and colon < 2) or not cases or (copula is not None and not _CASE_OPEN_RE.match(f"{cases}0")):
        return None
    if copula is not None and cases == name and _NEXT_CASE_RE.match(after) is None:
        return None  # 每班幼儿人数一般为小班25人，午休时间…: one case, no list; the noun names it
    links = ("",) if copula is not None else _CASE_LINKS  # 报销比例为80%，年度报销封顶为: a measure of its own
    link = next((w for w in links if cases.endswith(name + w)), None)
    if link is None:
        return None
    lead = cases[: len(cases) - len(name) - len(link)]
    listed = lead[-1:] in _LIST_MARKS and _DIGIT_RE.search(lead) is not None
    if lead and not listed and PER_ONLY_RE.fullmatch(lead) is None:  # 每生每餐早餐: per-words alone
        return None  # 依法参加失业保险，累计缴纳失业保险费: a clause, no list of cases
    if copula is not None:
        return copula["label"]
    label = _LABEL_RE.search(before, 0, colon)
    return label["label"] if label is not None and len(label["label"]) <= HEAD.case_length * 2 else None


def part_of_whole(name: str) -> str:
    """``name`` without the word of a part ending it (七大诸侯国之一 → 诸侯国): the number counts the whole.

    >>> part_of_whole("诸侯国之一"), part_of_whole("之一")
    ('诸侯国', '之一')
    """
    for end in HEAD.part_of_ends:
        if name.endswith(end) and len(name) > len(end) + 1:
            return name.removesuffix(end)
    return name


_LONE_VERB_TAGS = frozenset("vad")  # 每少一年: a verb, adjective or adverb left alone
_COMPARED_RE = re.compile(
    rf"(?P<owner>[^比]{{2,8}})比[^比]{{1,8}}?(?P<attribute>{trie_alternation(sorted(ATTRIBUTES))})"
    rf"(?:{trie_alternation(HEAD.compared_ends)})"
)


def without_per_lead(name: str) -> str:
    """``name`` without a per-word 每 opening it, glued to a verb once the unit after it was read
    as a quantity; "" (none) where a verb or an adjective of one character alone is left, or a verb
    of reckoning a charge (``reckoning_verbs``: 每满5分钟计费1元 → 每计费, the fare no noun names).

    >>> without_per_lead("每集中休假"), without_per_lead("每少"), without_per_lead("每户")
    ('集中休假', '', '每户')
    >>> without_per_lead("每计费"), without_per_lead("每计费标准")
    ('', '每计费标准')

    A subject before the per-word goes with it where a verb is left (酒店每3个月考核调资1次: the
    events 考核调资); not before a noun (户籍人口每户).

    >>> without_per_lead("酒店每考核调资"), without_per_lead("户籍人口每户")
    ('考核调资', '户籍人口每户')
    """
    inside = name.find(HEAD.per_lead, 1)
    if inside > 0 and not name.startswith(HEAD.per_lead):  # 酒店每考核调资: the subject goes with the per
        bare = without_per_lead(name[inside:])
        return name if bare == name[inside:] else bare
    rest = name.removeprefix(HEAD.per_lead)
    if rest == name or not rest:
        return name
    if rest in RECKONING_VERBS:  # 每满5分钟计费1元: jieba tags 计费 a noun
        return ""
    words = tag(rest)
    if len(words) > 1 and words[0][1][:1] == "v":  # 每集中休假: 集中休假
        return rest
    return "" if len(rest) == 1 and words[0][1][:1] in _LONE_VERB_TAGS else name  # 每少; not 每户, 每人


def compared_attribute(name: str) -> str:
    """The attribute a comparison inside ``name`` measures the difference of, with its first
    term as owner (省馆比市馆面积少 → 省馆面积); ``name`` where there is none.

    >>> compared_attribute("省馆比市馆面积少"), compared_attribute("报销比例")
    ('省馆面积', '报销比例')
    """
    m = _COMPARED_RE.fullmatch(name)
    return m["owner"] + m["attribute"] if m is not None else name


def without_place_mark(name: str) -> str:
    """``name`` without a word of place ending it (``place_marks``: 处, a word of jieba's own) and a
    superlative before it (``superlative_marks``: 最窄, 最高处), where a noun is left before them: the
    thing, not the part of it where (坝顶面最窄处 → 坝顶面, 小游园处 → 小游园, 路面最高处 → 路面);
    ``name`` where one word ends in the mark (办事处) or no noun is left (调查处, 最窄处).

    >>> without_place_mark("坝顶面最窄处"), without_place_mark("小游园处"), without_place_mark("路面最高处")
    ('坝顶面', '小游园', '路面')
    >>> without_place_mark("办事处"), without_place_mark("调查处"), without_place_mark("最窄处")
    ('办事处', '调查处', '最窄处')
    """
    if not name.endswith(PLACE_MARKS):
        return name
    words = list(tag(name))
    last = words.pop()[0]
    if last not in PLACE_MARKS and not last.startswith(SUPERLATIVE_MARKS):  # 交界处: one noun
        return name
    if last in PLACE_MARKS and len(words) > 1 and words[-2][0] in SUPERLATIVE_MARKS and words[-1][1] == "a":
        words = words[:-2]  # 最, 宽 before 处
    elif last in PLACE_MARKS and words and words[-1][0].startswith(SUPERLATIVE_MARKS):
        words.pop()  # 最窄 before 处
    if not words or words[-1][1] not in OBJECT_NOUN_TAGS:
        return name
    return "".join(w for w, _ in words)


def without_former(name: str) -> str:
    """``name`` without a word of a former state opening it (原来个人基本工资 → 个人基本工资).

    >>> without_former("原来个人基本工资"), without_former("以前的发班间隔"), without_former("原来")
    ('个人基本工资', '发班间隔', '原来')
    """
    return _FORMER_RE.sub("", name)


def when_named(name: str, window: str, kind: str) -> str | None:
    """A name that is a time, not a thing: one word jieba tags a time (清末) or a phrase ending
    in a postposition of a span (合格学校建设以来). After 从, the subject before 从 read from the
    window up to it (馆藏图书从清末的2千余册 → 馆藏图书), where no verb stands in it; else none
    (""); None where ``name`` is no time.

    >>> when_named("清末", "馆藏图书从清末的", "count"), when_named("学校建设以来", "从学校建设以来", "money")
    ('馆藏图书', '')
    """
    words = tag(name)
    timed = (len(words) == 1 and words[0][1] == "t") or (len(name) > 2 and name.endswith(_SINCE_ENDS))
    if not timed:
        return None
    i = window.rfind(f"从{name}")
    read = read_before(window[:i], kind).of if i > 0 else None
    return read if read and not any(pos == "v" for _, pos in tag(read)) else ""


def per_named(name: str, window: str) -> bool:
    """``name`` is whom a rate is paid per, not what it measures: people named by the noun right
    after a per-word ending the window (每个学生约24元 → none). Not people named before a per-word
    (一类优秀生每生每期奖800元 names the class of pupils), nor a measure per unit (每个用地规模为).

    >>> per_named("学生", "每个学生约"), per_named("优秀生", "一类优秀生每生每期奖")
    (True, False)
    >>> per_named("用地规模", "每个用地规模为")
    False
    """
    if not name.endswith(PEOPLE_NOUNS):
        return False
    core = window
    for hedge in _PER_GAPS:
        core = core.removesuffix(hedge)
    return core.endswith(name) and _PER_NOUN_RE.search(core[: -len(name)]) is not None


def counterpart_named(case: str, named: str) -> str | None:
    """What a number measures whose window after a comma is ``case`` alone, a place or direction
    word (``counterpart_tags``: 市内, 地下), after a number of its kind named ``named`` that opens
    its thing with such a word (市外资金): the thing after that word (资金), not the place alone;
    None where ``case`` is no such word or ``named`` holds no counterpart before its head.

    >>> counterpart_named("市内", "市外资金"), counterpart_named("地下", "小区地上停车位")
    ('资金', '停车位')
    >>> counterpart_named("米饭", "两菜套餐"), counterpart_named("市内", "固定资产投资")
    (None, None)
    """
    if len(case) > _COUNTERPART_LONGEST:
        return None
    words = tag(case)
    if len(words) != 1 or words[0][1] not in COUNTERPART_TAGS:
        return None
    parts = tag(named)
    for i, (_, pos) in enumerate(parts[:-1]):
        if pos in COUNTERPART_TAGS:
            head = "".join(word for word, _ in parts[i + 1 :])
            return head if len(head) >= 2 else None
    return None


def is_numeral(after: str) -> bool:
    """``after`` is a numeral and a classifier alone (副卡10元/月一张, 共有10栋460户): no name.

    >>> is_numeral("一张"), is_numeral("10栋"), is_numeral("副卡"), is_numeral("点"), is_numeral("一期")
    (True, True, False, False, False)
    """
    if _COUNT_NAME_RE.fullmatch(after) is not None:
        return True
    return (after[0] in _NUMERALS or len(after) > 1) and all(pos in _NUMERAL_TAGS for _, pos in tag(after))


def is_count_name(name: str | None) -> bool:
    """``name``, read before a number, is a count of its own (共有10栋460户 → 10栋): it names nothing
    of the next number. A numeral opens it, then :func:`is_numeral` (most names fail the first test,
    and jieba is not asked).

    >>> is_count_name("10栋"), is_count_name("一包"), is_count_name("一期"), is_count_name("几个")
    (True, True, False, False)
    """
    return name is not None and name[:1] in _COUNT_STARTS and is_numeral(name)


def with_suffix(before: Reading, window: str) -> Reading:
    """A predicate read inside one noun of jieba's: a verb with a one-character noun of a fee glued
    after it that the two make one noun of (执行安装费 → 安装费, not 安装 + 费), or a verb of one
    character ending the window that is the last character of a noun (年底年终奖约 → 年底年终奖, not
    年底年终 + 奖): the noun is the name, with no predicate.

    >>> with_suffix(Reading("费", "安装"), "严格执行安装费").of
    '安装费'
    >>> with_suffix(Reading("年底年终", "奖"), "年底年终奖约").of
    '年底年终奖'
    >>> with_suffix(Reading("企业", "奖"), "企业奖").of
    '企业'
    """
    verb, name = before.predicate, before.of
    if not verb or not name:
        return before
    if name in _NOUN_SUFFIXES and window.endswith(verb + name):
        words = tag(verb + name)
        if len(words) == 1 and words[0][1] in _NOUN_TAGS:
            return before._replace(of=verb + name, predicate=None)
        return before
    if len(verb) != 1 or verb in _COPULAS or f"{name}{verb}" not in window:  # 林权权利人为: 人为 no noun here
        return before
    last = [(word, pos) for word, pos in tag(window[: window.rfind(name + verb) + len(name) + 1])][-1]
    if last[1] in _NOUN_TAGS and len(last[0]) > 1 and last[0].endswith(verb):
        return before._replace(of=name + verb, predicate=None)
    return before


def modified_counted(text: str, end: int, ceiling: int, endings: tuple[str, ...]) -> str | None:
    """The noun a count whose classifier fits only nouns of ``endings`` counts past a verb glued
    after it, maybe negated (``modified_leads``): the verb is the noun's modifier (2所建成学校 →
    建成学校, 2所未建成学校 → 未建成学校); None where no noun that fits ends the next words, verbs
    and nouns alone (3套未完成网签: the flats' predicate).

    >>> modified_counted("另有2所未建成学校（", 4, 10, ("学校",)), modified_counted("仅3套未完成网签，", 3, 9, ("房",))
    ('未建成学校', None)
    """
    lead = next(n for n in (*_MODIFIED_LEADS, "") if text.startswith(n, end))
    m = _STRETCH_RE.match(text, end + len(lead), ceiling)
    if m is None:
        return None
    run = ""
    for word, pos in tag(m[0])[:_MODIFIED_WORDS]:
        run += word
        if pos[:1] == "n" and run.endswith(endings):
            return lead + run
        if pos[:1] not in "vn":
            return None
    return None


def compound(text: str, end: int, after: str, unit: str | None) -> str:
    """The whole compound a count counts where the name read after it stops inside one: at a
    verb between nouns that ends in two nouns, the last one of ``compound_heads``, after a
    classifier of items (``compound_units``: 两项水库除险加固工程措施, not 两个乡镇修建道路工程), or
    at a 、 after a noun of one character (14个县、乡医疗机构重点建设项目); ``after`` where it
    stops at the compound's end.

    >>> compound("两项水库除险加固工程措施，", 2, "水库除险", "项"), compound("两个乡镇修建道路工程，", 2, "乡镇", "个")
    ('水库除险加固工程措施', '乡镇')
    """
    paired = _paired_positions(text, end, after)
    if paired is not None:
        return paired
    m = _STRETCH_RE.match(text, end)
    if m is None:
        return after
    stretch = m[0]
    closed = m.end() >= len(text) or text[m.end()] in "，,。；;"
    if len(stretch) <= len(after) or not stretch.startswith(after) or not closed:
        return after
    words = tag(stretch)
    if not words[-1][0].endswith(_COMPOUND_HEADS) or words[-2][1] not in _NOUN_TAGS or words[0][1] == "v":
        return after
    listed = len(after) == 1 and stretch[1:2] == "、"
    if listed and all(pos != "v" for _, pos in words):
        return stretch
    if listed or unit not in _COMPOUND_UNITS or not all(pos in _COMPOUND_TAGS or word == "、" for word, pos in words):
        return after
    verbs = [i for i, (_, pos) in enumerate(words) if pos == "v"]
    if len(verbs) != 1 or verbs[0] > len(words) - 3 or words[verbs[0] - 1][1] not in _NOUN_TAGS:
        return after
    return stretch


def _paired_positions(text: str, end: int, after: str) -> str | None:
    """A position of one character (``paired_positions``) read after a count, a 、 and a second one
    after it: the pair shares the first noun after the second (两个上、下行匝道通行能力 → 上、下行匝道,
    两个东、西两侧出口 → 东、西两侧出口); None where no such pair or noun follows.

    >>> _paired_positions("两个上、下行匝道通行能力", 2, "上"), _paired_positions("两个上、下两层", 2, "上")
    ('上、下行匝道', None)
    """
    if after not in _PAIRED_POSITIONS or not text.startswith("、", end + 1) \
            or text[end + 2 : end + 3] not in _PAIRED_POSITIONS:
        return None
    m = _STRETCH_RE.match(text, end + 2)
    if m is None:
        return None
    run = ""
    for word, pos in tag(m[0]):
        run += word
        if pos in _PAIRED_HEAD_TAGS and len(word) > 1:
            return f"{after}、{run}"
    return None


def people_run(text: str, end: int, after: str) -> str:
    """The people a count of people counts where the name read after it stops at a verb before
    any word naming people: the run of nouns and verbs on to the last word that names them,
    where their own clause or the clause's end follows it (约4.7万名义务教育进城落户农民工随迁子女
    在市区就读 → 义务教育进城落户农民工随迁子女, not 义务教育); ``after`` where it names people
    already, or no such run follows.

    >>> people_run("4万名义务教育进城落户农民工随迁子女在市区就读", 3, "义务教育")
    '义务教育进城落户农民工随迁子女'
    >>> people_run("5名党员组织关系转入", 2, "党员组织关系"), people_run("3人完成考核任务", 2, "完成")
    ('党员组织关系', '完成')
    """
    if after.endswith(PERSON_ENDINGS) or not text.startswith(after, end):
        return after
    m = _STRETCH_RE.match(text, end)
    if m is None:
        return after
    words = tag(m[0])
    if words[0][1] not in _NOUN_TAGS | {"l"}:
        return after
    run, people = "", ""
    for i, (word, pos) in enumerate(words):
        if pos not in _RUN_TAGS:
            break
        run += word
        follows = words[i + 1][1] if i + 1 < len(words) else None
        if pos in _NOUN_TAGS and word.endswith(PERSON_ENDINGS) and (follows is None or follows in _CLAUSE_OPENING_TAGS):
            people = run
    return people if len(people) > len(after) and people.startswith(after) else after


def is_place(name: str, window: str) -> bool:
    """``name`` is one word of a place (jieba's ``s``) that an existential 有 ends the window
    after: where the things counted are, not what they are (即家中有5人时 → none).

    >>> is_place("家中", "即家中有"), is_place("家中", "家中共")
    (True, False)
    """
    words = tag(name)
    return len(words) == 1 and words[0][1] == "s" and window.endswith(f"{name}有")


_MEASURE_ENDS = tuple(HEAD.measure_ends)
_SUM_WORD_ENDS = tuple(HEAD.sum_word_ends)


def glued_attribute(name: str, window: str) -> str | None:
    """A bare attribute (``attributes``) that one verb alone stands glued before, opening the
    window: the two are one name (，支付比例70% → 支付比例), not a predicate and its subject; None
    otherwise (报销比例, 村卫生室支付比例 are read whole already).

    >>> glued_attribute("比例", "支付比例"), glued_attribute("比例", "支付比例为"), glued_attribute("比例", "按比例")
    ('支付比例', '支付比例', None)
    """
    if name not in ATTRIBUTES:
        return None
    i = window.rfind(name)
    words = tag(window[:i]) if i > 0 else ()
    if len(words) != 1 or words[0][1] != "v" or len(words[0][0]) < 2:
        return None
    return window[:i] + name


def names_measure(name: str) -> bool:
    """Whether ``name`` is the name of a measure, not of things: its last word ends in a word of a
    measure (``measure_ends``) or is an attribute or a dimension (规划总建筑面积, 安置补助费, 道路长度);
    such a name is no name of what a count counts (规划总建筑面积17.46万平方米，…，共16栋).

    >>> names_measure("规划总建筑面积"), names_measure("集体土地的安置补助费"), names_measure("零散的岔路")
    (True, True, False)
    >>> names_measure("道路长度"), names_measure("村民小组")
    (True, False)
    """
    words = tag(name)
    if not words:
        return False
    last = words[-1][0]
    return last.endswith(_MEASURE_ENDS) or last in ATTRIBUTES or last in DIMENSIONS


def measure_owner(owner: str | None) -> str | None:
    """Whose measure the name ``owner`` of the number before is, where it ends in a word of a
    measure (``measure_ends``): 村卫生室起付额 → 村卫生室; None where it does not.

    >>> measure_owner("村卫生室起付额"), measure_owner("道路")
    ('村卫生室', None)
    """
    if not owner:
        return None
    words = tag(owner)
    if len(words) < 2 or not words[-1][0].endswith(_MEASURE_ENDS):
        return None
    return "".join(word for word, _ in words[:-1])


_STOREY_UNITS = frozenset(HEAD.storey_units)
_STOREY_WORDS = frozenset(HEAD.storey_words)
_STOREY_SCOPES = frozenset(HEAD.storey_scopes)
_EVENT_VERB_FOLLOWERS = frozenset({"v", "x"})


def without_storey_scope(name: str, unit: str | None) -> str:
    """A name read before a floor count without the part of the building above or below ground
    ending it after a noun (该住宅楼地上 → 该住宅楼); ``name`` for another count, or where the part is
    all of it or no noun stands before it (地下, 已建至地上).

    >>> without_storey_scope("该住宅楼地上", "层"), without_storey_scope("地下", "层")
    ('该住宅楼', '地下')
    >>> without_storey_scope("已建至地上", "层"), without_storey_scope("该住宅楼地上", "个")
    ('已建至地上', '该住宅楼地上')
    """
    return without_last_word(name, _STOREY_SCOPES) if unit in _STOREY_UNITS else name


def past_storeys(after: str, unit: str | None) -> str:
    """The noun a floor count measures past the word of a building glued to its classifier
    (二层楼独立建筑 → 独立建筑); ``after`` where that word is all of it or opens a longer word
    of jieba's (楼, 楼房).

    >>> past_storeys("楼独立建筑", "层"), past_storeys("楼房", "层"), past_storeys("楼", "层")
    ('独立建筑', '楼房', '楼')
    """
    if unit not in _STOREY_UNITS:
        return after
    words = tag(after)
    if len(words) < 2 or words[0][0] not in _STOREY_WORDS:
        return after
    return after[len(words[0][0]) :]


_COUNTED_PLACES = tuple(sorted(HEAD.counted_places, key=len, reverse=True))
_COUNTED_PLACE_VERBS = tuple(HEAD.counted_place_verbs)
_PLACE_VERB_TAGS = frozenset({"v", "vn"})


def counted_place(after: str, unit: str | None) -> str:
    """The place a count of places counts, where a verb or a noun of people follows its place word
    in the name read after it (村有农业人口 → 村, 乡镇私设 → 乡镇, 组村民 → 组, 楼盘幼儿 → 楼盘);
    ``after`` where the classifier counts people or households, or the place word opens a longer
    word of jieba's (村民小组), or a noun of things follows it (村卫生室, 小区物业管理).

    >>> counted_place("村有农业人口", "个"), counted_place("乡镇私设", "个"), counted_place("组村民", "个")
    ('村', '乡镇', '组')
    >>> counted_place("楼盘幼儿", "个"), counted_place("乡镇相关人员", "个"), counted_place("单位联审时", "个")
    ('楼盘', '乡镇', '单位')
    >>> counted_place("村民小组", "个"), counted_place("村卫生室", "个"), counted_place("小区物业管理", "个")
    ('村民小组', '村卫生室', '小区物业管理')
    >>> counted_place("村村民", "名"), counted_place("村", "个")
    ('村村民', '村')
    """
    if unit is None or unit in PERSON_UNITS:
        return after
    place = next((p for p in _COUNTED_PLACES if after.startswith(p)), None)
    if place is None or len(after) == len(place):
        return after
    rest = after[len(place) :]
    if rest.startswith(_COUNTED_PLACE_VERBS):
        return place  # 村有: jieba reads the verb glued to the place
    words = tag(after)
    if words[0][0] != place:
        return after
    follows = tag(rest)
    if follows[0][1] in _PLACE_VERB_TAGS or names_people(rest):
        return place
    return after


def rank_event(text: str, end: int, after: str) -> str:
    """The event a rank of events names (第二次教师招聘参加工作 → 教师招聘): a noun of one word read
    after it and the verb of two characters glued after that noun, where a verb or a punctuation
    mark follows the verb; ``after`` otherwise (第一次移民落户治河渡镇 keeps 移民).

    >>> rank_event("第二次教师招聘参加工作", 3, "教师"), rank_event("第一次移民落户某镇", 3, "移民")
    ('教师招聘', '移民')
    """
    if not text.startswith(after, end) or len(tag(after)) != 1:
        return after
    words = tag(text[end : end + len(after) + 6])
    if len(words) < 3 or words[0][0] != after or words[1][1] != "v" or len(words[1][0]) != 2:
        return after
    return after + words[1][0] if words[2][1] in _EVENT_VERB_FOLLOWERS else after


_RANK_EVENT_BELONGINGS = frozenset(HEAD.rank_event_belongings)


def without_event_belonging(after: str) -> str:
    """The event a rank of events orders, past what belongs to it (`rank_event_belongings`):
    协议效力 → 协议, 住院起付标准 → 住院; ``after`` where its words after the first are not one of
    them whole (全国残疾人抽样调查残疾标准, 教师招聘).

    >>> without_event_belonging("协议效力"), without_event_belonging("住院起付标准")
    ('协议', '住院')
    >>> without_event_belonging("全国残疾人抽样调查残疾标准"), without_event_belonging("效力")
    ('全国残疾人抽样调查残疾标准', '效力')
    """
    words = tag(after)
    if len(words) < 2:
        return after
    first = words[0][0]
    return first if after[len(first) :] in _RANK_EVENT_BELONGINGS else after


_FUNCTION_TAGS = frozenset({"p", "c", "d"})


def is_function_word(name: str) -> bool:
    """``name`` is one preposition, conjunction or adverb of jieba's alone (通过了八部联审 → 通过,
    并非19层 → 并非): no thing.

    >>> is_function_word("通过"), is_function_word("并非"), is_function_word("联审")
    (True, True, False)
    """
    words = tag(name)
    return len(words) == 1 and words[0][1] in _FUNCTION_TAGS


def counts_a_sum(name: str, unit: str | None) -> bool:
    """``name``, read for a count of people or households (``unit`` one of `person_units`,
    `household_units`), is a sum of money (it ends in one of `sum_endings`): people are no sum, so
    the name is no thing the count counts (收取水电材料费230户, 288户维修基金).

    >>> counts_a_sum("水电材料费", "户"), counts_a_sum("维修基金", "户"), counts_a_sum("缴费群众", "户")
    (True, True, False)
    >>> counts_a_sum("维修基金", "项")
    False
    """
    return unit in PERSON_UNITS and name.endswith(_SUM_ENDINGS)


def counts_belonging(after: str) -> bool:
    """The name read right after a count of people or households names none of them: no word
    naming people (``person_endings``, ``people_nouns``) stands in it, nor is it a group of
    people or a measure of one (``people_groups``, an attribute: 专职巡逻力量, 标准班额, 人数).
    It is what they own or do (288户维修基金, 400余户资料, 两户建房), not what is counted.

    >>> counts_belonging("维修基金"), counts_belonging("建房"), counts_belonging("村民")
    (True, True, False)
    >>> counts_belonging("专职巡逻力量"), counts_belonging("自然村")
    (False, False)
    """
    words = tag(after)
    if after.endswith(_PEOPLE_GROUPS) or any(w.endswith(_PEOPLE_GROUPS) and pos in _NOUN_TAGS for w, pos in words):
        return False  # 50户以上自然村道路硬化: the villages; not 本村建房 (a pronoun)
    return not any(word in after for word in (*PERSON_ENDINGS, *PEOPLE_NOUNS))  # 工人工资: one word of jieba's


def past_listed_people(window: str, after: str) -> bool:
    """A count of people right after a list of them closed by 等 (谭某等三人, 张三、李四等5人) counts
    the people listed: a name read after it with no word naming people (``person_endings``,
    ``people_nouns``, ``people_groups``) is what they have or do, not them (谭某等三人态度傲慢,
    王某等5人工资先行发放), and gives way to the list, as a clause of what they do does
    (谭某等三人见组长…: only words before its first verb are read); a noun of people after it names
    them again (邓某等三位同志, 胡某等77名党员).

    >>> past_listed_people("谭某等", "态度"), past_listed_people("王某等", "工资先行")
    (True, True)
    >>> past_listed_people("谭某等", "见组长这样说"), past_listed_people("胡某等", "党员组织关系")
    (True, False)
    >>> past_listed_people("邓某等", "同志"), past_listed_people("胡某等", "党员"), past_listed_people("谭某", "态度")
    (False, False, False)
    """
    if len(window) < 2 or not window.endswith(_LISTING_END):
        return False
    for word, pos in tag(after):
        if word.endswith(_PEOPLE_WORDS):
            return False
        if pos.startswith("v"):  # 谭等三人见组长这样说: the clause of what they do, its 组长 not them
            return True
    return True


def is_person_name(name: str) -> bool:
    """Whether ``name`` is a person's name alone, of two or three characters (jieba's ``nr``, one
    word): who pays, receives or is paid a sum, never what the sum measures (徐某以1.5万元包给邓某);
    a noun jieba tags so that is longer (农村居民) or ends in a word of a sum (``sum_word_ends``: 养老金),
    or a name with a noun after it (邓某的工资), is not.

    >>> is_person_name("邓益国"), is_person_name("徐飞鹏"), is_person_name("邓益国工资"), is_person_name("养老金")
    (True, True, False, False)
    """
    words = tag(name)
    return len(words) == 1 and words[0][1] == "nr" and 2 <= len(name) <= 3 and not name.endswith(_SUM_WORD_ENDS)


def names_people(name: str) -> bool:
    """``name``, read before a count of people, names them: a list of people closed by 等, a
    person's name (jieba's ``nr``), or a word naming people at its end (张三、李四等, 邓等, 村民).

    >>> names_people("周云梦及其母等"), names_people("徐希汉、冯辉龙"), names_people("J9县"), names_people("村民")
    (True, True, False, True)
    """
    if name.endswith(_LISTING_END) or name.endswith(PERSON_ENDINGS) or name.endswith(PEOPLE_NOUNS):
        return True
    return tag(name)[-1][1] == "nr"
