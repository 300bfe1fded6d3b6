"""Word boundaries inside a name read around a number: jieba's dictionary and its tags.

The readings of :mod:`pipeline.linking.phrases` are character patterns; they end a name at
the words they list. Many names they read run on into the clause after them (14名公办教师
通过双向选择…, 谭等三人根本不听…) or keep a particle before the number (限速亦为80km). jieba's
dictionary tags each word; a name holds no adverb, preposition, conjunction, aspect 了 or
modal particle, so it ends before the first of them (the tags are ``function_tags`` in
``resources/linking.toml``). Verbs are not used: jieba tags many nouns of this genre as
verbs (奖补, 补助, 组织, 起付线), and a verb inside a compound noun (团购户, 氧化池) is no end;
only listed verbs count here (``clause_verbs`` opening a name after a number, ``modals``);
:mod:`pipeline.linking.clauses` cuts a name at a verb where the tags show a noun phrase on
the measured side of it. A name
that opens with a preposition or ends in a postposition is trimmed to its noun
(:func:`without_preposition`, ``postpositions``). A name after a count of people or
households ends at its last word naming them (:func:`person_head`), one after a count of
things at its last word their classifier fits (:func:`counted_head`), a name of a span of time
starts after its last preposition or numeral (:func:`after_frame`), and the object of a verb
after a percentage of a base is read by :func:`verb_object` (:mod:`pipeline.linking.bases`).

The tagger is jieba-rs through rjieba with jieba's own dictionary (no user dictionary: the
tags of plain words are jieba's); it is imported at the first name, or as a worker process
starts (:func:`load_tagger`), which costs about 0.15 s of CPU once per process, and tags a
name in microseconds (once: the tags are cached per name, as one name is read by several
tests). Python jieba's ``posseg`` stands in where rjieba is not installed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from pipeline.linking.lexicon import (
    ACTIVITY_TAGS,
    AGE_PEOPLE,
    AGING_RE,
    AGING_VERBS,
    ALLOCATING_VERBS,
    ATTRIBUTES,
    CHARGE_AFTER_MEASURE_ENDS,
    CLAUSE_ADVERBS,
    CLAUSE_CONJUNCTIONS,
    CLAUSE_OBJECT_TAGS,
    CLAUSE_OWNER_TAGS,
    CLAUSE_OWNER_VERB_TAGS,
    CLAUSE_VERB_TAGS,
    CLAUSE_VERBS,
    COPULA_SUBJECT_TAGS,
    COUNT_LIST_JOINS,
    COUNTED_ACTIVITIES,
    DOCUMENT_CHARGES,
    DURATION_GLUED_TAGS,
    DURATION_NAMES,
    ENDING_COPULAS,
    EVENT_OCCURRING_VERBS,
    FRAME_ENDINGS,
    FRAME_NOUNS,
    FRAME_TAGS,
    FRAME_WORDS,
    FUNCTION_KEPT,
    FUNCTION_TAGS,
    GLUED_NOT_FIRST,
    GRANTING_AGENTS,
    GRANTING_VERBS,
    HEADING_NOUNS,
    IN_STATES,
    INNER_POSTPOSITIONS,
    JOINING_VERBS,
    LASTING_NOT_BEFORE,
    LASTING_TAGS,
    LEAD_PREPOSITIONS,
    LISTED_TAGS,
    LONE_CHAR_TAGS,
    MAX_OF,
    MODALS,
    MOTION_OPENINGS,
    NEGATIONS,
    OBJECT_NOUN_TAGS,
    OBJECT_TAGS,
    OPENING_QUOTES,
    OUTCOME_VERBS,
    OUTPUT_PROJECT_RE,
    OUTPUT_RE,
    PERFECTIVE_PREDICATE_TAGS,
    PERSON_ENDINGS,
    PIVOT_TAGS,
    PLACE_WORDS,
    POSTPOSITIONS,
    PREDICATE_OPENING_TAGS,
    PRESENT_ADVERBS,
    PURPOSE_VERBS,
    REACHING_DEMONSTRATIVES,
    REACHING_ORDINALS,
    REACHING_TAGS,
    REPORTING_VERBS,
    SHARED_HEADS,
    SINCE_ADVERBS_RE,
    SINCE_RE,
    SINCE_SUBJECT_SHARES,
    SINCE_TIME_PREPOSITIONS,
    SUM_DOCUMENTS,
    TAGGED_NOUNS,
    TAGGED_VERBS,
    TEMPORAL_POSTPOSITIONS,
    TOPIC_PREPOSITIONS,
    UNOWNING_END_TAGS,
    VERB_TAGGED_NOUNS,
)
from pipeline.text.chars import is_han
from pipeline.text.numerals import ONE_TO_NINE, TEN

Tags = Sequence[tuple[str, str]]
_PREPOSITION_FIRST = frozenset(w[0] for w in (*TOPIC_PREPOSITIONS, *LEAD_PREPOSITIONS))
_LONG_CLAUSE_VERBS = tuple(v for v in CLAUSE_VERBS if len(v) > 1)
# A count glued to the end of a name read after a number (70平方米平房一座) is the next phrase's.
_COUNT_FIRST = frozenset(ONE_TO_NINE + TEN + "两几")
_COPULA = "为"
_ONE_CHAR_NOUN_TAGS = frozenset({"n", "zg", "ng"})  # 村相继停电: a noun of one character (head_after)
_MEASURE_COPULA = "是"  # 税率是首套住房为1%: as 为, after a noun of a measure only
_MEASURES = SHARED_HEADS + tuple(ATTRIBUTES)  # 层数, 票价, 比例: nouns of a measure
# Tags of the word after an adverb opening a name that make it a clause (正犹豫时, 刚出门).
_CLAUSE_AFTER_ADVERB = frozenset({"v", "a", "p", "c", "d", "ul"})


@lru_cache(maxsize=1)
def _jieba() -> tuple[Callable[[str], Tags], Callable[[str], bool]]:
    """jieba's tagger and its dictionary's membership test: rjieba's, else Python jieba's."""
    try:
        import rjieba
    except ImportError:  # pragma: no cover - rjieba has wheels for the platforms we run on
        import jieba
        from jieba import posseg

        def tagged(text: str) -> Tags:
            return [(p.word, p.flag) for p in posseg.lcut(text)]

        return tagged, lambda word: bool(jieba.dt.FREQ.get(word))
    # jieba-rs parses its model of unknown words (the HMM that tags what the dictionary lacks)
    # at the first such word, ~35 ms of CPU inside whichever document has it: parsed now, as the
    # dictionary is (Python jieba imports its model with the module).
    rjieba.tag(_UNKNOWN_WORD)
    return rjieba.tag, rjieba.has_word


#: Two characters that are no word of jieba's dictionary: tagging them reads its model of unknown words.
_UNKNOWN_WORD = "这是"


def load_tagger() -> None:
    """Load jieba's tagger, dictionary and model of unknown words now (rjieba reads its dictionary as
    it is imported, 0.15 s, and its model at the first unknown word, 35 ms), not at the first name
    read: what a worker process does as it starts."""
    _jieba()


def in_dictionary(word: str) -> bool:
    """``word`` is a word of jieba's dictionary, not one its model made up for unknown text
    (到市 in 到市信访局, 项是 in 款项是指).

    >>> in_dictionary("时间段"), in_dictionary("到市")
    (True, False)
    """
    return _jieba()[1](word)


@lru_cache(maxsize=8192)  # a name is often tagged twice (clause_object, then strip_trailing), and names recur
def tag(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of ``text`` with their dictionary tags, a verb it tags otherwise as a verb
    (``tagged_verbs``: 入园), a noun it tags otherwise as a noun (``tagged_nouns``: 一期).

    >>> tag("一期"), tag("入园")
    ((('一期', 'n'),), (('入园', 'v'),))
    """
    return tuple(
        (w, "v") if w in TAGGED_VERBS else (w, "n") if w in TAGGED_NOUNS else (w, p) for w, p in _jieba()[0](text)
    )


