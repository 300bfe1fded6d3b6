"""Linking: what each quantity measures (``of``), the verb that claims it, its direction.

Rule-based and lexicon-driven (``resources/linking.toml``); it reads the clause around
each number and nothing else, so it costs a few regex matches per quantity.

>>> from pipeline import extract
>>> [(q.text, q.of, q.predicate) for q in extract("引入超6家央企研发中心").quantities]
[('超6家', '央企研发中心', '引入')]
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from pipeline.linking.ages import age_named, glossed_people, is_age, people_tied, qualified_people
from pipeline.linking.bases import of_as_base, of_base, of_changed_base, of_reckoned, of_share
from pipeline.linking.carried import (
    carried_people,
    counted_past_sum,
    distance_from,
    framed_past,
    framed_span,
    holds_distance,
    lent_across,
    listed_first,
    listed_total,
    needed_span,
    norm_labelled,
    posted_span,
    restated_inclusive,
    scoped_span,
    sum_after_list,
    summed_list,
)
from pipeline.linking.clauses import (
    acted_after,
    event_named,
    held_post,
    object_ending,
    subject_named,
    trailing_run,
    trip_event,
)
from pipeline.linking.coordination import distribute
from pipeline.linking.heads import (
    PRONOUNS,
    RESTATING,
    RESTATING_UNIT_OWNERS,
    RESTATING_UNIT_WORDS,
    case_labelled,
    compared_attribute,
    compound,
    counted_place,
    counterpart_named,
    counts_a_sum,
    counts_belonging,
    glued_attribute,
    is_count_name,
    is_function_word,
    is_numeral,
    is_person_name,
    is_place,
    measure_owner,
    modified_counted,
    names_measure,
    names_people,
    part_of_whole,
    past_listed_people,
    past_storeys,
    people_run,
    per_named,
    rank_event,
    tiered,
    when_named,
    with_suffix,
    without_event_belonging,
    without_former,
    without_per_lead,
    without_place_mark,
    without_storey_scope,
)
from pipeline.linking.lexicon import (
    ACTED_EVENT_UNITS,
    AFTER_FRAME_RE,
    AFTER_LEAD_RE,
    AGE_PEOPLE,
    AGING_RE,
    ATTRIBUTES,
    BEFORE_ONLY_TYPES,
    BORN_BARE_RE,
    BORN_RE,
    CAP_WORDS,
    CHANGES,
    CHARGE_LINK_RE,
    CLOCK_COPULAS,
    CLOCK_LIST_MARKS,
    CLOCK_LIST_RE,
    CLOCK_SPAN_RE,
    COUNTED_ENDINGS,
    DATE_POSTPOSITION_RE,
    DIMENSION_AFTER_RE,
    DIMENSIONS,
    DIMENSIONS_LONGEST_FIRST,
    DISCOUNT_FRAMES,
    DISTANCE_LEADS,
    DISTANCE_RE,
    DURATION_AFTER_RE,
    DURATION_COPULAS,
    DURATION_ENDINGS,
    DURATION_FRAMES,
    DURATION_HEADS,
    DURATION_LINK_RE,
    DURATION_NAMES,
    EVENT_UNITS,
    EXCEPT_CLOSERS,
    EXCEPT_OPENERS,
    EXTENDING_RE,
    FRAME_ENDINGS,
    FRAMING_SET_COPULAS,
    GLOSS_CHARGE_ENDS,
    GROUP_LEADS,
    HEADING_RE,
    HEADING_VERBS,
    HOLIDAY_DATES,
    INCLUSION_WORDS,
    KIND_UNITS,
    LASTING_HEAD_RE,
    LASTING_HEADS,
    LOCATION_MARKS,
    MAX_OF,
    MEASURED_ATTRIBUTES,
    MODIFIER_TAGS,
    MODIFIER_VERBS,
    NEXT_SCOPE_RE,
    NOT_OWNER_ENDINGS,
    PART_FLOOR_RE,
    PART_LEVELS,
    PART_RE,
    PART_TAGS,
    PARTNER_PREPOSITIONS,
    PENALTY_NOUNS,
    PEOPLE_EVENT_UNITS,
    PEOPLE_NOUNS,
    PEOPLE_UNITS,
    PER_ONLY_RE,
    PERIOD_FRAMES_ALONE,
    PERSON_UNITS,
    REACHING_BOUND_RE,
    REACHING_PAID_AT_RE,
    REACHING_PAID_RE,
    REACHING_RE,
    RESULT_COMPLEMENTS,
    ROUND_OPENINGS,
    SCOPE_RE,
    SELF_COUNTED_UNITS,
    SINCE_RE,
    SITED_RE,
    SITED_VERB_RE,
    SKIP_TYPES,
    SPACING_LEADS,
    SPAN_START_RE,
    SPAN_VERB_RE,
    SPOT_NOUNS,
    STATE_NOUNS,
    STAYING_VERB_RE,
    SUM_OPENERS,
    TARGET_RE,
    TIME_HEADS,
    TOPIC_RE,
    TOPIC_TOTALS,
    TOPIC_UNITS,
    TOTALS,
    TRAIL_WORDS,
    UNGLOSSING_MARKS,
    VERB_TAGGED_NOUNS,
    VERBAL_TAGS,
    WAY_MEASURES,
)
from pipeline.linking.phrases import (
    BASED,
    MAX_WINDOW,
    Reading,
    Window,
    classed_after,
    listed_after,
    ranked_modified,
    read_after,
    read_before,
    read_dimensioned,
    read_modified,
    read_purpose,
    read_use,
    read_verb,
    tidy,
    window,
)
from pipeline.linking.status import Run, by_sentence, statuses
from pipeline.linking.topics import (
    OTHER_WORDS,
    REMAINDER_WORDS,
    TOPIC_TYPES,
    changing,
    compared,
    copula_charge,
    copula_thing,
    counted_topic,
    elided_count,
    itemised_charge,
    labelled_clause,
    lend_listed,
    postposed_topic,
    remainder_of,
    shared_people,
    topic_measured,
    whole_before,
)
from pipeline.linking.trims import (
    after_count_noun,
    after_demonstrative_preposition,
    after_granted_people,
    after_object_verb,
    after_opening_verb,
    after_paying_verb,
    after_supporting_verb,
    after_time_clause,
    after_work_verb,
    before_listed_object,
    discounted,
    ends_in_operator,
    exceeded,
    exceeded_list,
    is_payer,
    norm_lead,
    opens_clause,
    opens_with_part,
    operand_named,
    people_named,
    sizes_household,
    tied_label,
    to_place,
    unit_counted,
    without_base_frame,
    without_case,
    without_closing_frame,
    without_closing_verb,
    without_day_frame,
    without_formula,
    without_grant_verb,
    without_hour_scope,
    without_one_of,
    without_opening_modal,
    without_period_lead,
    without_stake_verb,
    without_stray_opening,
    without_to,
    without_uniform_scope,
)
from pipeline.linking.ways import way_topic
from pipeline.linking.words import (
    after_frame,
    charge_documented,
    counted_head,
    event_verb,
    framed_activity,
    framed_noun,
    glued_span,
    incorporated_object,
    is_clause_owner,
    is_lone_word,
    is_motion,
    is_verb,
    last_words,
    lasting_noun,
    opens_with_noun,
    output_named,
    paid_for,
    person_head,
    predicated_subject,
    reaching_noun,
    since_event_subject,
    since_subject,
    tag,
    without_activity,
    without_frame,
    without_last_word,
    words_of,
)
from pipeline.quantities.measures import TRAILING_PER_RE
from pipeline.records import Change, Quantity, Sentence, copied

__all__ = ["link", "link_and_judge"]

_AFTER_READ = 24  # characters read after a number for the noun it counts
_LOWER_BOUNDS = frozenset({"ge", "gt"})  # 五元以上五十元以下罚款: a range written as two bounds
_UPPER_BOUNDS = frozenset({"le", "lt"})
_NOUN_FIRST = frozenset({"count", "number", "rank"})
_COUNTED = frozenset({"count", "number"})
_PAID_FOR = frozenset({"area", "length", "volume", "weight"})  # measures of a thing a charge is paid for
_OUTPUT_TYPES = frozenset({"volume", "weight"})  # measures of a yearly output (年产3万吨)
_GLOSS_OPENINGS = ("（", "(")  # 诚意金（有的交30000元）: a bracket that glosses the name before it
_CLAUSE_MARK_RE = re.compile(r"[，,。；;：:）)、]")
# …between a charge and a sum of its bracket's items after 共 only the bracket's or the sentence's end
_SUM_MARK_RE = re.compile(r"[。；;）)]")
_GLOSSED_SUM_RE = re.compile(r"\d(?:万|千)?元")  # a sum listed in a charge's bracket before a mark
_WORKED = frozenset({"count", "length", "area", "weight", "volume"})  # what work yields: trims.after_work_verb
_CASED = frozenset({"money", "percent", "count"})  # numbers a label before a list of cases names per case
_PAID = frozenset({"money", "percent"})  # sums and shares a norm may set per recipient
_NOT_PUT = BEFORE_ONLY_TYPES | {"duration", "rank"}  # never put to a use (作为, 用于)
_OWN_ONLY = BEFORE_ONLY_TYPES | {"duration"}  # never glossed by nor inheriting from another
_NO_AFTER = BEFORE_ONLY_TYPES | {"duration"}  # the noun after them is never read (_choose)
_COORDINATION_RE = re.compile(r"\s*(?:、|和|及|与|以及|或)\s*$")
_LABEL_COLON = frozenset("：:")  # 营业时间：9:00-17:00, 总投资：500万元
_CLAUSE_COMMAS = frozenset("，,")  # 该小区租户…相继入住，至今已有近6年
_CLAUSE_SPLIT_RE = re.compile(r"[，,。；;：:]")
_LIST_MARK = "、"  # 弟弟、弟媳: the mark joining the items of a list of people
_LISTING_END = "等"  # 教育部、…等六部门: a list closed before its count
# a name of two conjuncts, the first a measure (计税耕地面积和农业人口3649人)
_JOINED_RE = re.compile(r"^(?P<first>.+?)(?:以及|和|及|与)(?P<last>[^和及与、]{2,})$")
_TOTAL_TAGS = frozenset({"n", "nz", "nr", "ns", "nt", "j", "l", "ng"})  # a total before 含
_SPAN_LABEL_MARKS = _LABEL_COLON | frozenset("，,")  # 办理时限，自受理之日起10个工作日
_ATTRIBUTE_OWNERS_RE = re.compile(r"^.*(?:及|和|与|以及)(?=..)")  # 成人及身高: one attribute, another owner
_EQUALS_BEFORE_RE = re.compile(r"[=＝]\s*\Z")  # a number right after a formula's equals sign
# 三年（2017-2019）行动计划: the years a span runs, in a bracket between it and what lasts
# （2017-2019）, （2017年11月2日-2018年2月10日）: the years or days a span runs, glossed after it
_DAY = r"(?:\d{4}年?)?(?:\d{1,2}月(?:\d{1,2}日)?)?"
_YEARS_GLOSS_RE = re.compile(rf"[（(](?=\d{{4}}){_DAY}\s*[-—–~～至到]\s*(?=\d){_DAY}[）)]")
_RESULT_GLOSS_RE = re.compile(r"[（(]([^（）()0-9\d，。；]{2,12})[）)]")  # 4125元（可报销费用）
_SPAN_AFTER_CHAR_RE = re.compile(r"[，。；：！？、,.;:!?（）()\s]")  # 缴纳社会保险金6个月以上。


@dataclass(slots=True)
class _Clause:
    """What the quantities before this one in the sentence left behind.

    ``floor`` is the end of the last linked quantity: a window never reads back past it;
    ``holes`` are the dates and durations it reads across (经费五年增长1倍).
    """

    floor: int
    of: str | None = None
    kind: str | None = None
    things: bool = False  # the quantity named last counts things, not people, named after it (21个村民小组)
    ranged: bool = False  # the quantity named last is a span of clocks (9:00至12:00)
    owner: str | None = None  # what an attribute after it belongs to, when more than ``of`` (劳动者工资)
    named: tuple[str, str | None, str] | None = None  # kind, unit and name of the quantity named last
    parted: bool = False  # the quantity before counts a part of a total (其中省级1家、市级1家)
    items: bool = False  # the quantity named last is the second or later item of a list of its kind
    people: str | None = None  # the people or households counted last (招收450名新生…，平均50人/班)
    predicate: str | None = None
    change: Change | None = None
    holes: list[tuple[int, int]] = field(default_factory=list)
    wholes: dict[str, str] = field(default_factory=dict)  # classifier → the first count of it named (remainder_of)


def link(doc_text: str, quantities: list[Quantity], sentences: Sequence[Sentence]) -> list[Quantity]:
    """Fill ``of``, ``predicate``, ``change`` and a missing rank ``scope`` on copies of ``quantities``.

    ``quantities`` are in text order with offsets into ``doc_text``; ``sentences`` bound
    each clause (a quantity outside every sentence reads its own line).
    """
    links = _links(doc_text, quantities, by_sentence(quantities, sentences, len(doc_text)))
    return [copied(q, update) if update else q for q, update in zip(quantities, links, strict=True)]


def link_and_judge(doc_text: str, quantities: list[Quantity], sentences: Sequence[Sentence],
                   ref_date: dt.date | None) -> list[Quantity]:
    """``judge(doc_text, link(doc_text, quantities, sentences), sentences, ref_date)`` with one
    copy of each record instead of two: the status reads the ``of`` linking found before
    either update is applied. Both read the quantities sentence by sentence, grouped once."""
    runs = by_sentence(quantities, sentences, len(doc_text))
    links = _links(doc_text, quantities, runs)
    ofs = [cast("str | None", update.get("of", q.of)) for q, update in zip(quantities, links, strict=True)]
    judged = statuses(doc_text, quantities, runs, ref_date, ofs)
    return [copied(q, {**linked, **status}) for q, linked, status in zip(quantities, links, judged, strict=True)]


def _links(doc_text: str, quantities: list[Quantity], runs: Sequence[Run]) -> list[dict[str, object]]:
    """The updates :func:`link` makes, one per quantity (empty: the record stays as it is)."""
    out: list[dict[str, object]] = []
    for i, j, lo, hi in runs:
        out.extend(_link_sentence(doc_text, quantities[i:j], lo, hi))
    return out


def _link_sentence(text: str, qs: list[Quantity], start: int, end: int) -> list[dict[str, object]]:
    clause = _Clause(floor=start)
    shared = distribute(text, qs, start) if text.find("分别", start, end) >= 0 else {}
    out: list[dict[str, object]] = []
    for i, q in enumerate(qs):
        if q.type in SKIP_TYPES:
            clause.holes.append((q.start, q.end))
            out.append({})
            continue
        _forget_holes(clause, q.start)
        ceiling = min(end, qs[i + 1].start if i + 1 < len(qs) else end, q.end + _AFTER_READ)
        reach = min(end, q.end + _AFTER_READ)  # past the next quantity: 3米宽3公里长的通组公路
        update = _link_one(text, q, clause, (ceiling, reach), shared.get(i), start, _paired(qs, i, end))
        if isinstance(update.get("of"), str) and not clause.parted:  # what a scope after it may measure
            # 套餐6元，米饭1元: a second item of the kind, named otherwise, makes the two a list
            clause.items = clause.named is not None and clause.named[:2] == (q.type, q.unit) \
                and clause.named[2] != update["of"]
            clause.named = (q.type, q.unit, cast("str", update["of"]))
        # 客流周一至周五为每趟14人: recurring days before a copula frame the clause, read across
        framing = q.type == "set" and text.startswith(FRAMING_SET_COPULAS, q.end)
        if "of" not in update and (q.type == "duration" or framing):
            clause.holes.append((q.start, q.end))
        else:
            clause.floor = max(clause.floor, q.end)
        out.append(update)
    lend_listed(text, qs, out)  # 可分别申请6万元、3万元的购房补贴: the list's noun
    restated_inclusive(text, qs, out)  # 未超过三年（含三年）的购房合同: one name for both
    counted_past_sum(text, qs, out)  # 2笔金额合计30000元的定期存款: the deposits
    summed_list(text, qs, out)  # 城管协管员35人，巡防队员33人，一共68人: the list's names
    return out


def _paired(qs: list[Quantity], i: int, end: int) -> tuple[int, int] | None:
    """Where to read the noun after the count ``qs[i]`` when another count follows it with
    nothing between (4类9种疾病, 18户56人村民居住), or after the lower bound ``qs[i]`` of a range
    whose upper bound of the same kind and unit is glued to it (处五元以上五十元以下罚款): after
    that quantity, up to the quantity after it; None when no such quantity follows."""
    if i + 1 >= len(qs):
        return None
    pair = qs[i + 1]
    if pair.start != qs[i].end:
        return None
    counted = qs[i].type in _COUNTED and pair.type in _COUNTED
    bounded = (qs[i].type, qs[i].unit) == (pair.type, pair.unit) and qs[i].qualifier in _LOWER_BOUNDS \
        and pair.qualifier in _UPPER_BOUNDS
    if not (counted or bounded):
        return None
    return pair.end, min(end, qs[i + 2].start if i + 2 < len(qs) else end, pair.end + _AFTER_READ)


def _forget_holes(clause: _Clause, start: int) -> None:
    """Drop the holes no window of this quantity or a later one can reach, so that a sentence
    of many dates or durations (1天1天…) costs linear time, not one pass over all of them per
    quantity. A window reads back at most MAX_WINDOW characters from the number, or from the
    bracket before its own window (:func:`_glossed`, :func:`_owner`), and never past the floor."""
    reach = max(clause.floor, start - 2 * MAX_WINDOW - 1)
    if clause.holes and clause.holes[0][1] <= reach:
        clause.holes = [h for h in clause.holes if h[1] > reach]


def _heading_thing(text: str, end: int, ceiling: int) -> str | None:
    """The thing a verb of being there (``heading_verbs``) names after a length that a heading
    before it makes a distance (往东边1.5公里有一所中学 → 中学; …往东约1公里处有流芳园 → 流芳园),
    or None where no such verb follows.

    >>> _heading_thing("往东边1.5公里有一所中学；", 8, 13), _heading_thing("往西50米。", 5, 6)
    ('中学', None)
    """
    at = end + 1 if text.startswith("处", end) else end
    verb = next((v for v in HEADING_VERBS if text.startswith(v, at)), None)
    if verb is None:
        return None
    at += len(verb)
    first = tag(text[at:ceiling])[:1]
    if first and first[0][1] == "m":  # 有一所中学: its count goes
        at += len(first[0][0])
    return read_after(text, at, ceiling)


# 2×: a bare number and a sign of multiplication before a length, the other side of a dimension
_BARE_FACTOR_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?[×*＊]$")
# A、B、C等: a list closed by 等, before the noun of their kind
_LISTED_KIND_RE = re.compile(r"[^，,。；;、等]+(?:、[^，,。；;、等]+)+等")


def _sited_thing(text: str, end: int, ceiling: int) -> str | None:
    """The thing a verb of setting it there (``sited_verbs``) names after a length from a place
    opening its clause, past a location mark and a comma (距…小区1公里左右设有…医疗机构; 在距…小学不足3公里处，
    设有原…中学; …50米处各设置一条减速带 → 减速带), or None where no such verb follows.

    >>> _sited_thing("300米处，设有一所中学；", 4, 12), _sited_thing("300米处，主要加工", 4, 10)
    ('中学', None)
    """
    at = next((end + len(m) for m in LOCATION_MARKS if text.startswith(m, end)), end)
    if at > end and text[at : at + 1] in _CLAUSE_COMMAS:
        at += 1
    verb = SITED_VERB_RE.match(text, at)
    if verb is None:
        return None
    at = verb.end()
    first = tag(text[at:ceiling])[:1]
    if first and first[0][1] == "m":  # 设置一条减速带: its count goes
        at += len(first[0][0])
    listed = _LISTED_KIND_RE.match(text, at, ceiling)  # 设有A、B等医疗机构: the kind the list closes with
    if listed is None:
        return read_after(text, at, ceiling)
    reach = min(len(text), listed.end() + _AFTER_READ) if ceiling == end + _AFTER_READ else ceiling
    return read_after(text, listed.end(), reach)


def _spot(text: str, end: int) -> dict[str, object]:
    """The spot a noun of ``spot_nouns`` names glued after the location mark at ``end`` that follows a
    length (往南300米处路段 → 路段), or no name (水库下游约1000米处，: where a place lies, not what).

    >>> _spot("往南300米处路段属低洼路段", 6), _spot("往南300米处，", 6)
    ({'of': '路段'}, {})
    """
    mark = next(m for m in LOCATION_MARKS if text.startswith(m, end))
    spot = next((noun for noun in SPOT_NOUNS if text.startswith(noun, end + len(mark))), None)
    return {"of": spot} if spot is not None else {}


def _link_one(
    text: str, q: Quantity, clause: _Clause, ceilings: tuple[int, int], shared: str | None, sentence_start: int,
    pair: tuple[int, int] | None = None,
) -> dict[str, object]:
    ceiling, reach = ceilings  # the next quantity's start; the sentence's end, for a dimension's owner
    win = window(text, q.start, clause.floor, clause.holes)
    factor = _BARE_FACTOR_RE.search(win.text) if q.type == "length" else None
    if factor is not None:  # 房屋占地2×12米: a side of what the words before the bare factor name
        win = window(text, q.start - len(factor.group()), clause.floor, clause.holes)
    if q.type == "length" and HEADING_RE.search(win.text):  # 往东边1.5公里有一所中学: the school's distance
        there = _heading_thing(text, q.end, ceiling)
        if there is not None:
            return {"of": there}
    if q.type == "length" and SITED_RE.match(win.text):  # 在距…不足3公里处，设有…中学: the school's distance
        there = _sited_thing(text, q.end, ceiling)
        if there is not None:
            return {"of": there}
    if q.type == "length" and text.startswith(LOCATION_MARKS, q.end):  # 水库下游约1000米处: where, not what
        return _spot(text, q.end)  # 往南300米处路段: the spot lying there
    if clause.named is not None and clause.named[0] == q.type and win.lo > clause.floor and SCOPE_RE.match(win.text):
        # 高峰10分钟一趟，平峰为15分钟一趟: a case alone after a comma measures what the number of its
        # kind before measures, without the case that one named (高峰期发车间距 → 发车间隔)
        # (小区地上停车位100个，地下200个 → 停车位: past the owner to the counterpart's head)
        # (日均车流量左转3000余台次，直行3600余台次 → 日均车流量: the case the name before holds goes)
        return {"of": counterpart_named(win.text, clause.named[2]) or without_case(clause.named[2])}
    if clause.named is not None and clause.named[:2] == (q.type, q.unit) and win.lo > clause.floor:
        counterpart = counterpart_named(win.text, clause.named[2])
        if counterpart is not None:  # 其中市外资金3.7亿元，市内1亿元: the funds on its side
            return {"of": counterpart}
    parted, clause.parted = clause.parted, False
    if clause.named is not None and clause.named[:2] == (q.type, q.unit) and _is_part(win.text, listed=parted) \
            and read_after(text, q.end, ceiling) is None:  # 医疗机构453家，其中省级1家、市级1家
        clause.parted = True
        return {"of": clause.named[2]}
    if q.type == "duration":
        holiday = _holiday(text, q)
        if holiday is not None and shared is None:  # 其中中秋节3天: the holiday lasts so long
            return {"of": holiday}
        named = _duration_named(win.text)
        labelled = named is not None and shared is None and is_age(q.text) and win.text.endswith(DURATION_COPULAS)
        tied = people_tied(text, q.end, ceiling) if labelled else None
        if tied is not None:  # 检查对象为35岁—64岁的妇女: the people the age is tied to, not the label
            # (but a noun of the age itself stays: 年龄50岁的老师)
            return {"of": tied}
        if named is not None and text.startswith("的", q.end) and _framed_copula(win.text):
            named = None  # 经过长达3个月的考察论证: a frame that is a copula too; the noun after 的 lasts
        if named is None and shared is None and _labelled_span(text, win, clause):
            label = window(text, win.lo - 1, clause.floor, clause.holes)  # 办理时限：自受理之日起10个工作日
            colon = text[win.lo - 1] in _LABEL_COLON
            # after a comma only a clause that is a label alone, with no number in it or just
            # before it (设置了三年过渡期，满35年工龄)
            opens = label.lo <= sentence_start or _SPAN_AFTER_CHAR_RE.match(text, label.lo - 1) is not None
            alone = colon or (opens and not any(label.lo <= b <= win.lo for _, b in clause.holes))
            of = _span_named(read_before(label.text, "duration"), label.text) if alone else None
            if of is not None:  # 适当放宽录警授衔年龄，一般不得超过40周岁: the noun the verb opening it takes
                of = after_opening_verb(of)
            if of is None and colon and is_age(q.text):  # 现将有关情况回复如下：16周岁以上外省户口申请人
                of = age_named(text, q.end, win, ceiling)
            if of is not None or colon:
                return {"of": of} if of is not None else {}
        reckoned = of_reckoned(win.text, text, q.end, q.type) if named is None and shared is None else None
        if reckoned is not None:  # 支付生育津贴天数按98天计算
            return {"of": reckoned}
        if named is None:  # 提前一年, 连续三年: when, not what; but 超过了五年的防水保质期
            aged = is_age(q.text) or BORN_RE.search(win.text) is not None or _born_of_noun(win.text)  # 已出生29天
            after_name = _span_after(text, q.end, reach, framed=win.text.endswith(DURATION_FRAMES),
                                     age=aged, staying=STAYING_VERB_RE.search(win.text) is not None
                                     or clause.floor == q.start)  # 收取90元一个月的费用: the money's per
            if after_name is None and not aged:  # 村道建成至今已10年: its age since the event
                after_name = since_subject(win.text)
            if after_name is None and not aged and _since_alone(text, win, sentence_start):
                # 该小区租户大部分于2013年起相继入住，至今已有近6年: the event's subject in the clause before
                after_name = since_event_subject(_clause_before(text, win.lo, sentence_start))
            if after_name is None and SINCE_RE.search(win.text) is None:  # not 至今已有, jieba's noun
                after_name = _span_of_object(text, win, q.end)
            if after_name is None and SPAN_VERB_RE.search(win.text):  # 缴纳24个月社保
                # 在广东缴纳的八年半社保: the nouns glued after it, up to another kind of word
                after_name = (lasting_noun(text[q.end : ceiling]) if win.text.endswith("的")
                              else _span_object_after(text, q.end, ceiling))
            if after_name is None and not aged:  # 首套房产权证未满4年
                after_name = _reaching(win.text, bounded=REACHING_BOUND_RE.search(q.text) is not None)
            if after_name is None and not aged:  # 第二轮土地承包到期后再延长三十年
                after_name = _extended(win.text)
            if after_name is None and aged:  # 申请人须年满18周岁: the person named
                # (未满6周岁（…以前满6岁…）的儿童: past a bracket glossing the age)
                after_name = glossed_people(text, q.end) or age_named(text, q.end, win, ceiling)
            if after_name is None and not aged and BORN_BARE_RE.search(win.text) is not None:
                # 出生28天以内参保的新生儿: a term from birth tied by a clause of conditions to the people
                after_name = people_tied(text, q.end, ceiling) or qualified_people(text, q.end, ceiling)
            if after_name is None and not aged:  # 缴费年限应达到男满30年, 整治时间为：…，为期6个月
                after_name = scoped_span(text, win.text, q.start, sentence_start) \
                    or framed_span(text, win.text, q.end, sentence_start, win.lo) \
                    or framed_past(text, win.text, q.end, reach) \
                    or posted_span(win.text) \
                    or needed_span(win.text)  # 该方案在项目现场张贴一个月, 这个抵购过程需要一个多月
            if after_name is None and clause.named is not None and clause.named[0] == q.type \
                    and _reached_alone(text, win, q):  # 担任…职务为3年多，未满4年: what the one before measures
                after_name = clause.named[2]
            return {"of": after_name} if after_name is not None and shared is None else {}
        win = win._replace(text=named)
    # 收取90元一个月的费用: a denominator said after the sum (outside its span) is passed over to the noun
    trailing = TRAILING_PER_RE.match(text, q.end, ceiling) if q.per is not None else None
    after_at = trailing.end() if trailing is not None and text.startswith("的", trailing.end()) else q.end
    after = read_after(text, after_at, ceiling) if shared is None and q.type not in _NO_AFTER else None
    if after is None and shared is None and q.type in _COUNTED and q.unit in COUNTED_ENDINGS:
        after = modified_counted(text, after_at, ceiling, COUNTED_ENDINGS[q.unit])  # 2所未建成学校
    if after is not None and after.endswith(EXCEPT_CLOSERS):  # 除桂花群工站9个村外: the frame's 外 goes
        after = _without_exception_close(after, win.text)
    if after is not None:  # 3倍拒付违约医疗费用: the verb opening the name after is the predicate, its object the thing
        after = after_object_verb(after)
    if after is not None and q.type == "money":  # 0.5元每平方的水电、电梯维保等公摊费用: the class charged
        after = classed_after(text, after_at + (text.startswith("的", after_at)), ceiling, after) or after
    restated = after in RESTATING  # 交了三百元钱, 有200多米远: the quantity itself, and no name
    if restated and q.type in BASED:  # 从征地款中提取15%的钱: the money of the share, whose base is read before
        after, restated = None, False
    if after is not None and (restated or is_numeral(after)):  # 副卡10元/月一张: a numeral and classifier
        after = None
    if f"{q.unit}{after}" in RESTATING_UNIT_WORDS and win.text.endswith(RESTATING_UNIT_OWNERS):
        after = None  # 全家3口人: the people the 口 counts, the family before names them
    if after in DISCOUNT_FRAMES and q.text.endswith("折"):  # 给予物业费9折优惠: the kind of cut
        after = None
    if after in CAP_WORDS and q.type == "money":  # 年度2万元封顶: the sum is a ceiling, what it caps is before
        after = None
    if after is None and pair is not None and shared is None:  # 4类9种疾病: the noun after the pair
        after = read_after(text, *pair)
        if after is not None and after.endswith(FRAME_ENDINGS):  # 7座与8座两种情况: the pair's frame
            after = None
    if after is not None and q.type not in _COUNTED and is_lone_word(after):
        after = None  # 从1500元降为800元: a verb of one character after a measure is its predicate
    if after is not None and q.type not in _COUNTED and _spaced_verb(after, text, q.end, ceiling):
        after = None  # 每1—3km设计一处: the verb placing one thing per measure is its predicate
    if q.type == "length" and shared is None:  # 1米高隐形防护网: the height of the net
        after = read_dimensioned(text, q.end, reach) or after
        if after is not None and DIMENSION_AFTER_RE.fullmatch(after):  # 500米长以上路基完善的组级公路:
            after = None  # a dimension word alone is no thing measured
    if after is not None and q.unit in PERSON_UNITS and after.startswith(_MODIFIER_OPENINGS) \
            and AFTER_LEAD_RE.match(after):  # 100人以上列入规划的大团寨路: people before a verb of
        after = None  # change are its subject, not what its 的 ties (符合条件的幼儿 stays)
    if after is not None and q.type in _COUNTED and _modifies(after):  # 6台涉嫌非法营运的私家车辆
        after = read_modified(text, q.end, ceiling, after) or after
    # 94071人次参与: what the people do, as 7057人报名, no event; nor does it inherit a name
    acted = after is not None and q.unit in PEOPLE_EVENT_UNITS and (is_verb(after) or is_motion(after))
    if acted:
        after = None
    acts = False  # the name after a count of people is what they do (3人开会确定)
    if after is not None and q.type != "rank" and q.unit not in EVENT_UNITS:
        # 7057人报名, 600元补足: a verb alone names what they do, not what they are (but 四项诉求
        # after a kind's classifier); 8户业主封堵消防连廊: the things counted are the subject
        # of their own clause
        # 3人开会确定: what they do; 500元起付线: a noun jieba tags a verb names what a measure measures
        acts = q.unit in PEOPLE_UNITS and opens_clause(after)
        # 处以200元处罚: a noun of a penalty jieba tags a verb is what a sum is
        noun = after in VERB_TAGGED_NOUNS or (q.type == "money" and after in PENALTY_NOUNS)
        if (not is_verb(after) or (q.type not in _COUNTED and noun)) and not acts:
            after = subject_named(after)
        elif not _named_kind(text, q, after):
            after = None
    threshold = exceeded(win.text) if after is not None and q.type not in _COUNTED and opens_with_part(after) else None
    if threshold is not None and (threshold or clause.kind == q.type):  # 超出3%部分的房价款: a threshold
        after = None
    else:
        threshold = None
    event_clause = False
    if after is not None and q.unit in EVENT_UNITS and q.type in _COUNTED and not text.startswith("的", q.end):
        # 两次组织各职能部门召开…; not past a 的: 每天两次的洒水降尘处理 names the events
        after = event_named(after) or None
        event_clause = after is None
    tripped = after is None and not acted and q.unit in EVENT_UNITS and q.type in _COUNTED \
        and shared is None and not event_clause
    if tripped:
        # 先后4次到该公司检查: what was done there; a clause cut only by the reading's length runs on
        # to its mark (两次到“美的云熙府”项目现场对建设进展情况进行现场勘查)
        trip_ceiling = min(len(text), q.end + 2 * _AFTER_READ) if ceiling == q.end + _AFTER_READ else ceiling
        after = trip_event(text, q.end, trip_ceiling)
        tripped = after is not None
    # 套取5万多元的问题, 将一套房改成两套的情况: what the number is about, not what it measures
    framed = after is not None and text.startswith("的", q.end) and after.endswith(FRAME_ENDINGS)
    if framed:
        after = None
    elif after is not None and q.type in _COUNTED:  # 两栋违章建筑问题: the buildings are counted
        after = without_frame(after, kinds=q.unit in KIND_UNITS)
        if q.unit not in EVENT_UNITS:  # 九条路网建设: the networks are counted
            after = without_activity(after)
        after = unit_counted(after) or after  # 规模为24个班初中: the classes are counted
    elif after is not None:  # 约800米路基状况较好: the roadbed is measured, its state told after
        after = without_last_word(after, STATE_NOUNS)
        if q.type == "money":  # 2万元的一次性经济补偿协议: the charge, not the document it is written in
            after = charge_documented(after)
        elif q.type in _OUTPUT_TYPES:  # 年产3万吨纸品建设项目: the product, not the project it sizes
            after = output_named(win.text, after)
        framed_head = without_frame(after, kinds=False)  # 2400元学杂费问题: the fee; not a frame of its
        after = framed_head if AFTER_FRAME_RE.fullmatch(framed_head) is None else after  # own left (30%标准问题)
        if q.type in _PAID_FOR and _runs_to_number(text, q.end, ceiling, after):
            after = paid_for(after)  # 水田4.38亩补偿款153442元: the charge is the next number's
    sized = sizes_household(after) if after is not None and q.unit in PEOPLE_UNITS else None
    if sized is not None:  # 1人户35㎡: the size of the households it names
        return {"of": sized}
    if after is not None and q.unit in PEOPLE_UNITS:  # 贫困人口100人以上的非贫困村: the people before
        after = people_named(win.text, after) or after
    if after is not None and q.unit in PEOPLE_UNITS and past_listed_people(win.text, after):
        after = None  # 谭某等三人态度傲慢: the people listed, not what they have
    belongings = None
    if after is not None and q.unit in PERSON_UNITS:  # 77名党员组织关系: the people counted
        after, belongings = person_head(after), after
    elif after is not None and q.type in _COUNTED and q.unit in COUNTED_ENDINGS:  # 两株桂花树树龄: the trees
        after = counted_head(after, COUNTED_ENDINGS[q.unit])
        after = _fitting_after_de(text, after_at, ceiling, after, COUNTED_ENDINGS[q.unit])  # 100套公共厕所的除臭设施
    if after is not None and q.type in _COUNTED and shared is None:  # 两项水库除险加固工程措施: counted whole
        after = compound(text, q.end, after, q.unit)
    if after is not None and q.unit in PEOPLE_UNITS and shared is None:  # 4万名义务教育进城落户农民工随迁子女
        after = people_run(text, q.end, after)
    belonging = after is not None and q.type in _COUNTED and q.unit in PERSON_UNITS \
        and not text.startswith("的", q.end) and counts_belonging(after)
    if belonging:  # 288户维修基金, 两户建房: what they own or do; only people named before count
        after = None
    if after is not None and q.type in _COUNTED:  # 二层楼独立建筑: 楼 is the count's
        after = past_storeys(after, q.unit) or after
        after = counted_place(after, q.unit)  # 3个村有农业人口, 五个组村民: the places
        after = listed_after(text, after_at, ceiling, after)  # 38名业主、商户代表: all the items
    if after is not None and q.type == "rank" and q.unit in EVENT_UNITS:  # 第二次教师招聘参加工作
        after = rank_event(text, q.end, after)
        after = without_event_belonging(after)  # 否认第一次协议效力: the agreement, not its force
    if after is None and q.type == "rank" and q.unit not in ACTED_EVENT_UNITS and shared is None:
        after = ranked_modified(text, q.end, ceiling)  # 全镇第一批进行水泥硬化的村道: the roads of the batch
    if after is not None:  # 从第一次登记之日起: the event, not its day
        after = without_day_frame(after)
    # 引入超6家央企研发中心: with the noun after a count settled, only the verb is read
    before = read_verb(win.text) if after is not None and q.type in _COUNTED else read_before(win.text, q.type)
    before = with_suffix(before, win.text)  # 执行安装费1800元/户: one noun, not a verb and its object
    if before.of in TRAIL_WORDS:  # 报销3000元实际拨付3000元: an adverb alone, no thing
        before = before._replace(of=None)
    if after in TRAIL_WORDS:  # 第三期预计2015年将征地
        after = None
    if before.of and q.text.endswith("折"):  # 对公交刷卡实行的是9折: the thing discounted, not the verb
        before = before._replace(of=discounted(before.of))
    of = shared if shared is not None else _choose(q, before, after, labelled=win.text.endswith(CLOCK_COPULAS),
                           attribute=win.text.endswith(MEASURED_ATTRIBUTES), window=win.text)
    if of == "" and after is None and shared is None and q.type in _COUNTED and q.unit in COUNTED_ENDINGS:
        of = incorporated_object(win.text, COUNTED_ENDINGS[q.unit]) or of  # 配车20台: the cars
    if of and of == win.text.removesuffix("了") and q.type == "percent" and shared is None and win.lo == clause.floor \
            and clause.kind == "money" and is_verb(of):
        of = None  # 门诊药费2000元报销70%: the share of the sum glued before that its verb takes
    glued = glued_attribute(of, win.text) if of is not None and of == before.of and shared is None else None
    owner = measure_owner(_owner(text, win, clause, sentence_start)) if glued is not None else None
    if glued is not None and owner is not None:  # …起付额为5元，支付比例70%: another measure of the same owner
        of, before = owner + glued, before._replace(predicate=None)
    predicated = bool(of) and after is None and shared is None and q.type in _COUNTED and q.unit in PERSON_UNITS \
        and of == before.of and win.text.endswith(cast("str", of)) and _ends_in_verb(cast("str", of), shortest=2)
    if belonging and of and of == before.of and not names_people(of):
        of = ""  # 开发商只收到该小区288户维修基金: nor is what stands before them the people
    if acts and of and of == before.of and not win.text.endswith(of) \
            and _ends_in_verb(win.text.removesuffix("了"), shortest=2):
        of = ""  # 该公司安排了2人开会确定: the subject of the verb before them is not the people
    if predicated:  # 完成集中安置11户35人, 正在进行安置的有63户: the predicate, no thing; but the
        # people an earlier clause names for it (针对移民区域建档立卡贫困户，完成集中安置11户35人)
        of = carried_people(text, win.text, win.lo, sentence_start) or ""
    if of and after is None and shared is None and q.type in _COUNTED and q.unit in PERSON_UNITS \
            and of == before.of:
        of = _people_of(text, win, of, sentence_start)
    if event_clause:
        of = ""  # 两次组织各职能部门…商定: the events are a clause, nothing before names them
    if after is None and q.type in _COUNTED and q.unit in ACTED_EVENT_UNITS and shared is None and of \
            and of == before.of and names_people(of) and acted_after(text, q.end, ceiling):
        of = ""  # 质安站长陈军惠两次约谈建设…单位: who acted, not the events
    if after is None and q.type in _COUNTED and q.unit in ACTED_EVENT_UNITS and shared is None and of \
            and of == before.of and not win.text.endswith(of):
        of = event_verb(win.text) or of  # 该区域共停电7次: the outages, not the area
    if of is None and shared is None and q.type == "duration" and is_age(q.text):  # 丈夫徐发永，都是30多岁
        of = age_named(text, q.end, win, ceiling)
    if framed and (of is None or _has_verb(of)):
        of = ""  # …虚列房屋维修工程项目套取5万多元的问题: nor a clause before it, nor the number before
    reckoned = of_reckoned(win.text, text, q.end, q.type) if shared is None and q.type not in BASED else None
    if reckoned is not None:  # 兑券金额按60㎡/人计算: the subject is reckoned at the rate
        of = reckoned
    if shared is None and q.type in BASED:  # 确定40%比例的男生和女生: a bare share names no thing
        of = of_share(win.text, text, q.end, ceiling) or of
    if shared is None and q.type in BASED:  # 补贴标准按本办法规定标准上浮10%: what changes, not the base
        of = of_changed_base(win.text) or of
    if shared is None and q.type in BASED and win.text.endswith("的"):  # 按个人基本工资的5%安排了住房公积金
        of = of_base(win.text, text, q.end, ceiling) or of
        of = of_as_base(win.text, before) or of  # 作为缴费基数缴纳养老保险费的60%: the premium, not the role
    if of and q.type == "money" and shared is None and of == before.of and not win.text.endswith(of) \
            and _ends_in_verb(win.text.removesuffix("了"), shortest=2):
        # 市慈善会拨付150万元用于金秋助学活动: the use a payer's sum goes to, not the payer
        of = read_use(text, q.end, ceiling) or of
    if of is None and shared is None and q.type not in _NOT_PUT:  # 45万元作为项目资金
        of = read_purpose(text, q.end, ceiling)
    if of is None and q.type not in _OWN_ONLY and (win.opened or _glosses(text, win)):
        of = _glossed(text, win, clause, sentence_start)
    if q.type == "money" and shared is None and (not of or is_verb(of) or not _has_noun(of)):
        # 诚意金（有的交30000元）, 代收费(七年级600元): an act or a grade inside a charge's bracket is no name
        summed = win.text in TOTALS or win.text in SUM_OPENERS  # 年度筹资总额（个人220元+财政补助520元，共740元）
        of = _charge_glossed(text, q.start, clause, sentence_start, summed=summed) or of
    # 补偿标准：每平方米500元: per-words alone between a label and its number
    bare = not win.text or PER_ONLY_RE.fullmatch(win.text) is not None
    labelled = bare and win.lo > clause.floor and _after_label(text[win.lo - 1], q.type)
    if of is None and shared is None and labelled:
        of = _labelled(text, win, clause, q.type)
    if of in ATTRIBUTES or of in DIMENSIONS:
        owner = _owner(text, win, clause, sentence_start) if of in ATTRIBUTES else None
        if of in DIMENSIONS and _glosses_dimension(text, win):  # 在教室（长8米，宽6米）: the room's
            outer = window(text, win.lo - 1, max(clause.floor, sentence_start), clause.holes)
            owner = (trailing_run(outer.text, MAX_OF) or read_before(outer.text, "count").of) if outer.text else None
        elif of in DIMENSIONS and clause.of is not None:  # 道路长1140米，宽15米 → 道路宽
            owner = _without_dimension(clause.of)
        # a clause owns nothing (后来经历多次调整…按85%的比例); nor does a unit of one character a
        # count before names (四个班，人数…: not 班人数)
        owner = predicated_subject(owner) or owner if owner is not None else None  # 路基都过窄，只有3米的宽度
        if owner is not None and len(owner) > 1 and not owner.endswith(NOT_OWNER_ENDINGS) \
                and len(owner) + len(of) <= MAX_OF and not is_clause_owner(owner):
            of = owner + of  # …原红立明砖厂，面积26.72亩: an owner that is a clause leaves the bare 面积
    if of in WAY_MEASURES and q.type == "length" and win.lo > sentence_start:  # 望岳路为…，全长约620米
        of = way_topic(text, sentence_start, win.lo + len(win.text)) or of
    if of and win.text[:-1].endswith(of) and win.text[-1] in RESULT_COMPLEMENTS and q.type not in BEFORE_ONLY_TYPES \
            and is_verb(of) and of not in VERB_TAGGED_NOUNS and (win.text[:-1] == of or len(words_of(of)) == 1):
        # 购房补贴由10万元/人上调至15.28万元/人, 企业由整治前的28家，关停整合为12家: the verb of a
        # change names no thing (but a clock's label: 熄灯为清晨6:40)
        of = None
    if of and shared is None:  # 在以上支付标准基础上再增加1500元: the base of a change is no name
        of = without_base_frame(of)
    if of:  # 起付线-自负部份1000元, 年度内门诊总额不超过600元: an operand, a period's frame
        of = "" if of in PERIOD_FRAMES_ALONE else of  # 年度2万元封顶: a period's frame alone names nothing
        of = after_demonstrative_preposition(after_time_clause(without_period_lead(without_formula(of))))
        of = without_closing_frame(without_stray_opening(of))  # 当家庭用水人口, 美食城前期: a conjunction, a frame
        normed = norm_lead(of, win.text)
        if normed is not None:  # 按政策二级医院应支付: the norm it is set by; 食堂收费按文件每餐6元: the subject
            rest, subject = normed
            of = rest if rest and not is_verb(rest) else (read_before(subject, q.type).of or "" if not rest else "")
        if win.lo == clause.floor > sentence_start:  # 60个班、建筑面积42000平方米: the noun of the number before
            of = after_count_noun(of, win.text)
        if of != after:  # 高峰期平均发车时间不到3分钟: the hours it holds in are a frame
            of = without_hour_scope(of)
            if NEXT_SCOPE_RE.match(text, q.end):  # 日均车流量左转3000余台次，直行: a case the next shares
                of = without_case(of, inside=False)
        of = without_to(of, win.text)  # 涉及到清水村季坑组9户: the verb's complement goes
        # 停止生产采石类企业13家: the verb opening a name read before it is the predicate (not a
        # clause read whole, longer than a name, nor a base's verb: 超出房源数1.5倍)
        if of != after and len(of) <= MAX_OF and q.type != "rank" and q.type not in BASED:
            opened = after_opening_verb(without_opening_modal(after_object_verb(before_listed_object(of))))
            # 调度中心采取早晚高峰发车间隔: the hours the predicate stood before are a frame too
            of = without_hour_scope(opened) if opened != of else of
            if q.type == "count":  # 扶持返乡农民工开办家庭农场15个: the people and what they do
                of = after_supporting_verb(of)
            if q.type in _WORKED:  # ，养殖牲猪4头: the verb of work glued to the count is its predicate
                of = after_work_verb(of)
            of = without_closing_verb(of, win.text)  # 移动业务套餐改99元/月: the verb glued to the number
            of = after_paying_verb(of, win.text)  # 黄某领取补偿款21200元: who receives it and the verb go
            of = without_grant_verb(of, win.text)  # 温室每平方米奖补300元: the thing granted for
        if q.type == "percent" and of != after:  # 传媒占股49%: the holder, not its verb
            of = without_stake_verb(of, win.text)
            of = after_granted_people(of, win.text)  # 人员补贴…月平均工资60%: the base, not who is paid
        of = _headed(of, win.text, q, after)
        if q.type == "money" and of and of != after and shared is None and is_payer(of, win.text):
            of = ""  # 物业公司累计投入2万元: who pays, not what is paid; nor is a payer's name lent on
        if q.type == "money" and of != after and shared is None and is_person_name(of):
            of = None  # 张某以4万元包给李某却报领8万元: who takes the sum; the name before may be lent
        if q.type in _PAID and shared is None and of and of == before.of and names_people(of):
            # 补贴标准：“4050”人员为其个人实际缴费的60%: who is paid, the sentence's label the norm
            of = norm_labelled(text[sentence_start : win.lo]) or of
        if of == "" and shared is None:  # 每个学生约24元，每人每月在5元左右: nor is a name lent past it
            clause.of = clause.named = None
    if shared is None and q.type not in _OWN_ONLY | _COUNTED:  # 合格600元、良好700元: a tier names no thing
        named = clause.named[2] if clause.named is not None and clause.named[0] == q.type else None
        tier = tiered(win.text, of, named if clause.of == named else None)
        if tier == "":
            clause.of = clause.named = None
        of = tier if tier is not None else of
    if shared is None and q.type in _CASED and of:  # 收费标准：住房0.7元/月、商用1.4元/月: the label's
        # a label and its list of cases stand within two windows before the number (linear time)
        of = case_labelled(text[max(sentence_start, q.start - 2 * MAX_WINDOW) : q.start], of, text[q.end : reach]) or of
    if shared is None and ((of in REMAINDER_WORDS and q.type in BASED) or (of in OTHER_WORDS and q.type in _COUNTED)):
        # 按90%的比例支付，余下的10%, 共有四个股东，其他三个: the rest of what the number before
        of = None  # measures or counts, inherited; a word of what remains names no thing
    if threshold is not None:  # 误差比绝对值超出3%部分: what crosses it (with nothing before the verb, inherited)
        of = read_before(threshold, q.type).of if threshold else None
    elif of is None and ends_in_operator(win.text):  # （…1000元）×55%（报销比例）: a factor, named by nothing before
        of = operand_named(text, q.end)
    if of:
        of = part_of_whole(_named_total(without_one_of(of)))  # 七大诸侯国之一: the whole's noun
        of = compared_attribute(without_per_lead(of))  # 每半个月集中休假1次, 省馆比市馆面积少1000平方米
        of = without_place_mark(of)  # 坝顶面最窄处不足1.2米: the crest, not where it is narrowest
        of = without_uniform_scope(of, win.text)  # 水量全省统一为15m3: the water, not where the rule holds
        of = without_storey_scope(of, q.unit)  # 该住宅楼地上18层: the building, not which floors
        of = _without_spacing_lead(of)  # 路口每1—3km设计一处: the per-word of the spacing
    if of and (of.startswith(DISTANCE_LEADS) or to_place(of)) and not of.endswith(DISTANCE_LEADS) and shared is None:
        # 距离回龙圩约30km: how far, to a place (but 相隔20多米的距离, …直线距离26公里 name the distance)
        of = ""
    listed = exceeded_list(win.text) if shared is None and q.type not in _COUNTED and after is None else None
    if listed is not None:  # 建筑面积、套内建筑面积误差比绝对值其中有一项超出3%时: the measures listed
        of = read_before(listed, q.type).of or of
    if of is not None and len(of) > MAX_OF:  # a clause read as a name: the noun run ending it, else none
        of = (trailing_run(of, MAX_OF) if q.type not in BEFORE_ONLY_TYPES else None) or ""
        if not of and q.unit in SELF_COUNTED_UNITS and win.text.endswith(_LISTING_END):
            of = q.unit  # …、星沙街道办事处等六部门: a list too long for a name, the departments it lists
    if of is None and not win.text and _EQUALS_BEFORE_RE.search(text, clause.floor, q.start):
        of = _result_named(text, q.end)  # …×55%（报销比例）=4125元（可报销费用）: a formula's result
    if of is None and q.type in _COUNTED and q.unit in PERSON_UNITS and win.text.startswith(GROUP_LEADS):
        of, clause.of = "", None  # 共安置贫困户36户，同步搬迁安置18户83人: another group, no name lent
    if of is None and q.type not in _OWN_ONLY and win.text not in TOTALS:  # 共计12台: the sum of all
        # …年发放工资福利4000多万元，为257人缴纳了…: people and households are no money, length or
        # area, nor the other things a count before names after its classifier (共分21个村民小组，
        # 523户，2146人: not the groups' people; 一期工程共5栋已建成，共186户: the whole's households)
        of = clause.of if q.unit not in PERSON_UNITS or (clause.kind in _COUNTED and not clause.things) else None
        of = None if acted else of  # 举办文化活动1003场，94071人次参与: the people are no activity
        if of is not None and q.type in _COUNTED and clause.kind not in _COUNTED and names_measure(of):
            of = None  # 规划总建筑面积17.46万平方米，…，共16栋: a count counts no measure's name
        if of is not None and clause.items and clause.named == (q.type, q.unit, of) and sum_after_list(win.text):
            of = None  # 两菜套餐共6元，米饭1元，每餐共计7元: a total of the items is not the last item
        lender = clause.named[:2] if clause.named is not None and clause.named[2] == of else (clause.kind or "", None)
        if of is not None and lent_across(lender, q.type, q.per):
            of = None  # 前挑1米、后挑1.5米，共24平方米: a name measured in metres measures no area
        if of is None and q.unit in PERSON_UNITS and q.per is not None:  # 招收450名新生，办9个班，平均50人/班
            of = clause.people
    elif of is None and q.type == clause.kind and _listed(text, clause, q):
        of = clause.of  # 时间：8:00-9:30和9:40-11:10: a time listed after a time
    elif of is None and q.type in BEFORE_ONLY_TYPES and clause.kind in BEFORE_ONLY_TYPES and clause.floor == q.start:
        of = clause.of  # 工作时间为周一至周五上午9:00至12:00: the hours of the days glued before them
    elif of is None and q.type == "set" and clause.kind == "set" and win.text == "即" \
            and text[win.lo - 1] in ROUND_OPENINGS:
        of = clause.of  # 缴费时间为每年的第四季度（即每年10月1日至12月31日）: the same days restated
    if of is None and q.unit in TOPIC_UNITS and win.text in TOPIC_TOTALS and win.lo > sentence_start + 1:
        of = _topic(text, sentence_start, win.lo)  # 和美华庭是…安置小区，共16栋: the topic's buildings
    if q.type == "money" and shared is None and (not of or (of == before.of and before.predicate is not None
                                                          and win.text.endswith("的"))):
        # 您母亲收到的90元是保险公司核损苗期补偿费: the charge a copula after the sum says it is, not
        # the receiver of the clause tied to it by 的
        of = copula_charge(text, q.end, ceiling) or of
    if q.type in _PAID_FOR and shared is None and of and of == before.of and win.text.endswith("的"):
        # 其余未硬化的900余米是…两条支路: the thing the copula after it says it is, not the clause tied to it
        of = copula_thing(text, q.end) or of
    if not of and shared is None:
        of = _named_elsewhere(text, q, win, before, clause, sentence_start) or of
    elif of and q.type in _COUNTED and win.text.endswith(of) and win.text[-1:] in RESULT_COMPLEMENTS:
        # 2间教室改成3间: the rooms, not 教室改成
        of = elided_count(win.text, q.unit, clause.of if clause.of == clause.wholes.get(q.unit or "") else None) or of
    if restated:  # 三百元钱: the word after restates the number, it names nothing (but a frame may:
        of = None  # 黄某的房屋在…边，距离主线有200多米远)
    if shared is None and (not of or (q.type == "length" and holds_distance(of))):
        of = _carried(text, q, win, sentence_start) or of  # 该市场距玫瑰园小区北门 → 市场
    of = of or None
    predicate, change = before.predicate, None
    if predicate is not None:
        change = CHANGES.get(predicate)
    elif _COORDINATION_RE.match(text, clause.floor, q.start):  # 下降19.4%、14.9%
        predicate, change = clause.predicate, clause.change
    if change is None and (TARGET_RE.search(before.claim) or TARGET_RE.match(text, q.end)):
        change = "target"
    if predicated:  # 同步搬迁安置18户83人: nor does 83人 inherit the name before the predicate
        clause.of, clause.kind = None, q.type
    if of is not None:
        # 年龄35周岁以下（含），…可分别申请6万元: a span's name is lent to no number after it
        clause.of, clause.kind, clause.ranged = (of if q.type != "duration" else None), q.type, _ranged(q)
        if tripped:  # 学员2次到外地考场考试，共120人次: the event read after the count is lent to no
            clause.of = read_before(win.text, q.type).of  # total; the name before it is, as it was
        clause.things = q.type in _COUNTED and q.unit not in PERSON_UNITS and of == after
        if q.type in _COUNTED and q.unit in PERSON_UNITS and q.per is None:
            clause.people = of
        # 9名劳动者工资的案件…，涉及金额9.79万元: the wages' amount, though 9名 counts the workers
        clause.owner = belongings if belongings is not None and of == after else None
    clause.predicate, clause.change = predicate, change
    if of is not None and q.type in _COUNTED and q.unit is not None:
        clause.wholes.setdefault(q.unit, of)
    update: dict[str, object] = {"of": of, "predicate": predicate, "change": change}
    if q.type == "rank" and q.scope is None:
        update["scope"] = before.scope
    return {k: v for k, v in update.items() if v is not None}


def _people_of(text: str, win: Window, of: str, sentence_start: int) -> str:
    """``of`` read before a count of people with nothing after it, by what stands round it: none
    where the count is the object of a preposition ending the window (同时分别与4人签订: the name
    before 与 is the partner's), the people joined after a measure (计税耕地面积和农业人口3649人 →
    农业人口), the list's first item a comma cut off put back before a list of people the window
    opens with (其家中有父母，弟弟、弟媳、侄子及黄尊富共6人)."""
    if win.text[-1:] in PARTNER_PREPOSITIONS and tag(win.text)[-1] == (win.text[-1], "p"):
        return ""
    joined = _JOINED_RE.match(of)
    if joined is not None and names_measure(joined["first"]) and joined["last"].endswith(PEOPLE_NOUNS):
        return joined["last"]  # 计税耕地面积和农业人口3649人: the people, not the measure joined before
    if win.text.startswith(of) and _LIST_MARK in of and (names_people(of) or of.endswith(AGE_PEOPLE)):
        first = listed_first(text, win.lo, sentence_start)
        if first is not None and len(first) + len(of) < MAX_OF:
            return f"{first}{_LIST_MARK}{of}"
    return of


def _headed(of: str, window: str, q: Quantity, after: str | None) -> str:
    """``of`` without what stands round the thing (``heads.py``): a former state opening it
    (原来个人基本工资), a time read for the thing (从清末的2千余册 → the subject before 从, else
    none), the people a rate is paid per (每个学生约24元: none), a place before 有 (家中有5人: none), a
    pronoun or a function word alone (none)."""
    of = without_former(of)
    if of in PRONOUNS or is_function_word(of):  # 您所说的第二批次, 通过了八部联审: no thing
        return ""
    when = when_named(of, window, q.type) if of != after and q.type not in _OWN_ONLY else None
    if when is not None:
        return when
    if q.type not in _COUNTED and of != after and per_named(of, window):
        return ""
    if q.type in _COUNTED and after is None and is_place(of, window):  # 家中有5人: where, not what
        return ""
    if q.type in _COUNTED and counts_a_sum(of, q.unit):  # 收取水电材料费230户: people are no sum
        return ""
    return of


def _named_elsewhere(text: str, q: Quantity, win: Window, before: Reading, clause: _Clause,
                     sentence_start: int) -> str | None:
    """A name the sentence gives a number its own clause leaves none (``topics.py``): the topic
    a measure after a verb of change alone measures (…17栋的电价，…，调整至0.9元/度), the name of
    the number before it for its old value after a comparison alone (比起原来1.1元/度), or the whole
    a count after a word of what remains is left of (共有搅拌站6家，…，剩余3家)."""
    if q.type == "percent" and not win.text:  # 大多数教师毕业于…，100%具有本科以上学历: the teachers'
        people = shared_people(text, win.lo, q.end, max(clause.floor, sentence_start))
        if people is not None:
            return people
    if clause.of is not None and clause.kind == q.type and compared(win.text):
        return clause.of  # 调整至0.9元/度，比起原来1.1元/度: the old price
    if clause.of is not None and clause.kind == q.type and clause.floor == win.lo and q.type in TOPIC_TYPES \
            and changing(win.text, before.predicate):
        return clause.of  # 物业费由每平方米1.2元提高到1.5元: the new value of what the old one measures
    if q.type in TOPIC_TYPES and tidy(win.text) is None:  # 楚雅博爱用地，15亩。
        named = labelled_clause(text, win.lo, q.end, max(clause.floor, sentence_start))
        if named is not None:
            return named
    if q.type in TOPIC_TYPES:  # 该问题的处理上，已花费5万元: a topic and a postposition before a verb alone
        floor = max(clause.floor, sentence_start)
        return topic_measured(text, win.text, before.predicate, win.lo, floor) \
            or postposed_topic(text, win.text, win.lo, floor) \
            or itemised_charge(text, win.text, win.lo, sentence_start, floor)  # 二、疏林地，每平方米收取3元
    if q.type in _COUNTED:  # 目前正在开发一期，共16栋: the whole the clause before ends in
        floor = max(clause.floor, sentence_start)
        counted = counted_topic(text, win.text, before.predicate, win.lo, floor) if q.unit in PERSON_UNITS else None
        return counted or remainder_of(win.text, q.unit, clause.wholes) \
            or elided_count(win.text, q.unit, clause.of) or whole_before(text, win.text, win.lo, floor, q.unit)
    return None


def _without_spacing_lead(name: str) -> str:
    """``name`` without a per-word ending it, glued before the number of a spacing: the thing
    spaced is before it (中央分隔带平交路口每 → 中央分隔带平交路口); ``name`` where one character is left.

    >>> _without_spacing_lead("路口每"), _without_spacing_lead("每")
    ('路口', '每')
    """
    lead = next((w for w in SPACING_LEADS if name.endswith(w)), "")
    rest = name[: len(name) - len(lead)]
    return rest if lead and len(rest) > 1 else name


def _spaced_verb(after: str, text: str, end: int, ceiling: int) -> bool:
    """``after``, read right after a measure ending at ``end``, is one verb (jieba's v or vn) glued
    before 一 and a classifier: a spacing's predicate, placing one thing per measure (路口每1—3km设计
    一处, 每500米设置一个), no thing measured; a noun before 一 stays (3米围墙一道).

    >>> _spaced_verb("设计", "每2km设计一处", 4, 10), _spaced_verb("围墙", "3米围墙一道", 2, 7)
    (True, False)
    """
    at = end + len(after)
    if not text.startswith(after, end) or at + 1 >= ceiling or text[at] != "一" \
            or not _CJK_CLASSIFIER_RE.match(text[at + 1]):  # 一处, 一个: one thing of a classifier
        return False
    words = tag(after)
    return len(words) == 1 and words[0][1] in ("v", "vn")


_CJK_CLASSIFIER_RE = re.compile(r"[\u4e00-\u9fff]")


def _carried(text: str, q: Quantity, win: Window, sentence_start: int) -> str | None:
    """A name a frame of the sentence gives a number its own clause names nothing of
    (``carried.py``): the subject a length after 距 measures the distance of (A距B仅60米, A位于…，
    距B约50米), the list a count of people after a total word counts (王银端、贺军达共2人)."""
    if q.type == "length":
        return distance_from(text, win.text, win.lo, sentence_start)
    if q.type in _COUNTED and q.unit in PERSON_UNITS:  # 正在进行安置的有63户: the people named before
        return listed_total(win.text) or carried_people(text, win.text, win.lo, sentence_start)
    return None


def _runs_to_number(text: str, end: int, ceiling: int, name: str) -> bool:
    """Whether ``name``, read right after ``end``, runs on to the next number at ``ceiling``,
    across a word of ``charge_after_measure_links`` at most (补偿费共计11206.56万元)."""
    if not text.startswith(name, end):
        return False
    link = CHARGE_LINK_RE.match(text, end + len(name), ceiling)
    return link is not None and link.end() == ceiling < len(text)


_MODIFIER_OPENINGS = tuple(MODIFIER_VERBS)


def _modifies(name: str) -> bool:
    """``name``, read after a count, is a clause that may modify a noun after its 的: it opens
    with a verb of ``modifier_verbs`` (涉嫌非法营运), it is one adjective or distinguishing word
    alone (``modifier_tags``: 大规模, 欢乐), or it is two verbs or more alone (违法搭建;
    not 专家组成, whose noun is the subject, nor one word: 三个独立的处理塔 keeps its reading)."""
    words = tag(name)
    if words[0][0] in MODIFIER_VERBS or name.startswith(_MODIFIER_OPENINGS):  # jieba's 纳入计划
        return True
    if len(words) == 1 and words[0][1] in MODIFIER_TAGS:  # 两次大规模的调整: an adjective alone modifies
        return True
    return len(words) > 1 and words[-1][1] == "v" and all(pos in VERBAL_TAGS for _, pos in words)


def _ends_in_verb(name: str, shortest: int = 1) -> bool:
    """The last of jieba's words of ``name`` is a verb it tags ``v`` (物业公司收) of ``shortest``
    characters or more, none of the nouns it tags so (``verb_tagged_nouns``: 补助, 收入). Read
    before a count of people, one of two characters or more is their predicate (集中安置)."""
    word, pos = tag(name)[-1]
    return pos == "v" and len(word) >= shortest and word not in VERB_TAGGED_NOUNS


def _holds_verb(name: str) -> bool:
    """One of jieba's words of ``name`` is a verb it tags ``v``, none of the nouns it tags so: a
    clause before a 的 (由煤双公路进入罗塘组的3.1公里主路), which says which thing, owning none."""
    return any(pos == "v" and word not in VERB_TAGGED_NOUNS for word, pos in tag(name))


def _is_part(window: str, *, listed: bool) -> bool:
    """``window`` names only the part of a total a number after 其中 counts: a level, a floor or
    phase, or a place (其中省级, 其中二楼, 其中前面); with ``listed`` (the number before was one),
    also such a part after 、 alone (、市级)."""
    if listed and window.startswith("、"):
        part = window[1:]
    else:
        m = PART_RE.match(window)
        if m is None:
            return False
        part = m["part"]
    if part in PART_LEVELS or PART_FLOOR_RE.fullmatch(part):
        return True
    return bool(part) and all(pos in PART_TAGS for _, pos in tag(part))


def _named_total(name: str) -> str:
    """``name`` up to a word of ``inclusion_words`` after a noun: the total, not what it includes
    (小区车位数含地上地下 → 小区车位数)."""
    if not any(word in name for word in INCLUSION_WORDS):
        return name
    words = tag(name)
    for i in range(1, len(words)):
        if words[i][0] in INCLUSION_WORDS and words[i - 1][1] in _TOTAL_TAGS:
            return "".join(w for w, _ in words[:i])
    return name


def _has_verb(name: str) -> bool:
    """jieba tags a word of ``name`` as a verb (利用唐祥电器城虚列房屋维修工程项目套取)."""
    return any(pos == "v" for _, pos in tag(name))


def _fitting_after_de(text: str, at: int, ceiling: int, after: str, endings: tuple[str, ...]) -> str:
    """The noun a 的 ties after ``after`` (read at ``at``) where that noun ends in one of the
    ``endings`` the count's classifier fits and ``after`` does not: the classifier counts it
    (100套公共厕所的除臭设施 → 除臭设施: 套 counts sets of equipment, not toilets); an ending of one
    character fits too many nouns to overrule the noun glued to the count (295套房屋的厨房 → 房屋);
    ``after`` otherwise (5栋楼的业主 → 楼)."""
    if after.endswith(endings) or not text.startswith(after + "的", at):
        return after
    tied = read_after(text, at + len(after) + 1, ceiling)
    fits = tied is not None and any(len(ending) > 1 and tied.endswith(ending) for ending in endings)
    return tied if tied is not None and fits else after


def _named_kind(text: str, q: Quantity, after: str) -> bool:
    """A verb of one word after a classifier of kinds or items (四项诉求, 两个要求, 3种可能)
    is the noun it makes, not the clause after the count; not before a 的 (三个独立的水处理塔:
    a modifier) nor a phrase (4个出现故障)."""
    return q.unit in KIND_UNITS and " " not in after and len(words_of(after)) == 1 \
        and not text.startswith("的", q.end + len(after))


def _labelled_span(text: str, win: Window, clause: _Clause) -> bool:
    """A duration right after a colon, or after a colon and where its span starts (办理时限：
    自受理之日起10个工作日内办结): the label before the colon may name it; so may a noun of a
    span ending the clause before a comma (办理时限，自受理之日起10个工作日, 发车间隔时间，
    高峰期4-5分钟), there also across the words of ``duration_links`` (高峰期)."""
    if win.lo <= clause.floor or text[win.lo - 1] not in _SPAN_LABEL_MARKS:
        return False
    if not win.text or SPAN_START_RE.fullmatch(win.text) is not None:
        return True
    return text[win.lo - 1] not in _LABEL_COLON and DURATION_LINK_RE.fullmatch(win.text) is not None


def _framed_copula(before: str) -> bool:
    """The window ``before`` a duration ends in a frame that is also a copula (长达) after no
    noun of a span of time: the noun after the 的 that follows the duration is what lasts
    (经过长达3个月的考察论证), not the subject (工期长达3年的项目 keeps 工期)."""
    frame = next((f for f in DURATION_FRAMES if before.endswith(f)), None)
    return frame is not None and not before[: -len(frame)].endswith(DURATION_HEADS)


def _reached_alone(text: str, win: Window, q: Quantity) -> bool:
    """The clause of the duration ``q`` after a comma is a verb of reaching a span alone, with its
    adverbs (，未满4年, ，也已满15年), or the bound in its span alone (，不足15年): the span reached is
    the one the duration before it in the sentence measures."""
    if win.lo == 0 or text[win.lo - 1] not in _CLAUSE_COMMAS:
        return False
    if not win.text:
        return REACHING_BOUND_RE.search(q.text) is not None
    return REACHING_RE.fullmatch(win.text) is not None


def _since_alone(text: str, win: Window, sentence_start: int) -> bool:
    """The window before a duration is words of a span to now alone, or a verb that starts a
    thing's life with adverbs only round it, right after a comma (，至今已有近6年, ，使用已有30多年)."""
    if win.lo <= sentence_start or text[win.lo - 1] not in _CLAUSE_COMMAS:
        return False
    m = SINCE_RE.search(win.text)
    if m is not None:
        return m.start() == 0
    m = AGING_RE.search(win.text)
    return m is not None and all(pos == "d" for _, pos in tag(win.text[: m.start()]))


