"""engine="dask": a real scheduler and two workers on loopback give the local engine's tables.

The cluster is made of real ``dask scheduler`` / ``dask worker`` processes, as on a real
cluster; one test kills a worker (SIGKILL) in the middle of a run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

import pipeline
from pipeline.batch import dask as dask_engine
from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.errors import DafuError
from pipeline.tables import SPECS, TABLE_NAMES, read_tables

distributed = pytest.importorskip("distributed")

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"
START_TIMEOUT = 60.0


@dataclass
class Cluster:
    address: str
    scheduler_file: Path
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]]


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as f:
        return subprocess.Popen([sys.executable, "-m", *args], stdout=f, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextlib.contextmanager
def start_cluster(tmp_path: Path) -> Iterator[Cluster]:
    """A scheduler on 127.0.0.1 (a free port) and two single-threaded workers, without nannies."""
    scheduler_file = tmp_path / "scheduler.json"
    scheduler = _start(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                        "--scheduler-file", str(scheduler_file)], tmp_path / "scheduler.log")
    workers: list[subprocess.Popen[bytes]] = []
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not scheduler_file.exists() or not scheduler_file.read_text().strip():
            if scheduler.poll() is not None or time.monotonic() > deadline:
                pytest.fail("dask scheduler did not start: " + (tmp_path / "scheduler.log").read_text())
            time.sleep(0.1)
        time.sleep(0.2)  # the file is written in one go, but give the writer time to close it
        address = json.loads(scheduler_file.read_text())["address"]
        for n in range(2):
            workers.append(_start(["distributed.cli.dask_worker", "--scheduler-file", str(scheduler_file),
                                   "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1",
                                   "--name", f"w{n}"], tmp_path / f"worker{n}.log"))
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT)
        yield Cluster(address, scheduler_file, scheduler, workers)
    finally:
        for process in [*workers, scheduler]:
            _stop(process)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with start_cluster(tmp_path_factory.mktemp("cluster")) as started:
        yield started


@pytest.fixture
def own_cluster(tmp_path: Path) -> Iterator[Cluster]:
    """A cluster for one test alone (which kills one of its workers)."""
    with start_cluster(tmp_path) as started:
        yield started


def make_corpus(folder: Path, n: int) -> Path:
    """The sample reply, ``n`` generated replies full of quantities, an empty file and a binary one."""
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "年度").mkdir()
    for i in range(n):
        (folder / "年度" / f"答复{i:04d}.txt").write_text(
            f"关于第{i + 1}号建议的答复\n\n张委员：\n一、工作进展\n"
            f"2024年我区投入资金{i + 2}.5亿元，引入超{i % 17 + 3}家企业，建成{i % 9 + 1}个科技合作平台，"
            f"贴息支持比例提升至{i % 60 + 20}%，排名全市第{i % 10 + 1}。\n"
            f"二、下一步工作\n今年6月新增用地约{i * 3 + 10}万平方米。联系电话：8291{i:04d}。\n"
            f"福田区科技和工业信息化局\n2024年9月{i % 28 + 1}日\n", encoding="utf-8")
    (folder / "空白.txt").write_bytes(b"")
    (folder / "图片.txt").write_bytes(bytes(range(256)) * 8)  # not text in any encoding
    return folder


def sorted_frame(tables: pipeline.Tables, name: str) -> pd.DataFrame:
    frame = tables[name]
    keys = list(SPECS[name].key) or list(frame.columns)
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def assert_same_tables(got: pipeline.Tables, expected: pipeline.Tables) -> None:
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(sorted_frame(got, name), sorted_frame(expected, name), obj=name)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("dask") / "答复", 40)


@pytest.fixture(scope="module")
def local_out(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local")
    pipeline.run([corpus], out=out, jobs=1)
    return out


@pytest.fixture(scope="module")
def local(local_out: Path) -> pipeline.Tables:
    return read_tables(local_out)


def test_dask_tables_equal_the_local_engines_row_for_row(cluster: Cluster, corpus: Path, local: pipeline.Tables,
                                                         local_out: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_engine, "CHUNK_FILES", 6)  # several partitions per table
    out = tmp_path / "out"
    tables = pipeline.run([corpus], out=out, engine="dask", scheduler=cluster.address)
    assert_same_tables(tables, local)
    assert len(tables["quantities"]) > 40 * 5 and len(tables["problems"]) == 2
    assert sorted(tables["manifest"]["status"].value_counts().items()) == [("problem", 2), ("processed", 41)]
    # A partitioned dataset per table, readable with pyarrow alone, in the local engine's types.
    parts = sorted(p.name for p in (out / "quantities").iterdir())
    assert parts == [f"part-{i:05d}.parquet" for i in range(len(parts))] and len(parts) >= 7
    for name in TABLE_NAMES:
        assert not (out / f"{name}.parquet").exists()
        assert ds.dataset(out / name, format="parquet").schema.equals(SPECS[name].parquet_schema)
        # Partitions in input order: the CSV written from them is the local engine's, byte for byte.
        assert (out / f"{name}.csv").read_bytes() == (local_out / f"{name}.csv").read_bytes(), name
    assert_same_tables(read_tables(out), local)


def test_dask_worker_killed_mid_run_every_input_once(own_cluster: Cluster, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    cluster = own_cluster
    corpus = make_corpus(tmp_path / "答复", 200)
    monkeypatch.setattr(dask_engine, "CHUNK_FILES", 3)
    out = tmp_path / "out"
    result: dict[str, object] = {}

    def work() -> None:
        try:
            result["tables"] = pipeline.run([corpus], out=out, formats=("parquet",), engine="dask",
                                            scheduler=str(cluster.scheduler_file))
        except BaseException as e:  # handed to the test's thread
            result["error"] = e

    runner = threading.Thread(target=work)
    runner.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not list(out.glob(".dafu-dask-*/quantities/part-*.parquet")):
        assert runner.is_alive() and time.monotonic() < deadline, "no partition was written"
        time.sleep(0.02)
    victim = cluster.workers[0]
    os.kill(victim.pid, signal.SIGKILL)
    assert runner.is_alive()  # killed in the middle of the run, not after it
    runner.join(120)
    assert victim.wait(10) == -signal.SIGKILL
    assert not runner.is_alive() and "error" not in result, result.get("error")
    tables = result["tables"]
    assert isinstance(tables, pipeline.Tables)
    manifest = tables["manifest"]
    inputs = sorted(str(p) for p in corpus.rglob("*.txt"))
    assert sorted(manifest["path"]) == inputs  # every input, exactly once
    assert manifest["status"].value_counts().to_dict() == {"processed": 201, "problem": 2}
    assert not list(out.glob(".dafu-dask-*"))  # the staging folder is gone
    local = pipeline.run([corpus], jobs=1)
    assert_same_tables(tables, local)


def test_dask_cli_engine_option(cluster: Cluster, corpus: Path, local: pipeline.Tables, tmp_path: Path) -> None:
    out = tmp_path / "表格"
    result = CliRunner().invoke(main, ["run", str(corpus), "-o", str(out), "--engine", "dask",
                                       "--scheduler", cluster.address, "--format", "parquet,jsonl", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("43 files: 41 documents (41 read, 0 unchanged), 2 problems")
    assert sorted(p.name for p in out.glob("*.jsonl")) == sorted(f"{n}.jsonl" for n in TABLE_NAMES)
    assert not list(out.glob("*.csv"))
    assert_same_tables(read_tables(out), local)


def test_dask_rerun_keeps_unchanged_files_and_local_rerun_replaces_datasets(
        cluster: Cluster, corpus: Path, local: pipeline.Tables, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch([corpus], out=out, engine="dask", jobs=1)  # on a LocalCluster of its own
    assert first.statuses == {"processed": 41, "problem": 2}
    again = run_batch([corpus], out=out, engine="dask", scheduler=cluster.address)
    assert again.statuses == {"unchanged": 41, "problem": 2}
    assert_same_tables_but_status(read_tables(out), local)
    pipeline.run([corpus], out=out, jobs=1)  # the local engine after the Dask engine
    assert not [name for name in TABLE_NAMES if (out / name).exists()]
    assert_same_tables_but_status(read_tables(out), local)


def assert_same_tables_but_status(got: pipeline.Tables, expected: pipeline.Tables) -> None:
    for name in TABLE_NAMES:
        a, b = sorted_frame(got, name), sorted_frame(expected, name)
        if name == "manifest":
            a, b = a.drop(columns="status"), b.drop(columns="status")
        pd.testing.assert_frame_equal(a, b, obj=name)


def test_dask_unreachable_scheduler_is_a_one_line_error(corpus: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_engine, "_CONNECT_TIMEOUT", "2s")
    result = CliRunner().invoke(main, ["run", str(corpus), "-o", str(tmp_path / "out"), "--engine", "dask",
                                       "--scheduler", "tcp://127.0.0.1:9", "-q"])
    assert result.exit_code != 0
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output


def test_dask_failed_chunk_runs_file_by_file_without_duplicate_rows(corpus: Path, local: pipeline.Tables,
                                                                    tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A chunk whose task raises is run again one file at a time; only the bad file is a problem."""
    real = dask_engine.process_chunk
    bad = corpus / "年度" / "答复0007.txt"

    def failing(tasks: list[Any], *args: Any, **kwargs: Any) -> list[Any]:
        done = real(tasks, *args, **kwargs)
        if any(t.path == str(bad) for t in tasks):
            raise RuntimeError("cannot write this chunk")
        return done

    monkeypatch.setattr(dask_engine, "process_chunk", failing)
    monkeypatch.setattr(dask_engine, "CHUNK_FILES", 5)
    # An in-process cluster: its workers see the patched function.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=":0") as cluster:
        tables = pipeline.run([corpus], out=tmp_path / "out", formats=("parquet",), engine="dask",
                              scheduler=cluster.scheduler_address)
    problems = tables["problems"]
    assert problems.loc[problems["path"] == str(bad), ["stage", "reason"]].values.tolist() == [
        ["tables", "RuntimeError: cannot write this chunk"]]
    parts = sorted(p.name for p in (tmp_path / "out" / "quantities").iterdir())
    alone = {name[:10] for name in parts if len(name) == len("part-00000-000.parquet")}
    assert len(alone) == 1 and f"{alone.pop()}.parquet" not in parts  # the failed chunk, file by file only
    expected = local["quantities"][local["quantities"]["doc_id"] != "年度/答复0007"]
    pd.testing.assert_frame_equal(sorted_frame(tables, "quantities"),
                                  expected.sort_values(["doc_id", "quantity_id"]).reset_index(drop=True))


