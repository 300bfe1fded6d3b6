"""dafu inside spaCy: a Chinese ``Language`` with jieba segmentation and dafu's records.

    >>> nlp = load()                                   # doctest: +SKIP
    >>> doc = nlp("与超20家金融机构建立合作机制")           # doctest: +SKIP
    >>> [(s.text, s.label_, s._.value, s._.unit, s._.of) for s in doc.spans["quantities"]]   # doctest: +SKIP
    [('超20家', 'count', '20', '家', '金融机构')]

The tokenizer is jieba's algorithm and dictionary (through ``pipeline.segment``: jieba-rs
via rjieba where installed) with dafu's domain dictionary; its tokens reassemble the text
exactly or it raises. The ``dafu`` component runs :func:`pipeline.extract` on the text and
sets sentence boundaries, ``doc.spans["quantities"]`` (label = quantity type, with
``Span._`` extensions ``value``, ``amount``, ``unit``, ``qualifier``, ``low``, ``high``,
``of``, ``predicate``, ``change``, ``scope``) and ``doc.ents`` (GOV, ORG, LOC, PROGRAM,
PERSON). Extension values are strings (exact decimals stay exact and the Doc stays
serialisable, so ``nlp.pipe(texts, n_process=2)`` works).

Both are in spaCy's registry, the tokenizer as ``dafu.Tokenizer.v1`` and the component as
the factory ``dafu`` (also advertised as entry points in pyproject.toml), so a pipeline
saved with ``nlp.to_disk(path)`` comes back with ``spacy.load(path)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.document import extract
from pipeline.errors import MissingDependencyError
from pipeline.segment import Backend, tagger, tokens

try:
    import spacy
    import srsly  # type: ignore[import-untyped]
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.util import registry
    from spacy.vocab import Vocab
except ImportError as e:  # pragma: no cover - exercised only without spaCy
    raise MissingDependencyError("spaCy is needed for pipeline.nlp: pip install 'dafu[spacy]'") from e

QUANTITY_ATTRS = ("value", "amount", "unit", "qualifier", "low", "high", "of", "predicate", "change", "scope")
SPANS_KEY = "quantities"
TOKENIZER = "dafu.Tokenizer.v1"  # the tokenizer's name in spaCy's registry, written into a saved config


class JiebaTokenizer:
    """spaCy tokenizer: jieba's segmentation with dafu's dictionary, no spaces, text reassembled exactly.

    ``backend`` is :func:`pipeline.segment.tokens`' (None: rjieba where installed); it is the
    tokenizer's one setting, saved by :meth:`to_disk` / :meth:`to_bytes` as spaCy's own
    ``ChineseTokenizer`` saves its segmenter.
    """

    def __init__(self, vocab: Vocab, backend: Backend | None = None) -> None:
        self.vocab = vocab
        self.backend = backend
        tagger(backend)  # an unknown backend fails here, not at the first text

    def __call__(self, text: str) -> Doc:
        words = [t.text for t in tokens(text, backend=self.backend)]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def _get_config(self) -> dict[str, Any]:
        return {"backend": self.backend}

    def _set_config(self, config: dict[str, Any]) -> None:
        self.backend = config.get("backend")
        tagger(self.backend)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        serializers = {"cfg": lambda: srsly.json_dumps(self._get_config())}
        return spacy.util.to_bytes(serializers, list(exclude))

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> JiebaTokenizer:
        deserializers = {"cfg": lambda b: self._set_config(srsly.json_loads(b))}
        spacy.util.from_bytes(data, deserializers, list(exclude))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        serializers = {"cfg": lambda p: srsly.write_json(p, self._get_config())}
        spacy.util.to_disk(path, serializers, list(exclude))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> JiebaTokenizer:
        deserializers = {"cfg": lambda p: self._set_config(srsly.read_json(p))}
        spacy.util.from_disk(path, deserializers, list(exclude))
        return self


@registry.tokenizers(TOKENIZER)  # type: ignore[untyped-decorator]  # catalogue has no type hints
def create_tokenizer(backend: Backend | None = None) -> Callable[[Language], JiebaTokenizer]:
    """The ``[nlp.tokenizer]`` block ``@tokenizers = "dafu.Tokenizer.v1"``: :class:`JiebaTokenizer`."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, backend)

    return make


def _register_extensions() -> None:
    for attr in QUANTITY_ATTRS:
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)


#: What the ``dafu`` component sets (spaCy's ``nlp.analyze_pipes()`` shows it).
ASSIGNS = ("token.is_sent_start", "doc.sents", "doc.spans", "doc.ents",
           *(f"span._.{attr}" for attr in QUANTITY_ATTRS))


@Language.factory("dafu", assigns=ASSIGNS)
def make_dafu(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The ``dafu`` component, its ``Span._`` extensions registered (so ``spacy.load`` has them too)."""
    _register_extensions()
    _read_msgpack_entry_points_once()
    return dafu_component


def dafu_component(doc: Doc) -> Doc:
    """Sentences, quantities and entities of :func:`pipeline.extract`, as spaCy spans."""
    found = extract(doc.text)
    for token in doc:
        token.is_sent_start = token.i == 0
    for sentence in found.sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
    quantities = []
    for q in found.quantities:
        span = doc.char_span(q.start, q.end, label=q.type, alignment_mode="expand")
        if span is None:
            continue
        for attr in QUANTITY_ATTRS:
            value = getattr(q, attr)
            if value is not None:  # None is the default: not stored, so not serialised with the Doc
                span._.set(attr, str(value))
        quantities.append(span)
    doc.spans[SPANS_KEY] = quantities
    ents: list[Span] = []
    taken: set[int] = set()
    for e in found.entities:
        span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
        if span is not None and not taken.intersection(range(span.start, span.end)):
            ents.append(span)
            taken.update(range(span.start, span.end))
    doc.ents = ents
    return doc


def _read_msgpack_entry_points_once() -> None:
    """Have srsly read its msgpack (de)coder entry points once, not at every (un)pack.

    srsly scans every installed package's entry points each time it makes a msgpack packer
    or unpacker: five times per ``Doc.to_bytes`` and five per ``from_bytes``, about 1 ms
    each, which ``nlp.pipe(..., n_process=2)`` pays for every Doc in a worker and again in
    the main process (more than dafu's own work on a short reply). The entry points found
    are registered as ordinary entries, so every (de)coder stays in use.
    """
    from srsly.msgpack import msgpack_decoders, msgpack_encoders  # type: ignore[import-untyped]

    for registry in (msgpack_encoders, msgpack_decoders):
        if registry.entry_points:
            found = registry.get_entry_points()
            registry.entry_points = False
            own = registry.get_all()
            for name, func in found.items():
                if name not in own:  # as in get_all(), an entry registered by name wins over an entry point
                    registry.register(name, func=func)


def load() -> Language:
    """A blank Chinese spaCy pipeline with dafu's tokenizer and the ``dafu`` component.

    Both are in spaCy's registry, so ``nlp.to_disk(path)`` then ``spacy.load(path)`` rebuilds
    it (where ``pipeline.nlp`` is imported, or dafu is installed with its entry points).
    """
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    nlp.add_pipe("dafu")
    return nlp
