"""What a batch tells its caller: :class:`Progress` as it goes, a :class:`RunSummary` at the end.

Light on purpose (no pandas, no extraction engine): a re-run with nothing to do returns its
summary without loading them.

>>> RunSummary(files=2, statuses=Counter({"unchanged": 2}), nothing_changed=True).problem_count
0
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pipeline.batch.work import Status
    from pipeline.tables import Tables

SHOWN_PROBLEMS = 20  # problems the summary names; the problems table has them all

Phase = Literal["read", "write"]


@dataclass(frozen=True)
class Progress:
    """One file read: ``done`` of ``total``, with its path and status.

    In the ``write`` phase, after the last file is read, one step of writing the tables:
    ``done`` of ``total`` steps, ``path`` what is being written (``quantities.parquet,
    quantities.csv``, ``dafu.xlsx: quantities``; empty once all is written), ``status``
    ``processed``.

    ``ocr_pages``: the pages OCR recognised in this file (a worker reports a file when it is
    done, so a scan's pages are counted at its end, not one by one), and ``ocr_total`` those
    of the whole run so far.
    """

    done: int
    total: int
    path: str
    status: Status
    phase: Phase = "read"
    ocr_pages: int = 0
    ocr_total: int = 0


@dataclass
class RunSummary:
    """What :func:`~pipeline.batch.run_batch` did: counts, the files written, the first problems."""

    files: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    quantities: Counter[str] = field(default_factory=Counter)
    problems: list[tuple[str, str]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    tables: Tables | None = None  # only when there is no output folder
    nothing_changed: bool = False  # a re-run with nothing to do: no file was written
    inputs: list[tuple[str, str, str | None]] = field(default_factory=list)  # (path, doc_id, sha256) of each file done
    notes: list[str] = field(default_factory=list)  # lines for the run summary (the metadata sidecar's)
    skipped: int = 0  # entries of the input folders not read (hidden, excluded, not a format read): manifest rows
    ocr_pages: int = 0  # pages OCR recognised (not those its cache in OUT gave back)

    @property
    def problem_count(self) -> int:
        return self.statuses["problem"]
