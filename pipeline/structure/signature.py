"""The closing of a reply: signature agency, date, contact line, 抄送, 答复类别.

Read backwards from the last block until a block of the body; the last body block may
still end in an inline signature (``…支持。A7县交通运输局 2014年5月19日``), which is
peeled off. ``福田区科技和工业信息化局`` / ``2024年9月12日`` /
``(联系人： 集群发展科，联系电话： 82918474)`` → agency, date, contact unit and phone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from pipeline.structure.blocks import SPACE, Block
from pipeline.structure.dates import date_fragment, date_from_match
from pipeline.structure.lexicon import lexicon
from pipeline.text.numerals import TEN, TENS_CHARS, YEAR_DIGITS
from pipeline.text.regex import alternation

# What may stand between the end of a sentence and a signature on the same line.
_SEPARATORS = rf"。！？!?；;：:，,、{SPACE}"
# What a signature date may follow on its line, when no agency stands before it.
_BEFORE_DATE = frozenset(f"。！？!?；;：:，,、”’」』）)】~～{SPACE}")
# The characters of an agency's name (letters and digits for anonymised ``A7县``).
_AGENCY_CHAR = r"[\u4e00-\u9fffA-Za-z0-9“”（）()·•]"


@dataclass(slots=True)
class Closing:
    """What the closing states, and where the body ends (normalised offsets).

    Read from the end, so the first value found for a field is the one nearest the end.
    """

    first: int = 0  # index of the first closing block
    body_end: int | None = None  # the last body block's new end when a signature was peeled
    agency: str | None = None
    date: dt.date | None = None
    date_seen: bool = False
    contact_unit: str | None = None
    contact_person: str | None = None
    contact_phone: str | None = None
    cc: str | None = None
    reply_category: str | None = None

    def forget_site(self) -> None:
        """A site footer was read: the contact and 抄送 read after it (from the end) are the site's."""
        self.contact_unit = self.contact_person = self.contact_phone = self.cc = None

    def sign(self, signature: Signature) -> None:
        if self.agency is None:
            self.agency = signature.agency
        if signature.has_date and not self.date_seen:
            self.date, self.date_seen = signature.date, True


class Signature(NamedTuple):
    """A signature ending a line: where it starts, its agency and date."""

    cut: int
    agency: str | None
    date: dt.date | None
    has_date: bool  # a date was written, even if it names no real day


@dataclass(frozen=True, slots=True)
class _Patterns:
    agency: re.Pattern[str]
    date_only: re.Pattern[str]
    date_at_end: re.Pattern[str]
    page_note: re.Pattern[str]
    contact_line: re.Pattern[str]
    contact_field: re.Pattern[str]
    cc: re.Pattern[str]
    category: re.Pattern[str]
    admin: re.Pattern[str]
    chrome: re.Pattern[str]
    footer: re.Pattern[str]
    phone: re.Pattern[str]
    garbled_date: re.Pattern[str]


