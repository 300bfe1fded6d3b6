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
"""

from __future__ import annotations

from typing import Any

from pipeline.document import extract
from pipeline.errors import MissingDependencyError
from pipeline.segment import tokens

try:
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab
except ImportError as e:  # pragma: no cover - exercised only without spaCy
    raise MissingDependencyError("spaCy is needed for pipeline.nlp: pip install 'dafu[spacy]'") from e

QUANTITY_ATTRS = ("value", "amount", "unit", "qualifier", "low", "high", "of", "predicate", "change", "scope")
SPANS_KEY = "quantities"


class JiebaTokenizer:
    """spaCy tokenizer: jieba's segmentation, no spaces, text reassembled exactly."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words = [t.text for t in tokens(text)]
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    # spaCy serialises a pipeline's tokenizer; this one has no state of its own
    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> JiebaTokenizer:
        return self

    def to_disk(self, path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, path: Any, **kwargs: Any) -> JiebaTokenizer:
        return self


def _register_extensions() -> None:
    for attr in QUANTITY_ATTRS:
        if not Span.has_extension(attr):
            Span.set_extension(attr, default=None)


@Language.component("dafu")
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
    """A blank Chinese spaCy pipeline with jieba tokens and the ``dafu`` component."""
    _register_extensions()
    _read_msgpack_entry_points_once()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}})
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    nlp.add_pipe("dafu")
    return nlp