def is_lone_word(name: str) -> bool:
    """``name`` is one character that jieba tags as no thing (``lone_char_tags``: a verb, a
    preposition, a numeral, an adverb …), not a noun it tags as a verb (``verb_tagged_nouns``:
    费, 捐): a word of the clause cut short, which names nothing (共考4人 → 考, 从1500元降为 → 降).

    >>> is_lone_word("考"), is_lone_word("降"), is_lone_word("费"), is_lone_word("班"), is_lone_word("宽")
    (True, True, False, False, False)
    """
    return len(name) == 1 and tag(name)[0][1] in LONE_CHAR_TAGS and name not in VERB_TAGGED_NOUNS


def _is_function(word: str, tag: str) -> bool:
    return tag in FUNCTION_TAGS and word not in FUNCTION_KEPT


def head_after(name: str, *, perfective: bool = False) -> str | None:
    """A name read after a number, cut before its first function word or modal; None when one
    character is left (就先走了 → 就: no name). With ``perfective`` (a 了 follows the name)
    a verb at its end is the clause's predicate (2个单元启用了… → 单元); elsewhere a verb
    at the end is often a noun to jieba (专业化服务组织) and stays.

    >>> head_after("公办教师通过双")
    '公办教师'
    >>> head_after("教室和")
    '教室'
    >>> head_after("项目召开", perfective=True)
    '项目'
    >>> head_after("央企研发中心")
    '央企研发中心'
    >>> head_after("幼儿园中"), head_after("安置工作正式"), head_after("控制性详细规划")
    ('幼儿园', '安置工作', '控制性详细规划')
    >>> head_after("路口要建好信号灯"), head_after("红绿灯才能"), head_after("平房一座")
    ('路口', '红绿灯', '平房')

    One character that a conjunction and another item follow is a noun of a list, whatever jieba
    makes of it (15个站与1个停车场 → 站, 9个组和全村组长 → 组: 站 a verb, 组和 a conjunction).

    >>> head_after("站与"), head_after("组和全村组长"), head_after("参与")
    ('站', '组', '参与')
    """
    if len(name) > 1 and name[1] in COUNT_LIST_JOINS and is_han(name[0]) and (len(name) == 2 or is_han(name[2])) \
            and not _one_word(name[:2]):  # not 参与, 祥和
        return name[0]
    words = tag(name)
    if _opens_with_function(words) and not _in_state(name):
        return None
    ends = (i for i in range(1, len(words))
            if _is_function(*words[i]) or _adverb_before_verb(words, i) or words[i][0] in MODALS
            or words[i][0] in PRESENT_ADVERBS  # 两个数据现说明如下
            or (words[i][1] == "f" and words[i][0] in TEMPORAL_POSTPOSITIONS)
            or _frames_inside(words, i) or _purpose_inside(words, i))
    end = next(ends, len(words))
    if end < len(words):
        perfective = words[end][1] == "ul"  # 3个项目召开了会议: 了 inside the name read
    if perfective and end > 1 and words[end - 1][1] in PERFECTIVE_PREDICATE_TAGS:  # 电梯坏了
        end -= 1
    if _ends_in_postposition(words, end):
        end -= 1
    if end > 1 and words[end - 1][1] == "m" and words[end - 1][0][0] in _COUNT_FIRST:  # 平房一座
        end -= 1
    if end == len(words):
        return name
    name = "".join(w for w, _ in words[:end])
    return name if len(name) > 1 or _noun_before_adverb(words, end) else None


def _one_word(pair: str) -> bool:
    """``pair`` is one word of jieba's dictionary other than a conjunction (参与, 祥和; not 组和)."""
    words = tag(pair)
    return len(words) == 1 and words[0][1] != "c" and in_dictionary(pair)


def _noun_before_adverb(words: Tags, end: int) -> bool:
    """The one character left of a name read after a number is a noun jieba cuts short (村, 组:
    ``zg``, ``n``) that an adverb before a verb ends (40个村相继停电 → 村; not 就先走了)."""
    return end == 1 and words[0][1] in _ONE_CHAR_NOUN_TAGS and words[end][1] == "d" \
        and end + 1 < len(words) and words[end + 1][1] == "v"


def _purpose_inside(words: Tags, i: int) -> bool:
    """``words[i]`` is a verb of a purpose (``purpose_verbs``) after a noun and before more words
    inside a name read after a number: the clause of what the thing is for starts there (垃圾分类亭
    方便居民投放 → 垃圾分类亭; not 方便面, one word, nor a verb ending the name).

    >>> head_after("垃圾分类亭方便居民投放"), head_after("公交车缓解市民出行"), head_after("便民方便面")
    ('垃圾分类亭', '公交车', '便民方便面')
    """
    return words[i][0] in PURPOSE_VERBS and i + 1 < len(words) and words[i - 1][1].startswith("n")


def _frames_inside(words: Tags, i: int) -> bool:
    """``words[i]`` is a postposition of a time or a whole (``inner_postpositions``) inside a name
    read after a number, after a noun or a verb's noun of two characters or more and before more
    words: the name ends there (土地调整时你家庭人口 → 土地调整, 新举措中第二项 → 新举措; not 七中)."""
    return words[i][0] in INNER_POSTPOSITIONS and i + 1 < len(words) and len(words[i - 1][0]) > 1 \
        and words[i - 1][1] != "m"


def _in_state(name: str) -> bool:
    """``name`` is a noun opened by a state with 在 (``locative_blocked``: 在编安监人员, 在校学生),
    not the clause of a place (在此工作) nor the state alone (在岗)."""
    return any(name.startswith(w) and len(name) >= len(w) + 2 for w in IN_STATES)


def without_present_before_state(text: str) -> str:
    """``text`` without the 现 (now) opening it where jieba glued it to the 在 of a state that
    opens the word after (``locative_blocked``: 现在编在岗正式民警 → 在编在岗正式民警, 现在校学生 →
    在校学生), which the time word 现在 would take away with it; not before a place or a word of
    its own (现在职工人数, 现在建设的公园 keep their 现在).

    >>> without_present_before_state("现在编在岗正式民警"), without_present_before_state("现在职工人数")
    ('在编在岗正式民警', '现在职工人数')
    """
    if not text.startswith(_PRESENT_IN):
        return text
    first = tag(text[1:])[0][0]
    return text[1:] if first.startswith(IN_STATES) else text


_PRESENT_IN = tuple(adverb + "在" for adverb in PRESENT_ADVERBS)


def _adverb_before_verb(words: Tags, i: int) -> bool:
    """``words[i]`` is an adverb jieba tags ``ad`` at the end of the name or before a verb:
    the name ended before it (拆迁安置工作正式启动, 方面积极帮助); before a noun it
    modifies (控制性详细规划)."""
    return words[i][1] == "ad" and (i + 1 == len(words) or words[i + 1][1] == "v")


def _opens_with_function(words: Tags) -> bool:
    """A name that starts with a preposition or a conjunction, or with an adverb before a
    verb, an adjective or another function word, is the clause after the number, not a
    thing (谭等三人正犹豫时, 分两组同时进行); an adverb before a noun is a modifier
    (2个直行车道, 一次性经济补偿协议); a conjunction opening a clause (``clause_conjunctions``)
    whatever jieba's tag (住户在25户以上且人口100人以上: 且 is ``zg``) opens the next clause too."""
    word, tag = words[0]
    if word in CLAUSE_CONJUNCTIONS:
        return True
    if word in FUNCTION_KEPT or tag not in FUNCTION_TAGS:
        return False
    if tag != "d":
        return True
    return len(words) == 1 or words[1][1] in _CLAUSE_AFTER_ADVERB


def _ends_in_postposition(words: Tags, end: int) -> bool:
    """The name ``words[:end]`` read after a number ends in a postposition that frames it
    (这34所幼儿园中, 除两家企业外, 修好20多平方米的公厕后): the name is the noun before it.
    Not after a numeral or a single character (七中 is a school). Names read before a
    number keep theirs: there a list of schools (…县职中1000人) ends in 中."""
    if end < 2 or words[end - 1][0] not in POSTPOSITIONS:
        return False
    before, tag = words[end - 2]
    return tag != "m" and len(before) > 1


def strip_trailing(name: str) -> str:
    """A name read before a number without the function words at its end (限速亦 → 限速).

    >>> strip_trailing("武深高速限速亦")
    '武深高速限速'
    >>> strip_trailing("女职工占比"), strip_trailing("中级职称人数只能")
    ('女职工占比', '中级职称人数')
    """
    words = tag(name)
    k = len(words)
    while k > 1 and (_is_function(*words[k - 1]) or words[k - 1][1] == "ad" or words[k - 1][0] in MODALS):
        k -= 1
    return name if k == len(words) else "".join(w for w, _ in words[:k])


