"""Records → rows: one dict per row of a table, or the rows as columns (:func:`document_columns`,
what the table files are written from), and rows packed as tuples for handing over.

>>> from pipeline import extract
>>> rows = document_rows(extract("引入超6家央企研发中心", doc_id="d1"))
>>> rows["quantities"][0]["quantity_id"], rows["quantities"][0]["amount"]
('q1', Decimal('6'))
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from pipeline.export.columns import Kind, cell, normalise_rows, plain_columns
from pipeline.records import Commitment, Document, ManifestEntry, Meta, Problem, Quantity, Reply, Section
from pipeline.tables.specs import SPECS, column_kind

if TYPE_CHECKING:  # a worker process makes rows of plain cells without loading pyarrow (only the tokens are Arrow)
    import pyarrow as pa

Rows = dict[str, list[dict[str, Any]]]


def document_rows(doc: Document, *, tokens: bool = False) -> Rows:
    """The rows of one document for documents, sections, sentences, quantities, entities, replies,
    citations, commitments (and tokens), one dict per row with every column of its table.

    Values are the records' own (``Decimal``, ``date``); the tables normalise them.
    """
    for q in doc.quantities:
        for number in (q.amount, q.low, q.high):
            if number is not None:
                _check_fits(q, number)
    rows: Rows = {}
    for name, columns in _record_columns(doc).items():
        names = SPECS[name].names
        rows[name] = [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
    if tokens:
        rows["tokens"] = token_rows(doc).dicts("tokens")
    return rows


def document_columns(doc: Document) -> dict[str, ColumnRows]:
    """:func:`document_rows` (without tokens) as columns of plain cells in each table's column
    order: what a :class:`~pipeline.tables.TableSink` takes, and a worker process hands over,
    with no dict per row. A number the tables cannot hold raises ``ValueError`` naming its quantity."""
    tables: dict[str, ColumnRows] = {}
    for name, columns in _record_columns(doc).items():
        try:
            tables[name] = ColumnRows(plain_columns(_kinds(name), columns))
        except ValueError:
            document_rows(doc)  # raises naming the quantity
            raise
    return tables


@functools.cache
def _kinds(table: str) -> tuple[Kind, ...]:
    """The kinds of ``table``'s columns, in its column order."""
    return tuple(c.kind for c in SPECS[table].columns)


def _record_columns(doc: Document) -> dict[str, list[list[Any]]]:
    """Each table's columns, in its column order, of the records' own values: read field by field
    from each record's fields (:func:`_fields`) or hand-built row, with the ids renamed."""
    from pipeline.document import text_id

    meta = doc.meta or Meta()
    doc_id = meta.doc_id or text_id(doc.text)
    paths = _section_paths(doc.sections)
    sentences = {s.id: s for s in doc.sentences}
    quantities = _all_fields(doc.quantities)
    in_sentence = [sentences.get(q.sentence_id) if q.sentence_id else None for q in doc.quantities]
    document = {**_fields(meta), "doc_id": doc_id, "ref_date": doc.ref_date, "n_chars": len(doc.text),
                "n_sections": len(doc.sections), "n_sentences": len(doc.sentences),
                "n_quantities": len(doc.quantities), "n_entities": len(doc.entities)}
    return {
        "documents": _columns("documents", doc_id, [document]),
        "sections": _columns("sections", doc_id, _all_fields(doc.sections), "section_id",
                             section_path=[paths.get(s.id) for s in doc.sections]),
        "sentences": _columns("sentences", doc_id, _all_fields(doc.sentences), "sentence_id"),
        "quantities": _columns(
            "quantities", doc_id, quantities,
            quantity_id=[f"q{n}" for n in range(1, len(quantities) + 1)],
            amount_float=[float(q["amount"]) if q["amount"] is not None else None for q in quantities],
            duration_days=[duration_days(q["value"]) if q["type"] == "duration" and q["value"] else None
                           for q in quantities],
            sentence_text=[s.text if s else None for s in in_sentence],
            page=[s.page if s else None for s in in_sentence],
            section_path=[paths.get(q["section_id"]) if q["section_id"] else None for q in quantities]),
        "entities": _columns("entities", doc_id, _all_fields(doc.entities), "entity_id"),
        "replies": _columns("replies", doc_id, [reply_row(doc_id, doc.reply)] if doc.reply else []),
        "citations": _columns("citations", doc_id, _all_fields(doc.citations), "citation_id"),
        "commitments": _columns("commitments", doc_id, [commitment_row(doc_id, k) for k in doc.commitments]),
    }


