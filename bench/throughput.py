"""Throughput of ``pipeline.run`` on the 2,890 external documents, against jieba's speed.

    .venv/bin/python bench/throughput.py              # all texts; prints a Markdown table
    .venv/bin/python bench/throughput.py --repeat 3   # three rounds; the median round's numbers
    .venv/bin/python bench/throughput.py --limit 300  # a quick look

Writes the TIPDM replies and the government work reports (``../shared/corpora-external``)
as .txt files into a temporary folder, then measures, each in a fresh child process so
that peak memory is its own: ``pipeline.run`` with jobs=1 and jobs=2 (Parquet + CSV), and
``jieba.lcut`` over the same texts (dictionary loaded before the clock starts). Results
are recorded in bench/README.md, section "Throughput".
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DAFU_SHARED", ROOT.parent / "shared"))
SOURCES = (
    ("replies", "corpora-external/tipdm2020-gov-replies/replies.jsonl"),
    ("reports", "corpora-external/lawtext-gov-work-reports/gov_work_reports.jsonl"),
)


def write_corpus(folder: Path, limit: int | None) -> None:
    """One .txt file per text, named after its id, in a folder per source."""
    for name, rel in SOURCES:
        path = SHARED / rel
        if not path.exists():
            sys.exit(f"throughput: {path} not found; this benchmark needs the shared corpora (set DAFU_SHARED)")
        (folder / name).mkdir(parents=True)
        with path.open(encoding="utf-8") as f:
            for i, line in enumerate(f):
                if limit is not None and i >= limit:
                    break
                record = json.loads(line)
                (folder / name / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


class TreeMemory(threading.Thread):
    """Peak resident memory of this process's descendants, summed, sampled from /proc.

    ``RUSAGE_CHILDREN`` misses the pool's workers: they are children of the forkserver.
    """

    def __init__(self, every: float = 0.25) -> None:  # each sample reads all of /proc: not too often
        super().__init__(daemon=True)
        self.every = every
        self.peak_mb = 0.0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.peak_mb = max(self.peak_mb, sum(_rss_mb(pid) for pid in _descendants(os.getpid())))

    def stop(self) -> float:
        self.stopped.set()
        self.join()
        return self.peak_mb


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(what: str, corpus: Path, work: Path) -> dict[str, float]:
    """Run one measurement in this (child) process and return its numbers."""
    files = sorted(corpus.rglob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    stats = {"docs": len(files), "chars": sum(map(len, texts)), "bytes": sum(f.stat().st_size for f in files)}
    tree = TreeMemory()
    tree.start()
    if what == "jieba":
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        start = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        seconds = time.perf_counter() - start
    else:
        from pipeline.batch import run_batch

        jobs = int(what.split("=")[1])
        del texts
        out = work / f"out-{jobs}"
        shutil.rmtree(out, ignore_errors=True)  # a previous round's tables would make this an incremental re-run
        start = time.perf_counter()
        summary = run_batch([corpus], out=out, jobs=jobs, formats=("parquet", "csv"))
        seconds = time.perf_counter() - start
        stats["problems"] = summary.problem_count
        stats["quantities"] = sum(summary.quantities.values())
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, joined by now
    return {**stats, "seconds": seconds, "rss_self": _peak_mb(resource.RUSAGE_SELF),
            "cpu_workers": workers.ru_utime + workers.ru_stime,
            "rss_workers": max(tree.stop(), _peak_mb(resource.RUSAGE_CHILDREN)),
            "cpu_self": cpu.ru_utime + cpu.ru_stime}


def _median(rounds: list[dict[str, dict[str, float]]], what: str) -> dict[str, float]:
    """The round whose ``what`` run took the median time (the lower one of an even count)."""
    ordered = sorted((res[what] for res in rounds), key=lambda x: x["seconds"])
    return ordered[(len(ordered) - 1) // 2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="at most N texts from each source")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds of the three runs (the order turns each round); the table shows each "
                         "run's median, and every round's ratios are printed, so noise shows")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # child mode: WHAT CORPUS WORK
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, Path(args.paths[0]), Path(args.paths[1]))))
        return
    if not SHARED.is_dir():
        sys.exit(f"throughput: {SHARED} is absent; this benchmark needs the shared corpora (set DAFU_SHARED)")
    runs = ("dafu jobs=1", "dafu jobs=2", "jieba")
    rounds: list[dict[str, dict[str, float]]] = []
    load = os.getloadavg()[0]  # other work on the machine skews every number
    if load > 0.5:
        print(f"note: load average {load:.2f} before the run; the speed-up needs idle cores", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="dafu-bench-") as tmp:
        corpus, work = Path(tmp) / "corpus", Path(tmp)
        write_corpus(corpus, args.limit)
        for r in range(args.repeat):
            results: dict[str, dict[str, float]] = {}
            for what in runs[r % 3:] + runs[: r % 3]:
                child = [sys.executable, __file__, "--one", what.split()[-1], str(corpus), str(work)]
                done = subprocess.run(child, check=True, capture_output=True, text=True, cwd=ROOT)
                results[what] = json.loads(done.stdout.strip().splitlines()[-1])
            rounds.append(results)
    if args.repeat > 1:
        print("| round | dafu jobs=1 s | dafu jobs=2 s | jieba s | jobs=1 / jieba | jobs=2 speed-up |")
        print("|---:|---:|---:|---:|---:|---:|")
        for r, res in enumerate(rounds, 1):
            one, two, jieba = (res[k]["seconds"] for k in runs)
            print(f"| {r} | {one:.1f} | {two:.1f} | {jieba:.1f} | {one / jieba:.2f} | {one / two:.2f} |")
        print()
    results = {what: _median(rounds, what) for what in runs}
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, load average before: {load:.2f}")
    print("| run | documents | seconds | documents/s | characters/s | MB/s | CPU s: main + workers "
          "| peak RSS MB: main / workers |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for what, r in results.items():
        s = r["seconds"]
        print(f"| {what} | {r['docs']:,.0f} | {s:.1f} | {r['docs'] / s:,.0f} | {r['chars'] / s:,.0f} | "
              f"{r['bytes'] / s / 1e6:.2f} | {r['cpu_self']:.1f} + {r['cpu_workers']:.1f} | "
              f"{r['rss_self']:,.0f} / {r['rss_workers']:,.0f} |")
    one, two, jieba = (results[k]["seconds"] for k in ("dafu jobs=1", "dafu jobs=2", "jieba"))
    print(f"\nspeed-up of jobs=2 over jobs=1: {one / two:.2f}x (target >= 1.7x)")
    print(f"dafu end-to-end vs jieba.lcut: jobs=1 {one / jieba:.2f}x, jobs=2 {two / jieba:.2f}x jieba's time")
    print(f"problems: {results['dafu jobs=1'].get('problems', 0):.0f}, "
          f"quantities: {results['dafu jobs=1'].get('quantities', 0):,.0f}")


if __name__ == "__main__":
    main()
