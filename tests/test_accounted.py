"""Nothing skipped silently (issue 17 §4): every entry under an input folder has a manifest row.

Read (``processed``), a ``problem``, or ``skipped`` with the reason: hidden, an Office lock
file, excluded by a pattern (a folder not entered is one row), not a format dafu reads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ofd_writer import write_ofd

import pipeline
from pipeline.batch import run_batch

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpora" / "futian-2024079-reply.txt"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "答复"
    (root / "草稿").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(SAMPLE, root / "a.txt")
    write_ofd(root / "b.ofd", [["关于区政协提案的回复", "规模2亿元。"]])
    (root / "c.json").write_text("{}", encoding="utf-8")
    (root / "README").write_text("说明", encoding="utf-8")
    (root / ".DS_Store").write_bytes(b"\0" * 10)
    (root / "~$a.docx").write_bytes(b"lock")
    (root / ".git" / "config").write_text("[core]", encoding="utf-8")
    (root / "草稿" / "d.txt").write_text("草稿", encoding="utf-8")
    (root / "e.bak.txt").write_text("备份", encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


EXPECTED = {
    ".DS_Store": ("skipped", "hidden file"),
    ".git": ("skipped", "hidden folder (folder not entered)"),
    "README": ("skipped", "not a format dafu reads (no extension)"),
    "a.txt": ("processed", None),
    "b.ofd": ("processed", None),
    "c.json": ("skipped", "not a format dafu reads (.json)"),
    "e.bak.txt": ("skipped", "excluded by pattern '*.bak.txt'"),
    "empty.txt": ("problem", "empty file"),
    "~$a.docx": ("skipped", "Office lock file"),
    "草稿": ("skipped", "excluded by pattern '草稿' (folder not entered)"),
}


def _rows(manifest: object, root: Path) -> dict[str, tuple[str, str | None]]:
    import pandas as pd

    assert isinstance(manifest, pd.DataFrame)
    return {Path(p).relative_to(root).as_posix(): (s, None if pd.isna(r) else r)
            for p, s, r in zip(manifest["path"], manifest["status"], manifest["reason"], strict=True)}


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_accounted_every_entry_of_the_folder_has_a_manifest_row(folder: Path, tmp_path: Path, engine: str) -> None:
    tables = pipeline.run([folder], out=tmp_path / "out", jobs=1, engine=engine, exclude=["草稿", "*.bak.txt"])
    assert _rows(tables["manifest"], folder) == EXPECTED
    skipped = tables["manifest"][tables["manifest"]["status"] == "skipped"]
    assert skipped["doc_id"].isna().all() and skipped["sha256"].isna().all()
    assert skipped.set_index("path").loc[str(folder / "c.json"), "size"] == 2


def test_accounted_rerun_lists_a_new_skipped_entry(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (folder / "empty.txt").unlink()  # a run with a problem is never "nothing changed": without it, it can be
    first = run_batch([folder], out=out, jobs=1, exclude=["草稿", "*.bak.txt"])
    again = run_batch([folder], out=out, jobs=1, exclude=["草稿", "*.bak.txt"])
    assert (first.skipped, again.nothing_changed, again.skipped) == (7, True, 7)
    (folder / "f.xlsx").write_bytes(b"PK")
    third = run_batch([folder], out=out, jobs=1, exclude=["草稿", "*.bak.txt"])
    assert not third.nothing_changed
    assert "f.xlsx" in _rows(pipeline.read_tables(out)["manifest"], folder)
