"""``dafu report``: its numbers match the tables, document text is escaped, and a real headless
Chromium renders the page without a script error."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

import pipeline
from pipeline.cli import main
from pipeline.report import build_report, money_by_agency
from pipeline.tables import Tables, document_rows

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = "关于<script>alert('x')</script>的答复\n现投入资金2亿元，引入<img src=x onerror=alert(1)>超6家企业。\n"


def _run_and_report(inputs: Path, out: Path, *extra: str) -> Path:
    cli = CliRunner()
    ran = cli.invoke(main, ["run", str(inputs), "-o", str(out), "--jobs", "1", "-q"])
    assert ran.exit_code == 0, ran.output
    made = cli.invoke(main, ["report", str(out), *extra])
    assert made.exit_code == 0, made.output
    assert made.output.startswith("wrote ")
    return Path(made.output.split(" ", 1)[1].strip())


@pytest.fixture(scope="module")
def corpora_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Tables]:
    out = tmp_path_factory.mktemp("report") / "out"
    path = _run_and_report(ROOT / "corpora", out)
    return path, pipeline.read_tables(out)


def test_report_numbers_match_the_tables(corpora_report: tuple[Path, Tables]) -> None:
    path, tables = corpora_report
    assert path.name == "report.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    stats = {div["data-table"]: int(div.b.text) for div in soup.select("div.stat")}
    assert stats == {name: len(tables[name]) for name in ("documents", "sentences", "quantities", "entities",
                                                          "problems")}
    by_type = soup.select("figure.chart")[0]
    shown = {t.text.split(": ")[0]: int(t.text.split(": ")[1]) for t in by_type.select("rect title")}
    assert shown == tables["quantities"]["type"].value_counts().to_dict()
    assert len(soup.select("article.doc")) == len(tables["documents"])


def test_report_highlights_every_quantity_and_entity(corpora_report: tuple[Path, Tables]) -> None:
    path, tables = corpora_report
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.doc")
    assert article is not None and "the source file" in article.select_one("p.id").text
    labels = [s.text.strip() for s in article.select("span[style*='z-index: 10']")]  # displaCy's span labels
    expected = [*tables["quantities"]["type"], *tables["entities"]["label"]]
    assert sorted(labels) == sorted(expected)
    text = article.get_text()
    for q in tables["quantities"]["text"]:
        assert q in text


def test_report_escapes_the_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    page = _run_and_report(folder, tmp_path / "out").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img" not in page
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.find_all("script")) == 2  # the report's own two
    assert "<script>alert('x')</script>" in soup.select_one("article.doc").get_text()


def test_report_falls_back_to_sentences_when_the_source_changed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "corpora" / "futian-2024079-reply.txt", folder / "a.txt")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["run", str(folder), "-o", str(out), "--jobs", "1", "-q"]).exit_code == 0
    (folder / "a.txt").write_text("另一份文件", encoding="utf-8")
    path = tmp_path / "r.html"
    made = CliRunner().invoke(main, ["report", str(out), "-o", str(path)])
    assert made.exit_code == 0, made.output
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.doc")
    assert "the sentences table" in article.select_one("p.id").text
    assert "另一份文件" not in article.get_text()
    tables = pipeline.read_tables(out)
    labels = [s.text.strip() for s in article.select("span[style*='z-index: 10']")]
    assert labels.count("money") == (tables["quantities"]["type"] == "money").sum() == 1


def test_report_money_by_agency_sums_exactly() -> None:
    docs = [pipeline.extract(text, doc_id=name) for name, text in
            [("a", "安排资金0.1亿元。"), ("b", "新增资金0.2亿元，另有500万美元。"), ("c", "投入3000元。")]]
    rows: dict[str, list[dict[str, object]]] = {}
    for doc in docs:
        for table, found in document_rows(doc).items():
            rows.setdefault(table, []).extend(found)
    for row, agency in zip(rows["documents"], ["甲局", "甲局", None], strict=True):
        row["agency"] = agency
    bars = money_by_agency(Tables.from_rows(rows))
    assert [(b.label, b.shown) for b in bars] == [("甲局", "3000万元"), ("（未署名）", "3000元")]
    page = build_report(Tables.from_rows(rows), max_docs=1)
    assert page.count('<article class="doc"') == 1 and "2 more documents" in page


def test_report_of_a_folder_without_tables_fails_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(tmp_path)])
    assert result.exit_code == 3
    assert "no tables here" in result.output and "Traceback" not in result.output


# --- a real browser -------------------------------------------------------------------------


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if not CHROMIUM.exists():
        if os.environ.get("DAFU_REQUIRE_BROWSER"):
            pytest.fail("DAFU_REQUIRE_BROWSER is set but /usr/bin/chromium is missing (make browser installs it)")
        pytest.skip("no /usr/bin/chromium: `make browser` installs it (as root, with apt-get)")
    profile = tmp_path / "profile"
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _rendered(tmp_path: Path, page: Path) -> tuple[BeautifulSoup, str]:
    done = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    root = BeautifulSoup(done.stdout, "html.parser").html
    assert root is not None, done.stdout[:500]
    return root, done.stderr


def test_report_renders_in_headless_chromium(corpora_report: tuple[Path, Tables], tmp_path: Path) -> None:
    path, tables = corpora_report
    root, log = _rendered(tmp_path, path)
    assert root.get("data-js-error") is None
    assert root.get("data-rendered") == "ok"
    assert root.get("data-charts") == "3"
    assert root.get("data-docs") == str(len(tables["documents"]))
    assert "Uncaught" not in log and "Refused to" not in log  # console errors, CSP violations
    shot = tmp_path / "report.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", path.as_uri())
    assert done.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size == (1000, 1400)
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 10  # more than a blank page


def test_report_browser_check_sees_a_script_error(corpora_report: tuple[Path, Tables], tmp_path: Path) -> None:
    # the marker check above must be able to fail: the same page with a throwing script is caught
    path, _ = corpora_report
    broken = tmp_path / "broken.html"
    page = path.read_text(encoding="utf-8")
    broken.write_text(page.replace("<body>", '<body><script>null.boom();</script>', 1), encoding="utf-8")
    root, log = _rendered(tmp_path, broken)
    assert root.get("data-js-error")
    assert root.get("data-rendered") is None
    assert "Uncaught" in log
