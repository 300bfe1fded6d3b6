"""The fast paths (bench/README.md, "Throughput") give what the slow, plain ones give.

Each is checked against the straightforward implementation it replaced: pydantic's
``model_dump``, pandas' ``to_csv``, a row-by-row cell conversion; and the quantity
scanners' shortcuts against their full patterns.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline import entities as entities_module
from pipeline import extract
from pipeline.errors import DafuError
from pipeline.export.cells import neutralise_series
from pipeline.export.columns import (
    _fitted,
    _fitting,
    arrow_from_dicts,
    arrow_from_rows,
    cell,
    decimal_text,
    exact_text,
    frame_from_arrow,
    frame_type,
    normalise_columns,
    normalise_rows,
)
from pipeline.export.csv import CsvTableWriter
from pipeline.linking import lexicon as linking_lexicon
from pipeline.linking import topics as topics_module
from pipeline.linking import words as words_module
from pipeline.quantities import dates as dates_module
from pipeline.quantities import engine, enumerators, hedges, measures, numbering, percent, phone, rank
from pipeline.quantities import times as times_module
from pipeline.quantities.base import Candidate
from pipeline.quantities.dates import patterns as dates_patterns
from pipeline.quantities.lexicon import FALSE_FRIENDS, HEDGES, to_decimal
from pipeline.quantities.times import clock as times_clock
from pipeline.quantities.times import days as times_days
from pipeline.quantities.times import patterns as times_patterns
from pipeline.records import copied
from pipeline.reply import cues as reply_cues
from pipeline.reply.lexicon import _anchored
from pipeline.reply.lexicon import lexicon as reply_lexicon
from pipeline.structure import blocks, header, outline, signature
from pipeline.structure.blocks import Block
from pipeline.structure.sentences import sentence_spans, split_sentences
from pipeline.tables import SPECS, dumped, pack
from pipeline.text import clause, numerals
from pipeline.text import normalise as normalise_module
from pipeline.text.regex import alternation, lead_class_alternation
from pipeline.text.scan import FewFirsts, SharedScan, anchored_finditer

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"


def test_fast_paths_records_dump_as_model_dump() -> None:
    doc = extract(SAMPLE.read_text(encoding="utf-8"), doc_id="futian")
    records = [*doc.sections, *doc.sentences, *doc.quantities, *doc.entities]
    assert doc.quantities and doc.entities
    for record in records:
        fast, slow = dumped(record), record.model_dump()
        assert list(fast.items()) == list(slow.items())
        assert [type(v) for v in fast.values()] == [type(v) for v in slow.values()]


def test_fast_paths_document_dumps_through_pydantic() -> None:
    doc = extract("引入超6家央企研发中心", doc_id="d1")
    assert dumped(doc) == doc.model_dump()  # lists of records: not the plain path
    assert isinstance(dumped(doc)["quantities"][0], dict)


QUANTITY_ROWS = [
    {"doc_id": "d", "quantity_id": "q1", "amount": Decimal("2.87E+9"), "amount_float": 2.87e9, "resolved": True,
     "start": 3, "end": 9, "date_start": dt.date(2024, 9, 12), "text": "=28.7亿元"},
    {"doc_id": "d", "quantity_id": "q2", "amount": None, "amount_float": float("nan"), "resolved": None,
     "start": pd.NA, "end": 12, "date_start": "2024-06-01T00:00:00", "text": None},
    {"doc_id": "d", "quantity_id": "q3", "amount": "0.05", "amount_float": 1e16, "resolved": False,
     "start": True, "end": 7.0, "date_end": None, "text": 'a,"b"\n c'},
]


def test_fast_paths_rows_are_cells_converted_one_by_one() -> None:
    spec = SPECS["quantities"]
    expected = [tuple(cell(c.kind, row.get(c.name)) for c in spec.columns) for row in QUANTITY_ROWS]
    assert normalise_rows(spec, QUANTITY_ROWS) == expected
    assert normalise_columns(spec, QUANTITY_ROWS) == [list(col) for col in zip(*expected, strict=True)]
    assert expected[0][spec.names.index("amount")] == "2870000000"
    assert expected[1][spec.names.index("start")] is None


@pytest.mark.parametrize("rows", [
    QUANTITY_ROWS,  # pandas' NA, NaN, a bool in an int column: the plain way
    QUANTITY_ROWS[:1] * 3,  # plain cells: Arrow reads the text columns itself
    [{"doc_id": "d", "quantity_id": "q9", "type": "count", "start": 1, "resolved": False, "amount_float": None}],
    [{"doc_id": 7, "quantity_id": "q1"}],  # a number in a text column
    [],
])
def test_fast_paths_arrow_from_dicts_is_the_plain_path(rows: list[dict[str, object]]) -> None:
    spec = SPECS["quantities"]
    plain = arrow_from_rows(spec, normalise_rows(spec, rows))
    fast = arrow_from_dicts(spec, [dict(row) for row in rows])
    assert fast.schema == plain.schema
    assert fast.to_pylist() == plain.to_pylist()


@settings(max_examples=300, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=None) | st.builds(
    lambda digits, exponent: Decimal(f"{digits}E{exponent}"), st.integers(-10**30, 10**30), st.integers(-20, 20)))
@example(Decimal("1.50000000000000"))
@example(Decimal("0E+30"))
@example(Decimal("99999999999999999999999999.5"))
@example(Decimal("0.0000000000001"))
def test_fast_paths_decimal_cell_text_is_the_digits_and_exponent_reading(number: Decimal) -> None:
    def reading(read: Callable[[Decimal], str]) -> str:
        try:
            return read(number)
        except ValueError:
            return "ValueError"

    assert reading(_fitting) == reading(_fitted)


def test_fast_paths_bad_cell_names_its_row() -> None:
    rows = [{"doc_id": "d", "start": 1}, {"doc_id": "d", "amount": "many"}]
    with pytest.raises(DafuError, match=r"table quantities: row 1: 'many' is not a number"):
        normalise_rows(SPECS["quantities"], rows)
    with pytest.raises(DafuError, match=r"table quantities: row 1: 'many' is not a number"):
        arrow_from_dicts(SPECS["quantities"], rows)
    with pytest.raises(DafuError, match=r"table quantities: row 1: 'many' is not a number"):
        pack("quantities", rows)


def test_fast_paths_csv_is_what_pandas_writes(tmp_path: Path) -> None:
    spec = SPECS["quantities"]
    table = arrow_from_rows(spec, normalise_rows(spec, QUANTITY_ROWS))
    writer = CsvTableWriter(spec, tmp_path / "q.csv")
    writer.write_arrow(table)
    writer.close()
    frame = frame_from_arrow(spec, table)
    for name in spec.of_kind("string"):
        frame[name] = neutralise_series(frame[name])
    for name in spec.of_kind("decimal"):  # the exact shortest text, not the twelve places pandas writes
        frame[name] = [None if pd.isna(d) else format(d.normalize(), "f") for d in frame[name]]
    expected = io.StringIO()
    csv.writer(expected, lineterminator="\n").writerow(spec.names)
    frame.to_csv(expected, header=False, index=False, lineterminator="\n")
    written = (tmp_path / "q.csv").read_text(encoding="utf-8-sig")
    assert written == expected.getvalue()
    assert "'=28.7亿元" in written and "1e+16" in written


@settings(max_examples=300, deadline=None)
@given(st.lists(st.none() | st.decimals(min_value=Decimal("-1E+25"), max_value=Decimal("1E+25"), places=12,
                                        allow_nan=False, allow_infinity=False), max_size=30))
@example([Decimal(0), Decimal("0.0000000218"), Decimal("2870000000"), Decimal("-0.000000000001"), None])
def test_fast_paths_decimal_text_by_arrow_equals_decimal_text(numbers: list[Decimal | None]) -> None:
    column = pa.array([None if d is None else format(d, "f") for d in numbers], pa.string()).cast(frame_type("decimal"))
    assert exact_text(column).to_pylist() == [None if d is None else decimal_text(d) for d in column.to_pylist()]


def test_fast_paths_csv_writes_a_column_without_risky_cells_unchanged(tmp_path: Path) -> None:
    spec = SPECS["problems"]
    table = pa.table({n: pa.array(["x", None], pa.string()) for n in spec.names})
    writer = CsvTableWriter(spec, tmp_path / "p.csv")
    writer.write_arrow(table)
    writer.close()
    assert (tmp_path / "p.csv").read_text(encoding="utf-8-sig").splitlines()[1:] == [
        ",".join(["x"] * len(spec.names)), ",".join([""] * len(spec.names))]


SENTENCE_CASES = ["他说：“下雨了。”我们走。好", "甲。乙！丙？？”丁；", "“一。二。”三", "无标点", "。。"]


def _sentences_scanned(text: str) -> list[str]:
    """The per-character scan the regex search replaced."""
    from pipeline.structure.blocks import inside, quote_spans
    from pipeline.structure.sentences import CLOSERS, SPACE, TERMINATORS, _end_after

    quotes, cuts, i = quote_spans(text, 0, len(text)), [], 0
    while i < len(text):
        if text[i] in TERMINATORS:
            quote = inside(quotes, i)
            if quote is None or all(ch in CLOSERS or ch in SPACE or ch in TERMINATORS
                                    for ch in text[i + 1:quote[1]]):
                i = _end_after(text, (i if quote is None else quote[1]) + 1, len(text))
                cuts.append(i)
                continue
        i += 1
    pieces, pos = [], 0
    for cut in sorted({*cuts, len(text)}):
        if cut > pos and text[pos:cut].strip():
            pieces.append(text[pos:cut].strip())
        pos = cut
    return pieces


@pytest.mark.parametrize("text", SENTENCE_CASES, ids=repr)
def test_fast_paths_sentences_cut_as_a_character_scan(text: str) -> None:
    assert [s.text(text) for s in split_sentences(text, Block(0, len(text)))] == _sentences_scanned(text)


# The quantity scanners' shortcuts (bench/README.md, "Throughput") give what the full
# patterns give, on texts made of the characters that matter to each.
_NUMERAL_TEXT = st.text(alphabet="0123456789,.一二三四五六七八九十百千万亿零〇两点廿壹拾佰萬億年月个元余多人民币 \n第+",
                        max_size=40)
_SHORTCUTS = settings(max_examples=400, deadline=None)


@_SHORTCUTS
@given(_NUMERAL_TEXT)
def test_fast_paths_number_scan_finds_what_number_finds(text: str) -> None:
    plain = [m.span() for m in re.compile(numerals.NUMBER).finditer(text)]
    assert [m.span() for m in re.compile(numerals.NUMBER_SCAN).finditer(text)] == plain


@_SHORTCUTS
@given(_NUMERAL_TEXT)
def test_fast_paths_numerals_skipped_read_as_nothing(text: str) -> None:
    for m in re.compile(numerals.NUMBER).finditer(text):
        start, end = m.span()
        if not measures._reads_as_nothing(text, start, end):
            continue
        try:
            reading = measures._Reading(text, start, end)
        except numerals.NumeralError:
            continue
        assert measures._candidate(text, start, reading) is None, (text, start, end)


@_SHORTCUTS
@given(st.text(alphabet="0123456789.一二三十两半对打成折分之百点 ", max_size=20))
@example("十成")
@example("占总数的七八成，打对折，9.5成，三成半，75折，百分之五到十，三分之二")
def test_fast_paths_percent_gates_drop_no_reading(text: str) -> None:
    def spans(cands: object) -> list[tuple[int, int, object]]:
        return [(c.start, c.end, c.value) for c in cands]  # type: ignore[attr-defined]

    ungated = [*percent._fractions(text), *percent._cheng(text), *percent._zhe(text)]
    assert spans(percent.find(text, measures.Context())) == spans(ungated)


@_SHORTCUTS
@given(st.text(alphabet="0123456789-—（）() a.电话\n", max_size=30))
@example("电话：0755-82345678，13912345678，400-123-4567，（0755）82345678，a13912345678，22345678")
def test_fast_paths_phone_scan(text: str) -> None:
    plain = re.compile(phone._PLAIN, re.VERBOSE)
    assert [m.span() for m in phone._PHONE_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


@_SHORTCUTS
@given(st.text(alphabet="ab一（#。，：\n\r \t", max_size=40))
@example("第一行没有\n写完\n\n一、标题\r\n  续行")
def test_fast_paths_broken_lines_found_where_lines_end(text: str) -> None:
    plain = [m.span() for m in normalise_module._BROKEN_LINE.finditer(text)]
    assert [m.span() for m in normalise_module._broken_lines(text)] == plain


@_SHORTCUTS
@given(st.text(alphabet="19一〇年月ab（。，\n\r \t", max_size=40))
@example("201\n9年6月3日，2019年\n6月\r\n  二〇一\n九年")
def test_fast_paths_both_line_break_patterns_found_in_one_pass(text: str) -> None:
    patterns = (normalise_module._BROKEN_LINE, normalise_module._NUMBER_BREAK)
    found = list(normalise_module._broken_lines(text, patterns))
    assert [m.start() for m in found] == sorted(m.start() for m in found)
    for pattern in patterns:
        assert [m.span() for m in found if m.re is pattern] == [m.span() for m in pattern.finditer(text)]


@_SHORTCUTS
@given(st.text(alphabet="０１２ＡＺ％，：（）\u3000＂a1 ", max_size=30))
def test_fast_paths_fold_is_translate(text: str) -> None:
    table = str.maketrans(normalise_module._FOLDABLE)
    assert normalise_module._fold(text) == text.translate(table)


_LINE = st.text(alphabet="A局县2014年5月19日号一〇十，。：、 \t\u3000\n", max_size=30)


@_SHORTCUTS
@given(_LINE)
def test_fast_paths_last_segment_is_the_tail_pattern(head: str) -> None:
    m = re.compile(rf"[^{signature._SEPARATORS}]*$").search(head)
    assert m is not None and signature.last_segment_start(head) == m.start()


@_SHORTCUTS
@given(_LINE)
@example("此复。A7县交通运输局 2014年5月19日 \n")
def test_fast_paths_date_gate_skips_no_signature_date(line: str) -> None:
    if line.rstrip()[-1:] not in signature._date_last_chars():
        assert signature.patterns().date_at_end.search(line) is None


def _same_matches(fast: re.Pattern[str], plain: str, text: str) -> None:
    want = [(m.span(), m.groupdict()) for m in re.compile(plain, fast.flags).finditer(text)]
    assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == want


@_SHORTCUTS
@given(st.text(alphabet="星期礼拜周一二三日天每上个次末5.，", max_size=20))
def test_fast_paths_weekday_scan(text: str) -> None:
    tp = times_patterns
    plain = (rf"(?<![{tp.NUMERAL_CHARS}每个上下本这])(?P<wp>{tp._WEEK_PREFIX})(?P<wd>[{tp._WEEK_DAYS}])"
             rf"(?![{tp.NUMERAL_CHARS}次回遍趟个批项人名年岁期边末])")
    _same_matches(tp.RE_WEEKDAY, plain, text)


@_SHORTCUTS
@given(st.text(alphabet="0159十一点时:：a ", max_size=20))
def test_fast_paths_clock_anchor_scan(text: str) -> None:
    plain = r"(?<=[0-9零〇一二两三四五六七八九十])[点时]|(?<=[0-9])[:：](?=[0-5][0-9])"
    _same_matches(times_patterns.RE_CLOCK_ANCHOR, plain, text)


@_SHORTCUTS
@given(st.text(alphabet="。：）一1、.①  \t\u3000_x000Da", max_size=30))
@example("第一段。  二、第二段_x000D_第三段   （三）")
def test_fast_paths_inner_break_scan(text: str) -> None:
    b = blocks
    plain = (rf"(?:(?<=[{b._BREAK_AFTER}])(?:[{b.SPACE}]{{2,}}|{b.CR_TEXT})"
             rf"|[{b.SPACE}]{{2,}}(?={b._MARKER_AHEAD})|{b.CR_TEXT})")
    _same_matches(b.RE_INNER_BREAK, plain, text)
    for lo in range(len(text)):  # split_blocks scans line by line, with pos and endpos
        if lo and text[lo - 1] in b.SPACE:
            continue  # a line never starts inside a run of spaces (it starts after a newline)
        want = [m.span() for m in re.compile(plain).finditer(text, lo, len(text) - lo // 2)]
        assert [m.span() for m in b.RE_INNER_BREAK.finditer(text, lo, len(text) - lo // 2)] == want


# The false-friend patterns that begin with a run start only at its first character;
# written plainly, the run is ``[…]++``.
_FRIEND_RUNS = {
    "[一二三四五六七八九十](?<![一二三四五六七八九十].)[一二三四五六七八九十]*+": "[一二三四五六七八九十]++",
    "[0-9](?<![0-9].)[0-9]*+": "[0-9]++",
}


def test_fast_paths_false_friend_runs_are_rewritten() -> None:
    used = {fast for fast in _FRIEND_RUNS if any(p.startswith(fast) for p in FALSE_FRIENDS.patterns)}
    assert used == set(_FRIEND_RUNS)  # each rewritten run is still in use (several patterns may share one)


@_SHORTCUTS
@given(st.text(alphabet="0123456789一二三四五六七八九十届次中全会号〔〕 a", max_size=30))
@example("六届四次会议，党的二十届三中全会，〔2023〕45号，2024079 号，十十届一一次")
def test_fast_paths_false_friend_runs_match_as_plain(text: str) -> None:
    for fast in FALSE_FRIENDS.patterns:
        plain = fast
        for run, plain_run in _FRIEND_RUNS.items():
            plain = plain.replace(run, plain_run)
        assert [m.span() for m in re.finditer(fast, text)] == [m.span() for m in re.finditer(plain, text)]


@_SHORTCUTS
@given(st.text(alphabet="。；：:一二、是（1.)①a \t\u3000", max_size=30), st.integers(0, 5), st.integers(0, 5))
@example("甲。一是乙：\u3000（1）丙；a二、丁。 ①", 0, 0)
def test_fast_paths_inline_item_gaps(text: str, lo: int, cut: int) -> None:
    # the gaps a marker is tried at: every plain gap where the marker pattern matches
    start, end = min(lo, len(text)), max(min(lo, len(text)), len(text) - cut)
    plain = re.compile(rf"(?<=[{outline._BOUNDARY}])[{blocks.SPACE}]*")
    gaps = [m.end() for m in plain.finditer(text, start + 1, end)] if start + 1 <= end else []
    fast = [m.end() for m in outline._inline().finditer(text, start, end)]
    assert set(fast) <= set(gaps)
    assert [g for g in gaps if outline._marker().match(text, g, end)] == [
        g for g in fast if outline._marker().match(text, g, end)]


@_SHORTCUTS
@given(st.text(alphabet="。！？；;”“」「）)a \u3000\"", max_size=30))
@example("他说：“下雨了。”我们走。好")
def test_fast_paths_sentences_cut_by_one_scan(text: str) -> None:
    assert [s.text(text) for s in split_sentences(text, Block(0, len(text)))] == _sentences_scanned(text)


def _spans_sorted_with_every_cut(text: str, block: Block, starts: list[int]) -> list[tuple[int, int]]:
    """Sentence spans as ``split_sentences`` cut them before ``sentence_spans``: every cut, the item
    starts and the block's end in one set, sorted; each piece between two cuts stripped of spaces."""
    from pipeline.structure.sentences import SPACE, _cuts

    spans, pos = [], block.start
    for cut in [c for c in sorted({*_cuts(text, block), *starts, block.end}) if block.start < c <= block.end]:
        piece = text[pos:cut]
        lead, kept = len(piece) - len(piece.lstrip(SPACE)), piece.strip(SPACE)
        if kept:
            spans.append((pos + lead, pos + lead + len(kept)))
        pos = cut
    return spans


