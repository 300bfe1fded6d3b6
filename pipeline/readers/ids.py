"""One rule for a file's ``doc_id`` and ``source_path``, whichever entry point reads it.

Both are taken relative to the *input root*: the folder given to ``dafu run`` /
:func:`pipeline.run` that the file was found under, or the ``root`` given to
:func:`pipeline.read` (by default the file's own folder; a file given to ``dafu run``
directly has its own folder as root too). ``source_path`` is that relative path,
``/``-separated; ``doc_id`` is the same path without its format extensions: the format
(``.txt``, ``.docx``, ``.wps`` …) and an encoding hint before it (``.gbk``, ``.gb18030``,
``.utf8`` …). A text without a file (:func:`pipeline.extract`) gets a content hash instead.

>>> doc_id_of("语料/replies/tipdm-1.gbk.txt", root="语料")
'replies/tipdm-1'
>>> source_path_of("语料/replies/tipdm-1.gbk.txt", root="语料")
'replies/tipdm-1.gbk.txt'
>>> doc_id_of("语料/replies/tipdm-1.gbk.txt")
'tipdm-1'
"""

from __future__ import annotations

import os
from pathlib import PurePath

from pipeline.readers.formats import HINTS, SUFFIXES

#: encoding names people put in a file name before its format (``答复.gbk.txt``)
ENCODING_HINTS = frozenset({".gbk", ".gb2312", ".gb18030", ".big5", ".utf8", ".utf-8", ".utf16", ".utf-16", ".ansi"})
#: the format extensions taken off an id: the formats dafu reads and those it names a conversion for
FORMAT_SUFFIXES = frozenset(SUFFIXES) | frozenset(HINTS)


def source_path_of(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """``path`` relative to ``root`` (default: its own folder), ``/``-separated.

    A path outside ``root`` keeps its absolute form (it cannot be written relative to it).
    """
    given = os.path.abspath(path)
    base = os.path.abspath(root) if root is not None else os.path.dirname(given)
    rel = os.path.relpath(given, base)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return PurePath(given).as_posix()
    return PurePath(rel).as_posix()


def doc_id_of(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """:func:`source_path_of` without the format extension and an encoding hint before it."""
    return strip_format(source_path_of(path, root))


def strip_format(rel: str) -> str:
    """``replies/a.gbk.txt`` → ``replies/a``; an unknown last suffix (``a.2024``) stays."""
    folder, _, name = rel.rpartition("/")
    stem, suffix = os.path.splitext(name)
    if suffix.lower() in FORMAT_SUFFIXES and stem:
        name = stem
        stem, suffix = os.path.splitext(name)
        if suffix.lower() in ENCODING_HINTS and stem:
            name = stem
    return f"{folder}/{name}" if folder else name
