"""Scaling: 100, 1,000 and 10,000 documents through each engine; throughput, peak memory, a plot.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/scaling.py                      # the table in bench/README.md and bench/scaling.png
    .venv/bin/python bench/scaling.py --sizes 100,1000     # a quick look

The corpora are built in a temporary folder by replicating the external texts
(``../shared/corpora-external``: 2,816 TIPDM replies and 74 work reports, in a seeded random
order, then again from the start in a new folder), so every size has the same mixture of
short replies and long reports. Each run is a fresh child process, so that its peak memory
is its own: ``run_batch`` with the local engine at jobs=1 and jobs=2, and with
``engine="dask"`` on a ``LocalCluster`` of 2 single-threaded workers (the cluster's start-up
is inside the time, as it is for the user). All write Parquet + CSV.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import ROOT, SHARED, SOURCES, TreeMemory  # a sibling script

ENGINES = ("local jobs=1", "local jobs=2", "dask 2 workers")


def write_corpus(folder: Path, n: int) -> None:
    """``n`` .txt files: the external texts in a seeded order, repeated in folders r0, r1, … as needed."""
    texts: list[tuple[str, str]] = []
    for _, rel in SOURCES:
        with (SHARED / rel).open(encoding="utf-8") as f:
            texts.extend((record["id"], record["text"]) for record in map(json.loads, f))
    random.Random(2026).shuffle(texts)
    for k in range(n):
        name, text = texts[k % len(texts)]
        target = folder / f"r{k // len(texts)}" / f"{name}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def measure(engine: str, corpus: Path, out: Path) -> dict[str, float]:
    """One run in this (child) process: seconds and peak memory."""
    from pipeline.batch import run_batch

    files = list(corpus.rglob("*.txt"))
    stats = {"docs": len(files), "bytes": sum(f.stat().st_size for f in files)}
    tree = TreeMemory()
    tree.start()
    start = time.perf_counter()
    if engine == "dask 2 workers":
        summary = run_batch([corpus], out=out, jobs=2, engine="dask", formats=("parquet", "csv"))
    else:
        summary = run_batch([corpus], out=out, jobs=int(engine.split("=")[1]), formats=("parquet", "csv"))
    seconds = time.perf_counter() - start
    return {**stats, "seconds": seconds, "quantities": sum(summary.quantities.values()),
            "problems": summary.problem_count, "rss_main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_workers": tree.stop()}


def plot(results: dict[tuple[int, str], dict[str, float]], sizes: list[int], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (speed, memory) = plt.subplots(1, 2, figsize=(10, 4))
    for engine in ENGINES:
        runs = [results[n, engine] for n in sizes]
        speed.plot(sizes, [r["docs"] / r["seconds"] for r in runs], marker="o", label=engine)
        memory.plot(sizes, [r["rss_main"] + r["rss_workers"] for r in runs], marker="o", label=engine)
    speed.set(xscale="log", xlabel="documents", ylabel="documents / s", title="Throughput (Parquet + CSV)")
    memory.set(xscale="log", xlabel="documents", ylabel="MB", title="Peak RSS, main + workers")
    memory.set_ylim(bottom=0)
    speed.set_ylim(bottom=0)
    for ax in (speed, memory):
        ax.grid(True, alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000", help="corpus sizes, comma-separated")
    ap.add_argument("--plot", type=Path, default=ROOT / "bench" / "scaling.png")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # child mode: ENGINE CORPUS OUT
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, Path(args.paths[0]), Path(args.paths[1]))))
        return
    if not SHARED.is_dir():
        sys.exit(f"scaling: {SHARED} is absent; this benchmark needs the shared corpora (set DAFU_SHARED)")
    sizes = [int(s) for s in args.sizes.split(",")]
    load = os.getloadavg()[0]
    results: dict[tuple[int, str], dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="dafu-scaling-") as tmp:
        for n in sizes:
            corpus = Path(tmp) / f"corpus-{n}"
            write_corpus(corpus, n)
            for i, engine in enumerate(ENGINES):
                child = [sys.executable, __file__, "--one", engine, str(corpus), str(Path(tmp) / f"out-{n}-{i}")]
                done = subprocess.run(child, check=True, capture_output=True, text=True, cwd=ROOT)
                results[n, engine] = json.loads(done.stdout.strip().splitlines()[-1])
                r = results[n, engine]
                print(f"{n} {engine}: {r['seconds']:.1f} s", file=sys.stderr)
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, load average before: {load:.2f}")
    print("| documents | MB | engine | seconds | documents/s | KB/s | peak RSS MB: main / workers | quantities |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    for (n, engine), r in results.items():
        s = r["seconds"]
        print(f"| {n:,} | {r['bytes'] / 1e6:.1f} | {engine} | {s:.1f} | {r['docs'] / s:,.0f} | "
              f"{r['bytes'] / 1e3 / s:,.0f} | {r['rss_main']:,.0f} / {r['rss_workers']:,.0f} | "
              f"{r['quantities']:,.0f} |")
    plot(results, sizes, args.plot)
    print(f"\nplot: {args.plot}")


if __name__ == "__main__":
    main()