def without_enumerator(name: str) -> str:
    """A name read before a number without the list number opening it (6、带房屋栋数编号照片
    → 带房屋栋数编号照片); a list of numbers stays (4、5、6、15组).

    >>> without_enumerator("6、带房屋栋数编号照片"), without_enumerator("4、5、6、15组")
    ('带房屋栋数编号照片', '4、5、6、15组')
    """
    if len(name) < 4 or name[1:3].find("、") < 0:
        return name
    words = tag(name)
    if len(words) < 3 or words[0][1] != "m" or words[1][0] != "、" or words[2][1] in LISTED_TAGS:
        return name
    return "".join(w for w, _ in words[2:])


def without_preposition(name: str) -> str | None:
    """A name read before a number that opens with a preposition: a topic marker goes
    (关于物业管理费 → 物业管理费); after a place word the words after it are the name (在此
    时间段内发车间隔 → 发车间隔; None when one character or none is left); with no place word
    and no verb the preposition goes (在时速 → 时速); with a verb the name stays as read.

    >>> without_preposition("关于物业管理费"), without_preposition("在此时间段内发车间隔")
    ('物业管理费', '发车间隔')
    >>> without_preposition("在时速"), without_preposition("用座机打"), without_preposition("被征收房屋")
    ('时速', '用座机打', '被征收房屋')
    """
    if name[0] not in _PREPOSITION_FIRST:
        return name
    words = tag(name)
    first = words[0][0]
    if first in TOPIC_PREPOSITIONS:
        return name[len(first) :] if len(name) - len(first) > 1 else None
    if first not in LEAD_PREPOSITIONS or len(words) == 1:
        return name
    place = max((i for i in range(1, len(words)) if words[i][0] in PLACE_WORDS), default=None)
    if place is not None:
        rest = "".join(w for w, _ in words[place + 1 :])
        return rest if len(rest) > 1 else None
    rest = name[len(first) :]
    if len(rest) < 2 or any(tag == "v" for _, tag in words[1:]):
        return name
    return rest


def clause_object(name: str, *, based: bool = False) -> str | None:
    """A name read before a number that is a clause (an adverb or a modal, then a verb) gives way to
    the verb's object, else to the subject before the adverb; None when neither is left.
    With ``based`` (a percentage of the object: 其他费用总额不超过工程费的3%) the object is
    the base, and the subject is the name.

    >>> clause_object("学校就有学生")
    '学生'
    >>> clause_object("托管机构已只剩")
    '托管机构'
    >>> clause_object("现已经办好") is None
    True
    >>> clause_object("城市居民只能补缴"), clause_object("患者可以享受门诊药费")
    ('城市居民', '门诊药费')
    >>> clause_object("其他费用总额不超过工程费", based=True)
    '其他费用总额'
    >>> clause_object("每年需安置分配的退役士兵")
    '每年需安置分配的退役士兵'
    >>> clause_object("农产品经营主体一次性奖补")
    '农产品经营主体一次性奖补'
    >>> clause_object("项目共规划停车位"), clause_object("全村未硬化公路"), clause_object("已销售房屋面积")
    ('停车位', '全村未硬化公路', '已销售房屋面积')
    >>> clause_object("交警共组织媒体集中报道")
    '媒体集中报道'
    >>> clause_object("该项目拟投资"), clause_object("项目计划投资")
    ('该项目', '项目计划投资')
    >>> clause_object("该村先后发生火灾"), clause_object("小区先后发生盗窃")
    ('火灾', '盗窃')
    >>> clause_object("您可申请C级受损户补助"), clause_object("家庭人均可支配收入")
    ('C级受损户补助', '家庭人均可支配收入')
    """
    words = tag(name)
    at = next((i for i in range(len(words) - 1) if _is_clause_adverb(*words[i])), None)
    if at is None:
        return name
    verb = at + 1
    while verb < len(words) and words[verb][1] == "d":
        verb += 1
    if verb >= len(words) or words[verb][1] not in CLAUSE_VERB_TAGS:
        return name
    obj = "" if based else "".join(w for w, _ in words[verb + 1 :]).lstrip("的")
    modal = words[at][0] in MODALS
    if words[verb][1] != "v" and ((not obj and not modal) or words[at][0] in NEGATIONS or (at == 0 and not modal)):
        # a verb jieba tags as a noun: only before an object, after a subject or a modal, not
        # negated; after a modal also at the end (该项目拟投资 → 该项目)
        return name
    if "的" in obj:  # 需安置分配的退役士兵: the verb is inside a clause before the noun
        return name
    if obj:
        # 共组织媒体集中报道: an object of a noun and the verb of its event names the event
        event = verb + 2 < len(words) and words[verb + 1][1] in OBJECT_NOUN_TAGS and words[-1][1] == "v"
        # 先后发生盗窃: what a verb of a thing happening has happen is the event, a verb alone too
        event = event or (words[verb][0] in EVENT_OCCURRING_VERBS and verb + 2 == len(words))
        # 可申请C级受损户补助: a noun jieba tags a verb (`verb_tagged_nouns`) ends an object of two
        # words or more too (not 可支配收入, 乱鸣笛行为: a compound of the verb and that noun)
        named = words[-1][1] in CLAUSE_OBJECT_TAGS or (words[-1][0] in VERB_TAGGED_NOUNS and len(words) - verb > 2)
        return obj if len(obj) > 1 and (named or event) else name
    subject = "".join(w for w, _ in words[:at])
    return subject if len(subject) > 1 else None


def event_verb(text: str) -> str | None:
    """The verb alone closing ``text`` after a subject and an adverb of one character, or of
    ``clause_adverbs``, right before a count of events (该区域共停电7次 → 停电, 每个岗位只递补1次 →
    递补): the event counted, not its subject; None when ``text`` ends otherwise (a verb with its
    object, a verb of one character: 组织集中修剪, 只交, or no noun before the adverb).

    >>> event_verb("今年6-7月该区域共停电"), event_verb("每个岗位只递补")
    ('停电', '递补')
    >>> event_verb("各区园林局每年至少组织集中修剪") is None, event_verb("共停电") is None
    (True, True)
    """
    words = tag(text[-_EVENT_VERB_REACH:])
    if len(words) < 3:
        return None
    verb, tagged = words[-1]
    adverb, noun = words[-2], words[-3]
    if tagged != "v" or len(verb) < 2 or not _is_clause_adverb(*adverb) or adverb[0] in (*MODALS, *NEGATIONS):
        return None
    return verb if noun[1] in OBJECT_NOUN_TAGS else None


_EVENT_VERB_REACH = 12  # characters before a count read for its subject, adverb and verb


_PLACE_TAGS = frozenset({"f", "s", "t"})  # 沿线, 路边, 今年: where or when, no thing


def before_outcome_verb(name: str) -> str | None:
    """A name read before a number ending in a verb of ``outcome_verbs`` (售出, 上线, 垮塌) glued
    right after a noun says what became of that noun, and the number counts or measures how much
    of it did: the noun is the name, not the event; a place or time word before the verb names
    nothing (None: the thing is inherited); any other word before it, or the verb alone, leaves
    the name as it was.

    >>> before_outcome_verb("该楼盘售出"), before_outcome_verb("清华、北大上线")
    ('该楼盘', '清华、北大')
    >>> before_outcome_verb("沿线垮塌") is None
    True
    >>> before_outcome_verb("售出"), before_outcome_verb("共售出"), before_outcome_verb("售出房屋")
    ('售出', '共售出', '售出房屋')
    """
    words = tag(name)
    if len(words) < 2 or words[-1][0] not in OUTCOME_VERBS:
        return name
    before = words[-2][1]
    if before in _PLACE_TAGS:
        return None
    if before[0] != "n" and before not in ("j", "eng"):
        return name
    return name[: -len(words[-1][0])]


