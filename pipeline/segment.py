"""Word segmentation with part-of-speech tags: jieba's algorithm and dictionary.

The default backend is ``rjieba`` (jieba-rs, jieba's dictionary and HMM in Rust, about ten
times faster); Python ``jieba.posseg`` is the fallback where rjieba is not installed. Both
load the domain dictionary ``pipeline/resources/userdict.txt`` (jieba's ``word freq pos``
lines) — rjieba has no ``load_userdict``, so each line goes in through ``add_word``.
The one way jieba-rs cut differently on the external corpora — runs of Latin letters and
digits joined by punctuation (``0731-0000-00000000``) kept whole — is evened out here, so
rjieba's tokens are Python jieba's (``bench/segment_agreement.py``).

Tokens never cross a sentence boundary, and their texts joined in order are the text:

>>> [(t.text, t.pos) for t in tokens("设立概念验证中心")]
[('设立', 'v'), ('概念验证中心', 'n')]
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import Any, Literal

import numpy as np

from pipeline.errors import DafuError, MissingDependencyError, ResourceError
from pipeline.records import Sentence, Token

Backend = Literal["rjieba", "jieba"]
BACKENDS: tuple[Backend, ...] = ("rjieba", "jieba")

USERDICT = "userdict.txt"

# One line of jieba's user dictionary: a word, then an optional frequency and POS tag.
_USERDICT_LINE = re.compile(
    r"""^(?P<word>\S+)              # the word, no spaces
        (?:[ ]+(?P<freq>[0-9]+))?   # its frequency, when the default suggestion is not enough
        (?:[ ]+(?P<pos>[a-z]+))?    # its part of speech (ns place, nz proper noun …)
        $""",
    re.VERBOSE,
)

Tagger = Callable[[str], list[tuple[str, str]]]
# (text, spans) → (words, tags, words per span): see column_tagger.
ColumnTagger = Callable[[str, Sequence[tuple[int, int]]], tuple[list[str], list[str], list[int]]]

# Python jieba cuts a run of characters that are not in its dictionary (``0731-0000-00000000``,
# ``2018.10.12-10.26``, ``www.baidu.com``) again with a regex after its HMM; jieba-rs keeps
# such a run whole. A token of jieba-rs with no Chinese character, not all letters and digits,
# and not a dictionary word (``C++``) is cut here the way Python jieba cuts it:
# ``jieba.finalseg.re_skip`` for ``jieba.cut``, ``jieba.posseg.re_skip_detail`` for tagging.
_HAN_FIRST, _HAN_LAST = 0x4E00, 0x9FD5  # jieba's own range of Chinese characters
_HAN = re.compile(f"[{chr(_HAN_FIRST)}-{chr(_HAN_LAST)}]")
_ALNUM = re.compile("[a-zA-Z0-9]+")
_SKIP_CUT = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")
_SKIP_TAG = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_NUM = re.compile(r"[\.0-9]+")
# Two characters side by side that a token cut again (see _runs_together) must hold: neither Chinese,
# one of them not a Latin letter or digit. A text without such a pair needs no check per word.
_MIXED_PAIR = re.compile("[^\u4E00-\u9FD5a-zA-Z0-9][^\u4E00-\u9FD5]|[^\u4E00-\u9FD5][^\u4E00-\u9FD5a-zA-Z0-9]")


@dataclass(frozen=True)
class DictEntry:
    """One line of the user dictionary: ``概念验证中心 1000 n``."""

    word: str
    freq: int | None
    pos: str | None


@dataclass(frozen=True)
class TokenColumns:
    """A text's tokens as columns: what the tokens table is built from, with no record per token.

    ``text[k]`` is ``original[start[k]:end[k]]``; the position of token ``k`` is ``k``. The
    tokens tile the text: ``bounds`` holds each token's start, then the text's end.
    ``runs`` are the spans segmented one by one in order, each as its sentence id and its
    number of tokens (what ``sentence_id`` repeats).
    """

    text: list[str]
    bounds: np.ndarray[Any, np.dtype[np.int64]]
    pos: list[str | None]
    runs: list[tuple[str | None, int]]

    def __len__(self) -> int:
        return len(self.text)

    @property
    def sentence_id(self) -> list[str | None]:
        return [sentence_id for sentence_id, n in self.runs for _ in range(n)]

    @property
    def start(self) -> list[int]:
        return list(self.bounds[:-1].tolist())

    @property
    def end(self) -> list[int]:
        return list(self.bounds[1:].tolist())


def tokens(text: str, sentences: Sequence[Sentence] = (), *, backend: Backend | None = None) -> list[Token]:
    """Segment ``text`` into tokens; each gets the id of the sentence it falls in.

    ``sentences`` (their offsets index ``text``) bound the tokens: the text is cut at every
    sentence start and end, and a token between sentences has ``sentence_id`` None.
    Raises :class:`~pipeline.errors.DafuError` when the tokens would not reassemble the text.
    """
    c = token_columns(text, sentences, backend=backend)
    return [Token(i=i, text=w, start=a, end=b, pos=p, sentence_id=s)
            for i, (w, a, b, p, s) in enumerate(zip(c.text, c.start, c.end, c.pos, c.sentence_id, strict=True))]


def token_columns(text: str, sentences: Sequence[Sentence] = (), *, backend: Backend | None = None) -> TokenColumns:
    """:func:`tokens` as columns: the words of every span (sentence or gap) tagged one span at a
    time, then checked and put together once for the whole text (no record per token).

    >>> token_columns("设立概念验证中心").start
    [0, 2]
    """
    spans = list(_spans(text, sentences))
    words, tags, counts = column_tagger(backend)(text, [(start, end) for start, end, _ in spans])
    if "" in words:  # rare: drop the empty words, span by span
        words, tags, counts = _without_empty(words, tags, counts)
    # The spans tile the text from 0 and their words tile each span: the bounds are the running
    # sum of the words' lengths, in one pass for the whole text.
    bounds = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, words), dtype=np.int64, count=len(words)), out=bounds[1:])
    ends = np.fromiter((end for _, end, _ in spans), dtype=np.int64, count=len(spans))
    if "".join(words) != text or not np.array_equal(bounds[np.cumsum(counts, dtype=np.int64)], ends):
        _raise_lost_in_span(text, spans, words, counts)  # the slow path only to say where
    pos: list[str | None] = [t or None for t in tags] if "" in tags else list(tags)
    return TokenColumns(words, bounds, pos, [(s[2], n) for s, n in zip(spans, counts, strict=True)])


def _without_empty(words: list[str], tags: list[str], counts: list[int]) -> tuple[list[str], list[str], list[int]]:
    kept_words: list[str] = []
    kept_tags: list[str] = []
    kept_counts: list[int] = []
    at = 0
    for n in counts:
        kept = [(w, t) for w, t in zip(words[at:at + n], tags[at:at + n], strict=True) if w]
        kept_words.extend(w for w, _ in kept)
        kept_tags.extend(t for _, t in kept)
        kept_counts.append(len(kept))
        at += n
    return kept_words, kept_tags, kept_counts


def _raise_lost_in_span(text: str, spans: list[tuple[int, int, str | None]], words: list[str],
                        counts: list[int]) -> None:
    at = 0
    for (start, end, _), n in zip(spans, counts, strict=True):
        if "".join(words[at:at + n]) != text[start:end]:
            _raise_lost(text, start, end, words[at:at + n])
        at += n
    _raise_lost(text, 0, len(text), words)


def _raise_lost(text: str, start: int, end: int, words: list[str]) -> None:
    pos_at = start
    for word in words:
        if pos_at + len(word) > end or not text.startswith(word, pos_at):
            raise DafuError(f"segmentation lost text at offset {pos_at}: token {word!r}, "
                            f"text {text[pos_at:pos_at + len(word)]!r}")
        pos_at += len(word)
    raise DafuError(f"segmentation lost text at offset {pos_at}: {text[pos_at:end][:20]!r} has no token")


def _spans(text: str, sentences: Sequence[Sentence]) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, sentence_id) covering ``text`` in order: each sentence and each gap between."""
    at = 0
    for s in sorted(sentences, key=lambda s: s.start):
        start, end = max(s.start, at), min(s.end, len(text))
        if start >= end:
            continue
        if at < start:
            yield at, start, None
        yield start, end, s.id
        at = end
    if at < len(text):
        yield at, len(text), None