@cache
def patterns() -> _Patterns:
    """The closing patterns, built from the lexicon once."""
    lex = lexicon()
    contact_labels = alternation([*lex.contact.person_and_phone, *lex.contact.person, *lex.contact.unit,
                                  *lex.contact.phone])
    spaced = "|".join(r"\s*".join(map(re.escape, w)) for w in sorted(
        [*lex.contact.person_and_phone, *lex.contact.person, *lex.contact.unit, *lex.contact.phone],
        key=len, reverse=True))
    categories = "".join(re.escape(c) for c in lex.closing.categories)
    return _Patterns(
        agency=re.compile(rf"{_AGENCY_CHAR}*?(?:{alternation(lex.agency.suffixes)})"),
        date_only=re.compile(rf"[{SPACE}]*{date_fragment()}[{SPACE}]*", re.VERBOSE),
        date_at_end=re.compile(rf"{date_fragment()}[{SPACE}]*$", re.VERBOSE),
        page_note=re.compile(rf"[(（]?\s*(?:{alternation(lex.closing.page_notes)})\s*[)）]?"),
        contact_line=re.compile(rf"[(（]?\s*(?:{spaced})\s*[:：]"),
        contact_field=re.compile(
            rf"(?P<label>{spaced})\s*[:：]?\s*(?P<value>(?:(?!(?:{contact_labels}))[^，,；;）)])+)"),
        cc=re.compile(rf"(?:{alternation(lex.closing.cc_labels)})\s*[:：]\s*(?P<cc>.+?)\s*[。.]?"),
        category=re.compile(
            rf"[(（]?\s*(?:(?:{alternation(lex.closing.category_labels)})\s*[:：]?\s*)?"
            rf"(?P<cat>[{categories}])\s*类?\s*[)）]?"
        ),
        admin=re.compile(rf"(?:{alternation(lex.closing.admin_labels)})\s*[:：]"),
        chrome=re.compile(alternation(lex.page.chrome)),
        footer=re.compile(alternation(lex.page.footer)),
        phone=re.compile(r"(?<![0-9])[0-9][0-9\-—－ ]{4,}[0-9](?![0-9])"),
        garbled_date=re.compile(r"\s*(?P<digits>[12][0-9]{3}[0-9]{2,4})\s*日\s*"),
    )


def agency_name(segment: str) -> str | None:
    """``segment`` if it is the whole name of an agency (``A7县环境保护局``), else None."""
    lex = lexicon().agency
    if not lex.min_len <= len(segment) <= lex.max_len or not patterns().agency.fullmatch(segment):
        return None
    if any(word in segment for word in lex.stop_words):
        return None
    return segment


def is_page_note(text: str) -> bool:
    """``(本页无正文)``: a line that is never a paragraph."""
    return patterns().page_note.fullmatch(text) is not None


def is_date_line(text: str) -> bool:
    """A line that is one date and nothing else: never a paragraph."""
    return patterns().date_only.fullmatch(text) is not None


def category_of(text: str) -> str | None:
    """``A`` for a line ``答复类别：A类`` or ``（A类）``."""
    match = patterns().category.fullmatch(text)
    return match["cat"] if match else None


def _contact(text: str, closing: Closing) -> None:
    """``联系人：张三，联系电话：82918474`` · ``联系人及电话：胡可欣 8189213`` ·
    ``联系人：洞口县人民政府办公室 欧阳征寨``: unit, person and phone (digits only)."""
    lex = lexicon().contact
    pats = patterns()
    for m in pats.contact_field.finditer(text):
        label, value = re.sub(r"\s", "", m["label"]), m["value"].strip(f"{SPACE}。.")
        phone = pats.phone.search(value)
        if phone:
            closing.contact_phone = closing.contact_phone or re.sub(r"[^0-9]", "", phone.group())
            value = (value[: phone.start()] + value[phone.end() :]).strip(f"{SPACE}，,、")
        if not value or label in lex.phone:
            continue
        parts = value.split()
        if label in lex.unit or value.endswith(tuple(lex.unit_suffixes)):
            closing.contact_unit = closing.contact_unit or value
        elif len(parts) == 2 and parts[0].endswith(tuple(lex.unit_suffixes)):
            closing.contact_unit = closing.contact_unit or parts[0]
            closing.contact_person = closing.contact_person or parts[1]
        else:
            closing.contact_person = closing.contact_person or value
        if label in lex.person_and_phone and closing.contact_phone is None and (phone := pats.phone.search(text)):
            closing.contact_phone = re.sub(r"[^0-9]", "", phone.group())  # 联系人及电话：侯行传，1898…


