"""The report's documents: an index the reader filters, and each text with its marks.

Each quantity is a ``<mark class="q">`` whose ``data-*`` attributes hold its type, value with
unit, status, and where the tables have them the status's cue and the deadline's text (the
quantity ``deadline_id`` names), ``of``, ``per`` and qualifier; the page's script shows them in a popover when the
mouse is over it. Entities are underlined in their label's colour. Marks that overlap are cut
at each other's edges, so the markup stays well nested: a quantity stays one element, an entity
crossing a quantity's edge becomes two pieces.

    >>> marked_text("投入2亿元", [Mark(2, 5, "money", {"status": "achieved"})])
    '投入<mark class="q" style="--c:#f4a261" data-status="achieved">2亿元</mark>'
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Hashable, Iterable, Sequence
from typing import Any, NamedTuple
from urllib.parse import quote

import pandas as pd

from pipeline.errors import DafuError
from pipeline.report.summary import cell, has_status, human_value, status_groups
from pipeline.tables import Tables
from pipeline.visual import COLORS

NO_STATUS = "unknown (the tables have no status column)"
_FACTS = ("doc_kind", "agency", "addressee", "date", "n_quantities", "n_entities")


class Mark(NamedTuple):
    """``text[start:end]`` highlighted as ``label`` (a quantity type or an entity label) with ``data`` attributes."""

    start: int
    end: int
    label: str
    data: dict[str, str]


def render_documents(tables: Tables, shown: int, legend: str = "") -> str:
    """The filterable index of every document and the first ``shown`` documents' texts, ``legend`` between."""
    docs = tables["documents"]
    quantities = tables["quantities"]
    index = _index(docs, shown)
    marks = _marks_by_doc(quantities, tables["entities"])
    manifest = tables["manifest"]
    files = dict(zip(manifest["doc_id"], zip(manifest["path"], manifest["sha256"], strict=True), strict=True))
    by_doc = dict(tuple(tables["sentences"].groupby("doc_id", sort=False)))
    articles = []
    for doc in docs.head(shown).to_dict("records"):
        doc_id = str(doc["doc_id"])
        found = marks.get(doc_id, [])
        text = _source_text(*files.get(doc_id, (None, None)))
        if text is not None:
            body, origin = marked_text(text, found), "the source file"
        else:
            rows = by_doc.get(doc_id, pd.DataFrame(columns=["text", "start"]))
            body = "\n".join(marked_text(str(t), found, offset=int(s)) for t, s in
                             zip(rows["text"], rows["start"], strict=True))
            origin = "the sentences table (source file missing or changed)"
        articles.append(_article(doc, body, origin))
    return f'<section class="documents"><h2>Documents</h2>{index}{legend}' + "\n".join(articles) + "</section>"


