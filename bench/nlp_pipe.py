"""``nlp.pipe`` of :func:`pipeline.load` over the 2,816 TIPDM replies, with one and two processes.

    .venv/bin/python bench/nlp_pipe.py               # all replies; prints the table of bench/README.md
    .venv/bin/python bench/nlp_pipe.py --limit 200   # a quick look

Reads ``../shared/corpora-external/tipdm2020-gov-replies/replies.jsonl`` in place (never
copied into the project), runs ``nlp.pipe(texts, n_process=1)`` and ``n_process=2`` on the
same texts, checks that every Doc is the same both ways (tokens, sentence starts, quantity
spans with every ``Span._`` value, entities) and prints documents/s of each. Exits 1 when
they differ. The pipeline is loaded and warmed up (jieba's dictionary) before the clocks start.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DAFU_SHARED", ROOT.parent / "shared"))
REPLIES = SHARED / "corpora-external" / "tipdm2020-gov-replies" / "replies.jsonl"


def load_texts(limit: int | None) -> list[str]:
    if not REPLIES.exists():
        sys.exit(f"nlp_pipe: {REPLIES} not found; this benchmark needs the shared corpora (set DAFU_SHARED)")
    with REPLIES.open(encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    return texts[:limit] if limit else texts


def view(doc: Any) -> tuple[Any, ...]:
    """Everything dafu puts on a Doc, as plain values that compare with ==."""
    from pipeline.nlp import QUANTITY_ATTRS, SPANS_KEY

    spans = tuple((s.start_char, s.end_char, s.label_, *(s._.get(a) for a in QUANTITY_ATTRS))
                  for s in doc.spans[SPANS_KEY])
    ents = tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
    sents = tuple(s.start_char for s in doc.sents)
    return tuple(t.text for t in doc), sents, spans, ents


class Timing(NamedTuple):
    seconds: float
    cpu_main: float  # CPU seconds (user + system) of this process
    cpu_workers: float  # … of the worker processes nlp.pipe started and ended


def timed(nlp: Any, texts: list[str], n_process: int, batch_size: int) -> tuple[Timing, list[tuple[Any, ...]]]:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, started = time.process_time(), time.perf_counter()
    views = [view(doc) for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size)]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return Timing(seconds, cpu, workers), views


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N replies")
    parser.add_argument("--batch-size", type=int, default=64,
                        help="texts per batch sent to a process (default 64)")
    args = parser.parse_args()

    import pipeline

    texts = load_texts(args.limit)
    nlp = pipeline.load()
    nlp("规模2亿元，排名全市第2。")  # jieba's dictionary and dafu's lexicons, before the clock
    chars = sum(len(t) for t in texts)
    load = os.getloadavg()[0]
    results = {n: timed(nlp, texts, n, args.batch_size) for n in (1, 2)}
    one, two = results[1][1], results[2][1]
    differ = [i for i, (a, b) in enumerate(zip(one, two, strict=True)) if a != b]
    spans = sum(len(v[2]) for v in one)
    ents = sum(len(v[3]) for v in one)
    print(f"{len(texts):,} replies, {chars:,} characters, {spans:,} quantity spans, {ents:,} entities; "
          f"load average {load:.2f} before the run")
    print("| n_process | seconds | documents/s | characters/s | CPU s: main + workers |")
    print("|---:|---:|---:|---:|---:|")
    for n, (t, _) in results.items():
        print(f"| {n} | {t.seconds:.1f} | {len(texts) / t.seconds:,.0f} | {chars / t.seconds:,.0f} "
              f"| {t.cpu_main:.1f} + {t.cpu_workers:.1f} |")
    print(f"speed-up of n_process=2: {results[1][0].seconds / results[2][0].seconds:.2f}x")
    if differ:
        print(f"DIFFERENT: {len(differ)} documents, first at index {differ[0]}")
        sys.exit(1)
    print(f"same results: all {len(texts):,} Docs equal (tokens, sentences, spans with every Span._ value, ents)")


if __name__ == "__main__":
    main()