def test_dask_never_removes_a_users_folder_named_like_a_table(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "documents").mkdir(parents=True)
    (out / "documents" / "合同.docx").write_bytes(b"mine")
    with pytest.raises(DafuError, match="in the way of the documents table"):
        pipeline.run([corpus], out=out, engine="dask")
    pipeline.run([corpus / SAMPLE.name], out=out, jobs=1)  # the local engine drops only Dask's datasets
    assert (out / "documents" / "合同.docx").read_bytes() == b"mine"


def test_dask_metadata_sidecar_gives_the_local_engines_tables(cluster: Cluster, corpus: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dask_engine, "CHUNK_FILES", 6)  # the columns go into every partition
    folder = tmp_path / "答复"
    shutil.copytree(corpus, folder)
    rows = [{"path": f"年度/答复{i:04d}.txt", "ref_date": f"20{10 + i % 10}-01-01", "region": f"区{i}", "rank": i}
            for i in range(0, 40, 3)] + [{"path": "年度/没有.txt", "ref_date": "2020-01-01", "region": "无", "rank": 0}]
    pd.DataFrame(rows).to_csv(folder / "dafu-metadata.csv", index=False)
    local = pipeline.run([folder], out=tmp_path / "local", jobs=2)
    out = tmp_path / "dask"
    tables = pipeline.run([folder], out=out, engine="dask", scheduler=cluster.address, formats=["parquet", "csv"])
    assert_same_tables(tables, local)
    docs = tables["documents"].set_index("doc_id")
    assert (docs.loc["年度/答复0003", "region"], docs.loc["年度/答复0003", "rank"]) == ("区3", 3)
    doc = docs.loc["年度/答复0003"]
    signed = doc["date_source"] in ("signature", "header")  # the reply's own date comes first
    assert doc["ref_date"] == (doc["date"] if signed else dt.date(2013, 1, 1))
    assert (tables["problems"]["stage"] == "metadata").sum() == 1 + 43 - 14  # the row; the 29 files without one
    again = run_batch([folder], out=out, engine="dask", scheduler=cluster.address, formats=["parquet", "csv"])
    assert again.statuses == {"unchanged": 41, "problem": 2}
    assert_same_tables_but_status(read_tables(out), local)