def tagger(backend: Backend | None = None) -> Tagger:
    """``text → [(word, pos)]`` with the user dictionary loaded (built once per backend).

    ``backend`` None takes rjieba when it is installed, else Python jieba.
    """
    if _backend(backend) == "rjieba":
        return _rjieba_tagger()
    return _jieba_tagger()


def column_tagger(backend: Backend | None = None) -> ColumnTagger:
    """``(text, spans) → (words, tags, words per span)``: each span of ``text`` (``(start, end)``,
    in order) tagged as :func:`tagger` tags it alone, the words of all spans in one list.

    >>> column_tagger("rjieba")("设立中心。概念", [(0, 5), (5, 7)])
    (['设立', '中心', '。', '概念'], ['v', 'n', 'x', 'n'], [3, 1])
    """
    if _backend(backend) == "rjieba":
        return _rjieba_columns()
    return columns_of(_jieba_tagger())


def _backend(backend: Backend | None) -> Backend:
    if backend is None:
        return "rjieba" if _installed("rjieba") else "jieba"
    if backend not in BACKENDS:
        raise DafuError(f"unknown segmentation backend {backend!r}; expected one of {', '.join(BACKENDS)}")
    return backend


def columns_of(tag: Tagger) -> ColumnTagger:
    """A tagger of one text at a time as a :data:`ColumnTagger`, called span by span."""

    def columns(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[str], list[str], list[int]]:
        words: list[str] = []
        tags: list[str] = []
        counts: list[int] = []
        for start, end in spans:
            tagged = tag(text[start:end])
            words.extend(w for w, _ in tagged)
            tags.extend(p for _, p in tagged)
            counts.append(len(tagged))
        return words, tags, counts

    return columns


