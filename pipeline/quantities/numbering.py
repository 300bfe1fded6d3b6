"""Session, issue and code numbering: the spans in which no quantity of any kind is reported.

县第十七届人民代表大会第四次会议, 政协第十四届三次会议, 第十四届常委会 and 十四届全国人大二次会议
number a congress and its sitting; 《…通知》(第2期) numbers an issue; 索引号：56496117-3/201808-00022
is the code of a page. Neither 第十七届 nor 第四次 nor the 2 of 第2期 is a rank or a count
there, nor 56496117 a phone. Outside these forms a 届 or 期
keeps its meaning (举办第三届运动会, 第三期学前教育行动计划 are ranks). The words are
``[numbering]`` of ``resources/false_friends.toml``.

>>> spans("关于县第十七届人民代表大会第四次会议第66号建议")
[(3, 16)]
"""

from __future__ import annotations

import re

from pipeline.quantities.lexicon import FALSE_FRIENDS
from pipeline.text.numerals import ORDINARY_DIGITS, TEN
from pipeline.text.regex import alternation, spaced_alternation
from pipeline.text.scan import SharedScan

_LEX = FALSE_FRIENDS.numbering
_NUM = f"0-9{ORDINARY_DIGITS}{TEN}百"
_GAP = r"[ \t\r\n]*+"  # a page may break the line inside the numbering
_SITTING = rf"第?[{_NUM}]++(?:{alternation(_LEX.sitting_marks)})"

#: A numeral run with or without 第, then 届, then a body (perhaps with its sitting) or the
#: sitting at once. The plain form begins ``(?<![第…])第?[…]++届``; written to begin with
#: the class of its first character and to start only there (``[…](?<![…].)``), the scan
#: skips in C to a possible start and a long run of numerals is not retried at each of
#: them (tests/test_numbering.py compares the two).
_RUN = rf"[第{_NUM}](?<![第{_NUM}].)(?:(?<=第)[{_NUM}]++|(?<!第)[{_NUM}]*+)"
_RUN_PLAIN = rf"(?<![第{_NUM}])第?[{_NUM}]++"
_SESSION_TAIL = rf"""
    届{_GAP}
    (?:(?:{alternation(_LEX.session_bodies)}){_GAP}(?:{_SITTING})?|{_SITTING})
"""
_SESSION = _RUN + _SESSION_TAIL
#: 届 after a body: 政协第十四届.
_SESSION_AFTER_BODY = rf"(?:{alternation(_LEX.session_before)})[ \t]*+第?[{_NUM}]++届"
#: An issue number in brackets: (第2期).
_ISSUE = rf"[（(]第[{_NUM}]++(?:{alternation(_LEX.issue_units)})[)）]"

#: A code after its label, the label in any spacing (索 引 号): 索引号：56496117-3/201808-00022.
_CODE = (
    rf"(?:{spaced_alternation(_LEX.code_labels)})[ \t\r\n:：•·\-]*+(?:[为是][ :：]*+)?"
    rf"[0-9A-Za-z][0-9A-Za-z/\-—－.]*+"
)

#: A document number with its year written with 年: 交通部令2006年第2号, （2005年A市人民代表大会
#: 常务委员会公告第13号）, 火委发2016年26号. The year is no date there.
_DOCUMENT = (
    rf"[12][0-9]{{3}}年(?:[^，。；：、\s（）()《》“”]{{0,{_LEX.document_reach}}}?(?:{alternation(_LEX.document_kinds)}))?"
    rf"第[0-9{ORDINARY_DIGITS}{TEN}百]++号"
    # ... or its number right after the year, without 第 (火委发2016年26号, 市编办2018年14号文件):
    # no date has a day after its year and no month
    rf"|[12][0-9]{{3}}年[0-9]++号"
    # ... and a number or an issue after its bracketed year (涉新舆情〔2016〕第30期: no rank)
    rf"|[〔\[【（(][12][0-9]{{3}}[〕\]】）)]第?[0-9{ORDINARY_DIGITS}{TEN}百]++(?:{alternation(_LEX.issue_units)}|号)"
)
#: The screen name a reply greets: 网友二天堂：你好.
_SCREEN_NAME = (
    rf"(?:{alternation(_LEX.screen_name_labels)})[^\s，。；：:！!？?“”\"]{{1,14}}?"
    rf"[ \t　]*+[：:，,]?[ \t　\r\n]*+(?=(?:{alternation(_LEX.greetings)}))"
)

_NUMBERING_RES = tuple(
    re.compile(p, re.VERBOSE) for p in (_SESSION, _SESSION_AFTER_BODY, _ISSUE, _CODE, _DOCUMENT, _SCREEN_NAME)
)
#: the patterns above searched by one scan of the text (what each one's ``finditer`` finds)
_NUMBERING_SCAN = SharedScan(_NUMBERING_RES)


def spans(text: str) -> list[tuple[int, int]]:
    """The session and issue numbering in ``text``, sorted by start."""
    hits = _NUMBERING_SCAN.hits(text)
    return sorted(m.span() for i in range(len(_NUMBERING_RES)) for m in hits.finditer(i))
