"""One rule for doc_id and source_path: run, read and extract agree (given the same root / doc_id)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import pipeline
from pipeline.batch import list_inputs
from pipeline.readers.ids import doc_id_of, source_path_of

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "futian-2024079-reply.txt"


@pytest.mark.parametrize(("rel", "expected"), [
    ("replies/tipdm2020c-84925.txt", "replies/tipdm2020c-84925"),
    ("replies/a.gbk.txt", "replies/a"),
    ("a.GB18030.TXT", "a"),
    ("a.utf-8.md", "a"),
    ("2024/答复.wps", "2024/答复"),
    ("2024/答复.docx", "2024/答复"),
    ("report.2024.txt", "report.2024"),  # not an encoding: kept
    ("notes.gbk", "notes.gbk"),  # no format after the hint: nothing to take off
    ("data.csv", "data.csv"),  # not a format dafu names
])
def test_ids_doc_id_drops_format_and_encoding_hint(tmp_path: Path, rel: str, expected: str) -> None:
    assert doc_id_of(tmp_path / rel, tmp_path) == expected
    assert source_path_of(tmp_path / rel, tmp_path) == rel


def test_ids_default_root_is_the_files_own_folder(tmp_path: Path) -> None:
    assert doc_id_of(tmp_path / "a" / "b.gbk.txt") == "b"
    assert source_path_of(tmp_path / "a" / "b.gbk.txt") == "b.gbk.txt"


def test_ids_path_outside_the_root_stays_absolute(tmp_path: Path) -> None:
    assert source_path_of(tmp_path / "x.txt", tmp_path / "other") == (tmp_path / "x.txt").as_posix()


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """Nested folders, a GBK file named for its encoding, a .wps dafu cannot read."""
    base = tmp_path / "语料"
    (base / "replies" / "2019").mkdir(parents=True)
    text = SAMPLE.read_text(encoding="utf-8")
    (base / "replies" / "2019" / "tipdm-1.gbk.txt").write_bytes(text.encode("gbk"))
    (base / "replies" / "b.txt").write_text(text, encoding="utf-8")
    (base / "旧稿.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    return base


def test_ids_run_read_and_extract_agree(root: Path, tmp_path: Path) -> None:
    tables = pipeline.run([root], out=tmp_path / "out", jobs=1)
    docs = tables["documents"].set_index("doc_id")
    assert sorted(docs.index) == ["replies/2019/tipdm-1", "replies/b"]
    assert tables["problems"]["doc_id"].tolist() == ["旧稿"]
    for doc_id, row in docs.iterrows():
        path = root / row["source_path"]
        read = pipeline.read(path, root=root)
        assert (read.meta.doc_id, read.meta.source_path) == (doc_id, row["source_path"])
        extracted = pipeline.extract(read.text, doc_id=str(doc_id))
        run_quantities = tables["quantities"].loc[tables["quantities"]["doc_id"] == doc_id, "text"].tolist()
        assert [q.text for q in read.quantities] == [q.text for q in extracted.quantities] == run_quantities
    assert docs.loc["replies/2019/tipdm-1", "source_path"] == "replies/2019/tipdm-1.gbk.txt"
    recorded = json.loads((tmp_path / "out" / "dafu-run.json").read_text(encoding="utf-8"))
    assert recorded["roots"] == [str(root.resolve())]  # source_path + root = the file


def test_ids_file_given_directly_is_read_as_pipeline_read_reads_it(root: Path) -> None:
    path = root / "replies" / "2019" / "tipdm-1.gbk.txt"
    tables = pipeline.run([path], jobs=1)
    read = pipeline.read(path)
    assert tables["documents"][["doc_id", "source_path"]].values.tolist() == [["tipdm-1", "tipdm-1.gbk.txt"]]
    assert (read.meta.doc_id, read.meta.source_path) == ("tipdm-1", "tipdm-1.gbk.txt")


def test_ids_extract_without_a_file_keeps_a_content_hash() -> None:
    first, again, other = (pipeline.extract(t).meta.doc_id for t in ("引入超6家", "引入超6家", "引入超7家"))
    assert first == again != other and first.startswith("doc-")


def test_ids_stay_unique_when_names_differ_only_by_format(tmp_path: Path) -> None:
    for name in ("a.gbk.txt", "a.txt", "a.md"):
        (tmp_path / name).write_text("超6家", encoding="utf-8")
    # in name order: a.gbk.txt takes "a"; the others keep their full names
    assert list(list_inputs([tmp_path])) == [(str(tmp_path / n), i) for n, i in
                                             (("a.gbk.txt", "a"), ("a.md", "a.md"), ("a.txt", "a.txt"))]