def before_granting_agent(name: str) -> str:
    """A name read before a number ending in an agent of ``granting_agents`` (县, 国家, 财政), a word
    of its own, and a verb of granting or allocating (奖补, 补助, 下拨) glued after a noun is a
    clause: the noun names what the sum is granted for, the agent and its verb go; ``name``
    where no noun comes before the agent or the agent is inside a word (全县补助).

    >>> before_granting_agent("三格化粪池县下拨"), before_granting_agent("该项目县财政下拨")
    ('三格化粪池', '该项目')
    >>> before_granting_agent("县财政下拨"), before_granting_agent("全县补助"), before_granting_agent("国家补助")
    ('县财政下拨', '全县补助', '国家补助')

    Before the agent, a per-word of an act and its measure (每修一公里路) are the rate's unit,
    not a thing granted for: the agent and its grant name the sum.

    >>> before_granting_agent("工程政策是每修一公里路国家补助")
    '国家补助'
    """
    words = tag(name)
    if len(words) < 3 or not (words[-1][0] in GRANTING_VERBS or words[-1][0] in ALLOCATING_VERBS):
        return name
    at = len(words) - 1
    while at > 0 and words[at - 1][0] in GRANTING_AGENTS:  # 该项目县财政下拨: 县 and 财政
        at -= 1
    if at == len(words) - 1 or at == 0 or words[at - 1][1][0] != "n":
        return name
    if _per_act(words[:at]):
        return "".join(word for word, _ in words[at:])
    return "".join(word for word, _ in words[:at])


def _per_act(words: Tags) -> bool:
    """``words`` end in a per-word glued to a verb (jieba's 每修, or 每 and a verb) and a numeral
    after it: each act the rate is paid for (每修一公里路, 每建一座), not a thing."""
    for i in range(len(words) - 1, 0, -1):
        word, pos = words[i - 1]
        if word == "每" and i < len(words) - 1:
            verb = words[i][1].startswith("v")
            return verb and words[i + 1][1] == "m"
        if word.startswith("每") and len(word) > 1:
            return pos.startswith("v") and words[i][1] == "m"
    return False


_SUCCESSION_TAGS = frozenset({"d", "t"})  # 先后: jieba's time word, an adverb of a succession here


def _is_clause_adverb(word: str, tag: str) -> bool:
    return (tag == "d" and len(word) == 1) or (tag in _SUCCESSION_TAGS and word in CLAUSE_ADVERBS) or word in MODALS


def before_copula(name: str) -> str:
    """A name read before a number that holds the copula 为 between two nouns is one of them
    (是 too, after a noun of a measure: 优惠税率是第一套住房 → 优惠税率).
    After a noun of a measure (ending in one of ``shared_heads`` or ``attributes``: 层数, 比例,
    票价) it is that subject, and what follows names a scope or a level of the number (建筑层数为
    地上28层 → 建筑层数, 报销比例为一级医院90%, 票价为全程10元); after another noun (or a verb
    jieba tags so: 要求, 工资) the complement, a noun phrase, is the thing (资金来源为中央预算内
    投资1200万元 → 中央预算内投资, 要求为有效通行路面宽度7米以上). ``name`` where a verb or a
    numeral follows the copula (审批许可为兴建, 主航线为中心左右) or one character is left.

    >>> before_copula("建筑层数为地上"), before_copula("报销比例为一级医院"), before_copula("要求为有效通行路面宽度")
    ('建筑层数', '报销比例', '有效通行路面宽度')
    >>> before_copula("资金来源为中央预算内投资"), before_copula("主航线为中心左右")
    ('中央预算内投资', '主航线为中心左右')
    """
    if _COPULA not in name[1:-1] and _MEASURE_COPULA not in name[1:-1]:
        return name
    words = tag(name)
    at = next((i for i in range(1, len(words) - 1) if words[i][0] in (_COPULA, _MEASURE_COPULA)), None)
    if at is None or words[at - 1][1] not in COPULA_SUBJECT_TAGS:
        return name
    subject = "".join(w for w, _ in words[:at])
    if len(subject) > 1 and subject.endswith(_MEASURES) and words[at - 1][1] in OBJECT_NOUN_TAGS:
        return subject
    if words[at][0] != _COPULA:  # 是 splits only a measure from its case (主要内容是计划投资 stays)
        return name
    rest = words[at + 1 :]
    if rest[-1][1] in COPULA_SUBJECT_TAGS and all(pos in OBJECT_TAGS for _, pos in rest):
        complement = "".join(w for w, _ in rest)
        return complement if len(complement) > 1 else name
    return name


def last_words(name: str, n: int) -> str:
    """The last ``n`` of jieba's words of ``name`` (a clause's object without its verb, where
    jieba tags the verb as a noun: 严格控制跳舞时段 → 跳舞时段).

    >>> last_words("严格控制跳舞时段", 2), last_words("工作时间", 2)
    ('跳舞时段', '工作时间')
    """
    words = tag(name)
    return name if len(words) <= n else "".join(w for w, _ in words[-n:])


def after_frame(name: str) -> str:
    """``name`` after its last preposition or Chinese numeral (tags ``p m``; not digits: 1号线),
    copula or existential verb (``frame_words``): the noun of a span of time read with the
    clause before it (红绿灯配时为东西过街时间 → 东西过街时间, 关系转回上一个缴费年限 →
    缴费年限, 投入使用还有质保期 → 质保期); ``name`` when fewer than two characters would
    be left.

    >>> after_frame("人行道红绿灯配时为东西过街时间"), after_frame("特许经营权授予期限")
    ('东西过街时间', '特许经营权授予期限')
    >>> after_frame("小班幼儿一般是年龄"), after_frame("投入使用还有质保期")
    ('年龄', '质保期')
    """
    words = tag(name)
    cut = max((i for i, (w, pos) in enumerate(words) if (pos in FRAME_TAGS and not w.isascii()) or w in FRAME_WORDS),
              default=None)
    if cut is None:
        return name
    rest = "".join(w for w, _ in words[cut + 1 :]).lstrip("的")
    return rest if len(rest) > 1 else name


def glued_span(text: str, name: str) -> str:
    """A bare noun of a span of time ``name`` ending ``text`` with the words glued before it
    (up to two of two characters or more, tagged ``duration_glued_tags``: a verb or a noun
    that makes it one compound, never a copula): 办理时限 for 时限, 缴费累计年限 for 年限;
    ``name`` when ``text`` does not end in it as jieba's words or nothing is glued.

    >>> glued_span("本事项办理时限", "时限"), glued_span("缴费累计年限", "年限"), glued_span("的年龄", "年龄")
    ('事项办理时限', '缴费累计年限', '年龄')
    >>> glued_span("小班幼儿一般是年龄", "年龄"), glued_span("投入使用还有质保期", "质保期")
    ('年龄', '质保期')
    """
    words = tag(text)
    k, tail = len(words), ""
    while k > 0 and len(tail) < len(name):
        k -= 1
        tail = words[k][0] + tail
    if tail != name:
        return name
    first = k
    while k > 0 and first - k < 2 and _glued(*words[k - 1]):
        k -= 1
    return "".join(w for w, _ in words[k:]) if k < first else name


def framed_noun(text: str) -> str | None:
    """The noun phrase a span framed by a word of ``duration_frames`` (为期, 历时, 长达) … 的
    modifies, read from ``text`` right after the 的: jieba's words up to a punctuation mark or a
    function word (read_after's stops would cut 专项整治行动 at its verb); None when it opens with
    a numeral (为期10天的24小时…) or one character is left.

    >>> framed_noun("专项整治行动，增派了"), framed_noun("公示。"), framed_noun("24小时专项整治行动")
    ('专项整治行动', '公示', None)
    """
    words = tag(text)
    if not words or words[0][1] in ("m", "x"):
        return None
    end = next((i for i, (w, pos) in enumerate(words) if pos == "x" or pos == "uj" or _is_function(w, pos)),
               len(words))
    name = "".join(w for w, _ in words[:end])
    return name if len(name) > 1 else None


