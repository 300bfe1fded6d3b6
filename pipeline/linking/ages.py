"""A person's age measures the person named beside it (issue 14).

An age (``30岁``, ``16周岁以上``) that no noun of a span names (年龄 is read by the duration
rules before) measures the people the sentence names for it: the noun of people right after
it (16周岁以上**外省户口申请人**, 年满16周岁的**省外迁入人员**), else the subject before the verb
of reaching it (**申请人**须年满18周岁, **男性**不满50周岁, **丈夫扶笃锋**45岁), else a person
standing alone in the clause before (**其母亲李英秀**，现年80岁; **姚一**，男，30岁), or the
noun a bracket glosses (**未成年子女**（18周岁以下）), or, for the ages of a list after the
count of people it splits (生育三**小孩**，一个7岁，两个13岁), the people that count names. An age
alone after 现年, 时年 (信访人吴某，男，…，现年58岁) measures the first person its sentence names; any
other age no person stands near, the person one of its sentence's last clauses opens with
(**盛顺昌**一直未婚，无儿无女属实，但今年56岁). A sentence that says no person (要求50岁退休) leaves none.
"""

from __future__ import annotations

import re

from pipeline.linking.heads import PRONOUNS
from pipeline.linking.lexicon import (
    AGE_BANDS,
    AGE_MARKS,
    AGE_PEOPLE,
    AGE_VERB_RE,
    PERSON_ENDINGS,
    PRESENT_AGE_WORDS,
    ROUND_OPENINGS,
    SEXES,
    SURNAMES,
)
from pipeline.linking.phrases import Window, read_after, read_before, tidy
from pipeline.linking.words import tag
from pipeline.text.numerals import ONE_TO_NINE, TEN
from pipeline.text.regex import alternation

__all__ = ["age_named", "is_age", "people_tied"]

_BREAKS = r"，,；;。：:！？\s（）()"  # what ends a clause or a name: punctuation, a space, a bracket
# the whole clause before a comma, of 16 characters at most and no number (…250元/人，60岁以上)
_CLAUSE_RE = re.compile(rf"(?:^|[{_BREAKS}])([^{_BREAKS}\d]{{1,16}})[，,]\s*$")
_ITEM_RE = re.compile(rf".*(?:\d+[.、．]|[（(][{ONE_TO_NINE}{TEN}]+[）)])", re.DOTALL)  # 条件（一）申请条件1.
_GLOSSED_RE = re.compile(rf"[^{_BREAKS}]{{1,16}}$")  # what a bracket after it glosses
_NUMERAL = rf"[{ONE_TO_NINE}{TEN}两\d]"
# 60周岁（含）以上人员: a bracket saying the bound is included, and the bound after it
_BAND_TIE_RE = re.compile(rf"(?:{alternation(AGE_BANDS)})?的")  # 区间的, 的: an age tied to the people after it
# 且符合条件的, 具有全日制本科及以上学历的: a clause of conditions between an age and its people
_QUALIFIED_RE = re.compile(rf"[^{_BREAKS}的、]{{2,24}}的")
_INCLUSIVE_RE = re.compile(r"[（(]含[）)](?:及?以[上下内])?")
# 未满6周岁（2014年8月31日以前满6岁，…为准）的儿童: a bracket glossing an age, before its 的
_GLOSS_AFTER_RE = re.compile(r"[（(][^（）()。；;\n]{1,60}[）)]")
_TIED_READ = 24  # characters read after the bracket for the people
# 生育三小孩，一个7岁，两个13岁: a clause counting people, the ages listed after it so far, and
# the count of some of them glued before this age
_AGE_LIST_RE = re.compile(
    rf"{_NUMERAL}+[个名位]?(?P<people>[^{_BREAKS}\d]{{1,8}})"
    rf"(?:[，,]{_NUMERAL}+[个名位]{_NUMERAL}+周?岁)*[，,]{_NUMERAL}+[个名位]$"
)
# 但今年56岁, 现年58岁: the age of one person now, alone in its clause (not a rule's 年满18周岁)
_PEOPLE_ENDINGS = PERSON_ENDINGS + AGE_PEOPLE  # 信访人, 母亲
_PRESENT_AGE_RE = re.compile(rf"[，,\s]*[但而]?(?:{'|'.join(PRESENT_AGE_WORDS)})")
_SENTENCE_ENDS = "。！？!?\n"
_SENTENCE_REACH = 120  # characters read back for the sentence's clauses
_NOT_SURNAME_TAGS = frozenset("pcdrum")  # 向村委反映: a preposition, no surname
_GIVEN_NAME_TAGS = frozenset({"nr", "ns", "nz"})  # jieba's names and places: 顺昌/ns
_CLAUSES_BACK = 4  # clauses read back for the person a sentence is about
_DIGIT_RE = re.compile(rf"\d|{_NUMERAL}[个名位岁元]")
# 赵某某从5月22日开始计算，已出生29天: a day of the calendar in a clause is no other number
_DATE_RE = re.compile(r"\d+月\d+日|\d+年")
_CLAUSE_SPAN_RE = re.compile(rf"[^{_BREAKS}]+")
_SEX_RE = re.compile(rf"[，,]\s*[{re.escape(SEXES)}]\s*[，,]\s*$")  # 姚一，男，30岁


