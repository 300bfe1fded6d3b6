"""``dafu report``: its numbers match the tables and never mix statuses, rates or thresholds into sums,
document text is escaped, and a real headless Chromium renders the page, filters the documents as
the reader types and shows a quantity's details under the mouse."""

from __future__ import annotations

import copy
import os
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from browser import CHROMIUM, Browser
from bs4 import BeautifulSoup
from click.testing import CliRunner

import pipeline
from pipeline.cli import main
from pipeline.report import build_report, human_amount, money_by_agency
from pipeline.report.summary import left_out
from pipeline.tables import Tables, document_rows

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "关于<script>alert('x')</script>的答复\n现投入资金2亿元，引入<img src=x onerror=alert(1)>超6家企业。\n"
# A reply that mixes a request, money spent, a rate, a threshold and a promise; and a second, plainer one.
MIXED = ("关于设立产业基金建议的答复\n王委员：\n您建议设立10亿元产业基金。今年我局已投入资金2亿元，引进超6家企业。"
         "补贴标准为每人每月500元，对投资100亿元以上的项目另行奖励。明年计划再投入3亿元。\n甲市发展和改革局\n2024年5月6日\n")
PLAIN = "关于学校建设的答复\n李代表：\n我局已新建学校3所，投入8000万元。\n乙区教育局\n2024年6月1日\n"
# What the status column of issue 16 says of each quantity of MIXED and PLAIN, by its text.
STATUS = {"10亿元": "requested", "今年": "achieved", "2亿元": "achieved", "超6家": "achieved", "500元": "rule",
          "100亿元以上": "rule", "明年": "planned", "3亿元": "planned", "2024年5月6日": "none",
          "3所": "achieved", "8000万元": "achieved", "2024年6月1日": "none"}


def _run(inputs: Path, out: Path) -> Tables:
    ran = CliRunner().invoke(main, ["run", str(inputs), "-o", str(out), "--jobs", "1", "-q"])
    assert ran.exit_code == 0, ran.output
    return pipeline.read_tables(out)


def _run_and_report(inputs: Path, out: Path, *extra: str) -> Path:
    _run(inputs, out)
    made = CliRunner().invoke(main, ["report", str(out), *extra])
    assert made.exit_code == 0, made.output
    assert made.output.startswith("wrote ")
    return Path(made.output.split(" ", 1)[1].strip())


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def corpora_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Tables]:
    out = tmp_path_factory.mktemp("report") / "out"
    path = _run_and_report(ROOT / "corpora", out)
    return path, pipeline.read_tables(out)


