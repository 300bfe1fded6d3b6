"""Outcomes to rows, in input order: every file's ``manifest`` row, its problem or its rows
(with a ``problems`` row of kind ``warning`` for each guess its reader made), counted into the
:class:`RunSummary` the CLI reports (both engines hand their outcomes through here, so that
the Dask engine's client writes the warnings its workers found).

>>> summary.statuses, summary.quantities.most_common(1)          # doctest: +SKIP
(Counter({'processed': 3, 'problem': 2}), [('count', 87)])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from pipeline.batch.state import Previous
from pipeline.batch.summary import SHOWN_PROBLEMS, Progress, RunSummary
from pipeline.batch.work import Outcome
from pipeline.readers.walk import Skipped
from pipeline.tables import SPECS, ColumnRows, manifest_row, problem_row
from pipeline.tables.sink import WriteProgress

__all__ = ["Progress", "RunSummary", "outcome_rows", "skipped_rows", "writing_progress"]


def outcome_rows(outcomes: Iterable[Outcome], previous: Previous, summary: RunSummary,
                 progress: Callable[[Progress], None] | None, *, kept_rows: bool = True
                 ) -> Iterator[tuple[Outcome, dict[str, list[dict[str, Any]] | ColumnRows]]]:
    """Each outcome with its rows, counted into ``summary``: an unchanged file's are its previous
    rows, or only its manifest row without ``kept_rows`` (the sink then keeps them itself)."""
    type_at = SPECS["quantities"].names.index("type")
    kept: list[str] = []  # the unchanged documents whose rows the sink keeps: their quantities counted at the end
    for done, o in enumerate(outcomes, 1):
        path, doc_id = o.task.path, o.task.doc_id
        summary.inputs.append((path, doc_id, o.sha256))
        rows: dict[str, list[dict[str, Any]] | ColumnRows]
        if o.status == "unchanged" and not kept_rows:
            rows = {}
            kept.append(doc_id)
        elif o.status == "unchanged":
            rows = dict(previous.rows(doc_id))
        elif o.status == "problem":
            reason = o.reason or "unknown"
            rows = {"problems": [problem_row(path, reason, stage=o.stage, doc_id=doc_id)]}
            if len(summary.problems) < SHOWN_PROBLEMS:
                summary.problems.append((path, reason))
        else:
            rows = dict(o.packed) if o.packed is not None else dict(o.rows or {})
            if o.tokens is not None:
                rows["tokens"] = o.tokens
            if o.warnings:  # the file's rows are there, but its reader had to guess: say where
                rows["problems"] = [problem_row(path, w, stage="read", doc_id=doc_id, kind="warning")
                                    for w in o.warnings]
        rows["manifest"] = [manifest_row(path, doc_id=doc_id, sha256=o.sha256, size=o.size, status=o.status,
                                         reason=o.reason)]
        summary.statuses[o.status] += 1
        summary.ocr_pages += o.ocr_pages
        quantities = rows.get("quantities", [])
        if isinstance(quantities, ColumnRows):
            summary.quantities.update(map(str, quantities.columns[type_at]))
        elif isinstance(quantities, list):
            summary.quantities.update(str(q.get("type")) for q in quantities)
        yield o, rows
        if progress is not None:
            progress(Progress(done, summary.files, path, o.status, ocr_pages=o.ocr_pages, ocr_total=summary.ocr_pages))
    summary.quantities.update(previous.quantity_types(kept))


def skipped_rows(skipped: Sequence[Skipped], summary: RunSummary) -> list[dict[str, Any]]:
    """The ``manifest`` rows of the entries not read (status ``skipped``, the reason why), counted
    into ``summary``: after the files read, so that the manifest accounts for every entry."""
    summary.skipped += len(skipped)
    return [manifest_row(s.path, doc_id=None, sha256=None, size=s.size, status="skipped", reason=s.reason)
            for s in skipped]


def writing_progress(progress: Callable[[Progress], None] | None) -> WriteProgress | None:
    """The steps of writing the tables (see :class:`~pipeline.tables.TableSink`) as ``write`` :class:`Progress`."""
    if progress is None:
        return None
    callback = progress

    def tell(done: int, total: int, what: str) -> None:
        callback(Progress(done, total, what, "processed", phase="write"))

    return tell
