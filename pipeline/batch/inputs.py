"""The inputs of a batch: every file under the paths given, with a ``doc_id`` unique in the run,
and the metadata sidecar that is never one of them (found here, without reading it, so that a
re-run with nothing to do can hash it without loading pandas).

>>> list(list_inputs(["corpora"]))
[('corpora/futian-2024079-reply.txt', 'futian-2024079-reply')]
>>> out_exclusions(["答复"], "答复/表格")                   # doctest: +SKIP
[('答复', '表格')]
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from pipeline.errors import DafuError, InputError
from pipeline.readers.ids import source_path_of, strip_format
from pipeline.readers.walk import (
    DEFAULT_INCLUDE,
    SKIP_PREFIXES,
    Skipped,
    compile_globs,
    glob_matches,
    walk_inputs,
)


class InputFile(NamedTuple):
    """One input file: its path as walked, its ``doc_id`` and the input root both are relative to."""

    path: str
    doc_id: str
    root: str


def list_inputs(paths: Iterable[str | os.PathLike[str]], *, include: Sequence[str] | None = None,
                exclude: Sequence[str] = ()) -> Iterator[tuple[str, str]]:
    """(path, doc_id) of every input file, in input order (see :func:`input_files`)."""
    for found in input_files(paths, include=include, exclude=exclude):
        yield found.path, found.doc_id


def input_files(paths: Iterable[str | os.PathLike[str]], *, include: Sequence[str] | None = None,
                exclude: Sequence[str] = (), skipped: list[Skipped] | None = None) -> Iterator[InputFile]:
    """Every input file with its ``doc_id`` and input root, in input order.

    The root is the folder given that the file was found under, or a file's own folder when
    the file is given directly; ``doc_id`` is the path relative to it without its format
    extensions (``2024/答复``, :func:`~pipeline.readers.ids.doc_id_of`), so that
    :func:`pipeline.read` with the same root gives the same id. When two files would share
    one, the later keeps its full name (``答复.docx``), then a number (``答复-2``). The
    entries of the folders that are not inputs are appended to ``skipped`` with their reasons.
    """
    taken: set[str] = set()
    # one walk over every input: a file reached again through another input or a link is skipped
    for given, path, rel in walk_inputs(paths, include=DEFAULT_INCLUDE if include is None else include,
                                        exclude=exclude, skipped=skipped):
        if rel is None:  # a file given directly: its folder is its root
            root = os.path.dirname(path) or "."
            rel = source_path_of(path, root)
        else:
            root = os.fspath(given)
        yield InputFile(path, _unique(rel, taken), root)


def _unique(rel: str, taken: set[str]) -> str:
    candidates = [strip_format(rel), rel]
    doc_id = next((c for c in candidates if c not in taken), None)
    n = 2
    while doc_id is None:
        doc_id = f"{candidates[0]}-{n}" if f"{candidates[0]}-{n}" not in taken else None
        n += 1
    taken.add(doc_id)
    return doc_id


def out_exclusions(paths: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str],
                   exclude: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(input folder, pattern) for each input folder that holds ``out`` and does not exclude it.

    Adding the patterns to ``exclude`` keeps the tables out of their own inputs:
    ``out_exclusions(["答复"], "答复/表格")`` → ``[("答复", "表格")]``.
    """
    target = Path(out).resolve()
    found = []
    for given in paths:
        root = Path(given)
        if not root.is_dir() or not target.is_relative_to(root.resolve()):
            continue
        parts = target.relative_to(root.resolve()).parts
        if not parts:  # OUT is the input folder itself: excluding it would exclude everything
            found.append((os.fspath(given), "*"))
            continue
        globs = compile_globs(exclude)
        if not any(_skipped(parts[i], "/".join(parts[: i + 1]), globs) for i in range(len(parts))):
            found.append((os.fspath(given), glob.escape("/".join(parts))))
    return found


#: a metadata sidecar (:mod:`~pipeline.batch.metadata`) found in an input folder: never an input itself
SIDECAR_STEM = "dafu-metadata"
SIDECAR_SUFFIXES = (".csv", ".xlsx", ".jsonl")


def find_sidecar(paths: Iterable[str | os.PathLike[str]], given: str | os.PathLike[str] | None) -> Path | None:
    """The sidecar named (``given``), else the one ``dafu-metadata.*`` in the input folders, else None.

    Raises :class:`~pipeline.errors.InputError` when a named sidecar is missing and
    :class:`~pipeline.errors.DafuError` when the input folders hold more than one.
    """
    if given is not None:
        if not os.path.isfile(given):
            raise InputError(os.fspath(given), "metadata file not found")
        return Path(given)
    found = [Path(p) / f"{SIDECAR_STEM}{s}" for p in paths if os.path.isdir(p) for s in SIDECAR_SUFFIXES]
    found = [p for p in found if p.is_file()]
    if len(found) > 1:
        raise DafuError(f"more than one metadata sidecar: {', '.join(map(str, found))}; name one with --metadata")
    return found[0] if found else None


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (the sidecar is never an input)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _skipped(name: str, rel: str, exclude: re.Pattern[str] | None) -> bool:
    # The walker's rules: hidden entries are skipped; patterns match name or relative path.
    return name.startswith(SKIP_PREFIXES) or glob_matches(name, rel, exclude)