def lasting_noun(text: str) -> str | None:
    """The noun phrase a duration ties by 的 to itself, read from ``text`` right after the 的:
    jieba's nouns up to the first word of another kind (签订两年以上的**劳动合同**。, 前三周的**群体课**
    改为自习); None where it names people (妊娠14周以上的妇女), a frame, a bare noun of a span
    (一个多月的时间) or a rule's measure (日照三小时的规范要求: ``lasting_not_before``).

    >>> lasting_noun("劳动合同。"), lasting_noun("群体课改为自习"), lasting_noun("妇女不得施行")
    ('劳动合同', '群体课', None)
    >>> lasting_noun("清扫保洁、绿化养护等服务，费用…")
    '清扫保洁、绿化养护等服务'
    >>> lasting_noun("场地租金。"), lasting_noun("家里补助。")  # a place word opens a noun, ends none
    ('场地租金', None)
    """
    listed = _listed_lasting(text)
    if listed is not None:
        return listed
    words = tag(text)
    end = next((i for i, (_, pos) in enumerate(words) if pos not in LASTING_TAGS), len(words))
    kept = words[:end]
    if not kept or (kept[-1][1] not in OBJECT_NOUN_TAGS and kept[-1][1] != "vn"):
        return None
    name = "".join(w for w, _ in kept)
    if len(name) < 2 or name in DURATION_NAMES or name.endswith(FRAME_ENDINGS):
        return None
    if any(w.endswith(PERSON_ENDINGS) or w in AGE_PEOPLE or w in LASTING_NOT_BEFORE for w, _ in kept):
        return None
    if end < len(words) and not _ends_lasting(*words[end]):
        return None
    return name


_LIST_MARK, _LIST_CLOSE = "、", "等"


def _listed_lasting(text: str) -> str | None:
    """A list of names closed by 等 and the noun after it, read from ``text`` right after a
    duration's 的, as one name (不超过一年的**清扫保洁、绿化养护等服务**); None where the clause
    holds no such list, an item is no run of two to eight letters, or no noun :func:`lasting_noun`
    reads follows the 等 (…等4项)."""
    stop = next((i for i, c in enumerate(text) if not c.isalpha() and c != _LIST_MARK), len(text))
    clause = text[:stop]
    at = clause.find(_LIST_CLOSE)
    if at < 0 or _LIST_MARK not in clause[:at]:
        return None
    if any(not 2 <= len(item) <= 8 for item in clause[:at].split(_LIST_MARK)):
        return None
    head = lasting_noun(clause[at + 1 :])
    name = clause[: at + 1] + head if head is not None else ""
    return name if head is not None and len(name) <= MAX_OF and head.isalpha() else None


def framed_activity(text: str) -> str | None:
    """The nouns a frame noun (``frame_nouns``) ends, read from ``text`` right after a duration or
    its 的: what lasts, the frame gone (24小时**生产**现象, 15年的**养老保险**问题, 24小时**巡查**工作);
    None where no frame follows the nouns, one character is left, a word names people or ``text``
    opens with a postposition (3-5个工作日内核实情况: 内核 is a word of jieba's).

    >>> framed_activity("生产现象。"), framed_activity("养老保险问题；"), framed_activity("内核实情况")
    ('生产', '养老保险', None)
    """
    if not text or text[0] in GLUED_NOT_FIRST:
        return None
    words = tag(text)
    k = 0
    nouns = OBJECT_NOUN_TAGS | {"vn"}
    while k < len(words) and words[k][0] not in FRAME_NOUNS and words[k][1] in nouns:
        k += 1
    if k == 0 or k == len(words) or words[k][0] not in FRAME_NOUNS:
        return None
    name = "".join(w for w, _ in words[:k])
    if len(name) < 2 or any(w.endswith(PERSON_ENDINGS) or w in AGE_PEOPLE for w, _ in words[:k]):
        return None
    return name


def reaching_noun(before: str, *, paid: bool = False) -> str | None:
    """The noun phrase ending ``before``, the window before a verb of reaching a span
    (首套房产权证**未满**4年 → 首套房产权证): jieba's nouns back to the first word of another kind,
    and an ordinal before them (首套), a demonstrative opening them dropped (该房权证); None where the
    last word is no noun or a place (落户A市满1年), fewer than three characters are left (任教: jieba
    tags verbs of the genre as nouns), a word names people, or a verb before the run of nouns takes
    it as its object (落户本市社区满一年), unless one of joining a scheme (``joining_verbs``:
    参加城镇社会保险满一年 → 城镇社会保险); two characters will do where a verb of paying stood
    after them (``paid``: 社保缴满12个月).

    >>> reaching_noun("A市户籍家庭首套房产权证"), reaching_noun("落户A市"), reaching_noun("任教")
    ('首套房产权证', None, None)
    >>> reaching_noun("在我市参加城镇社会保险")
    '城镇社会保险'
    """
    words = tag(before)
    start = len(words)
    while start > 0 and words[start - 1][1] in REACHING_TAGS:
        start -= 1
    if start > 0 and words[start - 1][0] in REACHING_ORDINALS:  # 首套房产权证: jieba's m before 套房
        start -= 1
    kept = words[start:]
    name = "".join(w for w, _ in kept)
    # three characters at least: jieba tags verbs of the genre as nouns (任教满三年, 毕业未满5年);
    # a verb before the nouns makes them its object, not what lasts (参加城镇社会保险满一年); what
    # was paid may be people's where a thing ends it (城镇职工基本养老保险缴费必须满15年)
    run = start  # the whole run of nouns, places too: a verb before it takes it as its object
    while run > 0 and words[run - 1][1] in OBJECT_NOUN_TAGS:
        run -= 1
    joined = run > 0 and words[run - 1][0] in JOINING_VERBS  # 参加城乡居民医疗保险: people may modify a scheme
    people = kept[-1:] if paid or joined else kept
    if len(name) < (2 if paid else 3) or any(w.endswith(PERSON_ENDINGS) for w, _ in people):
        return None
    if name.startswith(REACHING_DEMONSTRATIVES):  # 离婚两年后该房权证也未满4年: a subject, whatever stands before
        return name[1:] if len(name) > 3 else None
    if joined:  # 参加城镇社会保险满一年: the scheme joined,
        return "".join(w for w, _ in words[run:])  # its place word (城镇) kept as part of it
    return name if run == 0 or words[run - 1][1][0] != "v" else None


def since_subject(before: str) -> str | None:
    """The subject of an event whose clause ``before``, the window before a duration, ends in a
    word of a span running to now (``since_words``, ``since_adverbs``), or in a verb that starts a
    thing's life (``aging_verbs``) and those adverbs alone or none: a clause that is the subject
    alone (past a quotation mark opening it), jieba's nouns and a demonstrative opening them, and
    the verb of the event (村道建成至今已10年, 彩霞小区建成十年有余 → 村道, 彩霞小区: its age since
    it was built); None where anything else stands in the clause (2007年对干渠进行了建设，至今已12年;
    投入运营至今), one character is left, or the verb lasts itself (学生放假3天).

    >>> since_subject("村道建成至今已"), since_subject("该线路调整至今已有"), since_subject("至今已")
    ('村道', '该线路', None)
    >>> since_subject("建成至今"), since_subject("村道已于建成至今"), since_subject("学生放假")
    (None, None, None)
    >>> since_subject("村道建成"), since_subject("该村自来水建设已经"), since_subject("“小区入住已有")
    ('村道', '该村自来水', '小区')
    >>> since_subject("该村建设已经"), since_subject("你家已入住"), since_subject("对干渠进行建设")
    (None, None, None)
    >>> since_subject("您反映彩霞小区建成"), since_subject("关于“小区入住已有"), since_subject("新的小区建成")
    ('彩霞小区', '小区', None)
    """
    m = SINCE_RE.search(before)
    aging = m is None
    if aging:  # 该村自来水建设已经: the verb is the match's opening word, read below
        m = AGING_RE.search(before)
    if m is None or m.start() == 0:
        return None
    words = tag(before[: m.start()] if not aging else before[: len(before) - len(_since_adverbs(before))])
    verb = words[-1][0] in AGING_VERBS if aging else words[-1][1] in ("v", "vn")
    if len(words) < 2 or not verb:
        return None
    nouns = words[:-1]
    run = len(nouns)
    while run > 0 and nouns[run - 1][1] in OBJECT_NOUN_TAGS:
        run -= 1
    if run > 0 and _demonstrative(nouns[run - 1]):
        run -= 1
    if aging and run > 0 and (nouns[run - 1][0] in OPENING_QUOTES or nouns[run - 1][1] in PIVOT_TAGS):
        nouns = nouns[run:]  # 您反映彩霞小区建成十年, 关于“小区入住已有: the subject a report or quotation opens
    first = 1 if nouns and _demonstrative(nouns[0]) else 0
    if first >= len(nouns) or any(pos not in OBJECT_NOUN_TAGS for _, pos in nouns[first:]):
        return None
    name = "".join(w for w, _ in nouns)
    return name if len(name) > 1 else None


