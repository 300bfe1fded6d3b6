"""``dafu report``: the tables of a run as one self-contained HTML page.

    >>> write_report("表格", "表格/report.html")      # doctest: +SKIP

The page holds, in order:

- summary numbers, and the quantities per ``status`` (achieved, ongoing, planned, rule,
  requested, none — :mod:`pipeline.report.summary`); tables without a ``status`` column show
  one group, ``unknown``, and say so;
- three bar charts drawn here as inline SVG (quantities by type, the most-measured things,
  achieved money by replying agency) and a table of quantities by type and status;
- money in yuan per replying agency and status, written as people write it (``1.05亿元``,
  the exact sum as the cell's tooltip); rates (``per``), thresholds (以上, 不超过 … outside a
  done clause), ranges and other currencies are left out of the sums, and the page says how
  many and which;
- the ``problems`` table;
- an index of the documents that a text box filters (title, agency, addressee, id), and the
  first ``max_docs`` documents' texts, each quantity highlighted with a popover of its type,
  value and unit, status, ``of``, ``per`` and qualifier (:mod:`pipeline.report.documents`).

Nothing is fetched from the network: the CSS, the charts and the one small script are
inline. Every text from the documents is escaped.

The highlighted text needs the document's text, which the tables do not hold: the report
reads the file at the manifest's ``path`` again (the path as the run walked it; ``source_path``
is relative to the input root) with the reader only, no extraction, and uses it when its
SHA-256 is the manifest's, so the offsets of the tables still index it. When the file
is gone or has changed, the document is shown as its sentences from the sentences table, each
with the marks that fall inside it.
"""

from __future__ import annotations

import html
import os
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline import visual
from pipeline.errors import DafuError
from pipeline.report.documents import render_documents
from pipeline.report.page import Bar, Cell, bar_chart, table, whole_page
from pipeline.report.summary import (
    RANGE,
    RATE,
    THRESHOLD,
    UNKNOWN,
    Money,
    cell,
    counts_by_type,
    group_order,
    has_status,
    human_amount,
    money_by_agency,
    status_groups,
)
from pipeline.tables import Tables, read_tables

__all__ = ["Bar", "Money", "build_report", "human_amount", "money_by_agency", "write_report"]

TOP = 15  # bars in the "most measured" and "money by agency" charts, rows of the money table
_LEFT_OUT_WORDS = {
    RATE: "rates (a value per 月, 户, 平米 …: the quantity has a per)",
    THRESHOLD: "thresholds (以上, 不低于 / 以下, 不超过 … outside an achieved or ongoing clause)",
    RANGE: "ranges (3到6亿元, no single amount)",
    "other currency": "amounts in another currency",
}