@_SHORTCUTS
@given(st.text(alphabet="。！？；;”“」「）)a \u3000\"", max_size=30), st.integers(0, 30), st.integers(0, 30),
       st.lists(st.integers(0, 30), max_size=3))
@example("他说：“下雨了。”我们走。好", 1, 14, [5])
def test_fast_paths_sentence_spans_as_every_cut_sorted(text: str, a: int, b: int, starts: list[int]) -> None:
    """The sentences' spans without a set and sort of the cuts where no item starts inside (the ends
    one scan finds are in order already) and without a ``Block`` per sentence: the same spans."""
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    if start == end:
        return
    block = Block(start, end)
    inner = sorted({s for s in starts if start < s < end})
    assert sentence_spans(text, block, inner) == _spans_sorted_with_every_cut(text, block, inner)
    assert sentence_spans(text, block) == _spans_sorted_with_every_cut(text, block, [])


@_SHORTCUTS
@given(st.text(alphabet="尊敬的张三李和、，,委员同志网友“U08”：: 您好一等（）1位\u3000", max_size=24),
       st.integers(0, 3))
@example("尊敬的张立勤和王五委员和李四同志：您好", 0)
@example("和和和和和和和和和和和和和和，一委员", 0)
@example("闫 冰、张三 委员：", 0)
@example("网友“UU008846”  您好！", 0)
@example("000””:", 3)
def test_fast_paths_salutation_names_tried_once_match_as_the_regex(text: str, start: int) -> None:
    pats = header.patterns()
    one_name = r"[\u4e00-\u9fff](?:[ \u3000]?[\u4e00-\u9fff]){1,3}"  # 闫 冰: padded as printed
    names = rf"(?P<name>{one_name}(?:[、，,和]{one_name})*)"
    after_names = pats.after_names.pattern.replace("(?P<colon>", "(?P<colon2>")
    plain = re.compile(rf"""(?:尊敬的|亲爱的)? [{blocks.SPACE}]*
                            (?: {pats.salutation.pattern} | {names} {after_names} )""", re.VERBOSE)
    start = min(start, len(text))
    m = plain.match(text, start, len(text))
    found = header._match(text, start, len(text))
    if m is None:
        assert found is None
    else:
        groups = m.groupdict()
        colon2 = groups.pop("colon2")
        groups["colon"] = groups["colon"] or colon2
        assert found == (groups, m.end())


