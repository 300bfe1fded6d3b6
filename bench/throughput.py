"""Throughput of ``pipeline.run`` on the 2,890 external documents, against jieba's speed.

    .venv/bin/python bench/throughput.py              # all texts; prints a Markdown table
    .venv/bin/python bench/throughput.py --repeat 3   # three rounds; the median round's numbers
    .venv/bin/python bench/throughput.py --limit 300  # a quick look
    .venv/bin/python bench/throughput.py --limit 300 --old-method  # also dafu jobs=1 timed as before

Writes the TIPDM replies and the government work reports (``../shared/corpora-external``)
as .txt files into a temporary folder, then measures, each in a fresh child process so
that peak memory is its own: ``pipeline.run`` with jobs=1 and jobs=2 (Parquet + CSV), and
``jieba.lcut`` over the same texts. Results are recorded in bench/README.md, section
"Throughput".

How the two sides are timed (the same for both since session 5; ``--old-method`` also runs
dafu jobs=1 the way it was timed before, so that both ratios can be compared):

- compiled sources on both sides: jieba's are compiled in site-packages; dafu's package is
  copied into the temporary folder and compiled there (``compileall``, what installing a
  wheel does), and the children import that copy. The checkout itself may have no
  ``__pycache__`` (``PYTHONDONTWRITEBYTECODE=1``), and compiling ~120 modules at every run
  would be timed on dafu's side only;
- loading before the clock on both sides: jieba's dictionary (``jieba.initialize()``) and
  dafu's engine, lexicons and table writers (a run over one short text into another
  folder: every module, pattern and lexicon a run loads) are loaded before the clock starts.
  The loads are timed too, and the cold ratio (loads inside both clocks) is printed beside
  the ratio without them. With jobs=2 the workers load the engine inside the clock (a pool
  is started per run);
- the ratios are given in CPU seconds as well as wall seconds: on a shared machine the wall
  time also counts other processes' turns, CPU time of the same work much less.

The old method (``--old-method``, the row ``dafu jobs=1 (old method)``): dafu's checkout
sources as they are (not compiled here), the clock started after ``import pipeline.batch``
with the engine loaded inside it, against jieba with its dictionary loaded before its clock.
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


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def measure(what: str, corpus: Path, work: Path) -> dict[str, float]:
    """Run one measurement in this (child) process and return its numbers: ``seconds`` and
    ``cpu`` of the work, ``load_seconds`` and ``load_cpu`` of the load before it."""
    files = sorted(corpus.rglob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    stats = {"docs": len(files), "chars": sum(map(len, texts)), "bytes": sum(f.stat().st_size for f in files)}
    tree = TreeMemory()
    tree.start()
    if what == "jieba":
        t0 = _clocks()
        import jieba

        jieba.setLogLevel(60)
        jieba.initialize()
        t1 = _clocks()
        for text in texts:
            jieba.lcut(text)
        t2 = _clocks()
    else:
        jobs = int(what.split("=")[1].split("-")[0])
        del texts
        t0 = _clocks()
        from pipeline.batch import run_batch

        if not what.endswith("-old"):  # the engine loaded as jieba's dictionary is: before the clock
            warm = work / "warm"
            shutil.rmtree(warm, ignore_errors=True)
            (warm / "in").mkdir(parents=True)
            (warm / "in" / "warm.txt").write_text(WARM_TEXT, encoding="utf-8")
            run_batch([warm / "in"], out=warm / "out", jobs=1, formats=("parquet", "csv"))
        out = work / f"out-{what}"
        shutil.rmtree(out, ignore_errors=True)  # a previous round's tables would make this an incremental re-run
        t1 = _clocks()
        summary = run_batch([corpus], out=out, jobs=jobs, formats=("parquet", "csv"))
        t2 = _clocks()
        stats["problems"] = summary.problem_count
        stats["quantities"] = sum(summary.quantities.values())
        import pipeline

        stats["compiled"] = float(Path(pipeline.__file__).parent.joinpath("__pycache__").is_dir())
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, joined by now
    cpu_workers = workers.ru_utime + workers.ru_stime
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    return {**stats, "seconds": t2[0] - t1[0], "cpu": t2[1] - t1[1] + cpu_workers,
            "load_seconds": t1[0] - t0[0], "load_cpu": t1[1] - t0[1],
            "rss_self": _peak_mb(resource.RUSAGE_SELF), "cpu_workers": cpu_workers,
            "rss_workers": max(tree.stop(), _peak_mb(resource.RUSAGE_CHILDREN)),
            "cpu_self": cpu.ru_utime + cpu.ru_stime}


#: The text of the run before the clock that loads dafu's engine (a reply's usual parts).
WARM_TEXT = ("关于小区路灯问题的答复\n网友：您好！您反映的问题已收悉。经核实，该路段12盏路灯已于2019年5月10日修复，"
             "下一步将投入3.5万元改造。\n感谢您的关心。\n某某县住房和城乡建设局\n2019年5月20日\n")


def _compiled_copy(folder: Path) -> dict[str, str]:
    """dafu's package copied into ``folder`` and compiled there; the environment that imports it."""
    shutil.copytree(ROOT / "pipeline", folder / "pipeline", ignore=shutil.ignore_patterns("__pycache__"))
    for shared in ROOT.glob("*__mypyc.*"):  # a mypyc build's shared library beside the package (bench/README.md,
        shutil.copy2(shared, folder)       # "Throughput, session 15"): the modules' .so files import it
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder / "pipeline")], check=True)
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")])}


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
    ap.add_argument("--old-method", action="store_true",
                    help="also run dafu jobs=1 as it was timed before session 5 (see above)")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # child mode: WHAT CORPUS WORK
    ap.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, Path(args.paths[0]), Path(args.paths[1]))))
        return
    if not SHARED.is_dir():
        sys.exit(f"throughput: {SHARED} is absent; this benchmark needs the shared corpora (set DAFU_SHARED)")
    runs = ("dafu jobs=1", "dafu jobs=2", "jieba") + (("dafu jobs=1 (old method)",) if args.old_method else ())
    rounds: list[dict[str, dict[str, float]]] = []
    load = os.getloadavg()[0]  # other work on the machine skews every number
    if load > 0.5:
        print(f"note: load average {load:.2f} before the run; the speed-up needs idle cores", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="dafu-bench-") as tmp:
        corpus, work = Path(tmp) / "corpus", Path(tmp)
        write_corpus(corpus, args.limit)
        compiled = _compiled_copy(Path(tmp) / "site")
        for r in range(args.repeat):
            results: dict[str, dict[str, float]] = {}
            for what in runs[r % len(runs):] + runs[: r % len(runs)]:
                mode = what.split()[-1] if "old" not in what else "jobs=1-old"
                child = [sys.executable, __file__, "--one", mode, str(corpus), str(work)]
                env = None if "old" in what else compiled
                done = subprocess.run(child, check=True, capture_output=True, text=True, cwd=ROOT, env=env)
                results[what] = json.loads(done.stdout.strip().splitlines()[-1])
            rounds.append(results)
    if args.repeat > 1:
        print("| round | dafu jobs=1 s | dafu jobs=2 s | jieba s | jobs=1 / jieba (wall) | jobs=1 / jieba (CPU) "
              "| jobs=2 speed-up |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for r, res in enumerate(rounds, 1):
            one, two, jieba = (res[k] for k in runs[:3])
            print(f"| {r} | {one['seconds']:.1f} | {two['seconds']:.1f} | {jieba['seconds']:.1f} | "
                  f"{one['seconds'] / jieba['seconds']:.2f} | {one['cpu'] / jieba['cpu']:.2f} | "
                  f"{one['seconds'] / two['seconds']:.2f} |")
        print()
    results = {what: _median(rounds, what) for what in runs}
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}, load average before: {load:.2f}")
    print("| run | documents | seconds | CPU s | load s (CPU) | documents/s | characters/s | MB/s "
          "| CPU s: main + workers | peak RSS MB: main / workers |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for what, r in results.items():
        s = r["seconds"]
        print(f"| {what} | {r['docs']:,.0f} | {s:.1f} | {r['cpu']:.1f} | {r['load_seconds']:.2f} "
              f"({r['load_cpu']:.2f}) | {r['docs'] / s:,.0f} | {r['chars'] / s:,.0f} | "
              f"{r['bytes'] / s / 1e6:.2f} | {r['cpu_self']:.1f} + {r['cpu_workers']:.1f} | "
              f"{r['rss_self']:,.0f} / {r['rss_workers']:,.0f} |")
    one, two, jieba = (results[k] for k in runs[:3])
    print(f"\nspeed-up of jobs=2 over jobs=1: {one['seconds'] / two['seconds']:.2f}x (target >= 1.7x)")
    print("dafu end-to-end vs jieba.lcut, each loaded before its clock, compiled sources on both sides:")
    for name, key in (("wall", "seconds"), ("CPU", "cpu")):
        print(f"  {name:>4}: jobs=1 {one[key] / jieba[key]:.2f}x, jobs=2 {two[key] / jieba[key]:.2f}x jieba's time")
    cold = (one["seconds"] + one["load_seconds"]) / (jieba["seconds"] + jieba["load_seconds"])
    cold_cpu = (one["cpu"] + one["load_cpu"]) / (jieba["cpu"] + jieba["load_cpu"])
    print(f"  cold (loads inside both clocks), jobs=1: wall {cold:.2f}x, CPU {cold_cpu:.2f}x")
    if args.old_method:
        old = results["dafu jobs=1 (old method)"]
        print(f"  old method (dafu's sources uncompiled, its engine loaded inside its clock), jobs=1: "
              f"wall {old['seconds'] / jieba['seconds']:.2f}x, CPU {old['cpu'] / jieba['cpu']:.2f}x")
    print(f"problems: {one.get('problems', 0):.0f}, quantities: {one.get('quantities', 0):,.0f}, "
          f"dafu compiled: {'yes' if one.get('compiled') else 'no'}")


if __name__ == "__main__":
    main()