def write_report(out: str | os.PathLike[str], dest: str | os.PathLike[str] | None = None, *,
                 max_docs: int = 50) -> Path:
    """Write the report of the tables in ``out`` to ``dest`` (default ``out/report.html``); returns its path."""
    target = Path(dest) if dest is not None else Path(out) / "report.html"
    text = build_report(read_tables(out), max_docs=max_docs, title=f"dafu report: {Path(out).name}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as e:
        raise DafuError(f"{target}: cannot write the report ({e.strerror})") from e
    return target


def build_report(tables: Tables, *, max_docs: int = 50, title: str = "dafu report") -> str:
    """The report's HTML: a whole page, with ``max_docs`` documents shown in full."""
    docs, quantities, entities = tables["documents"], tables["quantities"], tables["entities"]
    money = money_by_agency(tables)
    money_status = "achieved" if has_status(quantities) else None
    parts = [
        _summary(tables),
        _statuses(quantities),
        '<section class="charts">',
        bar_chart("Quantities by type", _counts(quantities["type"].dropna().tolist()), key="type"),
        bar_chart("Most-measured things (of)", _counts(quantities["of"].dropna().tolist())[:TOP], key="of"),
        bar_chart("Money achieved by replying agency" if money_status else "Money by replying agency (status unknown)",
                  [Bar(a, float(t), human_amount(t)) for a, t in money.ranked(money_status)[:TOP]], key="money"),
        "</section>",
        _type_table(quantities),
        _money(money),
        _problems(tables),
        render_documents(tables, max_docs, visual.legend([*quantities["type"].dropna(), *entities["label"].dropna()])),
    ]
    if len(docs) > max_docs:
        parts.append(f'<p class="more">{len(docs) - max_docs} more documents are in the tables, '
                     "not shown here (--max-docs).</p>")
    return whole_page(title, "\n".join(parts))


def _counts(values: list[Any]) -> list[Bar]:
    counts = Counter(str(v) for v in values)
    return [Bar(label, n, str(n)) for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _summary(tables: Tables) -> str:
    items = [(name, len(tables[name])) for name in ("documents", "sentences", "quantities", "entities", "problems")]
    cells = "".join(f'<div class="stat" data-table="{name}"><b>{n}</b><span>{name}</span></div>'
                    for name, n in items)
    return f'<section class="summary">{cells}</section>'


def _statuses(quantities: Any) -> str:
    groups = Counter(status_groups(quantities))
    cells = "".join(f'<div class="stat" data-status="{s}"><b>{groups[s]}</b><span>{s}</span></div>'
                    for s in group_order(groups))
    note = "" if has_status(quantities) else (
        '<p class="note" id="no-status">These tables have no <code>status</code> column (written before '
        "dafu told achieved from planned): every quantity is in one group, unknown, and the sums below mix "
        "what was done with what was promised.</p>")
    return f'<h2>Quantities by status</h2><section class="summary statuses">{cells}</section>{note}'


def _type_table(quantities: Any) -> str:
    by_type = counts_by_type(quantities)
    order = group_order(s for c in by_type.values() for s in c) or [UNKNOWN]
    rows = [[kind, *(str(c[s]) if c[s] else "" for s in order), str(sum(c.values()))]
            for kind, c in sorted(by_type.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))]
    return ("<h2>Quantities by type and status</h2><p>Mentions, not sums.</p>"
            + table(["type", *order, "all"], rows, cls="status by-type"))


def _money(money: Money) -> str:
    order = money.statuses() or [UNKNOWN]
    rows = []
    for agency in money.by_status()[:TOP]:
        by = money.sums[agency]
        rows.append([Cell(agency), *(Cell(human_amount(by[s]), f"{by[s].normalize():f} 元") if by.get(s) else Cell("")
                                     for s in order)])
    more = len(money.sums) - TOP
    tail = f"<p>{more} more agencies are in the tables.</p>" if more > 0 else ""
    return ("<h2>Money (CNY) by replying agency and status</h2>"
            "<p>Exact sums of single amounts in yuan (hover a cell for the exact figure); what was done, promised, "
            "ruled or requested is never added together.</p>"
            + table(["agency", *order], rows, cls="status money") + tail + _left_out(money))


def _left_out(money: Money) -> str:
    n = sum(money.left_out.values())
    if not n:
        return '<p class="note" id="left-out" data-rows="0">No money row was left out of the sums.</p>'
    kinds = "".join(
        f'<li data-kind="{html.escape(why, quote=True)}" data-rows="{k}">{html.escape(_LEFT_OUT_WORDS[why])}: '
        f"<b>{k}</b> — "
        + html.escape(", ".join(f"{d} ×{c}" for (w, d), c in money.details.most_common() if w == why)) + "</li>"
        for why, k in money.left_out.most_common())
    rows = [[str(r["doc_id"]), str(r["text"]), r["why"], r["group"], cell(r.get("sentence_text"))[:120]]
            for r in money.rows[:200]]
    listing = table(["document", "text", "left out as", "status", "sentence"], rows, cls="left-out")
    return (f'<div class="note" id="left-out" data-rows="{n}"><p>Left out of these sums ({n} money rows):</p>'
            f"<ul>{kinds}</ul><details><summary>the rows</summary>{listing}</details></div>")


def _problems(tables: Tables) -> str:
    problems = tables["problems"]
    if problems.empty:
        return '<h2>Problems</h2><p id="problems" data-rows="0">No problems: every file became rows.</p>'
    rows = [[cell(r.get(c)) for c in ("path", "doc_id", "stage", "reason")]
            for r in problems.to_dict("records")]
    return (f'<h2>Problems</h2><div id="problems" data-rows="{len(problems)}">'
            f"<p>{len(problems)} files did not become rows (or not all of them):</p>"
            + table(["path", "doc_id", "stage", "reason"], rows, cls="problems") + "</div>")
