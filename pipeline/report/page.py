"""The report page's pieces: bar charts as inline SVG, HTML tables, the CSS and the one script.

Nothing is fetched: the Content-Security-Policy allows no source but the page's own inline
style and script. Every text passed in is escaped here.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple


class Bar(NamedTuple):
    label: str
    value: float
    shown: str  # the value as printed beside the bar


class Cell(NamedTuple):
    """A table cell: its text and an optional tooltip (an exact value behind a rounded one)."""

    text: str
    title: str = ""


def bar_chart(title: str, bars: Sequence[Bar], *, key: str = "") -> str:
    """A horizontal bar chart as inline SVG; labels and values are escaped text, never cut."""
    row, label_w, bar_w = 22, 230, 300
    value_w = max((_width(b.shown) for b in bars), default=40) + 16
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
            f'<text x="{label_w + width + 6:.1f}" y="{y + 15}" class="v">{html.escape(b.shown)}</text>')
    if not bars:
        body.append(f'<text x="{label_w}" y="20">none</text>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + value_w}" '
           f'height="{height}" aria-label="{html.escape(title)}">{"".join(body)}</svg>')
    return (f'<figure class="chart" data-bars="{len(bars)}" data-key="{html.escape(key, quote=True)}">'
            f"<figcaption>{html.escape(title)}</figcaption>{svg}</figure>")


def _width(text: str) -> int:
    """Pixels ``text`` takes at the charts' 12px: wide (CJK) characters 12, others 7."""
    return sum(12 if unicodedata.east_asian_width(c) in "WF" else 7 for c in text)


def _clip(label: str, width: int = 16) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def table(head: Sequence[str], rows: Sequence[Sequence[Cell | str]], *, cls: str = "") -> str:
    """An HTML table of escaped cells; numeric-looking cells are right-aligned by the CSS class ``n``."""
    th = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    body = []
    for row in rows:
        cells = []
        for c in row:
            cell = c if isinstance(c, Cell) else Cell(c)
            title = f' title="{html.escape(cell.title, quote=True)}"' if cell.title else ""
            cells.append(f"<td{title}>{html.escape(cell.text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table class="{html.escape(cls, quote=True)}"><thead><tr>{th}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h2{margin-top:2rem;border-bottom:1px solid #ddd}
.summary{display:flex;gap:1rem;flex-wrap:wrap}.stat{border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem}
.stat b{display:block;font-size:1.6rem}.stat span{color:#666}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem;margin:1.5rem 0}.chart{margin:0}
.chart figcaption{font-weight:bold;margin-bottom:.3rem}.chart svg{font-size:12px}.chart rect{fill:#4e79a7}
table{border-collapse:collapse;font-size:.85rem;margin:.5rem 0}th,td{border-bottom:1px solid #eee;
padding:.2rem .6rem;text-align:left}td[title]{text-decoration:underline dotted #aaa}
.status td:not(:first-child),.status th:not(:first-child){text-align:right}
.note{background:#f6f6f6;border-left:3px solid #999;padding:.4rem .8rem;font-size:.9rem}
.legend .chip{display:inline-block;border-radius:3px;padding:1px 6px;margin:2px;font-size:.8rem}
.filter{margin:.5rem 0}#doc-filter{width:24rem;padding:.3rem}#doc-count{color:#666;font-size:.85rem}
.index{width:100%}.index td:first-child{max-width:36rem}
.doc{border-top:2px solid #eee;margin-top:2rem}.doc dl{display:grid;grid-template-columns:max-content 1fr;
gap:.1rem 1rem;font-size:.9rem}.doc dt{color:#666}.doc dd{margin:0}.id{color:#888;font-size:.85rem}
.text{white-space:pre-wrap;line-height:1.9}
mark.q{background:var(--c);border-radius:3px;padding:0 1px;cursor:help}mark.q:hover{outline:2px solid #333}
span.e{border-bottom:3px solid var(--c)}
#tip{position:absolute;z-index:10;background:#fff;border:1px solid #888;border-radius:4px;padding:.3rem .6rem;
box-shadow:0 2px 8px rgba(0,0,0,.25);font-size:.8rem;pointer-events:none;max-width:24rem}
#tip dl{display:grid;grid-template-columns:max-content auto;gap:0 .6rem;margin:0}#tip dt{color:#666}
#tip dd{margin:0}
"""

# Runs first: records a script error on <html>, so a headless browser can tell a page that failed.
ON_ERROR = ('window.addEventListener("error", function (e) { '
            "document.documentElement.dataset.jsError = e.message; });")
# Runs last: the document filter, the quantity popover, and data-rendered="ok" when all is in place.
SCRIPT = """
(function () {
  var root = document.documentElement;
  var input = document.getElementById("doc-filter");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#doc-index tbody tr"));
  var articles = {};
  document.querySelectorAll("article.doc").forEach(function (a) { articles[a.dataset.doc] = a; });
  var count = document.getElementById("doc-count");
  function filter() {
    var words = input.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
    var n = 0;
    rows.forEach(function (row) {
      var hay = row.dataset.search;
      var keep = words.every(function (w) { return hay.indexOf(w) >= 0; });
      row.hidden = !keep;
      var article = articles[row.dataset.doc];
      if (article) { article.hidden = !keep; }
      if (keep) { n += 1; }
    });
    count.textContent = n + " of " + rows.length + " documents";
    root.dataset.shownDocs = String(n);
  }
  if (input) { input.addEventListener("input", filter); }
  var tip = document.createElement("div");
  tip.id = "tip";
  tip.hidden = true;
  tip.setAttribute("role", "tooltip");
  document.body.appendChild(tip);
  var FIELDS = ["type", "value", "unit", "status", "cue", "deadline", "of", "per", "qualifier"];
  function show(mark) {
    var dl = document.createElement("dl");
    FIELDS.forEach(function (k) {
      if (!mark.dataset[k]) { return; }
      var dt = document.createElement("dt"); dt.textContent = k;
      var dd = document.createElement("dd"); dd.textContent = mark.dataset[k];
      dl.appendChild(dt); dl.appendChild(dd);
    });
    tip.replaceChildren(dl);
    var box = mark.getBoundingClientRect();
    tip.hidden = false;
    var left = Math.max(4, Math.min(box.left, document.documentElement.clientWidth - tip.offsetWidth - 4));
    tip.style.left = (window.scrollX + left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 4) + "px";
    tip.dataset.quantity = mark.dataset.id || "";
  }
  document.addEventListener("mouseover", function (e) {
    var mark = e.target.closest ? e.target.closest("mark.q") : null;
    if (mark) { show(mark); } else { tip.hidden = true; }
  });
  root.dataset.charts = String(document.querySelectorAll("figure.chart svg").length);
  root.dataset.docs = String(document.querySelectorAll("article.doc").length);
  if (!root.dataset.jsError) { root.dataset.rendered = "ok"; }
})();
"""


def whole_page(title: str, content: str) -> str:
    """The whole page: ``content`` (trusted markup built here) under an escaped ``title``."""
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            f"style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
            f"<title>{html.escape(title)}</title><style>{CSS}</style><script>{ON_ERROR}</script></head>\n"
            f"<body><h1>{html.escape(title)}</h1>\n{content}\n<script>{SCRIPT}</script></body></html>\n")
