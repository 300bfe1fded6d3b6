"""The spaCy pipeline: jieba tokens, dafu's sentences, quantity spans and entities."""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from pipeline.nlp import SPANS_KEY, load  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return load()


def test_nlp_tokens_reassemble_the_text(nlp: spacy.language.Language) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    doc = nlp.make_doc(text)
    assert doc.text == text
    assert "概念验证中心" in [t.text for t in doc]  # the domain dictionary is loaded


def test_nlp_quantity_spans_carry_values(nlp: spacy.language.Language) -> None:
    doc = nlp("与超20家金融机构建立合作机制，贴息支持比例提升至70%。")
    got = [(s.text, s.label_, s._.value, s._.unit, s._.qualifier) for s in doc.spans[SPANS_KEY]]
    assert got == [("超20家", "count", "20", "家", "gt"), ("70%", "percent", "70", "%", "exact")]
    assert doc.spans[SPANS_KEY][1]._.of == "贴息支持比例"


def test_nlp_entities_and_sentences(nlp: spacy.language.Language) -> None:
    doc = nlp("推动香港大学在福田河套设立平台。规模2亿元。")
    assert [(e.text, e.label_) for e in doc.ents] == [("香港大学", "ORG"), ("福田", "LOC"), ("河套", "LOC")]
    assert [s.text for s in doc.sents] == ["推动香港大学在福田河套设立平台。", "规模2亿元。"]


def test_nlp_pipe_two_processes_equals_one(nlp: spacy.language.Language) -> None:
    texts = ["规模2亿元，排名全市第2。", "引入超6家央企研发中心。", "今年6月举办授牌仪式。"] * 2

    def view(docs: list[spacy.tokens.Doc]) -> list[list[tuple[str, str, str | None]]]:
        return [[(s.text, s.label_, s._.value) for s in d.spans[SPANS_KEY]] for d in docs]

    one = view(list(nlp.pipe(texts, n_process=1)))
    two = view(list(nlp.pipe(texts, n_process=2)))
    assert one == two
    assert one[0] == [("2亿元", "money", "200000000"), ("第2", "rank", "2")]
