"""The way a sentence is about: what a bare 全长 or 宽 measures.

A length after a bare measure of a way (全长5公里, 宽12米) with no owner before it in its clause
measures the road, canal or line an earlier clause of the sentence names: the noun phrase
before a way copula that opens it (望岳路为城市次干路，全长约620米 → 望岳路; 该路位于…，道路可连接
宋家桥村，全长1.3km → 该路), else the name that clause reads (近期建设巴陵西路至南站南段，全长1360米
→ 巴陵西路至南站南段), where it ends in a word of a way (``way_heads``). A clause naming where the
way runs (北至先导路，南至建兴路) names no way.
"""

from __future__ import annotations

import re

from pipeline.linking.lexicon import ASIDE_RE, WAY_BOUNDS, WAY_COPULAS, WAY_HEADS, WAY_TOPIC_RE
from pipeline.linking.phrases import read_before, tidy
from pipeline.linking.words import tag

_CLAUSE_SPLIT_RE = re.compile(r"[，,；;：:。]")
_DIGIT_RE = re.compile(r"[0-9０-９]")
_VERB_TAGS = frozenset({"v", "vn"})  # 近期建设巴陵西路至南段: a clause, not a name


def way_topic(text: str, start: int, end: int) -> str | None:
    """The way named by the clauses of ``text[start:end]`` nearest ``end`` first; None where
    none ends in a word of a way.

    >>> way_topic("望岳路为南北向城市次干路，全长", 0, 15), way_topic("北至先导路，南至建兴路，全长", 0, 14)
    ('望岳路', None)
    """
    clauses = _CLAUSE_SPLIT_RE.split(text[start:end])
    for clause in reversed(clauses[:-1]):  # the last is the measure's own clause
        clause = ASIDE_RE.sub("", clause.strip())  # 新开铺路（绕城高速—C5市路）道路工程
        if not clause or clause.startswith(WAY_BOUNDS) or clause.startswith(WAY_COPULAS):
            continue  # 南至建兴路: where it runs; 系2015年重点工程: what it is
        m = WAY_TOPIC_RE.match(clause)
        name = tidy(m.group(1)) if m is not None else read_before(clause, "length").of
        if name and len(name) > 1 and name.endswith(WAY_HEADS) and not _DIGIT_RE.search(name) \
                and not any(pos in _VERB_TAGS for _, pos in tag(name)):
            return name
    return None
