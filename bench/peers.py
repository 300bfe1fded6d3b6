"""dafu against its peers on the same texts, in one run: KB/s and ratios.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/peers.py                 # all 2,890 external texts; RT on a sample
    .venv/bin/python bench/peers.py --limit 200     # a quick look

The texts are the external corpora (``../shared/corpora-external``: 2,816 TIPDM replies and
74 work reports), written as .txt files into a temporary folder (never into the project).
Timed one after the other in this process, each peer's models loaded before the clocks, in
alternating rounds (``--rounds``, default 2; the best time of each run counts):

- dafu: ``run_batch(jobs=1)`` end to end — walk, read, extract, every table, Parquet + CSV
  written — and again with ``tokens=True`` (the tokens table too);
- JioNLP: ``extract_money`` + ``extract_time`` on each text;
- cn2an: ``transform(text, "cn2an")`` (Chinese numerals to digits in running text);
- jieba: ``jieba.lcut`` (segmentation only: the floor);
- Microsoft Recognizers-Text (Python): the number, number-with-unit (currency, dimension,
  age, temperature) and datetime models on each text of a seeded sample of ``--rt-kb`` KB
  (RT runs at about 9 KB/s), with dafu timed on the same sample for its ratio.

Results are recorded in bench/README.md, section "dafu against its peers".
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import SHARED, write_corpus  # a sibling script

REF = dt.datetime(2024, 9, 12)


def _timed(texts: list[str], work: Callable[[str], object]) -> float:
    start = time.perf_counter()
    for text in texts:
        work(text)
    return time.perf_counter() - start


def _dafu(corpus: Path, out: Path, *, tokens: bool) -> float:
    from pipeline.batch import run_batch

    start = time.perf_counter()
    run_batch([corpus], out=out, jobs=1, formats=("parquet", "csv"), tokens=tokens)
    return time.perf_counter() - start


def _jionlp() -> Callable[[str], object]:
    import jionlp as jio

    base = REF.timestamp()
    jio.ner.extract_money("预热 2亿元")  # loads its lexicons before the clock
    jio.ner.extract_time("预热 2024年6月", time_base=base)
    return lambda text: (jio.ner.extract_money(text), jio.ner.extract_time(text, time_base=base))


def _recognizers() -> Callable[[str], object]:
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    units = NumberWithUnitRecognizer(Culture.Chinese)
    models = [NumberRecognizer(Culture.Chinese).get_number_model(), units.get_currency_model(),
              units.get_dimension_model(), units.get_age_model(), units.get_temperature_model(),
              DateTimeRecognizer(Culture.Chinese).get_datetime_model()]
    for model in models:
        model.parse("预热 2亿元 2024年6月")
    return lambda text: [model.parse(text) for model in models]


def _cn2an() -> Callable[[str], object]:
    import warnings

    import cn2an

    warnings.filterwarnings("ignore", module="cn2an")  # it warns on every numeral it cannot read (万三)
    cn2an.transform("预热 二零二四年", "cn2an")
    return lambda text: cn2an.transform(text, "cn2an")


def _jieba() -> Callable[[str], object]:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba.lcut


def _sample(files: list[Path], kb: float) -> list[Path]:
    chosen: list[Path] = []
    size = 0
    for f in random.Random(20241).sample(files, len(files)):
        if size >= kb * 1000:
            break
        chosen.append(f)
        size += f.stat().st_size
    return chosen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="at most N texts from each source")
    ap.add_argument("--rt-kb", type=float, default=60.0, help="KB of text in Recognizers-Text's sample")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best time of each run counts")
    args = ap.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"peers: {SHARED} is absent; this benchmark needs the shared corpora (set DAFU_SHARED)")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="dafu-peers-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, args.limit)
        files = sorted(corpus.rglob("*.txt"))
        texts = [f.read_text(encoding="utf-8") for f in files]
        kb = sum(f.stat().st_size for f in files) / 1000
        sample = _sample(files, args.rt_kb)
        sample_dir = Path(tmp) / "sample"
        for f in sample:
            (sample_dir / f.parent.name).mkdir(parents=True, exist_ok=True)
            (sample_dir / f.parent.name / f.name).write_bytes(f.read_bytes())
        sample_texts = [f.read_text(encoding="utf-8") for f in sample]
        sample_kb = sum(f.stat().st_size for f in sample) / 1000

        _dafu(sample_dir, Path(tmp) / "warm", tokens=True)  # imports and lexicons before the clocks
        jionlp, cn2an, jieba, recognizers = _jionlp(), _cn2an(), _jieba(), _recognizers()
        runs: list[tuple[str, float, Callable[[int], float]]] = [  # (name, KB, seconds of round n)
            ("dafu run, all tables (Parquet + CSV)", kb,
             lambda n: _dafu(corpus, Path(tmp) / f"out-{n}", tokens=False)),
            ("dafu run --tokens, all tables + tokens", kb,
             lambda n: _dafu(corpus, Path(tmp) / f"out-t-{n}", tokens=True)),
            ("JioNLP extract_money + extract_time", kb, lambda n: _timed(texts, jionlp)),
            ("cn2an transform", kb, lambda n: _timed(texts, cn2an)),
            ("jieba.lcut", kb, lambda n: _timed(texts, jieba)),
            ("dafu run, all tables (RT's sample)", sample_kb,
             lambda n: _dafu(sample_dir, Path(tmp) / f"out-s-{n}", tokens=False)),
            ("Recognizers-Text number + number-with-unit + datetime", sample_kb,
             lambda n: _timed(sample_texts, recognizers)),
        ]
        best = [float("inf")] * len(runs)
        for n in range(args.rounds):  # alternating rounds: a change of load hits every run alike
            for i, (name, _, run) in enumerate(runs):
                best[i] = min(best[i], run(n))
                print(f"round {n + 1}: {name}: {best[i]:.1f} s", file=sys.stderr)
        timed = [(name, size, seconds) for (name, size, _), seconds in zip(runs, best, strict=True)]
        rows, sample_rows = timed[:5], timed[5:]
    print(f"{len(texts):,} texts, {kb:,.0f} KB UTF-8; RT sample: {len(sample_texts)} texts, {sample_kb:,.1f} KB; "
          f"load average before: {load:.2f}; python {sys.version.split()[0]}")
    print("\n| run | KB | seconds | KB/s | dafu's speed / this |")
    print("|---|---:|---:|---:|---:|")
    dafu_speed = rows[0][1] / rows[0][2]
    for name, size, seconds in rows:
        speed = size / seconds
        print(f"| {name} | {size:,.0f} | {seconds:.1f} | {speed:,.1f} | {dafu_speed / speed:.2f}x |")
    dafu_sample = sample_rows[0][1] / sample_rows[0][2]
    for name, size, seconds in sample_rows:
        print(f"| {name} | {size:,.1f} | {seconds:.1f} | {size / seconds:,.1f} | "
              f"{dafu_sample / (size / seconds):.1f}x |")


if __name__ == "__main__":
    main()
