"""displaCy views of a document: its quantities and entities highlighted, in dafu's colours.

    >>> html = render("与超20家金融机构建立合作机制，贴息支持比例提升至70%。")
    >>> "超20家" in html and "PERCENT" in html.upper()
    True

:func:`render` takes a text, a :class:`pipeline.Document` or a spaCy ``Doc`` of
:func:`pipeline.load` and returns the HTML as a :class:`Markup` string, which a notebook
shows as HTML when it is a cell's value. Style ``"span"`` (the default) draws quantities and
entities that overlap (``福田区科技和工业信息化局`` holding ``福田``) on stacked lines; style
``"ent"`` colours the text itself, quantities first and entities that do not overlap one.
Every text is escaped: documents are untrusted.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence
from typing import Any, Literal, NamedTuple

from pipeline.errors import MissingDependencyError
from pipeline.records import Document

Style = Literal["span", "ent"]

# Quantities in warm colours, entities in cool ones; one colour per kind so a legend can list them.
COLORS: dict[str, str] = {
    "count": "#f6c85f", "money": "#f4a261", "percent": "#e9c46a", "ratio": "#e9c46a", "rank": "#ffb4a2",
    "number": "#ffd6a5", "area": "#caffbf", "length": "#caffbf", "weight": "#caffbf", "volume": "#caffbf",
    "energy": "#caffbf", "power": "#caffbf", "speed": "#caffbf", "temperature": "#caffbf",
    "duration": "#fdffb6", "date": "#ffe5ec", "period": "#ffe5ec", "time": "#ffe5ec", "set": "#ffd6a5",
    "phone": "#e0e0e0",
    "GOV": "#9bf6ff", "ORG": "#a0c4ff", "LOC": "#bdb2ff", "PROGRAM": "#b9fbc0", "PERSON": "#d0f4de",
}
# displaCy's span renderer puts a space after every token without a span (English has spaces); Chinese has
# none, so plain pieces carry this marker and marker+space is taken out of the markup afterwards.
_GLUE = "\u2063"


class Mark(NamedTuple):
    """A highlighted stretch ``text[start:end]`` and its label (a quantity type or an entity label)."""

    start: int
    end: int
    label: str


class Markup(str):
    """HTML as a ``str`` that Jupyter displays as HTML."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


def render(doc: Any, style: Style = "span", *, quantities: bool = True, entities: bool = True) -> Markup:
    """Highlight the quantities and entities of ``doc``: a text, a :class:`~pipeline.Document` or a spaCy Doc.

    >>> "<script>" in render("<script>alert(1)</script>规模2亿元")
    False
    """
    text, marks = marks_of(doc, quantities=quantities, entities=entities)
    return render_marks(text, marks, style)


def marks_of(doc: Any, *, quantities: bool = True, entities: bool = True) -> tuple[str, list[Mark]]:
    """The text of ``doc`` and its marks, offsets into that text."""
    if isinstance(doc, str):
        from pipeline.document import extract

        doc = extract(doc)
    marks: list[Mark] = []
    if isinstance(doc, Document):
        if quantities:
            marks += [Mark(q.start, q.end, q.type) for q in doc.quantities]
        if entities:
            marks += [Mark(e.start, e.end, e.label) for e in doc.entities]
        return doc.text, marks
    if hasattr(doc, "spans") and hasattr(doc, "ents"):  # a spaCy Doc of pipeline.load()
        from pipeline.nlp import SPANS_KEY

        if quantities and SPANS_KEY in doc.spans:
            marks += [Mark(s.start_char, s.end_char, s.label_) for s in doc.spans[SPANS_KEY]]
        if entities:
            marks += [Mark(e.start_char, e.end_char, e.label_) for e in doc.ents]
        return str(doc.text), marks
    raise TypeError(f"cannot render a {type(doc).__name__}: give a text, a pipeline.Document or a spaCy Doc")


def render_marks(text: str, marks: Iterable[Mark], style: Style = "span", *, offset: int = 0) -> Markup:
    """displaCy markup of ``text`` with ``marks`` (whose offsets are ``offset`` more than indexes into ``text``).

    Marks outside the text are dropped; the text is drawn line by line, so its line breaks stay.
    """
    try:
        from spacy import displacy
    except ImportError as e:  # pragma: no cover - spaCy is a dependency
        raise MissingDependencyError("spaCy draws the highlights: pip install spacy") from e

    local = sorted({Mark(m.start - offset, m.end - offset, m.label) for m in marks
                    if m.start - offset >= 0 and m.end - offset <= len(text) and m.end > m.start})
    options = {"colors": COLORS}
    if style == "ent":
        data = {"text": text, "ents": [
            {"start": m.start, "end": m.end, "label": html.escape(m.label)} for m in _no_overlap(local)]}
        return Markup(displacy.render(data, style="ent", manual=True, jupyter=False, options=options))
    if style != "span":
        raise ValueError(f"style {style!r} is not 'span' or 'ent'")
    lines = [_line_data(text, start, end, local) for start, end in _lines(text)]
    if not lines:
        return Markup('<div class="spans"></div>')
    markup = displacy.render(lines, style="span", manual=True, jupyter=False, minify=True, options=options)
    return Markup(markup.replace(_GLUE + " ", ""))


def _lines(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for i, char in enumerate(text):
        if char == "\n":
            if text[start:i].strip():
                bounds.append((start, i))
            start = i + 1
    if text[start:].strip():
        bounds.append((start, len(text)))
    return bounds


def _line_data(text: str, start: int, end: int, marks: Sequence[Mark]) -> dict[str, Any]:
    """One line as displaCy's manual span data: tokens cut at every mark boundary, marks as token ranges."""
    inside = [Mark(max(m.start, start), min(m.end, end), m.label) for m in marks if m.start < end and m.end > start]
    cuts = sorted({start, end, *(m.start for m in inside), *(m.end for m in inside)})
    pieces = list(itertools.pairwise(cuts))
    index = {s: i for i, (s, _) in enumerate(pieces)}
    index[end] = len(pieces)
    covered = [any(m.start <= s < m.end for m in inside) for s, _ in pieces]
    tokens = [text[s:e].replace(_GLUE, "") + ("" if cov else _GLUE)
              for (s, e), cov in zip(pieces, covered, strict=True)]
    spans = [{"start_token": index[m.start], "end_token": index[m.end], "label": html.escape(m.label)}
             for m in inside]
    return {"text": text[start:end], "tokens": tokens, "spans": spans}


def _no_overlap(marks: Sequence[Mark]) -> list[Mark]:
    """Quantities first, then the entities that overlap none of the marks kept."""
    kept: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.label.isupper(), m.start, -m.end)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept)


def legend(labels: Iterable[str]) -> str:
    """Small coloured chips naming ``labels``, for a page that shows several renders."""
    chips = [f'<span class="chip" style="background:{COLORS.get(label, "#ddd")}">{html.escape(label)}</span>'
             for label in sorted(set(labels), key=lambda x: (x.isupper(), x))]
    return '<div class="legend">' + " ".join(chips) + "</div>"
