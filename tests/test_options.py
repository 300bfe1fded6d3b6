"""RunOptions: one frozen record of a batch's settings, the same from the CLI and from pipeline.run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import pipeline
from pipeline.batch import RunOptions, RunSummary, local
from pipeline.batch.options import DEFAULT_TIME_LIMIT
from pipeline.cli import main
from pipeline.errors import DafuError
from pipeline.readers import DEFAULT_INCLUDE, DEFAULT_MAX_BYTES
from pipeline.tables import Tables

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"


def test_options_are_frozen() -> None:
    options = RunOptions(jobs=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.jobs = 1  # type: ignore[misc]


def test_options_defaults_are_the_librarys() -> None:
    options = RunOptions()
    assert (options.time_limit, options.max_bytes, options.include) == (DEFAULT_TIME_LIMIT, DEFAULT_MAX_BYTES,
                                                                        DEFAULT_INCLUDE)
    assert (options.jobs, options.formats, options.engine) == (None, ("parquet", "csv"), "local")


def test_options_given_as_lists_and_strings_equal_the_typed_record() -> None:
    given = RunOptions(formats=["csv"], ref_date="2024-09-12", include=None, exclude=["草稿"])  # type: ignore[arg-type]
    typed = RunOptions(formats=("csv",), ref_date=dt.date(2024, 9, 12), exclude=("草稿",))
    assert given == typed and hash(given) == hash(typed)


def test_options_survive_pickling_for_the_dask_workers() -> None:
    options = RunOptions(jobs=2, ref_date="2024-09-12", tokens=True, engine="dask")  # type: ignore[arg-type]
    assert pickle.loads(pickle.dumps(options)) == options


@pytest.mark.parametrize(("field", "value", "message"), [
    ("jobs", 0, "jobs must be 1 or more"), ("time_limit", -1, "time_limit must be 0 or more"),
    ("max_bytes", 0, "max_bytes 1 or more"), ("engine", "spark", "unknown engine 'spark'"),
    ("ref_date", "去年", "not an ISO date"),
])
def test_options_reject_invalid_settings(field: str, value: Any, message: str) -> None:
    with pytest.raises(DafuError, match=message):
        RunOptions(**{field: value})


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[RunOptions]:
    """The options that reach the local engine, which reads nothing."""
    options: list[RunOptions] = []

    def engine(inputs: object, out: Path | None, given: RunOptions, progress: object, **_: object) -> RunSummary:
        options.append(given)
        if out is not None:  # where the settings are recorded after the run
            Path(out).mkdir(exist_ok=True)
        return RunSummary(tables=Tables.from_rows({}))

    monkeypatch.setattr(local, "run_local", engine)
    return options


@pytest.mark.parametrize(("args", "keywords"), [
    ([], {}),
    (["-j", "2", "-f", "csv,jsonl", "--ref-date", "2024-09-12", "--glob", "*.txt", "--exclude", "草稿",
      "--tokens", "--time-limit", "30", "--max-bytes", "1000"],
     {"jobs": 2, "formats": ["csv", "jsonl"], "ref_date": "2024-09-12", "include": ["*.txt"], "exclude": ["草稿"],
      "tokens": True, "time_limit": 30, "max_bytes": 1000}),
])
def test_options_from_the_cli_equal_those_of_pipeline_run(seen: list[RunOptions], tmp_path: Path,
                                                          args: list[str], keywords: dict[str, Any]) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    result = CliRunner().invoke(main, ["run", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "-q", *args])
    assert result.exit_code == 0, result.output
    pipeline.run([tmp_path / "a.txt"], out=tmp_path / "out", **keywords)
    from_cli, from_run = seen
    assert from_cli == from_run


def test_options_keywords_override_the_record(seen: list[RunOptions], tmp_path: Path) -> None:
    pipeline.run([tmp_path], options=RunOptions(jobs=1, tokens=True), jobs=2)
    assert seen == [RunOptions(jobs=2, tokens=True)]
