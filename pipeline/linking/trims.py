"""The edges of a name once it is read: what stands in it but names no part of the thing.

:mod:`pipeline.linking.phrases` reads a name from the words around a number; some of those
words belong to the sentence, not to the thing measured: the operators of a formula written
out (起付线-自负部份1000元), a frame of the current period (年度内门诊总额), the unit of a school
glued before its name (24个班初中). Each function takes a name and gives what names the thing.
"""

from __future__ import annotations

import re

from pipeline.linking.lexicon import (
    BASE_FRAMES,
    BASE_MARKERS_END_RE,
    CAUSATIVE_VERBS,
    CLAUSE_VERBS,
    CLOSING_COMPLEMENTS,
    CLOSING_FRAMES,
    CLOSING_VERBS,
    DAY_FRAME_RE,
    DEMONSTRATIVE_PREPOSITIONS,
    DEMONSTRATIVES,
    DISCOUNT_VERBS,
    DISTANCE_LEADS,
    DISTANCE_WORDS,
    DUTY_MODALS,
    EXCEEDING_VERBS,
    FORMULA_RE,
    GRANT_PER_RE,
    GRANTING_VERBS,
    HOUR_SCOPE_AT_RE,
    HOUR_SCOPE_RE,
    HOUSEHOLD_UNITS,
    MANNER_WORDS,
    MODALS,
    NORM_LEADS,
    OBJECT_NOUN_TAGS,
    OBJECT_VERBS,
    ONE_OF_LIST,
    OPENING_VERBS,
    PART_NOUNS,
    PAYER_HEADS,
    PAYING_VERBS,
    PEOPLE_NOUNS,
    PER_ONLY_RE,
    PERIOD_LEAD_RE,
    PERSON_ENDINGS,
    POSTPOSITIONS,
    SCOPE_AT_RE,
    SCOPE_END_RE,
    SCOPE_FRAME_ENDS,
    SCOPE_TRAIL_RE,
    SPENDING_TAIL_RE,
    STAKE_VERBS,
    STRAY_OPENINGS,
    SUM_ENDINGS,
    SUPPORTING_VERBS,
    TIME_FRAME_ENDS,
    TO_COMPLEMENTS,
    UNIFORM_VERBS,
    UNIT_NOUNS,
    VERB_TAGGED_NOUNS,
    WAY_HEADS,
    WORK_COMPOUND_ENDINGS,
    WORK_SITES,
    WORK_VERBS,
)
from pipeline.linking.words import Tags, tag, without_last_word

_CLAUSE_AFTER_VERB = frozenset({"v", "r"})  # 开会确定, 一听他们: a verb then a verb or a pronoun
_NAME_OPENING_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "r", "j", "vn"})  # 他家人口, 你家庭人口
_MODAL_OBJECT_TAGS = frozenset({"v", "vn", "a", "ad", "d"})  # 可报销费用: the modal stays
_CHAINED_VERB_TAGS = frozenset({"v", "vn"})  # 停止生产: the verbs after an opening verb go with it
_WORKED_TAGS = OBJECT_NOUN_TAGS | {"s", "b"}  # 建设室外停车位: a place word or a distinguishing word in the object
_BRACKET_NAME_RE = re.compile(r"[（(](?P<name>[\u4e00-\u9fff]{2,8})[）)]")


def without_formula(name: str) -> str:
    """The operand after the last operator of a formula inside ``name`` (起付线-自负部份 →
    自负部份, +财政补助 → 财政补助); "" where the name ends in an operator or no more than one
    character follows the last one (房屋的总价格×: the number after it is a factor, named by
    nothing before it); ``name`` where it holds no operator (商铺-117室预测面积).

    >>> without_formula("起付线-自负部份"), without_formula("房屋的总价格×"), without_formula("商铺-117室")
    ('自负部份', '', '商铺-117室')
    """
    ends = [m.end() for m in FORMULA_RE.finditer(name)]
    if not ends:
        return name
    rest = name[ends[-1] :]
    return rest if len(rest) > 1 else ""


def ends_in_operator(window: str) -> bool:
    """The clause ``window`` before a number ends in an operator of a formula (（…1000元）×55%,
    …=4125元): the number is a factor or a result, and what stands before names none of it."""
    return bool(window) and FORMULA_RE.match(window, len(window) - 1) is not None


def operand_named(text: str, end: int) -> str:
    """The noun a bracket right after a factor or a result of a formula names it by (…×55%（报销比例）
    → 报销比例, =4125元（可报销费用） → 可报销费用): Chinese characters alone, ending in a noun of
    jieba's; "" where no such bracket follows ``end``.

    >>> operand_named("×55%（报销比例）=", 4), operand_named("×55%，", 4)
    ('报销比例', '')
    """
    m = _BRACKET_NAME_RE.match(text, end)
    if m is None or tag(m["name"])[-1][1] not in OBJECT_NOUN_TAGS:
        return ""
    return m["name"]


def without_period_lead(name: str) -> str:
    """``name`` without a frame of the current period glued at its front (年度内门诊总额 → 门诊总额,
    本结算年度内个人自负比例 → 个人自负比例, 当年度个人缴费标准 → 个人缴费标准); a past period
    stays (上年度总收入), and so does a name that would keep fewer than two characters.

    >>> without_period_lead("年度内门诊总额"), without_period_lead("上年度总收入")
    ('门诊总额', '上年度总收入')
    """
    m = PERIOD_LEAD_RE.match(name)
    return name[m.end() :] if m is not None else name