def since_event_subject(clause: str) -> str | None:
    """The subject of the event the ``clause`` before a window of a span to now alone (至今已有)
    tells, dated by a preposition of time (``since_time_prepositions``: 于, 自, 从) and ending in
    its verb: the noun run right before the preposition, past a verb of the event glued to it
    (项目建成于2003年) and a word of how many of them (该小区租户大部分于2013年起相继入住 → 该小区租户,
    ``since_subject_shares``); None where no noun stands there (2007年县农业开发办对干渠进行了建设)
    or the clause ends in no verb.

    >>> since_event_subject("由于项目建成于2003年"), since_event_subject("该小区租户大部分于2013年起相继入住")
    ('项目', '该小区租户')
    >>> since_event_subject("2007年县开发办对干渠进行了建设"), since_event_subject("工资自2018年")
    (None, None)
    >>> since_event_subject("大市场自2017年12月投入运营"), since_event_subject("K1区公路局办公楼始建于1988年")
    ('大市场', 'K1区公路局办公楼')

    """
    words = tag(clause)
    at = next((i for i, (w, pos) in enumerate(words) if w in SINCE_TIME_PREPOSITIONS and pos == "p"), None)
    if at is None or at == 0:
        return None
    verb_before = words[at - 1][1] == "v"  # 项目建成于2003年: the event's verb before its date
    if words[-1][1] not in ("v", "vn") and not verb_before:
        return None
    while at > 0 and (words[at - 1][0] in SINCE_SUBJECT_SHARES or words[at - 1][1] == "v"):
        at -= 1
    run = at
    while run > 0 and (words[run - 1][1] in OBJECT_NOUN_TAGS or words[run - 1][1] == "eng"):  # K1区公路局
        run -= 1
    if run > 0 and (_demonstrative(words[run - 1]) or (words[run - 1][1] == "a" and len(words[run - 1][0]) == 1)):
        run -= 1  # 该小区租户, 大市场: a demonstrative or an adjective of one character opens the name
    name = "".join(w for w, _ in words[run:at])
    return name if run < at and len(name) > 1 else None


def _since_adverbs(before: str) -> str:
    """The adverbs of a span to now (``since_adverbs``) ending ``before``, "" where none does."""
    m = SINCE_ADVERBS_RE.search(before)
    return m.group() if m is not None else ""


def _demonstrative(word: tuple[str, str]) -> bool:
    """``word`` is a demonstrative (该), or one glued to a place or household jieba tags as a
    pronoun (该村, 该户), that may open a subject."""
    text, pos = word
    glued = pos == "r" and len(text) == 2 and text.startswith(REACHING_DEMONSTRATIVES)
    return text in REACHING_DEMONSTRATIVES or glued


def _ends_lasting(word: str, pos: str) -> bool:
    """``word`` after a noun phrase ends it (a mark, 的, a predicate, a sum in figures), and is
    neither a word of a rule nor the rest of a compound jieba cut apart (消化 + 日, 基本 + 保洁)."""
    if word in LASTING_NOT_BEFORE:
        return False
    return pos in ("x", "uj") or pos[0] in "vpdcr" or (pos == "m" and word[0].isdigit())


def _glued(word: str, pos: str) -> bool:
    """``word`` may make one compound with the noun of a span after it: a word of two
    characters or more tagged ``duration_glued_tags``, no copula (是, 有: ``frame_words``)."""
    return len(word) > 1 and pos in DURATION_GLUED_TAGS and word not in FRAME_WORDS


def person_head(name: str) -> str:
    """A name read after a count of people or households (名, 位, 人, 户) up to its last word that names them:
    what runs on after it is their clause or their belongings, not what is counted (77名党员
    组织关系 → 党员, 5位教师代表见面座谈 → 教师代表); ``name`` when no such word ends it
    early. jieba's tags decide only that the word is no verb (发生, 增长, 施工).

    >>> person_head("党员组织关系"), person_head("教师代表见面座谈"), person_head("农民工随迁子女")
    ('党员', '教师代表', '农民工随迁子女')
    """
    return counted_head(name, PERSON_ENDINGS, alone=False)


def counted_head(name: str, endings: tuple[str, ...], *, alone: bool = True) -> str:
    """A name read after a count up to its last word that ends in one of ``endings``, the
    things its classifier counts (``counted_endings``: 两株桂花树树龄 → 桂花树, 两栋楼区域 →
    楼); ``name`` when its last word fits, when no word does, or when one character is left
    that is no such thing itself (nor any, unless ``alone``).
    A word jieba tags as a verb never fits (发生, 增长, 施工), unless it is an ending whole (考生).

    >>> counted_head("桂花树树龄", ("树",)), counted_head("居民楼", ("楼",)), counted_head("树龄", ("树",))
    ('桂花树', '居民楼', '树龄')
    """
    words = tag(name)
    last = max((i for i, (w, pos) in enumerate(words) if w.endswith(endings) and (pos[0] != "v" or w in endings)),
               default=None)
    if last is None or last == len(words) - 1:
        return name
    head = "".join(w for w, _ in words[: last + 1])
    return head if len(head) > 1 or (alone and head in endings) else name


def incorporated_object(text: str, endings: tuple[str, ...]) -> str | None:
    """The object glued into the verb that ends ``text``, where it is a thing the count's
    classifier counts (``counted_endings``): 配车20台 → 车, 每天仅发车7台 → 车, 建房3间 → 房;
    None for any other last word (退休9人, 开通两条).

    >>> incorporated_object("261路公交车全程24公里，配车", ("车",)), incorporated_object("开通", ("路",))
    ('车', None)
    """
    words = tag(text) if text else ()
    if not words:
        return None
    last, pos = words[-1]
    return last[1] if len(last) == 2 and pos == "v" and last[1] in endings else None


def verb_object(clause: str) -> str | None:
    """The object of the first verb in ``clause`` that takes a noun right after it (past a
    了): 预算安排了住房公积金 → 住房公积金, 对同步搬迁户予以建房补助 → 建房补助; None when
    no verb has one, or it holds a function word.

    >>> verb_object("预算安排了住房公积金"), verb_object("计算"), verb_object("分配到初中各学校")
    ('住房公积金', None, None)
    """
    words = tag(clause) if clause else ()
    for i, (_, pos) in enumerate(words):
        if pos != "v":
            continue
        k = i + 1 + (i + 1 < len(words) and words[i + 1][1] == "ul")
        rest = words[k:]
        if rest and rest[0][1] in CLAUSE_OBJECT_TAGS and all(t in CLAUSE_OBJECT_TAGS or t == "v" for _, t in rest):
            obj = "".join(w for w, _ in rest)
            return obj if len(obj) > 1 else None
    return None


def words_of(text: str) -> tuple[str, ...]:
    """jieba's words of ``text`` (cached with their tags).

    >>> words_of("诉求"), words_of("出现故障")
    (('诉求',), ('出现', '故障'))
    """
    return tuple(w for w, _ in tag(text))


def opens_with_noun(name: str) -> bool:
    """``name`` has two characters or more and opens with a word jieba tags as a noun (``noun_tags``),
    no place word or postposition (社保, 义务教育; not 内完成, 后再申请).

    >>> opens_with_noun("社保"), opens_with_noun("义务教育"), opens_with_noun("内完成")
    (True, True, False)
    """
    if len(name) < 2:
        return False
    first, pos = tag(name)[0]
    return pos in OBJECT_NOUN_TAGS and first not in PLACE_WORDS and first not in POSTPOSITIONS


