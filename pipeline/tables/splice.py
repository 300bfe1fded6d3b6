"""Text tables of an incremental run spliced from the previous file: kept rows copied as bytes.

A CSV or JSONL row depends on nothing but its own cells, so the rows an incremental run
keeps are, byte for byte, the lines the previous run wrote for them. Rather than format
them again (Python work per cell), the new file is the previous file's rows copied in runs,
with only the new rows formatted. Rows are found without parsing: in JSONL a row is a line;
in CSV (Python's ``csv`` module, quotes doubled inside a quoted cell) a row ends at a line
break that follows an even number of quotes.

>>> row_ends(b'a,b\\n"x\\ny",1\\nz,2\\n', quoted=True).tolist()
[4, 12, 16]
"""

from __future__ import annotations

import mmap
from collections.abc import Callable
from pathlib import Path

import numpy as np

_QUOTE, _NEWLINE = ord('"'), ord("\n")


def row_ends(data: bytes | mmap.mmap, *, quoted: bool) -> np.ndarray:
    """The offset just after each row's final line break (the header is a row too)."""
    if not len(data):
        return np.zeros(0, dtype=np.int64)
    buffer = np.frombuffer(data, dtype=np.uint8)
    breaks = np.flatnonzero(buffer == _NEWLINE)
    if quoted:
        quotes = np.flatnonzero(buffer == _QUOTE)
        if len(quotes):  # the quotes before each break, counted by where the break falls among them
            breaks = breaks[np.searchsorted(quotes, breaks) % 2 == 0]
    return breaks.astype(np.int64) + 1


def file_row_ends(path: Path, *, quoted: bool) -> np.ndarray:
    """:func:`row_ends` of a file."""
    with open(path, "rb") as file:
        data = _mapped(file.fileno())
        try:
            return row_ends(data, quoted=quoted)
        finally:
            if isinstance(data, mmap.mmap):
                data.close()


def splice(target: Path, previous: Path, fresh: Path, origin: np.ndarray, *, rows: tuple[int, int], header: bool,
           quoted: bool, previous_ends: np.ndarray | None = None) -> bool:
    """Write ``target``: the rows named by ``origin`` in order (``i >= 0``: row ``i`` of ``previous``;
    ``-k - 1``: row ``k`` of ``fresh``), after ``fresh``'s header when ``header``.

    Both files are outputs of the same writer, holding ``rows`` rows (previous, fresh).
    Returns False, writing nothing, when they do not (a file not as dafu wrote it).
    ``previous_ends``: :func:`file_row_ends` of ``previous``, when found already.
    """
    with open(previous, "rb") as old_file, open(fresh, "rb") as new_file:
        old, new = _mapped(old_file.fileno()), _mapped(new_file.fileno())
        try:
            old_ends = row_ends(old, quoted=quoted) if previous_ends is None else previous_ends
            new_ends = row_ends(new, quoted=quoted)
            skip = 1 if header else 0
            if (len(old_ends) - skip, len(new_ends) - skip) != rows:
                return False
            if header and old[: old_ends[0]] != new[: new_ends[0]]:
                return False  # another header: other columns
            old_starts = np.concatenate([[0], old_ends[:-1]])[skip:]
            new_starts = np.concatenate([[0], new_ends[:-1]])[skip:]
            with open(target, "wb") as out:
                if header:
                    out.write(new[: new_ends[0]])
                _copy_runs(out.write, origin, old, old_starts, old_ends[skip:], new, new_starts, new_ends[skip:])
        finally:
            for m in (old, new):
                if isinstance(m, mmap.mmap):
                    m.close()
    return True


def _mapped(fd: int) -> mmap.mmap | bytes:
    try:
        return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except ValueError:  # an empty file cannot be mapped
        return b""


def _copy_runs(write: Callable[[bytes], object], origin: np.ndarray, old: mmap.mmap | bytes, old_starts: np.ndarray,
               old_ends: np.ndarray, new: mmap.mmap | bytes, new_starts: np.ndarray, new_ends: np.ndarray) -> None:
    """Copy the rows of ``origin`` as runs of consecutive rows of one file (one slice per run)."""
    if not len(origin):
        return
    from_old = origin >= 0
    index = np.where(from_old, origin, -origin - 1)
    # a run breaks where the source changes or the next row is not the next one of its file
    breaks = np.flatnonzero((from_old[1:] != from_old[:-1]) | (index[1:] != index[:-1] + 1)) + 1
    for start, stop in zip(np.concatenate([[0], breaks]), np.concatenate([breaks, [len(origin)]]), strict=True):
        first, last = index[start], index[stop - 1]
        if from_old[start]:
            write(old[old_starts[first]: old_ends[last]])
        else:
            write(new[new_starts[first]: new_ends[last]])
