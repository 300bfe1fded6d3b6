"""Lexicons as data: TOML files beside this module, validated on load, loaded once.

Each lexicon has a small pydantic model; a malformed file raises
:class:`pipeline.errors.ResourceError` naming the file and the offending entry.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from pipeline.errors import ResourceError

M = TypeVar("M", bound=BaseModel)


class Lexicon(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def read_toml(name: str) -> dict[str, Any]:
    """The parsed content of ``pipeline/resources/<name>``."""
    path = resources.files(__name__) / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ResourceError(f"pipeline/resources/{name}: missing") from e
    except tomllib.TOMLDecodeError as e:
        raise ResourceError(f"pipeline/resources/{name}: {e}") from e


def load(name: str, model: type[M]) -> M:
    """Load and validate ``pipeline/resources/<name>`` with ``model`` (cached)."""
    return _load(name, model)  # type: ignore[return-value]


@cache
def _load(name: str, model: type[BaseModel]) -> BaseModel:
    data = read_toml(name)
    try:
        return model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ResourceError(f"pipeline/resources/{name}: {where}: {first['msg']}") from e