def is_verb(word: str) -> bool:
    """``word`` is one word of two characters or more that jieba's dictionary tags as a verb
    (报名, 补足; not 起付线), or a phrase opened by a verb that takes an object and never
    modifies a noun (设有花桥村卫生室, 退还学员, 符合一类条件; ``clause_verbs``), or by a verb
    of saying, whose object is the clause it reports (说有材料, 认为二户; ``reporting_verbs``). One
    character after a classifier is mostly a noun cut short (5个居, 9个站), whatever its tag.

    >>> is_verb("报名"), is_verb("教室"), is_verb("报名资料"), is_verb("居"), is_verb("退还学员")
    (True, False, False, False, True)
    >>> is_verb("退还给您"), is_verb("慰问金款项"), is_verb("说有材料")
    (True, False, True)
    """
    if len(word) < 2:
        return False
    words = tag(word)
    if len(words) > 1:
        first = words[0][0]
        # 退还给您: jieba glues a clause verb to its preposition (退还给, tagged i); not a noun (慰问金)
        glued = words[0][1][0] != "n" and first.startswith(_LONG_CLAUSE_VERBS)
        return (words[0][1] == "v" and (first in CLAUSE_VERBS or first in REPORTING_VERBS)) or glued
    return words[0][1] == "v"


def is_motion(word: str) -> bool:
    """``word`` is two characters, a verb of coming or going (``motion_openings``) and the place,
    one word for jieba whatever its tag (进馆, 入园): what people do, no thing.

    >>> is_motion("进馆"), is_motion("入园"), is_motion("游客"), is_motion("进口商品")
    (True, True, False, False)
    """
    return len(word) == 2 and word.startswith(MOTION_OPENINGS) and len(tag(word)) == 1


_CONJUNCTION_CHARS = frozenset("".join(CLAUSE_CONJUNCTIONS))


def without_frame(name: str, *, kinds: bool) -> str:
    """A name read after a count that ends in a noun framing it (``frame_nouns``: 两栋违章建筑
    问题, 7条市政道路建设工作) without the frame and the verbs of the activity before it: the
    noun before them is what is counted (违章建筑, 市政道路). ``name`` when no noun of two
    characters or more is left, and, for a count of kinds (``kinds``: 两个安全问题, 三项重点工作),
    when no verb stands between the noun and the frame.

    >>> without_frame("违章建筑问题", kinds=False), without_frame("市政道路建设工作", kinds=True)
    ('违章建筑', '市政道路')
    >>> without_frame("重点工作", kinds=True), without_frame("问题", kinds=False)
    ('重点工作', '问题')
    >>> without_frame("就业问题", kinds=False)
    '就业问题'

    """
    words = tag(name)
    if len(words) < 2 or words[-1][0] not in FRAME_NOUNS:
        return name
    k = len(words) - 1
    while k > 0 and words[k - 1][1] in ACTIVITY_TAGS:
        k -= 1
    if k == 0 or (kinds and k == len(words) - 1) or words[k - 1][1] not in OBJECT_NOUN_TAGS:
        return name
    head = "".join(w for w, _ in words[:k])
    return head if len(head) > 1 else name


def without_activity(name: str) -> str:
    """A name read after a count that ends in works done on a noun (``counted_activities``:
    九条路网建设, 三大平台建设) without them: the noun is what is counted. ``name`` when no
    noun stands right before them or one character is left.

    >>> without_activity("路网建设"), without_activity("雨污水管道施工"), without_activity("建设项目")
    ('路网', '雨污水管道', '建设项目')
    """
    return without_last_word(name, COUNTED_ACTIVITIES)


def without_last_word(name: str, closing: frozenset[str]) -> str:
    """``name`` without its last jieba word where that word is one of ``closing`` and a noun
    stands before it; ``name`` as it is where fewer than two characters would be left.

    >>> without_last_word("美食城前期", frozenset({"前期"})), without_last_word("前期", frozenset({"前期"}))
    ('美食城', '前期')
    >>> without_last_word("起付线年度", frozenset({"年度"})), without_last_word("结算年度", frozenset({"年度"}))
    ('起付线', '结算年度')
    """
    words = tag(name)
    if len(words) < 2 or words[-1][0] not in closing \
            or (words[-2][1] not in OBJECT_NOUN_TAGS and words[-2][0] not in VERB_TAGGED_NOUNS):
        return name  # 起付线年度: a noun jieba tags v (``verb_tagged_nouns``) is one
    head = name[: -len(words[-1][0])]
    return head if len(head) > 1 else name


def charge_documented(name: str) -> str:
    """What a sum is when ``name``, read after it, is a document written for a charge (a word of
    ``sum_documents`` after one of ``document_charges``): the charge, not the document; ``name``
    as it is where no charge stands before the document.

    >>> charge_documented("一次性经济补偿协议"), charge_documented("行政处罚决定")
    ('一次性经济补偿', '行政处罚')
    >>> charge_documented("租赁费合同"), charge_documented("购房合同"), charge_documented("合同")
    ('租赁费', '购房合同', '合同')
    """
    document = next((word for word in SUM_DOCUMENTS if name.endswith(word)), None)
    if document is None:
        return name
    charge = name[: -len(document)]
    return charge if charge.endswith(DOCUMENT_CHARGES) else name


def output_named(before: str, name: str) -> str:
    """What a measure of a yearly output measures when ``name``, read after it, holds the project
    it sizes (a word of ``output_projects``) and ``before``, the clause up to the number, ends in a
    verb of ``output_verbs``: the product glued between the verb and the number, else the noun of
    ``name`` before the project; ``name`` as it is otherwise.

    >>> output_named("报批了《关于盛鑫公司年开采加工碎石", "项目环境影响报告表")
    '碎石'
    >>> output_named("该厂年产", "纸品建设项目环境影响评价经K市环保局")
    '纸品'
    >>> output_named("该厂建设", "纸品建设项目"), output_named("该厂年产", "纸品")
    ('纸品建设项目', '纸品')
    """
    project = OUTPUT_PROJECT_RE.search(name)
    if project is None:
        return name
    output = OUTPUT_RE.search(before)
    if output is None:
        return name
    product = output.group(1) or name[: project.start()]
    return product or name


def paid_for(name: str) -> str | None:
    """What a measure measures when ``name``, read after it and running on to the next number,
    is a charge paid for it (a last word ending in ``charge_after_measure_ends``): the noun
    opening ``name`` (集体土地土地补偿费 → 集体土地, 路国家补助 → 路); None where the charge is all
    there is (补偿款) or a word of another kind opens it; ``name`` where it is no charge.

    >>> paid_for("集体土地土地补偿费"), paid_for("路国家补助"), paid_for("补偿款"), paid_for("路基")
    ('集体土地', '路', None, '路基')
    """
    words = tag(name)
    if not words[-1][0].endswith(CHARGE_AFTER_MEASURE_ENDS):
        return name
    first, first_tag = words[0]
    return first if len(words) > 1 and first_tag in OBJECT_NOUN_TAGS else None


def after_heading(name: str) -> str:
    """A name read before a number after the heading glued to it, which ends in a noun of a
    heading (``heading_nouns``): 基本情况拉菲山庄小区户数 → 拉菲山庄小区户数, 大棚建设方面大棚连片总面积
    → 大棚连片总面积; ``name`` when one word or none follows the heading's noun, or the heading is
    all there is before it and one word follows (问题车辆).

    >>> after_heading("基本情况拉菲山庄小区户数"), after_heading("问题车辆"), after_heading("安全问题")
    ('拉菲山庄小区户数', '问题车辆', '安全问题')
    """
    if not any(noun in name for noun in HEADING_NOUNS):
        return name
    words = tag(name)
    at = _last_of(words, HEADING_NOUNS)
    if at is None or (at == 0 and len(words) - at < 3):
        return name
    while at + 2 < len(words) and words[at + 1][1] == "t":  # 处理情况上午东星家居广场业主: the time goes too
        at += 1
    rest = "".join(w for w, _ in words[at + 1 :])
    return rest if len(rest) > 1 and words[-1][1] in OBJECT_NOUN_TAGS else name


def _last_of(words: Tags, members: frozenset[str]) -> int | None:
    """The index of the last word of ``words`` but the final one that is one of ``members``."""
    return max((i for i, (w, _) in enumerate(words[:-1]) if w in members), default=None)


