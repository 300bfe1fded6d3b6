"""How often jieba-rs (rjieba) and Python jieba segment the same text differently.

    .venv/bin/python bench/segment_agreement.py

Both use jieba's dictionary with the HMM for unknown words, without dafu's user dictionary,
so the comparison is of the two implementations alone. Reads the external corpora from
../shared (exits with a message when absent) and prints, per corpus, the share of
documents segmented identically and the share of jieba's tokens that rjieba does not
produce at the same offsets.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import jieba
import rjieba

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora-external"
CORPORA = {
    "tipdm replies": SHARED / "tipdm2020-gov-replies" / "replies.jsonl",
    "work reports": SHARED / "lawtext-gov-work-reports" / "gov_work_reports.jsonl",
}


def spans(words: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def main() -> None:
    jieba.setLogLevel(60)
    jieba.initialize()
    print(f"{'corpus':14} {'docs':>6} {'identical':>10} {'tokens':>10} {'differ':>8} {'jieba s':>8} {'rjieba s':>9}")
    for name, path in CORPORA.items():
        if not path.exists():
            sys.exit(f"corpus not found: {path} (it lives in ../shared, beside the project)")
        texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
        t0 = time.perf_counter()
        py = [jieba.lcut(t) for t in texts]
        t1 = time.perf_counter()
        rs = [rjieba.cut(t) for t in texts]
        t2 = time.perf_counter()
        same = sum(a == b for a, b in zip(py, rs, strict=True))
        tokens = sum(len(a) for a in py)
        differ = sum(len(spans(a) - spans(b)) for a, b in zip(py, rs, strict=True))
        print(f"{name:14} {len(texts):6} {same / len(texts):10.1%} {tokens:10,} {differ / tokens:8.2%} "
              f"{t1 - t0:8.2f} {t2 - t1:9.2f}")


if __name__ == "__main__":
    main()
