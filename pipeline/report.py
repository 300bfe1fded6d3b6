"""``dafu report``: the tables of a run as one self-contained HTML page.

    >>> write_report("表格", "表格/report.html")      # doctest: +SKIP

The page holds summary numbers, three bar charts drawn here as inline SVG (quantities by
type, the most-measured things, money by replying agency) and, per document, its text with
quantities and entities highlighted by :mod:`pipeline.visual`. Nothing is fetched from the
network: the CSS, the charts and the one small script are inline. Every text from the
documents is escaped.

The highlighted text needs the document's text, which the tables do not hold: the report
reads the file at the manifest's ``path`` again (the path as the run walked it; ``source_path``
is relative to the input root) with the reader only, no extraction, and uses it when its
SHA-256 is the manifest's, so the offsets of the tables still index it. When the file
is gone or has changed, the document is shown as its sentences from the sentences table, each
with the marks that fall inside it.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections import Counter
from collections.abc import Hashable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from pipeline import visual
from pipeline.errors import DafuError
from pipeline.tables import Tables, read_tables

TOP = 15  # bars in the "most measured" and "money by agency" charts
UNKNOWN_AGENCY = "（未署名）"


class Bar(NamedTuple):
    label: str
    value: float
    shown: str  # the value as printed beside the bar


def write_report(out: str | os.PathLike[str], dest: str | os.PathLike[str] | None = None, *,
                 max_docs: int = 50) -> Path:
    """Write the report of the tables in ``out`` to ``dest`` (default ``out/report.html``); returns its path."""
    target = Path(dest) if dest is not None else Path(out) / "report.html"
    page = build_report(read_tables(out), max_docs=max_docs, title=f"dafu report: {Path(out).name}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    except OSError as e:
        raise DafuError(f"{target}: cannot write the report ({e.strerror})") from e
    return target


def build_report(tables: Tables, *, max_docs: int = 50, title: str = "dafu report") -> str:
    """The report's HTML: a whole page, with ``max_docs`` documents shown in full."""
    docs, quantities, entities = tables["documents"], tables["quantities"], tables["entities"]
    parts = [
        _summary(tables),
        '<section class="charts">',
        _bar_chart("Quantities by type", _counts(quantities["type"])),
        _bar_chart("Most-measured things (of)", _counts(quantities["of"])[:TOP]),
        _bar_chart("Money by replying agency (CNY)", money_by_agency(tables)[:TOP]),
        "</section>",
        _documents(tables, docs.head(max_docs), quantities, entities),
    ]
    if len(docs) > max_docs:
        parts.append(f'<p class="more">{len(docs) - max_docs} more documents are in the tables, '
                     "not shown here (--max-docs).</p>")
    labels = [*quantities["type"].dropna(), *entities["label"].dropna()]
    return _page(title, visual.legend(labels) + "\n".join(parts))


def money_by_agency(tables: Tables) -> list[Bar]:
    """Exact sums of the CNY money amounts, per replying agency of the documents, largest first."""
    q = tables["quantities"]
    money = q[(q["type"] == "money") & (q["unit"] == "CNY") & q["amount"].notna()]
    agency = tables["documents"].set_index("doc_id")["agency"]
    sums: dict[str, Decimal] = {}
    for doc_id, amount in zip(money["doc_id"], money["amount"], strict=True):
        name = agency.get(doc_id)
        key = UNKNOWN_AGENCY if name is None or pd.isna(name) else str(name)
        sums[key] = sums.get(key, Decimal(0)) + Decimal(str(amount))
    ranked = sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Bar(name, float(total), _yuan(total)) for name, total in ranked]


def _yuan(amount: Decimal) -> str:
    if abs(amount) >= 10**8:
        return f"{(amount / 10**8).normalize():f}亿元"
    if abs(amount) >= 10**4:
        return f"{(amount / 10**4).normalize():f}万元"
    return f"{amount.normalize():f}元"


def _counts(column: pd.Series[Any]) -> list[Bar]:
    counts = Counter(str(v) for v in column.dropna())
    return [Bar(label, n, str(n)) for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


# --- the page -------------------------------------------------------------------------------


def _summary(tables: Tables) -> str:
    items = [(name, len(tables[name])) for name in ("documents", "sentences", "quantities", "entities", "problems")]
    cells = "".join(f'<div class="stat" data-table="{name}"><b>{n}</b><span>{name}</span></div>'
                    for name, n in items)
    return f'<section class="summary">{cells}</section>'


def _bar_chart(title: str, bars: Sequence[Bar]) -> str:
    """A horizontal bar chart as inline SVG; labels and values are escaped text."""
    row, label_w, bar_w, value_w = 22, 230, 300, 110
    height = row * max(len(bars), 1) + 10
    top = max((b.value for b in bars), default=0) or 1
    body = []
    for i, b in enumerate(bars):
        y = 5 + i * row
        width = max(b.value / top * bar_w, 1)
        body.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{html.escape(_clip(b.label))}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{width:.1f}" height="{row - 6}" rx="2"><title>'
            f"{html.escape(b.label)}: {html.escape(b.shown)}</title></rect>"
            f'<text x="{label_w + width + 6:.1f}" y="{y + 15}">{html.escape(b.shown)}</text>')
    if not bars:
        body.append(f'<text x="{label_w}" y="20">none</text>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + value_w}" '
           f'height="{height}" aria-label="{html.escape(title)}">{"".join(body)}</svg>')
    return f'<figure class="chart" data-bars="{len(bars)}"><figcaption>{html.escape(title)}</figcaption>{svg}</figure>'