@cache
def _rjieba_tagger() -> Tagger:
    columns = _rjieba_columns()

    def tag(text: str) -> list[tuple[str, str]]:
        words, tags, _ = columns(text, [(0, len(text))] if text else [])
        return list(zip(words, tags, strict=True))

    return tag


@cache
def _rjieba_columns() -> ColumnTagger:
    rjieba = _import("rjieba")
    seg = rjieba.Jieba()  # its own instance: the module-level default stays jieba's plain dictionary
    for e in userdict():
        seg.add_word(e.word, e.freq, e.pos)
    # jieba-rs's add_word keeps the POS a word already has in jieba's dictionary (前海 f, 河套 n);
    # Python jieba's replaces it. Dictionary POS is context-free, so retagging after the fact is the same.
    retag = {e.word: e.pos for e in userdict() if e.pos}
    retagged = frozenset(retag)

    def columns(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list[str], list[str], list[int]]:
        # jieba-rs once per span (one call for a whole text is no faster: its thousands of tuples
        # at once cost more than the calls), the rest once for all the spans' words.
        words: list[str] = []
        tags: list[str] = []
        counts: list[int] = []
        for start, end in spans:
            tagged = seg.tag(text[start:end])
            if tagged:
                w, p = zip(*tagged, strict=True)  # two tuples, made in C
                words.extend(w)
                tags.extend(p)
            counts.append(len(tagged))
        if not retagged.isdisjoint(words):
            tags = list(map(retag.get, words, tags))
        if _MIXED_PAIR.search(text):  # a run to cut again holds such a pair: most texts do, some not
            _cut_runs(words, tags, counts, seg.has_word)
        return words, tags, counts

    return columns


def _cut_runs(words: list[str], tags: list[str], counts: list[int], has_word: Callable[[str], bool]) -> None:
    """Cut again, in place, the words that are runs Python jieba cuts (see ``_runs_together``),
    counting their pieces in their span's ``counts``."""
    ends = list(accumulate(counts))
    for k in reversed(_without_han(words)):  # from the end, so that the indices before stay right
        if _runs_together(words[k], has_word):
            pieces = _tag_run(words[k])
            words[k:k + 1] = [w for w, _ in pieces]
            tags[k:k + 1] = [p for _, p in pieces]
            counts[bisect_right(ends, k)] += len(pieces) - 1