def is_age(span: str) -> bool:
    """``span`` is an age: a count of years of a life (30岁, 16周岁以上)."""
    return any(mark in span for mark in AGE_MARKS)


def age_named(text: str, end: int, win: Window, ceiling: int) -> str | None:
    """What the age ending at ``end`` measures: a person named beside it, or None; the people
    after it are read past a bracket of inclusion and the bound it leaves (60周岁（含）以上**人员**),
    or past a word of a band of ages and 的 (35岁—64岁区间的**妇女**), or past a clause of conditions
    and 的 when the noun after it is the people alone (年满65周岁且是本地户籍的**老年人**; not an item
    of a list: 年满16周岁、未在…的, nor their things: 后领取的人员养老金)."""
    tied = people_tied(text, end, ceiling)
    if tied is not None:
        return tied
    inclusive = _INCLUSIVE_RE.match(text, end)
    after = read_after(text, inclusive.end() if inclusive is not None else end, ceiling)
    if after is not None:
        head = _first_people(after)
        if head is not None:
            return head
    head = qualified_people(text, inclusive.end() if inclusive is not None else end, ceiling)
    if head is not None:  # 35周岁以下具有大专以上学历的人员: the people a clause of conditions ends in
        return head
    if win.opened and win.lo - 1 > 0 and text[win.lo - 1] in ROUND_OPENINGS:  # 未成年子女（18周岁以下）
        glossed = _GLOSSED_RE.search(text, max(0, win.lo - 17), win.lo - 1)
        return _person(read_before(glossed.group(), "count").of) if glossed is not None else None
    listed = _AGE_LIST_RE.search(text[max(0, win.lo - 60) : win.lo] + win.text)
    if listed is not None:  # 生育三小孩，一个7岁，两个13岁: the people the list splits
        return _person(listed["people"])
    rest = _ITEM_RE.sub("", AGE_VERB_RE.sub("", win.text))
    person = _person(read_before(rest, "count").of) if rest else None
    if person is not None:  # 申请人须年满18周岁; but 但今年56岁 names none: read further back
        return person
    sex = _SEX_RE.search(text, max(0, win.lo - 4), win.lo)
    if sex is not None:  # 姚一，男，30岁: the name two clauses back, whatever jieba makes of it
        clause = _last_clause(text[max(0, sex.start() - 18) : sex.start() + 1])
        return tidy(read_before(clause, "count").of or clause) if clause else None
    clause = _last_clause(text[max(0, win.lo - 19) : win.lo])
    named = _person(read_before(clause, "count").of) if clause else None
    # 但今年56岁: 今年 read as a date of its own leaves the window empty
    alone = _PRESENT_AGE_RE.fullmatch(win.text) is not None \
        or (not win.text.strip() and text[max(0, win.lo - 2) : win.lo] in PRESENT_AGE_WORDS)
    if named is None and alone:
        named = _sentence_person(text, win.lo)
    return named if named is not None else _sentence_subject(text, win.lo)


