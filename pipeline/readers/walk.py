"""``iter_inputs``: the files to read under some paths, in one deterministic order.

Folders are walked depth-first with entries sorted by name; hidden files and folders (a
leading ``.``) and Office lock files (``~$报告.docx``) are skipped; symbolic links are
followed, but each real folder is entered once and each real file yielded once, so a link
loop ends; a broken link named like an input is yielded for the reader to report. A path
given directly is yielded as given, whatever the patterns say (if it is missing, reading it
reports that); so is a subfolder that cannot be listed. Whatever is skipped can be collected
with its reason (``skipped=[]``), so that a batch accounts for every entry of a folder; a
folder not entered is one entry.

>>> list(iter_inputs(["corpora"]))
[PosixPath('corpora/futian-2024079-reply.txt')]
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from pipeline.errors import ReadError

# The formats dafu reads (scans by OCR with dafu[ocr]), and the document formats it cannot read but
# that replies come in (.rtf): those are listed too, so that each becomes a problem saying how to
# convert it instead of vanishing from the manifest.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.md", "*.docx", "*.doc", "*.wps", "*.pdf", "*.ofd", "*.html", "*.htm",
                                    "*.rtf", "*.png", "*.jpg", "*.jpeg", "*.tif", "*.tiff")
SKIP_PREFIXES = (".", "~$")


class Skipped(NamedTuple):
    """An entry of an input folder that is not read, e.g. ``Skipped("答复/.DS_Store", "hidden file", 6148)``."""

    path: str
    reason: str
    size: int | None = None  # bytes, for a file


def compile_globs(patterns: Sequence[str]) -> re.Pattern[str] | None:
    """The glob patterns as one regex, lower-cased (None for no pattern): ``fnmatch`` for a
    whole folder at the cost of one match a name."""
    return re.compile("|".join(fnmatch.translate(p.lower()) for p in patterns)) if patterns else None


def glob_matches(name: str, rel: str, globs: re.Pattern[str] | None) -> bool:
    """``name`` or its path ``rel`` under the folder given matches one of the globs."""
    # Case-insensitive: folders copied from Windows are full of ``.PDF`` and ``.DOCX``.
    return globs is not None and (globs.match(name.lower()) is not None or globs.match(rel.lower()) is not None)


def _kind(entry: os.DirEntry[str]) -> str:
    """``dir`` or ``file`` (links followed), ``link`` for a broken link or a link loop, else ``other``."""
    try:
        if entry.is_dir():
            return "dir"
        if entry.is_file():
            return "file"
    except OSError:  # ELOOP: a link to itself; is_dir() and is_file() raise it instead of saying False
        pass
    return "link" if entry.is_symlink() else "other"


def _size(entry: os.DirEntry[str]) -> int | None:
    try:
        return entry.stat().st_size
    except OSError:
        return None


class _Walk:
    def __init__(self, include: Sequence[str], exclude: Sequence[str], skipped: list[Skipped] | None) -> None:
        self.include = compile_globs(include)
        self.exclude = compile_globs(exclude)
        self.include_patterns = tuple(include)
        self.exclude_patterns = tuple(exclude)
        self.seen_dirs: set[str] = set()
        self.seen_files: set[str] = set()
        self.skipped = skipped

    def skip(self, path: str, entry: os.DirEntry[str], kind: str, reason: str) -> None:
        if self.skipped is None:
            return
        if kind == "dir":
            self.skipped.append(Skipped(path, f"{reason} (folder not entered)"))
        else:
            self.skipped.append(Skipped(path, reason, _size(entry) if kind == "file" else None))

    def why_not_included(self, name: str) -> str:
        if self.include_patterns == DEFAULT_INCLUDE:
            suffix = os.path.splitext(name)[1].lower()
            return f"not a format dafu reads ({suffix or 'no extension'})"
        return f"not matched by the include patterns ({' '.join(self.include_patterns)})"

    def why_excluded(self, name: str, rel: str) -> str:
        pattern = next((p for p in self.exclude_patterns if glob_matches(name, rel, compile_globs([p]))), "?")
        return f"excluded by pattern {pattern!r}"

    def first_time(self, path: str | Path, seen: set[str], real: str | None = None) -> bool:
        real = real or os.path.realpath(path)
        if real in seen:
            return False
        seen.add(real)
        return True

    def folder(self, folder: str, rel: str) -> Iterator[tuple[str, str]]:
        """(path, path relative to the folder given) of each input under ``folder``, whose own
        relative path is ``rel`` (empty for the folder given). Paths are strings joined as
        ``Path`` would (one ``Path`` a file cost a third of a re-run's walk)."""
        real_folder = os.path.realpath(folder)
        if not self.first_time(folder, self.seen_dirs, real_folder):
            return
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as e:
            if rel:  # the batch goes on: reading the folder reports it as a problem
                yield folder, rel
                return
            raise ReadError(folder, f"cannot list folder: {e.strerror or e}") from e
        for entry in entries:
            path = entry.name if folder == "." else os.path.join(folder, entry.name)
            kind = _kind(entry)
            if entry.name.startswith(SKIP_PREFIXES):
                what = "folder" if kind == "dir" else "file"
                hidden = entry.name.startswith(".")
                self.skip(path, entry, kind, f"hidden {what}" if hidden else "Office lock file")
                continue
            entry_rel = f"{rel}/{entry.name}" if rel else entry.name
            if glob_matches(entry.name, entry_rel, self.exclude):
                self.skip(path, entry, kind, self.why_excluded(entry.name, entry_rel))
                continue
            if kind == "dir":
                if os.path.realpath(path) in self.seen_dirs:
                    self.skip(path, entry, kind, "a link to a folder already walked")
                yield from self.folder(path, entry_rel)
            elif kind in ("file", "link") and not glob_matches(entry.name, entry_rel, self.include):
                self.skip(path, entry, kind, self.why_not_included(entry.name))
            elif kind == "file":
                # a plain file's real path is its real folder's and its name: no realpath call
                real = None if entry.is_symlink() else os.path.join(real_folder, entry.name)
                if self.first_time(path, self.seen_files, real):
                    yield path, entry_rel
                else:
                    self.skip(path, entry, kind, "the same file as an input found before it (a link)")
            elif kind == "link":
                yield path, entry_rel  # a broken link or a link loop: reading it says which, so it is accounted for
            else:
                self.skip(path, entry, kind, "not a regular file (a device, pipe or socket)")


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> Iterator[Path]:
    """Yield the input files under ``paths``: folders walked, files given directly kept.

    ``include`` and ``exclude`` are glob patterns matched against a file's name and its
    path relative to the folder given (``exclude=["草稿/*"]``); an excluded folder is not
    entered.
    """
    for _, path in iter_inputs_by_root(paths, include, exclude):
        yield path


def iter_inputs_by_root(
    paths: Iterable[str | os.PathLike[str]],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    skipped: list[Skipped] | None = None,
) -> Iterator[tuple[Path, Path]]:
    """:func:`iter_inputs` with the path given that each file was found under: each real
    file once over all of ``paths`` (one walk shares what it has seen). The entries passed
    over are appended to ``skipped``, when it is given, with their reasons."""
    for given, path, _ in walk_inputs(paths, include, exclude, skipped):
        yield given, Path(path)


def walk_inputs(
    paths: Iterable[str | os.PathLike[str]],
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
    skipped: list[Skipped] | None = None,
) -> Iterator[tuple[Path, str, str | None]]:
    """:func:`iter_inputs_by_root` as (path given, path found, its path relative to the path
    given, ``/``-separated; None for a file given directly), the found paths as strings."""
    walk = _Walk(include, exclude, skipped)
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for found, rel in walk.folder(os.fspath(root), ""):
                yield root, found, rel
        elif walk.first_time(root, walk.seen_files):
            yield root, os.fspath(root), None
        elif skipped is not None:
            skipped.append(Skipped(os.fspath(root), "the same file as an input found before it (a link)"))