def without_case(name: str, *, inside: bool = True) -> str:
    """``name`` without the case (``scope_words``) it holds, for the numbers of a list of cases that
    share it: a case ending it goes (日均车流量左转 → 日均车流量), else, with ``inside``, the case
    before the measure after it, and a 的 tying them (西往东左转日均流量 → 西往东日均流量,
    岗位最低补贴 → 岗位补贴, 高峰期发车间距 → 发车间距); a name with no case stays.

    >>> without_case("日均车流量左转"), without_case("西往东左转日均流量"), without_case("高峰时段的发车间隔")
    ('日均车流量', '西往东日均流量', '发车间隔')
    >>> without_case("西往东左转日均流量", inside=False), without_case("车流量"), without_case("高峰期")
    ('西往东左转日均流量', '车流量', '高峰期')
    """
    m = SCOPE_TRAIL_RE.search(name)
    if m is not None:
        return name[: m.start()]
    m = SCOPE_AT_RE.search(name) if inside else None
    return name[: m.start()] + name[m.end() :].removeprefix("的") if m is not None else name


def without_hour_scope(name: str) -> str:
    """``name`` without the hours of a day (``hour_scopes``) opening it: a time frame the measure
    holds in, not a part of the thing (高峰期平均发车时间 → 平均发车时间, 平峰时段的发车间隔 →
    发车间隔); a name that would keep fewer than two characters stays (高峰期).

    >>> without_hour_scope("高峰期平均发车时间"), without_hour_scope("平峰时段的发车间隔"), without_hour_scope("高峰期")
    ('平均发车时间', '发车间隔', '高峰期')
    """
    m = HOUR_SCOPE_RE.match(name)
    if m is None:
        return _without_owned_hour_scope(name)
    rest = name[m.end() :].removeprefix("的")
    return rest if len(rest) > 1 else name


def _without_owned_hour_scope(name: str) -> str:
    """``name`` without the hours of a day (``hour_scopes``) after a way or line (``way_heads``)
    that owns the measure after them: 该线路高峰时段的发车间隔 → 该线路发车间隔 (the line's interval,
    the peak a frame); hours after another noun stay (交通高峰期单程运行时间, 日高峰用气量).

    >>> _without_owned_hour_scope("该线路高峰时段的发车间隔"), _without_owned_hour_scope("9路公交线路高峰发车频率")
    ('该线路发车间隔', '9路公交线路发车频率')
    >>> _without_owned_hour_scope("交通高峰期单程运行时间"), _without_owned_hour_scope("该线路高峰期")
    ('交通高峰期单程运行时间', '该线路高峰期')
    """
    for i in range(2, len(name) - 2):
        if not name[:i].endswith(WAY_HEADS):
            continue
        m = HOUR_SCOPE_AT_RE.match(name, i)
        if m is not None:
            return name[:i] + name[m.end() :]
    return name


def without_day_frame(name: str) -> str:
    """``name``, read after a number, without the day of the event ending it (``day_frames``): the
    event is what the number ranks or counts (第一次登记之日起 → 登记); with fewer than two
    characters before the frame, the name stays whole.

    >>> without_day_frame("登记之日起"), without_day_frame("申请之日"), without_day_frame("节日")
    ('登记', '申请', '节日')
    """
    return DAY_FRAME_RE.sub("", name)


def after_time_clause(name: str) -> str:
    """``name`` without a clause of when opening it, ended by a word of ``time_frame_ends`` after a
    word of two characters or more, or a scope ended so by a localizer of ``scope_frame_ends``:
    the noun phrase after it (山林调整时他家人口 → 他家人口, 招聘条件中年龄 → 年龄), past a
    causative verb (``causative_verbs``: 补助范围时让自己父母 → 自己父母); ``name`` where what follows
    opens with no noun or pronoun (补助范围时发放补贴: a clause of its own) or keeps fewer than two
    characters.

    >>> after_time_clause("山林调整时他家人口"), after_time_clause("补助范围时让自己父母"), after_time_clause("时速")
    ('他家人口', '自己父母', '时速')
    >>> after_time_clause("补助范围时发放补贴"), after_time_clause("招聘条件中年龄"), after_time_clause("规划中的学校")
    ('补助范围时发放补贴', '年龄', '规划中的学校')
    """
    words = tag(name)
    for i in range(len(words) - 2, 0, -1):
        if (words[i][0] in TIME_FRAME_ENDS or words[i][0] in SCOPE_FRAME_ENDS) and len(words[i - 1][0]) > 1:
            if words[i + 1][0] in CAUSATIVE_VERBS and i + 2 < len(words):
                i += 1
            rest = "".join(w for w, _ in words[i + 1 :])
            opens = words[i + 1][1] in _NAME_OPENING_TAGS
            return rest if opens and len(rest) > 1 else name
    return name


def discounted(name: str) -> str:
    """The thing a discount cuts, in ``name`` read before it, past a verb of granting or applying
    the cut (``discount_verbs``): the words after the last such verb (给予空置期间物业费 → 空置期间
    物业费), or where the verb ends ``name``, the words before it (公交刷卡实行 → 公交刷卡); ``name``
    with no such verb, or where what is left holds no noun (一年交清打: a clause of its own).

    >>> discounted("给予空置期间物业费"), discounted("公交刷卡实行"), discounted("会员商品打")
    ('空置期间物业费', '公交刷卡', '会员商品')
    >>> discounted("物业费"), discounted("实行"), discounted("一年交清打")
    ('物业费', '实行', '一年交清打')
    """
    words = tag(name)
    for i in range(len(words) - 1, -1, -1):
        if words[i][0] in DISCOUNT_VERBS:
            rest = words[i + 1 :] if i + 1 < len(words) else words[:i]
            nouned = any(t.startswith("n") for _, t in rest)
            return "".join(w for w, _ in rest) if nouned else name
    return name


def unit_counted(name: str) -> str | None:
    """The unit noun (``unit_nouns``: 班) opening a name read after a count, which the count counts:
    24个班初中 → 班, 12个班中学 → 班, 从初三12个班中 → 班 (jieba's 班中, the unit and a postposition);
    None where the name opens with another word (班级, 班车 are words of their own).

    >>> unit_counted("班初中"), unit_counted("班中"), unit_counted("班级") is None
    ('班', '班', True)
    """
    first = tag(name)[0][0]
    for unit in UNIT_NOUNS:
        if first == unit or (first.startswith(unit) and first[len(unit) :] in POSTPOSITIONS):
            return unit
    return None


