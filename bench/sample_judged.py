"""A seeded random sample of quantities from unseen replies, printed for judging by eye.

    .venv/bin/python bench/sample_judged.py                  # seed 14, 100 quantities
    .venv/bin/python bench/sample_judged.py --seed 7 --n 50
    .venv/bin/python bench/sample_judged.py --dump /tmp/of.jsonl   # every quantity, one JSON line each

Reads the TIPDM replies of ``../shared/corpora-external`` (never copied into the project),
leaves out every text a gold file is made from (``../shared/gold/manifest.jsonl``), runs
``pipeline.extract`` on the rest with each reply's own date, and draws ``--n`` quantities
uniformly from all it found. Each is printed with its sentence, the number marked 【…】:

    17  tipdm2020c-1234 311-315 count 6 个 exact of='停车位'
        小区内共设置【6个】停车位…

``--dump`` writes every quantity of the pool instead (reply id, offsets, type, span, value,
unit, qualifier, ``per``, ``of``, ``scope``, status and the marked sentence), for reading the
classes of wrong names at scale and diffing two versions line by line with
``bench/dumpdiff.py`` (the pool's order is the same for both).

The draw depends on what dafu finds, so a change to extraction can change the list; the
list judged, with its verdicts, is recorded in bench/README.md ("Judged random sample").
"""

from __future__ import annotations

import argparse
import json
import os
import random
from pathlib import Path

from pipeline import extract
from pipeline.records import Document, Quantity

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DAFU_SHARED", ROOT.parent / "shared"))
REPLIES = SHARED / "corpora-external/tipdm2020-gov-replies/replies.jsonl"
MANIFEST = SHARED / "gold/manifest.jsonl"
_CONTEXT = 30  # characters shown either side when a sentence is longer than a line


def gold_ids(manifest: Path) -> set[str]:
    """The source ids every gold file is made from."""
    ids = set()
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line.strip():
            ids.add(json.loads(line).get("source_id") or "")
    return ids


def unseen_replies(path: Path, excluded: set[str]) -> list[dict[str, str]]:
    """The replies no gold file is made from, in file order."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] not in excluded:
            out.append(record)
    return out


def sentence_of(doc: Document, q: Quantity) -> str:
    """The sentence holding ``q`` with the quantity marked, cut to a readable width."""
    lo, hi = max(0, q.start - _CONTEXT), min(len(doc.text), q.end + _CONTEXT)
    for s in doc.sentences:
        if s.id == q.sentence_id:
            lo, hi = max(s.start, q.start - 2 * _CONTEXT), min(s.end, q.end + 2 * _CONTEXT)
    t = doc.text
    return (t[lo : q.start] + "【" + t[q.start : q.end] + "】" + t[q.end : hi]).replace("\n", "⏎")


def pool() -> list[tuple[str, Document, Quantity]]:
    """Every quantity dafu finds in the unseen replies, with its reply id and document."""
    found: list[tuple[str, Document, Quantity]] = []
    for record in unseen_replies(REPLIES, gold_ids(MANIFEST)):
        doc = extract(record["text"], ref_date=record.get("date") or None)
        found.extend((record["id"], doc, q) for q in doc.quantities)
    return found


def dump(path: Path) -> None:
    """Write every quantity of the pool as one JSON line: what it was read as, and where."""
    with path.open("w", encoding="utf-8") as out:
        for doc_id, doc, q in pool():
            value = q.value if q.low is None else f"{q.low}~{q.high}"
            row = {"id": doc_id, "start": q.start, "end": q.end, "type": q.type, "span": q.text, "value": value,
                   "unit": q.unit, "q": q.qualifier, "per": q.per, "of": q.of, "scope": q.scope,
                   "status": q.status, "sentence": sentence_of(doc, q)}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def draw(seed: int, n: int) -> list[tuple[str, Document, Quantity]]:
    """``n`` quantities drawn uniformly, with the reply id and document each comes from."""
    found = pool()
    picked = random.Random(seed).sample(range(len(found)), n)
    return [found[i] for i in sorted(picked)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--dump", type=Path, help="write every quantity as JSON lines here instead of drawing")
    args = ap.parse_args()
    if args.dump is not None:
        dump(args.dump)
        return
    for i, (doc_id, doc, q) in enumerate(draw(args.seed, args.n), 1):
        value = q.value if q.low is None else f"{q.low}~{q.high}"
        print(f"{i:3}  {doc_id} {q.start}-{q.end} {q.type} {value} {q.unit or ''} {q.qualifier} of={q.of!r} "
              f"status={q.status} ({q.status_cue})")
        print(f"     {sentence_of(doc, q)}")


if __name__ == "__main__":
    main()