def _clause_before(text: str, end: int, sentence_start: int) -> str:
    """The clause of the sentence ending at the comma before ``end``, within a window's reach."""
    before = text[max(sentence_start, end - 1 - MAX_WINDOW) : end - 1]
    return _CLAUSE_SPLIT_RE.split(before)[-1]


def _span_after(text: str, end: int, reach: int, *, framed: bool, age: bool = False,
                staying: bool = False) -> str | None:
    """The noun of a span of time after a duration that names none before it, tied by 的 or
    glued (超过了五年的防水保质期, 设置了三年过渡期; not a bare 时间: 用了两天时间); after a
    frame (``duration_frames``) and 的, any noun (开展为期9个月的专项整治行动 → 专项整治行动);
    after 的 alone, the noun phrase :func:`~pipeline.linking.words.lasting_noun` reads (签订两年以上的
    劳动合同), unless the duration is an ``age`` or ``staying`` says a verb of staying or an adverb
    of repetition ends its window (居住30日以上的人员) or nothing stands before it: it opens the
    sentence or is glued to the quantity linked before (收取90元一个月的费用: the money's per).
    A phrase glued after it that ends in a head of ``lasting_heads`` is what lasts where it opens
    with a noun or is the head alone (有一年以上农村学校或薄弱学校任教经历, 放了两天假); nouns glued or
    tied after it that a frame ends are what lasts, the frame gone (不存在24小时生产现象 → 生产); a
    bracket of the years the span runs may stand between it and a thing that lasts (三年（2017-2019）
    行动计划 → 行动计划).

    >>> _span_after("三年（2017-2019）行动计划", 2, 20, framed=False)
    '行动计划'
    >>> _span_after("三年（2017-2019）的", 2, 20, framed=False)
    """
    m = DURATION_AFTER_RE.match(text, end, reach)
    if m is not None:
        name = m["name"] or m["glued"] or m["lasting"]
        return _without_during(name, text, m.end()) if name not in DURATION_NAMES else None
    # the dates of the gloss may be a quantity of their own, where reach ends: the gloss is matched
    # whole, its pattern and the name's bounded
    years = _YEARS_GLOSS_RE.match(text, end)
    if years is not None:  # 建设三年（2017-2019）行动计划: the plan, past the years it runs
        m = DURATION_AFTER_RE.match(text, years.end())
        return (m["lasting"] or (m["name"] and _without_during(m["name"], text, m.end()))) if m is not None else None
    head = LASTING_HEAD_RE.match(text, end, reach)
    if head is not None and (head[0] in LASTING_HEADS or opens_with_noun(head[0])):  # 放了两天假
        return head[0]  # 有一年以上农村学校或薄弱学校任教经历
    if framed and text.startswith("的", end):
        return framed_noun(text[end + 1 : reach])
    tied = text.startswith("的", end)
    if tied and not age and not staying:  # 签订两年以上的劳动合同
        name = lasting_noun(text[end + 1 : reach])
        if name is not None:
            return name
    if age or (tied and staying):
        return None
    return framed_activity(text[end + tied : reach])  # 不存在24小时生产现象, 15年的养老保险问题