def sizes_household(after: str) -> str | None:
    """The classifier of households opening the name read after a count of people (1人户35㎡,
    4人户以上 → 户): the count gives the size of the households it names, and names them alone
    (not 户以上); None where the name opens with another word.

    >>> sizes_household("户以上"), sizes_household("户主"), sizes_household("村民")
    ('户', None, None)
    """
    word = tag(after)[0][0]
    return word if word in HOUSEHOLD_UNITS else None


def people_named(window: str, after: str) -> str | None:
    """The noun naming people (its last word ending in one of ``person_endings`` or ``people_nouns``)
    that ends the clause ``window`` right before a count of people, where the noun ``after`` the
    count names none: the count counts the people before and qualifies the noun after (贫困人口
    100人以上的非贫困村 → 贫困人口); jieba's nouns back to the first word of another kind. None
    otherwise.

    >>> people_named("省级贫困村、贫困人口", "非贫困村"), people_named("贫困人口", "村民")
    ('贫困人口', None)
    """
    if not window or after.endswith(PEOPLE_NOUNS):
        return None
    words = tag(window)
    word, pos = words[-1]
    if pos not in OBJECT_NOUN_TAGS or len(word) < 2 or not word.endswith(PEOPLE_NOUNS):
        return None
    k = len(words) - 1
    while k > 0 and words[k - 1][1] in OBJECT_NOUN_TAGS:
        k -= 1
    return "".join(w for w, _ in words[k:])


def opens_clause(after: str) -> bool:
    """The name read after a count of people opens with a verb of two characters or more that another
    verb or a pronoun follows (联名签名同意, 开会确定, 应邀去看…, 一听他们…, 答应去…): the clause of
    what the people counted do, not a thing; a verb before a noun is mostly a compound (签名业主,
    团购户); so does a word of manner (``manner_words``) before a verb (现场疏导交通; not 现场管理人员).
    Not after counts of things, whose names open so as often (停工整改通知, 棚改安置补贴).

    >>> opens_clause("开会确定"), opens_clause("应邀去看陈家"), opens_clause("团购客户"), opens_clause("维修基金")
    (True, True, False, False)
    """
    words = tag(after)
    if len(words) < 2:
        return False
    (first, pos), (_, next_pos) = words[0], words[1]
    if first in MANNER_WORDS:  # 4人现场疏导交通: how they act, then what they do
        return next_pos == "v"
    return pos == "v" and len(first) > 1 and first not in VERB_TAGGED_NOUNS and next_pos in _CLAUSE_AFTER_VERB


def to_place(name: str) -> bool:
    """``name`` holds a word of ``distance_words`` (jieba's: 离) and ends in no noun of a distance:
    how far it is to the place after it, which names no thing measured (离镇区, 选址东面离公益林 →
    none; not 离幼儿园直线距离, nor 离异时间).

    >>> to_place("离镇区"), to_place("选址东面离公益林"), to_place("离幼儿园直线距离"), to_place("离异时间")
    (True, True, False, False)
    """
    return any(w in DISTANCE_WORDS for w, _ in tag(name)) and not name.endswith(DISTANCE_LEADS)


def tied_label(name: str) -> str | None:
    """The noun after the last 的 of the object ``name`` of a verb opening a label before a colon: the
    verb phrase modifies the label (购买车位的车位服务费： → 车位服务费); None where no 的 ties one,
    or fewer than two characters follow it.

    >>> tied_label("车位的车位服务费"), tied_label("车位服务费")
    ('车位服务费', None)
    """
    head = name.rpartition("的")[2]
    return head if "的" in name and len(head) > 1 else None


def after_demonstrative_preposition(name: str) -> str:
    """``name`` from the demonstrative after a preposition of ``demonstrative_prepositions`` inside it,
    glued to it by jieba or not (华远公司以该项目占地 → 该项目占地, 我局对该小区车位 → 该小区车位):
    the subject before names the actor, not the thing; ``name`` where no such pair stands after
    its first word or nothing follows the demonstrative.

    >>> after_demonstrative_preposition("华远公司以该项目占地"), after_demonstrative_preposition("我局对该小区车位")
    ('该项目占地', '该小区车位')
    >>> after_demonstrative_preposition("以该项目占地"), after_demonstrative_preposition("我局对违建房屋")
    ('以该项目占地', '我局对违建房屋')
    """
    words = tag(name)
    for i in range(1, len(words) - 1):
        word, pos = words[i]
        rest = "".join(w for w, _ in words[i + 1 :])
        if word[0] in DEMONSTRATIVE_PREPOSITIONS and word[1:] in DEMONSTRATIVES:  # jieba's 以该
            return word[1:] + rest
        if word in DEMONSTRATIVE_PREPOSITIONS and pos == "p" and words[i + 1][0] in DEMONSTRATIVES \
                and i + 2 < len(words):
            return rest
    return name


def opens_with_part(name: str) -> bool:
    """``name``, read after a measure, opens with a part noun of ``part_nouns``, a word of its own to
    jieba (部分, 部分另行收费); what it is the part of is said before the measure."""
    return tag(name)[0][0] in PART_NOUNS


def exceeded(window: str) -> str | None:
    """What a threshold measures, the number a bare part noun follows (超出3%部分): the words of
    ``window`` before the verb of exceeding that ends it (误差比绝对值超出 → 误差比绝对值); "" where
    nothing stands before the verb (超过5米部分: none), None where no such verb ends ``window``.

    >>> exceeded("面积误差比绝对值超出"), exceeded("超过"), exceeded("按照") is None
    ('面积误差比绝对值', '', True)
    """
    verb = next((v for v in EXCEEDING_VERBS if window.endswith(v)), None)
    return window[: -len(verb)] if verb is not None else None


