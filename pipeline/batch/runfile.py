"""``OUT/dafu-run.json``: what the tables in OUT were made from, and the re-run that has nothing to do.

The file records the settings that make a file's rows what they are (:func:`run_settings`),
a digest of the inputs (path, ``doc_id``, input root and SHA-256 of every file, in order;
none when a file was a problem), each input's size, modification time and SHA-256 (``hashes``),
the quantity counts the run reported, and the size and modification time of every output
file it wrote. It also records, for the reader of OUT, the
input roots that ``doc_id`` and ``source_path`` are relative to, the metadata sidecar
(:mod:`~pipeline.batch.metadata`: its path and SHA-256), the columns it added to
``documents`` (with their kinds, which :func:`~pipeline.tables.read_tables` reads) and the
lines it added to the run summary.

A re-run with the same settings, the same inputs and roots, the same sidecar (path and
content) and every requested output intact has nothing to do: :func:`nothing_changed` says
so without loading pandas or pyarrow, and nothing is written.

Like ``make`` and ``rsync``, a re-run takes an input whose size and modification time are
those recorded in ``hashes`` to have the SHA-256 recorded with them, without reading it
(:meth:`RunRecord.trust`); ``checksum`` in :class:`~pipeline.batch.options.RunOptions`
(``dafu run --checksum``) reads and hashes every input again. A file modified less than
:data:`RACY_NS` before the run looked at it is never recorded so: it may change again within
the same tick of the file system's clock (2 s on FAT) and keep its size and time.

>>> run_settings(RunOptions(ref_date="2024-09-12"))          # doctest: +SKIP
{'dafu': '0.1.0', 'ref_date': '2024-09-12', 'ref_dates': None, 'tokens': False}
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.batch.inputs import InputFile
from pipeline.batch.options import RunOptions
from pipeline.export import FORMATS, PER_TABLE
from pipeline.readers.walk import Skipped

# What produced the tables in OUT: the version, options, inputs and outputs. The same name as
# pipeline.tables.extra.RUN_FILE (read_tables reads the sidecar's columns there), kept here too
# so that a re-run with nothing to do never imports pipeline.tables (pandas).
RUN_FILE = "dafu-run.json"
#: what dafu-run.json records beside the settings: read by RunRecord into ``about``
ABOUT = ("roots", "metadata", "metadata_sha256", "columns", "skipped")
_RECORD = ("inputs", "files", "quantities", "outputs", "notes", "hashes")
#: how old a file's modification time must be, when the run looks at it, for its hash to be trusted later
RACY_NS = 2_000_000_000
_TABLES = ("documents", "sections", "sentences", "quantities", "entities", "replies", "citations", "commitments",
           "tokens", "problems", "manifest")


def run_settings(options: RunOptions, ref_dates: str | None = None) -> dict[str, Any]:
    """What makes the rows of an unchanged file the same again (``ref_dates``: the digest of a
    metadata sidecar's per-file reference dates, :meth:`~pipeline.batch.metadata.FileMetadata.ref_dates_digest`).

    The formats do not: any one of Parquet, CSV or JSONL reads back exactly; nor do the
    limits, the inputs or where the run ran; nor a sidecar's other columns, added afresh to
    the kept rows by every run.
    """
    ref = options.ref_date
    return {"dafu": __version__, "ref_date": ref and ref.isoformat(), "tokens": options.tokens,
            "ref_dates": ref_dates}


def inputs_digest(files: Iterable[tuple[InputFile, str | None]]) -> str:
    """One SHA-256 over (path, doc_id, root, SHA-256) of every input file, in order."""
    h = hashlib.sha256()
    for f, sha256 in files:
        h.update(json.dumps([f.path, f.doc_id, f.root, sha256], ensure_ascii=False).encode("utf-8") + b"\n")
    return h.hexdigest()


def skipped_digest(skipped: Iterable[Skipped]) -> str:
    """One SHA-256 over (path, reason) of every entry skipped: a re-run lists them again when they change."""
    h = hashlib.sha256()
    for entry in skipped:
        h.update(json.dumps([entry.path, entry.reason], ensure_ascii=False).encode("utf-8") + b"\n")
    return h.hexdigest()


def sidecar_about(sidecar: str | os.PathLike[str] | None) -> dict[str, str | None]:
    """The metadata sidecar as ``dafu-run.json`` records it: its absolute path and SHA-256."""
    if sidecar is None:
        return {"metadata": None, "metadata_sha256": None}
    return {"metadata": os.path.abspath(sidecar), "metadata_sha256": digest(os.fspath(sidecar))[0]}


def roots(inputs: Iterable[InputFile]) -> list[str]:
    """The input roots, absolute and sorted, as ``dafu-run.json`` records them."""
    return sorted({os.path.abspath(root) for root in {f.root for f in inputs}})


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


def input_states(inputs: Iterable[InputFile]) -> dict[str, tuple[int, int]]:
    """(size, modification time in ns) of each input as this run first sees it, before it hashes
    any: a file changed while the run reads it is then hashed again by the next run. A file
    modified less than :data:`RACY_NS` ago, or gone, is left out."""
    now = time.time_ns()
    states = {}
    for f in inputs:
        try:
            st = os.stat(f.path)
        except OSError:
            continue
        if st.st_mtime_ns < now - RACY_NS:
            states[f.path] = (st.st_size, st.st_mtime_ns)
    return states


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
    about: dict[str, Any] = field(default_factory=dict)  # the keys of ABOUT: roots, the sidecar, its columns
    notes: list[str] = field(default_factory=list)  # the run summary's lines about the sidecar
    hashes: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # input path → size, mtime (ns), SHA-256

    @classmethod
    def load(cls, folder: str | os.PathLike[str]) -> RunRecord | None:
        """The record in ``folder``; None when there is none or it cannot be read."""
        try:
            data = json.loads((Path(folder) / RUN_FILE).read_text(encoding="utf-8"))
            settings = {k: v for k, v in data.items() if k not in (*_RECORD, *ABOUT)}
            outputs = {str(k): (int(v[0]), int(v[1])) for k, v in data.get("outputs", {}).items()}
            hashes = {str(k): (int(v[0]), int(v[1]), str(v[2])) for k, v in data.get("hashes", {}).items()}
            return cls(settings, data.get("inputs"), int(data.get("files", 0)), dict(data.get("quantities", {})),
                       outputs, {k: data[k] for k in ABOUT if k in data}, [str(n) for n in data.get("notes", [])],
                       hashes)
        except (OSError, ValueError, TypeError, AttributeError, IndexError):
            return None

    def write(self, folder: str | os.PathLike[str]) -> None:
        """Write ``folder/dafu-run.json``, replaced in one step."""
        folder = Path(folder)
        data = {**self.about, **self.settings, "inputs": self.inputs, "files": self.files,
                "quantities": self.quantities, "notes": self.notes,
                "outputs": {k: list(v) for k, v in sorted(self.outputs.items())},
                "hashes": {k: list(v) for k, v in self.hashes.items()}}
        tmp = folder / f".{RUN_FILE}.tmp"
        tmp.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, folder / RUN_FILE)

    def trust(self) -> None:
        """Let :func:`digest` give the recorded SHA-256 of each input whose size and modification
        time are still those recorded, without reading it (see the module's docstring)."""
        for path, (size, mtime_ns, sha256) in self.hashes.items():
            _DIGESTS.setdefault((path, size, mtime_ns), sha256)

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


def nothing_changed(out: str | os.PathLike[str], inputs: Sequence[InputFile], options: RunOptions,
                    sidecar: str | os.PathLike[str] | None = None, skipped: Sequence[Skipped] = (),
                    record: RunRecord | None = None) -> RunRecord | None:
    """The record of the previous run into ``out`` when a re-run has nothing to do, else None.

    Nothing to do: the same settings, the same inputs (paths, ``doc_id``, roots and content
    by SHA-256, in the same order) with no problem among them, the same metadata ``sidecar``
    (path and content: then its reference dates and columns are the same too), the same
    entries ``skipped`` (path and reason), and every
    file of the formats asked for present and as that run wrote it (size and modification time).
    ``record``: the previous run's, when it was loaded already.
    """
    folder = Path(out)
    record = record or RunRecord.load(folder)
    if (record is None or not _same_run(record, inputs, options, sidecar) or record.files != len(inputs)
            or record.about.get("skipped") != skipped_digest(skipped)):
        return None
    names = expected_outputs(record, options.formats, options.engine)
    if names is None or not record.intact(folder, names):
        return None
    if options.clean and present_formats(folder) - set(options.formats):
        return None
    files = []
    for f in inputs:
        try:
            sha256 = digest(f.path)[0]
        except OSError:
            return None
        if (recorded := record.hashes.get(f.path)) is not None and recorded[2] != sha256:
            return None  # changed since (the inputs' digest was made from the recorded SHA-256): not worth making
        files.append((f, sha256))
    return record if inputs_digest(files) == record.inputs else None


def expected_reads(out: str | os.PathLike[str], inputs: Sequence[InputFile], options: RunOptions,
                   record: RunRecord | None, sidecar: str | os.PathLike[str] | None = None) -> int | None:
    """How many of ``inputs`` a run into ``out`` is expected to read again, as far as ``record`` (the
    previous run's) tells without opening its tables: those whose SHA-256 is not the one it recorded.
    None when it cannot tell (no record or another one's settings, roots or sidecar, a problem in the
    previous run, a table missing): every file may be read.

    Only sizes the pool of workers (:func:`~pipeline.batch.local.start_workers`) before the previous
    tables are loaded; the previous manifest decides which files are read.
    """
    if record is None or not _same_run(record, inputs, options, sidecar) or not tables_present(out):
        return None
    reads = 0
    for f in inputs:
        recorded = record.hashes.get(f.path)
        try:
            reads += recorded is None or digest(f.path)[0] != recorded[2]
        except OSError:
            reads += 1
    return reads


def _same_run(record: RunRecord, inputs: Sequence[InputFile], options: RunOptions,
              sidecar: str | os.PathLike[str] | None) -> bool:
    """Whether ``record`` is of a run without problems, with the settings, input roots and metadata
    sidecar (path and content: then its reference dates are the same too, without reading it) given."""
    if (record.inputs is None or record.about.get("roots") != roots(inputs)
            or record.settings != run_settings(options, record.settings.get("ref_dates"))):
        return False
    try:
        return all(record.about.get(k) == v for k, v in sidecar_about(sidecar).items())
    except OSError:
        return False


def tables_present(folder: str | os.PathLike[str]) -> bool:
    """Whether every table is in ``folder`` in a format :func:`~pipeline.tables.frames.read_arrow` reads."""
    base = Path(folder)
    return all(any((base / f"{name}.{ext}").is_file() for ext in PER_TABLE) or (base / name).is_dir()
               for name in _TABLES)


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
