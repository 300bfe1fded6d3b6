"""Status, status_cue and deadline_id: the clause reader, its lexicon, and the table columns.

The behaviour on sentences is in ``tests/specs/linking_status.jsonl``; these tests pin what
a spec case cannot: the lexicon's validation, the reader's rules, the table."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.records import STATUSES
from pipeline.resources import read_toml
from pipeline.tables.specs import columns
from pipeline.text.clause import CUE_STATUSES, StatusLexicon, clause_bounds, governing, read, scan


def test_status_cue_statuses_are_the_records() -> None:
    assert CUE_STATUSES == STATUSES


def test_status_word_under_two_statuses_is_refused() -> None:
    data = read_toml("status.toml")
    data["cues"]["planned"].append("已")
    with pytest.raises(ValueError, match="'已' listed under achieved and planned"):
        StatusLexicon.model_validate(data)


def test_status_blocked_word_that_is_a_cue_is_refused() -> None:
    data = read_toml("status.toml")
    data["cues"]["blocked"].append("将")
    with pytest.raises(ValueError, match="blocked word '将'"):
        StatusLexicon.model_validate(data)


def test_status_after_cue_that_is_no_cue_is_refused() -> None:
    data = read_toml("status.toml")
    data["frames"]["after_cues"].append("完工")
    with pytest.raises(ValueError, match="'完工' is no cue"):
        StatusLexicon.model_validate(data)


def test_status_scan_longest_word_wins_and_blocked_words_hide_cues() -> None:
    assert [c.word for c in scan("要求年底前完成")] == ["要求", "年底前"]
    assert scan("将来的会议若干") == []


def test_status_clause_own_cue_beats_a_carried_one() -> None:
    text = "今年将投入3亿元，新建学校5所已完工"
    a, b = clause_bounds(text, 13, 15)
    assert (a, b) == (9, len(text))
    reading = read(scan(text), a, b, 13, 15)
    assert reading.own is not None and reading.own.word == "已"  # after it, in its clause
    assert reading.carried is not None and reading.carried.word == "将"
    assert governing(scan(text), a, b, 13, 15) == reading.own
    assert governing(scan("今年将投入3亿元，新建学校5所"), 9, 15, 13, 15).word == "将"


def test_status_deadline_links_the_date_of_the_clause() -> None:
    doc = pipeline.extract("截至目前已完成40%，力争到2025年达到70%。", ref_date="2023-05-01")
    by_text = {q.text: (i, q) for i, q in enumerate(doc.quantities, 1)}
    assert by_text["40%"][1].status == "achieved" and by_text["40%"][1].deadline_id is None
    assert by_text["70%"][1].deadline_id == f"q{by_text['2025年'][0]}"


def test_status_every_quantity_has_one() -> None:
    doc = pipeline.extract("我区已建成4家，将建成10个，补贴标准为每人每月500元。")
    assert all(q.status in STATUSES and q.status_cue for q in doc.quantities)


def test_status_columns_in_the_quantities_table() -> None:
    names = columns("quantities")
    assert {"status", "status_cue", "deadline_id"} <= set(names)