def exceeded_list(window: str) -> str | None:
    """The list of measures a threshold measures where a word picking one of them (``one_of_list``)
    stands between it and the verb of exceeding ending ``window`` (建筑面积、套内建筑面积误差比绝对值
    其中有一项超出 → 建筑面积、套内建筑面积误差比绝对值); None elsewhere.

    >>> exceeded_list("建筑面积、套内建筑面积误差比绝对值其中有一项超出"), exceeded_list("误差比绝对值超出")
    ('建筑面积、套内建筑面积误差比绝对值', None)
    """
    before = exceeded(window)
    listed = without_one_of(before) if before else None
    return listed if listed != before else None


def without_one_of(name: str) -> str:
    """``name`` without a word picking one of a list (``one_of_list``) ending it, where a name
    stays before it (三项指标中有一项 → 三项指标; 有一项 stays).

    >>> without_one_of("三项指标中有一项"), without_one_of("有一项"), without_one_of("指标")
    ('三项指标', '有一项', '指标')
    """
    one = next((w for w in ONE_OF_LIST if name.endswith(w)), None)
    return name[: -len(one)] if one is not None and len(name) > len(one) else name


def without_to(name: str, window: str) -> str:
    """``name`` without a 到 of ``to_complements`` opening it where a verb stands right before it
    in ``window``: the verb's complement, the object after it names the thing (涉及到清水村季坑组 →
    清水村季坑组, 发放到林权权利人 → 林权权利人; not 到目的地, where 到 is the verb).

    >>> without_to("到林权权利人", "发放到林权权利人为"), without_to("到目的地", "到目的地大概在")
    ('林权权利人', '到目的地')
    """
    words = tag(name)
    at = window.rfind(name)
    if len(words) < 2 or words[0][0] not in TO_COMPLEMENTS or at <= 0:
        return name
    before = tag(window[:at])
    return name[len(words[0][0]) :] if before[-1][1] == "v" else name


def before_listed_object(name: str) -> str:
    """``name`` without a verb (jieba's ``v``, of two characters or more) and what stands before it
    where a list of nouns joined by 、 follows it: the predicate and its subject, the list its object
    (区政府扩建东湖小学、西湖小学 → 东湖小学、西湖小学); no compound noun opens with a verb before a
    list. ``name`` where an item of the list ends in no noun (销售、租赁) or a 的 stands after the verb.

    >>> before_listed_object("区政府扩建东湖小学、西湖小学"), before_listed_object("扩建春建小学、水渡小学")
    ('东湖小学、西湖小学', '春建小学、水渡小学')
    >>> before_listed_object("养老、医疗保险"), before_listed_object("建设资金")
    ('养老、医疗保险', '建设资金')
    >>> before_listed_object("分配数学、英语学科新教师"), before_listed_object("冲洗、洒水管道")
    ('数学、英语学科新教师', '冲洗、洒水管道')
    >>> before_listed_object("建设资金、用地"), before_listed_object("检查项目、内容")
    ('建设资金、用地', '检查项目、内容')
    """
    if "、" not in name:
        return name
    words = tag(name)
    at = next((i for i, (word, pos) in enumerate(words) if word == "、"), 0)
    verb = next((i for i in range(at) if words[i][1] == "v" and len(words[i][0]) > 1), None)
    if verb is None and words[0][1] == "vn" and len(words[0][0]) > 1 and _phrase_listed(words):
        verb = 0  # 分配数学、英语学科新教师: jieba's verbal noun opening a list of phrases is its predicate
    if verb is None or verb >= at - 1:
        return name
    if any(pos == "v" or word in TIME_FRAME_ENDS for word, pos in words[verb + 2 : at]):
        return name  # 补助范围时让自己父母、妹夫: a clause, not an object, after the verb
    rest = "".join(w for w, _ in words[verb + 1 :])
    items = rest.split("、")
    if "的" in rest or any(not item or tag(item)[-1][1] not in OBJECT_NOUN_TAGS for item in items):
        return name
    return rest


def _phrase_listed(words: Tags) -> bool:
    """The last item of the list in ``words`` is a phrase of three words or more, no head a
    compound opened by a verbal noun shares (建设资金、用地, 检查项目、内容: a list of heads)."""
    last = max(i for i, (word, _) in enumerate(words) if word == "、")
    return len(words) - last - 1 >= 3


def after_object_verb(name: str) -> str:
    """``name`` without a verb of ``object_verbs`` and the words before it where an object of two
    words or more, ending in a noun, follows it: the predicate (处罚违规燃放烟花爆竹行为 → 违规燃放
    烟花爆竹行为, 拒付违约医疗费用 → 违约医疗费用); ``name`` before one word (处罚决定) or a 的.

    >>> after_object_verb("全年处罚违规燃放烟花爆竹行为"), after_object_verb("拒付违约医疗费用")
    ('违规燃放烟花爆竹行为', '违约医疗费用')
    >>> after_object_verb("行政处罚决定"), after_object_verb("处罚决定")
    ('行政处罚决定', '处罚决定')
    """
    words = tag(name)
    at = next((i for i, (word, _) in enumerate(words) if word in OBJECT_VERBS), None)
    if at is None or len(words) - at < 3:
        return name
    last, pos = words[-1]
    rest = "".join(w for w, _ in words[at + 1 :])
    if "的" in rest or (pos not in OBJECT_NOUN_TAGS and last not in VERB_TAGGED_NOUNS):
        return name
    return rest


