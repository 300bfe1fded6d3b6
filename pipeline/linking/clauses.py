"""A name that is a clause: the noun phrase on the side of the thing measured.

The phrase readers of :mod:`pipeline.linking.phrases` end a name at the predicates they
list; a verb they do not list stays inside the name, which then reads as a clause (共安置
贫困户36户 → 安置贫困户, 8户业主封堵消防连廊 → 业主封堵消防连廊). jieba's dictionary tags
the verb (``v``), and a name is a noun phrase, so the clause is cut at its verb:

* read *before* a number, in a clause where no predicate was found, the verb is the clause's
  predicate and the number measures its object: 小区有房屋298套 → 房屋, 建有标准化栏舍300平方米
  → 标准化栏舍, 共派出征收人员10人 → 征收人员;
* read *after* a number, the number counts the subject before the verb: 8户业主封堵消防连廊 →
  业主, 108.33亩耕地开办大托养殖场 → 耕地.

An object counts only where it is a noun phrase of two words or more (``object_tags``, ending
in one of ``noun_tags``): a verb before one noun is mostly a compound noun of the genre
(缴费标准, 发车间隔, 维修基金, 退休人员, 团购户), and stays. An existential 有 (or a verb jieba
glues it into: 建有, 村有) takes any noun after it (信用社有贷款客户经理 → 贷款客户经理). Verbs
jieba tags ``vn`` (维修, 建设 as nouns) are no verbs here. The tags are :func:`words.tag`'s,
cached per name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.linking.lexicon import (
    ADVERBIAL_TAGS,
    AFTER_SUBJECT_TAGS,
    ATTRIBUTES,
    BEFORE_PRONOUN_TAGS,
    CHAINED_TAGS,
    CLAUSE_VERBS,
    DOING_VERBS,
    EVENT_ADVERBS,
    EVENT_GRANTING_VERBS,
    EVENT_HEADS,
    EVENT_MANNERS,
    EVENT_OCCURRING_VERBS,
    EXISTENTIAL_BLOCKED,
    FRAME_NOUNS,
    HOLDING_VERBS,
    JOINING_CONJUNCTIONS,
    LIGHT_VERBS,
    MANNER_WORDS,
    MODALS,
    NORM_HEADS,
    OBJECT_COMPLEMENTS,
    OBJECT_NOUN_TAGS,
    OBJECT_PRONOUN,
    OBJECT_TAGS,
    POST_ENDINGS,
    PRONOUN_TAG,
    REPORTING_BLOCKED_TAGS,
    REPORTING_COPULAS,
    REPORTING_RE,
    REPORTING_VERBS,
    RESULT_COMPLEMENTS,
    RUN_BLOCKED,
    RUN_OPENING_TAGS,
    SHARED_HEADS,
    SUBJECT_TAGS,
    TIME_TAGS,
    TRIP_VERBS,
    VERB_TAGGED_NOUNS,
)
from pipeline.linking.words import Tags, tag
from pipeline.text.numerals import ONE_TO_NINE, TEN

_EXISTENTIAL = "有"
# A numeral word opens with one of these (一个, 两条, 3个; not 款, which jieba also tags m).
_NUMERAL_FIRST = frozenset(ONE_TO_NINE + TEN + "两几数0123456789")


def object_named(name: str, *, modified: bool = False, perfective: bool = False,
                 sourced: bool = False) -> str | None:
    """The object of a name read before a number that is a verb phrase or a clause, in a
    clause where no predicate was found; the name itself when it is a noun phrase.
    ``modified`` says a 的 stands right before the name (65人以上的超大班额班级): a verb
    opening it is inside a modifier, not a predicate. With ``perfective`` (a 了 stands between
    the name and the number) a name ending in a verb is that verb's subject, and the number
    its unnamed object: None (从城区学校调配了1人); one ending in a verb jieba tags ``vn``
    after a noun is a topic the number counts, after its words of time (入住初期停车位建设了276个
    → 停车位), unless ``sourced`` says a preposition of a source or an agent opens it: None.

    >>> object_named("小区有房屋"), object_named("建有标准化栏舍"), object_named("派出征收人员")
    ('房屋', '标准化栏舍', '征收人员')
    >>> object_named("缴费标准"), object_named("超大班额班级", modified=True), object_named("共享单车投放量")
    ('缴费标准', '超大班额班级', '共享单车投放量')
    >>> object_named("驾驶员实收车费"), object_named("退休人员")
    ('车费', '退休人员')
    >>> object_named("入住初期停车位建设", perfective=True), object_named("城区学校调配", perfective=True, sourced=True)
    ('停车位', None)
    """
    words = tag(name)
    if perfective and _is_predicate(*words[-1]):
        return None
    if perfective and _topic_verb(words):
        return None if sourced else _after_time(words[:-1])
    if len(words) < 2:
        return name
    at = _verb_before_object(words, 1 if modified else 0)
    if at is None or (at == 0 and name.endswith(SHARED_HEADS)):  # 共享单车投放量: a measure of a noun phrase
        return name
    return "".join(w for w, _ in words[at + 1 :])


def _topic_verb(words: Tags) -> bool:
    """``words`` end in a verb jieba tags ``vn`` (of two characters or more, no noun it tags so)
    right after a noun: a topic and what was done to it (停车位建设)."""
    word, pos = words[-1]
    return pos == "vn" and len(word) > 1 and word not in VERB_TAGGED_NOUNS and len(words) > 1 \
        and words[-2][1] in SUBJECT_TAGS


def _after_time(words: Tags) -> str | None:
    """``words`` after the last word of time in them (入住初期停车位 → 停车位); None when one
    character or nothing is left."""
    at = max((i + 1 for i, (_, pos) in enumerate(words) if pos in TIME_TAGS), default=0)
    rest = "".join(w for w, _ in words[at:])
    return rest if len(rest) > 1 else None


def object_ending(clause: str) -> str | None:
    """The object that ends ``clause`` after its verb (且连续缴纳社会保险金 → 社会保险金, 判处
    有期徒刑 → 有期徒刑): a noun phrase (``object_tags``, ending in one of ``noun_tags``) of two
    characters or more right after a verb jieba tags ``v`` of two characters or more, no modal
    nor existential 有; None when the clause ends otherwise (连续工作, 小区还有年龄). After a verb of
    doing (``doing_verbs``) the phrase may end in a noun of a verb, the activity done (从事鸭子养殖).

    >>> object_ending("且连续缴纳社会保险金"), object_ending("担任初级专业技术职务"), object_ending("在外地居住")
    ('社会保险金', '初级专业技术职务', None)
    >>> object_ending("学校还有教师"), object_ending("累计工作")
    (None, None)
    >>> object_ending("夫妻从事鸭子养殖"), object_ending("连续参加鸭子养殖")
    ('鸭子养殖', None)
    """
    words = tag(clause) if clause else ()
    k = len(words)
    activity = k > 0 and words[-1][1] == "vn"
    if k < 2 or (words[-1][1] not in OBJECT_NOUN_TAGS and not activity):
        return None
    while k > 0 and words[k - 1][1] in OBJECT_TAGS:
        k -= 1
    if k == 0:
        return None
    verb, pos = words[k - 1]
    if pos != "v" or len(verb) < 2 or verb in MODALS or verb.endswith(_EXISTENTIAL) or verb in VERB_TAGGED_NOUNS:
        return None
    if activity and verb not in DOING_VERBS:
        return None
    name = "".join(w for w, _ in words[k:])
    return name if len(name) > 1 else None


def held_post(clause: str) -> str | None:
    """The post that ends ``clause`` after a verb of holding it (``holding_verbs``, jieba's word of its
    own), however jieba tags the post's words, where the post ends in a word of ``post_endings`` and
    holds no punctuation but 、 (累计担任站所负责人和事务中心主任 → 站所负责人和事务中心主任, 殷兴义担任组长
    → 组长); None otherwise (在二级教师岗位任教: 任教 is one word, 担任过: no post).

    >>> held_post("累计担任站所负责人和事务中心主任"), held_post("殷兴义担任组长")
    ('站所负责人和事务中心主任', '组长')
    >>> held_post("累计任计划生育事务中心主任")
    '计划生育事务中心主任'
    >>> held_post("在二级教师岗位任教"), held_post("担任的工作"), held_post("曾担任过村主任")
    (None, None, '村主任')
    """
    if not clause.endswith(POST_ENDINGS):
        return None
    words = tag(clause)
    at = next((i for i in range(len(words) - 1, -1, -1) if words[i][0] in HOLDING_VERBS), None)
    if at is None:
        return None
    at += 1
    while at < len(words) and words[at][1].startswith("u"):  # 曾担任过村主任: the aspect goes
        at += 1
    post = "".join(w for w, _ in words[at:])
    if len(post) < 2 or "的" in post or any(pos == "x" and w != "、" for w, pos in words[at:]):
        return None
    return post


def without_conjunction(name: str) -> str | None:
    """A name read before a number without the conjunction it opens with (加之医疗卫生机构
    女职工占比 → 医疗卫生机构女职工占比); None where the conjunction opens a clause, not a
    name (并非为“扣压其中, 还要其交) or one character is left.

    >>> without_conjunction("加之医疗卫生机构女职工占比"), without_conjunction("还要其交")
    ('医疗卫生机构女职工占比', None)
    """
    words = tag(name)
    first, pos = words[0]
    if pos != "c" or len(words) < 2 or first in MODALS:  # 可以参加的…: a modal jieba also tags c
        return name
    rest = name[len(first) :]
    return rest if first in JOINING_CONJUNCTIONS and len(rest) > 1 else None


def after_reporting(name: str, *, predicate: str | None) -> str:
    """A name read before a number without the verb of saying or stipulating inside it
    (``reporting_verbs``): the clause it reports, after the last of them (项目要求宽度 → 宽度,
    疏导点规定摊贩数量 → 摊贩数量), or "" where that is one verb, the reported predicate
    (新政策规定给予); where the verb ends the name, its subject when the ``predicate`` between
    the name and the number is a copula (箭头指示、图标规定是 → 箭头指示、图标), else "" (杨良定户
    认为二户均由…: the number opens what is reported, the speaker is no name). Not a verb after
    a verb, an adjective, a preposition or 的, nor one before 的 or a copula: a rule named (验收规定,
    相关规定, 公交线路通行要求的路幅, 最基础的要求为…). ``name`` otherwise.

    >>> after_reporting("项目要求宽度", predicate=None), after_reporting("杨良定户认为", predicate=None)
    ('宽度', '')
    >>> after_reporting("箭头指示、图标规定", predicate="是"), after_reporting("验收规定", predicate=None)
    ('箭头指示、图标', '验收规定')
    >>> after_reporting("县内规定的渣土运输时间", predicate=None), after_reporting("新政策规定给予", predicate=None)
    ('县内规定的渣土运输时间', '')
    >>> after_reporting("市物业联席办要求分", predicate=None)
    ''
    """
    if REPORTING_RE.search(name) is None:  # most names: no tagging
        return name
    words = tag(name)
    for i in range(len(words) - 1, -1, -1):
        word = words[i][0]
        # 验收规定, 相关规定: a rule named; but 联席办要求分: jieba cuts a noun's last character off as a verb
        if word not in REPORTING_VERBS or (i > 0 and words[i - 1][1] in REPORTING_BLOCKED_TAGS
                                           and len(words[i - 1][0]) > 1):
            continue
        rest = words[i + 1 :]
        if rest and (rest[0][0] == "的" or rest[0][0] in REPORTING_COPULAS):  # 要求为…: the rule's content
            continue
        if len(rest) == 1 and rest[0][1] == "v" and rest[0][0] not in VERB_TAGGED_NOUNS:
            return ""  # 新政策规定给予, 联席办要求分: the verb reported names no thing
        if rest:
            return "".join(w for w, _ in rest)
        subject = "".join(w for w, _ in words[:i])
        return subject if predicate in REPORTING_COPULAS and len(subject) > 1 else ""
    return name


def subject_named(name: str) -> str | None:
    """A name read after a number without the clause it runs into: the subject before the
    verb whose object follows (业主封堵消防连廊 → 业主), or before the verbs it ends in
    (5个拐点圈定 → 拐点, 业主不用出钱 → 业主); None when one character is left.

    >>> subject_named("业主封堵消防连廊"), subject_named("矿石开采企业"), subject_named("路段有红绿灯")
    ('业主', '矿石开采企业', '路段')
    >>> subject_named("拐点圈定"), subject_named("专业化服务组织"), subject_named("地下人行通道")
    ('拐点', '专业化服务组织', '地下人行通道')
    >>> subject_named("部门审核其证书原件"), subject_named("大学生电商企业成功孵化")
    ('部门', '大学生电商企业')
    >>> subject_named("车位装上地锁"), subject_named("住户装好水表")
    ('车位', '住户')
    """
    words = tag(name)
    at = _verb_before_object(words, 1)
    if at is None:
        at = _verb_before_numeral(words)
    if at is None:
        at = _verb_before_pronoun(words)
    if at is None:
        at = _clause_verb_inside(words)
    if at is None:
        at = _trailing_verbs(words)
    if at is None:
        at = _verb_with_complement(words)
    if at is None:
        return name
    if words[at - 1][1] not in AFTER_SUBJECT_TAGS:  # 3倍拒付违约医疗费用: no subject before the verb
        return name
    subject = "".join(w for w, _ in words[:at])
    return subject if len(subject) > 1 else None


def _verb_before_object(words: Tags, first: int) -> int | None:
    """The index of the first verb in ``words`` (from ``first``) whose object, the words
    after it, is a noun phrase; None when there is none. The object of a verb opening the
    words, or of an existential 有, may itself hold a verb before its noun (交纳维修基金 →
    维修基金, 有立式水泥散装罐): a compound noun, where after a subject it is as often the
    verb of a compound (疾病预防控制机构, 房屋维修工程报账项目)."""
    for i in range(first, len(words) - 1):
        word, pos = words[i]
        if _is_existential(word, pos) or (len(word) > 1 and word in CLAUSE_VERBS):  # 驾驶员实收车费
            if _is_object(_as_nouns(words[i + 1 :]), short=True, compound=True):
                return i
        elif pos == "v" and _is_verb_after(words, i) and _is_object(words[i + 1 :], short=False, compound=i == 0):
            return i
    return None


def _verb_with_complement(words: Tags) -> int | None:
    """The index of a verb after a noun, its subject, that a complement of direction or result
    ends (`object_complements`: 装上, 装 + 好) before a noun: the clause's predicate, with an
    object of one word too (车位装上地锁, 住户装好水表; a verb of two characters before one noun
    may be a compound's: 矿石开采企业)."""
    for i in range(1, len(words) - 1):
        word, pos = words[i]
        if pos != "v" or word in VERB_TAGGED_NOUNS or words[i - 1][1] not in SUBJECT_TAGS:
            continue
        if len(word) == 2 and word[1] in OBJECT_COMPLEMENTS:  # 装上 as one word
            obj = words[i + 1 :]
        elif len(word) == 1 and words[i + 1][0] in OBJECT_COMPLEMENTS and i + 2 < len(words):
            obj = words[i + 2 :]
        else:
            continue
        if _is_object(obj, short=True, compound=False):
            return i
    return None


def _as_nouns(words: Tags) -> Tags:
    """``words`` with the nouns of two characters or more that jieba tags as verbs
    (``verb_tagged_nouns``: 补助, 起付线) tagged as nouns: after a verb that never modifies a noun
    (享受低保补助), they are its object's words."""
    return [(w, "n") if w in VERB_TAGGED_NOUNS and len(w) > 1 else (w, p) for w, p in words]


def _verb_before_numeral(words: Tags) -> int | None:
    """The first verb after the name's first word that a numeral follows: the clause's
    own object is counted there (50多米的地方修建一个大…)."""
    return next((i for i in range(1, len(words) - 1)
                 if (_is_predicate(*words[i]) or _is_lone_verb_after(words, i))
                 and words[i + 1][1] == "m" and words[i + 1][0][0] in _NUMERAL_FIRST),
                None)


def _is_lone_verb_after(words: Tags, i: int) -> bool:
    """``words[i]`` is a verb of one character right after a noun, its subject (费用分四次退还)."""
    word, pos = words[i]
    return pos == "v" and len(word) == 1 and word not in VERB_TAGGED_NOUNS and words[i - 1][1] in SUBJECT_TAGS


def _verb_before_pronoun(words: Tags) -> int | None:
    """The first verb after the name's subject, where a pronoun follows it (部门审核其证书原件,
    钱交给任何人, 公款修理自家门前鱼塘): a pronoun opens the object of a clause, never the
    rest of a compound noun."""
    at = next((i for i in range(len(words) - 1) if words[i][1] == "v"), None)
    return at if at and _is_predicate(*words[at]) and words[at + 1][1] == PRONOUN_TAG else None


def _clause_verb_inside(words: Tags) -> int | None:
    """The first verb after the name's first word that takes an object and never modifies a
    noun (``clause_verbs``: 距离符合电气安全距离, 方面寻求办法): the clause's predicate."""
    return next((i for i in range(1, len(words) - 1) if len(words[i][0]) > 1 and words[i][0] in CLAUSE_VERBS), None)


def _trailing_verbs(words: Tags) -> int | None:
    """Where the verbs a name ends in start (拐点圈定, 业主不用出钱, 业主可开始), or the word of manner
    before its last verb or verbal noun (养牛场实地检查 → 养牛场), also before a
    complement of their result (幼儿小班扩编成, ``result_complements``), with the adverbials
    before them (企业成功孵化 → 企业); None when it ends in no verb, or in a noun jieba tags as
    one (``verb_tagged_nouns``)."""
    at = len(words)
    if at > 2 and _manner_then_verb(words[-2:]):  # 养牛场实地检查, 销售点规范经营: how the subject acts
        return at - 2
    if at > 2 and words[-1][0] in RESULT_COMPLEMENTS and _is_predicate(*words[-2]):  # 小班扩编成
        at -= 1
    if at > 2 and _is_chained(*words[at - 1]) and _is_predicate(*words[at - 2]):  # 签名捺印, 联合调
        at -= 1
    while at > 1 and _is_predicate(*words[at - 1]):
        at -= 1
    if at == len(words):
        return None
    while at > 1 and words[at - 1][1] in ADVERBIAL_TAGS:  # 成功孵化, 正式启动: the manner of the verb after them
        at -= 1
    return at


_MANNER_VERB_TAGS = frozenset({"v", "vn"})  # 检查, 经营: jieba tags many verbs after a manner word as verbal nouns


def _manner_then_verb(words: Tags) -> bool:
    """``words`` are a word of manner (``manner_words``: 实地, 违规) and a verb or verbal noun
    after it that is no noun jieba tags a verb (实地检查, 违规经营; not 违法行为)."""
    (manner, _), (verb, pos) = words
    return manner in MANNER_WORDS and pos in _MANNER_VERB_TAGS and verb not in VERB_TAGGED_NOUNS


def _is_chained(word: str, pos: str) -> bool:
    """``word`` ends a chain of verbs after a verb of two characters or more: an idiom, or a
    verb of one character (户主签名捺印, 股室联合调[查])."""
    return pos in CHAINED_TAGS and word not in VERB_TAGGED_NOUNS


def _is_predicate(word: str, pos: str) -> bool:
    return (pos == "v" and len(word) > 1 and word not in VERB_TAGGED_NOUNS) or word in MODALS


def _is_verb_after(words: Tags, i: int) -> bool:
    """``words[i]`` is a verb that may open a clause: of two characters or more, or of one
    after a noun, its subject (食品中心欠贷款本息, 房屋靠信用社借款; not 防近视作业本)."""
    return len(words[i][0]) > 1 or (i > 0 and words[i - 1][1] in SUBJECT_TAGS)


def _is_existential(word: str, pos: str) -> bool:
    return word == _EXISTENTIAL or (pos == "v" and word.endswith(_EXISTENTIAL) and word not in EXISTENTIAL_BLOCKED)


def _is_object(words: Sequence[tuple[str, str]], *, short: bool, compound: bool) -> bool:
    """``words`` are a noun phrase: nouns and their modifiers, ending in a noun, and with
    ``compound`` verbs of two characters before a noun (维修基金); two words or more, the
    first of two characters or more, unless ``short`` (then two characters will do). A verb
    before a noun of one character is a compound noun cut by jieba (审批单, 安置房, 取土场)."""
    if not words or words[-1][1] not in OBJECT_NOUN_TAGS:
        return False
    if not all(_is_modifier(words, k, compound) for k in range(len(words) - 1)):
        return False
    if short:
        return len(words) > 1 or len(words[0][0]) > 1
    return len(words) > 1 and len(words[0][0]) > 1


def _is_modifier(words: Sequence[tuple[str, str]], k: int, compound: bool) -> bool:
    word, pos = words[k]
    if pos in OBJECT_TAGS:
        return True
    return compound and pos == "v" and len(word) == 2 and words[k + 1][1] in OBJECT_NOUN_TAGS


_LONG_NAME = 10  # characters: a name longer than this is mostly a clause read whole


def object_of_clause(name: str) -> str:
    """A name read before a number that is a whole clause, subject, verb, pronoun and object,
    gives way to the object after the last verb with a pronoun after it (原旦阳村垫付其医疗费用 →
    医疗费用, 给予其家庭补助 → 家庭补助), or after a verb the pronoun stands before (学校已为其
    筹措治疗资金 → 治疗资金, 向其收取费用 → 费用): a verb the pronoun marks takes the noun
    after it, also a noun jieba tags as a verb (补助, 救助). Where no pronoun stands, jieba's
    verbs are as often inside a compound noun (大学生就业服务专项资金, 门诊透析年度费用申报限额),
    and a name longer than a name is (more than ``_LONG_NAME`` characters) stays, as does a
    shorter one with no 其 (the pronoun of the genre that only marks an object). ``name``
    otherwise.

    >>> object_of_clause("原旦阳村垫付其医疗费用"), object_of_clause("城乡居民医保个人缴费标准")
    ('医疗费用', '城乡居民医保个人缴费标准')
    >>> object_of_clause("给予其家庭补助"), object_of_clause("学校已为其筹措治疗资金"), object_of_clause("对其罚款")
    ('家庭补助', '治疗资金', '对其罚款')
    >>> object_of_clause("共同担负其学习费用")
    '学习费用'
    """
    marked = OBJECT_PRONOUN in name
    if len(name) <= _LONG_NAME and not marked:
        return name
    words = tag(name)
    for i in range(len(words) - 2, -1, -1):
        if not _is_predicate(*words[i]) or words[i][0] in MODALS:
            continue
        rest = words[i + 1 :]
        if marked and i > 1 and words[i - 1][0] == OBJECT_PRONOUN and words[i - 2][1] in BEFORE_PRONOUN_TAGS:
            return _object_or(rest, name)  # 为其筹措治疗资金, 向其收取费用; not 担负其学习费用
        if rest[0][1] != PRONOUN_TAG:  # 垫付其医疗费用: the verb takes the object after it
            continue
        if i == 0 and rest[0][0] != OBJECT_PRONOUN:
            return name
        return _object_or(rest[1:], name)
    return name


def _object_or(words: Tags, name: str) -> str:
    """The noun phrase ``words`` after a verb a pronoun marks (its last word a noun, a verbal
    noun or a noun jieba tags as a verb: 家庭补助, 临时救助), else ``name``."""
    if not words:
        return name
    last, pos = words[-1]
    ends = pos in OBJECT_NOUN_TAGS or pos == "vn" or last in VERB_TAGGED_NOUNS
    if ends and all(_is_modifier(words, k, True) for k in range(len(words) - 1)):
        obj = "".join(w for w, _ in words)
        return obj if len(obj) > 1 else name
    return name


_LIST_MARK = "、"


def trailing_run(name: str, longest: int) -> str | None:
    """The noun run ending ``name``, a clause read whole as a name (more than ``longest``
    characters): nouns and their modifiers (``object_tags``, the last one of ``noun_tags``),
    joined by 、 or a joining conjunction, after the clause's last verb, a preposition, a
    postposition or an adverb (``run_opening_tags``: 联合组织小区业主、租户 → 小区业主、租户);
    None where a numeral or anything else stands before the run, where the run is the whole
    name or still too long, and in a clause of ``run_blocked`` (a distance between two places).

    >>> trailing_run("街道办、社区居委会、物业服务中心联合组织小区业主、租户", 20)
    '小区业主、租户'
    >>> trailing_run("B3县石门村大坝至红星桥口铁路以东简易公路全长", 20)
    '简易公路全长'
    >>> trailing_run("村支两委成员、村民小组长、党员代表、妇女代表", 20) is None
    True
    """
    if any(word in name for word in RUN_BLOCKED):
        return None
    words = tag(name)
    k = len(words)
    if k < 2 or words[-1][1] not in OBJECT_NOUN_TAGS:
        return None
    while k > 0 and (words[k - 1][1] in OBJECT_TAGS or words[k - 1][0] == _LIST_MARK
                     or words[k - 1][0] in JOINING_CONJUNCTIONS):
        k -= 1
    while k < len(words) and (words[k][0] == _LIST_MARK or words[k][0] in JOINING_CONJUNCTIONS):
        k += 1  # 、商户 → 商户: a run opens with a noun
    if k == 0 or words[k - 1][1] not in RUN_OPENING_TAGS or len(words[k][0]) < 2:
        return None  # 审批单复印件: a verb before a noun of one character is inside a compound
    if "".join(w for w, _ in words[k:]) in ATTRIBUTES:  # a bare 面积: its owner is the clause cut off
        if words[k - 1][1] != "v" or k < 2 or words[k - 2][1] not in OBJECT_TAGS:
            return None
        k -= 1  # 医疗机构住院报销比例: a verb glued between a noun and a bare attribute modifies it
        while k > 0 and words[k - 1][1] in OBJECT_TAGS:
            k -= 1
    elif _normed_run(words, k):  # 生育保险基金支付标准: so does one before a norm's head
        k -= 1
        while k > 0 and words[k - 1][1] in OBJECT_TAGS:
            k -= 1
    run = "".join(w for w, _ in words[k:])
    return run if 1 < len(run) <= longest else None


def _normed_run(words: tuple[tuple[str, str], ...], k: int) -> bool:
    """The run ``words[k:]`` is a bare head of a norm (``norm_heads``: 标准) after a verb glued to a
    noun (基金支付标准): the verb makes the norm, the run goes on back to the nouns before it."""
    return k > 1 and len(words) - k == 1 and words[k][0] in NORM_HEADS and words[k - 1][1] == "v" \
        and words[k - 2][1] in OBJECT_TAGS


def event_named(name: str) -> str:
    """A name read after a classifier of events that is a verb with its object (两次组织各职能部门,
    两次致函部队) is the clause the events are: its object where that names an event (a verbal
    noun, or ending in one of ``event_heads``: 组织环境噪声监测 → 环境噪声监测), else "" (none);
    ``name`` itself where it opens with no verb of two characters or more (协调会议, 质疑), or the
    subject before the verbs a name that opens with a noun ends in (公开招标结果联合 → 公开招标结果).

    >>> event_named("组织各职能部门"), event_named("组织环境噪声监测"), event_named("协调会议")
    ('', '环境噪声监测', '协调会议')
    >>> event_named("集中灭鼠"), event_named("公开招标结果联合"), event_named("夜间混凝土浇筑施工许可证")
    ('灭鼠', '公开招标结果', '夜间混凝土浇筑施工许可证')
    >>> event_named("给予其家庭补助"), event_named("给予其家庭补助用于修路"), event_named("给予其帮助")
    ('家庭补助', '', '')
    >>> event_named("出现污水外溢"), event_named("出现污水外溢影响"), event_named("组织污水外溢")
    ('污水外溢', '', '')
    >>> event_named("电话通知"), event_named("电话预约金沙湾业主面谈"), event_named("电话费")
    ('通知', '', '电话费')
    """
    manner = next((m for m in EVENT_MANNERS if name.startswith(m)), None)
    if manner is not None and len(name) > len(manner) + 1 and tag(name[len(manner) :])[0][1] == "v":
        return event_named(name[len(manner) :])  # 电话预约…面谈: the means, then the event
    words = tag(name)
    if len(words) > 2 and words[0][1] != "v" and _is_predicate(*words[-1]):
        # 两次公开招标结果联合[发布]: the events, a noun, then the verbs of the clause they run into
        return subject_named(name) or name
    if len(words) < 2 or words[0][1] != "v" or len(words[0][0]) < 2 or words[1][1] not in _EVENT_OBJECT_FIRST:
        return name
    if words[0][0] in EVENT_ADVERBS:  # 2次集中灭鼠: the verb is an adverb of the event
        return name[len(words[0][0]) :]
    rest = words[1:]
    if words[0][0] in EVENT_GRANTING_VERBS:  # 两次给予其家庭补助: each event grants the object
        return _granted(rest)
    if words[0][0] in EVENT_OCCURRING_VERBS and _befalling(rest):  # 两次出现污水外溢: what happened
        return name[len(words[0][0]) :]
    obj = "".join(w for w, _ in rest)
    if rest[-1][1] == "vn" or obj.endswith(EVENT_HEADS):
        return obj if all(pos in OBJECT_TAGS for _, pos in rest) else ""
    return ""


def _befalling(words: Tags) -> bool:
    """``words`` are nouns and the one verb after them of what befell them (污水外溢, 车辆追尾),
    a clause that names an event after a verb of a thing happening."""
    return len(words) >= 2 and words[-1][1] in ("v", "vn") and all(pos[:1] == "n" for _, pos in words[:-1])


def _granted(words: Tags) -> str:
    """The object of a verb of granting, from ``words`` after it: a noun phrase (``object_tags``)
    past the object pronoun (其), ending in a noun or one of ``verb_tagged_nouns`` (其家庭补助 →
    家庭补助, 其生活补助); "" where any other word stands in it (其家庭补助用于修路, 其帮助) or
    one character is left."""
    if words and words[0][0] == OBJECT_PRONOUN:
        words = words[1:]
    if not words or any(pos not in OBJECT_TAGS and w not in VERB_TAGGED_NOUNS for w, pos in words):
        return ""
    if words[-1][1] not in OBJECT_NOUN_TAGS and words[-1][0] not in VERB_TAGGED_NOUNS:  # 给予其帮助
        return ""
    name = "".join(w for w, _ in words)
    return name if len(name) > 1 else ""


_TRIP_CLAUSE_END_RE = re.compile(r"[，,。；;：:！!？?（(]")  # what ends the clause a trip verb opens


def trip_event(text: str, end: int, ceiling: int) -> str | None:
    """The event a count of events names when a verb of going (``trip_verbs``) follows it: the verb
    of two characters or more closing that clause (先后4次到该公司检查 → 检查, 3次到外地考场考试 →
    考试), what is done where they went; or a light verb (``light_verbs``: 两次进行了调解 → 调解);
    None where no such verb closes it.

    >>> t = "4次到该公司检查，道路完好"
    >>> trip_event(t, 2, len(t)), trip_event("2次到场，", 2, 5)
    ('检查', None)
    """
    mark = _TRIP_CLAUSE_END_RE.search(text, end, ceiling)
    stop = mark.start() if mark is not None else ceiling
    words = tag(text[end:stop])
    lit = _light_event(words)
    if lit is not None:
        return lit
    if len(words) < 3 or words[0][0] not in TRIP_VERBS:
        return None
    last, pos = words[-1]
    return last if pos in ("v", "vn") and len(last) > 1 else None


def acted_after(text: str, end: int, ceiling: int) -> bool:
    """Whether the clause after a count of events (ending at ``end``) opens with a verb: one of
    ``trip_verbs`` or one of two characters or more (两次约谈建设、施工、监理单位, 两次到现场); the
    people named before the count are then who acted, not the events.

    >>> t = "两次到现场检查，"
    >>> acted_after(t, 2, len(t)), acted_after("两次，", 2, 3), acted_after("两次协调会议", 2, 6)
    (True, False, False)
    >>> acted_after("两次约谈施工单位", 2, 8)
    True
    """
    mark = _TRIP_CLAUSE_END_RE.search(text, end, ceiling)
    words = tag(text[end : mark.start() if mark is not None else ceiling])
    at = next((k for k, (_, pos) in enumerate(words) if pos != "d"), len(words))
    if at == len(words) or words[at][1] != "v":
        return False
    # 约谈, which jieba cuts 约 (an adverb) + 谈: the adverbs and the verb make the two characters
    return sum(len(word) for word, _ in words[: at + 1]) > 1 or words[at][0] in TRIP_VERBS


_EVENT_TAGS = frozenset({"v", "vn"})
_EVENT_MODIFIER_TAGS = frozenset({"v", "vn", "n", "s", "b"})


def _light_event(words: tuple[tuple[str, str], ...]) -> str | None:
    """The verbs after a light verb (``light_verbs``) opening the clause, or after a preposition's
    phrase opening it, and its 了, when they close it: 进行了调解 → 调解, 对广场进行了补植改造 → 补植改造, with a
    noun of where or how before the last verb: 对你提出的问题进行现场核查 → 现场核查."""
    at = next((k for k, (word, _) in enumerate(words) if word in LIGHT_VERBS), None)
    if at is None or (at > 0 and words[0][1] != "p"):
        return None
    rest = [w for w in words[at + 1 :] if w[1] != "ul"]
    # 进行了补植改造; a noun of where or how before the verb stays with it: 进行现场核查, 进行专项检查
    if not rest or rest[-1][1] not in _EVENT_TAGS or any(pos not in _EVENT_MODIFIER_TAGS for _, pos in rest[:-1]):
        return None
    if rest[-1][0] in FRAME_NOUNS and any(pos not in _EVENT_TAGS for _, pos in rest):  # 现场核查工作: not so read
        return None
    name = "".join(word for word, _ in rest)
    return name if len(name) > 1 else None


# 组织各职能部门, 致函部队, 给予其家庭补助: a verb's object opens with a noun, a pronoun or a verbal noun
_EVENT_OBJECT_FIRST = frozenset({"n", "nr", "ns", "nt", "nz", "j", "r", "vn", "l"})