def _columns(table: str, doc_id: str, rows: Sequence[Mapping[str, Any]], id_as: str | None = None,
             **computed: list[Any]) -> list[list[Any]]:
    """The columns of ``table`` for ``rows`` (a record's fields or a row each): a computed column as
    given, ``doc_id`` repeated, ``id_as`` read from ``id``, any other column from its own key (None
    where a row lacks it). The rows are read by one ``itemgetter`` and transposed by ``zip``, in C."""
    columns, names, keys, read_rows = _plan(table, id_as, tuple(computed))
    n = len(rows)
    try:
        read = dict(zip(names, zip(*map(read_rows, rows), strict=True), strict=True)) if rows else {}
    except KeyError:  # some row lacks a column
        read = {name: tuple(row.get(key) for row in rows) for name, key in zip(names, keys, strict=True)}
    return [computed[name] if name in computed else [doc_id] * n if name == "doc_id"
            else list(read.get(name, ())) for name in columns]


@functools.cache
def _plan(table: str, id_as: str | None, computed: tuple[str, ...]) -> tuple[
        tuple[str, ...], tuple[str, ...], tuple[str, ...], Callable[[Mapping[str, Any]], tuple[Any, ...]]]:
    """:func:`_columns`' reading of ``table`` (made once per table and computed columns, not per document):
    its columns, those read from the rows, their keys, and the ``itemgetter`` of those keys."""
    columns = tuple(SPECS[table].names)
    names = tuple(name for name in columns if name not in computed and name != "doc_id")
    keys = tuple("id" if name == id_as else name for name in names)
    return columns, names, keys, itemgetter(*keys)  # every table reads two columns or more


def reply_row(doc_id: str, reply: Reply) -> dict[str, Any]:
    """The replies row of a document: the reply's scalar fields, its evidence flattened."""
    row: dict[str, Any] = {"doc_id": doc_id, **reply.model_dump(exclude={"evidence"})}
    for decides in ("outcome", "commitment"):
        evidence = [e for e in reply.evidence if e.decides == decides]
        row[f"{decides}_sentence_ids"] = "; ".join(e.sentence_id for e in evidence) or None
        row[f"{decides}_cues"] = "; ".join(dict.fromkeys(c for e in evidence for c in e.cues)) or None
    return row


def commitment_row(doc_id: str, k: Commitment) -> dict[str, Any]:
    """The commitments row of a promise: its fields, the quantity ids ``; ``-joined (null when none)."""
    row = {"doc_id": doc_id, **_renamed(k, "commitment_id")}
    row["quantity_ids"] = "; ".join(k.quantity_ids) or None
    return row


def token_rows(doc: Document) -> ColumnRows:
    """The tokens table's rows of one document, as Arrow columns (:mod:`~pipeline.tables.tokens`):
    no record, dict or Python string per token (a document has thousands)."""
    from pipeline.tables.tokens import token_arrays

    return ColumnRows(token_arrays(doc))


def _renamed(record: BaseModel, id_as: str) -> dict[str, Any]:
    """:func:`dumped` with ``id`` renamed; the fields are read once, not copied and then copied again."""
    return {(id_as if k == "id" else k): v for k, v in _fields(record).items()}


def _fields(record: BaseModel) -> dict[str, Any]:
    """The record's fields as :func:`dumped` gives them, not copied (not to be changed)."""
    return record.__dict__ if _plain(type(record)) else record.model_dump()


def _all_fields(records: Sequence[BaseModel]) -> list[dict[str, Any]]:
    """:func:`_fields` of each record, the models looked at once rather than per record."""
    if all(_plain(model) for model in set(map(type, records))):
        return [record.__dict__ for record in records]
    return [_fields(record) for record in records]


def dumped(record: BaseModel) -> dict[str, Any]:
    """``record.model_dump()``, taken straight from the fields when dumping cannot change them.

    That is a record of scalar fields only, with no serializer and no computed field (every
    record of the row tables); the rows need it for each of their hundreds of thousands of
    records, and pydantic's serializer costs several times the copy.
    """
    if _plain(type(record)):
        return dict(record.__dict__)
    return record.model_dump()


@functools.cache
def _plain(model: type[BaseModel]) -> bool:
    decorators = model.__pydantic_decorators__
    if decorators.field_serializers or decorators.model_serializers or model.model_computed_fields:
        return False
    try:
        return all(column_kind(f.annotation) is not None for f in model.model_fields.values())
    except TypeError:  # a list, a nested model …: model_dump converts it
        return False


