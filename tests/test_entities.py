"""Rule- and lexicon-based entities (pipeline.entities) on the sample and small texts."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"

EXPECTED = [
    ("GOV", "福田区科技和工业信息化局"),
    ("ORG", "香港大学"), ("ORG", "香港科技大学"), ("ORG", "香港中文大学"),
    ("ORG", "粤港澳大湾区数字经济研究院"),
    ("ORG", "香港中文大学深港创新研究院(福田)"), ("ORG", "香港城市大学物质科学研究院(福田)"),
    ("ORG", "中国（南方）知识产权运营中心"),
    ("ORG", "广中医"), ("ORG", "中大八院"), ("ORG", "儿童医院"),
    ("PROGRAM", "深圳市科技创新种子基金福田子基金"),
    ("LOC", "福田"), ("LOC", "河套"), ("LOC", "博罗"),
    ("PERSON", "张立勤"),
]


@pytest.fixture(scope="module")
def sample() -> pipeline.Document:
    return pipeline.read(SAMPLE)


@pytest.mark.parametrize(("label", "text"), EXPECTED)
def test_entities_sample_has_expected(sample: pipeline.Document, label: str, text: str) -> None:
    assert (label, text) in {(e.label, e.text) for e in sample.entities}


def test_entities_no_entity_spans_two_expected(sample: pipeline.Document) -> None:
    names = [t for _, t in EXPECTED]
    for e in sample.entities:
        inside = [n for n in names if n in e.text and n != e.text]
        # a longer name may contain a place (福田 in 福田区…局), never two listed names
        assert len([n for n in inside if (("ORG", n) in EXPECTED or ("GOV", n) in EXPECTED)]) <= 1, e.text


def test_entities_offsets_index_original_and_do_not_overlap(sample: pipeline.Document) -> None:
    last = 0
    sentences = {s.id: s for s in sample.sentences}
    for e in sample.entities:
        assert sample.text[e.start : e.end] == e.text
        assert e.start >= last
        last = e.end
        assert e.sentence_id is not None, e.text  # the signature's agency too: every line is in a sentence
        assert sentences[e.sentence_id].start <= e.start < sentences[e.sentence_id].end


def test_entities_pronoun_heads_are_not_names() -> None:
    doc = pipeline.extract("我局高度重视，该公司已整改，本局将跟进。")
    assert [e.text for e in doc.entities] == []


def test_entities_words_ending_like_names_are_not_names() -> None:
    doc = pipeline.extract("营造协同创新新格局，张立勤委员提出建议。")
    assert [e.text for e in doc.entities] == []


def test_entities_book_title_is_a_programme() -> None:
    doc = pipeline.extract("签订《福田—博罗共建现代产业园合作框架协议》")
    assert [(e.label, e.text) for e in doc.entities] == [("PROGRAM", "福田—博罗共建现代产业园合作框架协议")]


def test_entities_verb_before_name_is_left_out() -> None:
    doc = pipeline.extract("推动香港大学在福田河套设立平台")
    assert [(e.label, e.text) for e in doc.entities] == [("ORG", "香港大学"), ("LOC", "福田"), ("LOC", "河套")]