@_SHORTCUTS
@given(st.text(alphabet="“”「」『』\"＂a", max_size=30), st.integers(0, 3), st.integers(0, 3))
@example("“a“b”c”“d「e」『f\"g＂h\"", 0, 0)
def test_fast_paths_quote_partners_found_in_one_pass(text: str, lo: int, cut: int) -> None:
    def scanned(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
        # the scan the one pass replaced: from each opener, look for its partner
        marks = [(m.start(), m.group()) for m in blocks._QUOTE_MARK.finditer(text, start, end)]
        spans, k = [], 0
        while k < len(marks):
            pos, ch = marks[k]
            closer = blocks.QUOTE_PAIRS.get(ch) or (ch if ch in blocks.QUOTE_TOGGLES else None)
            depth, close = 0, None
            for j in range(k + 1, len(marks)) if closer else ():
                if marks[j][1] == closer:
                    if depth == 0:
                        close = j
                        break
                    depth -= 1
                elif marks[j][1] == ch and ch != closer:
                    depth += 1
            if close is not None:
                spans.append((pos, marks[close][0]))
                k = close + 1
            else:
                k += 1
        return tuple(spans)

    start, end = min(lo, len(text)), max(min(lo, len(text)), len(text) - cut)
    assert blocks.quote_spans(text, start, end) == scanned(text, start, end)


@_SHORTCUTS
@given(st.text(alphabet="“”\"a。", max_size=30))
def test_fast_paths_inside_a_quotation_by_bisection(text: str) -> None:
    def looped(spans: tuple[tuple[int, int], ...], pos: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in spans if a < pos < b), None)  # the loop bisection replaced

    spans = blocks.quote_spans(text, 0, len(text))
    for pos in range(len(text) + 1):
        assert blocks.inside(spans, pos) == looped(spans, pos)


