"""The few typed exceptions dafu raises. Messages name the file, position and value."""

from __future__ import annotations


class DafuError(Exception):
    """Base class of every error dafu raises on purpose."""


class ResourceError(DafuError):
    """A lexicon in ``pipeline/resources/`` is malformed (names the file and entry)."""


class InputError(DafuError):
    """An input cannot be used; ``path`` and ``reason`` say which and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ReadError(InputError):
    """A file cannot be read or decoded (empty, binary, truncated, encrypted …)."""


class MissingDependencyError(DafuError, ImportError):
    """An optional dependency is not installed; the message says what to install."""
