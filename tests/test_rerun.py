"""Re-runs into the same OUT: nothing to do, a few files changed, formats added or cleaned, progress
while writing; and the column-wise pieces they rest on (merge, splice, the CSV lines Arrow formats)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline
from pipeline import batch
from pipeline.batch import local, runfile
from pipeline.batch.inputs import input_files
from pipeline.batch.options import RunOptions
from pipeline.cli import main
from pipeline.export.csv import _formatted
from pipeline.tables import SPECS, TABLE_NAMES, read_tables
from pipeline.tables.merge import merged
from pipeline.tables.splice import row_ends, splice

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"
FORMATS = ("parquet", "csv", "jsonl")


def make_folder(folder: Path, n: int = 6) -> Path:
    """``n`` replies: the sample, each with a line of its own so that their rows differ."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"{i:02}.txt").write_text(text + f"\n第{i + 1}项工程投资{i + 2}亿元，“完成率”达到9{i}%。\n",
                                            encoding="utf-8")
    return folder


def files(out: Path) -> dict[str, bytes]:
    """Every table file but the manifest's (its status tells runs apart) and dafu-run.json."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())
            if p.is_file() and not p.name.startswith(("manifest.", batch.RUN_FILE))}


def states(out: Path) -> dict[str, int]:
    """When each output was written (dafu-run.json aside: a run with nothing to do records there the
    inputs' times once they are old enough to be trusted)."""
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file() and p.name != batch.RUN_FILE}


def test_rerun_with_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    src = make_folder(tmp_path / "in")
    first = batch.run_batch([src], out=tmp_path / "out", jobs=1, formats=FORMATS)
    before = states(tmp_path / "out")
    again = batch.run_batch([src], out=tmp_path / "out", jobs=1, formats=FORMATS)
    assert again.nothing_changed and again.written == []
    assert again.statuses == {"unchanged": 6} and again.quantities == first.quantities
    assert states(tmp_path / "out") == before