def after_conjunction(name: str) -> str:
    """A name read before a number after the last conjunction inside it that opens a clause
    (``clause_conjunctions``): 连片集中居住且房屋之间距离 → 房屋之间距离; ``name`` when fewer
    than two characters follow it.

    >>> after_conjunction("连片集中居住且房屋之间距离"), after_conjunction("且人口"), after_conjunction("而言")
    ('房屋之间距离', '人口', '而言')
    """
    if not _CONJUNCTION_CHARS.intersection(name):
        return name
    words = tag(name)
    at = _last_of(words, CLAUSE_CONJUNCTIONS)
    if at is None:
        return name
    rest = "".join(w for w, _ in words[at + 1 :])
    return rest if len(rest) > 1 else name


def after_title(name: str) -> str:
    """A name read before a number after the book title or the unclosed quotation glued before
    it: the title is the object of a clause before the name (符合《A市军人子女优待审批细则》军人子女
    → 军人子女, 通知》文件规定“城乡居民医保个人缴费标准 → 城乡居民医保个人缴费标准); ``name`` when
    fewer than two characters, or no noun at the end, follow it, or the quotation is closed
    (“三无”小采石（砂）场: the quotation names a kind).

    >>> after_title("符合《A市军人子女优待审批细则》军人子女"), after_title("《城市公共客运条例》")
    ('军人子女', '《城市公共客运条例》')
    >>> after_title("文件规定“城乡居民医保个人缴费标准"), after_title("“三无”小采石场")
    ('城乡居民医保个人缴费标准', '“三无”小采石场')
    """
    at = max(name.rfind("》"), name.rfind("“") if name.count("“") > name.count("”") else -1)
    if at < 0 or len(name) - at - 1 < 2:
        return name
    rest = name[at + 1 :]
    return rest if tag(rest)[-1][1] in OBJECT_NOUN_TAGS else name


def without_present(name: str) -> str:
    """``name`` without an adverb of the present (``present_adverbs``) that jieba cuts as a
    word of its own, at its start or after a subject (现营运车辆 → 营运车辆, 房屋现占地 → 房屋占地):
    when, not what; or glued by jieba to the first character of a longer word the rest opens
    with (现存|栏生猪: 存栏生猪, 档案局现在|职: 档案局在职). A word that begins with it stays (现金,
    现场, 现任|村支书), and so does a name of which one character would be left.

    >>> without_present("现营运车辆"), without_present("房屋现占地"), without_present("现存栏生猪")
    ('营运车辆', '房屋占地', '存栏生猪')
    >>> without_present("现金补贴"), without_present("现任村支书"), without_present("现为")
    ('现金补贴', '现任村支书', '现为')
    """
    if not any(adverb in name for adverb in PRESENT_ADVERBS):
        return name
    words = tag(name)
    kept, at = [], 0
    for i, (word, _) in enumerate(words):
        adverb = next((a for a in PRESENT_ADVERBS if word.startswith(a)), None)
        if adverb is not None and (word == adverb or _glued_first(words, i, adverb)):
            kept.append(name[at : at + len(word)][len(adverb) :])
        else:
            kept.append(word)
        at += len(word)
    rest = "".join(kept)
    return rest if len(rest) > 1 else name


def _glued_first(words: Tags, i: int, adverb: str) -> bool:
    """jieba glued ``adverb`` to the first character of a longer word that the rest of
    ``words`` opens with (现存|栏 → 存栏)."""
    rest = words[i][0][len(adverb) :] + "".join(w for w, _ in words[i + 1 : i + 3])
    return bool(rest) and len(tag(rest)[0][0]) > len(words[i][0]) - len(adverb)


def is_predicate_alone(name: str) -> bool:
    """``name`` is adverbs or words of time (``predicate_opening_tags``) and then verbs alone,
    none of them a noun jieba tags as a verb (``verb_tagged_nouns``): a predicate, not a thing.

    >>> is_predicate_alone("已注册登记"), is_predicate_alone("正在进行安置"), is_predicate_alone("现只剩")
    (True, True, True)
    >>> is_predicate_alone("进行追补"), is_predicate_alone("已销售房屋面积"), is_predicate_alone("当年奖补")
    (False, False, False)
    """
    words = tag(name)
    k = next((i for i, (_, pos) in enumerate(words) if pos not in PREDICATE_OPENING_TAGS), len(words))
    return 0 < k < len(words) and all(pos == "v" and word not in VERB_TAGGED_NOUNS for word, pos in words[k:])


def without_ending_copula(name: str) -> str:
    """``name`` without a copula (``ending_copulas``) that jieba cuts as its last word after a
    noun: the clause's, not the name's (标准是 → 标准).

    >>> without_ending_copula("标准是"), without_ending_copula("总是"), without_ending_copula("要是")
    ('标准', '总是', '要是')
    """
    if not name.endswith(ENDING_COPULAS):
        return name
    words = tag(name)
    if len(words) > 1 and words[-1][0] in ENDING_COPULAS and words[-2][1] in OBJECT_NOUN_TAGS:
        return name[: -len(words[-1][0])]
    return name


def is_noun_phrase(name: str) -> bool:
    """``name`` is nouns and their modifiers (``object_tags``) ending in a noun (``noun_tags``):
    no verb, adverb or preposition among its words (居民, 贫困户; not 奖补, 各班共随机问卷调查).

    >>> is_noun_phrase("居民"), is_noun_phrase("农村贫困户")
    (True, True)
    >>> is_noun_phrase("奖补"), is_noun_phrase("各班共随机问卷调查")
    (False, False)
    """
    words = tag(name)
    return words[-1][1] in OBJECT_NOUN_TAGS and all(pos in OBJECT_TAGS for _, pos in words)


_TIMES_TAGS = frozenset(("m", "t"))  # 多次调整, 后来调整: a count of times or a word of time


def is_clause_owner(owner: str) -> bool:
    """``owner``, read as the owner of a bare attribute (比例, 面积), is a clause of its own: it ends
    in a verb (jieba's ``v``, of two characters, not a noun it tags so) and a verb, a preposition
    a word of time or an adverb stands before it (由公司分批开发, 转诊在县属人民医院救治), so the attribute
    stays bare; a noun and its verb stay a compound's (个人缴费, 医保报销).

    >>> is_clause_owner("由公司分批开发"), is_clause_owner("转诊在县属人民医院救治")
    (True, True)
    >>> is_clause_owner("个人缴费"), is_clause_owner("医保报销"), is_clause_owner("政策范围内自负费用")
    (False, False, False)

    A verbal noun (`clause_owner_verb_tags`) ends a clause only right after a count of times or a word
    of time, with a verb, a preposition, a word of time or an adverb before (后来经历多次调整), not
    after a noun alone (费率多次调整):

    >>> is_clause_owner("后来经历多次调整"), is_clause_owner("费率多次调整"), is_clause_owner("个人缴费调整")
    (True, False, False)

    An owner whose last word is a localizer, a numeral or an adjective (`unowning_end_tags`) is a
    place, a document's number or a predicate, no thing an attribute belongs to:

    >>> is_clause_owner("住宅小区以南"), is_clause_owner("合同备案号0000-00000000"), is_clause_owner("路基都过窄")
    (True, True, True)
    """
    words = tag(owner)
    last, pos = words[-1] if words else ("", "")
    if pos in UNOWNING_END_TAGS:
        return True  # 住宅小区以南, 合同备案号0000-00000000, 路基都过窄: a place, a number, a predicate
    verbal = pos in CLAUSE_OWNER_VERB_TAGS and len(words) > 2 and words[-2][1] in _TIMES_TAGS
    if (pos != "v" and not verbal) or len(last) < 2 or last in VERB_TAGGED_NOUNS:
        return False
    return any(p in CLAUSE_OWNER_TAGS for _, p in words[:-1])



def predicated_subject(owner: str) -> str | None:
    """The nouns an adjective predicated of them with an adverb of degree ends ``owner`` with
    (路的路基都过窄 → 路基: read as the owner of 宽度 after …只有2~3米的宽度), the run of jieba's
    nouns right before the adverb; None where ``owner`` ends otherwise.

    >>> predicated_subject("每一条路的路基都过窄"), predicated_subject("老旧小区道路")
    ('路基', None)
    """
    words = tag(owner)
    if len(words) < 3 or words[-1][1] != "a" or words[-2][1] != "d":
        return None
    start = len(words) - 2
    while start > 0 and words[start - 1][1][:1] == "n":
        start -= 1
    run = "".join(w for w, _ in words[start:-2])
    return run if len(run) > 1 else None