@pytest.fixture(scope="module")
def mixed_tables(tmp_path_factory: pytest.TempPathFactory) -> Tables:
    """The tables of MIXED (a.txt) and PLAIN (b.txt) with the status columns the extraction gives them."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "in").mkdir()
    (folder / "in" / "a.txt").write_text(MIXED, encoding="utf-8")
    (folder / "in" / "b.txt").write_text(PLAIN, encoding="utf-8")
    tables = _run(folder / "in", folder / "out")
    quantities = tables["quantities"]
    assert sorted(quantities["text"]) == sorted(STATUS)  # the extraction the expectations below rest on
    assert dict(zip(quantities["text"], quantities["status"], strict=True)) == STATUS
    ids = dict(zip(quantities["text"], quantities["quantity_id"], strict=True))
    deadlines = dict(zip(quantities["text"], quantities["deadline_id"], strict=True))
    assert deadlines["3亿元"] == ids["明年"]
    assert quantities.loc[quantities["text"] == "3亿元", "status_cue"].item() == "计划"
    return tables


@pytest.fixture(scope="module")
def mixed_report(mixed_tables: Tables, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("page") / "report.html"
    path.write_text(build_report(mixed_tables), encoding="utf-8")
    return path


# --- numbers --------------------------------------------------------------------------------


def test_report_numbers_match_the_tables(corpora_report: tuple[Path, Tables]) -> None:
    path, tables = corpora_report
    assert path.name == "report.html"
    soup = _soup(path)
    stats = {div["data-table"]: int(div.b.text) for div in soup.select("div.stat[data-table]")}
    assert stats == {name: len(tables[name]) for name in ("documents", "sentences", "quantities", "entities",
                                                          "problems")}
    by_type = soup.select("figure.chart")[0]
    shown = {t.text.split(": ")[0]: int(t.text.split(": ")[1]) for t in by_type.select("rect title")}
    assert shown == tables["quantities"]["type"].value_counts().to_dict()
    assert len(soup.select("article.doc")) == len(tables["documents"])


def test_report_without_a_status_column_shows_one_group_and_says_so(corpora_report: tuple[Path, Tables],
                                                                    tmp_path: Path) -> None:
    _, tables = corpora_report
    old = copy.copy(tables)  # the tables of a run made before issue 16 had no status columns
    old.frames = {**tables.frames,
                  "quantities": tables["quantities"].drop(columns=["status", "status_cue", "deadline_id"])}
    path = tmp_path / "report.html"
    path.write_text(build_report(old), encoding="utf-8")
    soup = _soup(path)
    assert {d["data-status"]: int(d.b.text) for d in soup.select("div.stat[data-status]")} == {
        "unknown": len(tables["quantities"])}
    assert soup.select_one("#no-status") is not None
    assert soup.select_one("figure.chart[data-key=money] figcaption").text.endswith("(status unknown)")
    assert {m["data-status"] for m in soup.select("mark.q")} == {"unknown (the tables have no status column)"}


def test_report_splits_counts_and_money_by_status(mixed_report: Path) -> None:
    soup = _soup(mixed_report)
    assert soup.select_one("#no-status") is None
    statuses = {d["data-status"]: int(d.b.text) for d in soup.select("div.stat[data-status]")}
    assert statuses == {"achieved": 5, "planned": 2, "rule": 2, "requested": 1, "none": 2}
    head = [th.text for th in soup.select("table.by-type th")]
    assert head == ["type", "achieved", "planned", "rule", "requested", "none", "all"]
    money_row = next(tr for tr in soup.select("table.by-type tbody tr") if tr.td.text == "money")
    assert [td.text for td in money_row.select("td")] == ["money", "2", "1", "2", "1", "", "6"]
    money = soup.select_one("table.money")
    assert [th.text for th in money.select("th")] == ["agency", "achieved", "planned", "requested"]  # no sum of them
    cells = [[td.text for td in tr.select("td")] for tr in money.select("tbody tr")]
    assert cells == [["甲市发展和改革局", "2亿元", "3亿元", "10亿元"], ["乙区教育局", "8000万元", "", ""]]
    assert money.select("tbody td")[1]["title"] == "200000000 元"
    chart = soup.select_one("figure.chart[data-key=money]")
    assert chart.figcaption.text == "Money achieved by replying agency"
    assert [t.text for t in chart.select("text.v")] == ["2亿元", "8000万元"]  # neither the rule nor the promise


def test_report_leaves_rates_and_thresholds_out_of_sums_and_says_so(mixed_tables: Tables, mixed_report: Path) -> None:
    money = money_by_agency(mixed_tables)
    assert money.sums["甲市发展和改革局"] == {"requested": Decimal("1E9"), "achieved": Decimal("2E8"),
                                              "planned": Decimal("3E8")}
    assert money.left_out == {"rate": 1, "threshold": 1}
    assert sorted(r["text"] for r in money.rows) == ["100亿元以上", "500元"]
    note = _soup(mixed_report).select_one("#left-out")
    assert note["data-rows"] == "2"
    kinds = {li["data-kind"]: li.text for li in note.select("li")}
    assert set(kinds) == {"rate", "threshold"}
    assert "per 月 ×1" in kinds["rate"] and "ge ×1" in kinds["threshold"]


def test_report_a_bound_in_a_done_clause_is_added_but_not_in_a_rule() -> None:
    # 建成1000户以上 was done: at least that much; 100亿元以上的项目 is a class of projects
    row = {"per": None, "qualifier": "ge", "amount": Decimal(1000)}
    assert left_out(row, "achieved") is None and left_out(row, "ongoing") is None
    assert left_out(row, "rule") == left_out(row, "planned") == left_out(row, "unknown") == "threshold"
    assert left_out({"per": "户", "qualifier": "exact", "amount": Decimal(5)}, "achieved") == "rate"
    assert left_out({"per": None, "qualifier": "exact", "amount": None}, "achieved") == "range"


@pytest.mark.parametrize(("amount", "shown"), [
    ("104922301.852744", "1.05亿元"),  # the trial's label that printed as 104922301.852744 with 亿元 cut off
    ("10492230185274.4", "10.49万亿元"),
    ("30000000", "3000万元"),
    ("125000", "12.5万元"),
    ("9999", "9999元"),
    ("0.5", "0.5元"),
    ("-200000000", "-2亿元"),
])
def test_report_human_amount_writes_yuan_as_people_do(amount: str, shown: str) -> None:
    assert human_amount(Decimal(amount)) == shown


def test_report_money_by_agency_sums_exactly() -> None:
    docs = [pipeline.extract(text, doc_id=name) for name, text in
            [("a", "安排资金0.1亿元。"), ("b", "新增资金0.2亿元，另有500万美元。"), ("c", "投入3000元。")]]
    rows: dict[str, list[dict[str, object]]] = {}
    for doc in docs:
        for table, found in document_rows(doc).items():
            rows.setdefault(table, []).extend(found)
    for row, agency in zip(rows["documents"], ["甲局", "甲局", None], strict=True):
        row["agency"] = agency
    money = money_by_agency(Tables.from_rows(rows))
    assert [(a, human_amount(t)) for a, t in money.ranked()] == [("甲局", "3000万元"), ("（未署名）", "3000元")]
    assert money.sums["甲局"] == {"achieved": Decimal("3E7")}  # 0.1亿 + 0.2亿, exactly
    assert money.left_out == {"other currency": 1}
    page = build_report(Tables.from_rows(rows), max_docs=1)
    assert page.count('<article class="doc"') == 1 and "2 more documents" in page


# --- documents ------------------------------------------------------------------------------


def test_report_marks_every_quantity_with_its_details(corpora_report: tuple[Path, Tables]) -> None:
    path, tables = corpora_report
    article = _soup(path).select_one("article.doc")
    assert article is not None and "the source file" in article.select_one("p.id").text
    marks = article.select("mark.q")
    quantities = tables["quantities"]
    assert [m.get_text() for m in marks] == quantities["text"].tolist()
    assert [m["data-type"] for m in marks] == quantities["type"].tolist()
    assert [m.get("data-of") for m in marks] == [None if pd.isna(v) else v for v in quantities["of"]]
    entity_labels = {label for e in article.select("span.e") for label in e["title"].split()}
    assert entity_labels == set(tables["entities"]["label"])


def test_report_lists_the_problems(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(PLAIN, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    tables = _run(folder, tmp_path / "out")
    assert len(tables["problems"]) >= 1
    soup = BeautifulSoup(build_report(tables), "html.parser")
    listed = soup.select_one("#problems")
    assert listed["data-rows"] == str(len(tables["problems"]))
    assert [tr.select("td")[0].text for tr in listed.select("tbody tr")] == tables["problems"]["path"].tolist()
    assert soup.select_one("div.stat[data-table=problems] b").text == str(len(tables["problems"]))


def test_report_escapes_the_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    page = _run_and_report(folder, tmp_path / "out").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img" not in page
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.find_all("script")) == 2  # the report's own two
    assert "<script>alert('x')</script>" in soup.select_one("article.doc").get_text()
    assert "<script>alert('x')</script>" in soup.select_one("#doc-index tr[data-doc]")["data-search"]


def test_report_falls_back_to_sentences_when_the_source_changed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "corpora" / "futian-2024079-reply.txt", folder / "a.txt")
    out = tmp_path / "out"
    tables = _run(folder, out)
    (folder / "a.txt").write_text("另一份文件", encoding="utf-8")
    path = tmp_path / "r.html"
    made = CliRunner().invoke(main, ["report", str(out), "-o", str(path)])
    assert made.exit_code == 0, made.output
    article = _soup(path).select_one("article.doc")
    assert "the sentences table" in article.select_one("p.id").text
    assert "另一份文件" not in article.get_text()
    money = [m.get_text() for m in article.select("mark.q[data-type=money]")]
    assert money == tables["quantities"].query("type == 'money'")["text"].tolist() and len(money) == 1


def test_report_of_a_folder_without_tables_fails_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 3
    assert "no tables here" in result.output and "Traceback" not in result.output


# --- a real browser -------------------------------------------------------------------------


@pytest.fixture
def browser(tmp_path: Path) -> Browser:
    if not CHROMIUM.exists():
        if os.environ.get("DAFU_REQUIRE_BROWSER"):
            pytest.fail("DAFU_REQUIRE_BROWSER is set but /usr/bin/chromium is missing (make browser installs it)")
        pytest.skip("no /usr/bin/chromium: `make browser` installs it (as root, with apt-get)")
    with Browser(tmp_path / "profile") as opened:
        yield opened


def _is_shown(browser: Browser, selector: str) -> bool:
    return bool(browser.evaluate(f"document.querySelector({selector!r}).getClientRects().length > 0"))


def test_report_renders_in_headless_chromium(corpora_report: tuple[Path, Tables], browser: Browser,
                                             tmp_path: Path) -> None:
    path, tables = corpora_report
    browser.open(path.as_uri())
    marks = browser.evaluate("JSON.stringify(Object.assign({}, document.documentElement.dataset))")
    assert '"rendered":"ok"' in marks and '"charts":"3"' in marks
    assert browser.evaluate("document.documentElement.dataset.docs") == str(len(tables["documents"]))
    assert browser.console_errors() == []  # no script error, no CSP violation
    from PIL import Image

    with Image.open(browser.screenshot(tmp_path / "report.png")) as image:
        assert image.size == (1200, 900)
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 10  # more than a blank page


def test_report_browser_check_sees_a_script_error(corpora_report: tuple[Path, Tables], browser: Browser,
                                                  tmp_path: Path) -> None:
    # the checks above must be able to fail: the same page with a throwing script is caught
    path, _ = corpora_report
    broken = tmp_path / "broken.html"
    broken.write_text(path.read_text(encoding="utf-8").replace("<body>", "<body><script>null.boom();</script>", 1),
                      encoding="utf-8")
    browser.open(broken.as_uri())
    assert browser.evaluate("document.documentElement.dataset.jsError")
    assert browser.evaluate("document.documentElement.dataset.rendered") is None
    assert any("boom" in e for e in browser.console_errors())


def test_report_filter_narrows_the_documents_as_the_reader_types(mixed_report: Path, browser: Browser) -> None:
    browser.open(mixed_report.as_uri())
    rows = "#doc-index tr[data-doc='{}']"
    articles = "article.doc[data-doc='{}']"
    assert all(_is_shown(browser, s.format(d)) for s in (rows, articles) for d in ("a", "b"))
    browser.type_into("#doc-filter", "乙区")  # an agency
    assert browser.evaluate("document.getElementById('doc-count').textContent") == "1 of 2 documents"
    assert _is_shown(browser, rows.format("b")) and _is_shown(browser, articles.format("b"))
    assert not _is_shown(browser, rows.format("a")) and not _is_shown(browser, articles.format("a"))
    browser.type_into("#doc-filter", "改革 产业基金")  # words of the agency and the title, in any order
    assert browser.evaluate("document.documentElement.dataset.shownDocs") == "1"
    assert _is_shown(browser, articles.format("a")) and not _is_shown(browser, articles.format("b"))
    browser.type_into("#doc-filter", "没有这份文件")
    assert browser.evaluate("document.documentElement.dataset.shownDocs") == "0"
    browser.type_into("#doc-filter", "")
    assert browser.evaluate("document.getElementById('doc-count').textContent") == "2 of 2 documents"
    assert browser.console_errors() == []


def test_report_hover_shows_a_quantity_s_details(mixed_report: Path, browser: Browser, tmp_path: Path) -> None:
    browser.open(mixed_report.as_uri())
    assert browser.evaluate("document.getElementById('tip').hidden") is True
    browser.hover("article.doc[data-doc='a'] mark.q[data-value='2亿元']")
    assert browser.evaluate("document.getElementById('tip').hidden") is False
    shown = browser.evaluate("Array.from(document.querySelectorAll('#tip dt, #tip dd'), e => e.textContent)")
    assert shown == ["type", "money", "value", "2亿元", "unit", "CNY", "status", "achieved", "cue", "已", "of", "资金"]
    browser.hover("article.doc[data-doc='a'] mark.q[data-value='3亿元']")  # a promise: its cue and deadline
    shown = browser.evaluate("Array.from(document.querySelectorAll('#tip dt, #tip dd'), e => e.textContent)")
    assert shown == ["type", "money", "value", "3亿元", "unit", "CNY", "status", "planned", "cue", "计划",
                     "deadline", "明年"]
    browser.hover("article.doc[data-doc='a'] mark.q[data-value='500元 / 月']")  # a rate: its per and rule
    shown = browser.evaluate("document.getElementById('tip').innerText")
    assert "rule" in shown and "月" in shown and "补贴标准" in shown
    assert browser.evaluate("document.getElementById('tip').getBoundingClientRect().right "
                            "<= document.documentElement.clientWidth")
    shot = browser.screenshot(tmp_path / "hover.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if os.environ.get("DAFU_REPORT_SCREENSHOT"):  # where a person wants to look at it
        shutil.copy(shot, os.environ["DAFU_REPORT_SCREENSHOT"])
    browser.hover("h1")
    assert browser.evaluate("document.getElementById('tip').hidden") is True


def test_report_money_labels_keep_their_unit_in_the_browser(mixed_report: Path, browser: Browser) -> None:
    # the trial's chart cut 亿元 off a long label: each value must end inside its SVG
    browser.open(mixed_report.as_uri())
    overflow = browser.evaluate(
        "Array.from(document.querySelectorAll('figure.chart svg')).flatMap(svg => "
        "Array.from(svg.querySelectorAll('text.v')).filter(t => { var b = t.getBBox(); "
        "return b.x + b.width > svg.width.baseVal.value; }).map(t => t.textContent))")
    assert overflow == []
    assert browser.evaluate("Array.from(document.querySelectorAll('figure.chart[data-key=money] text.v'), "
                            "t => t.textContent)") == ["2亿元", "8000万元"]