def _without_han(words: list[str]) -> list[int]:
    """The indices of the words of more than one character and none of ``_HAN``'s (the only
    ones that can be runs to cut again), found over the words' code points at once (numpy),
    not by a check per word."""
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    points = np.frombuffer("".join(words).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    han = np.zeros(len(points) + 1, dtype=np.int64)  # how many Chinese characters before each point
    np.cumsum((points >= _HAN_FIRST) & (points <= _HAN_LAST), out=han[1:])
    ends = np.cumsum(lengths)
    found: list[int] = np.flatnonzero((lengths > 1) & (han[ends] == han[ends - lengths])).tolist()
    return found


def _runs_together(word: str, has_word: Callable[[str], bool]) -> bool:
    """Whether jieba-rs gave as one token a run that Python jieba cuts again (see ``_SKIP_CUT``)."""
    return len(word) > 1 and not _HAN.search(word) and not _ALNUM.fullmatch(word) and not has_word(word)


def cut_run(word: str) -> list[str]:
    """A run outside the dictionary cut as ``jieba.cut`` cuts it.

    >>> cut_run("2018.10.12-10.26")
    ['2018.10', '.', '12', '-', '10.26']
    """
    return [piece for piece in _SKIP_CUT.split(word) if piece]


def _tag_run(word: str) -> list[tuple[str, str]]:
    """A run outside the dictionary cut and tagged as ``jieba.posseg`` does: numbers m, Latin eng, else x."""
    pieces = [piece for piece in _SKIP_TAG.split(word) if piece]
    return [(p, "m" if _NUM.match(p) else "eng" if _ALNUM.match(p) else "x") for p in pieces]


def cut(text: str) -> list[str]:
    """``jieba.lcut(text)`` (jieba's dictionary, no user dictionary) computed by jieba-rs.

    jieba-rs's words, with the runs Python jieba cuts again (``0731-0000-00000000``) cut the same way.

    >>> cut("电话0731-12315")
    ['电话', '0731', '-', '12315']
    """
    rjieba = _import("rjieba")
    out: list[str] = []
    for w in rjieba.cut(text):
        out.extend(cut_run(w) if _runs_together(w, _plain_has_word()) else [w])
    return out


@cache
def _plain_has_word() -> Callable[[str], bool]:
    has_word: Callable[[str], bool] = _import("rjieba").Jieba().has_word
    return has_word


@cache
def _jieba_tagger() -> Tagger:
    jieba = _import("jieba")
    posseg = _import("jieba.posseg")
    jieba.setLogLevel(logging.WARNING)  # else building the prefix dict logs to stderr at DEBUG
    seg = jieba.Tokenizer()
    for e in userdict():
        seg.add_word(e.word, e.freq, e.pos)
    pos = posseg.POSTokenizer(seg)  # takes the POS of add_word's words from the tokenizer

    def tag(text: str) -> list[tuple[str, str]]:
        return [(str(p.word), str(p.flag)) for p in pos.cut(text)]

    return tag


@cache
def userdict() -> tuple[DictEntry, ...]:
    """The entries of ``pipeline/resources/userdict.txt``, validated (cached)."""
    text = (resources.files("pipeline.resources") / USERDICT).read_text(encoding="utf-8")
    return parse_userdict(text, name=f"pipeline/resources/{USERDICT}")


def parse_userdict(text: str, *, name: str = USERDICT) -> tuple[DictEntry, ...]:
    """Parse jieba user-dictionary lines; a malformed line raises ResourceError naming it.

    >>> parse_userdict("河套 3000 ns\\n前海\\n")
    (DictEntry(word='河套', freq=3000, pos='ns'), DictEntry(word='前海', freq=None, pos=None))
    """
    entries = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _USERDICT_LINE.match(line.strip())
        if m is None:
            raise ResourceError(f"{name}:{n}: {line!r} is not 'word [freq] [pos]'")
        freq = m["freq"]
        entries.append(DictEntry(m["word"], int(freq) if freq else None, m["pos"]))
    return tuple(entries)


def _installed(module: str) -> bool:
    try:
        _import(module)
    except MissingDependencyError:
        return False
    return True


def _import(module: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        package = module.split(".")[0]
        raise MissingDependencyError(f"word segmentation needs {package}: pip install {package}") from e