def _clip(label: str, width: int = 16) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _documents(tables: Tables, docs: pd.DataFrame, quantities: pd.DataFrame, entities: pd.DataFrame) -> str:
    manifest = tables["manifest"]
    files = dict(zip(manifest["doc_id"], zip(manifest["path"], manifest["sha256"], strict=True), strict=True))
    sentences = tables["sentences"]
    parts = []
    for doc in docs.to_dict("records"):
        doc_id = str(doc["doc_id"])
        marks = [visual.Mark(int(s), int(e), str(label)) for s, e, label in
                 zip(*_of_doc(quantities, doc_id, ["start", "end", "type"]), strict=True)]
        marks += [visual.Mark(int(s), int(e), str(label)) for s, e, label in
                  zip(*_of_doc(entities, doc_id, ["start", "end", "label"]), strict=True)]
        text = _source_text(*files.get(doc_id, (None, None)))
        body: str
        if text is not None:
            body, origin = visual.render_marks(text, marks), "the source file"
        else:
            body = "".join(visual.render_marks(str(t), marks, offset=int(start)) for t, start in
                           zip(*_of_doc(sentences, doc_id, ["text", "start"]), strict=True))
            origin = "the sentences table (source file missing or changed)"
        parts.append(_document_section(doc, body, origin))
    return '<section class="documents">' + "\n".join(parts) + "</section>"


def _of_doc(frame: pd.DataFrame, doc_id: str, cols: list[str]) -> list[list[Any]]:
    rows = frame[frame["doc_id"] == doc_id]
    return [rows[c].tolist() for c in cols]


def _source_text(path: Any, sha256: Any) -> str | None:
    """The document's text read again, if the file is still the one the tables were made from."""
    if path is None or pd.isna(path) or sha256 is None or pd.isna(sha256):
        return None
    from pipeline.readers.read import read_source

    try:
        src = read_source(str(path))
    except DafuError:
        return None
    return src.text if src.sha256 == sha256 else None


def _document_section(doc: dict[Hashable, Any], body: str, origin: str) -> str:
    facts = [(k, doc.get(k)) for k in ("doc_kind", "agency", "addressee", "date", "n_quantities", "n_entities")]
    meta = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(_cell(v))}</dd>" for k, v in facts if _cell(v))
    title = _cell(doc.get("title")) or str(doc["doc_id"])
    return (f'<article class="doc" id="{html.escape(str(doc["doc_id"]), quote=True)}">'
            f"<h2>{html.escape(title)}</h2><p class=\"id\">{html.escape(str(doc['doc_id']))} · text from "
            f"{html.escape(origin)}</p><dl>{meta}</dl>{body}</article>")


def _cell(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
.summary{display:flex;gap:1rem;flex-wrap:wrap}.stat{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem}
.stat b{display:block;font-size:1.6rem}.stat span{color:#666}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem;margin:1.5rem 0}.chart{margin:0}
.chart figcaption{font-weight:bold;margin-bottom:.3rem}.chart svg{font-size:12px}.chart rect{fill:#4e79a7}
.legend .chip{display:inline-block;border-radius:3px;padding:1px 6px;margin:2px;font-size:.8rem}
.doc{border-top:2px solid #eee;margin-top:2rem}.doc dl{display:grid;grid-template-columns:max-content 1fr;
gap:.1rem 1rem;font-size:.9rem}.doc dt{color:#666}.doc dd{margin:0}.id{color:#888;font-size:.85rem}
"""

# Runs last: sets data-rendered="ok" on <html> only if the page's parts are there and no script error
# happened, so a headless browser can tell a page that rendered from one that did not.
_ON_ERROR = 'window.addEventListener("error", function (e) { document.documentElement.dataset.jsError = e.message; });'
_SCRIPT = """
(function () {
  var charts = document.querySelectorAll("figure.chart svg").length;
  var docs = document.querySelectorAll("article.doc").length;
  document.documentElement.dataset.charts = String(charts);
  document.documentElement.dataset.docs = String(docs);
  if (!document.documentElement.dataset.jsError) { document.documentElement.dataset.rendered = "ok"; }
})();
"""


def _page(title: str, content: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            f"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
            f"<title>{html.escape(title)}</title><style>{_CSS}</style><script>{_ON_ERROR}</script></head>\n"
            f"<body><h1>{html.escape(title)}</h1>\n{content}\n<script>{_SCRIPT}</script></body></html>\n")