def qualified_people(text: str, at: int, ceiling: int) -> str | None:
    """The people alone a clause of conditions from ``at`` and its 的 end in (35周岁以下具有大专以上学历的
    **人员**, 出生28天以内参保的**新生儿**), or None where no such clause follows or the noun after its 的
    is not the people alone (后领取的人员养老金)."""
    qualified = _QUALIFIED_RE.match(text, at, ceiling)
    if qualified is None:
        return None
    after = read_after(text, qualified.end(), ceiling)
    head = _first_people(after) if after is not None else None
    return head if head is not None and head == after else None


def people_tied(text: str, end: int, ceiling: int) -> str | None:
    """The people a 的 ties the age ending at ``end`` to, past a word of a band of ages
    (``age_bands``): 35岁—64岁区间的**妇女**, 35岁—64岁的**妇女**; None where no 的 follows it or
    what follows names no people (50岁的时候).

    >>> people_tied("35岁—64岁区间的妇女；", 7, 13), people_tied("50岁的时候", 3, 6)
    ('妇女', None)
    """
    tie = _BAND_TIE_RE.match(text, end)
    after = read_after(text, tie.end(), ceiling) if tie is not None else None
    return _first_people(after) if after is not None else None


def glossed_people(text: str, end: int) -> str | None:
    """The people a 的 ties the age ending at ``end`` to past a bracket glossing the age, in the same
    sentence (不得招收未满6周岁（2014年8月31日以前满6岁，…为准）的**儿童**入学), past the numbers inside
    the bracket; None where no bracket follows the age or no people are tied after it.

    >>> glossed_people("未满6周岁（8月31日以前满6岁）的儿童入学", 5), glossed_people("6周岁（含）以上", 3)
    ('儿童', None)
    """
    gloss = _GLOSS_AFTER_RE.match(text, end)
    if gloss is None:
        return None
    return people_tied(text, gloss.end(), min(len(text), gloss.end() + _TIED_READ))


def _sentence_person(text: str, start: int) -> str | None:
    """The person the sentence is about, for an age standing alone in its clause (盛顺昌一直未婚，…，
    但今年56岁; 信访人吴某，男，身份证号码：…，现年58岁): the first word of the sentence before ``start``
    naming a person (jieba's name of two or three characters, or a noun ending in a word of
    people); None where a personal pronoun comes first (您随母亲迁入，时年20岁: the age is yours) or
    none is found."""
    at = _sentence_start(text, start, "。！？\n")
    for word, pos in tag(text[at:start]):
        at += len(word)
        if word in PRONOUNS:
            return None
        labels = text.startswith(("：", ":"), at)  # 网友：您好: a salutation, not the person
        if not labels and ((pos.startswith("nr") and 1 < len(word) <= 3)
                           or (pos[:1] == "n" and word.endswith(_PEOPLE_ENDINGS) and len(word) > 1)):
            return word
    return None


def _sentence_start(text: str, lo: int, ends: str) -> int:
    """Where the sentence before ``lo`` starts: after the last of ``ends``, at most
    `_SENTENCE_REACH` characters back."""
    begin = max(0, lo - _SENTENCE_REACH)
    return max(begin, max(text.rfind(mark, begin, lo) for mark in ends) + 1)


