"""The extraction engine's regular expressions, compiled once per machine instead of once per process.

Loading the engine compiles ~340 patterns at module level (its lexicons made into
alternations, the numeral classes), about a third of the import's CPU, and Python's
``re`` parses and compiles each again in every new process: a worker reading the one file
a re-run changed spends ~0.2 s on it. :func:`reused` remembers, for each pattern compiled
while it is active, what ``re`` handed to its C engine (the opcodes, the groups), in
``$XDG_CACHE_HOME/dafu/`` (else ``~/.cache/dafu/``), and gives the C engine the same again
in the next process, skipping the parse. A pattern is identified by its source and flags,
so a changed lexicon only adds entries; the file is keyed by the interpreter's version and
the engine's own version number (``_sre.MAGIC``), so that the opcodes are never handed to
an engine that reads them otherwise. The compiled patterns are those ``re.compile`` makes:
the same objects, built from the same numbers.

It is a speed-up only: a cache that cannot be read or written (no home folder, a read-only
disk, another version's file) leaves ``re`` to compile as always. ``DAFU_PATTERN_CACHE=0``
switches it off.

>>> with reused():                                            # doctest: +SKIP
...     import pipeline.document
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # re's C engine: no stubs
import contextlib
import marshal
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

_compiler: Any = getattr(re, "_compiler", None)  # re's own compiler (Python 3.11+)
_parser: Any = getattr(re, "_parser", None)

#: (source, flags) → the arguments of ``_sre.compile`` after the source: flags with the
#: pattern's inline ones, opcodes, groups, group index, index group.
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def cache_file() -> Path | None:
    """Where this interpreter's compiled patterns are kept; None when switched off or homeless."""
    if os.environ.get("DAFU_PATTERN_CACHE", "1") == "0":
        return None
    home = os.path.expanduser("~")
    if not os.environ.get("XDG_CACHE_HOME") and not os.path.isabs(home):
        return None  # no home folder to keep it in (never a "~" folder in the working directory)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{sys.maxunicode:x}"
    return Path(base) / "dafu" / f"patterns-{tag}.marshal"


_LOCK = threading.Lock()  # one block at a time installs itself (a Dask worker loads the engine in threads)


@contextlib.contextmanager
def reused(path: Path | None = None, *, own: tuple[str, ...] = ("pipeline",)
           ) -> Iterator[dict[tuple[str | bytes, int], Entry]]:
    """Within the block, every pattern ``re`` compiles from source is taken from the cache at
    ``path`` (:func:`cache_file` by default) when there, and added to it when not, if it is
    compiled by a module of the packages ``own`` (other libraries' patterns are left to ``re``);
    the file is written again as the block ends if patterns were added, with those this process's
    blocks used. Yields them, by (source, flags). Another block active at the same time does nothing;
    the file is read once per process."""
    path = cache_file() if path is None else path
    if path is None or _compiler is None or _parser is None or not _LOCK.acquire(blocking=False):
        yield {}
        return
    try:
        with _installed(path, own) as entries:
            yield entries
    finally:
        _LOCK.release()


_KNOWN: dict[Path, dict[tuple[str | bytes, int], Entry]] = {}  # each cache file as this process read it
_USED: dict[Path, dict[tuple[str | bytes, int], Entry]] = {}  # the patterns this process's blocks found or added


@contextlib.contextmanager
def _installed(path: Path, own: tuple[str, ...]) -> Iterator[dict[tuple[str | bytes, int], Entry]]:
    if path not in _KNOWN:
        _KNOWN[path] = _load(path)
    known, entries = _KNOWN[path], _USED.setdefault(path, {})
    original = _compiler.compile

    def compile(p: Any, flags: int = 0) -> re.Pattern[Any]:
        if not isinstance(p, str | bytes) or flags & re.DEBUG:
            return original(p, flags)  # type: ignore[no-any-return]
        entry = known.get((p, flags))
        if entry is not None:
            with contextlib.suppress(Exception):  # not what this engine reads: compiled afresh
                compiled = _sre.compile(p, *entry)
                entries[p, flags] = entry
                return compiled  # type: ignore[no-any-return]
        if not _compiled_by(own):  # another library's (the standard library's tokenize builds one in random order)
            return original(p, flags)  # type: ignore[no-any-return]
        try:
            entry = _entry(p, flags)
            compiled = _sre.compile(p, *entry)
        except Exception:  # re's internals not as this module knows them (another Python): re compiles it
            return original(p, flags)  # type: ignore[no-any-return]
        entries[p, flags] = entry
        return compiled  # type: ignore[no-any-return]

    _compiler.compile = compile
    try:
        yield entries
    finally:
        _compiler.compile = original
    if not entries.keys() <= known.keys():  # new patterns: the file keeps this process's (no stale lexicon's)
        _save(path, entries)
        known.update(entries)


def _compiled_by(packages: tuple[str, ...]) -> bool:
    """Whether the first caller outside ``re`` (and this module) is a module of ``packages``."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module != __name__ and module.partition(".")[0] != "re":
            return module.partition(".")[0] in packages
        frame = frame.f_back
    return False


def _entry(source: str | bytes, flags: int) -> Entry:
    """What ``re._compiler.compile`` hands ``_sre.compile`` for ``source``: its parse and opcodes."""
    parsed = _parser.parse(source, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    # plain ints: the opcodes are named int constants, which marshal does not write
    return (int(flags | parsed.state.flags), [int(c) for c in code], int(parsed.state.groups - 1), groupindex,
            tuple(indexgroup))


def _load(path: Path) -> dict[tuple[str | bytes, int], Entry]:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(path: Path, entries: dict[tuple[str | bytes, int], Entry]) -> None:
    """Write the cache whole, atomically (a worker beside this one may be writing it too)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".patterns-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(entries))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError:
        pass  # a speed-up only: the next process compiles them again