def _reaching(before: str, *, bounded: bool = False) -> str | None:
    """The noun right before a verb of reaching a span that ends the window ``before`` (首套房产权证
    也未满4年 → 首套房产权证, 交通卡未满一年); None where none stands there (落户满2年). A span
    carrying its bound (``bounded``: 不足15年, 10年以下) is reached by a verb of paying alone, or it
    and 在 (社保缴费不足15年 → 社保, 养老保险缴费在10年以下 → 养老保险; 累计缴费不足15年 → None)."""
    m = REACHING_RE.search(before)
    if m is None and bounded:
        paid_at = REACHING_PAID_AT_RE.search(before)
        if paid_at is None or paid_at.start() == 0:
            return None
        return reaching_noun(before[: paid_at.start()], paid=True)
    if m is None or m.start() == 0:
        return None
    subject = before[: m.start()]
    paid = REACHING_PAID_RE.search(subject)  # 社保缴满12个月: what was paid so long
    return reaching_noun(subject[: paid.start()], paid=True) if paid is not None else reaching_noun(subject)


def _extended(before: str) -> str | None:
    """The noun the window ``before`` opens with where it ends in a verb of putting an end later
    (``extending_verbs``), its adverbs and a frame of expiry: what runs on so much longer
    (第二轮土地承包到期后再延长三十年 → 第二轮土地承包, 筹资时间因此会顺延两个月 → 筹资时间); None where
    nothing stands before the verb (可以延长五年), a verb does (村民可以申请延长三个月) or what does
    names no thing.

    >>> _extended("第二轮土地承包到期后再延长"), _extended("可以延长"), _extended("延长缴费")
    ('第二轮土地承包', None, None)
    """
    m = EXTENDING_RE.search(before)
    if m is None or m.start() == 0:
        return None
    subject = before[: m.start()]
    of = read_before(subject, "count").of
    # the noun right before them, not the subject of another verb (村民可以申请延长三个月)
    return of if of is not None and subject.endswith(of) and _has_noun(of) else None


