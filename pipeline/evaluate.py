"""Score the extractor against gold annotations (``shared/gold``, see its README).

The rules are those of ``shared/tools/score_gold.py``: a prediction matches a gold
quantity when ``start``, ``end`` and ``type`` are equal; an unmatched prediction that
overlaps an ``optional`` span is ignored, any other (one overlapping a ``negative`` span
included) is a false positive; on matched pairs ``value``, ``unit``, ``qualifier`` and
(where gold has it) ``of`` accuracy are counted.

>>> ev = evaluate("gold", only=["futian"])       # doctest: +SKIP
>>> round(ev.total.f1, 3)                         # doctest: +SKIP
0.95
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.document import extract as extract_document
from pipeline.errors import InputError

FIELDS = ("type", "start", "end", "text", "value", "unit", "qualifier", "low", "high", "of")
ATTRIBUTES = ("value", "unit", "qualifier", "of")
_EXTERNAL = {
    "tipdm": "corpora-external/tipdm2020-gov-replies/replies.jsonl",
    "report": "corpora-external/lawtext-gov-work-reports/gov_work_reports.jsonl",
}

Record = dict[str, Any]
Extractor = Callable[..., Any]


@dataclass(frozen=True)
class Score:
    """True positives, false positives and false negatives of one type (or all)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """What :func:`evaluate` found: scores per type, attribute accuracy and the mismatches."""

    docs: list[str]
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    attr_ok: Counter[str] = field(default_factory=Counter)
    attr_n: Counter[str] = field(default_factory=Counter)
    mismatches: list[str] = field(default_factory=list)
    bad_offsets: list[str] = field(default_factory=list)

    @property
    def types(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def score(self, type_: str) -> Score:
        return Score(self.tp[type_], self.fp[type_], self.fn[type_])

    @property
    def total(self) -> Score:
        return Score(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))

    def report(self, errors: int = 0) -> str:
        """The table ``score_gold.py`` prints, ending in ``overall F1 = X.XXX``."""
        lines = [f"{'type':10} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        for name, s in [*((t, self.score(t)) for t in self.types), ("ALL", self.total)]:
            lines.append(f"{name:10} {s.tp:5} {s.fp:5} {s.fn:5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}")
        for f in ATTRIBUTES:
            if self.attr_n[f]:
                lines.append(f"{f} accuracy on matched: {self.attr_ok[f] / self.attr_n[f]:.3f} "
                             f"({self.attr_ok[f]}/{self.attr_n[f]})")
        if self.bad_offsets:
            lines.append(f"{len(self.bad_offsets)} predictions whose text is not original[start:end], e.g.:")
        lines.extend("  " + line for line in self.bad_offsets[:5] + self.mismatches[:errors])
        lines.append(f"overall F1 = {self.total.f1:.3f}")
        return "\n".join(lines)


def evaluate(gold: str | os.PathLike[str], *, only: Sequence[str] = (), errors: int = 0,
             extract: Extractor | None = None) -> Evaluation:
    """Run ``extract`` (default :func:`pipeline.extract`) on every gold document and score it.

    ``only`` keeps the documents whose id starts with one of its prefixes
    (``only=["futian"]``); up to ``errors`` mismatches are kept, in document order.
    """
    extract = extract or extract_document
    root = Path(gold)
    if not root.is_dir():
        raise InputError(str(root), "gold folder not found")
    docs = sorted({p.name.split(".")[0] for p in root.glob("*.quantities.jsonl")})
    if only:
        docs = [d for d in docs if d.startswith(tuple(only))]
    if not docs:
        raise InputError(str(root), "no <doc>.quantities.jsonl files" + (" match --only" if only else ""))
    ev = Evaluation(docs=docs)
    texts = load_texts(root, docs)
    for doc in docs:
        text, ref = texts[doc]
        result = extract(text, ref_date=ref)
        preds = [_as_record(q) for q in getattr(result, "quantities", result)]
        _score_doc(ev, doc, text, preds, root, errors)
    return ev


def _score_doc(ev: Evaluation, doc: str, text: str, preds: list[Record], root: Path, errors: int) -> None:
    golds = read_jsonl(root / f"{doc}.quantities.jsonl")
    optional = [s for s in read_jsonl(root / f"{doc}.negatives.jsonl") if s.get("kind") == "optional"]
    for p in preds:
        if text[p["start"]:p["end"]] != p["text"]:
            ev.bad_offsets.append(f"{doc}: offsets do not point at the text {p['text']!r} ({p['start']},{p['end']})")
    by_key = {(g["start"], g["end"], g["type"]): g for g in golds}
    matched: set[tuple[int, int, str]] = set()

    def note(line: str) -> None:
        if len(ev.mismatches) < errors:
            ev.mismatches.append(line)

    for p in preds:
        key = (p["start"], p["end"], p["type"])
        if key in by_key and key not in matched:
            matched.add(key)
            g = by_key[key]
            ev.tp[g["type"]] += 1
            for f in ATTRIBUTES:
                if f == "of" and not g.get("of"):
                    continue
                ok = _attribute_ok(f, p, g)
                ev.attr_n[f] += 1
                ev.attr_ok[f] += ok
                if not ok:
                    note(f"{doc}: {g['text']!r} {f}: got {p.get(f)!r}, want {g.get(f)!r}")
        elif any(_overlaps(p, o) for o in optional):
            continue
        else:
            ev.fp[p["type"]] += 1
            note(f"{doc}: extra {p['type']} {p['text']!r} at {p['start']}")
    for key, g in by_key.items():
        if key not in matched:
            ev.fn[g["type"]] += 1
            note(f"{doc}: missed {g['type']} {g['text']!r} at {g['start']}")


def _attribute_ok(f: str, p: Record, g: Record) -> bool:
    if f == "value" and g.get("value") is None:
        return same_value(p.get("low"), g.get("low")) and same_value(p.get("high"), g.get("high"))
    if f == "value":
        return same_value(p["value"], g["value"])
    if f == "of":
        return bool(p.get("of")) and (p["of"] in g["of"] or g["of"] in p["of"])
    return (p.get(f) or None) == (g.get(f) or None)


def same_value(a: object, b: object) -> bool:
    """Equal values: integers exactly (``28.7亿`` is 2870000000), others to 2 decimals."""
    if a is None or b is None:
        return a is None and b is None
    try:
        da, db = Decimal(str(a)), Decimal(str(b))
    except (InvalidOperation, ValueError):
        return str(a) == str(b)
    if not (da.is_finite() and db.is_finite()):
        return str(a) == str(b)
    if db == db.to_integral_value():
        return da == db
    return abs(da - db) <= Decimal("0.005")  # gold rounds uneven conversions (1亩) to 2 decimals


def _overlaps(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return bool(a["start"] < b["end"] and b["start"] < a["end"])


def _as_record(item: object) -> Record:
    if isinstance(item, Mapping):
        return {k: item.get(k) for k in FIELDS}
    return {k: getattr(item, k, None) for k in FIELDS}


def read_jsonl(path: Path) -> list[Record]:
    """The objects of a JSON Lines file, or ``[]`` when it does not exist."""
    if not path.exists():
        return []
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (ValueError, OSError) as e:
        raise InputError(str(path), f"not JSON Lines: {e}") from e


def load_texts(gold: Path, docs: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """doc id → (text, reference date), from ``manifest.jsonl`` or ``../corpora/<doc>.txt``."""
    manifest = {r["doc"]: r for r in read_jsonl(gold / "manifest.jsonl")}
    out: dict[str, tuple[str, str | None]] = {}
    for doc in docs:
        entry = manifest.get(doc, {})
        try:
            out[doc] = (_text_of(gold, doc, entry), entry.get("ref_date"))
        except (OSError, KeyError) as e:
            raise InputError(str(gold), f"text of gold document {doc!r} not found: {e}") from e
    return out


def _text_of(gold: Path, doc: str, entry: Record) -> str:
    if "path" in entry:
        return (gold / str(entry["path"])).read_text(encoding="utf-8")
    source = entry.get("source")
    if source in _EXTERNAL:
        text = _texts_by_id(_find(gold.parent, _EXTERNAL[source]))[entry["source_id"]]
        if source == "report":
            return text[entry["passage_start"]:entry["passage_end"]]
        return text
    return (gold.parent / "corpora" / f"{doc}.txt").read_text(encoding="utf-8")


@cache
def _texts_by_id(path: Path) -> dict[str, str]:
    return {r["id"]: r["text"] for r in read_jsonl(path)}


def _find(start: Path, rel: str) -> Path:
    """``rel`` under ``start`` or one of its parents (a gold folder may live outside shared/)."""
    for base in [start, *start.resolve().parents]:
        for cand in (base / rel, base / "shared" / rel):
            if cand.exists():
                return cand
    raise FileNotFoundError(rel)
