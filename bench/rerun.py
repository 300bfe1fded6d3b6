"""Re-runs against a first run: ``dafu run`` on a copy of the trial folder, three times, each timed.

1. the first run into an empty OUT;
2. the same command again, nothing changed (a re-run with nothing to do writes nothing);
3. again after one file changed (a sentence appended to the first reply);

then a full run of the changed copy into a fresh folder, and every table file of run 3
compared with it byte for byte (the manifest aside: its ``status`` says ``unchanged``).
Each run is ``dafu run`` in a fresh process, so the times include start-up. dafu's modules are
compiled first (``compileall``, as installing it does; a machine that sets
``PYTHONDONTWRITEBYTECODE`` would otherwise compile them in every run), and the runs keep
their compiled patterns in a cache folder of their own that starts empty (the first run fills it,
as on a new machine; ``pipeline/batch/patterns.py``).

    .venv/bin/python bench/rerun.py                          # Parquet + CSV, the 2,890 texts
    .venv/bin/python bench/rerun.py --format parquet,csv,jsonl,xlsx,sqlite,duckdb
    .venv/bin/python bench/rerun.py --limit 200              # a quick look
    .venv/bin/python bench/rerun.py --format parquet,csv,jsonl,xlsx,sqlite,duckdb --with-tokens --shares

``--with-tokens`` times round 1's first run again with ``--tokens`` (into another OUT), right
after it; ``--shares`` times writing the full run's tables in each format alone. Each run's
CPU seconds (the process and its workers) are printed beside the wall time: on a machine
shared with other work they move less.

The folder is ``/work/base/corpus`` or ``--corpus``: .txt files (``replies/``, ``reports/``).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path("/work/base/corpus")
CHANGE = "\n经核实，该项目已于2024年9月12日完成验收，总投资约2.5亿元。\n"


CACHE: Path | None = None  # this benchmark's own pattern cache (main sets it; None: the user's)
CPU: dict[str, float] = {}  # CPU seconds of the last dafu_run (its process and its workers), by OUT


def dafu_run(corpus: Path, out: Path, args: list[str]) -> tuple[float, str]:
    """Seconds of one ``dafu run`` in a fresh process, and its summary line; its CPU seconds
    (user + system of the process and its workers, which the load of other work moves less)
    go to :data:`CPU`."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # dafu from compiled modules, as installed (see main)
    if CACHE is not None:
        env["XDG_CACHE_HOME"] = str(CACHE)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-c", "from pipeline.cli import main; main()", "run", str(corpus), "-o", str(out),
               "-q", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[str(out)] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, done.stdout.splitlines()[0]


def format_shares(out: Path, formats: list[str], tmp: Path) -> dict[str, float]:
    """Seconds of writing the tables in ``out`` (``Tables.write``, no extraction) as Parquet alone,
    and what each other format adds to it (a sink always writes Parquet: the one-file formats are
    built from it)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.tables import read_tables

    tables = read_tables(out)
    seconds: dict[str, float] = {}
    for fmt in ["parquet", *(f for f in formats if f != "parquet")]:
        target = tmp / f"write-{fmt}"
        started = time.perf_counter()
        tables.write(target, ["parquet", fmt] if fmt != "parquet" else ["parquet"])
        seconds[fmt] = time.perf_counter() - started
        shutil.rmtree(target)
    return {f: t - seconds["parquet"] if f != "parquet" else t for f, t in seconds.items()}


def copy_corpus(source: Path, target: Path, limit: int | None) -> list[Path]:
    """The .txt files of ``source`` (at most ``limit`` per folder) copied under ``target``, with their
    modification times (a file modified in the two seconds before a run is hashed again by the next)."""
    copied = []
    for folder in sorted(p for p in source.iterdir() if p.is_dir()):
        for path in sorted(folder.rglob("*.txt"))[:limit]:
            to = target / path.relative_to(source)
            to.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, to)  # with its modification time: files written before the run, as in a real folder
            copied.append(to)
    return copied


def differing(got: Path, want: Path) -> list[str]:
    """The output files that differ: byte for byte, the manifest aside (its status says
    ``unchanged``); ``dafu.sqlite`` and ``dafu.duckdb`` hold the manifest too, so their other
    tables are compared as sorted rows, and ``dafu.xlsx`` part by part without the manifest's sheet."""
    names = sorted(p.name for p in want.iterdir() if p.is_file() and not p.name.startswith(("manifest", "dafu-run")))
    bad = []
    for name in names:
        if not (got / name).is_file():
            bad.append(name)
        elif name in ("dafu.sqlite", "dafu.duckdb"):
            if _database_rows(got / name) != _database_rows(want / name):
                bad.append(name)
        elif name == "dafu.xlsx":
            if _workbook_parts(got / name) != _workbook_parts(want / name):
                bad.append(name)
        elif (got / name).read_bytes() != (want / name).read_bytes():
            bad.append(name)
    return bad