def test_dask_rerun_after_only_the_sidecar_changed_adds_the_new_columns(cluster: Cluster, corpus: Path,
                                                                        tmp_path: Path) -> None:
    folder = tmp_path / "答复"
    shutil.copytree(corpus, folder)
    rows = [{"path": f"年度/答复{i:04d}.txt", "region": f"区{i}"} for i in range(40)]
    pd.DataFrame(rows).to_csv(folder / "dafu-metadata.csv", index=False)
    out = tmp_path / "dask"
    run_batch([folder], out=out, engine="dask", scheduler=cluster.address, formats=["parquet", "csv"])
    rows[3]["region"] = "新区"
    pd.DataFrame(rows).to_csv(folder / "dafu-metadata.csv", index=False)
    again = run_batch([folder], out=out, engine="dask", scheduler=cluster.address, formats=["parquet", "csv"])
    assert again.statuses == {"unchanged": 41, "problem": 2}  # the rows kept, the column added afresh
    tables = read_tables(out)
    assert tables["documents"].set_index("doc_id").loc["年度/答复0003", "region"] == "新区"
    assert (tables["problems"]["stage"] == "metadata").sum() == 3  # the sample and the two bad files: once each
    assert_same_tables_but_status(tables, pipeline.run([folder], out=tmp_path / "local", jobs=1))


