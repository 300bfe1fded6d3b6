"""pipeline.run: a folder of real files in, every file accounted for, deterministic tables out."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from docx import Document
from PIL import Image

import pipeline
from pipeline import batch, document
from pipeline.batch import local, work
from pipeline.errors import InputError
from pipeline.readers import doc as doc_reader
from pipeline.readers import read as read_module
from pipeline.tables import TABLE_NAMES, read_tables

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"
SAMPLE_ID = "futian-2024079-reply"


def make_inputs(folder: Path) -> Path:
    """The sample, a GBK copy, an empty file, a binary file named .txt and a .docx."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "gbk.txt").write_bytes(text.encode("gbk"))
    (folder / "empty.txt").write_bytes(b"")
    Image.new("RGB", (8, 8), (200, 30, 30)).save(folder / "image.txt", format="PNG")
    doc = Document()
    for line in text.splitlines():
        if line.strip():
            doc.add_paragraph(line.strip())
    doc.save(str(folder / "word.docx"))
    return folder


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_inputs(tmp_path_factory.mktemp("inputs") / "答复")


@pytest.fixture(scope="module")
def tables(inputs: Path) -> pipeline.Tables:
    return pipeline.run([inputs], jobs=1)


def table_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.name != batch.RUN_FILE}


def data_frames(out: Path) -> Iterator[tuple[str, pd.DataFrame]]:
    """Every table but the manifest, whose status column tells runs apart."""
    read = read_tables(out)
    for name in TABLE_NAMES:
        if name != "manifest" and name in read.frames:
            yield name, read[name]


def test_runner_manifest_accounts_for_every_file(inputs: Path, tables: pipeline.Tables) -> None:
    manifest = tables["manifest"]
    assert sorted(Path(p).name for p in manifest["path"]) == sorted(p.name for p in inputs.iterdir())
    statuses = dict(zip(manifest["doc_id"], manifest["status"], strict=True))
    assert statuses == {SAMPLE_ID: "processed", "gbk": "processed", "word": "processed",
                        "empty": "problem", "image": "problem"}


def test_runner_manifest_rows_follow_input_order(inputs: Path, tables: pipeline.Tables) -> None:
    assert list(tables["manifest"]["path"]) == [os.fspath(p) for p in pipeline.readers.iter_inputs([inputs])]


def test_runner_manifest_records_digest_and_size(inputs: Path, tables: pipeline.Tables) -> None:
    row = tables["manifest"].set_index("doc_id").loc[SAMPLE_ID]
    assert row["size"] == SAMPLE.stat().st_size
    assert row["sha256"] == pipeline.readers.read_source(SAMPLE).sha256


def test_runner_problems_name_the_bad_files_with_reasons(tables: pipeline.Tables) -> None:
    problems = tables["problems"]
    reasons = {Path(p).name: (stage, reason) for p, stage, reason in
               zip(problems["path"], problems["stage"], problems["reason"], strict=True)}
    assert reasons == {"empty.txt": ("read", "empty file"),
                       "image.txt": ("read", "binary content (NUL bytes) in a .txt file")}
    assert problems["kind"].tolist() == ["error", "error"]


# A reply page with a notice above its main column: prose the HTML reader drops, and says so.
_REPLY = ["尊敬的王代表：", "您提出的关于加快老旧小区改造的建议收悉，2023年全市共改造老旧小区126个，完成投资3.2亿元。",
          "感谢您对住房工作的关心和支持。", "某市住房和城乡建设局", "2024年6月28日"]
GUESSED_PAGE = ('<html><body><div class="notice"><p>本站发布的其他信息，'
                '包括通知公告、政策解读和新闻动态，敬请关注。</p></div>'
                '<div class="main"><h1>关于第0215号建议的答复</h1><div class="content">'
                + "".join(f"<p>{line}</p>" for line in _REPLY) + "</div></div></body></html>")


