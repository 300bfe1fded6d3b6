"""The inputs of a batch: every file under the paths given, with a ``doc_id`` unique in the run.

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

from pipeline.readers import DEFAULT_INCLUDE
from pipeline.readers.walk import SKIP_PREFIXES, compile_globs, glob_matches, iter_inputs_by_root


def list_inputs(paths: Iterable[str | os.PathLike[str]], *, include: Sequence[str] | None = None,
                exclude: Sequence[str] = ()) -> Iterator[tuple[str, str]]:
    """(path, doc_id) of every input file, in input order.

    ``doc_id`` is the path relative to the folder given, without its suffix (``2024/答复``);
    when two files would share one, the later keeps its suffix (``答复.docx``).
    """
    taken: set[str] = set()
    # one walk over every input: a file reached again through another input or a link is skipped
    for root, path in iter_inputs_by_root(paths, include=DEFAULT_INCLUDE if include is None else include,
                                          exclude=exclude):
        rel = path.relative_to(root) if root.is_dir() else Path(path.name)
        yield os.fspath(path), _unique(rel, taken)


def _unique(rel: Path, taken: set[str]) -> str:
    candidates = [rel.with_suffix("").as_posix(), rel.as_posix()]
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


def _skipped(name: str, rel: str, exclude: re.Pattern[str] | None) -> bool:
    # The walker's rules: hidden entries are skipped; patterns match name or relative path.
    return name.startswith(SKIP_PREFIXES) or glob_matches(name, rel, exclude)