def test_rerun_takes_a_file_of_the_recorded_size_and_time_as_unchanged_unless_checksum(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = make_folder(tmp_path / "in", 3), tmp_path / "out"
    batch.run_batch([src], out=out, jobs=1, formats=("parquet",))
    assert runfile.RunRecord.load(out).hashes == {}  # just written: may change again within the clock's tick
    hour_ago = time.time_ns() - 3600 * 10**9
    for path in src.iterdir():
        os.utime(path, ns=(hour_ago, hour_ago))
    batch.run_batch([src], out=out, jobs=1, formats=("parquet",))
    assert len(runfile.RunRecord.load(out).hashes) == 3
    target = src / "01.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("工程", "项目", 1), encoding="utf-8")
    os.utime(target, ns=(hour_ago, hour_ago))  # same size (3 bytes a character), same time
    monkeypatch.setattr(runfile, "_DIGESTS", {})  # as in a new process
    assert batch.run_batch([src], out=out, jobs=1, formats=("parquet",)).nothing_changed
    monkeypatch.setattr(runfile, "_DIGESTS", {})
    checked = batch.run_batch([src], out=out, jobs=1, formats=("parquet",), checksum=True)
    assert checked.statuses == {"unchanged": 2, "processed": 1}


def test_rerun_expects_to_read_only_the_files_changed_since_the_recorded_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = make_folder(tmp_path / "in", 3), tmp_path / "out"
    hour_ago = time.time_ns() - 3600 * 10**9
    for path in src.iterdir():
        os.utime(path, ns=(hour_ago, hour_ago))
    batch.run_batch([src], out=out, jobs=1, formats=("parquet",))  # records the inputs' hashes
    inputs, options = list(input_files([src])), RunOptions(formats=("parquet",))
    record = runfile.RunRecord.load(out)
    assert runfile.expected_reads(out, inputs, options, record) == 0
    (src / "01.txt").write_text("引入超6家央企研发中心。\n", encoding="utf-8")
    monkeypatch.setattr(runfile, "_DIGESTS", {})  # as in a new process
    assert runfile.expected_reads(out, inputs, options, record) == 1
    assert runfile.expected_reads(out, inputs, RunOptions(formats=("parquet",), tokens=True), record) is None
    (out / "sections.parquet").unlink()  # a table missing: every file is read again
    assert runfile.expected_reads(out, inputs, options, record) is None


def test_rerun_starts_no_more_workers_than_files_expected_to_change(tmp_path: Path) -> None:
    options = RunOptions(jobs=2)
    assert local.start_workers(tmp_path, replace(options, jobs=1), 6) is None  # read in this process
    for reads, workers in ((1, 1), (0, 1), (5, 2), (None, 2)):
        with local.start_workers(tmp_path, options, 6, reads) as pool:
            assert pool is not None and pool.jobs == workers


def test_rerun_a_worker_makes_rows_without_pyarrow_or_pandas(tmp_path: Path) -> None:
    code = ("import sys; from pipeline.batch.options import RunOptions; "
            "from pipeline.batch.work import Task, load_engine, process; load_engine(); "
            "assert 'rjieba' in sys.modules; "  # jieba's tagger loaded as the worker starts, not at its first name
            f"o = process(Task({str(SAMPLE)!r}, 'a', None), RunOptions(), packed=True); "
            "assert o.status == 'processed' and o.packed, o; "
            "assert not {'pandas', 'pyarrow', 'numpy'} & set(sys.modules), sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_dafu_command_reruns_without_pandas_and_writes_what_a_library_run_writes(tmp_path: Path) -> None:
    """The command's process makes its arrays without loading pandas (``driver.ARRAYS_WITHOUT_PANDAS``): a
    re-run after a change never loads it, a run that adds the formats built from frames does, and
    every file is the one a library run (pandas loaded, pyarrow told so) writes."""
    src = make_folder(tmp_path / "in", 3)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    script = tmp_path / "cli.py"
    script.write_text(
        "import sys\nfrom pipeline.cli import main\n"
        "main(sys.argv[2:], standalone_mode=False)\n"
        "assert ('pandas' in sys.modules) == (sys.argv[1] == 'pandas'), sorted(sys.modules)\n", encoding="utf-8")

    def command(loads: str, *args: str) -> None:
        subprocess.run([sys.executable, str(script), loads, "run", str(src), "-o", str(out), "-q", "--jobs", "1",
                        *args], check=True)

    command("no pandas", "--format", "parquet,csv")
    (src / "01.txt").write_text("引入超6家央企研发中心，总投资约2.5亿元，完成率达到95%。\n", encoding="utf-8")
    command("no pandas", "--format", "parquet,csv")
    assert list(read_tables(out)["manifest"]["status"]) == ["unchanged", "processed", "unchanged"]
    every = ("parquet", "csv", "jsonl", "xlsx", "sqlite", "duckdb")
    command("pandas", "--format", ",".join(every))
    pipeline.run([src], out=fresh, jobs=1, formats=every)
    got, want = files(out), files(fresh)
    for name in ("dafu.sqlite", "dafu.duckdb"):
        assert database_rows(out / name) == database_rows(fresh / name), name
    assert {n: b for n, b in got.items() if not n.startswith("dafu.")} == \
        {n: b for n, b in want.items() if not n.startswith("dafu.")}
    assert "quantities.jsonl" in got and "dafu.xlsx" in got


def test_arrays_without_pandas_leaves_pyarrows_pandas_conversions_working() -> None:
    """pyarrow tries pandas again when it needs it, after the first look found it missing: a guard
    against a pyarrow whose first look would be its last."""
    code = ("import sys; import pyarrow as pa; from pipeline.export.columns import arrays_without_pandas\n"
            "arrays_without_pandas()\n"
            "t = pa.table({'n': pa.array([1, None], pa.int64()), 's': pa.array(['a', None], pa.string())})\n"
            "assert 'pandas' not in sys.modules\n"
            "import pandas as pd\n"
            "frame = t.to_pandas(); assert frame['n'].isna().tolist() == [False, True], frame\n"
            "back = pa.Table.from_pandas(pd.DataFrame({'s': pd.Series(['a', pd.NA], dtype=object)}))\n"
            "assert back.column('s').to_pylist() == ['a', None]\n"
            "assert pa.array(pd.Series([1.5, float('nan')])).to_pylist() == [1.5, None]\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_as_numpy_reads_masks_and_indices_from_arrows_buffers() -> None:
    from pipeline.export.columns import as_numpy

    bits = pa.array([True, False, True, True, False, False, True, False, True, True, False])
    for start in range(5):
        part = bits.slice(start, 6)
        assert as_numpy(part).tolist() == part.to_pylist()
    chunked = pa.chunked_array([pa.array([1, 2, 3], pa.int32()), pa.array([4], pa.int32())])
    got = as_numpy(chunked)
    assert got.dtype == np.int32 and got.tolist() == [1, 2, 3, 4]
    assert as_numpy(pa.array([0.5, 1.5, 2.5]).slice(1)).tolist() == [1.5, 2.5]
    assert as_numpy(pa.chunked_array([], pa.bool_())).tolist() == []
    with pytest.raises(ValueError, match="without nulls"):
        as_numpy(pa.array([1, None]))
    with pytest.raises(TypeError, match="string"):
        as_numpy(pa.array(["a"]))


def test_rerun_nothing_changed_is_found_without_the_engines(tmp_path: Path) -> None:
    src = make_folder(tmp_path / "in", 2)
    pipeline.run([src], out=tmp_path / "out", jobs=1)
    code = ("import sys; from pipeline.batch import run_batch; "
            f"s = run_batch([{str(src)!r}], out={str(tmp_path / 'out')!r}, jobs=1); "
            "assert s.nothing_changed; "
            "assert not {'pandas', 'pyarrow', 'pipeline.document', 'pipeline.readers.read'} & set(sys.modules), "
            "sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("jobs", [1, 2])
def test_rerun_after_changes_equals_a_full_run_byte_for_byte(tmp_path: Path, jobs: int) -> None:
    src = make_folder(tmp_path / "in")
    pipeline.run([src], out=tmp_path / "out", jobs=1, formats=FORMATS, tokens=True)
    (src / "02.txt").write_text("引入超6家央企研发中心，总投资约2.5亿元。\n", encoding="utf-8")  # changed
    (src / "04.txt").unlink()  # removed
    shutil.copy(src / "00.txt", src / "01a.txt")  # added, between two kept files
    summary = batch.run_batch([src], out=tmp_path / "out", jobs=jobs, formats=FORMATS, tokens=True)
    assert summary.statuses == {"unchanged": 4, "processed": 2}
    pipeline.run([src], out=tmp_path / "fresh", jobs=1, formats=FORMATS, tokens=True)
    assert files(tmp_path / "out") == files(tmp_path / "fresh")
    assert list(read_tables(tmp_path / "out")["manifest"]["status"]) == [
        "unchanged", "unchanged", "processed", "processed", "unchanged", "unchanged"]


def database_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of a dafu.sqlite or dafu.duckdb file as a sorted list of rows (SQL tables have
    no order of their own), the manifest without its status column."""
    if path.suffix == ".sqlite":
        import sqlite3

        con: Any = sqlite3.connect(path)
    else:
        import duckdb

        con = duckdb.connect(str(path), read_only=True)
    try:
        found = {}
        for name in TABLE_NAMES:
            cursor = con.execute(f'SELECT * FROM "{name}"')
            names = [d[0] for d in cursor.description]
            rows = [tuple(v for n, v in zip(names, row, strict=True) if n != "status") for row in cursor.fetchall()]
            found[name] = sorted(rows, key=repr)
        return found
    finally:
        con.close()


def test_rerun_updates_the_databases_in_place_to_a_full_runs_tables(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.export import duckdb as duckdb_writer
    from pipeline.export import sqlite as sqlite_writer

    formats = ("parquet", "csv", "sqlite", "duckdb")
    src = make_folder(tmp_path / "in")
    pipeline.run([src], out=tmp_path / "out", jobs=1, formats=formats, tokens=True)
    updated: list[frozenset[str]] = []
    for module in (sqlite_writer, duckdb_writer):
        def spy(con: Any, update: Any, stored: Any, real: Any = module.delete_changed) -> None:
            updated.append(update.kept)
            real(con, update, stored)
        monkeypatch.setattr(module, "delete_changed", spy)
    (src / "02.txt").write_text("引入超6家央企研发中心，总投资约2.5亿元。\n", encoding="utf-8")  # changed
    (src / "04.txt").unlink()  # removed
    shutil.copy(src / "00.txt", src / "01a.txt")  # added
    summary = batch.run_batch([src], out=tmp_path / "out", jobs=1, formats=formats, tokens=True)
    assert summary.statuses == {"unchanged": 4, "processed": 2}
    assert updated == [frozenset({"00", "01", "03", "05"})] * 2  # both files updated, not written again
    pipeline.run([src], out=tmp_path / "fresh", jobs=1, formats=formats, tokens=True)
    for name in ("dafu.sqlite", "dafu.duckdb"):
        got, want = database_rows(tmp_path / "out" / name), database_rows(tmp_path / "fresh" / name)
        assert got == want, name
        assert len(got["quantities"]) > 6 * 5 and len(got["tokens"]) > 1000
    others = [{n: b for n, b in files(out).items() if not n.startswith("dafu.")}
              for out in (tmp_path / "out", tmp_path / "fresh")]
    assert others[0] == others[1] and "quantities.parquet" in others[0]  # the per-table files byte for byte
    # a database changed since is not updated but written again whole
    (tmp_path / "out" / "dafu.sqlite").write_bytes(b"")
    (src / "03.txt").write_text("落地10余家外资研发中心。\n", encoding="utf-8")
    batch.run_batch([src], out=tmp_path / "out", jobs=1, formats=formats, tokens=True)
    assert len(updated) == 3  # duckdb alone
    pipeline.run([src], out=tmp_path / "fresh2", jobs=1, formats=formats, tokens=True)
    for name in ("dafu.sqlite", "dafu.duckdb"):
        assert database_rows(tmp_path / "out" / name) == database_rows(tmp_path / "fresh2" / name), name


def test_rerun_an_output_changed_since_is_formatted_again_not_spliced(tmp_path: Path) -> None:
    src = make_folder(tmp_path / "in", 3)
    pipeline.run([src], out=tmp_path / "out", jobs=1, formats=FORMATS)
    damaged = tmp_path / "out" / "quantities.csv"
    damaged.write_bytes(damaged.read_bytes()[:-40])  # cut short: not as dafu wrote it
    (src / "01.txt").write_text("落地10余家外资研发中心。\n", encoding="utf-8")
    summary = batch.run_batch([src], out=tmp_path / "out", jobs=1, formats=FORMATS)
    assert summary.statuses == {"unchanged": 2, "processed": 1}
    pipeline.run([src], out=tmp_path / "fresh", jobs=1, formats=FORMATS)
    assert files(tmp_path / "out") == files(tmp_path / "fresh")


def test_rerun_a_missing_output_is_written_again(tmp_path: Path) -> None:
    src = make_folder(tmp_path / "in", 2)
    pipeline.run([src], out=tmp_path / "out", jobs=1)
    want = files(tmp_path / "out")
    (tmp_path / "out" / "sentences.csv").unlink()
    summary = batch.run_batch([src], out=tmp_path / "out", jobs=1)
    assert not summary.nothing_changed and summary.statuses == {"unchanged": 2}
    assert files(tmp_path / "out") == want


def test_rerun_another_format_adds_files_and_keeps_the_others(tmp_path: Path) -> None:
    src = make_folder(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["run", str(src), "-o", str(out), "-j", "1", "-q"]).exit_code == 0
    result = CliRunner().invoke(main, ["run", str(src), "-o", str(out), "-j", "1", "-q", "--format", "sqlite"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"dafu.sqlite", "quantities.parquet", "quantities.csv"} <= names
    # kept up to date: a change reaches the formats not asked for too
    (src / "00.txt").write_text("引入超6家央企研发中心。\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["run", str(src), "-o", str(out), "-j", "1", "-q", "-f", "sqlite"]).exit_code == 0
    assert "超6家" in (out / "quantities.csv").read_text(encoding="utf-8-sig")


def test_rerun_clean_removes_the_formats_not_given(tmp_path: Path) -> None:
    src = make_folder(tmp_path / "in", 2)
    out = tmp_path / "out"
    pipeline.run([src], out=out, jobs=1, formats=("parquet", "csv"))
    result = CliRunner().invoke(main, ["run", str(src), "-o", str(out), "-j", "1", "-q", "-f", "sqlite", "--clean"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [batch.RUN_FILE, "dafu.sqlite"]


def test_cli_run_help_documents_clean(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "--help"])
    assert "--clean" in result.output and "kept up to date" in result.output


def test_cli_run_says_when_nothing_changed(tmp_path: Path) -> None:
    src = make_folder(tmp_path / "in", 2)
    args = ["run", str(src), "-o", str(tmp_path / "out"), "-j", "1", "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert "2 files unchanged since the last run" in result.output and "nothing written" in result.output


@pytest.mark.parametrize("formats", [("parquet", "csv"), ("csv", "sqlite")])
def test_progress_callback_sees_the_writing_phase(tmp_path: Path, formats: tuple[str, ...]) -> None:
    src = make_folder(tmp_path / "in", 3)
    events: list[batch.Progress] = []
    pipeline.run([src], out=tmp_path / "out", jobs=1, formats=formats, progress=events.append)
    phases = [e.phase for e in events]
    assert phases == ["read"] * 3 + ["write"] * (len(phases) - 3)
    writing = [e for e in events if e.phase == "write"]
    assert [e.done for e in writing] == list(range(len(writing)))
    assert writing[-1].done == writing[-1].total and writing[-1].path == ""
    assert any("quantities.csv" in e.path for e in writing)
    if "sqlite" in formats:
        assert any(e.path == "dafu.sqlite: quantities" for e in writing)


# --- the pieces ---------------------------------------------------------------------------


def _docs(ids: list[str], rows_each: int = 2) -> pa.Table:
    spec = SPECS["problems"]
    data = {c: [None] * (len(ids) * rows_each) for c in spec.names}
    data["doc_id"] = [d for d in ids for _ in range(rows_each)]
    data["path"] = [f"{d}/{k}" for d in ids for k in range(rows_each)]
    data["stage"] = ["read"] * len(data["doc_id"])
    data["reason"] = ["r"] * len(data["doc_id"])
    return pa.table(data, schema=spec.frame_schema)


def test_merge_puts_new_documents_where_a_full_run_would() -> None:
    previous = _docs(["a", "b", "c"])
    table, origin = merged(SPECS["problems"], previous, {"a": 1, "c": 4}, _docs(["x", "y"], 1), [2, 3])
    assert table.column("path").to_pylist() == ["a/0", "a/1", "x/0", "y/0", "c/0", "c/1"]
    assert origin.tolist() == [0, 1, -1, -2, 4, 5]


def test_merge_orders_documents_given_out_of_order_by_rank() -> None:
    table, origin = merged(SPECS["problems"], None, {}, _docs(["z", "x", "y"], 1), [3, 1, 2])
    assert table.column("path").to_pylist() == ["x/0", "y/0", "z/0"]
    assert origin.tolist() == [-2, -3, -1]


def test_splice_copies_kept_rows_and_formats_only_new_ones(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_bytes('\ufeffa,b\nx,1\n"y\n2",2\nz,3\n'.encode())
    new = tmp_path / "new.csv"
    new.write_bytes('\ufeffa,b\n"n,1",9\n'.encode())
    target = tmp_path / "out.csv"
    assert splice(target, old, new, np.array([0, -1, 2]), rows=(3, 1), header=True, quoted=True)
    assert target.read_bytes().decode() == '\ufeffa,b\nx,1\n"n,1",9\nz,3\n'


def test_splice_refuses_a_file_with_other_rows(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    old.write_bytes(b"a,b\nx,1\n")
    new = tmp_path / "new.csv"
    new.write_bytes(b"a,b\n")
    assert not splice(tmp_path / "out.csv", old, new, np.array([0, 1]), rows=(2, 0), header=True, quoted=True)
    assert not (tmp_path / "out.csv").exists()


def test_splice_row_ends_skip_line_breaks_inside_quotes() -> None:
    assert row_ends(b'a,b\n"x\n""y""\n",1\nz,2\n', quoted=True).tolist() == [4, 17, 21]
    assert row_ends(b'{"a": "x\\ny"}\n{}\n', quoted=False).tolist() == [14, 17]


_CELLS = st.text(alphabet=st.sampled_from(list('ab ,"\n\r\t;=+-@\'é中\u2028')), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.none() | _CELLS, st.none() | st.integers(-10**12, 10**12), st.none() | st.booleans()),
                min_size=1, max_size=20))
def test_csv_lines_formatted_by_arrow_equal_the_csv_modules(rows: list[tuple[object, ...]]) -> None:
    columns = [pa.chunked_array([list(c)], type=t) for c, t in
               zip(zip(*rows, strict=True), (pa.string(), pa.int64(), pa.bool_()), strict=True)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    assert _formatted(columns) == buffer.getvalue().encode("utf-8")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.none() | st.floats(), st.none() | _CELLS), min_size=1, max_size=20))
def test_csv_lines_with_floats_formatted_by_arrow_equal_the_csv_modules(rows: list[tuple[object, ...]]) -> None:
    columns = [pa.chunked_array([list(c)], type=t) for c, t in
               zip(zip(*rows, strict=True), (pa.float64(), pa.string()), strict=True)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    assert _formatted(columns) == buffer.getvalue().encode("utf-8")


def test_runfile_knows_every_table_and_names_the_file_read_tables_reads() -> None:
    from pipeline.tables import extra

    assert runfile._TABLES == TABLE_NAMES
    assert runfile.RUN_FILE == extra.RUN_FILE  # the sidecar's columns are read back from it


# --- re-runs with a metadata sidecar (issue 13 §2/§3 with §4) ---------------------------------

UNDATED = "关于道路改造的答复\n经查，今年6月已完成改造，投入资金120万元。\n"  # 今年 needs a ref_date


def sidecar_folder(folder: Path, regions: tuple[str, ...] = ("福田", "南山"),
                   dates: tuple[str, ...] = ("2019-03-01", "2020-03-01")) -> Path:
    """Three undated replies and a sidecar: rows for two of them and one for a file that is not there."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(UNDATED, encoding="utf-8")
    write_sidecar(folder, regions, dates)
    return folder


def write_sidecar(folder: Path, regions: tuple[str, ...], dates: tuple[str, ...]) -> None:
    lines = ["path,ref_date,region,n_people", *(f"{p},{d},{r},{n}" for p, d, r, n in
                                                 zip(("a.txt", "b.txt"), dates, regions, (12, 3), strict=True)),
             "gone.txt,2021-03-01,罗湖,1"]
    (folder / "dafu-metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def june(tables: pipeline.Tables, doc_id: str) -> list[object]:
    q = tables["quantities"]
    return q.loc[(q["doc_id"] == doc_id) & (q["text"] == "今年6月"), "value"].tolist()


@pytest.mark.parametrize("change", ["region", "ref_date"])
def test_rerun_after_only_the_sidecar_changed_rewrites_documents_as_a_full_run(tmp_path: Path, change: str) -> None:
    src = sidecar_folder(tmp_path / "in")
    out = tmp_path / "out"
    batch.run_batch([src], out=out, jobs=1, formats=FORMATS)
    if change == "region":
        write_sidecar(src, ("福田区", "南山"), ("2019-03-01", "2020-03-01"))
    else:
        write_sidecar(src, ("福田", "南山"), ("2015-03-01", "2020-03-01"))
    again = batch.run_batch([src], out=out, jobs=1, formats=FORMATS)
    assert not again.nothing_changed
    # another region: every file kept, the column added afresh; another ref_date: every file read again
    assert again.statuses == ({"unchanged": 3} if change == "region" else {"processed": 3})
    tables = read_tables(out)
    docs = tables["documents"].set_index("doc_id")
    assert docs.loc["a", "region"] == ("福田区" if change == "region" else "福田")
    assert docs.loc["a", "ref_date"].isoformat() == ("2015-03-01" if change == "ref_date" else "2019-03-01")
    assert june(tables, "a") == (["2015-06"] if change == "ref_date" else ["2019-06"])
    assert tables["problems"]["stage"].tolist() == ["metadata", "metadata"]  # gone.txt's row, c without one
    full = batch.run_batch([src], out=tmp_path / "full", jobs=1, formats=FORMATS)
    assert files(out) == files(tmp_path / "full")
    assert again.notes == full.notes and "2 of 3 files matched" in again.notes[0]


def test_rerun_with_nothing_changed_after_a_sidecar_run_writes_nothing(tmp_path: Path) -> None:
    src = sidecar_folder(tmp_path / "in")
    out = tmp_path / "out"
    first = batch.run_batch([src], out=out, jobs=1, formats=FORMATS)
    tables = read_tables(out)
    before = states(out)
    again = batch.run_batch([src], out=out, jobs=1, formats=FORMATS)
    assert again.nothing_changed and again.written == [] and states(out) == before
    assert again.notes == first.notes and any("have no metadata row" in n for n in again.notes)
    reread = read_tables(out)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(reread[name], tables[name], obj=name)
    assert reread["documents"].set_index("doc_id").loc["b", "region"] == "南山"
    recorded = json.loads((out / batch.RUN_FILE).read_text(encoding="utf-8"))
    assert recorded["roots"] == [str(src.resolve())]
    assert recorded["metadata"] == str((src / "dafu-metadata.csv").resolve())
    assert [c["name"] for c in recorded["columns"]] == ["region", "n_people"] and recorded["ref_dates"]
    # found without pandas, with the sidecar (its content hashed, never read)
    code = ("import sys; from pipeline.batch import run_batch; "
            f"s = run_batch([{str(src)!r}], out={str(out)!r}, jobs=1, formats={FORMATS!r}); "
            "assert s.nothing_changed and s.notes; "
            "assert not {'pandas', 'pyarrow', 'pipeline.document'} & set(sys.modules), sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_rerun_the_same_sidecar_elsewhere_is_a_change(tmp_path: Path) -> None:
    src = sidecar_folder(tmp_path / "in")
    out = tmp_path / "out"
    batch.run_batch([src], out=out, jobs=1)
    moved = (src / "dafu-metadata.csv").rename(tmp_path / "meta.csv")
    again = batch.run_batch([src], out=out, jobs=1, metadata=moved)
    assert not again.nothing_changed and again.statuses == {"unchanged": 3}
    assert json.loads((out / batch.RUN_FILE).read_text(encoding="utf-8"))["metadata"] == str(moved.resolve())
    assert batch.run_batch([src], out=out, jobs=1, metadata=moved).nothing_changed
    without = batch.run_batch([src], out=out, jobs=1)  # no sidecar at all now: the columns go
    assert not without.nothing_changed and without.statuses == {"processed": 3}  # the ref_dates went too
    assert "region" not in read_tables(out)["documents"].columns


@pytest.mark.parametrize("fmt", ["sqlite", "duckdb"])
def test_rerun_a_database_of_other_columns_is_not_updated(tmp_path: Path, fmt: str) -> None:
    from pipeline import export
    from pipeline.export.sql import OtherTables, Update

    src = make_folder(tmp_path / "in", 2)
    batch.run_batch([src], out=tmp_path / "out", jobs=1, formats=(fmt,))
    path = tmp_path / "out" / f"dafu.{fmt}"
    con: Any
    if fmt == "sqlite":
        import sqlite3

        con = sqlite3.connect(path)
    else:
        import duckdb

        con = duckdb.connect(str(path))
    con.execute('ALTER TABLE problems DROP COLUMN "kind"')  # as an earlier version wrote it
    con.commit()
    con.close()
    update = Update(tuple(SPECS[name] for name in TABLE_NAMES), frozenset({"00"}), frozenset({"problems"}))
    with pytest.raises(OtherTables, match="problems"):
        export.whole_writer(fmt)(path, iter(()), update)
    assert database_rows(path)["documents"]  # nothing taken out