def _without_during(name: str, text: str, end: int) -> str:
    """``name`` read after a duration up to a head ending in 期 (施工期) that the 间 at ``end``
    makes 期间, the frame of a time during something: what goes on then, without the frame
    (三个月的封闭施工期间 → 封闭施工); ``name`` elsewhere.

    >>> _without_during("封闭施工期", "的封闭施工期间，", 6), _without_during("封闭施工期", "的封闭施工期，", 6)
    ('封闭施工', '封闭施工期')
    """
    return name[:-1] if name.endswith(_TERM) and text.startswith(_DURING, end) and len(name) > 2 else name


_TERM, _DURING = "期", "间"  # 期间: during


def _born_of_noun(before: str) -> bool:
    """The window ``before`` a duration ends in a bare verb of being born (``born_bare_verbs``)
    right after a noun, maybe past 在: the span is that one's age (新生儿在出生28天内 → an age of
    新生儿); not after another word (按出生28天内收缴: when a rule's term starts).

    >>> _born_of_noun("新生儿在出生"), _born_of_noun("按出生"), _born_of_noun("新生儿")
    (True, False, False)
    """
    m = BORN_BARE_RE.search(before)
    if m is None:
        return False
    words = tag(before[: m.start()])
    return bool(words) and words[-1][1].startswith("n")