def after_supporting_verb(name: str) -> str:
    """``name`` without a verb of ``supporting_verbs`` and the words before it where people (a noun
    of ``person_endings`` of two characters or more) are the first or second word of its object:
    the predicate, whose object names the thing (扶持返乡农民工开办家庭农场 → 返乡农民工开办家庭农场);
    ``name`` before a thing (扶持资金, 扶持专项资金), a 的, or one word alone (扶持对象: a compound).

    >>> after_supporting_verb("培育和扶持返乡农民工开办家庭农场"), after_supporting_verb("扶持对象")
    ('返乡农民工开办家庭农场', '扶持对象')
    >>> after_supporting_verb("扶持专项资金"), after_supporting_verb("扶持资金")
    ('扶持专项资金', '扶持资金')
    """
    words = tag(name)
    at = max((i for i, (word, _) in enumerate(words) if word in SUPPORTING_VERBS), default=None)
    if at is None or len(words) - at < 3:  # 培育和扶持…: the last verb's object; 扶持对象: one noun
        return name
    rest = "".join(w for w, _ in words[at + 1 :])
    people = any(len(w) > 1 and pos[:1] == "n" and w.endswith(PERSON_ENDINGS) for w, pos in words[at + 1 : at + 3])
    return rest if people and "的" not in rest else name


def after_work_verb(name: str) -> str:
    """``name`` without a verb of ``work_verbs`` that is jieba's first word of it, where nouns alone
    follow it (two characters or more) and end in none of ``WORK_COMPOUND_ENDINGS``: the predicate
    glued to the number, its object the thing (养殖牲猪 → 牲猪, 种植青饲料 → 青饲料); a compound stays
    (养殖规模, 建设用地, 养殖场).

    >>> after_work_verb("养殖牲猪"), after_work_verb("种植青饲料"), after_work_verb("建设室外停车位")
    ('牲猪', '青饲料', '室外停车位')
    >>> after_work_verb("养殖规模"), after_work_verb("建设用地"), after_work_verb("新建的公厕")
    ('养殖规模', '建设用地', '新建的公厕')
    >>> after_work_verb("原地翻新房屋"), after_work_verb("原地翻新面积"), after_work_verb("原地安置")
    ('房屋', '原地翻新面积', '原地安置')
    """
    words = tag(name)  # whatever jieba tags the verb (养殖 vn, 硬化 n): the list says it is one
    site = len(words[0][0]) if len(words) > 2 and words[0][0] in WORK_SITES else 0  # 原地翻新房屋
    words = tag(name[site:]) if site else words
    if len(words) < 2 or words[0][0] not in WORK_VERBS:
        return name
    rest = name[site + len(words[0][0]) :]
    if len(rest) < 2 or rest.endswith(WORK_COMPOUND_ENDINGS) or any(p not in _WORKED_TAGS for _, p in words[1:]):
        return name
    return rest


def after_opening_verb(name: str) -> str:
    """``name`` without a verb of ``opening_verbs`` or ``clause_verbs``, the words before it (its subject, a modal)
    and the verbs after it: the predicate of the clause, whose object names the thing (停止生产
    采石类企业 → 采石类企业, 可减轻经济负担 → 经济负担, 沿途设站点 → 站点), also an object ending in a
    noun jieba tags a verb (``verb_tagged_nouns``: 核定人员编制 → 人员编制). ``name`` as it is where
    no noun of two characters or more is left, or where a 的 stands in what is left (the verb is
    then inside the clause that modifies the noun: 确定的价格).

    >>> after_opening_verb("停止生产采石类企业"), after_opening_verb("可减轻经济负担"), after_opening_verb("沿途设站点")
    ('采石类企业', '经济负担', '站点')
    >>> after_opening_verb("中心核定人员编制"), after_opening_verb("设施"), after_opening_verb("设线")
    ('人员编制', '设施', '设线')
    >>> after_opening_verb("可报销费用"), after_opening_verb("统计出一类报名资料")
    ('可报销费用', '一类报名资料')
    """
    words = tag(name)
    at = next((i for i, (word, _) in enumerate(words[:-1])
               if _opens_predicate(word) or (word[:1] in MODALS and _opens_predicate(word[1:]))), None)
    if at is None:  # 可减轻: jieba glues a modal to the verb
        at = _split_opening_verb(words)
    if at is None:
        return name
    at += 1
    while at < len(words) - 1 and words[at][1] in _CHAINED_VERB_TAGS and len(words[at][0]) > 1:  # not 降 of 降尘雾炮
        at += 1
    rest = "".join(w for w, _ in words[at:])
    last, pos = words[-1]  # 核定政法专项编制 → 政法专项编制: 编制, jieba's verb, a noun of the genre
    if len(rest) < 2 or "的" in rest or (pos not in OBJECT_NOUN_TAGS and last not in VERB_TAGGED_NOUNS):
        return name
    return rest


# 统计出: jieba cuts 统计 + 出; every beginning of such a verb, for a run of words to be tried against
_OPENING_VERB_PREFIXES = frozenset(
    verb[:k] for verb in OPENING_VERBS if len(verb) > 1 for k in range(1, len(verb) + 1)
)


def _split_opening_verb(words: Tags) -> int | None:
    """The index of the last of jieba's words that together open ``words`` with a verb of
    ``opening_verbs`` jieba cuts apart (统计 + 出 = 统计出), ending at a word's end; None otherwise.

    >>> _split_opening_verb(tag("统计出一类报名资料")), _split_opening_verb(tag("统计数据"))
    (1, None)
    """
    run = ""
    for i, (word, _) in enumerate(words[:-1]):
        run += word
        if run in OPENING_VERBS:
            return i if i > 0 else None
        if run not in _OPENING_VERB_PREFIXES:
            return None
    return None


def _opens_predicate(word: str) -> bool:
    """``word`` is a verb of ``opening_verbs``, or one of two characters or more of
    ``clause_verbs``, which never modify a noun (依法冻结涉案账户 → 涉案账户, 进行村道 → 村道)."""
    return word in OPENING_VERBS or (len(word) > 1 and word in CLAUSE_VERBS)