@pytest.mark.parametrize("jobs", [1, 2])
def test_runner_reader_warnings_are_problems_of_kind_warning(tmp_path: Path, jobs: int) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(GUESSED_PAGE, encoding="utf-8")
    shutil.copy(SAMPLE, tmp_path / "in" / "z.txt")
    for out in (tmp_path / "out", None):  # written, and in memory
        tables = pipeline.run([tmp_path / "in"], out=out, jobs=jobs)
        problems = tables["problems"]
        assert problems[["doc_id", "stage", "kind"]].values.tolist() == [["page", "read", "warning"]]
        assert problems["reason"].iloc[0].startswith("HTML page layout guessed: 1 block(s)")
        assert tables["manifest"]["status"].tolist() == ["processed", "processed"]  # its rows are there
        assert tables["quantities"]["doc_id"].tolist().count("page") == 4  # 2023年 126个 3.2亿元 and the date


def test_runner_rerun_keeps_the_warnings_of_unchanged_files(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(GUESSED_PAGE, encoding="utf-8")
    shutil.copy(SAMPLE, tmp_path / "in" / "z.txt")
    pipeline.run([tmp_path / "in"], out=tmp_path / "out", jobs=1)
    (tmp_path / "in" / "z.txt").write_text("引入超6家央企研发中心。", encoding="utf-8")
    again = pipeline.run([tmp_path / "in"], out=tmp_path / "out", jobs=1)
    assert again["manifest"]["status"].tolist() == ["unchanged", "processed"]
    assert again["problems"][["doc_id", "kind"]].values.tolist() == [["page", "warning"]]


def test_runner_quantities_hold_the_sample_rows(tables: pipeline.Tables) -> None:
    expected = [q.text for q in pipeline.read(SAMPLE).quantities]
    quantities = tables["quantities"]
    assert list(quantities.loc[quantities["doc_id"] == SAMPLE_ID, "text"]) == expected
    assert list(quantities.loc[quantities["doc_id"] == "gbk", "text"]) == expected


def test_runner_documents_table_has_one_row_per_document(tables: pipeline.Tables) -> None:
    assert list(tables["documents"]["doc_id"]) == [SAMPLE_ID, "gbk", "word"]


def test_runner_doc_ids_are_relative_paths_made_unique(tmp_path: Path) -> None:
    (tmp_path / "a" / "2024").mkdir(parents=True)
    for name in ("2024/答复.txt", "2024/答复.md", "其他.txt"):
        shutil.copy(SAMPLE, tmp_path / "a" / name)
    shutil.copy(SAMPLE, tmp_path / "其他.txt")
    ids = [doc_id for _, doc_id in batch.list_inputs([tmp_path / "a", tmp_path / "其他.txt"])]
    assert ids == ["2024/答复", "2024/答复.txt", "其他", "其他.txt"]  # 答复.md comes first


def test_runner_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    assert [doc_id for _, doc_id in batch.list_inputs([tmp_path, tmp_path / "a.txt"])] == ["a"]


def test_runner_jobs_2_writes_byte_identical_tables_to_jobs_1(inputs: Path, tmp_path: Path) -> None:
    pipeline.run([inputs], out=tmp_path / "one", jobs=1)
    pipeline.run([inputs], out=tmp_path / "two", jobs=2)
    one, two = table_files(tmp_path / "one"), table_files(tmp_path / "two")
    assert {"quantities.parquet", "quantities.csv", "manifest.parquet"} <= set(one)
    assert one == two


def test_runner_rerun_marks_files_unchanged(inputs: Path, tmp_path: Path) -> None:
    pipeline.run([inputs], out=tmp_path, jobs=1)
    again = pipeline.run([inputs], out=tmp_path, jobs=1)
    statuses = dict(zip(again["manifest"]["doc_id"], again["manifest"]["status"], strict=True))
    assert statuses == {SAMPLE_ID: "unchanged", "gbk": "unchanged", "word": "unchanged",
                        "empty": "problem", "image": "problem"}


def test_runner_rerun_keeps_identical_tables(inputs: Path, tmp_path: Path) -> None:
    pipeline.run([inputs], out=tmp_path, jobs=1)
    before = table_files(tmp_path)
    pipeline.run([inputs], out=tmp_path, jobs=1)
    after = table_files(tmp_path)
    assert {n: b for n, b in after.items() if not n.startswith("manifest")} == \
           {n: b for n, b in before.items() if not n.startswith("manifest")}


def test_runner_rerun_reads_a_changed_file_again(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "a.txt")
    shutil.copy(SAMPLE, src / "b.txt")
    pipeline.run([src], out=tmp_path / "out", jobs=1)
    (src / "b.txt").write_text("引入超6家央企研发中心。", encoding="utf-8")
    tables = pipeline.run([src], out=tmp_path / "out", jobs=1)
    assert list(tables["manifest"]["status"]) == ["unchanged", "processed"]
    assert list(tables["quantities"].loc[tables["quantities"]["doc_id"] == "b", "text"]) == ["超6家"]
    assert list(tables["documents"]["doc_id"]) == ["a", "b"]


def test_runner_rerun_with_other_options_reads_every_file_again(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    pipeline.run([tmp_path / "a.txt"], out=tmp_path / "out", jobs=1)
    tables = pipeline.run([tmp_path / "a.txt"], out=tmp_path / "out", jobs=1, ref_date="2020-01-01")
    assert list(tables["manifest"]["status"]) == ["processed"]


def test_runner_interrupted_rerun_keeps_old_tables_and_next_run_catches_up(inputs: Path, tmp_path: Path) -> None:
    src = tmp_path / "in"
    shutil.copytree(inputs, src)
    pipeline.run([src], out=tmp_path / "out", jobs=1)
    before = table_files(tmp_path / "out")
    (src / "gbk.txt").write_text("落地10余家外资研发中心。", encoding="gbk")

    def interrupt(event: batch.Progress) -> None:
        if event.done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        pipeline.run([src], out=tmp_path / "out", jobs=1, progress=interrupt)
    assert table_files(tmp_path / "out") == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_dir()) == []
    pipeline.run([src], out=tmp_path / "out", jobs=2)
    pipeline.run([src], out=tmp_path / "fresh", jobs=1)
    for (name, got), (_, want) in zip(data_frames(tmp_path / "out"), data_frames(tmp_path / "fresh"), strict=True):
        pd.testing.assert_frame_equal(got, want, obj=name)


def test_runner_in_process_collects_less_often_between_files_too(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """With one job the youngest generation's threshold stays raised from the first file to the last,
    the writing of each file's rows included (a block per file set it back at each file's end, and
    the next allocation collected), and is the caller's again after the run."""
    import gc

    from pipeline.tables import TableSink

    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SAMPLE, tmp_path / "in" / name)
    seen: list[int] = []
    real_add = TableSink.add

    def add(self: TableSink, *args: Any, **kwargs: Any) -> None:
        seen.append(gc.get_threshold()[0])
        real_add(self, *args, **kwargs)

    monkeypatch.setattr(TableSink, "add", add)
    before = gc.get_threshold()
    pipeline.run([tmp_path / "in"], out=tmp_path / "out", jobs=1)
    assert seen[:2] == [work.GC_THRESHOLD, work.GC_THRESHOLD]  # each file's rows, as they are written
    assert gc.get_threshold() == before


def test_runner_unexpected_exception_becomes_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    shutil.copy(SAMPLE, tmp_path / "b.txt")
    real_read = work.read

    def failing(path: str, **kwargs: object) -> pipeline.Document:
        if path.endswith("a.txt"):
            raise ZeroDivisionError("division by zero\nsecond line")
        return real_read(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(work, "read", failing)
    tables = pipeline.run([tmp_path], jobs=1)
    assert list(tables["manifest"]["status"]) == ["problem", "processed"]
    assert tables["problems"].loc[0, ["stage", "reason"]].tolist() == ["extract", "ZeroDivisionError: division by zero"]


def test_runner_worker_crash_becomes_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        shutil.copy(SAMPLE, tmp_path / name)
    real_read = work.read

    def crashing(path: str, **kwargs: object) -> pipeline.Document:
        if path.endswith("b.txt"):
            os._exit(9)  # as the kernel's out-of-memory killer would
        return real_read(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(local, "START_METHOD", "fork")  # the workers inherit the patched read
    monkeypatch.setattr(work, "read", crashing)
    tables = pipeline.run([tmp_path], jobs=2)
    assert list(tables["manifest"]["status"]) == ["processed", "problem", "processed", "processed"]
    assert "worker process died" in tables["problems"].loc[0, "reason"]


def _die(*args: object, **kwargs: object) -> None:
    os._exit(1)  # as a worker re-importing an unguarded script would (module level: pickled by name)


def test_runner_workers_that_cannot_start_stop_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    shutil.copy(SAMPLE, tmp_path / "b.txt")
    monkeypatch.setattr(local, "START_METHOD", "fork")
    monkeypatch.setattr(local, "process_chunk", _die)
    monkeypatch.setattr(local, "_noop", _die)
    with pytest.raises(pipeline.errors.DafuError, match="__name__ == '__main__'"):
        pipeline.run([tmp_path], jobs=2)


def test_runner_refuses_out_inside_an_input_folder(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    with pytest.raises(InputError, match="inside input folder") as info:
        pipeline.run([tmp_path], out=tmp_path / "表格", jobs=1)
    assert "exclude=['表格']" in str(info.value)


def test_runner_accepts_out_inside_an_input_folder_when_excluded(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    pipeline.run([tmp_path], out=tmp_path / "表格", jobs=1, exclude=["表格"], formats=("csv",))
    tables = pipeline.run([tmp_path], out=tmp_path / "表格", jobs=1, exclude=["表格"], formats=("csv",))
    manifest = tables["manifest"]
    assert list(manifest["status"]) == ["unchanged", "skipped"]  # the output folder is accounted for
    assert manifest["reason"].iloc[1] == "excluded by pattern '表格' (folder not entered)"


def test_runner_out_exclusions_names_the_folder_and_pattern(tmp_path: Path) -> None:
    assert batch.out_exclusions([tmp_path], tmp_path / "x" / "表格") == [(os.fspath(tmp_path), "x/表格")]
    assert batch.out_exclusions([tmp_path], tmp_path / "x" / "表格", ["x"]) == []
    assert batch.out_exclusions([tmp_path], tmp_path / ".out") == []
    assert batch.out_exclusions([tmp_path / "x"], tmp_path / "out") == []


def test_runner_without_out_writes_nothing(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    before = sorted(tmp_path.rglob("*"))
    tables = pipeline.run([tmp_path], jobs=1)
    assert list(tables["documents"]["doc_id"]) == ["a"]
    assert sorted(tmp_path.rglob("*")) == before


def test_runner_tokens_fill_the_tokens_table(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("引入超6家央企研发中心。", encoding="utf-8")
    without, with_tokens = pipeline.run([tmp_path], jobs=1), pipeline.run([tmp_path], jobs=1, tokens=True)
    assert without["tokens"].empty
    assert "".join(with_tokens["tokens"]["text"]) == "引入超6家央企研发中心。"


def test_runner_rejects_zero_jobs(tmp_path: Path) -> None:
    with pytest.raises(pipeline.errors.DafuError, match="jobs"):
        pipeline.run([tmp_path], jobs=0)


# --- time limit per file --------------------------------------------------------------------

SLOW_MARK = "慢慢慢"


def _slow_extract(real: Callable[..., pipeline.Document]) -> Callable[..., pipeline.Document]:
    def extract(text: str, **kwargs: Any) -> pipeline.Document:  # named as the stage it stands for
        if SLOW_MARK in text:
            give_up = time.monotonic() + 20  # a broken limit fails the test instead of hanging it
            while time.monotonic() < give_up:
                pass
        return real(text, **kwargs)

    return extract


@pytest.mark.parametrize("jobs", [1, 2])
def test_runner_time_limit_turns_a_slow_file_into_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            jobs: int) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(SLOW_MARK + SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copy(SAMPLE, tmp_path / "c.txt")
    monkeypatch.setattr(local, "START_METHOD", "fork")  # the workers inherit the patched extract
    monkeypatch.setattr(document, "extract", _slow_extract(document.extract))
    started = time.monotonic()
    tables = pipeline.run([tmp_path], jobs=jobs, time_limit=0.5)
    assert time.monotonic() - started < 15
    assert list(tables["manifest"]["status"]) == ["processed", "problem", "processed"]
    problem = tables["problems"].iloc[0]
    assert problem["doc_id"] == "b"
    assert [problem["stage"], problem["reason"]] == ["extract", "time limit of 0.5 s exceeded while extracting"]
    assert list(tables["documents"]["doc_id"]) == ["a", "c"]


def test_runner_time_limit_names_the_reading_stage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("引入超6家央企研发中心。", encoding="utf-8")

    def read_txt(data: bytes, name: str) -> object:
        time.sleep(20)  # interrupted by the alarm
        raise AssertionError("the time limit did not interrupt the reader")

    monkeypatch.setitem(read_module.READERS, ".txt", ("txt", read_txt))
    tables = pipeline.run([tmp_path], jobs=1, time_limit=0.2)
    assert tables["problems"][["stage", "reason"]].values.tolist() == [
        ["read", "time limit of 0.2 s exceeded while reading the file"]]


class _Finalised:
    def __del__(self) -> None:
        sum(range(200))  # most of the thread's bytecode runs in finalizers


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the swallowed one
def test_thread_time_limit_is_raised_again_when_a_finalizer_swallows_it() -> None:
    # A Dask worker's thread: an exception the watchdog raises inside a __del__ is only printed by
    # Python ("Exception ignored in"), and the file ran to its end (seen once in the suite under load).
    # Here the deadline comes while the thread runs finalizers, and plain code follows them.
    outcomes: list[str] = []

    def run() -> None:
        started = time.monotonic()
        try:
            with work._thread_limit(0.1):
                while time.monotonic() < started + 0.15:
                    _Finalised()
                while time.monotonic() < started + 3:
                    sum(range(200))
            outcomes.append("ran to its end")
        except work._TimeLimitExceeded as e:
            outcomes.append(str(e))

    for _ in range(3):
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    assert outcomes == ["time limit of 0.1 s exceeded while extracting"] * 3


def test_runner_time_limit_restores_the_alarm_handler(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("引入超6家央企研发中心。", encoding="utf-8")
    before = signal.getsignal(signal.SIGALRM)
    assert list(pipeline.run([tmp_path], jobs=1, time_limit=5)["manifest"]["status"]) == ["processed"]
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_runner_time_limit_zero_means_no_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("引入超6家央企研发中心。", encoding="utf-8")
    armed: list[float] = []
    monkeypatch.setattr(signal, "setitimer", lambda which, seconds, *a: armed.append(seconds))
    pipeline.run([tmp_path], jobs=1, time_limit=0)
    pipeline.run([tmp_path], jobs=1, time_limit=None)
    assert armed == []
    pipeline.run([tmp_path], jobs=1, time_limit=3)
    assert armed == [3, 0]


def test_runner_max_bytes_turns_a_large_file_into_a_problem(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "big.txt")
    (tmp_path / "small.txt").write_text("引入超6家央企研发中心。", encoding="utf-8")
    tables = pipeline.run([tmp_path], jobs=1, max_bytes=1000)
    assert list(tables["manifest"]["status"]) == ["problem", "processed"]
    assert tables["problems"].loc[0, "reason"].startswith(f"file too large: {SAMPLE.stat().st_size} bytes > limit 1000")


def test_runner_two_fresh_processes_write_byte_identical_files(inputs: Path, tmp_path: Path) -> None:
    # DuckDB is left out: its file keeps block and checkpoint bookkeeping that differs run to run.
    formats = "parquet,csv,jsonl,xlsx,sqlite"
    for out in ("first", "second"):
        command = [sys.executable, "-c", "from pipeline.cli import main; main()", "run", str(inputs),
                   "-o", str(tmp_path / out), "-j", "2", "-q", "-f", formats]
        subprocess.run(command, check=True, capture_output=True)
    first, second = table_files(tmp_path / "first"), table_files(tmp_path / "second")
    assert len(first) == 3 * len(TABLE_NAMES) + 2  # a file per table and format, a workbook, a database
    assert first == second


@pytest.mark.parametrize("limits", [{"time_limit": -1}, {"max_bytes": 0}])
def test_runner_rejects_negative_limits(tmp_path: Path, limits: dict[str, float]) -> None:
    with pytest.raises(pipeline.errors.DafuError, match="time_limit must be 0 or more"):
        pipeline.run([tmp_path], jobs=1, **limits)  # type: ignore[arg-type]


def test_runner_old_word_and_wps_files_are_problems_not_silently_skipped(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_reader.shutil, "which", lambda name: None)  # neither antiword nor LibreOffice
    folder = tmp_path / "答复"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "旧答复.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)  # an OLE header
    (folder / "答复.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    tables = pipeline.run([folder], jobs=1)
    statuses = dict(zip(tables["manifest"]["doc_id"], tables["manifest"]["status"], strict=True))
    assert statuses == {SAMPLE_ID: "processed", "旧答复": "problem", "答复": "problem"}
    reasons = set(tables["problems"]["reason"])
    assert reasons == {"old binary Word file and no converter found: " + doc_reader.INSTALL_HINT}