_CUE_WORDS = sorted({w for label in reply_cues.CUE_LABELS for w in getattr(reply_lexicon().cues, label).words}
                    | set(reply_lexicon().commitment.promise))
_CUE_FILLER = list("已经将于不符合转交待计划争取您，。；的12月日完成处理标准范围内后再")
_CUE_TEXT = st.lists(st.one_of(st.sampled_from(_CUE_WORDS), st.sampled_from(_CUE_FILLER)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_CUE_TEXT)
@example("已经转交县局核实，将于3月5日完成修复；不符合标准，不在拆迁范围之内")
def test_fast_paths_cue_parts_match_as_their_alternation(text: str) -> None:
    for label in reply_cues.CUE_LABELS:
        cue = getattr(reply_lexicon().cues, label)
        fast = [m.span() for m in reply_cues._alternation_matches(cue.parts, text)]
        assert fast == [m.span() for m in cue.regex.finditer(text)], label


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["感谢", "您的", "关心", "收悉", "现将", "答复如下", "特此", "您好", "：", "。", "，",
                                 "如有", "疑问", "欢迎", "继续", "监督", "祝您", "尊敬的", "网友", "经核实", "问题"]),
                max_size=14).map("".join))
def test_fast_paths_boilerplate_parts_find_what_the_joined_pattern_finds(text: str) -> None:
    b = reply_lexicon().boilerplate
    assert any(p.search(text) for p in b.parts) == (b.regex.search(text) is not None)


def test_fast_paths_anchored_pattern_is_one_without_a_branch_outside_groups() -> None:
    assert _anchored("^(?:感谢|谢谢)") and _anchored(r"^[|]a") and _anchored(r"^\|a")
    assert not _anchored("^感谢|谢谢") and not _anchored("感谢")


def test_fast_paths_copied_record_is_model_copy() -> None:
    q = extract("引入超6家央企研发中心").quantities[0]
    update = {"status": "planned", "status_cue": "将", "of": "研发中心"}
    fast, slow = copied(q, update), q.model_copy(update=update)
    assert fast == slow and fast.__pydantic_fields_set__ == slow.__pydantic_fields_set__
    assert fast.model_dump() == slow.model_dump() and q.status != "planned"


# Session 6, quantities: C-level guards before the per-number regex searches give what the
# searches alone give.
@_SHORTCUTS
@given(st.text(alphabet="人民币RMB￥¥$USHK€£美元港 \n3五", max_size=12))
@example("人民币 \n5")
@example("HK$ 3")
def test_fast_paths_currency_guard_misses_no_sign(text: str) -> None:
    for start in range(len(text) + 1):
        plain = measures._CURRENCY_BEFORE.search(text, max(0, start - 4), start)
        fast = measures._currency_before(text, start)
        assert (fast and fast.group()) == (plain and plain.group()), (text, start)


