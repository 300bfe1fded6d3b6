"""Compare whole-corpus dumps of ``bench/sample_judged.py --dump``: what a change did, line by line.

    .venv/bin/python bench/dumpdiff.py diff BEFORE.jsonl AFTER.jsonl            # every quantity gone, new or changed
    .venv/bin/python bench/dumpdiff.py diff BEFORE.jsonl AFTER.jsonl --show 50  # the first 50 of them
    .venv/bin/python bench/dumpdiff.py merged BASE.jsonl MERGED.jsonl A.jsonl B.jsonl …

A quantity is keyed by its reply, offsets and type. ``diff`` prints a summary line (counts of the
quantities gone, new and changed, and of the fields changed) and then each item with its sentence,
for judging every change right→wrong, wrong→right or wrong→wrong. ``merged`` checks a merge of
branches that each started from BASE: every change a branch made is in MERGED as that branch made
it (else "lost"), and MERGED changes nothing no branch changed (else "new") — how two rules that
meet in a merge show themselves.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

FIELDS = ("span", "value", "unit", "q", "per", "of", "scope", "status")

Key = tuple[str, int, int, str]
Row = dict[str, Any]


def load(path: Path) -> dict[Key, Row]:
    """The dump's rows by (reply id, start, end, type)."""
    rows: dict[Key, Row] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            rows[(row["id"], row["start"], row["end"], row["type"])] = row
    return rows


def changes(before: dict[Key, Row], after: dict[Key, Row]) -> dict[Key, tuple[Any, ...]]:
    """What ``after`` does to each quantity it differs on: ("gone",), ("new", fields) or ("changed", fields)."""
    out: dict[Key, tuple[Any, ...]] = {}
    for key in before.keys() - after.keys():
        out[key] = ("gone",)
    for key in after.keys() - before.keys():
        out[key] = ("new", tuple((f, after[key].get(f)) for f in FIELDS))
    for key in before.keys() & after.keys():
        fields = tuple((f, after[key].get(f)) for f in FIELDS if before[key].get(f) != after[key].get(f))
        if fields:
            out[key] = ("changed", fields)
    return out


def _where(key: Key) -> str:
    return f"{key[0]} {key[1]}-{key[2]} {key[3]}"


def diff(before_path: Path, after_path: Path, show: int | None) -> None:
    before, after = load(before_path), load(after_path)
    found = changes(before, after)
    kinds = Counter(change[0] for change in found.values())
    fields = Counter(f for change in found.values() if change[0] == "changed" for f, _ in change[1])
    print(f"before {len(before)}  after {len(after)}  gone {kinds['gone']}  new {kinds['new']}  "
          f"changed {kinds['changed']}  by field {dict(fields)}")
    for key in sorted(found)[:show]:
        change, row = found[key], before.get(key) or after[key]
        if change[0] == "changed":
            said = "  ".join(f"{f}: {before[key].get(f)!r} → {v!r}" for f, v in change[1])
        elif change[0] == "gone":
            said = f"{row['span']!r} value={row['value']} q={row['q']} of={row['of']!r}"
        else:
            said = " ".join(f"{f}={v!r}" for f, v in change[1])
        print(f"{change[0].upper():8}{_where(key)}  {said}\n        {row['sentence']}")


def merged(base_path: Path, merged_path: Path, branch_paths: list[Path]) -> int:
    """Print what the merge lost or added against its branches; the number of such items."""
    base, merge = load(base_path), load(merged_path)
    done = changes(base, merge)
    expected: dict[Key, list[tuple[Any, ...]]] = {}
    for path in branch_paths:
        for key, change in changes(base, load(path)).items():
            expected.setdefault(key, []).append(change)
    lost = [key for key, wanted in expected.items() if done.get(key) not in wanted]
    new = [key for key in done if key not in expected]
    print(f"merged changes {len(done)}  expected {len(expected)}  lost {len(lost)}  new {len(new)}")
    for key in sorted(lost):
        print(f"LOST    {_where(key)}  merged: {done.get(key)}  branches: {expected[key]}")
    for key in sorted(new):
        print(f"NEW     {_where(key)}  {done[key]}")
    return len(lost) + len(new)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("diff", help="every quantity gone, new or changed between two dumps")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    d.add_argument("--show", type=int, help="print at most this many items")
    m = sub.add_parser("merged", help="check a merge against the dumps of its branches")
    m.add_argument("base", type=Path)
    m.add_argument("merged", type=Path)
    m.add_argument("branches", type=Path, nargs="+")
    args = ap.parse_args()
    if args.command == "diff":
        diff(args.before, args.after, args.show)
    else:
        raise SystemExit(1 if merged(args.base, args.merged, args.branches) else 0)


if __name__ == "__main__":
    main()