def without_opening_modal(name: str) -> str:
    """``name`` without a modal opening it as jieba's word of its own before no verb, adverb or
    adjective: the rest of a predicate cut short (对应库内水位 read after 对: 应库内水位 → 库内水位,
    对应的商品房均价 → 商品房均价); ``name`` before a verb (可报销费用) or where fewer than two
    characters are left.

    >>> without_opening_modal("应库内水位"), without_opening_modal("应的商品房均价")
    ('库内水位', '商品房均价')
    >>> without_opening_modal("可报销费用")
    '可报销费用'

    A modal of need or duty (``duty_modals``) goes before a verb too, where a noun ends what is left:
    the verb modifies it (需安置分配的退役士兵 → 安置分配的退役士兵), also one jieba glues to the verb
    after it, not to a verb of one character (需护砌长度 → 护砌长度; 需交物业费 stays).

    >>> without_opening_modal("需安置分配的退役士兵"), without_opening_modal("需护砌长度")
    ('安置分配的退役士兵', '护砌长度')
    >>> without_opening_modal("需交物业费"), without_opening_modal("须至少符合有其中")
    ('需交物业费', '须至少符合有其中')
    """
    words = tag(name)
    if len(words) >= 2 and words[-1][1] in OBJECT_NOUN_TAGS:
        duty = _duty_modal(words)
        if duty:
            return name[len(duty) :]
    if len(words) < 2 or words[0][0] not in MODALS or words[1][1] in _MODAL_OBJECT_TAGS:
        return name
    rest = name[len(words[0][0]) :].lstrip("的")
    return rest if len(rest) > 1 else name


_DUTY_VERB_TAGS = frozenset({"v", "vn"})


def _duty_modal(words: Tags) -> str:
    """The modal of ``duty_modals`` opening ``words`` before a verb: jieba's word of its own, or one
    character glued to what follows where that opens with no verb of one character; "" where none."""
    first, pos = words[0]
    if first in DUTY_MODALS:
        return first if words[1][1] in _DUTY_VERB_TAGS else ""
    if pos != "v" or len(first) != 2 or first[0] not in DUTY_MODALS:
        return ""
    rest = tag(first[1:] + words[1][0])  # 需护砌 → 护砌: what the glued verb opens
    return first[0] if not (len(rest[0][0]) == 1 and rest[0][1] == "v") else ""


_CLOSING_ADVERB_TAGS = frozenset({"d", "ad", "a", "uj"})  # 补考费一般含, 有的交: adverbs and 的 before the verb


def without_closing_verb(name: str, window: str) -> str:
    """``name``, read before a number glued after it (``window`` ends in it), without a verb of
    ``closing_verbs`` that is jieba's word of its own closing it: the predicate (移动业务套餐改
    99元/月 → 移动业务套餐, 全村村道分4段 → 全村村道, 膀胱灌注治疗费用限600元), with the adverbs
    and the 的 before it (补考费一般含两部分 → 补考费); none ("") where nothing else is left (有的交
    30000元), also where a complement of ``closing_complements`` stands between the verb and the
    number (物业费通常含有四部分 → 物业费), where per-words the name was read without stand
    round the verb (物业费每月交200元 → 物业费), and where a subject, an adverb and a verb before it
    make a chain of verbs (车管所又叫交: the subject has it paid, no thing named). ``name`` where what
    is left ends in no noun of two characters or more (城拆: the verb inside a noun).

    >>> without_closing_verb("移动业务套餐改", "移动业务套餐改"), without_closing_verb("补考费一般含", "补考费一般含")
    ('移动业务套餐', '补考费')
    >>> without_closing_verb("的交", "有的交"), without_closing_verb("车管所又叫交", "车管所又叫交")
    ('', '')
    >>> without_closing_verb("扶贫特惠保", "扶贫特惠保"), without_closing_verb("城拆", "涉及城拆")
    ('扶贫特惠保', '城拆')
    >>> without_closing_verb("物业费通常含", "物业费通常含有"), without_closing_verb("物业费通常含", "物业费通常含量")
    ('物业费', '物业费通常含')
    >>> without_closing_verb("物业费交", "物业费每月交"), without_closing_verb("物业费交", "物业费交给")
    ('物业费', '物业费交')
    """
    if not name:
        return name
    words = list(tag(name))
    if words[-1][0] not in CLOSING_VERBS or words[-1][1] != "v":
        return name
    if not (window.endswith(name) or any(window.endswith(name + c) for c in CLOSING_COMPLEMENTS)
            or _ends_window(name, window)):
        return name
    words.pop()
    while words and words[-1][1] in _CLOSING_ADVERB_TAGS:
        words.pop()
    if not words:
        return ""
    last, pos = words[-1]
    if _verb_after_adverb(words):  # 车管所又叫交: the subject has it paid, the sum names no thing
        return ""
    if len(last) < 2 or (pos not in OBJECT_NOUN_TAGS | {"vn"} and last not in VERB_TAGGED_NOUNS):
        return name
    return "".join(word for word, _ in words)


def _verb_after_adverb(words: Tags) -> bool:
    """``words`` end in a verb (no noun jieba tags one) right after an adverb that a noun, the subject,
    stands before (车管所 + 又 + 叫): a chain of verbs the closing verb ends, no name in it."""
    if len(words) < 3:
        return False
    (_, subject), (_, adverb), (verb, pos) = words[-3:]
    return pos == "v" and verb not in VERB_TAGGED_NOUNS and adverb == "d" and subject in OBJECT_NOUN_TAGS