def _span_object_after(text: str, end: int, ceiling: int) -> str | None:
    """The noun glued after a duration that follows a verb of going through something over a
    span (缴纳24个月**社保**后, 接受九年**义务教育**); none after 的 or a postposition (出生28天内).
    A short gloss in a bracket inside the noun is part of it (签订了2年以上**劳动（或聘用）合同**);
    an alternative in a bracket closing the clause leaves the noun alone (缴纳24个月**个人所得税**（或社会
    保险），); none where the noun runs into any other bracket (签订了2年以上劳动（合同附后）)."""
    name = read_after(text, end, ceiling)
    if name is None or not text.startswith(name, end):
        return None
    opening = end + len(name)
    if text[opening : opening + 1] not in ROUND_OPENINGS:
        return name if opens_with_noun(name) else None
    gloss = _GLOSS_RE.match(text, opening, ceiling)
    if gloss is not None and _ALTERNATIVE_RE.match(gloss.group()) and opens_with_noun(name) \
            and (gloss.end() >= ceiling or text[gloss.end()] in _GLOSS_CLOSERS):
        return name  # 连续缴纳24个月个人所得税（或社会保险），: an alternative closing the clause
    rest = read_after(text, gloss.end(), ceiling) if gloss is not None else None
    if gloss is None or not rest or not text.startswith(rest, gloss.end()) or not opens_with_noun(name + rest):
        return None
    return text[end : gloss.end()] + rest