def _sentence_subject(text: str, lo: int) -> str | None:
    """The person the sentence before ``lo`` is about: the run of nouns opening one of its last
    clauses that names one, nearest first (**盛顺昌**一直未婚，无儿无女属实，但今年56岁); not a label
    or a greeting before a colon (网友：您好), nor a clause holding a number; else None (例如50岁
    开始买: no person)."""
    before = text[_sentence_start(text, lo, _SENTENCE_ENDS) : lo]
    clauses = [m for m in _CLAUSE_SPAN_RE.finditer(before) if not before.startswith(("：", ":"), m.end())]
    for m in reversed(clauses[-_CLAUSES_BACK:]):
        if _DIGIT_RE.search(_DATE_RE.sub("", m.group())):
            continue  # 个人缴费标准统一为250元/人，60岁以上: a clause of another number; a date is none
        words = tag(m.group())
        k = _pronoun_opening(words)  # 您的孩子刚出生，未满16周岁: the pronoun kept with its kin
        while k < len(words) and words[k][1][:1] in "nj" and words[k][1] != "nt":
            k += 1
        run = "".join(w for w, _ in words[:k])
        if len(run) > 1 and _names_person(run):
            return run
        if not k and (split := _split_name(words)):
            return split
    return None


def _split_name(words: tuple[tuple[str, str], ...]) -> str:
    """A person's name of three characters jieba split into a surname (``surnames``) and a
    place or name of two characters, opening ``words`` with no noun after it (盛/v 顺昌/ns
    一直未婚 → 盛顺昌); "" where none does (向/p 村委/n 反映, 王/nr 村长/n).

    >>> _split_name(tag("盛顺昌一直未婚")), _split_name(tag("向村委反映"))
    ('盛顺昌', '')
    """
    if len(words) < 2 or words[0][0] not in SURNAMES or words[0][1][:1] in _NOT_SURNAME_TAGS:
        return ""
    given, pos = words[1]
    if len(given) != 2 or pos not in _GIVEN_NAME_TAGS or (len(words) > 2 and words[2][1][:1] == "n"):
        return ""
    return words[0][0] + given


def _pronoun_opening(words: tuple[tuple[str, str], ...]) -> int:
    """How many of ``words`` a personal pronoun opening them takes, with a 的 after it (您的孩子,
    其母亲 → 2, 1), where a noun follows; 0 where none opens them.

    >>> _pronoun_opening(tag("您的孩子刚出生")), _pronoun_opening(tag("工作人员"))
    (2, 0)
    """
    k = 1 if words and words[0][0] in PRONOUNS else 0
    k += 1 if k and k < len(words) and words[k][0] == "的" else 0
    return k if k and k < len(words) and words[k][1][:1] == "n" else 0


def _last_clause(before: str) -> str | None:
    m = _CLAUSE_RE.search(before)
    return m.group(1) if m is not None else None


def _first_people(name: str) -> str | None:
    """The name read after an age up to its first word naming people (六周岁儿童入学符合儿童
    → 儿童, 省外迁入人员提交照片 → 省外迁入人员), or None when no word names people (50岁退休)."""
    words = tag(name)
    for i, (word, pos) in enumerate(words):
        if (word.endswith(AGE_PEOPLE) or word.endswith(PERSON_ENDINGS)) and pos[:1] != "v":
            head = "".join(w for w, _ in words[: i + 1])
            return head if len(head) > 1 else None
    return None


def _person(name: str | None) -> str | None:
    """``name`` tidied when it names people; of a list (…不满60周岁、女年满), its last item
    alone when an item before names none."""
    name = tidy(name) if name else None
    if name is not None and "、" in name and not all(_names_person(item) for item in name.split("、") if item):
        name = name.rsplit("、", 1)[1]
    return name if name and _names_person(name) else None


def _names_person(name: str) -> bool:
    """``name`` ends in a word naming people (申请人, 子女, 儿子, 男性) or a person's name
    (其母亲李英秀: jieba tags the surname alone)."""
    if name.endswith(AGE_PEOPLE):
        return True
    words = tag(name)
    word, pos = words[-1]
    surname = len(words) > 1 and len(words[-2][0]) == 1 and words[-2][1] == "nr" and len(word) <= 2
    if pos.startswith("nr"):  # a name of two or three characters (not 严格执行, which jieba tags nr)
        return len(word) <= 3
    return surname or (word.endswith(PERSON_ENDINGS) and pos[:1] == "n")