def _plain_context(text: str, cand: Candidate) -> str | None:
    """hedges._context before its one-search guard."""
    window = text[max(0, cand.start - hedges._CONTEXT_WINDOW) : cand.start]
    breaks = list(hedges._CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    hits = list(hedges._CONTEXT_BEFORE_RE.finditer(window))
    if hits:
        last = hits[-1]
        between = window[last.end() :]
        near = len(last.group()) > 1 or hedges._FILLER_RE.fullmatch(between)
        word = hedges._NOT_HEDGE_RE.search(window, max(0, last.end() - 4), last.end())
        if near and word is None and not hedges._DIGIT.search(between):
            return HEDGES.context_before[last.group()]
    after = hedges._CONTEXT_AFTER_RE.match(text, cand.end)
    if after is not None:
        return HEDGES.context_after[after.group()]
    gapped = hedges._GAPPED_AFTER_RE.match(text, cand.end)
    return HEDGES.context_after_gapped[gapped["word"]] if gapped else None


_HEDGE_TEXT = st.text(alphabet="约为大概不超过了没有至少最高突破起码，。签项目5个3以上左右范围内\n", max_size=16)


@_SHORTCUTS
@given(_HEDGE_TEXT)
@example("签约项目5")
@example("约\n10平方米")
@example("没超过了5")
@example("大约为，约5")
def test_fast_paths_hedge_guards_miss_no_hedge(text: str) -> None:
    for start in range(1, len(text) + 1):
        cand = Candidate(start=start, end=start, type="count")
        assert hedges._context(text, cand) == _plain_context(text, cand), (text, start)
        if text[start - 1] not in hedges._PREFIX_ENDS:
            assert hedges._PREFIX_RE.search(text, max(0, start - 6), start) is None, (text, start)


@_SHORTCUTS
@given(st.text(alphabet="每户人月年个补贴发5元，。", max_size=16))
@example("每户补贴500元")
def test_fast_paths_per_before_guard_misses_no_per(text: str) -> None:
    for start in range(len(text) + 1):
        m = engine._PER_BEFORE_RE.search(text, max(0, start - 10), start)
        assert engine._per_before(text, start) == (m["per"] if m else None), (text, start)


@_SHORTCUTS
@given(st.text(alphabet="香港大学中心局（南方）()，推动的a 1", max_size=40))
@example("推动中国（南方）知识产权运营中心，研究院(福田)局")
def test_fast_paths_entity_head_found_by_reversed_search(text: str) -> None:
    from pipeline import entities

    def walked(pos: int) -> int:  # the character walk the reversed search replaced
        start, limit = pos, max(0, pos - entities._LONGEST_HEAD)
        while start > limit:
            ch = text[start - 1]
            if ch in "）)":
                paren = entities._PAREN_INSIDE.search(text, max(0, start - entities.LEX.max_parenthetical - 2), start)
                if paren and paren.start() > limit:
                    start = paren.start()
                    continue
            if ch in entities.LEX.boundary_chars or not entities._HAN.match(ch):
                break
            start -= 1
        return max([start, *(b.end() for b in entities._BOUNDARY_RE.finditer(text, start, pos))])

    for pos in range(len(text) + 1):
        assert entities._head_start(text, pos) == walked(pos)


_FRIEND_PLAIN = [re.compile(p) for p in FALSE_FRIENDS.patterns]


def _friend_spans_plain(text: str) -> list[tuple[int, int]]:
    return sorted(m.span() for rx in _FRIEND_PLAIN for m in rx.finditer(text))


def test_fast_paths_false_friends_share_run_scans() -> None:
    scans = engine._FALSE_FRIEND_SCANS
    grouped = len(_FRIEND_PLAIN) - len(scans.alone.patterns)
    assert grouped >= 10 and len(scans.runs) >= 2  # the run patterns do share scans


@_SHORTCUTS
@given(st.text(alphabet="0123456789一二三十栋幢单元组层级号区间、和至- 村民楼下为残疾第类a", max_size=40))
@example("8栋2单元，3栋与2栋之间，9栋10栋11栋，1-10栋，1-15层为商业，十一组居民，氽溪村6组、7组、8组")
@example("11、12栋共48户，3、4层为办公，1-2级残疾人，星沙2区30栋，901区间，2024079 号，12栋楼下")
@example("共有82栋，新建3栋厂房，分成3组，共18层，分为3级，一二三栋，12 号3号")  # near-misses and neighbours
def test_fast_paths_false_friend_run_scans_match_separate_scans(text: str) -> None:
    # one scan per run class, then each member where it can go on, finds what each pattern's
    # own finditer finds: the same spans, overlapping ones of different patterns included
    assert sorted(engine._FALSE_FRIEND_SCANS.spans(text)) == _friend_spans_plain(text)


# Whole-text scans rewritten to begin with a class of first characters (or a branch of
# literals), which the regex engine scans for in C: each against the plain pattern it
# replaced. (bench/README.md, "Throughput, session 8".)
def _plain_scans() -> dict[str, tuple[re.Pattern[str], str]]:
    tp = times_patterns
    grade = next(p for p in FALSE_FRIENDS.patterns if p.endswith("班") and "(?<=年)级" in p)
    return {
        "cue": (clause._CUE_RE, alternation(clause._KIND)),
        "target": (linking_lexicon.TARGET_RE, alternation(linking_lexicon.PRED.target_markers)),
        "per": (linking_lexicon.PER_RE, alternation(linking_lexicon.PHRASE.per_markers)),
        "weekday range": (tp.RE_WEEKDAY_RANGE, tp.RE_WEEKDAY_RANGE.pattern.replace(
            lead_class_alternation(tp.TIMES.weekdays.prefixes, optional_lead="每"), f"每?(?:{tp._WEEK_PREFIX})")),
        "grade": (re.compile(grade), grade.replace(
            "[初年高](?:(?<=年)级|(?<=[高初])[一二三])", "(?:年级|[高初][一二三])")),
    }


def test_fast_paths_scans_are_rewritten() -> None:
    for name, (fast, plain) in _plain_scans().items():
        assert fast.pattern != plain, name  # each rewrite is still in place


_SCAN_WORDS = sorted({*clause._KIND, *linking_lexicon.PRED.target_markers, *linking_lexicon.PHRASE.per_markers,
                      "星期", "礼拜", "周", "每", "年级", "高", "初", "班"})
_SCAN_FILLER = list("一二三四五六日天至到—-～（(）)0123年级班每星期拜礼周的，。；将已在 ")
_SCAN_TEXT = st.lists(st.one_of(st.sampled_from(_SCAN_WORDS), st.sampled_from(_SCAN_FILLER)), max_size=40).map("".join)


@settings(max_examples=500, deadline=None)
@given(_SCAN_TEXT, st.integers(0, 8), st.integers(0, 8))
@example("已经转交县局核实，力争3月5日前完成，目标是每人每月2次", 0, 0)
@example("每周一至周五，星期一到星期三，周六至日，每礼拜二～四，下周一至周三，每每周一到三", 0, 0)
@example("三年级2班，高二（3）班，初一8班，年级共有2个班，高年级班", 0, 0)
def test_fast_paths_scans_match_as_plain(text: str, lo: int, cut: int) -> None:
    for name, (fast, plain) in _plain_scans().items():
        slow = re.compile(plain, fast.flags)
        hi = max(0, len(text) - cut)
        assert ([(m.span(), m.groupdict()) for m in fast.finditer(text, lo, hi)]
                == [(m.span(), m.groupdict()) for m in slow.finditer(text, lo, hi)]), name
        assert [m and m.span() for m in map(fast.match, [text] * len(text), range(len(text)))] == [
            m and m.span() for m in map(slow.match, [text] * len(text), range(len(text)))], name
        assert fast.sub("", text) == slow.sub("", text), name


_EXTERNAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpora-external"


@pytest.mark.skipif(not _EXTERNAL.exists(), reason="needs ../shared/corpora-external")
def test_fast_paths_scans_match_as_plain_on_the_external_corpora() -> None:
    scans = [(name, fast, re.compile(plain, fast.flags)) for name, (fast, plain) in _plain_scans().items()]
    for path in sorted(_EXTERNAL.glob("*/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            for name, fast, slow in scans:
                assert ([(m.span(), m.groupdict()) for m in fast.finditer(text)]
                        == [(m.span(), m.groupdict()) for m in slow.finditer(text)]), (name, path.name)


# One shared scan of a text for several patterns (pipeline/text/scan.py) finds what each
# pattern's own scan finds: every finditer match (those overlapping another pattern's
# included) and the search from every position. (bench/README.md, "Throughput, session 11".)
_SCAN_POOL = [
    r"[0-9]+栋", r"[0-9]+(?=栋楼)", r"负[0-9]+层", r"栋楼?", r"[0-9](?<![0-9].)[0-9]*+号",
    r"(?<=于)[0-9]{1,2}月(?:[0-9]{1,2}日)?", r"(?P<y>[12][0-9]{3})年(?P<m>[0-9]{1,2})月",
    r"第(?:[0-9]+|[一二三]+)(?:届|次)", r"(?:小区|花园)[0-9一二三]++[栋号]", r"[一二三](?<![0-9一二三].)月",
    r"^[0-9]+、", r"(?m)^[一二三]是", r"[0-9]+\.[0-9]+|[一二三]成", r"楼\s*下", r"(楼|层)[0-9]",
    r"[0-9]+ # a number\n (?:栋|层)", r"(?:[0-9]+)?栋", r"[0-9]*栋?", r"\d+号",
]
_SCAN_FLAGS = {r"[0-9]+ # a number\n (?:栋|层)": re.VERBOSE}
_SCAN_TEXT = st.text(alphabet="0123456789一二三栋楼层号下负于月日年第届次小区花园成、是.\n ", max_size=50)


def _scan_patterns(sources: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p, _SCAN_FLAGS.get(p, 0)) for p in sources]


def _assert_scan_same(patterns: list[re.Pattern[str]], text: str) -> None:
    hits = SharedScan(patterns).hits(text)
    for i, pattern in enumerate(patterns):
        assert [m.span() for m in hits.finditer(i)] == [m.span() for m in pattern.finditer(text)], pattern.pattern
        for pos in range(len(text) + 1):
            fast, plain = hits.search(i, pos), pattern.search(text, pos)
            assert (fast and (fast.span(), fast.groupdict())) == (plain and (plain.span(), plain.groupdict()))


@_SHORTCUTS
@given(st.lists(st.sampled_from(_SCAN_POOL), min_size=1, max_size=8), _SCAN_TEXT)
@example(_SCAN_POOL[:4], "12栋楼下, 负2层, 3栋楼")  # one place matched by three patterns at once
@example([r"(?:[0-9]+)?栋", r"[0-9]*栋?", r"\d+号"], "12栋3号")  # may match empty / a category: searched on their own
def test_fast_paths_shared_scan_finds_what_separate_scans_find(sources: list[str], text: str) -> None:
    _assert_scan_same(_scan_patterns(sources), text)


def test_fast_paths_shared_scan_joins_what_it_can() -> None:
    scan = SharedScan(_scan_patterns(_SCAN_POOL))
    alone = {p.pattern for p, f in zip(scan.patterns, scan.firsts, strict=True) if f is None}
    assert alone == {r"[0-9]*栋?", r"\d+号", r"(?m)^[一二三]是"}  # may match empty; a category; inline flags
    assert SharedScan([r"([0-9])栋\1"]).firsts == [None]  # a back-reference
    assert SharedScan([re.compile("a栋", re.IGNORECASE)]).firsts == [None]  # folded case


_SCAN_GROUPS = {
    "dates": [dates_patterns.RE_FALSE_FRIEND, dates_patterns.RE_FREQUENCY, *(f[0] for f in dates_module.FORMS)],
    "numbering": list(numbering._NUMBERING_RES),
    "false friends": list(engine._FALSE_FRIEND_SCANS.alone.patterns),
    "reply cues": list(reply_cues._shared_scan().patterns),
}
_GROUP_TEXT = st.lists(st.one_of(
    st.sampled_from(["2019年", "5月", "10日", "上半年", "今年", "近三年", "一年四季", "第十三届", "三次会议",
                     "〔2016〕30号", "小区3栋", "1-2期", "二类", "网友张三：", "您好", "已经", "将于", "正在",
                     "不符合", "“十四五”", "每月一次", "前两天", "星期一", "十月一日", "于29日", "2018-09-14"]),
    st.text(alphabet="0123456789一二三十年月日号届期第前近今上下、，。：“”-", max_size=4),
), max_size=20).map("".join)


@settings(max_examples=200, deadline=None)
@given(_GROUP_TEXT)
@example("网友张三：您好！2019年5月10日至十月一日，小区3栋已经修复，将于近三年完成“十四五”规划。")
def test_fast_paths_shared_scans_of_the_engine_find_what_separate_scans_find(text: str) -> None:
    for name, patterns in _SCAN_GROUPS.items():
        hits = SharedScan(patterns).hits(text)
        for i, pattern in enumerate(patterns):
            assert [m.span() for m in hits.finditer(i)] == [m.span() for m in pattern.finditer(text)], name
            for pos in range(0, len(text) + 1, 3):
                fast, plain = hits.search(i, pos), pattern.search(text, pos)
                assert (fast and fast.span()) == (plain and plain.span()), name


def test_fast_paths_shared_scans_of_the_engine_join_their_patterns() -> None:
    # the groups do share a scan: at most the one date form that begins with a category stays alone
    for name, patterns in _SCAN_GROUPS.items():
        alone = sum(f is None for f in SharedScan(patterns).firsts)
        assert alone <= 1, name



def _second_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    from pipeline.text.scan import _joinable

    joinable = _joinable(pattern)
    return joinable.seconds if joinable is not None else None


@settings(max_examples=200, deadline=None)
@given(_GROUP_TEXT)
@example("网友张三：您好！2019年5月10日至十月一日，小区3栋已经修复，将于近三年完成“十四五”规划。")
def test_fast_paths_shared_scan_seconds_hold_every_matchs_second_character(text: str) -> None:
    # a branch of the finder turns a place away when the character after it is none of its
    # patterns' seconds: every match of a pattern whose seconds are known is two characters
    # long at least, and its second character is one of them (a match at every place)
    patterns = [*_scan_patterns(_SCAN_POOL), *(p for group in _SCAN_GROUPS.values() for p in group)]
    known = 0
    for pattern in patterns:
        seconds = _second_chars(pattern)
        if seconds is None:
            continue
        known += 1
        for pos in range(len(text)):
            m = pattern.match(text, pos)
            if m is not None:
                assert m.end() - m.start() >= 2 and text[m.start() + 1] in seconds, (pattern.pattern, text, pos)
    assert known > 60


def test_fast_paths_shared_scan_seconds_of_some_patterns() -> None:
    from pipeline.text.scan import _joinable

    def seconds(source: str) -> str | None:
        joinable = _joinable(re.compile(source))
        return None if joinable is None or joinable.seconds is None else "".join(sorted(joinable.seconds))

    assert seconds(r"负[0-9]+层") == "0123456789"
    assert seconds(r"[0-9](?<![0-9].)[0-9]*+号") == "0123456789号"  # the run goes on, or ends at 号
    assert seconds(r"(?P<y>[12][0-9]{3})年") == "0123456789"
    assert seconds(r"四处(?=宣传|张贴)") == "处"
    assert seconds(r"(?:小区|花园)[0-9]++[栋号]") == "区园"
    assert seconds(r"栋楼?") is None  # one character long: 栋 alone
    assert seconds(r"[0-9]?栋") is None  # an optional first item: not read
    assert seconds(r"第[^，。]") is None  # a negated class: not known


def test_fast_paths_numeral_gates_are_the_patterns_first_characters() -> None:
    # measures and hedges try a regex after a number only where the next character begins a
    # match of it: the characters they read are each pattern's first ones
    from pipeline.quantities import hedges, measures
    from pipeline.text.scan import first_chars_of

    gates = [
        (measures._INNER_FIRSTS, (measures._INNER_RE, measures._FILLER_MAG_RE)),
        (measures._SPACED_FIRSTS, (measures._UNIT_AFTER_SPACE_RE, measures._MAGNITUDE_AFTER_SPACE_RE)),
        (measures._RANGE_FIRSTS, (measures._RANGE_SEP_RE,)),
        (measures._SEP_FIRSTS, (measures._RANGE_SEP_RE, measures._BETWEEN_SEP_RE)),
        (measures._BRACKET_FIRSTS, (measures._BRACKETED_UNIT_RE,)),
        (measures._BIG_FIRSTS, (measures._BIG_RE,)),
        (measures._HALF_FIRSTS, (measures._AND_A_HALF_RE, measures._HALF_WORD_RE)),
        (hedges._DATED_FIRSTS, (hedges._DATED_SUFFIX_RE,)),
        (hedges._SUFFIX_FIRSTS, (hedges._SUFFIX_RE,)),
        (hedges._BREAK_FIRSTS, (hedges._BREAK_SUFFIX_RE,)),
        (hedges._AFTER_FIRSTS, (hedges._CONTEXT_AFTER_RE,)),
        (hedges._REPEATED_FIRSTS, (hedges._REPEATED_AFTER_RE,)),
        (hedges._MEASURE_FIRSTS, (hedges._MEASURE_AFTER_RE,)),
    ]
    for chars, patterns in gates:
        assert chars == first_chars_of(*patterns), [p.pattern[:40] for p in patterns]
    with pytest.raises(ValueError, match="no first characters"):
        first_chars_of(re.compile("[0-9]*栋?"))  # may match empty


def test_fast_paths_date_scan_found_by_the_forms_patterns_identities() -> None:
    # one scan per tuple of forms, as when the key was the patterns themselves: a fresh tuple of
    # the same forms finds the same scan, whose patterns are the rhythms' and the forms' in order
    from pipeline.compat.recognizers.dates import RT_FORMS

    for forms_ in (dates_module.FORMS, dates_module.FORMS + RT_FORMS):
        scan = dates_module._shared_scan(forms_)
        assert dates_module._shared_scan(tuple(forms_)) is scan
        assert dates_module._shared_scan(list(forms_)) is scan
        assert scan.patterns == [dates_patterns.RE_FALSE_FRIEND, dates_patterns.RE_FREQUENCY, *(f[0] for f in forms_)]
    assert dates_module._shared_scan(dates_module.FORMS) is not dates_module._shared_scan(dates_module.FORMS + RT_FORMS)


@settings(max_examples=200, deadline=None)
@given(_CUE_TEXT)
def test_fast_paths_cue_parts_from_the_shared_scan_match_their_own(text: str) -> None:
    hits = reply_cues._shared_scan().hits(text)
    first = 0
    for label, (parts, _) in reply_cues._scans().items():
        shared = [m.span() for m in reply_cues._alternation_matches(parts, text, hits, first)]
        assert shared == [m.span() for m in reply_cues._alternation_matches(parts, text)], label
        first += len(parts)


# Word lists scanned as a trie (trie_scan) instead of a longest-first alternation: the same
# matches, on texts made of the words' own characters (so that words overlap, nest and abut).
_TRIE_SCANS = [
    ("false friends", engine._FALSE_FRIEND_WORDS_RE, FALSE_FRIENDS.words),
    ("entity suffixes", entities_module._SUFFIX_RE, list(entities_module._SUFFIX_LABEL)),
    ("gazetteer", entities_module._GAZETTEER_RE, list(entities_module._GAZETTEER_LABEL)),
]


@pytest.mark.parametrize(("name", "scan", "words"), _TRIE_SCANS, ids=[t[0] for t in _TRIE_SCANS])
@_SHORTCUTS
@given(data=st.data())
def test_fast_paths_word_tries_match_as_the_alternation(name: str, scan: re.Pattern[str], words: list[str],
                                                        data: st.DataObject) -> None:
    pieces = st.sampled_from(sorted(words)) | st.text(alphabet="".join(sorted(set("".join(words)))), max_size=3)
    text = "".join(data.draw(st.lists(pieces, max_size=8)))
    plain = re.compile(alternation(words))
    assert [m.span() for m in scan.finditer(text)] == [m.span() for m in plain.finditer(text)], name


@_SHORTCUTS
@given(data=st.data())
def test_fast_paths_unit_trie_matches_as_the_alternation(data: st.DataObject) -> None:
    """measures' units are matched at a place by a trie behind their first characters: the
    longest unit there, as the longest-first alternation reads it."""
    units = sorted(measures._ALL_UNITS)
    pieces = st.sampled_from(units) | st.text(alphabet="".join(sorted(set("".join(units)))), max_size=3)
    text = "".join(data.draw(st.lists(pieces, max_size=6)))
    plain = re.compile(alternation(units))
    for at in range(len(text) + 1):
        got, want = measures._UNIT_RE.match(text, at), plain.match(text, at)
        assert (got and got.span()) == (want and want.span()), (text, at)


# Forms found by their anchor (分之, 成, 折, the . of an item number, a hotline's 123) and the run
# of characters before it (text.scan.anchored_finditer) instead of their patterns' own scans:
# the same matches, on texts of the characters they are made of, with other words between.
_ANCHORED = [
    ("fractions", percent._FRACTION_RE, "分之", percent._DENOMINATOR_CHARS,
     "百分之一二两三十千万亿0123456789.,点至到的和三分"),
    ("tenths", percent._CHENG_RE, "成", percent._CHENG_CHARS, "一二三七八十半0123456789.点成完的六之"),
    ("discounts", percent._ZHE_RE, "折", percent._ZHE_CHARS, "一二三七八十半0123456789.点折打对對五扣"),
    ("items before a year", enumerators._BEFORE_YEAR_RE, ".", enumerators._DIGITS, "0129.年-至：， \n本"),
    ("section numbers", enumerators._SECTION_RE, ".", enumerators._DIGITS, "0123.本项目个：， \na"),
    ("named hotlines", phone._NAMED_HOTLINE_RE, "123", frozenset(), "0123456789热线投诉电话“”-./a "),
]


@pytest.mark.parametrize(("name", "pattern", "anchor", "chars", "alphabet"), _ANCHORED, ids=[a[0] for a in _ANCHORED])
@_SHORTCUTS
@given(data=st.data())
@example(data=None)
def test_fast_paths_anchored_forms_match_as_their_scans(
    name: str, pattern: re.Pattern[str], anchor: str, chars: frozenset[str], alphabet: str,
    data: st.DataObject | None,
) -> None:
    if data is None:  # a text of each form, so that the comparison is never only of no match
        text = ("百分之三十五至百分之四十，三分之二，七成半，约六成，打八折，七五折，二手房。\n2.2019年，"
                "：3.1本项目，：2.3项目，12345热线，“12315”投诉，：4.2018-2020年")
    else:
        text = data.draw(st.text(alphabet=alphabet, max_size=24))
    assert ([m.span() for m in anchored_finditer(pattern, text, anchor, chars)]
            == [m.span() for m in pattern.finditer(text)]), name
    if data is None:
        assert len(list(pattern.finditer(text))) >= 2, name


# Patterns whose matches begin with one of a few characters, found by str.find of each
# (text.scan.FewFirsts) instead of a class scan: the same matches, on texts of the characters
# they are made of.
_FEW_FIRSTS = [
    ("quoted names", entities_module._QUOTED, "《》“”十四五规划条例\n，a"),
    ("ranks", rank._RANKS, "第前一二三十名位次0123456789.,万亿季度"),
    ("restating weekdays", times_module._RESTATING_RANGES, "(（)）星期周礼拜一三五日至-～ "),
    ("zero widths", normalise_module._ZERO_WIDTHS, "\u200b\u200c\u200d\u2060\ufeffa"),
    ("emphasis", normalise_module._EMPHASES, "*_a "),
    ("clock anchors", times_clock._CLOCK_ANCHORS, "点时:：0123456789一两十五分半"),
    ("weekdays", times_days._WEEKDAYS, "星期礼拜周一二日天每个上下次年0123"),
]


@pytest.mark.parametrize(("name", "scan", "alphabet"), _FEW_FIRSTS, ids=[f[0] for f in _FEW_FIRSTS])
@_SHORTCUTS
@given(data=st.data())
def test_fast_paths_few_firsts_find_what_the_pattern_finds(name: str, scan: FewFirsts, alphabet: str,
                                                           data: st.DataObject) -> None:
    text = data.draw(st.text(alphabet=alphabet, max_size=30))
    assert [m.span() for m in scan.finditer(text)] == [m.span() for m in scan.pattern.finditer(text)], name


def test_fast_paths_few_firsts_refuses_what_it_cannot_find_by_its_first_characters() -> None:
    assert FewFirsts(r"第[0-9]+|前[0-9]+").firsts == ("前", "第")
    assert FewFirsts(r"(?<=a)b|c?d").firsts == ("b", "c", "d")  # a look-behind reads no first character
    for pattern in (r"[0-9]+", r"\w+", r"x*", r"[^a]b", re.compile("ab", re.IGNORECASE)):
        with pytest.raises(ValueError, match="FewFirsts"):
            FewFirsts(pattern)


@_SHORTCUTS
@given(st.decimals(allow_nan=False, allow_infinity=False, places=None) | st.integers(-10**30, 10**30).map(Decimal),
       st.integers(1, 10**6))
@example(Decimal("35000.00"), 1)
@example(Decimal("-0"), 1)
@example(Decimal("9" * 28), 1)
@example(Decimal("1E+5"), 1000)
def test_fast_paths_scaled_integer_is_the_fractions_decimal(amount: Decimal, num: int) -> None:
    """A whole amount in a unit of integer factor is scaled without Fractions: the same Decimal,
    exponent and sign as ``to_decimal`` gives through them (a factor with a denominator, 1/3 of
    a 亩 …, takes the Fractions' way as before)."""
    measures._scaled_by.cache_clear()
    got = measures._scaled_by(amount, num, 1)
    want = to_decimal(Fraction(amount) * num)
    assert (str(got), got.as_tuple()) == (str(want), want.as_tuple())


@_SHORTCUTS
@given(st.text(alphabet="0123456789123热线服务12345投诉“”12315-./a ", max_size=30))
@example("12345热线，“12315”投诉，012345热线")
def test_fast_paths_named_hotlines_from_their_prefixes_match_as_the_scan(text: str) -> None:
    assert ([m.span() for m in phone._named_hotlines(text)]
            == [m.span() for m in phone._NAMED_HOTLINE_RE.finditer(text)])


@_SHORTCUTS
@given(st.text(alphabet="大年月初十廿二三正腊农历2015", max_size=24))
@example("大年初一，正月初二，腊月二十，大年月初")
def test_fast_paths_lunar_anchors_of_two_scans_match_the_alternation(text: str) -> None:
    """月 and 大年 scanned apart (each led by a literal) and merged: the matches of one alternation."""
    joined = re.compile(r"月(?=[初十廿二三])|大年(?=[初三二])")
    both = sorted((*times_patterns.RE_LUNAR_ANCHOR.finditer(text), *times_patterns.RE_NEW_YEAR_ANCHOR.finditer(text)),
                  key=re.Match.start)
    assert [m.span() for m in both] == [m.span() for m in joined.finditer(text)]


def test_fast_paths_tagger_loads_its_model_of_unknown_words() -> None:
    """The word the tagger is warmed with is no dictionary word, so tagging it reads jieba-rs's
    model of unknown words as the tagger loads (not in the first document that has one)."""
    assert not words_module.in_dictionary(words_module._UNKNOWN_WORD)
    assert len(words_module.tag(words_module._UNKNOWN_WORD)) >= 1


@_SHORTCUTS
@given(st.text(alphabet="一两32套间个房教室改成为至", max_size=14), st.sampled_from(["套", "间", "个", "平方米", "成"]))
@example("将一套房改成", "套")
@example("原来的2间教室改成", "套")
def test_fast_paths_elided_count_tests_its_unit_before_its_pattern(window: str, unit: str) -> None:
    """A unit not in the window returns at once, with no pattern built for it: the pattern (holding
    the unit as it is) finds nothing there, so the answer is the one the search gave."""
    full = re.search(rf"{topics_module._COUNT_BEFORE}{re.escape(unit)}(?P<rest>[^\W\d]{{2,12}})$", window)
    assert unit in window or full is None
    if full is None:
        assert topics_module.elided_count(window, unit) is None
