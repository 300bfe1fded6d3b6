"""Status against the gold: accuracy and a confusion table (gold rows, predicted columns).

    PYTHONPATH=. .venv/bin/python bench/status_confusion.py              # ../shared/gold
    PYTHONPATH=. .venv/bin/python bench/status_confusion.py --errors     # and each miss, with its cue

Texts are read by the shared scorer's own loader (``../shared/tools/score_gold.py``), so the
quantities compared are the ones ``score_gold.py`` matches (same start, end and type) and the
accuracy is its ``status accuracy``. Prints a Markdown table for bench/README.md ("Status").
"""

from __future__ import annotations

import argparse
import importlib.util
import os
from collections import Counter
from pathlib import Path
from types import ModuleType

from pipeline import extract
from pipeline.records import STATUSES

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DAFU_SHARED", ROOT.parent / "shared"))


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_gold", SHARED / "tools" / "score_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold")
    ap.add_argument("--errors", action="store_true", help="print each mismatch with its cue and clause")
    args = ap.parse_args()
    scorer = _scorer()
    docs = sorted(p.name.split(".")[0] for p in args.gold.glob("*.quantities.jsonl"))
    texts = scorer.load_texts(args.gold, docs)
    table: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        text, ref = texts[doc]
        found = {(q.start, q.end, q.type): q for q in extract(text, ref_date=ref).quantities}
        for g in scorer.read_jsonl(args.gold / f"{doc}.quantities.jsonl"):
            q = found.get((g["start"], g["end"], g["type"]))
            if q is None or not g.get("status"):
                continue
            table[g["status"], q.status or "-"] += 1
            if args.errors and g["status"] != q.status:
                print(f"{doc}: {g['text']!r} want {g['status']}, got {q.status} ({q.status_cue}): "
                      f"{text[max(0, q.start - 30):q.end + 10]!r}")
    total = sum(table.values())
    right = sum(n for (a, b), n in table.items() if a == b)
    print(f"status accuracy {right / total:.3f} ({right}/{total})\n")
    print("| gold \\ predicted | " + " | ".join(STATUSES) + " | recall |")
    print("|---|" + "---:|" * (len(STATUSES) + 1))
    for a in STATUSES:
        row = sum(table[a, b] for b in STATUSES)
        recall = f"{table[a, a] / row:.2f}" if row else "—"
        print(f"| {a} | " + " | ".join(str(table[a, b]) for b in STATUSES) + f" | {recall} |")
    precision = []
    for b in STATUSES:
        col = sum(table[a, b] for a in STATUSES)
        precision.append(f"{table[b, b] / col:.2f}" if col else "—")
    print("| precision | " + " | ".join(precision) + " | |")


if __name__ == "__main__":
    main()
