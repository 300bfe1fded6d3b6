"""Outcomes to rows, in input order: every file's ``manifest`` row, its problem or its rows, and
the :class:`RunSummary` the CLI reports (both engines hand their outcomes through here).

>>> summary.statuses, summary.quantities.most_common(1)          # doctest: +SKIP
(Counter({'processed': 3, 'problem': 2}), [('count', 87)])
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.batch.state import Previous
from pipeline.batch.work import Outcome, Status
from pipeline.tables import SPECS, PackedRows, Tables, manifest_row, problem_row

SHOWN_PROBLEMS = 20  # problems the summary names; the problems table has them all


@dataclass(frozen=True)
class Progress:
    """One file done: ``done`` of ``total``, with its path and status."""

    done: int
    total: int
    path: str
    status: Status


@dataclass
class RunSummary:
    """What :func:`~pipeline.batch.run_batch` did: counts, the files written, the first problems."""

    files: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    quantities: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    tables: Tables | None = None  # only when there is no output folder
    notes: list[str] = field(default_factory=list)  # lines for the run summary (the metadata sidecar's)

    @property
    def problem_count(self) -> int:
        return self.statuses["problem"]


def outcome_rows(outcomes: Iterable[Outcome], previous: Previous, summary: RunSummary,
                 progress: Callable[[Progress], None] | None
                 ) -> Iterator[dict[str, list[dict[str, Any]] | PackedRows]]:
    """The rows of each outcome (the kept rows of an unchanged file), counted into ``summary``."""
    type_at = SPECS["quantities"].names.index("type")
    for done, o in enumerate(outcomes, 1):
        path, doc_id = o.task.path, o.task.doc_id
        rows: dict[str, list[dict[str, Any]] | PackedRows]
        if o.status == "unchanged":
            rows = dict(previous.rows(doc_id))
        elif o.status == "problem":
            reason = o.reason or "unknown"
            rows = {"problems": [problem_row(path, reason, stage=o.stage, doc_id=doc_id)]}
            if len(summary.problems) < SHOWN_PROBLEMS:
                summary.problems.append((path, reason))
        else:
            rows = dict(o.packed) if o.packed is not None else dict(o.rows or {})
        rows["manifest"] = [manifest_row(path, doc_id=doc_id, sha256=o.sha256, size=o.size, status=o.status,
                                         reason=o.reason)]
        summary.statuses[o.status] += 1
        quantities = rows.get("quantities", [])
        if isinstance(quantities, PackedRows):
            summary.quantities.update(str(q[type_at]) for q in quantities.rows)
        else:
            summary.quantities.update(str(q.get("type")) for q in quantities)
        yield rows
        if progress is not None:
            progress(Progress(done, summary.files, path, o.status))