def without_stake_verb(name: str, window: str) -> str:
    """``name``, read before a percentage glued after it (``window`` ends in it), without a verb of
    ``stake_verbs`` closing it: the predicate, the holder before it is whose stake the number is
    (传媒占股49% → 传媒, J11市占股51% → J11市); ``name`` where less than two characters are left
    (占股) or the verb is not glued to the number (持股比例: a noun names it).

    >>> without_stake_verb("传媒占股", "传媒占股"), without_stake_verb("公司持股", "由公司持股")
    ('传媒', '公司')
    >>> without_stake_verb("传媒占股", "传媒占股比例为"), without_stake_verb("占股", "占股")
    ('传媒占股', '占股')
    """
    if not name.endswith(STAKE_VERBS) or not window.endswith(name):
        return name
    rest = name[: -len(next(v for v in STAKE_VERBS if name.endswith(v)))]
    return rest if len(rest) > 1 else name


def _ends_window(name: str, window: str) -> bool:
    """``name`` ends ``window``, also past per-words the name was read without (物业费交 in
    物业费每月交, 该户领取低保金 in 该户每月领取低保金): what ends it is glued to the number.

    >>> _ends_window("物业费交", "物业费每月交"), _ends_window("物业费交", "物业费按月交")
    (True, False)
    """
    return window.endswith(name) or PER_ONLY_RE.sub("", window).endswith(name)


def is_payer(name: str, window: str) -> bool:
    """``name``, read before a sum, is its payer: it ends in a word of ``payer_heads`` and ``window``
    (what stands before the sum) goes on after it with adverbs and a verb of ``spending_verbs`` alone
    (物业公司累计投入2万元, 两石矿企业共出资2000元), the name opening the window as its subject; not a
    thing spent on (该项目拟投资), nor the object of a verb before (改扩建伟才学校共计投入), nor a payer
    the verb is not glued to the sum after (公司出资建设的道路).

    >>> is_payer("物业公司", "物业公司累计投入"), is_payer("两石矿企业", "两石矿企业共出资")
    (True, True)
    >>> is_payer("该项目", "该项目拟投资"), is_payer("物业公司", "物业公司收取物业费")
    (False, False)
    >>> is_payer("伟才学校", "改扩建伟才学校共计投入")
    False
    """
    return window.startswith(name) and name.endswith(PAYER_HEADS) \
        and SPENDING_TAIL_RE.fullmatch(window, len(name)) is not None


def after_paying_verb(name: str, window: str) -> str:
    """``name``, read before a number glued after it (``window`` ends in it), without its subject
    and a verb of ``paying_verbs`` glued before a sum (``sum_endings``) ending it: the predicate and
    who pays or receives, the sum is the name (黄某领取补偿款21200元 → 补偿款, past per-words:
    该户每月领取补偿款300元 → 补偿款); ``name`` where no
    such verb stands after a word, where what follows it is no sum of nouns alone (养老金领取人数,
    领取标准), or before a copula (镇政府下拨经费是4万元: one noun phrase, the copula's subject).

    >>> after_paying_verb("李某某领取补偿款", "李某某领取补偿款"), after_paying_verb("养老金领取人数", "养老金领取人数")
    ('补偿款', '养老金领取人数')
    >>> after_paying_verb("领取补偿款", "领取补偿款"), after_paying_verb("镇政府下拨经费", "镇政府下拨经费是")
    ('领取补偿款', '镇政府下拨经费')
    """
    if not name.endswith(SUM_ENDINGS) or not _ends_window(name, window):
        return name
    words = tag(name)
    at = next((i for i in range(len(words) - 1, 0, -1) if words[i][0] in PAYING_VERBS), None)
    if at is None or at == len(words) - 1:
        return name
    rest = words[at + 1 :]
    if any(pos not in OBJECT_NOUN_TAGS and pos != "vn" and word not in VERB_TAGGED_NOUNS for word, pos in rest):
        return name
    return "".join(word for word, _ in rest)


def without_stray_opening(name: str) -> str:
    """``name`` without a word of ``stray_openings`` that is jieba's first word of it: the 当 of a
    clause of when (当家庭用水人口 → 家庭用水人口) or the 度 left of 当年度 (度自付金额 → 自付金额);
    ``name`` where what is left has fewer than two characters or ends in no noun (当天, 适当放宽).

    >>> without_stray_opening("当家庭用水人口"), without_stray_opening("度自付金额"), without_stray_opening("当天")
    ('家庭用水人口', '自付金额', '当天')
    """
    words = tag(name)
    if len(words) < 2 or words[0][0] not in STRAY_OPENINGS or words[-1][1] not in OBJECT_NOUN_TAGS:
        return name
    rest = name[len(words[0][0]) :]
    return rest if len(rest) > 1 else name


def norm_lead(name: str, window: str) -> tuple[str, str] | None:
    """Where ``name`` stands in ``window`` right after a base marker (``base_markers``) and opens
    with a word of ``norm_leads`` of jieba's, the norm the number is set by (按政策, 按文件): what
    follows the norm in ``name`` and what ``window`` holds before the marker, the subject the number
    is set for (食堂收费按文件 → ('', '食堂收费')); None otherwise (按政策最高标准享受补助资金 keeps
    its name, the norm not opening it).

    >>> norm_lead("政策二级医院", "可以按政策二级医院应支付"), norm_lead("文件", "食堂收费按文件每餐")
    (('二级医院', '可以'), ('', '食堂收费'))
    >>> norm_lead("补助资金", "按政策最高标准享受补助资金") is None, norm_lead("政策性住房", "按政策性住房") is None
    (True, True)
    """
    at = window.rfind(name)
    marker = BASE_MARKERS_END_RE.search(window, 0, at) if at > 0 else None
    if marker is None:
        return None
    first = tag(name)[0][0]
    if first not in NORM_LEADS:
        return None
    return name[len(first) :], window[: marker.start()]


def without_closing_frame(name: str) -> str:
    """``name`` without a time frame of ``closing_frames`` that is jieba's last word of it, after a
    noun: the frame of the clause the name is the subject of (美食城前期 → 美食城); ``name`` where
    fewer than two characters would be left.

    >>> without_closing_frame("停车场和美食城前期"), without_closing_frame("前期"), without_closing_frame("前期外借款")
    ('停车场和美食城', '前期', '前期外借款')
    """
    return without_last_word(name, CLOSING_FRAMES)


