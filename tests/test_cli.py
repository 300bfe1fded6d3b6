"""The dafu CLI: exit codes and output of each command, on real files in tmp_path."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import pipeline
from pipeline.cli import main
from pipeline.tables import TABLE_NAMES, read_tables

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"
README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The sample and an empty file."""
    src = tmp_path / "答复"
    src.mkdir()
    shutil.copy(SAMPLE, src / "sample.txt")
    (src / "empty.txt").write_bytes(b"")
    return src


def test_cli_version(cli: CliRunner) -> None:
    result = cli.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"dafu, version {pipeline.__version__}\n"


@pytest.mark.parametrize("command", sorted(main.commands))
def test_cli_help_shows_an_example(cli: CliRunner, command: str) -> None:
    result = cli.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert f"dafu {command}" in result.output


@pytest.mark.parametrize("command", sorted(main.commands))
def test_cli_command_is_documented_in_the_readme(command: str) -> None:
    assert f"`dafu {command}" in README.read_text(encoding="utf-8")


def test_cli_run_writes_tables_and_summary(cli: CliRunner, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "表格"
    result = cli.invoke(main, ["run", str(folder), "-o", str(out), "--jobs", "1", "--format", "csv,jsonl"])
    assert result.exit_code == 0, result.output
    assert {"quantities.csv", "quantities.jsonl", "manifest.csv", "problems.csv"} <= {p.name for p in out.iterdir()}
    n = len(pipeline.read(SAMPLE).quantities)
    assert "2 files: 1 documents (1 read, 0 unchanged), 1 problems" in result.output
    assert f"{n} quantities: count " in result.output
    assert f"problem: {folder / 'empty.txt'}: empty file" in result.output


def test_cli_run_problems_exit_0_without_strict(cli: CliRunner, folder: Path, tmp_path: Path) -> None:
    result = cli.invoke(main, ["run", str(folder), "-o", str(tmp_path / "out"), "-j", "1", "-f", "csv"])
    assert result.exit_code == 0


def test_cli_run_strict_exits_1_with_problems(cli: CliRunner, folder: Path, tmp_path: Path) -> None:
    result = cli.invoke(main, ["run", str(folder), "-o", str(tmp_path / "out"), "-j", "1", "-f", "csv", "--strict"])
    assert result.exit_code == 1
    assert "1 problems" in result.output


def test_cli_run_strict_exits_0_without_problems(cli: CliRunner, folder: Path, tmp_path: Path) -> None:
    args = ["run", str(folder), "-o", str(tmp_path / "out"), "-j", "1", "-f", "csv", "--strict", "--exclude", "empty*"]
    assert cli.invoke(main, args).exit_code == 0


def test_cli_run_glob_selects_files(cli: CliRunner, folder: Path, tmp_path: Path) -> None:
    result = cli.invoke(main, ["run", str(folder), "-o", str(tmp_path / "out"), "-j", "1", "-f", "csv",
                               "--glob", "s*.txt"])
    assert result.exit_code == 0
    manifest = read_tables(tmp_path / "out")["manifest"]
    assert list(manifest.loc[manifest["status"] != "skipped", "doc_id"]) == ["sample"]
    reasons = set(manifest.loc[manifest["status"] == "skipped", "reason"])
    assert reasons == {"not matched by the include patterns (s*.txt)"}
    assert "skipped (hidden, excluded or not a format dafu reads): see" in result.output


def test_cli_run_excludes_out_inside_input_and_says_so(cli: CliRunner, folder: Path) -> None:
    args = ["run", str(folder), "-o", str(folder / "表格"), "-j", "1", "-f", "csv"]
    assert cli.invoke(main, args).exit_code == 0
    result = cli.invoke(main, args)
    assert result.exit_code == 0
    assert f"note: {folder / '表格'} is inside input folder {folder}" in result.stderr
    assert "2 files" in result.output


def test_cli_run_unknown_format_is_a_usage_error(cli: CliRunner, folder: Path, tmp_path: Path) -> None:
    result = cli.invoke(main, ["run", str(folder), "-o", str(tmp_path / "out"), "-f", "csv,xml"])
    assert result.exit_code == 2
    assert "xml is not one of" in result.output


def test_cli_run_missing_input_is_a_usage_error(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(main, ["run", str(tmp_path / "nothing"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_cli_run_bad_ref_date_is_a_usage_error(cli: CliRunner, folder: Path, tmp_path: Path) -> None:
    result = cli.invoke(main, ["run", str(folder), "-o", str(tmp_path / "out"), "--ref-date", "去年"])
    assert result.exit_code == 2
    assert "not an ISO date" in result.output


def test_cli_run_zero_jobs_is_a_usage_error(cli: CliRunner, folder: Path, tmp_path: Path) -> None:
    assert cli.invoke(main, ["run", str(folder), "-o", str(tmp_path / "out"), "--jobs", "0"]).exit_code == 2


def test_cli_run_killed_then_rerun_equals_uninterrupted(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(60):
        shutil.copy(SAMPLE, src / f"{i:02}.txt")
    started = time.monotonic()
    whole = CliRunner().invoke(main, ["run", str(src), "-o", str(tmp_path / "whole"), "-j", "1", "-f", "parquet,csv"])
    assert whole.exit_code == 0
    run_time = time.monotonic() - started

    out = tmp_path / "out"
    command = [sys.executable, "-c", "from pipeline.cli import main; main()", "run", str(src), "-o", str(out),
               "--jobs", "1", "--format", "parquet,csv"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not list(out.glob(".dafu-tmp-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)  # the sink is open: the files are being read
    time.sleep(run_time / 3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    assert not list(out.glob("*.parquet")) and not list(out.glob("*.csv"))  # no half-written table

    rerun = CliRunner().invoke(main, ["run", str(src), "-o", str(out), "-j", "2", "-f", "parquet,csv"])
    assert rerun.exit_code == 0
    got, want = read_tables(out), read_tables(tmp_path / "whole")
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(got[name], want[name], obj=name)
    assert (out / "quantities.csv").read_bytes() == (tmp_path / "whole" / "quantities.csv").read_bytes()


def test_cli_extract_prints_a_table(cli: CliRunner) -> None:
    result = cli.invoke(main, ["extract", "引入超6家央企研发中心，总投资约2.5亿元"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["start", "end", "text", "type", "value", "unit", "qualifier", "of"]
    assert lines[1].split()[:7] == ["2", "5", "超6家", "count", "6", "家", "gt"]
    assert lines[2].split()[:7] == ["15", "21", "约2.5亿元", "money", "250000000", "CNY", "approx"]
    assert lines[-1] == "2 quantities"


def test_cli_extract_json_lines(cli: CliRunner) -> None:
    result = cli.invoke(main, ["extract", "--json", "引入超6家央企研发中心"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["text"], r["type"], r["value"], r["qualifier"]) for r in records] == [("超6家", "count", "6", "gt")]


def test_cli_extract_reads_a_file(cli: CliRunner) -> None:
    result = cli.invoke(main, ["extract", "--json", str(SAMPLE)])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == len(pipeline.read(SAMPLE).quantities)


def test_cli_extract_unreadable_file_is_one_line(cli: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = cli.invoke(main, ["extract", str(tmp_path / "empty.txt")])
    assert result.exit_code == 3
    assert result.output == f"Error: {tmp_path / 'empty.txt'}: empty file\n"


def _tiny_gold(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    (gold / "texts").mkdir(parents=True)
    (gold / "texts" / "a.txt").write_text("引入超6家央企研发中心，一流企业。另有两三个。", encoding="utf-8")
    (gold / "manifest.jsonl").write_text(json.dumps({"doc": "a", "path": "texts/a.txt"}) + "\n", encoding="utf-8")
    quantities = [
        {"doc": "a", "start": 2, "end": 5, "text": "超6家", "type": "count", "value": 6, "unit": "家",
         "qualifier": "gt"},
        {"doc": "a", "start": 19, "end": 21, "text": "两三", "type": "count", "low": 2, "high": 3,
         "qualifier": "approx"},
    ]
    (gold / "a.quantities.jsonl").write_text("".join(json.dumps(q) + "\n" for q in quantities), encoding="utf-8")
    (gold / "a.negatives.jsonl").write_text(json.dumps({"start": 12, "end": 14, "text": "一流", "kind": "negative"})
                                            + "\n", encoding="utf-8")
    return gold


def test_cli_eval_scores_a_tiny_gold(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(main, ["eval", "--gold", str(_tiny_gold(tmp_path)), "--errors", "5"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["type", "tp", "fp", "fn", "P", "R", "F1"]
    assert lines[1].split() == ["count", "1", "1", "1", "0.500", "0.500", "0.500"]
    assert "value accuracy on matched: 1.000 (1/1)" in lines
    assert "  a: extra count '两三个' at 19" in lines
    assert "  a: missed count '两三' at 19" in lines
    assert lines[-1] == "overall F1 = 0.500"


def test_cli_eval_only_without_match_is_one_line(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(main, ["eval", "--gold", str(_tiny_gold(tmp_path)), "--only", "zzz"])
    assert result.exit_code == 3
    assert result.output.count("\n") == 1
    assert "match --only" in result.output


def test_cli_schema_lists_schemas(cli: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("pipeline.schema")
    assert cli.invoke(main, ["schema", "--write", "--dir", str(tmp_path)]).exit_code == 0
    result = cli.invoke(main, ["schema", "--dir", str(tmp_path)])
    assert result.exit_code == 0
    assert result.output and all(line.endswith("up to date") for line in result.output.splitlines())


def test_cli_report_without_tables_is_one_line(cli: CliRunner, tmp_path: Path) -> None:
    result = cli.invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 3
    assert result.output == f"Error: {tmp_path}: no tables here (<table>.parquet, .csv or .jsonl)\n"
