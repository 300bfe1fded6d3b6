"""One ``run_batch`` of a folder (jobs=1, Parquet + CSV) after the engine is loaded, for instruction counts.

The engine is loaded by a run of one short text first, as ``bench/throughput.py`` loads it
before its clock; then the folder is run into a fresh OUT and the CPU seconds of that run are
printed. Under ``valgrind --tool=cachegrind`` the count covers the whole process (loading too):
compare two versions by the second of two runs each, so that both take their compiled patterns
from the cache (``pipeline/batch/patterns.py``).

    PYTHONPATH=$PWD valgrind --tool=cachegrind --cache-sim=no .venv/bin/python bench/batch_once.py FOLDER
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.batch import run_batch

WARM_TEXT = ("关于小区路灯问题的答复\n网友：您好！经核实，该路段12盏路灯已于2019年5月10日修复，"
             "下一步将投入3.5万元改造。\n某某县住房和城乡建设局\n2019年5月20日\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the texts to run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dafu-once-") as tmp:
        warm = Path(tmp) / "warm"
        (warm / "in").mkdir(parents=True)
        (warm / "in" / "warm.txt").write_text(WARM_TEXT, encoding="utf-8")
        run_batch([warm / "in"], out=warm / "out", jobs=1, formats=("parquet", "csv"))
        out = Path(tmp) / "out"
        shutil.rmtree(out, ignore_errors=True)
        started = time.process_time()
        summary = run_batch([args.folder], out=out, jobs=1, formats=("parquet", "csv"))
        print(f"{summary.files} files, {sum(summary.quantities.values())} quantities, "
              f"CPU {time.process_time() - started:.2f} s")


if __name__ == "__main__":
    main()
