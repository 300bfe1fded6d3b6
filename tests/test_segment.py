"""pipeline.segment: jieba tokens with POS that reassemble the text and know their sentence."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

import pipeline
from pipeline import segment
from pipeline.errors import DafuError, ResourceError
from pipeline.records import Sentence
from pipeline.segment import BACKENDS, parse_userdict, tokens, userdict

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"
TRICKY = "河套引入超6家央企\r\n\r\n  设立概念验证中心\t和 English 123.45%！\u3000😀e\u0301 \u200b结束"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("text", ["", " ", "\n\n", "知识产权质押融资", TRICKY], ids=repr)
def test_segment_tokens_reassemble_the_text(backend: segment.Backend, text: str) -> None:
    toks = tokens(text, backend=backend)
    assert "".join(t.text for t in toks) == text
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.i for t in toks] == list(range(len(toks)))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("word", "pos"), [("概念验证中心", "n"), ("知识产权质押融资", "n"),
                                          ("前海", "ns"), ("河套", "ns")])
def test_segment_user_dictionary_words_are_whole_with_their_pos(backend: segment.Backend, word: str,
                                                                 pos: str) -> None:
    toks = tokens(f"在{word}开展工作", backend=backend)
    assert (word, pos) in [(t.text, t.pos) for t in toks]


def test_segment_tokens_know_their_sentence() -> None:
    doc = pipeline.read(SAMPLE)
    toks = tokens(doc.text, doc.sentences)
    sentences = {s.id: s for s in doc.sentences}
    assert "".join(t.text for t in toks) == doc.text
    for t in toks:
        if t.sentence_id is not None:
            s = sentences[t.sentence_id]
            assert s.start <= t.start < t.end <= s.end
        else:
            assert not any(s.start <= t.start < s.end for s in doc.sentences)


def test_segment_lost_text_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "column_tagger",
                        lambda backend=None: segment.columns_of(lambda text: [(text[:-1], "x")]))
    with pytest.raises(DafuError, match="offset 1"):
        tokens("ab")


def test_segment_changed_text_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "column_tagger", lambda backend=None: segment.columns_of(lambda text: [("壹", "m")]))
    with pytest.raises(DafuError, match="offset 0"):
        tokens("一")


def test_segment_token_across_a_sentence_end_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # The words tile the text, but the first sentence's word runs into the second sentence.
    crossing = lambda text, spans: (["一二", "三"], ["m", "m"], [1, 1])  # noqa: E731
    monkeypatch.setattr(segment, "column_tagger", lambda backend=None: crossing)
    sentences = [Sentence(id="t1", parent_id="p1", text="一", start=0, end=1),
                 Sentence(id="t2", parent_id="p1", text="二三", start=1, end=3)]
    with pytest.raises(DafuError, match="offset 0"):
        tokens("一二三", sentences)


# Runs of letters and digits jieba-rs keeps whole and Python jieba cuts (cut again here), in
# several spans; a NUL makes every word a candidate.
RUNS = "电话0731-0000-00000000。在前海设立2018.10.12-10.26中心\r\n\r\n网址www.baidu.com。\x00a-b。"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("text", [RUNS, RUNS.replace("\x00", ""), TRICKY], ids=repr)
def test_segment_column_tagger_tags_each_span_as_the_tagger(backend: segment.Backend, text: str) -> None:
    cuts = sorted({0, len(text), *(k + 1 for k, c in enumerate(text) if c in "。\n")})
    spans = list(pairwise(cuts))
    words, tags, counts = segment.column_tagger(backend)(text, spans)
    each = [segment.tagger(backend)(text[a:b]) for a, b in spans]
    assert counts == [len(tagged) for tagged in each]
    assert list(zip(words, tags, strict=True)) == [wt for tagged in each for wt in tagged]


def test_segment_unknown_backend_is_an_error() -> None:
    with pytest.raises(DafuError, match="unknown segmentation backend"):
        segment.tagger("thulac")  # type: ignore[arg-type]


def test_segment_userdict_is_valid_and_unique() -> None:
    words = [e.word for e in userdict()]
    assert "概念验证中心" in words
    assert len(words) == len(set(words))


def test_segment_malformed_userdict_line_names_the_line() -> None:
    with pytest.raises(ResourceError, match=r"userdict\.txt:2"):
        parse_userdict("河套 3000 ns\n前海 ns 3000\n")


# Runs outside jieba's dictionary that jieba-rs keeps whole and Python jieba cuts again after its HMM.
JOINED_RUNS = ["电话0731-0000-00000000。", "办理时间2018.10.12-10.26，", "登录www.baidu.com查询", "标准cjj179-2012规定"]


@pytest.mark.parametrize("text", JOINED_RUNS)
def test_segment_cut_agrees_with_jieba_lcut_on_joined_runs(text: str) -> None:
    jieba = pytest.importorskip("jieba")
    rjieba = pytest.importorskip("rjieba")
    assert rjieba.cut(text) != jieba.lcut(text)  # the difference this pins: jieba-rs keeps the run whole
    assert segment.cut(text) == jieba.lcut(text)


@pytest.mark.parametrize("text", [*JOINED_RUNS, "约5%左右，C++和AT&T",
                                  # two runs in one sentence, beside punctuation pairs
                                  "“前海”，电话0731-12315、（2018.10.12-10.26）。"])
def test_segment_rjieba_tags_joined_runs_as_python_jieba(text: str) -> None:
    pytest.importorskip("rjieba")
    pytest.importorskip("jieba")
    assert segment.tagger("rjieba")(text) == segment.tagger("jieba")(text)


def test_segment_cut_keeps_dictionary_words_with_symbols() -> None:
    pytest.importorskip("rjieba")
    assert segment.cut("学习C++和AT&T") == ["学习", "C++", "和", "AT&T"]
