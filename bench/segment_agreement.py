"""How often jieba-rs (rjieba) and Python jieba segment the same text differently, and where.

    .venv/bin/python bench/segment_agreement.py              # both corpora
    .venv/bin/python bench/segment_agreement.py --examples 5 # more examples per class

Both use jieba's dictionary with the HMM for unknown words, without dafu's user dictionary,
so the comparison is of the two implementations alone. Reads the external corpora from
../shared (exits with a message when absent) and prints, per corpus, the share of
documents segmented identically and the share of jieba's tokens that rjieba does not
produce at the same offsets — for ``rjieba.cut`` as it is, and for
:func:`pipeline.segment.cut` (rjieba with the runs Python jieba cuts again cut the same
way). Then it classifies the stretches where the two differ: between two offsets where
both put a token boundary, the shortest stretch holding every boundary only one of them
puts. Results are recorded in bench/README.md, section "jieba-rs".
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import jieba
import rjieba

from pipeline.segment import cut as dafu_cut

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora-external"
CORPORA = {
    "tipdm replies": SHARED / "tipdm2020-gov-replies" / "replies.jsonl",
    "work reports": SHARED / "lawtext-gov-work-reports" / "gov_work_reports.jsonl",
}

HAN = re.compile("[\u4e00-\u9fd5]")
SPACE = re.compile(r"\s")
ALNUM = re.compile("[a-zA-Z0-9]")

Cutter = Callable[[str], list[str]]


def spans(words: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def boundaries(words: list[str]) -> list[int]:
    out, pos = [0], 0
    for w in words:
        pos += len(w)
        out.append(pos)
    return out


def differing(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """The stretches ``[start, end)`` where ``a`` and ``b`` cut differently, between shared boundaries."""
    ba, bb = set(boundaries(a)), set(boundaries(b))
    shared = sorted(ba & bb)
    found = set()
    for pos in ba ^ bb:
        i = bisect.bisect_right(shared, pos)
        found.add((shared[i - 1], shared[i]))
    return sorted(found)


def words_in(words: list[str], start: int, end: int) -> list[str]:
    out, pos = [], 0
    for w in words:
        if start <= pos < end:
            out.append(w)
        pos += len(w)
    return out


def classify(text: str, py: list[str], rs: list[str]) -> str:
    """The kind of a differing stretch ``text``, given each side's words in it."""
    if SPACE.search(text):
        return "whitespace"
    if not HAN.search(text):
        if ALNUM.search(text):
            return "Latin/digits joined by punctuation (jieba cuts the run again)"
        return "punctuation only"
    if not all(HAN.match(ch) for ch in text):
        return "Chinese next to Latin/digits/punctuation"
    freq = jieba.dt.FREQ
    if any(len(w) > 1 and not freq.get(w) for w in (*py, *rs)):
        return "Chinese, an HMM new word on one side"
    return "Chinese, dictionary words on both sides (route ties)"


def compare(texts: list[str], py: list[list[str]], other: Cutter) -> tuple[dict[str, float], dict[str, Counter[str]],
                                                                             dict[str, list[str]]]:
    t0 = time.perf_counter()
    rs = [other(t) for t in texts]
    seconds = time.perf_counter() - t0
    same = sum(a == b for a, b in zip(py, rs, strict=True))
    tokens = sum(len(a) for a in py)
    differ = sum(len(spans(a) - spans(b)) for a, b in zip(py, rs, strict=True))
    classes: dict[str, Counter[str]] = defaultdict(Counter)  # class -> {"stretches", "jieba tokens"}
    examples: dict[str, list[str]] = defaultdict(list)
    for text, a, b in zip(texts, py, rs, strict=True):
        if a == b:
            continue
        for start, end in differing(a, b):
            wa, wb = words_in(a, start, end), words_in(b, start, end)
            kind = classify(text[start:end], wa, wb)
            classes[kind]["stretches"] += 1
            classes[kind]["jieba tokens"] += len(wa)
            examples[kind].append(f"{'|'.join(wa)}  vs  {'|'.join(wb)}")
    stats = {"docs": len(texts), "same": same / len(texts), "tokens": tokens, "differ": differ / tokens,
             "seconds": seconds}
    return stats, classes, examples


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=3, help="examples shown per class (the most frequent)")
    args = ap.parse_args()
    jieba.setLogLevel(60)
    jieba.initialize()
    dafu_cut("预热")  # rjieba's dictionary, loaded before the clock starts
    rows, reports = [], []
    for name, path in CORPORA.items():
        if not path.exists():
            sys.exit(f"corpus not found: {path} (it lives in ../shared, beside the project)")
        texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
        t0 = time.perf_counter()
        py = [jieba.lcut(t) for t in texts]
        jieba_s = time.perf_counter() - t0
        for label, cutter in (("rjieba.cut", rjieba.cut), ("pipeline.segment.cut", dafu_cut)):
            stats, classes, examples = compare(texts, py, cutter)
            rows.append(f"| {name} | {label} | {stats['docs']:,.0f} | {stats['same']:.1%} | {stats['tokens']:,.0f} | "
                        f"{stats['differ']:.2%} | {jieba_s:.2f} | {stats['seconds']:.2f} |")
            reports.append((name, label, classes, examples))
    print("| corpus | segmenter | documents | segmented as jieba.lcut | jieba tokens | "
          "tokens not given at the same offsets | jieba.lcut s | segmenter s |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    for name, label, classes, examples in reports:
        print(f"\n{name}, {label}: where it differs from jieba.lcut")
        print("| kind of stretch | stretches | jieba tokens in them | examples (jieba vs the other) |")
        print("|---|---:|---:|---|")
        for kind, counts in sorted(classes.items(), key=lambda kv: -kv[1]["stretches"]):
            common = [e for e, _ in Counter(examples[kind]).most_common(args.examples)]
            shown = "; ".join("`" + e.replace("|", "\\|") + "`" for e in common)  # a | inside a table cell
            print(f"| {kind} | {counts['stretches']:,} | {counts['jieba tokens']:,} | {shown} |")


if __name__ == "__main__":
    main()