# （或聘用）: a gloss of a few characters, no number, no clause
_GLOSS_RE = re.compile(r"[（(][\u4e00-\u9fff、]{1,6}[）)]")
_ALTERNATIVE_RE = re.compile(r"[（(]或")  # （或社会保险）: another thing the span may be of
_GLOSS_CLOSERS = "，。；,;、"


def _span_of_object(text: str, win: Window, end: int) -> str | None:
    """The object a duration ends the clause of is what lasts so long (且连续缴纳**社会保险金**6个月以上。,
    判处**有期徒刑**三年，担任**初级专业技术职务**2年以上): only where a punctuation mark follows
    the duration, since one before 内, 后 or a noun is a deadline or a modifier (收到成品卡1个月内,
    解决城区大班额问题三年目标), and not after where a span starts (自受理之日起)."""
    if end < len(text) and _SPAN_AFTER_CHAR_RE.match(text, end) is None:
        return None
    if SPAN_START_RE.search(win.text):  # 自受理之日起10个工作日：a deadline from an event
        return None
    return object_ending(win.text) or held_post(win.text)  # 累计担任站所负责人和事务中心主任9年多


def _holiday(text: str, q: Quantity) -> str | None:
    """The festival of ``holiday_dates`` glued right before the duration ``q``, the holiday it says
    the length of, or None; not before a postposition (春节3天后: a point after it).

    >>> q = Quantity(type="duration", text="3天", start=5, end=7)
    >>> _holiday("其中中秋节3天、", q), _holiday("其中中秋节3天后", q), _holiday("学生放假了3天、", q)
    ('中秋节', None, None)
    """
    if DATE_POSTPOSITION_RE.match(text, q.end) is not None:
        return None
    return next((h for h in HOLIDAY_DATES if text.endswith(h, 0, q.start)), None)


