"""Ranks: 第2, 第二期, 第20位, 排名全市第2, 前五, 前一百名.

Never enumerators (第一，), legal articles (第十二条) or names (第一小学, 第四使馆区): a
bare 第N counts only after a ranking verb, otherwise it needs a rank unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.quantities.base import Candidate, Context
from pipeline.quantities.kinds import KINDS
from pipeline.text.numerals import NUMBER, NumeralError, format_decimal, parse_number
from pipeline.text.regex import alternation
from pipeline.text.scan import FewFirsts

_UNITS = alternation(KINDS.rank.units)
_RANK_RE = re.compile(rf"(?P<lead>第|前)(?P<num>{NUMBER})(?P<unit>{_UNITS})?")
_RANKS = FewFirsts(_RANK_RE)  # found by str.find of its first characters
_LEGAL_RE = re.compile(alternation(KINDS.rank.legal_units))
_IDIOM_REACH = KINDS.rank.idiom_reach
_VERBS = alternation([*KINDS.rank.rank_verbs, *KINDS.rank.claim_verbs])
_VERB_RE = re.compile(rf"(?:{_VERBS})(?P<scope>[^，。；、\s第前]{{0,8}}?)$")
_SCOPE_START = tuple(KINDS.rank.scope_starts)
_SITTING_RE = re.compile(rf"[^，。；、\s]{{0,{KINDS.rank.sitting_reach}}}?{re.escape(KINDS.rank.sitting_mark)}")
# 放在第一位, 摆在办学的第一位: the verb, then what it is the first of, in the clause
_IDIOM_RE = re.compile(rf"(?:{alternation(KINDS.rank.idiom_verbs)})[^，。；、\s]{{0,{_IDIOM_REACH}}}$")
_COPULAS = frozenset(KINDS.rank.idiom_copulas)
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: a sign of a share right after 前N: 前10% is the top share, a percent the hedges bound (le)
_SHARE_SIGNS = frozenset(KINDS.rank.share_signs)


def find(text: str, ctx: Context) -> Iterator[Candidate]:
    for m in _RANKS.finditer(text):
        num_text = m["num"]
        if any(c in "万亿" for c in num_text):
            continue
        try:
            value = parse_number(num_text)
        except NumeralError:
            continue
        unit = m["unit"]
        if m["lead"] == "前" and unit is None and text[m.end() : m.end() + 1] in _SHARE_SIGNS:
            continue  # 排名前10%: the share reads it
        after = text[m.end() : m.end() + 1]
        verb = _VERB_RE.search(text, max(0, m.start() - 14), m.start())
        if unit is None:
            if verb is None or _LEGAL_RE.match(text, m.end()) or (after and _CJK.match(after)
                                                                   and m["lead"] == "第"):
                continue
        elif m["lead"] == "前" and verb is None and unit not in ("名", "位"):
            continue
        if m["lead"] == "第" and unit == "季" and text.startswith("度", m.end()):
            continue  # 第三季度 is a period
        if unit == "次" and (m["lead"] == "前" or _SITTING_RE.match(text, m.end())):
            continue  # 第四次会议, 第八次局务会: a sitting
        if unit == "位" and _IDIOM_RE.search(text, max(0, m.start() - 3 - _IDIOM_REACH), m.start()):
            continue  # 放在第一位: first priority
        if (unit == "位" and value == 1 and verb is None and text[max(0, m.start() - 1) : m.start()] in _COPULAS
                and not (after and _CJK.match(after))):
            continue  # 以安全为第一位: first priority
        scope = None
        if verb is not None and verb["scope"] and verb["scope"].startswith(_SCOPE_START):
            scope = verb["scope"]
        yield Candidate(
            start=m.start(), end=m.end(), type="rank", amount=value, value=format_decimal(value),
            unit=unit, qualifier="le" if m["lead"] == "前" else "exact", scope=scope,
            number_text=num_text, unit_text=unit, priority=2, core_start=m.start("num"),
            core_end=m.end("num"),
        )
