"""Coordinated subjects: 分别 gives each number of a list its own name.

``PM10、PM2.5分别下降19.4%、14.9%`` links 19.4% to PM10 and 14.9% to PM2.5;
``城镇居民、农村居民人均可支配收入分别增长…`` shares the head 人均可支配收入.
"""

from __future__ import annotations

import re

from pipeline.linking.lexicon import PER_ONLY_RE, SHARED_HEADS, SKIP_TYPES, VERB_TAGGED_NOUNS
from pipeline.linking.phrases import BASED, read_after, read_before, tidy, window
from pipeline.linking.words import is_noun_phrase, is_verb, strip_trailing
from pipeline.records import Quantity

_COORDINATION_RE = re.compile(r"^\s*(?:、|和|及|与|以及|或)?\s*$")
_LIST_SPLIT_RE = re.compile(r"、|和|及|与")
_DIGIT_RE = re.compile(r"\d")
_COUNTS = frozenset({"count", "number", "rank"})
_AFTER_READ = 24  # characters read after the last number of a list (or after its 的) for the noun it names
_LONGEST_OWNED = 12  # characters: an owner and an object longer than this are a clause, not a name


def distribute(text: str, qs: list[Quantity], start: int) -> dict[int, str]:
    """Index in ``qs`` → the name a 分别 clause gives that quantity (``start``: the sentence's); an
    empty name where a per-word opens its subject and no noun after 分别 names what is paid
    (每个金奖分别奖补1.5万元、1万元 → none; 每个金奖分别发放奖金… → 奖金)."""
    shared: dict[int, str] = {}
    floor = start
    i = 0
    while i < len(qs):
        q = qs[i]
        win = window(text, q.start, floor)
        if "分别" not in win.text or q.type in SKIP_TYPES:
            floor = max(floor, q.end)
            i += 1
            continue
        group = [i]
        while group[-1] + 1 < len(qs) and _COORDINATION_RE.match(text[qs[group[-1]].end : qs[group[-1] + 1].start]):
            group.append(group[-1] + 1)
        subject_text, rest = win.text.split("分别", 1)
        tied = _tied_after(text, qs[group[-1]]) if len(group) > 1 else None
        if tied is not None:  # 可分别申请6万元、3万元的购房补贴: the noun after the list's 的 names each
            shared.update(dict.fromkeys(group, tied))
            floor = max(floor, qs[group[-1]].end)
            i = group[-1] + 1
            continue
        per = PER_ONLY_RE.match(subject_text)
        if per is not None:  # 每个金奖分别奖补1.5万元、1万元: each prize is the rate's unit, not what is paid
            named = read_before(per.group() + rest, q.type).of or ""
            shared.update(dict.fromkeys(group, named))
            floor = max(floor, qs[group[-1]].end)
            i = group[-1] + 1
            continue
        # 对…取得高级技师、技师证书的分别给予2000元、1000元资助: a clause of the conditions met,
        # tied by 的 to no noun, names those who receive, not what each number measures: the
        # noun after the list does, for every number of it
        conditions = subject_text.rstrip("，, ").endswith("的")
        subject = tidy(subject_text) if not conditions else None
        if conditions and len(group) > 1:
            last = qs[group[-1]]
            after = read_after(text, last.end, min(last.end + _AFTER_READ, _next_start(qs, group[-1], len(text))))
            if after is not None and (after in VERB_TAGGED_NOUNS or not is_verb(after)):
                shared.update(dict.fromkeys(group, after))
        if subject is not None:  # 桂花树米径为分别38cm和42cm: the copula before 分别 goes
            subject = strip_trailing(subject)
        # 公司分别在…安装排污阀5个: one number whose own object stands after 分别 is no list
        own = read_before(rest, q.type).of if len(group) == 1 else _object_after(rest, q.type)
        alone = own is not None and not _DIGIT_RE.search(own)  # not a number read as a name (12万家)
        if subject is not None and not alone:
            for j, name in zip(group, _share(subject, len(group)), strict=True):
                shared[j] = name
        elif alone and own and len(group) > 1:
            for j, name in zip(group, _owned(subject, own, len(group)), strict=True):
                shared[j] = name
        floor = max(floor, qs[group[-1]].end)
        i = group[-1] + 1
    return shared


def _next_start(qs: list[Quantity], i: int, end: int) -> int:
    """Where the quantity after ``qs[i]`` starts, or ``end``."""
    return qs[i + 1].start if i + 1 < len(qs) else end


def _object_after(rest: str, kind: str) -> str | None:
    """The object a verb after 分别 names for a list of numbers (分别有居民 → 居民): a noun phrase
    alone (``words.is_noun_phrase``), else None (分别达到, 分别奖补, 分别从全校各班共随机问卷调查了);
    never a percentage's, whose object is its base (分别按工资的3%和26%)."""
    if kind in BASED:
        return None
    own = read_before(rest, kind).of
    return own if own and is_noun_phrase(own) else None


def _owned(subject: str | None, own: str, n: int) -> list[str]:
    """One name per number of a list whose object stands after 分别 (A村、B村分别有贫困户12户和9户):
    each owner of the list with that object (A村贫困户, B村贫困户); the object alone where the
    subject is no list of as many owners (…负责开发分别有居民82户和76户 → 居民)."""
    items = [tidy(x) or "" for x in _LIST_SPLIT_RE.split(subject or "")]
    if len(items) != n or not all(items) or any(len(x) + len(own) > _LONGEST_OWNED for x in items):
        return [own] * n
    return [x + own for x in items]


def _tied_after(text: str, last: Quantity) -> str | None:
    """The noun a 的 ties to the last number of a 分别 list (…、3万元的购房补贴 → 购房补贴), a
    measure's; None for counts, whose 的 ties a modifier (3个、5个的班级 is rare and ambiguous)."""
    if last.type in _COUNTS or not text.startswith("的", last.end):
        return None
    return read_after(text, last.end + 1, min(len(text), last.end + 1 + _AFTER_READ))


def _share(subject: str, n: int) -> list[str]:
    """One name per number: 城镇居民、农村居民人均可支配收入 → 城镇居民人均可支配收入, 农村居民…;
    without as many names as numbers, every number gets the whole subject."""
    items = [tidy(x) or "" for x in _LIST_SPLIT_RE.split(subject)]
    if len(items) != n or not all(items):
        return [subject] * n
    head = _shared_head(items[0], items[-1])
    if head is None or any(x.endswith(head) or len(x) != len(items[0]) for x in items[:-1]):
        return items
    return [x + head for x in items[:-1]] + [items[-1]]


def _shared_head(first: str, last: str) -> str | None:
    """The head the last name carries for all: after the end of ``first`` repeats in it
    (制造业 in 装备制造业增加值 → 增加值), else past ``first``'s length (绿证交易规模 → 交易规模)."""
    for k in range(len(first), 0, -1):
        at = last.find(first[-k:])
        if at >= 0 and at + k < len(last):
            head = last[at + k :]
            break
    else:
        head = last[len(first) :]
    if len(head) < 2 or not head.endswith(SHARED_HEADS):
        return None
    return head
