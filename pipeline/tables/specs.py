"""The tables' specs, from the records: columns, keys and foreign keys of each table.

The columns are the records' field names, with a record's ``id`` named after its table
(``section_id``, ``sentence_id``, ``quantity_id``, ``entity_id``), so that every table joins
on ``(doc_id, sentence_id)`` and ``(doc_id, section_id)``:

>>> SPECS["quantities"].names[:3]
['doc_id', 'quantity_id', 'type']
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel

from pipeline.errors import DafuError
from pipeline.export.columns import Column, ForeignKey, Kind, TableSpec
from pipeline.records import (
    Citation,
    Commitment,
    Entity,
    ManifestEntry,
    Meta,
    Problem,
    Quantity,
    Reply,
    Section,
    Sentence,
    Token,
)

TABLE_NAMES = ("documents", "sections", "sentences", "quantities", "entities", "replies", "citations", "commitments",
               "tokens", "problems", "manifest")


def column_kind(annotation: Any) -> Kind:
    """The column kind of a field's type: ``str | None`` → string, ``Decimal`` → decimal …

    Raises ``TypeError`` for a type no column holds (a list, a nested model).
    """
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        if len(args) == 1:
            return column_kind(args[0])
    elif typing.get_origin(annotation) is Literal and all(isinstance(a, str) for a in args):
        return "string"
    kinds: dict[Any, Kind] = {str: "string", bool: "bool", int: "int", float: "float", Decimal: "decimal",
                              dt.date: "date"}
    if annotation in kinds:
        return kinds[annotation]
    raise TypeError(f"no column kind for {annotation!r}")


def _fields(model: type[BaseModel], *, id_as: str | None = None) -> list[Column]:
    """The model's scalar fields as columns, ``id`` renamed to ``id_as``."""
    cols = []
    for name, info in model.model_fields.items():
        if typing.get_origin(info.annotation) is list:
            continue
        cols.append(Column(id_as if name == "id" and id_as else name, column_kind(info.annotation), info.description))
    return cols


#: The replies table's evidence, flattened: the sentence ids and the cue words that decided
#: the outcome and the commitment, ``; ``-separated (``t3; t7`` · ``已完成; 正在``).
EVIDENCE_COLUMNS = (
    Column("outcome_sentence_ids", "string", "the sentences that decided the outcome (t3; t7)"),
    Column("outcome_cues", "string", "the cue words read in them (已完成; 正在)"),
    Column("commitment_sentence_ids", "string", "the sentences that decided the commitment"),
    Column("commitment_cues", "string", "the cue words read in them (年底前; 加强)"),
)

#: The commitments table's quantity ids, ``; ``-separated (``q3; q5``), where the record has a list.
QUANTITY_IDS = Column("quantity_ids", "string", "the clause's planned quantities, quantity_ids (q3; q5)")

_DOC = ForeignKey(("doc_id",), "documents", ("doc_id",))


def _ref(table: str, column: str) -> ForeignKey:
    return ForeignKey(("doc_id", column), table, ("doc_id", column))


def _specs() -> dict[str, TableSpec]:
    doc_id = Column("doc_id", "string", "the document's key in every table")
    path = Column("section_path", "string", "the outline markers down to the section (一 > （二）)")
    meta = [c for c in _fields(Meta) if c.name != "doc_id"]
    counts = [Column(f"n_{n}", "int", f"how many {n} the document has")
              for n in ("chars", "sections", "sentences", "quantities", "entities")]
    quantity: list[Column] = []
    for c in _fields(Quantity):
        quantity.append(c)
        if c.name == "amount":
            quantity.append(Column("amount_float", "float", "amount as a float, for plotting; amount is exact"))
            quantity.append(Column("duration_days", "float", "a duration's value in days, to sort and average "
                                   "(a year is 365.2425 days, a month 30.436875); value keeps the ISO text"))
    specs = [
        TableSpec("documents",
                  (doc_id, *meta, Column("ref_date", "date", "the date relative dates were resolved against"), *counts),
                  ("doc_id",)),
        TableSpec("sections", (doc_id, *_fields(Section, id_as="section_id"), path),
                  ("doc_id", "section_id"), (_DOC,)),
        TableSpec("sentences", (doc_id, *_fields(Sentence, id_as="sentence_id")), ("doc_id", "sentence_id"),
                  (_DOC, _ref("sections", "section_id"))),
        TableSpec("quantities", (doc_id, Column("quantity_id", "string", "q1, q2 … in text order"), *quantity,
                                 Column("sentence_text", "string"),
                                 Column("page", "int", "the page its sentence starts on (as in sentences)"), path),
                  ("doc_id", "quantity_id"),
                  (_DOC, _ref("sentences", "sentence_id"), _ref("sections", "section_id"))),
        TableSpec("entities", (doc_id, *_fields(Entity, id_as="entity_id")), ("doc_id", "entity_id"),
                  (_DOC, _ref("sentences", "sentence_id"))),
        TableSpec("replies", (doc_id, *_fields(Reply)[:6], *EVIDENCE_COLUMNS, *_fields(Reply)[6:]), ("doc_id",),
                  (_DOC,)),
        TableSpec("citations", (doc_id, *_fields(Citation, id_as="citation_id")), ("doc_id", "citation_id"),
                  (_DOC, _ref("sentences", "sentence_id"))),
        TableSpec("commitments", (doc_id, *_commitment_columns()), ("doc_id", "commitment_id"),
                  (_DOC, _ref("sentences", "sentence_id"), _ref("entities", "entity_id"),
                   ForeignKey(("doc_id", "deadline_id"), "quantities", ("doc_id", "quantity_id")))),
        TableSpec("tokens", (doc_id, *_fields(Token)), ("doc_id", "i"),
                  (_DOC, _ref("sentences", "sentence_id"))),
        TableSpec("problems", tuple(_fields(Problem))),
        TableSpec("manifest", tuple(_fields(ManifestEntry)), ("path",)),
    ]
    assert tuple(s.name for s in specs) == TABLE_NAMES
    return {s.name: s for s in specs}


def _commitment_columns() -> list[Column]:
    cols = _fields(Commitment, id_as="commitment_id")
    at = [c.name for c in cols].index("deadline_id")
    return [*cols[:at], QUANTITY_IDS, *cols[at:]]


SPECS: dict[str, TableSpec] = _specs()


def columns(name: str) -> list[str]:
    """The column names of a table, in order."""
    return SPECS[known_table(name)].names


def known_table(name: str) -> str:
    """``name`` itself if it is one of :data:`TABLE_NAMES`; else a :class:`~pipeline.errors.DafuError` naming them."""
    if name not in SPECS:
        raise DafuError(f"no table {name!r}; the tables are {', '.join(TABLE_NAMES)}")
    return name