def garbled_date(line: str) -> dt.date | None:
    """``2023630日``: a signature date that lost its 年 and 月, read when one split only
    makes a real day (``2023927日`` is 2023-09-27; ``20231110日`` could be 11-10 only)."""
    m = patterns().garbled_date.fullmatch(line)
    if m is None:
        return None
    digits = m["digits"]
    year, rest = int(digits[:4]), digits[4:]
    days = set()
    for cut in (1, 2):
        month, day = rest[:cut], rest[cut:]
        if not 1 <= len(day) <= 2 or (month.startswith("0") and cut == 1):
            continue
        try:
            days.add(dt.date(year, int(month), int(day)))
        except ValueError:
            continue
    return days.pop() if len(days) == 1 else None


def is_chrome(line: str) -> bool:
    """A line of the site around the reply (``上一篇：…``, ``扫一扫``, ``|``, ``电``)."""
    stripped = re.sub(r"[\s|•]", "", line)
    if len(stripped) <= lexicon().page.stray_max:
        return True
    return "。" not in line and patterns().chrome.search(line) is not None  # not 责令其关闭废品店。


def _signature(line: str) -> Signature | None:
    """The signature ending ``line`` (``…支持！A7县交通运输局 2014年5月19日``), if any."""
    pats = patterns()
    # a date ends the line only if its last non-space character can end one: most lines
    # end with 。 and are spared the search, which tries the date at every character
    date_match = pats.date_at_end.search(line) if line.rstrip()[-1:] in _date_last_chars() else None
    cut = date_match.start() if date_match else len(line)
    date = date_from_match(date_match) if date_match else None
    head = line[:cut].rstrip(SPACE)
    seg_start = last_segment_start(head)
    agency = agency_name(head[seg_start:]) if seg_start < len(head) else None
    if agency:
        cut = seg_start
    elif date_match is None or not _date_may_follow(line[:cut]):
        return None  # no signature, or a date inside a sentence (截至2019年5月9日)
    return Signature(cut, agency, date, date_match is not None)


def last_segment_start(head: str) -> int:
    """Where the text after the last separator starts: the match of ``[^separators]*$``,
    found by one ``rfind`` a separator instead of a regex tried at every character."""
    return max(map(head.rfind, _SEPARATORS)) + 1


@cache
def _date_last_chars() -> frozenset[str]:
    """The characters a signature date can end with (日, 号, a digit), spaces aside."""
    return frozenset(["日", "号", *"0123456789", *YEAR_DIGITS, *TEN, *TENS_CHARS])


def _date_may_follow(head: str) -> bool:
    return not head or head[-1] in _BEFORE_DATE or head.endswith(tuple(lexicon().closing.date_may_follow))


def _classify(text: str, closing: Closing) -> bool:
    """Record what a whole closing line states; False when the line is body text."""
    pats = patterns()
    if is_page_note(text) or pats.admin.match(text):
        return True
    if pats.contact_line.match(text):
        _contact(text, closing)
        return True
    if cc := pats.cc.fullmatch(text):
        closing.cc = closing.cc or cc["cc"]
        return True
    if category := category_of(text):
        closing.reply_category = closing.reply_category or category
        return True
    if (garbled := garbled_date(text)) is not None:
        closing.sign(Signature(0, None, garbled, True))
        return True
    signature = _signature(text)
    if signature is None or signature.cut > 0:
        return False
    closing.sign(signature)
    return True


def read_closing(text: str, blocks: list[Block], first_body: int) -> Closing:
    """The closing of the blocks after ``first_body``, read from the end."""
    closing = Closing(first=len(blocks))
    pats = patterns()
    while closing.first > first_body:
        line = blocks[closing.first - 1].text(text)
        if "。" not in line and pats.footer.search(line):
            closing.forget_site()
        elif not (is_chrome(line) and not is_date_line(line)) and not _classify(line, closing):
            break
        closing.first -= 1
    if closing.first > first_body:
        last = blocks[closing.first - 1]
        signature = _signature(last.text(text))
        if signature is not None:
            closing.sign(signature)
            closing.body_end = last.start + signature.cut
    return closing