def _duration_named(before: str) -> str | None:
    """The window before a duration up to the noun of a span of time or the copula that
    names it (住院时间只有5-7天 → 住院时间, 缴费年限累计满15年 → 缴费年限, 发车间隔为高峰
    10分钟一趟 → 发车间隔为), or None when
    it ends in neither (提前一年, 连续三年: when, not what)."""
    m = DURATION_LINK_RE.search(before)
    if m is not None and before[: m.start()].endswith(DURATION_ENDINGS):
        return before[: m.start()]
    return before if before.endswith(DURATION_ENDINGS) else None


def _choose(q: Quantity, before: Reading, after: str | None, *, labelled: bool = False,
            attribute: bool = False, window: str = "") -> str | None:
    """The noun after a count wins; after a measure, only when no 的 ties it to the one before
    and no attribute of a thing stands glued before the number (``attribute``: 身高1.2米以下
    的儿童 measures 身高, the child is its owner). A clock takes a name that says a time, or
    any subject of a copula right before it (``labelled``: 白天清洗养护为上午9:30—11:30)."""
    if q.type == "duration":  # 期限为8年, 建设工期42个月
        return _span_named(before, window)
    if q.type in BEFORE_ONLY_TYPES:  # 营业时间不得超过24时, not 当天下午18:00
        if before.of is None:
            return None
        copula = labelled and before.predicate is not None and before.predicate in CLOCK_COPULAS
        return before.of if copula or before.of.endswith(TIME_HEADS) else None
    if is_count_name(before.of):
        before = before._replace(of=None)  # 共有10栋460户: a count of its own is no name of the next
    if q.type in _NOUN_FIRST:
        return after or before.of
    # 原标准的50元/月的累计款项: the name before; not a verb alone (修建的70平方米平房 → 平房), nor a
    # clause ending in a verb (物业公司收的2000元装修保证金 → 装修保证金)
    owned = before.possessive and before.of and not _ends_in_verb(before.of) and not _holds_verb(before.of)
    if after is not None and (AFTER_FRAME_RE.fullmatch(after) is not None or owned):
        after = None
    # not before a percentage, whose attribute is its base (占草坪面积约四分之一)
    if after is not None and attribute and q.type not in BASED and before.of is not None \
            and before.of.endswith(MEASURED_ATTRIBUTES):
        return _ATTRIBUTE_OWNERS_RE.sub("", before.of)  # 成人及身高超过1.5米的儿童 → 身高
    return after or before.of