def _index(docs: pd.DataFrame, shown: int) -> str:
    rows = []
    for i, doc in enumerate(docs.to_dict("records")):
        doc_id = str(doc["doc_id"])
        title = cell(doc.get("title")) or doc_id
        words = " ".join(cell(doc.get(k)) for k in ("title", "agency", "addressee", "proposal_title"))
        link = (f'<a href="#{html.escape(quote(doc_id), quote=True)}">{html.escape(title)}</a>' if i < shown
                else html.escape(title))
        rows.append(f'<tr data-doc="{html.escape(doc_id, quote=True)}" '
                    f'data-search="{html.escape((doc_id + " " + words).lower(), quote=True)}">'
                    f"<td>{link}</td><td>{html.escape(cell(doc.get('agency')))}</td>"
                    f"<td>{html.escape(cell(doc.get('date')))}</td><td>{html.escape(cell(doc.get('n_quantities')))}"
                    "</td></tr>")
    return ('<div class="filter"><input id="doc-filter" type="search" autocomplete="off" '
            'placeholder="Filter documents: title, agency, addressee or id" aria-label="Filter documents">'
            f' <span id="doc-count">{len(docs)} of {len(docs)} documents</span></div>'
            '<table class="index" id="doc-index"><thead><tr><th>document</th><th>agency</th><th>date</th>'
            "<th>quantities</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def _marks_by_doc(quantities: pd.DataFrame, entities: pd.DataFrame) -> dict[str, list[Mark]]:
    marks: dict[str, list[Mark]] = {}
    statuses = status_groups(quantities) if has_status(quantities) else [NO_STATUS] * len(quantities)
    texts = dict(zip(zip(quantities["doc_id"], quantities["quantity_id"], strict=True), quantities["text"],
                     strict=True))
    for row, status in zip(quantities.to_dict("records"), statuses, strict=True):
        deadline = texts.get((row["doc_id"], row.get("deadline_id")), "")
        data = {"type": str(row["type"]), "value": human_value(row), "unit": cell(row.get("unit")), "status": status,
                "cue": cell(row.get("status_cue")), "deadline": deadline, "of": cell(row.get("of")),
                "per": cell(row.get("per")),
                "qualifier": "" if row.get("qualifier") == "exact" else cell(row.get("qualifier")),
                "id": cell(row.get("quantity_id"))}
        marks.setdefault(str(row["doc_id"]), []).append(
            Mark(int(row["start"]), int(row["end"]), str(row["type"]), {k: v for k, v in data.items() if v}))
    for doc_id, s, e, label in zip(entities["doc_id"], entities["start"], entities["end"], entities["label"],
                                   strict=True):
        marks.setdefault(str(doc_id), []).append(Mark(int(s), int(e), str(label), {}))
    return marks


def marked_text(text: str, marks: Iterable[Mark], *, offset: int = 0) -> str:
    """``text`` escaped, with ``marks`` (offsets ``offset`` more than indexes into ``text``) as nested elements.

    Quantity marks (lower-case labels) become ``<mark class="q">``, entities ``<span class="e">``;
    marks reaching outside the text are dropped.
    """
    local = [Mark(m.start - offset, m.end - offset, m.label, m.data) for m in marks
             if m.start - offset >= 0 and m.end - offset <= len(text) and m.end > m.start]
    quantities = _no_overlap([m for m in local if not m.label.isupper()])
    entities = _Entities(m for m in local if m.label.isupper())
    out: list[str] = []
    pos = 0
    for q in quantities:
        out.append(entities.render(text, pos, q.start))
        out.append(f'<mark class="q" style="--c:{COLORS.get(q.label, "#ddd")}"{_attrs(q.data)}>'
                   f"{entities.render(text, q.start, q.end)}</mark>")
        pos = q.end
    out.append(entities.render(text, pos, len(text)))
    return "".join(out)


class _Entities:
    """The entity marks of a text, rendered stretch by stretch from left to right (each entity visited once)."""

    def __init__(self, marks: Iterable[Mark]) -> None:
        self.pending = sorted(marks, key=lambda m: m.start)
        self.next = 0
        self.open: list[Mark] = []

    def render(self, text: str, start: int, end: int) -> str:
        """``text[start:end]`` escaped, the stretches under entities wrapped (the innermost one's colour)."""
        while self.next < len(self.pending) and self.pending[self.next].start < end:
            self.open.append(self.pending[self.next])
            self.next += 1
        self.open = [m for m in self.open if m.end > start]
        inside = [m for m in self.open if m.start < end]
        if not inside:
            return html.escape(text[start:end])
        return _wrapped(text, start, end, inside)


def _wrapped(text: str, start: int, end: int, inside: Sequence[Mark]) -> str:
    cuts = sorted({start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)})
    out = []
    for a, b in itertools.pairwise(cuts):
        over = [m for m in inside if m.start <= a and m.end >= b]
        piece = html.escape(text[a:b])
        if over:
            labels = " ".join(sorted({m.label for m in over}))
            inner = min(over, key=lambda m: m.end - m.start)
            piece = (f'<span class="e" style="--c:{COLORS.get(inner.label, "#ddd")}" '
                     f'title="{html.escape(labels, quote=True)}">{piece}</span>')
        out.append(piece)
    return "".join(out)


def _no_overlap(marks: list[Mark]) -> list[Mark]:
    """Quantities in text order, a quantity inside an earlier one dropped (the tables do not nest them)."""
    kept: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _attrs(data: dict[str, str]) -> str:
    return "".join(f' data-{k}="{html.escape(v, quote=True)}"' for k, v in data.items())


def _source_text(path: Any, sha256: Any) -> str | None:
    """The document's text read again, if the file is still the one the tables were made from."""
    if path is None or pd.isna(path) or sha256 is None or pd.isna(sha256):
        return None
    from pipeline.readers.read import read_source

    try:
        src = read_source(str(path))
    except DafuError:
        return None
    return src.text if src.sha256 == sha256 else None


def _article(doc: dict[Hashable, Any], body: str, origin: str) -> str:
    facts = [(k, doc.get(k)) for k in _FACTS]
    meta = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(cell(v))}</dd>" for k, v in facts if cell(v))
    title = cell(doc.get("title")) or str(doc["doc_id"])
    doc_id = str(doc["doc_id"])
    return (f'<article class="doc" id="{html.escape(quote(doc_id), quote=True)}" '
            f'data-doc="{html.escape(doc_id, quote=True)}">'
            f"<h3>{html.escape(title)}</h3><p class=\"id\">{html.escape(doc_id)} · text from "
            f'{html.escape(origin)}</p><dl>{meta}</dl><div class="text">{body}</div></article>')
