"""pipeline.tables.tokens: the tokens table built as Arrow columns equals the tokens, row for row."""

from __future__ import annotations

import csv
import io

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.export.cells import holds_any, neutralise, neutralise_arrow
from pipeline.export.csv import _formatted
from pipeline.segment import tokens
from pipeline.tables import SPECS, TableSink, read_tables, token_rows
from pipeline.tables.tokens import repeated, tiles

TEXTS = [
    "设立概念验证中心。引入超6家央企研发中心。",
    "plain ASCII text, 2024-09-12; tel 0731-12315.",
    "生僻字𠀀𪚥在句中，后接 emoji 🙂 与全角１２。\n第二段 ",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_tables_tokens_arrow_columns_equal_the_tokens(text: str) -> None:
    doc = extract(text, doc_id="d1")
    rows = token_rows(doc)
    assert rows.arrow and all(isinstance(c, pa.Array) for c in rows.columns)
    expected = [{"doc_id": "d1", **t.model_dump()} for t in tokens(doc.text, doc.sentences)]
    assert rows.dicts("tokens") == [{name: r[name] for name in SPECS["tokens"].names} for r in expected]


def test_tables_tokens_tiles_fall_back_when_the_pieces_do_not_tile() -> None:
    assert tiles("abcd", np.array([0, 2, 3]), ["ab", "c"]).to_pylist() == ["ab", "c"]  # stops short of the end
    assert tiles("长文", np.array([0, 1, 2]), ["长", "文"]).to_pylist() == ["长", "文"]


def test_tables_tokens_repeated_keeps_nulls_and_order() -> None:
    assert repeated(["s1", None, "s2"], [2, 0, 3]).to_pylist() == ["s1", "s1", "s2", "s2", "s2"]
    assert repeated([None, "长句"], [1, 2]).to_pylist() == [None, "长句", "长句"]
    assert repeated([], []).to_pylist() == []


def test_tables_tokens_holds_any_looks_only_at_the_slice() -> None:
    column = pa.array(["a,b", "设立", "中心"])
    assert holds_any(column, (b",",))
    assert not holds_any(column.slice(1), (b",",))
    assert not holds_any(pa.array([None, None], pa.string()), (b",",))


def test_tables_tokens_sink_writes_arrow_columns_as_the_lists_would(tmp_path) -> None:
    docs = [extract(text, doc_id=f"d{n}") for n, text in enumerate(TEXTS)]
    with TableSink(tmp_path / "arrow", ("parquet", "csv")) as sink:
        for doc in docs:
            sink.add({"tokens": token_rows(doc)})
    with TableSink(tmp_path / "dicts", ("parquet", "csv")) as sink:
        for doc in docs:
            sink.add({"tokens": token_rows(doc).dicts("tokens")})
    assert (tmp_path / "arrow" / "tokens.csv").read_bytes() == (tmp_path / "dicts" / "tokens.csv").read_bytes()
    assert (tmp_path / "arrow" / "tokens.parquet").read_bytes() == (tmp_path / "dicts" / "tokens.parquet").read_bytes()
    frame = read_tables(tmp_path / "arrow")["tokens"]
    assert "".join(frame[frame["doc_id"] == "d2"]["text"]) == TEXTS[2]


# Cells with the characters that make a cell quoted or a formula, anywhere, and nulls; cut into
# chunks of a column, one of them a slice (an offset into its buffers), as the sink hands them on.
_CELLS = st.lists(st.none() | st.text(alphabet=st.sampled_from(list('ab ,"\n\r\t=+-@\'é中')), max_size=5),
                  min_size=1, max_size=30)


def _chunked(cells: list[str | None], cut: int) -> pa.ChunkedArray:
    cut = cut % (len(cells) + 1)
    padded = pa.array(["x", *cells[cut:]], pa.string()).slice(1)
    return pa.chunked_array([pa.array(cells[:cut], pa.string()), padded], pa.string())


@settings(max_examples=200, deadline=None)
@given(_CELLS, st.integers(0, 30))
def test_tables_tokens_neutralise_arrow_is_neutralise_cell_by_cell(cells: list[str | None], cut: int) -> None:
    got = neutralise_arrow(_chunked(cells, cut)).to_pylist()
    assert got == [None if c is None else neutralise(c) for c in cells]


@settings(max_examples=200, deadline=None)
@given(_CELLS, st.integers(0, 30))
def test_tables_tokens_csv_lines_of_chunks_equal_the_csv_modules(cells: list[str | None], cut: int) -> None:
    column = _chunked(cells, cut)
    numbers = pa.chunked_array([pa.array(range(len(cells)), pa.int64())])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(zip(cells, range(len(cells)), cells, strict=True))
    assert _formatted([column, numbers, column]) == buffer.getvalue().encode("utf-8")