def _workbook_parts(path: Path) -> dict[str, bytes]:
    """Every part of a dafu.xlsx file but the manifest's sheet (the last), as bytes."""
    import zipfile

    with zipfile.ZipFile(path) as book:
        names = book.namelist()
        sheets = sorted((n for n in names if n.startswith("xl/worksheets/")),
                        key=lambda n: int(n.rsplit("sheet", 1)[1].removesuffix(".xml")))
        return {n: book.read(n) for n in names if n != sheets[-1]}


def _database_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table but the manifest of a dafu.sqlite or dafu.duckdb file, its rows sorted."""
    if path.suffix == ".sqlite":
        import sqlite3

        connection: Any = sqlite3.connect(path)
    else:
        import duckdb

        connection = duckdb.connect(str(path), read_only=True)
    try:
        tables = ("documents", "sections", "sentences", "quantities", "entities", "tokens", "problems")
        # sorted: a re-run updates the databases in place, so their rows' physical order differs
        return {t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        connection.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, help="at most N texts of each folder")
    ap.add_argument("--format", default="parquet,csv")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--tokens", action="store_true")
    ap.add_argument("--rounds", type=int, default=1, help="rounds (a fresh OUT and another file changed each)")
    ap.add_argument("--with-tokens", action="store_true", help="also time round 1's first run with --tokens")
    ap.add_argument("--shares", action="store_true", help="also time writing the tables in each format alone")
    args = ap.parse_args()
    extra = ["--format", args.format, "--jobs", str(args.jobs), *(["--tokens"] if args.tokens else [])]
    # dafu's modules compiled before the clock, as installing it does (the checkout's __pycache__,
    # ignored by git): where PYTHONDONTWRITEBYTECODE is set, every run would compile them again
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pipeline")], check=True)
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="dafu-rerun-") as tmp:
        global CACHE
        CACHE = Path(tmp) / "cache"  # an empty pattern cache: the first run fills it, as on a new machine
        corpus = Path(tmp) / "corpus"
        files = copy_corpus(args.corpus, corpus, args.limit)
        print(f"{len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB; "
              f"dafu run {' '.join(extra)}; load average before: {load:.2f}")
        ratios: list[tuple[float, float]] = []
        for n in range(args.rounds):
            out = Path(tmp) / f"out-{n}"
            first, line = dafu_run(corpus, out, extra)
            cpu = CPU[str(out)]
            print(f"round {n + 1}: first run           {first:7.2f} s  CPU {cpu:6.2f} s  {line}")
            again, line = dafu_run(corpus, out, extra)
            print(f"round {n + 1}: re-run, unchanged   {again:7.2f} s  {again / first:6.1%}  "
                  f"CPU {CPU[str(out)]:5.2f} s {CPU[str(out)] / cpu:6.1%}  {line}")
            with open(files[n], "a", encoding="utf-8") as f:
                f.write(CHANGE)
            changed, line = dafu_run(corpus, out, extra)
            print(f"round {n + 1}: re-run, one changed {changed:7.2f} s  {changed / first:6.1%}  "
                  f"CPU {CPU[str(out)]:5.2f} s {CPU[str(out)] / cpu:6.1%}  {line}")
            ratios.append((again / first, changed / first))
            if n == 0 and args.with_tokens:  # the same first run with --tokens, right after
                tokens_out = Path(tmp) / "tokens"
                with_tokens, _ = dafu_run(corpus, tokens_out, [*extra, "--tokens"])
                print(f"round 1: first run --tokens  {with_tokens:7.2f} s  {with_tokens / first:5.2f}x  "
                      f"CPU {CPU[str(tokens_out)] / cpu:5.2f}x")
                shutil.rmtree(tokens_out)
        unchanged, one = (sorted(r[k] for r in ratios)[len(ratios) // 2] for k in (0, 1))
        print(f"median of {len(ratios)} rounds: unchanged {unchanged:.1%}, one changed {one:.1%} of the first run")
        full, _ = dafu_run(corpus, Path(tmp) / "fresh", extra)
        print(f"full run of the changed copy {full:.2f} s  CPU {CPU[str(Path(tmp) / 'fresh')]:.2f} s")
        if args.shares:
            shares = format_shares(Path(tmp) / "fresh", args.format.split(","), Path(tmp))
            print("writing alone (Tables.write), share of the full run: " + ", ".join(
                f"{f} {t:.2f} s {t / full:.1%}" if f == "parquet" else f"+{f} {t:.2f} s {t / full:.1%}"
                for f, t in shares.items()))
        bad = differing(out, Path(tmp) / "fresh")
        print("every table file equal to the full run's" if not bad else f"DIFFERENT: {', '.join(bad)}")
        if bad:
            sys.exit(1)


if __name__ == "__main__":
    main()