# A reply page with a notice above its main column: prose the reader drops, a warning the worker finds.
_REPLY = ("张委员：", "您提出的关于支持科技企业发展的提案收悉，2024年我区投入资金2.5亿元，引入超6家企业。",
          "感谢您对科技工作的关心和支持。", "福田区科技和工业信息化局", "2024年9月3日")
GUESSED_PAGE = ('<html><body><div class="notice"><p>本站部分信息来源于各部门，'
                '如需转载请注明出处，感谢各位网友的理解和支持。</p></div>'
                '<div class="main"><h1>关于第12号提案的答复</h1><div class="content">'
                + "".join(f"<p>{line}</p>" for line in _REPLY) + "</div></div></body></html>")


def test_dask_reader_warnings_reach_problems_as_locally(cluster: Cluster, corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "答复"
    shutil.copytree(corpus, folder)
    (folder / "年度" / "页面.html").write_text(GUESSED_PAGE, encoding="utf-8")
    local = pipeline.run([folder], out=tmp_path / "local", jobs=1)
    out = tmp_path / "dask"
    tables = pipeline.run([folder], out=out, engine="dask", scheduler=cluster.address)
    assert_same_tables(tables, local)
    warnings = tables["problems"][tables["problems"]["kind"] == "warning"]
    assert warnings[["doc_id", "stage"]].values.tolist() == [["年度/页面", "read"]]
    assert "本站部分信息" in warnings["reason"].iloc[0]
    assert sorted(tables["problems"]["kind"]) == ["error", "error", "warning"]
    # kept with the page's rows when nothing changed
    again = run_batch([folder], out=out, engine="dask", scheduler=cluster.address)
    assert again.statuses == {"unchanged": 42, "problem": 2}
    assert_same_tables_but_status(read_tables(out), local)


def test_dask_time_limit_applies_on_the_workers(cluster: Cluster, tmp_path: Path) -> None:
    # A Dask worker runs the file in a thread, where SIGALRM cannot reach: a watchdog thread does.
    folder = tmp_path / "答复"
    folder.mkdir()
    (folder / "长.txt").write_text(SAMPLE.read_text(encoding="utf-8") * 300, encoding="utf-8")
    started = time.monotonic()
    tables = pipeline.run([folder], out=tmp_path / "dask", engine="dask", scheduler=cluster.address, time_limit=0.5)
    assert time.monotonic() - started < 60
    assert tables["manifest"]["status"].tolist() == ["problem"]
    assert tables["problems"]["reason"].iloc[0].startswith("time limit of 0.5 s exceeded while ")
