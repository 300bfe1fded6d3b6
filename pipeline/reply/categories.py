"""The handling category a reply prints: ``（A类）``, ``19号B类``, ``类别：A``, ``办理结果：已采纳``.

Looked for in the header's and the closing's lines, and in a labelled body line; a single
letter counts only with a label, a 类 or brackets around it, so ``A区``, ``B栋`` or ``4A级``
never do. Returns the form exactly as printed, its scheme and the outcome it maps onto.

>>> read_category(["岳楼政办字〔2021〕10号C类"])
('C类', 'ABCD', 'reference')
>>> read_category(["类别：A"])
('A', 'ABCD', 'solved')
>>> read_category(["B栋居民反映"]) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from pipeline.records import Outcome
from pipeline.reply.lexicon import lexicon
from pipeline.text.regex import alternation

Category = tuple[str, str, Outcome]  # (as printed, scheme, outcome)


@cache
def _pattern() -> re.Pattern[str]:
    cats = lexicon().categories
    letters = "".join(re.escape(f) for s in cats.schemes if s.letters for f in s.forms)
    words = alternation(f for s in cats.schemes if not s.letters for f in s.forms)
    labels = alternation(cats.labels)
    return re.compile(rf"""
        (?:{labels}) \s* [:：]? \s* (?P<labelled>[{letters}](?![A-Za-z0-9])类? | {words})  # 类别：A · 办理结果：已采纳
      | [(（【\[] \s* (?P<bracketed>[{letters}]类|{words}) \s* [)）】\]]                    # （A类） · （已采纳）
      | 号 \s* (?P<numbered>[{letters}]类)                                                 # 10号C类
      | ^ \s* (?P<alone>[{letters}]类|{words}) \s* $                                       # a line of its own
    """, re.VERBOSE)


@cache
def _forms() -> dict[str, tuple[str, Outcome]]:
    return {form: (s.name, outcome) for s in lexicon().categories.schemes for form, outcome in s.forms.items()}


def read_category(lines: Iterable[str]) -> Category | None:
    """The first category printed in ``lines`` (header, closing and labelled lines), or None."""
    pattern, forms = _pattern(), _forms()
    for line in lines:
        m = pattern.search(line)
        if m is None:
            continue
        printed = next(g for g in m.groups() if g)
        key = printed if printed in forms else printed.removesuffix("类")
        if key in forms:
            scheme, outcome = forms[key]
            return printed, scheme, outcome
    return None
