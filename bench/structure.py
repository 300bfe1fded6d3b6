"""Structure parsing over the external corpora: crashes, signature dates, roles, agencies.

    .venv/bin/python bench/structure.py [--examples 3]

Reads ../shared/corpora-external (not shipped with dafu; the script says so and exits
when it is absent):

* 2,816 replies to citizens (tipdm): crashes; signature date found, and equal to the
  record's 答复时间 (the time the reply was *posted*, which often follows the signature by
  days, so equality is bounded by the data, not the parser); addressee role 网友; agency
  found where the closing names one (a closing segment ending in an agency suffix).
* 74 work reports: crashes and outline sanity (nesting, levels, sibling numbering).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.records import Structure
from pipeline.structure import parse
from pipeline.structure.lexicon import lexicon
from pipeline.text.normalise import normalise
from pipeline.text.regex import alternation

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora-external"
REPLIES = SHARED / "tipdm2020-gov-replies" / "replies.jsonl"
REPORTS = SHARED / "lawtext-gov-work-reports" / "gov_work_reports.jsonl"

# Independent of the parser: any Y年M月D日-ish date in the text, and a closing segment
# (after the last sentence end, before a trailing date) that ends in an agency suffix.
_YEAR = r"[0-9〇○零O一二三四五六七八九]{4}\s*年"
_SEPARATED = r"\d{4}[-./]\d{1,2}[-./]\d{1,2}"
RE_ANY_DATE = re.compile(rf"{_YEAR}\s*[0-9一二三四五六七八九十]{{1,3}}\s*月|{_SEPARATED}")
RE_TRAILING_DATE = re.compile(rf"(?:{_YEAR}[^。！？]{{1,12}}|{_SEPARATED})[\s\u3000\xa0]*$")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        sys.exit(f"corpus not found: {path} (it lives in ../shared, beside the project)")
    with path.open(encoding="utf-8") as fh:
        yield from (json.loads(line) for line in fh if line.strip())


def closing_names_agency(text: str) -> bool:
    suffix = re.compile(rf"(?:{alternation(lexicon().agency.suffixes)})$")
    tail = RE_TRAILING_DATE.sub("", text.rstrip(" \t\r\n\u3000\xa0")).rstrip(" \t\r\n\u3000\xa0")
    segment = re.split(r"[。！？!?；;]", tail)[-1].strip(" \u3000\xa0")
    return bool(segment) and len(segment) <= 40 and bool(suffix.search(segment))


def date_miss(text: str, found: dt.date | None, posted: dt.date) -> str:
    if found is None:
        if RE_TRAILING_DATE.search(text):
            return "text ends in a date that was not read"
        if RE_ANY_DATE.search(text):
            return "dates only inside sentences (no signature date)"
        return "no date in the text"
    days = (posted - found).days
    if days == 0:
        return "equal"
    if 0 < days <= 7:
        return "signed 1–7 days before posting"
    if days > 7:
        return "signed >7 days before posting"
    return "signed after posting (record error or misread)"


def bench_replies(examples: int) -> None:
    records = list(read_jsonl(REPLIES))
    crashes, roles, kinds = 0, collections.Counter[str](), collections.Counter[str]()
    dates: dict[str, list[str]] = collections.defaultdict(list)
    agency_named = agency_found = agency_elsewhere = 0
    agency_misses: list[str] = []
    for rec in records:
        text = rec["text"]
        try:
            s: Structure = parse(normalise(text))
        except Exception as e:  # the bench counts crashes instead of stopping
            crashes += 1
            print(f"CRASH {rec['id']}: {type(e).__name__}: {e}")
            continue
        meta = s.meta
        kinds[meta.doc_kind] += 1
        roles[meta.addressee_role or "(none)"] += 1
        dates[date_miss(text, meta.date, dt.date.fromisoformat(rec["date"]))].append(
            f"{rec['id']} {rec['date']} {meta.date} …{text.strip()[-30:]!r}"
        )
        named = closing_names_agency(text)
        agency_named += named
        agency_found += named and meta.agency is not None
        agency_elsewhere += (not named) and meta.agency is not None
        if named and meta.agency is None:
            agency_misses.append(f"{rec['id']} …{text.strip()[-40:]!r}")
    n = len(records)
    found = sum(len(v) for k, v in dates.items() if not k.startswith(("no date", "text ends", "dates only")))
    print(f"tipdm replies: {n}   crashes: {crashes}")
    print(f"signature date found: {found}/{n} = {found / n:.1%}")
    ends = sum(1 for rec in records if RE_TRAILING_DATE.search(rec["text"]))
    unread = len(dates["text ends in a date that was not read"])
    print(f"signature date read where the text ends in a date: {ends - unread}/{ends} = {1 - unread / ends:.1%}")
    print(f"signature date == record date: {len(dates['equal'])}/{n} = {len(dates['equal']) / n:.1%}"
          f"   (of those found: {len(dates['equal']) / max(found, 1):.1%})")
    for kind, rows in sorted(dates.items(), key=lambda kv: -len(kv[1])):
        if kind == "equal":
            continue
        print(f"  miss: {kind}: {len(rows)}")
        for row in rows[:examples]:
            print(f"      {row}")
    print(f"addressee role 网友: {roles['网友']}/{n} = {roles['网友'] / n:.1%}   roles: {dict(roles.most_common())}")
    print(f"doc kinds: {dict(kinds.most_common())}")
    print(f"agency found where the closing names one: {agency_found}/{agency_named} = "
          f"{agency_found / max(agency_named, 1):.1%}   (found elsewhere: {agency_elsewhere})")
    for row in agency_misses[:examples]:
        print(f"      {row}")


def outline_problems(s: Structure) -> collections.Counter[str]:
    problems: collections.Counter[str] = collections.Counter()
    outline = [x for x in s.sections if x.kind == "outline"]  # not the header and closing
    by_id = {x.id: x for x in outline}
    last_of: dict[tuple[str | None, str | None], int | None] = {}
    for x in outline:
        parent = by_id.get(x.parent_id) if x.parent_id else None
        if parent and not (parent.start <= x.start and x.end <= parent.end):
            problems["child outside parent"] += 1
        if x.level != (parent.level + 1 if parent else 1):
            problems["level != parent level + 1"] += 1
        key = (x.parent_id, x.style)
        previous = last_of.get(key)
        if previous is not None and x.ordinal not in (previous + 1, 1):
            problems["sibling numbering skips (not +1, not a restart at 1)"] += 1
        elif key in last_of and x.ordinal == 1:
            problems["(info) a list restarts under the same parent"] += 1
        last_of[key] = x.ordinal
    return problems


def bench_reports(examples: int) -> None:
    records = list(read_jsonl(REPORTS))
    crashes, depth = 0, collections.Counter[int]()
    problems: collections.Counter[str] = collections.Counter()
    where: dict[str, list[str]] = collections.defaultdict(list)
    sections = 0
    for rec in records:
        try:
            s = parse(normalise(rec["text"]))
        except Exception as e:  # the bench counts crashes instead of stopping
            crashes += 1
            print(f"CRASH {rec['id']}: {type(e).__name__}: {e}")
            continue
        outline = [x for x in s.sections if x.kind == "outline"]
        sections += len(outline)
        depth.update(x.level for x in outline)
        found = outline_problems(s)
        problems.update(found)
        for kind in found:
            where[kind].append(rec["id"])
    print(f"\nwork reports: {len(records)}   crashes: {crashes}   sections: {sections}"
          f"   by level: {dict(sorted(depth.items()))}")
    print(f"outline problems: {dict(problems) or 'none'}")
    for kind, ids in where.items():
        print(f"  {kind}: {len(ids)} reports, e.g. {ids[:examples]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=3, help="examples printed per kind of miss")
    args = ap.parse_args()
    bench_replies(args.examples)
    bench_reports(args.examples)


if __name__ == "__main__":
    main()