def _span_named(before: Reading, window: str) -> str | None:
    """What a duration measures, read from the window ``window`` that ends in a noun of a span
    of time or a copula (see :func:`_duration_named`): the noun of a span ending the window,
    even after a verb (缴费累计年限15年), or the subject of the copula (期限为8年, 年龄设定为35周岁
    以下); a bare one with the words glued before it (办理时限为 → 办理时限); none for the
    point a span runs to (距法定退休年龄不足5年).
    """
    of = before.of
    if window.endswith(DURATION_HEADS) and (of is None or not of.endswith(DURATION_HEADS)):
        # 合同期两年 (read as 合 + 同期), 何况小学还有年龄50岁 (a clause opened by 何况): the noun ending
        # the window names the span, with the words glued before it
        of = max((head for head in DURATION_HEADS if window.endswith(head)), key=len)
    if of is None:
        return None
    heads = of.endswith(DURATION_HEADS) and (before.predicate is None or window.endswith(of))
    copula = before.predicate is not None and before.predicate.endswith(DURATION_COPULAS)
    copula = copula or (before.predicate is None and window.endswith(DURATION_COPULAS))  # 营运车辆均已达5年
    if not (heads or copula):
        return None
    if not heads and is_verb(of):  # 累计缴费达15年: the act alone, what lasts is unnamed
        return None
    text = window if window.endswith(of) else _without_trailing_adverbs(before.claim, of)
    if DISTANCE_RE.search(text):  # 对距法定退休年龄不足5年: the time left until that age
        return None
    of = after_frame(of)
    return glued_span(text, of) if of in DURATION_HEADS and text.endswith(of) else of


def _without_trailing_adverbs(claim: str, of: str) -> str:
    """``claim`` cut after the last ``of`` in it where only adverbs follow it (培训时间都 → 培训时间: the
    words glued before a bare noun of a span still name it); ``claim`` otherwise.

    >>> _without_trailing_adverbs("培训时间都", "时间"), _without_trailing_adverbs("培训时间都", "期限")
    ('培训时间', '培训时间都')
    """
    at = claim.rfind(of)
    rest = claim[at + len(of) :] if at >= 0 else ""
    if not rest or any(pos != "d" for _, pos in tag(rest)):
        return claim
    return claim[: at + len(of)]


def _topic(text: str, sentence_start: int, end: int) -> str | None:
    """The topic of the sentence before ``end``: the noun phrase opening the last clause before
    it that has one before a ``topic_copulas`` word (和美华庭是…, 银港佳园项目（…）位于…, 工程于2008年…);
    None where a verb stands in that phrase."""
    found = None
    for m in TOPIC_RE.finditer(text, sentence_start, end):
        found = m.group(1)
    if found is None or any(is_verb(word) for word in words_of(found)):
        return None
    return found


def _result_named(text: str, end: int) -> str:
    """The name of a number a formula's equals sign gives (…×55%=4125元（可报销费用）): the noun
    a bracket right after it holds, else none ("", nor the name of a term of the formula)."""
    m = _RESULT_GLOSS_RE.match(text, end)
    named = tidy(m.group(1)) if m is not None else None
    return named if named is not None and not is_verb(named) else ""


def _glosses(text: str, win: Window) -> bool:
    """A bracket holding only per-words or adverbs before its number glosses the noun before
    it, as a bare number does (残疾补助（每月100元）, 购房补助费（即25300元）); not a bound
    restated (7座及以下（含7座）), a sum (（共21个月）) nor a part (（其中3户…）)."""
    return (win.lo > 0 and text[win.lo - 1] in ROUND_OPENINGS and not win.text.startswith(UNGLOSSING_MARKS)
            and tidy(win.text) is None)


def _glosses_dimension(text: str, win: Window) -> bool:
    """A bare dimension (长, 宽, 高) opens a bracket: it measures the noun before the bracket
    (教室（长8米，宽6米）)."""
    return win.lo > 0 and text[win.lo - 1] in ROUND_OPENINGS and win.text in DIMENSIONS


def _glossed(text: str, win: Window, clause: _Clause, sentence_start: int) -> str | None:
    """A number opening a bracket glosses what stands before it (路段（约200米）)."""
    bracket = win.lo - 1
    if bracket <= clause.floor:
        return clause.of
    outer = window(text, bracket, max(clause.floor, sentence_start), clause.holes)
    return read_before(outer.text, "count").of


def _without_exception_close(name: str, window: str) -> str:
    """``name``, read after a count, without the 外 closing a frame of exception the ``window``
    before the count opens (``except_openers``: 除桂花群工站9个村外 → 村, jieba's place word 村外);
    whole where no 除 of its own opens one (9个村外出务工人员, 拆除3个村外…) or nothing would be left.

    >>> _without_exception_close("村外", "除桂花群工站"), _without_exception_close("村外", "全县有")
    ('村', '村外')
    """
    closer = next(c for c in EXCEPT_CLOSERS if name.endswith(c))
    if len(name) <= len(closer) or not any(w in EXCEPT_OPENERS for w in words_of(window)):  # not 拆除
        return name
    return name[: -len(closer)]


def _charge_glossed(text: str, start: int, clause: _Clause, sentence_start: int, *, summed: bool = False) -> str | None:
    """The charge (a name ending in ``gloss_charge_ends``) standing before the bracket a sum at
    ``start`` stands in, with no mark of a clause between them, or None (认购诚意金（有的交30000元
    → 认购诚意金; 代收费(七年级600元/期 → 代收费). A sum ``summed`` by a word of a total (共,
    共计) adds up the items the bracket lists, commas between them, and is the charge too
    (缴纳年度筹资总额（个人220元+财政补助520元，共740元 → 年度筹资总额); not past a bracket closed.

    >>> c = _Clause(floor=0)
    >>> t = "缴纳筹资总额（个人100元，补助300元，共400元）"
    >>> _charge_glossed(t, t.index("400"), c, 0, summed=True), _charge_glossed(t, t.index("400"), c, 0)
    ('筹资总额', None)
    >>> t = "缴纳筹资总额（个人100元）和补助，共400元"
    >>> _charge_glossed(t, t.index("400"), c, 0, summed=True)
    >>> t = "交纳诚意金（有的交3万元、有的交2万元）"
    >>> _charge_glossed(t, t.index("2万"), c, 0)
    '诚意金'
    """
    lo = max(sentence_start, start - MAX_WINDOW)  # the floor of a clause may be the bracket itself
    bracket = max(text.rfind(b, lo, start) for b in _GLOSS_OPENINGS)
    if bracket <= lo:
        return None
    mark = (_SUM_MARK_RE if summed else _CLAUSE_MARK_RE).search(text, bracket, start)
    if mark is not None and (summed or _SUM_MARK_RE.search(text, bracket, start)
                             or not _GLOSSED_SUM_RE.search(text, bracket, mark.start())):
        return None  # but a list of cases, a sum each (有的交30000元、有的交26000元), stays in the bracket
    if mark is not None and sum_after_list(text[max(text.rfind(m, bracket, start) for m in "，,、") + 1 : start]):
        return None  # 收费（早餐4元，中、晚餐各7元，即18元/一天）: the items' sum, no case of the charge
    named = read_before(window(text, bracket, lo, clause.holes).text, "count").of
    return named if named and named.endswith(GLOSS_CHARGE_ENDS) else None


def _has_noun(name: str) -> bool:
    """Some word of ``name`` is one jieba tags a noun (的交: none)."""
    return any(t.startswith("n") for _, t in tag(name))


def _after_label(mark: str, kind: str) -> bool:
    """A number right after ``mark`` may take the label before it: after a colon any
    number, after a comma only a clock (严格控制跳舞时段，上午8:00-10:00)."""
    return mark in _LABEL_COLON or (kind in BEFORE_ONLY_TYPES and mark in CLOCK_LIST_MARKS)


def _labelled(text: str, win: Window, clause: _Clause, kind: str) -> str | None:
    """A number right after a colon measures the label before it (营业时间：9:00-17:00 → 营业时间);
    a clock after a comma, a label naming a time that ends the clause before (…跳舞时段，
    上午8:00-10:00 → 跳舞时段), even as a verb's object."""
    outer = window(text, win.lo - 1, clause.floor, clause.holes)
    label = read_before(outer.text, kind)
    if label.of is None:
        return None
    if kind in BEFORE_ONLY_TYPES:
        if not label.of.endswith(TIME_HEADS):
            return None
        # …严格控制跳舞时段，上午8:00-10:00: the object of the clause before, its last two words
        return last_words(label.of, 2) if text[win.lo - 1] in CLOCK_LIST_MARKS else label.of
    if label.predicate is not None:  # （2）购买车位的车位服务费：30元/月: a verb phrase tied by 的 to the label
        return tied_label(label.of)
    return label.of


def _listed(text: str, clause: _Clause, q: Quantity) -> bool:
    """``q`` follows the quantity named last as the next item of a list: after 、, 和 and the
    like; a span of clocks also after a comma and a span (上午9:00至12:00，下午13:00至17:00),
    not a lone clock (营业时间不得超过23时，8:30工作人员到岗)."""
    if _COORDINATION_RE.match(text, clause.floor, q.start) is not None:
        return True
    if q.type in BEFORE_ONLY_TYPES and not clause.ranged and CLOCK_SPAN_RE.match(text, clause.floor, q.start):
        return True  # 运输时间为22:00  至  4:00: the end of the span the clock before opens
    return clause.ranged and _ranged(q) and CLOCK_LIST_RE.match(text, clause.floor, q.start) is not None


def _ranged(q: Quantity) -> bool:
    return q.type in BEFORE_ONLY_TYPES and q.value is not None and "/" in q.value


def _without_dimension(owner: str) -> str | None:
    """道路长 → 道路: the thing a dimension before was read of (None when nothing is left)."""
    for dimension in DIMENSIONS_LONGEST_FIRST:
        if owner.endswith(dimension):
            return owner[: -len(dimension)] if len(owner) - len(dimension) >= 2 else None
    return owner


def _owner(text: str, win: Window, clause: _Clause, sentence_start: int) -> str | None:
    """Whose attribute a bare 规模 or 面积 is: the clause before, if no number stands in it
    (…福田子基金，规模2亿元), else what the number before measures (…食堂114个，面积…), or
    the whole name read after it when the count kept only its people (9名劳动者工资…，涉及金额)."""
    floor = max(clause.floor, sentence_start)
    if win.lo - 1 > floor:
        outer = window(text, win.lo - 1, floor, clause.holes)
        if outer.lo > clause.floor or clause.floor <= sentence_start:
            found = read_before(outer.text, "count").of
            if found is not None:
                return found
    return clause.owner or clause.of