#: Days in each ISO 8601 designator: the Gregorian calendar's average year (146,097 days in
#: 400 years) and a twelfth of it for a month, so that P12M is P1Y and P3Y6M is 3.5 years.
DAYS: dict[str, Decimal] = {"Y": Decimal("365.2425"), "M": Decimal("30.436875"), "W": Decimal(7), "D": Decimal(1),
                            "H": Decimal(1) / 24, "MIN": Decimal(1) / 1440, "S": Decimal(1) / 86400}


def duration_days(value: str) -> float | None:
    """An ISO 8601 duration in days (None when it is not one).

    >>> duration_days("P3Y"), duration_days("P1M15D"), duration_days("PT36H")
    (1095.7275, 45.436875, 1.5)
    """
    from pipeline.quantities.dates.calendar import duration_parts

    if not value.startswith("P"):
        return None
    parts = duration_parts(value)
    return float(sum(DAYS[unit] * n for unit, n in parts)) if parts else None


def _check_fits(q: Quantity, number: Decimal) -> None:
    """Raise ``ValueError`` naming the quantity when the tables cannot hold ``number`` exactly,
    here rather than when the rows are written, so that the batch reports the file."""
    try:
        cell("decimal", number)
    except ValueError as e:
        raise ValueError(f"quantity {q.text!r} at {q.start}: {e}") from e


def _section_paths(sections: Sequence[Section]) -> dict[str, str]:
    """``s1.2`` → ``一 > （二）``: each section's markers from the top, without trailing 、 or ..
    The header and closing have no marker, and no path."""
    by_id = {s.id: s for s in sections}
    paths: dict[str, str] = {}
    for s in sections:
        if s.marker is None:
            continue
        chain: list[str] = []
        at: Section | None = s
        while at is not None and len(chain) <= len(sections):  # the bound guards against a parent cycle
            chain.append((at.marker or "").rstrip("、.．,，"))
            at = by_id.get(at.parent_id) if at.parent_id else None
        paths[s.id] = " > ".join(reversed(chain))
    return paths


def problem_row(path: str, reason: str, *, stage: str = "read", doc_id: str | None = None,
                kind: str = "error") -> dict[str, Any]:
    """A ``problems`` row, validated by :class:`~pipeline.records.Problem` (``kind``: error, warning, metadata)."""
    data = {"path": path, "doc_id": doc_id, "stage": stage, "reason": reason, "kind": kind}
    return Problem.model_validate(data).model_dump()


def manifest_row(path: str, *, doc_id: str | None, sha256: str | None, size: int | None, status: str,
                 reason: str | None = None) -> dict[str, Any]:
    """A ``manifest`` row, validated by :class:`~pipeline.records.ManifestEntry`."""
    data = {"path": path, "doc_id": doc_id, "sha256": sha256, "size": size, "status": status, "reason": reason}
    return ManifestEntry.model_validate(data).model_dump()


# --- rows packed for handing over -----------------------------------------------------------


@dataclass(frozen=True)
class PackedRows:
    """Rows as tuples of plain cells (see ``export.columns.cell``) in the table's column
    order: what a worker process hands over, since a tuple of plain values pickles and
    unpickles in a fraction of a dict of records' values' time, and the writing process
    has nothing left to convert. Made by :func:`pack`."""

    rows: list[tuple[Any, ...]]


@dataclass(frozen=True)
class ColumnRows:
    """Rows as columns, in the table's column order: a list of plain cells per column, or an
    Arrow array of the column's frame type per column (the tokens table's, made by
    :func:`token_rows`: Arrow builds them with no Python object per
    cell, and they pickle as their buffers)."""

    columns: tuple[list[Any], ...] | tuple[pa.Array, ...]

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    @property
    def arrow(self) -> bool:
        """Whether the columns are Arrow arrays (else lists)."""
        return bool(self.columns) and not isinstance(self.columns[0], list)

    def dicts(self, table: str) -> list[dict[str, Any]]:
        """The rows as dicts, keyed by the columns of ``table``."""
        names = SPECS[table].names
        columns = [c if isinstance(c, list) else c.to_pylist() for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]

    def slice(self, start: int, stop: int | None = None) -> ColumnRows:
        return ColumnRows(tuple(col[start:stop] for col in self.columns))


#: The rows of a file for some tables: as dicts, packed, or as columns.
AnyRows = Mapping[str, "list[dict[str, Any]] | PackedRows | ColumnRows"]


def pack(name: str, rows: list[dict[str, Any]]) -> PackedRows:
    """``rows`` of table ``name`` converted and packed (a key that is no column, or a cell
    its column cannot take, raises naming the row)."""
    return PackedRows(normalise_rows(SPECS[name], rows))
