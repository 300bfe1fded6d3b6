"""Names a noun of the sentence gives a number its own clause leaves none (issue 14).

Readings run where the rules of ``__init__`` left a quantity without ``of``; each reads a frame
that names what is measured outside the number's window, and gives none where the frame is
not there whole (a none is better than a wrong noun):

- :func:`distance_from`: a length after 距/距离/离 and a place is how far the subject before them
  lies from it (**万家丽路大塘路口**距…匝道仅60米, **该小区**离学校约800米, a side it faces gone:
  **该拟选址地**东面离…相距1公里), or the subject of a clause before the comma
  that says where it stands (**垃圾收集站**位于…东北角，距…小区约50米, **黄某的房屋**在…边，距离…有
  200多米远); the subject ends in a head of a place or a thing that stands somewhere (``place_heads``).
- :func:`listed_total`: a count right after a list and a word of a total (王银端、贺军达、石辉共3人)
  counts the list.
- :func:`summed_list`: a measure after a word of a total and a list of measures of its kind,
  each glued to its name (城管协管员35人，巡防队员33人，一共68人), is their sum: the names listed.
- :func:`carried_people`: a count of people or households that its clause's verb alone
  precedes (完成集中安置11户) counts the people an earlier clause of the sentence names: the
  object of a clause opened by 针对/对于 alone (**针对移民区域建档立卡贫困户**，完成集中安置11户),
  or the people named right before the same verb there (…福高村的**移民**安置，…拟集中安置110户).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import cast

from pipeline.linking.lexicon import (
    AGE_PEOPLE,
    DURATION_HEADS,
    LINKING,
    LISTING_OPENERS,
    MAX_OF,
    MEASURED_ATTRIBUTES,
    NORM_HEADS,
    PERSON_ENDINGS,
    PERSON_UNITS,
    TIME_HEADS,
    TOTALS,
)
from pipeline.linking.phrases import tidy
from pipeline.linking.words import framed_noun, glued_span, opens_with_noun, tag
from pipeline.quantities.lexicon import UNIT_TABLE
from pipeline.records import Quantity
from pipeline.structure.outline import marker_end
from pipeline.text.numerals import ONE_TO_NINE, TEN
from pipeline.text.regex import alternation, trie_alternation

__all__ = [
    "carried_people", "distance_from", "framed_past", "framed_span", "holds_distance", "lent_across", "listed_first",
    "listed_total",
    "needed_span", "norm_labelled", "posted_span", "restated_inclusive", "scoped_span", "sum_after_list", "summed_list",
]

_CARRIED = LINKING.carried
# 距 or 距离, not inside a noun of a distance (间距, 相距)
_COMPOUNDS = "".join(_CARRIED.distance_compounds)
_LEAVE_BEFORE = "".join(_CARRIED.leave_compounds_before)
_DISTANCE_RE = re.compile(
    rf"(?<![{_COMPOUNDS}])(?:{trie_alternation(_CARRIED.distance_leads)})"
    rf"|(?<![{_LEAVE_BEFORE}])(?:{trie_alternation(_CARRIED.leave_leads)})"
    rf"(?!{trie_alternation(_CARRIED.leave_compounds_after)})"
)
# 该拟选址地东面: the side it faces goes from the subject
_DIRECTION_END_RE = re.compile(rf"(?:{trie_alternation(_CARRIED.direction_ends)})$")
_PLACE_HEADS, _SITE_VERBS = tuple(_CARRIED.place_heads), tuple(_CARRIED.site_verbs)
_TARGET_PREPOSITIONS, _DEMONSTRATIVES = tuple(_CARRIED.target_prepositions), tuple(_CARRIED.demonstratives)
_SUBJECT_BLOCKED = frozenset(_CARRIED.subject_blocked_tags)
# 即男满, 或女满, 、女满: a scope of sex and a verb of reaching ending a window
_SCOPE_REACHING_RE = re.compile(rf"(?:{trie_alternation(_CARRIED.scope_reaching)})$")
_SCOPE_REACH = _CARRIED.scope_reach
_SPAN_HEAD_RE = re.compile(trie_alternation(list(DURATION_HEADS)))
_SPAN_FRAMES = tuple(_CARRIED.span_frames)
_POSTING_VERBS = frozenset(_CARRIED.posting_verbs)
_POSTED_OBJECT_RE = re.compile(alternation(_CARRIED.posted_object_markers))
# 可能这个抵购过程需要, 整个工程约需: the subject, a verb of needing and a hedge
_NEEDED_RE = re.compile(
    rf"(?:{trie_alternation(_CARRIED.needing_leads)})*(?P<thing>[^，,。；;：:]+?)"
    rf"(?:{trie_alternation(_CARRIED.needing_verbs + _CARRIED.keeping_verbs)})"
    rf"(?:{trie_alternation(_CARRIED.needing_hedges)})?"
)
_NEEDED_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "j", "vn", "nl", "ng", "l", "b", "v", "eng"})
_NEEDED_HEAD_TAGS = frozenset({"n", "vn", "j", "nz", "ng", "l"})  # 登记手续: jieba tags some idioms
# 并将结果在小区内公示, 相关公示已在…门柱上粘贴了: a thing, 在 and a place, a verb of posting
_POSTED_RE = re.compile(
    rf"(?:{trie_alternation(_CARRIED.posted_leads)})*(?P<thing>[^在，,。；;]+?)"
    rf"(?:{trie_alternation(_CARRIED.posted_adverbs)})*在[^在，,。；;]{{1,20}}?"
    rf"(?:{trie_alternation(_CARRIED.posting_verbs)})了?"
)
# 整治时间为：, 办理期限： — a label of a time or a span before a colon or a copula
_SPAN_LABEL_RE = re.compile(
    rf"(?P<label>[\u4e00-\u9fff]{{0,8}}(?P<head>{trie_alternation([*TIME_HEADS, *DURATION_HEADS])}))(?:为|是)?[：:]"
)
_INCLUSIVE_OPENINGS = frozenset(f"{inner}{mark}含" for inner in _CARRIED.inclusive_inners for mark in "（(")
_GLUED_SPAN_RE = re.compile(r"(?:的)?时间(?:[，,。；;]|$)")
# 的24小时, 关于…的: between a framed duration and the noun it modifies
_FRAMED_GAP_RE = re.compile(
    rf"的\d+(?:个)?(?:小时|天|日)(?=[\u4e00-\u9fff])|(?:{trie_alternation(_CARRIED.topic_openings)})[^，,。；;的]{{1,16}}的"
)
_CLOSINGS = "）)"
# a count, a total of one of these tied by 的 to a noun (2笔金额合计30000元的定期存款)
_SUMMED_TYPES = frozenset({"money", "area", "length", "weight", "volume"})
_SUMMED_RE = re.compile(
    rf"(?:{trie_alternation(_CARRIED.summed_amount_nouns)})?(?:{trie_alternation([*TOTALS, *_CARRIED.sum_openers])})"
)
_RESTATED_TYPES = frozenset({"duration", "count"})  # the kinds a bracket of inclusion restates
_CLAUSE_MARKS = "，,；;：:。！？!?"
_CLAUSE_SPLIT_RE = re.compile(r"[，,；;：:]")
_LIST_MARK = "、"
_PREDICATE_TAGS = frozenset({"d", "t", "uj", "ul"})
_PLACE_TAGS = frozenset({"s", "f"})  # jieba's words of place and position (山下, 上)
_PART_LEAD = "其中"
_OWNING = "的"
_LISTED_DISTANCES = 4  # clauses of a list of distances read back for its subject
_NUMERAL_RE = re.compile(rf"[\d{ONE_TO_NINE}{TEN}两几数]")
# a noun of people alone after a verb opening a list, ending the clause before a comma (有父母，)
_LISTED_FIRST_RE = re.compile(rf"(?:{alternation(LISTING_OPENERS)})(?P<item>[\u4e00-\u9fff]{{2,4}})[，,]$")
_LISTED_FIRST_REACH = 8  # characters read back for it


def _subject(phrase: str) -> str | None:
    """``phrase`` as the subject of a place: a noun phrase ending in a ``place_heads`` word, with
    no preposition, particle (but one 的 between a name and its head: 黄某的房屋), pronoun, word of
    time or direction in it (jieba's tags of verbs are not read: it tags the heads and modifiers of
    such names verbs, 垃圾收集站); a count opening it goes (两株桂花树 → 桂花树); a demonstrative
    opening it goes where three characters stay (该餐馆油烟管道 → 餐馆油烟管道), and stays before
    fewer, the noun phrase the sentence has (该地点, 该市场); two characters will do (基站).

    >>> _subject("黄某的房屋"), _subject("两株桂花树"), _subject("他的家"), _subject("该市场"), _subject("该处")
    ('黄某的房屋', '桂花树', None, '该市场', None)
    >>> _subject("该拟选址地")
    '拟选址地'
    """
    phrase, pointing = phrase.strip(), ""
    if phrase.startswith(_DEMONSTRATIVES):  # 该餐馆油烟管道 → 餐馆油烟管道, but 该地点 stays whole
        pointing, phrase = phrase[0], phrase[1:]
        pointing = pointing if len(phrase) < 3 else ""
    shortest = 2
    if not shortest <= len(phrase) <= MAX_OF or not phrase.endswith(_PLACE_HEADS):
        return None
    words = tag(phrase)
    if _NUMERAL_RE.match(phrase) is not None:  # 两株桂花树: the count's noun, the count read apart
        if len(words) < 2 or words[0][1] != "m":
            return None
        phrase, words = phrase[len(words[0][0]) :], words[1:]
    if words and words[-1][0] in _PLACE_HEADS:  # 选址地: a head jieba tags a particle (地) is the place
        words = (*words[:-1], (words[-1][0], "n"))
    # one 的 between a name and its head stays (黄某的房屋); another particle or a preposition is a clause
    inner = [pos for k, (word, pos) in enumerate(words) if not (word == _OWNING and 0 < k < len(words) - 1)]
    if len(inner) < len(words) - 1 or any(pos in _SUBJECT_BLOCKED or pos[:1] in "pu" for pos in inner):
        return None
    if len(phrase) < shortest or tidy(phrase) != phrase:
        return None
    return pointing + phrase


def distance_from(text: str, window: str, lo: int, sentence_start: int) -> str | None:
    """The subject whose distance the length after ``window`` (its clause, starting at ``lo``)
    gives: the words before a ``distance_leads`` word of the window (A距B仅60米 → A), or where
    that word opens the window right after a comma, the subject of the clause before it that a
    ``site_verbs`` or a ``distance_leads`` word follows (A位于…，距B约50米 → A; A距B仅80米，距C
    仅150米，距D约1公里 → A); None elsewhere. The word is read by its characters, since jieba glues it to
    the name after it (口距, 距金桂苑), and not inside a noun of a distance (间距, 相距, 车距). An
    attribute a length gives (``measured_attributes``) before the word is what is measured, from
    the reference after it (山体高度距路面约20米 → 山体高度).

    >>> distance_from("高度距路面约20米", "高度距路面", 0, 0), distance_from("养殖户距村约600米", "养殖户距村", 0, 0)
    ('高度', None)
    """
    at = _distance_at(window)
    if at is None:
        return None
    if at > 0:
        return _subject(_DIRECTION_END_RE.sub("", window[:at])) or _attribute(window[:at])
    if lo - 1 <= sentence_start or text[lo - 1] not in "，,":
        return None
    end = lo - 1
    for _ in range(_LISTED_DISTANCES):  # 该地点距离A约25km，距离B约25km，距离C约23km: back past the list
        start = max(max(text.rfind(mark, sentence_start, end) for mark in _CLAUSE_MARKS) + 1, sentence_start)
        clause = text[start:end]
        site = next((m for m in (clause.find(v) for v in _SITE_VERBS) if m > 0), None)
        if site is None:
            site = _distance_at(clause)
        if site != 0 or start - 1 <= sentence_start or text[start - 1] not in "，,":
            opening = marker_end(clause, 0, len(clause))  # 2、该拟选址地…: the item's marker
            return _subject(_DIRECTION_END_RE.sub("", clause[opening:site])) if site else None
        end = start - 1
    return None


def _attribute(phrase: str) -> str | None:
    """``phrase`` where it ends in a ``measured_attributes`` noun, a word of jieba's own, with no
    mark of a clause in it (山体高度; not 高度 cut from 标高度).

    >>> _attribute("山体高度"), _attribute("高度"), _attribute("该养殖户"), _attribute("现状为山体，高度")
    ('山体高度', '高度', None, None)
    """
    phrase = phrase.strip()
    if not 2 <= len(phrase) <= MAX_OF or tidy(phrase) != phrase or any(m in phrase for m in _CLAUSE_MARKS):
        return None
    last = tag(phrase)[-1][0]
    return phrase if last in MEASURED_ATTRIBUTES else None


def holds_distance(name: str) -> bool:
    """``name`` holds a ``distance_leads`` word with words after it (该地点距离K6县县城; not
    直线距离, which names the distance)."""
    return _distance_at(name) is not None


def _distance_at(phrase: str) -> int | None:
    """Where the first ``distance_leads`` word of ``phrase`` that words follow starts."""
    m = _DISTANCE_RE.search(phrase)
    return m.start() if m is not None and m.end() < len(phrase) else None


def listed_total(window: str) -> str | None:
    """The list a count after a word of a total counts: ``window`` ends in one of ``totals`` or
    共 after items joined by 、 (两丫坪社区干部吴菲、黄军长共 …), each item holding a word that
    names people (``person_endings``: 干部, 军长, 人员), the first one the noun run ending its
    clause. The list whole where it has at most 20 characters, else each item by the name of
    two or three characters after its last such word (领导王银端、所长贺军达 → 王银端、贺军达),
    else none (村民代表、党员、妇女代表共 …: a village's list of groups stays too long)."""
    total = next((t for t in (*TOTALS, "共") if window.endswith(t)), None)
    if total is None or _LIST_MARK not in window:
        return None
    parts = window[: -len(total)].split(_LIST_MARK)
    first = list(tag(parts[0]))
    k = len(first)
    while k > 0 and (first[k - 1][1][:1] in "nj" or first[k - 1][1] in ("a", "b")):
        k -= 1
    items = [first[k:]] + [list(tag(part)) for part in parts[1:]]
    if any(not item or _people_word(item) is None for item in items):
        return None
    if any(pos[:1] in "pu" or pos == "x" for item in items for _, pos in item):
        return None
    joined = _LIST_MARK.join("".join(w for w, _ in item) for item in items)
    if len(joined) <= MAX_OF:
        return joined
    names = []
    for item in items:
        rest = "".join(w for w, _ in item[cast("int", _people_word(item)) + 1 :])
        names.append(rest if 2 <= len(rest) <= 3 else "".join(w for w, _ in item))
    joined = _LIST_MARK.join(names)
    return joined if len(joined) <= MAX_OF else None


def listed_first(text: str, lo: int, sentence_start: int) -> str | None:
    """The first item of a list of people a total counts that a comma cut from the rest: a noun of
    people alone (``person_endings``, ``age_people``) after a verb opening the list
    (``listing_openers``) right before the comma at ``lo`` (其家中有父母，弟弟、弟媳…共6人 → 父母).

    >>> listed_first("其家中有父母，弟弟、弟媳共4人", 7, 0), listed_first("其家中有田地，弟弟共2人", 7, 0)
    ('父母', None)
    """
    m = _LISTED_FIRST_RE.search(text, max(sentence_start, lo - _LISTED_FIRST_REACH), lo)
    if m is None or m.end() != lo:
        return None
    item = m.group("item")
    words = tag(item)
    if len(words) != 1 or words[0][1][:1] != "n" or not item.endswith(PERSON_ENDINGS + AGE_PEOPLE):
        return None
    return item


def _people_word(item: list[tuple[str, str]]) -> int | None:
    """The index of the last word of ``item`` that names people, None where none does."""
    found = None
    for i, (word, pos) in enumerate(item):
        if word.endswith(PERSON_ENDINGS) and pos[:1] != "v" and len(word) > 1:
            found = i
    return found


def carried_people(text: str, window: str, lo: int, sentence_start: int) -> str | None:
    """The people a count whose ``window`` is its verb alone (集中安置, 进行安置的有) counts, named
    in an earlier clause of the sentence: the people named right before the window's last verb
    where it stands there too (…的移民安置, …移民户进行集中安置), else the object of a clause
    that a ``target_prepositions`` word opens and that is that object alone (针对…贫困户，); the
    name ends in a word of people (``person_endings``) and is a noun run."""
    if lo <= sentence_start or not window:
        return None
    words = list(tag(window))
    if words and words[0][0] == _PART_LEAD:
        words = words[1:]
    k = 0
    while k < len(words) and words[k][1][:1] in "nj":
        k += 1
    if k and "".join(w for w, _ in words[:k]).endswith(_PLACE_HEADS):  # 其中荣合桥集中安置区拟集中安置: where
        words = words[k:]
    else:  # 其中明月山集中安置区拟集中安置: jieba cuts through the place (区拟), its head still ends it
        words = _after_place(window.removeprefix(_PART_LEAD)) or words
    if not words or any(pos[:1] != "v" and pos not in _PREDICATE_TAGS for _, pos in words):
        return None  # 完成集中安置, 正在进行安置的有: the verbs alone, with adverbs and words of time
    verbs = [w for w, pos in words if pos[:1] == "v" and len(w) > 1]
    before = text[sentence_start : lo]
    if verbs:
        verb = verbs[-1]
        for clause in reversed(_CLAUSE_SPLIT_RE.split(before)[:-1]):
            at = clause.rfind(verb)
            if at > 0:
                named = _people_run(clause[:at])
                if named is not None:
                    return named
    for clause in reversed(_CLAUSE_SPLIT_RE.split(before)[:-1]):
        clause = clause.strip()
        if clause.startswith(_TARGET_PREPOSITIONS):
            lead = next(p for p in _TARGET_PREPOSITIONS if clause.startswith(p))
            named = _people_run(clause[len(lead) :], whole=True)
            if named is not None:
                return named
    return None


def _after_place(window: str) -> list[tuple[str, str]] | None:
    """The words of ``window`` after the last head of a place (``place_heads``) in it, where no
    verb, preposition, conjunction, adverb or pronoun opens it (明月山集中安置区拟集中安置 → 拟,
    集中, 安置); None where no head stands there or nothing follows it.

    >>> [w for w, _ in _after_place("明月山集中安置区拟集中安置") or []]
    ['拟', '集中', '安置']
    >>> _after_place("完成集中安置") is None
    True
    """
    ends = [window.rfind(head) + len(head) for head in _PLACE_HEADS if window.rfind(head) > 0]
    end = max(ends, default=0)
    if not end or end == len(window) or tag(window[:end])[0][1][:1] in "vpcdr":
        return None
    return list(tag(window[end:]))


def _people_run(phrase: str, *, whole: bool = False) -> str | None:
    """The run of nouns ending ``phrase`` (past the verbs 进行 and its adverbs before a verb:
    移民户进行集中 → 移民户) that ends in a word naming people; ``whole``: the run is all of it."""
    words = list(tag(phrase))
    while words and words[-1][1][:1] in "vd" and not words[-1][0].endswith(PERSON_ENDINGS):
        words.pop()
    if not words:
        return None
    k = len(words)
    while k > 0 and (words[k - 1][1][:1] in "nj" or words[k - 1][1] in ("q", "b")
                     or (whole and words[k - 1][1][:1] == "v" and k < len(words))):
        k -= 1
    if whole and k > 0:
        return None
    run = words[k:]
    if not run or run[0][1] == "q":
        return None
    if _listed_kind(words[:k]):  # 常居山上、山上危房、山下无房移民户: the head the kinds listed share
        run = run[-2:] if run[-1][1] == "q" and len(run) > 2 else run[-1:]
    while len(run) > 1 and run[0][1] == "ns":  # 明月山村移民: the village a list of them ends (jieba's cut)
        run = run[1:]
    name = "".join(w for w, _ in run)
    if not name.endswith(PERSON_ENDINGS) or not 2 <= len(name) <= MAX_OF:
        return None
    return name if tidy(name) == name else None


def _listed_kind(before: list[tuple[str, str]]) -> bool:
    """The words ``before`` a run of nouns end in a list mark, past a word of place (山上危房、山下):
    the run's first words are the last of a list of kinds that share its head."""
    if before and before[-1][1] in _PLACE_TAGS:
        before = before[:-1]
    return bool(before) and before[-1][0] == _LIST_MARK


def scoped_span(text: str, window: str, start: int, sentence_start: int) -> str | None:
    """The noun of a span of time a duration after a scope of sex and a verb of reaching
    (``scope_reaching``: 男满, 女满) measures: the last such noun
    (``duration_heads``) before it in the sentence, within ``scope_reach`` characters, with the
    words glued before it (累计缴费年限应达到男满30年或女满25年 → 累计缴费年限, 最低缴费年限要求：
    即男满30年、女满25年 → 最低缴费年限); None where none stands there."""
    if _SCOPE_REACHING_RE.search(window) is None:
        return None
    lo = max(sentence_start, start - _SCOPE_REACH)
    before = text[lo:start]
    m = _last(_SPAN_HEAD_RE.finditer(before))
    if m is None:
        return None
    clause = _CLAUSE_SPLIT_RE.split(before[: m.end()])[-1]
    return glued_span(clause, m.group()) if clause else None


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = list(matches)
    return found[-1] if found else None


def framed_span(text: str, window: str, end: int, sentence_start: int, lo: int) -> str | None:
    """What a duration after a frame (为期, 历时) measures where no noun follows it: the noun
    phrase before 历时 in its clause (业委会选举历时7个月 → 业委会选举), or, for a frame that opens
    its clause and a duration ending it, the label of a time or a span of an earlier clause of the
    sentence, before a colon or a copula (整治时间为：…，为期6个月 → 整治时间)."""
    frame = next((f for f in _SPAN_FRAMES if window.endswith(f)), None)
    glued = _GLUED_SPAN_RE.match(text, end)  # 历时7个月时间，
    if frame is None or (end < len(text) and text[end] not in _CLAUSE_MARKS and glued is None):
        return None
    subject = window[: -len(frame)]
    if subject:
        words = tag(subject)
        nominal = all(pos[:1] in "nj" or (pos in ("vn", "v") and len(w) > 1) for w, pos in words)
        return tidy(subject) if nominal and words[-1][1][:1] in "nv" and len(subject) <= MAX_OF else None
    m = _last(_SPAN_LABEL_RE.finditer(text, sentence_start, lo))
    return glued_span(m["label"], m["head"]) if m is not None else None


def posted_span(window: str) -> str | None:
    """What a duration right after a verb of posting (``posting_verbs``) with 在 and a place
    before it measures: how long the noun phrase before 在 stood posted (该规划指标修改方案在项目
    现场张贴一个月 → 该规划指标修改方案); None where that is no noun phrase (我局在网站公示).

    >>> posted_span("并将结果在小区内公示"), posted_span("相关公示已在小区北大门门柱上粘贴了")
    ('结果', '相关公示')
    >>> posted_span("该规划指标修改方案在项目现场张贴"), posted_span("筹备组将结果在小区内公示")
    ('该规划指标修改方案', '结果')
    >>> posted_span("我局在网站公示") is None, posted_span("在网站公示") is None
    (True, True)
    """
    m = _POSTED_RE.fullmatch(window)
    if m is None:
        return None
    thing = _POSTED_OBJECT_RE.split(m["thing"])[-1]  # 筹备组将结果: the object 将 puts first
    words = tag(thing)
    if words and words[0][0] in _DEMONSTRATIVES:  # 该规划指标修改方案: a demonstrative opens it
        words = words[1:]
    # jieba tags verbs inside such names (修改方案, 相关公示: a notice posted is a noun)
    headed = bool(words) and (words[-1][1][:1] in "nj" or words[-1][0] in _POSTING_VERBS)
    if not 2 <= len(thing) <= MAX_OF or not headed or any(pos[:1] in "rpdu" for _, pos in words):
        return None
    return tidy(thing)


def needed_span(window: str) -> str | None:
    """What a duration right after a verb of needing (``needing_verbs``) measures: how long the
    noun phrase opening its clause takes (可能这个抵购过程需要 → 抵购过程); None where that is a
    clause ending in a verb, names people or stands after a preposition or conjunction.

    >>> needed_span("可能这个抵购过程需要"), needed_span("办理不动产登记手续约需")
    ('抵购过程', '办理不动产登记手续')
    >>> needed_span("整体完成需要"), needed_span("由于个人原因需"), needed_span("工作人员需要")
    (None, None, None)

    So does one right after a verb of keeping (``keeping_verbs``): how long the thing is kept.

    >>> needed_span("房源保留"), needed_span("考试视频保存"), needed_span("我局保留")
    ('房源', '考试视频', None)
    """
    m = _NEEDED_RE.fullmatch(window)
    if m is None:
        return None
    thing = m["thing"]
    words = tag(thing)
    if not 2 <= len(thing) <= MAX_OF or words[-1][1] not in _NEEDED_HEAD_TAGS \
            or any(pos not in _NEEDED_TAGS for _, pos in words) or thing.endswith(PERSON_ENDINGS):
        return None
    return tidy(thing)


def restated_inclusive(text: str, qs: list[Quantity], updates: list[dict[str, object]]) -> None:
    """A duration or a count a bracket of inclusion restates (未超过三年（含三年）, 7座及以下（含7座）):
    the two share their name, the one found, else the noun a 的 after the bracket ties to both
    (…（含三年）的购房合同 → 购房合同, …（含7座）的客车 → 客车) or, for a duration, a noun glued after
    it (三年内（含三年）不动产权证书; not a clause: 取得户籍, 办理参保手续). ``updates`` are the links
    of ``qs``, changed in place."""
    for i in range(len(qs) - 1):
        q, inner = qs[i], qs[i + 1]
        if q.type not in _RESTATED_TYPES or (inner.type, inner.unit) != (q.type, q.unit) \
                or text[q.end : inner.start] not in _INCLUSIVE_OPENINGS:
            continue
        if text[inner.end : inner.end + 1] not in _CLOSINGS:
            continue
        outer_of, inner_of = updates[i].get("of"), updates[i + 1].get("of")
        if outer_of is None and inner_of is None:
            # jieba tags 合同 of 购房合同 an adjective: the words up to a mark, not lasting_noun's nouns
            at = inner.end + 1 + text.startswith("的", inner.end + 1)
            tied = at > inner.end + 1  # 10头以上（含10头）且集中饲养的养殖场: no 的, the count's own clause
            name = _noun_list(text[at : at + MAX_OF + 1]) if tied or q.type == "duration" else None
            if name is not None and (tied or _nominal(name)):
                updates[i]["of"] = updates[i + 1]["of"] = name
        elif outer_of is None and isinstance(inner_of, str):
            updates[i]["of"] = inner_of
        elif inner_of is None and isinstance(outer_of, str):
            updates[i + 1]["of"] = outer_of


def counted_past_sum(text: str, qs: list[Quantity], updates: list[dict[str, object]]) -> None:
    """A count that a total of a measure tied by 的 to a noun follows counts that noun
    (2笔金额合计30000元的定期存款 → 定期存款, 此2笔共计30000元的存款 → 存款; the total words are
    ``totals`` and ``sum_openers``, the noun of the amount before them ``summed_amount_nouns``).
    ``updates`` are the links of ``qs``, changed in place."""
    for i in range(len(qs) - 1):
        q, total = qs[i], qs[i + 1]
        if q.type != "count" or total.type not in _SUMMED_TYPES or not text.startswith("的", total.end) \
                or _SUMMED_RE.fullmatch(text, q.end, total.start) is None:
            continue
        name = _noun_list(text[total.end + 1 : total.end + 2 + MAX_OF])
        if name is not None:
            updates[i]["of"] = name


def _nominal(name: str) -> bool:
    """``name`` opens with a noun and jieba tags no word of it a verb (不动产权证书; not 办理参保手续,
    whose 办理 jieba tags a noun)."""
    return opens_with_noun(name) and all(pos[:1] != "v" for _, pos in tag(name))


def _noun_list(text: str) -> str | None:
    """The noun phrase opening ``text`` (:func:`~pipeline.linking.words.framed_noun`), or the list of
    such phrases joined by 、 that a mark ends within 20 characters (购房合同、购房发票；); None where
    one names people."""
    items: list[str] = []
    at = 0
    while True:
        name = framed_noun(text[at:])
        if name is None or name.endswith(PERSON_ENDINGS) or tidy(name) != name or not text.startswith(name, at):
            return items[0] if items else None
        items.append(name)
        at += len(name)
        if not text.startswith(_LIST_MARK, at):
            break
        at += 1
    listed = _LIST_MARK.join(items)
    whole = at < len(text) and text[at] in _CLAUSE_MARKS and len(listed) <= MAX_OF
    return listed if whole else items[0]


def framed_past(text: str, window: str, end: int, reach: int) -> str | None:
    """The noun a framed duration (为期, 历时 ending ``window``) modifies past what stands between
    them: a span of hours glued after its 的 (为期10天的24小时专项整治行动 → 专项整治行动), or a
    topic opened by 关于/针对 up to its 的 (为期一周关于…货运站的道路交通整治行动 → 道路交通整治行动)."""
    if not window.endswith(_SPAN_FRAMES):
        return None
    m = _FRAMED_GAP_RE.match(text, end, reach)
    if m is None:
        return None
    name = framed_noun(text[m.end() : reach])
    return name if name is not None and tidy(name) == name else None


# ，共计 / ，一共有: a word of a total opening a clause after a list, before the sum
_SUM_OPENING_RE = re.compile(
    rf"^[，,；;、](?:{trie_alternation([*TOTALS, *_CARRIED.sum_openers])})"
    rf"(?:{trie_alternation(_CARRIED.sum_copulas)})?$"
)
_ITEM_MARKS = frozenset("，,；;、")
_SUM_RESTATING = tuple([*_CARRIED.sum_openers, *_CARRIED.sum_restating])
_TOTAL_WORD_RE = re.compile(trie_alternation(sorted(TOTALS)))  # 每餐共计: a total of the items before
_MEASURE_KINDS = frozenset(_CARRIED.lent_measure_kinds)


def sum_after_list(window: str) -> bool:
    """Whether ``window``, the text between the last number and a number of the same kind that
    closes a list of them, holds a word of a total (每餐共计) or opens with a word of a sum or its
    restatement (共, 即), so that the number is the list's sum, not its last item (``sum_openers``,
    ``sum_restating``); 共 inside a word further on (公共) is none.

    >>> sum_after_list("每餐共计"), sum_after_list("共"), sum_after_list("即"), sum_after_list("公共厕所")
    (True, True, True, False)
    """
    return window.startswith(_SUM_RESTATING) or _TOTAL_WORD_RE.search(window) is not None


def lent_across(lender: tuple[str, str | None] | None, kind: str, per: str | None) -> bool:
    """Whether a name lent by the number before, ``lender`` (its type and unit), crosses into a
    measure of another kind, ``kind`` (``lent_measure_kinds``): a measure lends to none of another
    (后挑1.5米，共24平方米; 直径在5公分以上的为3600元/亩), nor does a count of people or households
    (有住户10余户，300米后); a rate per the lender's unit is its rate (超过5米部分，按46元/米), and a
    count of things lends its name to their measures (地笼17处670余米).

    >>> lent_across(("length", "m"), "area", None), lent_across(("length", "m"), "money", "亩")
    (True, True)
    >>> lent_across(("count", "户"), "length", None), lent_across(("length", "m"), "money", "米")
    (True, False)
    >>> lent_across(("count", "处"), "length", None), lent_across(("money", "CNY"), "percent", None)
    (False, False)
    >>> lent_across(("area", "m2"), "area", None), lent_across(None, "area", None)
    (False, False)
    """
    if lender is None or kind not in _MEASURE_KINDS or lender[0] == kind:
        return False
    lender_kind, unit = lender
    if lender_kind not in _MEASURE_KINDS and unit not in PERSON_UNITS:
        return False
    per_kind = UNIT_TABLE.get(per) if per is not None else None
    return per_kind is None or per_kind[0] != lender_kind


def summed_list(text: str, qs: list[Quantity], updates: list[dict[str, object]]) -> None:
    """A measure right after a list of two or more measures of its type and unit and a word of
    a total (城管协管员35人，巡防队员33人，流口协管员29人，一共97人) is their sum: it names
    the items' names joined by 、 (城管协管员、巡防队员、流口协管员), where each item's name
    stands glued before its number and one mark parts the items, and the sum has none or only the
    last item's, lent to it; at most twice the longest name. ``updates`` are the links of ``qs``,
    changed in place."""
    for i in range(2, len(qs)):
        q = qs[i]
        if not _SUM_OPENING_RE.match(text[qs[i - 1].end : q.start]):
            continue
        names: list[str] = []
        k = i - 1
        while k >= 0 and qs[k].type == q.type and qs[k].unit == q.unit:
            name = updates[k].get("of", qs[k].of)
            if not isinstance(name, str) or not text.endswith(name, 0, qs[k].start):
                break
            names.append(name)
            opening = qs[k].start - len(name) - 1
            if k == 0 or opening < qs[k - 1].end or text[qs[k - 1].end : opening + 1] not in _ITEM_MARKS:
                break
            k -= 1
        own = updates[i].get("of", q.of)
        joined = _LIST_MARK.join(reversed(names))
        if len(names) >= 2 and (own is None or own == names[0]) and len(joined) <= 2 * MAX_OF:
            updates[i]["of"] = joined



# 补贴标准：, 岗位津贴的发放标准，: a head of a norm closing a label that opens the sentence
_NORM_LABEL_RE = re.compile(rf"(?:{trie_alternation(sorted(NORM_HEADS))})[：:，,]")
_LABEL_TAGS = ("n", "vn", "an", "j", "v")  # words of a label's noun run (补助, jieba's v, in 岗位补助)


def norm_labelled(before: str) -> str | None:
    """The thing a norm labelling the sentence sets, for a sum or share read before a number as
    the people it is paid to (a recipient: 人员, not what the number measures). ``before`` is
    the sentence up to the number's window; the label is its first run closed by a head of a norm
    (``norm_heads``) and a colon or comma. A label tying its thing by 的 names that thing, after
    a heading glued before it and ending in a norm (发放时间和标准…); a bare label names itself:

    >>> norm_labelled("补贴标准：“4050”人员")
    '补贴标准'
    >>> norm_labelled("一、发放时间和标准交通岗位补助的发放标准，按照从事外勤的人员")
    '交通岗位补助'
    >>> norm_labelled("按照从事外勤的人员") is None, norm_labelled("发放标准，按照从事外勤的人员") is None
    (True, True)
    """
    found = _NORM_LABEL_RE.search(before)
    if found is None:
        return None
    label = before[: found.end() - 1]
    label = label[marker_end(label, 0, len(label)) :]  # 一、发放时间和标准…: the heading's marker
    owner = label[: label.rfind("的")] if "的" in label else label
    words = tag(owner)
    k = len(words)
    while k > 0 and words[k - 1][1].startswith(_LABEL_TAGS):
        k -= 1
    run = words[k:]
    inner = [i for i, (word, _) in enumerate(run[:-1]) if word in NORM_HEADS]
    if inner and "的" in label:  # 发放时间和标准|安全生产监管岗位津贴: a heading's norm glued before
        run = run[inner[-1] + 1 :]
    name = "".join(word for word, _ in run)
    if (len(run) < 2 and "的" not in label) or len(name) < 2 or len(name) > MAX_OF or run[0][1] == "v":
        return None
    return name
