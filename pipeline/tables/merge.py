"""The rows of an incremental run merged into the previous run's tables, in Arrow.

An incremental re-run reads again only the files that changed; the rows of the others are
taken from the previous tables, column by column in Arrow (no Python work per row), and put
where a full run would put them: documents in input order, each document's rows in their
own order. So the files written are byte for byte those of a full run.

>>> merged(SPECS["documents"], previous, kept={"a": 0, "c": 2}, new=new_rows, new_ranks=[1])  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.export.columns import TableSpec, as_numpy


def in_frame_schema(spec: TableSpec, table: pa.Table) -> pa.Table:
    """``table`` (frame or Parquet schema, any column order) cast to the frame schema; missing columns null."""
    arrays = []
    for f in spec.frame_schema:
        if f.name in table.schema.names:
            arr = table.column(f.name)
            arrays.append(arr if arr.type == f.type else pc.cast(arr, f.type))
        else:
            arrays.append(pa.nulls(table.num_rows, type=f.type))
    return pa.table(arrays, schema=spec.frame_schema)


def merged(spec: TableSpec, previous: pa.Table | None, kept: Mapping[str, int], new: pa.Table,
           new_ranks: Sequence[int] | np.ndarray) -> tuple[pa.Table, np.ndarray]:
    """The rows of the documents in ``kept`` (doc_id → rank) from ``previous`` and the ``new`` rows
    (each with the rank of its document in ``new_ranks``), ordered by rank, each document's rows
    in their own order. Both tables are in the frame schema.

    Also returns where each row comes from: ``i >= 0`` row ``i`` of ``previous``, ``-k - 1`` row
    ``k`` of ``new`` (what :func:`~pipeline.tables.splice.splice` copies).
    """
    ranks = np.asarray(new_ranks, dtype=np.int64)
    fresh = -np.arange(new.num_rows, dtype=np.int64) - 1
    if previous is None or not kept or not previous.num_rows:
        if len(ranks) < 2 or bool(np.all(ranks[:-1] <= ranks[1:])):
            return new, fresh
        order = np.argsort(ranks, kind="stable")  # documents given out of order
        return gather(new, order), fresh[order]
    ids = pa.array(list(kept), type=pa.string())
    at = pc.index_in(previous.column("doc_id"), value_set=ids)  # null: a document not kept
    keep = pc.is_valid(at)
    rows = np.flatnonzero(as_numpy(keep))
    old = gather(previous, rows)
    old_ranks = np.asarray(list(kept.values()), dtype=np.int64)[as_numpy(pc.drop_null(at))]
    if not new.num_rows and (len(old_ranks) < 2 or bool(np.all(old_ranks[:-1] <= old_ranks[1:]))):
        return old, rows  # nothing new and the kept documents in order already
    order = np.argsort(np.concatenate([old_ranks, ranks]), kind="stable")
    both = pa.concat_tables([old, new.cast(old.schema)])
    return gather(both, order), np.concatenate([rows, fresh])[order]


def gather(table: pa.Table, indices: np.ndarray, max_runs: int = 4_096) -> pa.Table:
    """``table.take(indices)``; as zero-copy slices when the indices fall in few runs of consecutive
    rows (a re-run that changed a few documents), which costs nothing per row."""
    if not len(indices):
        return table.slice(0, 0)
    breaks = np.flatnonzero(np.diff(indices) != 1) + 1
    if len(breaks) >= max_runs:
        return table.take(pa.array(indices))
    starts = np.concatenate([[0], breaks])
    stops = np.concatenate([breaks, [len(indices)]])
    return pa.concat_tables([table.slice(int(indices[a]), int(b - a)) for a, b in zip(starts, stops, strict=True)])
