"""``OUT/dafu-run.json``: what the tables in OUT were made from, and the re-run that has nothing to do.

The file records the settings that make a file's rows what they are (:func:`run_settings`),
a digest of the inputs (path, ``doc_id`` and SHA-256 of every file, in order; none when a
file was a problem), the quantity counts the run reported, and the size and modification
time of every output file it wrote. A re-run with the same settings, the same inputs and
every requested output intact has nothing to do: :func:`nothing_changed` says so without
loading pandas or pyarrow, and nothing is written.

>>> run_settings(RunOptions(ref_date="2024-09-12"))          # doctest: +SKIP
{'dafu': '0.1.0', 'ref_date': '2024-09-12', 'tokens': False}
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.batch.options import RunOptions
from pipeline.export import FORMATS, PER_TABLE

RUN_FILE = "dafu-run.json"  # what produced the tables in OUT: the version, options, inputs and outputs
_TABLES = ("documents", "sections", "sentences", "quantities", "entities", "tokens", "problems", "manifest")


def run_settings(options: RunOptions) -> dict[str, Any]:
    """What makes the rows of an unchanged file the same again.

    The formats do not: any one of Parquet, CSV or JSONL reads back exactly; nor do the
    limits, the inputs or where the run ran.
    """
    ref = options.ref_date
    return {"dafu": __version__, "ref_date": ref and ref.isoformat(), "tokens": options.tokens}


def inputs_digest(files: Iterable[tuple[str, str, str | None]]) -> str:
    """One SHA-256 over (path, doc_id, SHA-256) of every input file, in order."""
    h = hashlib.sha256()
    for path, doc_id, sha256 in files:
        h.update(json.dumps([path, doc_id, sha256], ensure_ascii=False).encode("utf-8") + b"\n")
    return h.hexdigest()


def digest(path: str) -> tuple[str, int]:
    """The SHA-256 and size of a file, as the manifest records them.

    Remembered for the rest of the process while the file keeps its size and modification
    time, so that a run hashes each input once (the check for nothing to do, then the engine).
    """
    st = os.stat(path)
    key = (path, st.st_size, st.st_mtime_ns)
    if key not in _DIGESTS:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            key = (path, st.st_size, st.st_mtime_ns)
            _DIGESTS[key] = hashlib.file_digest(f, "sha256").hexdigest()
    return _DIGESTS[key], st.st_size


_DIGESTS: dict[tuple[str, int, int], str] = {}


def file_state(path: Path) -> tuple[int, int]:
    """(size, modification time in ns): what tells a file written by dafu from one changed since."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns


@dataclass
class RunRecord:
    """The content of ``dafu-run.json``."""

    settings: dict[str, Any]
    inputs: str | None = None  # inputs_digest; None when a file was a problem (problems are tried again)
    files: int = 0
    quantities: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, tuple[int, int]] = field(default_factory=dict)  # relative path → file_state

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> RunRecord | None:
        """The record in ``folder``; None when there is none or it cannot be read."""
        try:
            data = json.loads((Path(folder) / RUN_FILE).read_text(encoding="utf-8"))
            settings = {k: v for k, v in data.items() if k not in ("inputs", "files", "quantities", "outputs")}
            outputs = {str(k): (int(v[0]), int(v[1])) for k, v in data.get("outputs", {}).items()}
            return cls(settings, data.get("inputs"), int(data.get("files", 0)), dict(data.get("quantities", {})),
                       outputs)
        except (OSError, ValueError, TypeError, AttributeError, IndexError):
            return None

    def write(self, folder: str | os.PathLike[str]) -> None:
        """Write ``folder/dafu-run.json``, replaced in one step."""
        folder = Path(folder)
        data = {**self.settings, "inputs": self.inputs, "files": self.files, "quantities": self.quantities,
                "outputs": {k: list(v) for k, v in sorted(self.outputs.items())}}
        tmp = folder / f".{RUN_FILE}.tmp"
        tmp.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, folder / RUN_FILE)

    def intact(self, folder: Path, names: Iterable[str]) -> bool:
        """Whether each of ``names`` is an output this run wrote, unchanged since."""
        for name in names:
            try:
                if name not in self.outputs or file_state(folder / name) != self.outputs[name]:
                    return False
            except OSError:
                return False
        return True


def output_states(folder: Path, written: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """:func:`file_state` of every file written (a folder: of each file in it), by path relative to ``folder``."""
    states = {}
    for path in written:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            states[f.relative_to(folder).as_posix()] = file_state(f)
    return states


def expected_outputs(record: RunRecord, formats: Sequence[str], engine: str) -> list[str] | None:
    """The files of ``formats`` a run of ``engine`` leaves in OUT (None: one is missing from ``record``)."""
    names = []
    for fmt in formats:
        if fmt == "parquet" and engine == "dask":  # a dataset per table: every part file recorded
            for table in _TABLES:
                parts = [n for n in record.outputs if n.startswith(f"{table}/")]
                if not parts:
                    return None
                names.extend(parts)
        elif fmt in PER_TABLE:
            names.extend(f"{table}.{fmt}" for table in _TABLES)
        else:
            names.append(f"dafu.{fmt}")
    return names


def nothing_changed(out: str | os.PathLike[str], inputs: Sequence[tuple[str, str]],
                    options: RunOptions) -> RunRecord | None:
    """The record of the previous run into ``out`` when a re-run has nothing to do, else None.

    Nothing to do: the same settings, the same inputs (paths, ``doc_id`` and content by
    SHA-256, in the same order) with no problem among them, and every file of the formats
    asked for present and as that run wrote it (size and modification time).
    """
    folder = Path(out)
    record = RunRecord.load(folder)
    if (record is None or record.inputs is None or record.settings != run_settings(options)
            or record.files != len(inputs)):
        return None
    names = expected_outputs(record, options.formats, options.engine)
    if names is None or not record.intact(folder, names):
        return None
    if options.clean and present_formats(folder) - set(options.formats):
        return None
    files = []
    for path, doc_id in inputs:
        try:
            files.append((path, doc_id, digest(path)[0]))
        except OSError:
            return None
    return record if inputs_digest(files) == record.inputs else None


def present_formats(folder: Path) -> set[str]:
    """The formats some output file of which is in ``folder`` (a Dask dataset counts as Parquet)."""
    found = set()
    for fmt in FORMATS:
        names = [f"{t}.{fmt}" for t in _TABLES] if fmt in PER_TABLE else [f"dafu.{fmt}"]
        if any((folder / n).is_file() for n in names):
            found.add(fmt)
    if any((folder / t).is_dir() and any((folder / t).glob("*.parquet")) for t in _TABLES):
        found.add("parquet")
    return found