_BASE_FRAME_RE = re.compile("|".join(re.escape(frame) for frame in sorted(BASE_FRAMES, key=len, reverse=True)))
_BASE_OPENING = "在"


def without_base_frame(name: str) -> str:
    """``name`` without a frame of the base a change is made on (``base_frames``) where only verbs
    and adverbs follow it: the subject before the frame's 在 (伙食费在原标准基础上上调 → 伙食费), else
    none (标准基础上, 基础上直接加建至 → ""); ``name`` where a noun ends it after the frame (the thing
    the change brings: 设备基础上增配雾炮) or no frame stands in it.

    >>> without_base_frame("伙食费在原标准基础上上调"), without_base_frame("标准基础上")
    ('伙食费', '')
    >>> without_base_frame("基础上直接加建至")
    ''
    >>> without_base_frame("设备基础上增配雾炮"), without_base_frame("基础设施")
    ('设备基础上增配雾炮', '基础设施')
    """
    m = _BASE_FRAME_RE.search(name)
    if m is None:
        return name
    after = tag(name[m.end() :])
    if after and (after[-1][1].startswith("n") or after[-1][1] in ("j", "l")):
        return name
    opening = name.rfind(_BASE_OPENING, 0, m.start())
    subject = name[:opening] if opening > 0 else ""
    words = tag(subject)
    return subject if len(subject) > 1 and words and words[-1][1].startswith("n") else ""


_GRANTING = tuple(sorted(GRANTING_VERBS, key=len, reverse=True))  # the longest verb first


def without_grant_verb(name: str, window: str) -> str:
    """``name`` without a verb of ``granting_verbs`` closing it where, in ``window`` (what stands
    before the number), the verb follows a per-word of things (``GRANT_PER_RE``): the thing is
    what the grant is paid for (温室每平方米奖补300元 → 温室), not a grant; ``name`` after a
    per-word of people or time (移民每人每年补助600元: the grant, 移民补助) or where fewer than two
    characters would be left.

    >>> without_grant_verb("玻璃温室奖补", "玻璃温室每平方米奖补"), without_grant_verb("移民补助", "移民每人补助")
    ('玻璃温室', '移民补助')
    >>> without_grant_verb("生活补贴", "生活补贴")
    '生活补贴'
    """
    if not name.endswith(_GRANTING) or GRANT_PER_RE.search(window) is None:
        return name
    rest = next(name[: -len(verb)] for verb in _GRANTING if name.endswith(verb)).removesuffix("的")
    return rest if len(rest) > 1 else name


def after_granted_people(name: str, window: str) -> str:
    """``name``, read before a share glued to its end (``window`` ends in it), without the people
    and a verb of ``granting_verbs`` opening it: what the verb grants them is a share of the base
    after it (“4050”人员补贴全省上年度在岗职工月平均工资60% → 全省上年度在岗职工月平均工资); ``name``
    where the words before the verb name no people (财政补助资金: one noun), fewer than two
    characters follow it or the last word is no noun.

    >>> after_granted_people("人员补贴全省上年度在岗职工月平均工资", "人员补贴全省上年度在岗职工月平均工资")
    '全省上年度在岗职工月平均工资'
    >>> after_granted_people("财政补助资金", "财政补助资金"), after_granted_people("人员补贴", "人员补贴")
    ('财政补助资金', '人员补贴')
    """
    if not window.endswith(name):
        return name
    words = tag(name)
    at = next((i for i, (word, _) in enumerate(words[1:-1], 1) if word in GRANTING_VERBS), None)
    if at is None or words[-1][1] not in OBJECT_NOUN_TAGS:
        return name
    people = "".join(word for word, _ in words[:at])
    rest = "".join(word for word, _ in words[at + 1 :])
    return rest if len(rest) > 1 and people.endswith(PERSON_ENDINGS) else name


def after_count_noun(name: str, window: str) -> str:
    """``name``, read from a ``window`` that opens right after the number before it, without the
    noun or verb of that number it opens with, up to the 、 after it (60个班、建筑面积42000平方米 →
    建筑面积, 通过1次换乘、花费4元 → 花费): that word is the other number's, a list of two measures
    is no list of names; ``name`` where the first word before 、 is longer than two characters (it
    may open a list a total after it sums: 7名评委和监督员、计时员各一名共10人) or fewer than two
    characters are left.

    >>> after_count_noun("班、建筑面积", "班、建筑面积"), after_count_noun("教学楼、宿舍楼", "新建教学楼、宿舍楼")
    ('建筑面积', '教学楼、宿舍楼')
    >>> after_count_noun("评委和监督员、计时员各一名", "评委和监督员、计时员各一名")
    '评委和监督员、计时员各一名'
    """
    head, listed, rest = name.partition("、")
    if not listed or not head or len(head) > 2 or not window.startswith(head + listed) or len(rest) < 2:
        return name
    return rest


def without_uniform_scope(name: str, window: str) -> str:
    """``name`` without a field of ``scopes`` ending it where, in ``window``, a verb of
    ``uniform_verbs`` follows it: where one rule holds, not part of the thing measured
    (阶梯第一级水量全省统一为 → 阶梯第一级水量); ``name`` where fewer than two characters would be
    left (全省统一为: the field alone).

    >>> without_uniform_scope("阶梯第一级水量全省", "阶梯第一级水量全省统一为")
    '阶梯第一级水量'
    >>> without_uniform_scope("全省", "全省统一为")
    '全省'
    >>> without_uniform_scope("获奖总数全国", "获奖总数全国第")
    '获奖总数全国'
    """
    m = SCOPE_END_RE.search(name)
    if m is None or m.start() < 2:
        return name
    at = window.rfind(name)
    if at < 0 or not window.startswith(UNIFORM_VERBS, at + len(name)):
        return name
    return name[: m.start()]
