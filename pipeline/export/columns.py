"""The shape of a table: its columns, their kinds, keys, and the same data as rows, Arrow or pandas.

Every writer takes the same DataFrames, whose dtypes follow from a column's kind:

========  ==============================  ===================  ==============  ===============
kind      pandas (``read_tables``)        Arrow (Parquet)      SQLite          DuckDB
========  ==============================  ===================  ==============  ===============
string    string                          string               TEXT            VARCHAR
int       Int64                           int64                INTEGER         BIGINT
bool      boolean                         bool                 INTEGER         BOOLEAN
float     Float64                         float64              REAL            DOUBLE
decimal   decimal128(38, 12)[pyarrow]     decimal128(38, 12)   REAL + _text    DECIMAL(38, 12)
date      date32[day][pyarrow]            date32               DATE (ISO)      DATE
========  ==============================  ===================  ==============  ===============

``decimal`` cells are exact: 12 places after the point and 26 before (:data:`DECIMAL_TYPE`)
hold every value the quantities spec gives (the smallest unit, 微克, is 1e-9 kg; the
largest amounts in the trial corpus have 16 digits). A value that does not fit is an error
naming it, never rounded (:func:`cell`). Plain cells (rows, packed rows) hold a decimal as
its exact text and a date as ISO text; Arrow casts them, refusing any loss.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from itertools import chain
from typing import TYPE_CHECKING, Any, Literal

from pipeline.errors import DafuError

# pyarrow is loaded where rows become Arrow tables, pandas where they become frames: a worker process
# makes rows of plain cells with this module and loads neither (0.2 s and 0.3 s of a re-run's wait).
if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    import pyarrow as pa

Kind = Literal["string", "int", "bool", "float", "decimal", "date"]

DECIMAL_PRECISION, DECIMAL_SCALE = 38, 12
_DECIMAL_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)


def __getattr__(name: str) -> Any:
    if name == "DECIMAL_TYPE":  # made with pyarrow, on first use
        return _frame_types()["decimal"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _frame_types() -> dict[Kind, pa.DataType]:
    """The Arrow type of each kind; ``decimal`` is :data:`DECIMAL_TYPE`, every exact number of the
    tables (amount, low, high): 26 digits before the point, 12 after."""
    import pyarrow as pa

    return {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "float": pa.float64(),
            "decimal": pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE), "date": pa.date32()}


@functools.cache
def pandas_types() -> dict[pa.DataType, Any]:
    """The pandas dtype of each Arrow type. Decimals and dates stay Arrow-backed: the same exact
    decimal128 as Parquet and DuckDB (``sum``, ``mean``, ``min``, comparisons and ``groupby``
    sums are exact, in 128-bit integers, with no decimal context to round them) and real dates."""
    import pandas as pd

    types = _frame_types()
    return {
        types["string"]: pd.StringDtype(), types["int"]: pd.Int64Dtype(), types["bool"]: pd.BooleanDtype(),
        types["float"]: pd.Float64Dtype(), types["decimal"]: pd.ArrowDtype(types["decimal"]),
        types["date"]: pd.ArrowDtype(types["date"]),
    }


@functools.cache
def _cell_types() -> dict[Kind, pa.DataType]:
    """What plain cells hold before Arrow casts them: decimals and dates as their exact text."""
    types = _frame_types()
    return {**types, "decimal": types["string"], "date": types["string"]}


def frame_type(kind: Kind) -> pa.DataType:
    """The Arrow (and Parquet) type of a column of ``kind``."""
    return _frame_types()[kind]


def pandas_type(kind: Kind) -> Any:
    """The pandas dtype :func:`pipeline.read_tables` gives a column of ``kind``."""
    return pandas_types()[_frame_types()[kind]]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    """``columns`` of this table reference ``refs`` of ``table``."""

    columns: tuple[str, ...]
    table: str
    refs: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    """One table: its columns in order, primary key (may be empty) and foreign keys."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def of_kind(self, *kinds: Kind) -> list[str]:
        return [c.name for c in self.columns if c.kind in kinds]

    @functools.cached_property
    def name_set(self) -> frozenset[str]:
        return frozenset(c.name for c in self.columns)

    @functools.cached_property
    def direct_schema(self) -> pa.Schema:
        """The frame schema's string, integer and boolean columns: those Arrow reads as they are."""
        import pyarrow as pa

        return pa.schema([pa.field(c.name, frame_type(c.kind)) for c in self.columns if c.kind in _PLAIN_TYPES])

    @functools.cached_property
    def frame_schema(self) -> pa.Schema:
        """The Arrow schema of the DataFrame: decimals as :data:`DECIMAL_TYPE`, dates as date32."""
        import pyarrow as pa

        return pa.schema([pa.field(c.name, frame_type(c.kind)) for c in self.columns])

    @property
    def parquet_schema(self) -> pa.Schema:
        """The Arrow schema written to Parquet: the frame's own."""
        return self.frame_schema


# --- cells ----------------------------------------------------------------------------------


def is_missing(value: Any) -> bool:
    """None, NaN, or pandas' NA (which only a loaded pandas can have made)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    pandas = sys.modules.get("pandas")
    return pandas is not None and value is pandas.NA


def cell(kind: Kind, value: Any) -> Any:
    """One value as the plain Python value of its kind (None when missing).

    >>> cell("decimal", Decimal("2E+8")), cell("date", dt.date(2024, 9, 12))
    ('200000000', '2024-09-12')

    A decimal :data:`DECIMAL_TYPE` cannot hold exactly raises ``ValueError`` naming it.
    """
    return _CELLS[kind](value)


# One converter per kind. Each first takes the common case (the value already has the plain
# type, checked with ``type(...) is`` so that subclasses such as enums still go the long way),
# because the sink runs them for every cell of every row.


def _string_cell(value: Any) -> str | None:
    if type(value) is str or value is None:
        return value
    return None if is_missing(value) else str(value)


def _int_cell(value: Any) -> int | None:
    if type(value) is int or value is None:
        return value
    return None if is_missing(value) else int(value)


def _bool_cell(value: Any) -> bool | None:
    if type(value) is bool or value is None:
        return value
    return None if is_missing(value) else bool(value)


def _float_cell(value: Any) -> float | None:
    if (type(value) is float and value == value) or value is None:  # NaN is missing
        return value
    return None if is_missing(value) else float(value)


def _decimal_cell(value: Any) -> str | None:
    if type(value) is Decimal and value.is_finite():
        return _fitting(value)
    if value is None:
        return None
    return None if is_missing(value) else _fitting(_decimal_number(value))


def _date_cell(value: Any) -> str | None:
    if type(value) is dt.date:
        return value.isoformat()
    if value is None:
        return None
    return None if is_missing(value) else _date_text(value)


def _fitting(number: Decimal) -> str:
    """The exact text of ``number``, or ``ValueError`` when :data:`DECIMAL_TYPE` cannot hold it."""
    text = format(number, "f")
    point = text.find(".")
    # The common case first, from the text and the leading digit's exponent (as_tuple builds a
    # named tuple: four times the cost): at most 12 places and fewer than 26 digits before the point.
    if (point < 0 or len(text) - point - 1 <= DECIMAL_SCALE) and number.adjusted() < DECIMAL_PRECISION - DECIMAL_SCALE:
        return text
    return _fitted(number)


def _fitted(number: Decimal) -> str:
    """:func:`_fitting` from the digits and exponent: trailing zeros past the 12th place dropped."""
    sign, digits, exp = number.as_tuple()
    exponent = int(exp)  # finite: an int
    if exponent < -DECIMAL_SCALE:
        while exponent < -DECIMAL_SCALE and len(digits) > 1 and digits[-1] == 0:  # 1.50000000000000
            digits, exponent = digits[:-1], exponent + 1
        if exponent < -DECIMAL_SCALE:
            raise ValueError(f"{number} has more than {DECIMAL_SCALE} decimal places: "
                             f"DECIMAL({DECIMAL_PRECISION}, {DECIMAL_SCALE}) cannot hold it exactly")
        number = Decimal((sign, digits, exponent))
    if number.copy_abs() >= _DECIMAL_LIMIT:  # copy_abs: abs() would round to the context's 28 digits
        raise ValueError(f"{number} has more than {DECIMAL_PRECISION - DECIMAL_SCALE} digits before the point: "
                         f"DECIMAL({DECIMAL_PRECISION}, {DECIMAL_SCALE}) cannot hold it")
    return format(number, "f")


def _decimal_number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(value if isinstance(value, str) else str(value))
        except InvalidOperation as e:
            raise ValueError(f"{value!r} is not a number") from e
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return number


def _date_text(value: Any) -> str:
    if isinstance(value, dt.datetime):  # pandas' Timestamp too
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10]).isoformat()
    raise ValueError(f"{value!r} is not a date")


_CELLS: dict[Kind, Callable[[Any], Any]] = {
    "string": _string_cell, "int": _int_cell, "bool": _bool_cell, "float": _float_cell,
    "decimal": _decimal_cell, "date": _date_cell,
}


def normalise_rows(spec: TableSpec, rows: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """Rows as tuples of plain cells in column order; a missing key is None, an unknown one an error."""
    given = rows if isinstance(rows, list) else list(rows)
    columns = normalise_columns(spec, given)
    return list(zip(*columns, strict=True)) if columns else [() for _ in given]


def check_columns(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> None:
    """Raise naming the first row with a key that is not a column of ``spec``."""
    known = spec.name_set
    for n, row in enumerate(rows):
        if not known.issuperset(row):
            extra = sorted(set(row) - known)
            raise DafuError(f"table {spec.name}: row {n} has unknown column(s) {', '.join(extra)}")


def normalise_columns(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """:func:`normalise_rows` as one list of plain cells per column, in column order."""
    check_columns(spec, rows)
    try:  # a column at a time: one converter over a list, much less work per cell than row by row
        return [plain_column(c.kind, [row.get(c.name) for row in rows]) for c in spec.columns]
    except (ValueError, TypeError):
        _raise_bad_row(spec, rows)
        raise


#: the kinds whose plain cells are already of one exact type (or None)
_PLAIN_TYPES: dict[Kind, frozenset[type]] = {
    "string": frozenset({str, type(None)}), "int": frozenset({int, type(None)}),
    "bool": frozenset({bool, type(None)}),
}


def plain_column(kind: Kind, values: list[Any]) -> list[Any]:
    """One column's cells converted (see :func:`cell`); a column whose cells all have the plain type already
    (the common case, tested in C by ``set(map(type, ...))``) is kept as it is."""
    plain = _PLAIN_TYPES.get(kind)
    if plain is not None and plain.issuperset(map(type, values)):
        return values
    return list(map(_CELLS[kind], values))


def plain_columns(kinds: tuple[Kind, ...], columns: Sequence[list[Any]]) -> tuple[list[Any], ...]:
    """:func:`plain_column` of each of a table's columns (``kinds`` in the same order), the same cells:
    the string, int and bool columns are tested a kind at a time, all of one kind's cells in one pass
    (a table's columns of one kind are mostly plain together), and only where that test fails column
    by column."""
    out = list(columns)
    plain_kinds, others = _kind_plan(kinds)
    for kind, at in plain_kinds:
        if not _PLAIN_TYPES[kind].issuperset(map(type, chain.from_iterable([columns[i] for i in at]))):
            for i in at:
                out[i] = plain_column(kind, columns[i])
    for kind, i in others:  # None is None in every kind: no call for it (most decimal cells are a bound's None)
        convert = _CELLS[kind]
        out[i] = [value if value is None else convert(value) for value in columns[i]]
    return tuple(out)


@functools.cache
def _kind_plan(kinds: tuple[Kind, ...]) -> tuple[
        tuple[tuple[Kind, tuple[int, ...]], ...], tuple[tuple[Kind, int], ...]]:
    """For :func:`plain_columns`: the places of each plain kind's columns, and each other column's kind and place."""
    plain = tuple((kind, at) for kind in _PLAIN_TYPES
                  if (at := tuple(i for i, k in enumerate(kinds) if k == kind)))
    return plain, tuple((k, i) for i, k in enumerate(kinds) if k not in _PLAIN_TYPES)


def _raise_bad_row(spec: TableSpec, rows: Sequence[Mapping[str, Any]]) -> None:
    """Raise the error of the first row with a cell its column's kind cannot take, naming the row."""
    for n, row in enumerate(rows):
        try:
            for c in spec.columns:
                _CELLS[c.kind](row.get(c.name))
        except (ValueError, TypeError) as e:
            raise DafuError(f"table {spec.name}: row {n}: {e}") from e


# --- Arrow and pandas -----------------------------------------------------------------------


def arrow_from_rows(spec: TableSpec, rows: Sequence[tuple[Any, ...]]) -> pa.Table:
    """Normalised rows (see :func:`normalise_rows`) as an Arrow table of the frame schema."""
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in spec.columns]
    return arrow_from_columns(spec, columns)


def arrays_without_pandas() -> None:
    """Let pyarrow make arrays of plain cells without loading pandas, in a process that has not loaded it.

    At its first array of Python values pyarrow imports pandas, once, to tell pandas' own objects
    apart (``_PandasAPIShim``): 0.3 s of CPU, a fifth of a re-run after one file changed, for
    arrays of str, int, bool and text cells that pandas never made. Here that first look is
    made while pandas cannot be imported (by this thread), so pyarrow takes the cells as plain
    values from then on; a later ``to_pandas`` or ``from_pandas`` imports pandas as usual
    (pyarrow tries again when it needs pandas itself; ``tests/test_rerun.py`` checks it). Until
    then pyarrow takes a pandas Series for a plain sequence: only for a process that hands it
    none, the ``dafu`` command's (``driver.ARRAYS_WITHOUT_PANDAS``). Arrays of Arrow's go to
    numpy by :func:`as_numpy`, not ``to_numpy``.
    """
    if "pandas" in sys.modules:
        return
    import threading

    import pyarrow as pa

    class _NotNow:
        def __init__(self) -> None:
            self.thread = threading.get_ident()

        def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
            if name == "pandas" and threading.get_ident() == self.thread:
                raise ImportError("pandas is not needed for these arrays")

    finder = _NotNow()
    sys.meta_path.insert(0, finder)
    try:
        pa.array([], pa.int8())
    finally:
        sys.meta_path.remove(finder)


@functools.cache
def text_scalar(text: str) -> pa.StringScalar:
    """``text`` as an Arrow string for a compute function's argument: a bare ``str`` is a value
    whose type pyarrow infers, which loads pandas even after :func:`arrays_without_pandas`.
    Made on first use, not as a module loads: before ``arrays_without_pandas`` any scalar would."""
    import pyarrow as pa

    return pa.scalar(text, pa.string())


def as_numpy(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean or numeric Arrow array without nulls as numpy's, read from its data buffer.

    ``to_numpy`` goes through pyarrow's conversion to pandas, which loads pandas (0.3 s) in a
    process that has not, and, once it has failed to, never recognises pandas' missing values
    again: the tables' code reads its masks and indices this way instead.
    """
    import numpy as np
    import pyarrow as pa

    array = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    if array.null_count:
        raise ValueError("as_numpy takes arrays without nulls")
    kind = array.type
    data = array.buffers()[1]
    if pa.types.is_boolean(kind):
        if data is None:
            return np.zeros(0, dtype=bool)
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8), bitorder="little")
        return bits[array.offset:array.offset + len(array)].astype(bool)
    code = "f" if pa.types.is_floating(kind) else "u" if pa.types.is_unsigned_integer(kind) else "i"
    if code == "i" and not pa.types.is_signed_integer(kind):
        raise TypeError(f"as_numpy takes booleans and numbers, not {kind}")
    dtype = np.dtype(f"{code}{kind.bit_width // 8}")
    if data is None:
        return np.zeros(0, dtype=dtype)
    return np.frombuffer(data, dtype=dtype, count=len(array), offset=array.offset * dtype.itemsize)


def arrow_from_columns(spec: TableSpec, columns: Sequence[Sequence[Any]]) -> pa.Table:
    """Normalised columns (see :func:`normalise_columns`) as an Arrow table of the frame schema."""
    import pyarrow as pa

    schema = spec.frame_schema
    return pa.table([_array(c.kind, col) for col, c in zip(columns, spec.columns, strict=True)], schema=schema)


def _array(kind: Kind, cells: Sequence[Any] | pa.Array) -> pa.Array:
    """Plain cells of a column as an Arrow array of the frame type (decimal and date text cast, without loss)."""
    import pyarrow as pa

    array = cells if isinstance(cells, pa.Array) else pa.array(cells, type=_cell_types()[kind])
    return array if array.type == frame_type(kind) else array.cast(frame_type(kind))


def arrow_from_dicts(spec: TableSpec, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows whose keys :func:`check_columns` has accepted, as :func:`arrow_from_columns` of
    :func:`normalise_columns` gives them.

    Arrow reads the string, integer and boolean columns straight from the dicts, in C++;
    the decimal, date and float cells are converted here. Rows with a cell Arrow will not
    take as it is (a number in a text column, pandas' NA …) go the plain way.
    """
    import pyarrow as pa

    schema = spec.frame_schema
    try:
        direct = pa.Table.from_pylist(rows, schema=spec.direct_schema)
    except (pa.ArrowException, TypeError, ValueError):
        return arrow_from_columns(spec, normalise_columns(spec, rows))
    try:
        arrays = [direct.column(c.name) if c.kind in _PLAIN_TYPES
                  else _array(c.kind, plain_column(c.kind, [row.get(c.name) for row in rows]))
                  for c in spec.columns]
    except (ValueError, TypeError):
        _raise_bad_row(spec, rows)
        raise
    return pa.table(arrays, schema=schema)


def frame_from_arrow(spec: TableSpec, table: pa.Table | pa.RecordBatch) -> pd.DataFrame:
    """An Arrow table or batch (frame or Parquet schema, any column order) as the table's DataFrame.

    Columns it lacks come out all-missing; columns the spec does not know are dropped.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arrays = []
    for c, f in zip(spec.columns, spec.frame_schema, strict=True):
        if c.name in table.schema.names:
            arr = table.column(c.name)
            if c.kind == "date" and not pa.types.is_string(arr.type):
                arr = pc.cast(arr, pa.date32()) if not pa.types.is_date32(arr.type) else arr
            arrays.append(pc.cast(arr, f.type))
        else:
            arrays.append(pa.nulls(table.num_rows, type=f.type))
    frame: pd.DataFrame = pa.table(arrays, schema=spec.frame_schema).to_pandas(types_mapper=pandas_types().get)
    return frame


def frame_from_rows(spec: TableSpec, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    return frame_from_arrow(spec, arrow_from_rows(spec, normalise_rows(spec, rows)))


def conform(spec: TableSpec, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with exactly the spec's columns, in order, with the spec's dtypes."""
    if list(frame.columns) == spec.names and all(
        str(frame[c.name].dtype) == str(pandas_type(c.kind)) for c in spec.columns
    ):
        return frame.reset_index(drop=True)
    rows = frame.to_dict("records")
    return frame_from_rows(spec, ({k: v for k, v in r.items() if k in set(spec.names)} for r in rows))


def arrow_from_frame(spec: TableSpec, frame: pd.DataFrame, *, parquet: bool = False) -> pa.Table:
    """The DataFrame as Arrow, without pandas metadata (so the bytes written do not depend on pandas)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, schema=spec.frame_schema, preserve_index=False).replace_schema_metadata(None)
    if not parquet:
        return table
    return table.cast(spec.parquet_schema)


def exact_text(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """A decimal column as its exact shortest text (``2870000000``, ``0.05``, ``0.0000000218``).

    Arrow's own cast to text keeps the twelve places (``0.050000000000``), which are dropped
    here in C++ (a regex over the text), and turns small values and zero into ``2.18E-8``,
    ``0E-12``: those few cells are made in Python (:func:`decimal_text`).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    array = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    if not pa.types.is_decimal(array.type) or array.type.scale <= 0:  # not the twelve places of a frame
        return _exact_text_in_python(array)
    text = pc.cast(array, pa.string())
    shortest: pa.Array = pc.replace_substring_regex(text, r"\.?0+$", "")
    exponents = pc.fill_null(pc.match_substring(text, "E"), pa.scalar(False, pa.bool_()))
    if pc.any(exponents).as_py():
        shortest = pc.replace_with_mask(shortest, exponents, _exact_text_in_python(array.filter(exponents)))
    return shortest


def _exact_text_in_python(values: pa.Array) -> pa.Array:
    import pyarrow as pa

    return pa.array([None if d is None else decimal_text(d) for d in values.to_pylist()], pa.string())


def decimal_text(number: Decimal) -> str:
    """The exact shortest text of a finite decimal, without ``normalize`` (which rounds to the
    context's 28 digits): ``Decimal("2870000000.000000000000")`` → ``2870000000``."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


TEXT_SUFFIX = "_text"


def with_exact_text(spec: TableSpec) -> TableSpec:
    """``spec`` for a format whose numbers are doubles (SQLite, Excel): each decimal column
    is followed by ``<name>_text``, its exact value as text.

    >>> from pipeline.tables.specs import SPECS
    >>> [n for n in with_exact_text(SPECS["quantities"]).names if n.startswith(("amount", "low"))]
    ['amount', 'amount_text', 'amount_float', 'low', 'low_text']
    """
    columns: list[Column] = []
    for c in spec.columns:
        columns.append(c)
        if c.kind == "decimal":
            columns.append(Column(c.name + TEXT_SUFFIX, "string", f"{c.name} exactly, as text"))
    return TableSpec(spec.name, tuple(columns), spec.key, spec.foreign_keys)


def double_columns(spec: TableSpec, table: pa.Table, *, iso_dates: bool) -> list[list[Any]]:
    """The columns of ``with_exact_text(spec)`` as Python lists: decimals as floats then their
    exact text, dates as ``datetime.date`` (or ISO text with ``iso_dates``), the rest as they are."""
    columns: list[list[Any]] = []
    for c in spec.columns:
        values = table.column(c.name)
        if c.kind == "decimal":  # Python's float() is correctly rounded; Arrow's cast is not (0.1 → 0.09999…)
            numbers = values.to_pylist()
            columns.append([None if d is None else float(d) for d in numbers])
            columns.append([None if d is None else decimal_text(d) for d in numbers])
        elif c.kind == "date" and iso_dates:
            columns.append(values.cast(frame_type("string")).to_pylist())
        else:
            columns.append(values.to_pylist())
    return columns


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a DataFrame as dicts of plain Python values (None when missing).

    Through Arrow: pandas' ``to_dict`` boxes each cell of an Arrow-backed column (the
    decimals and dates) one call at a time, several times slower.
    """
    import pyarrow as pa

    if all(isinstance(k, str) for k in frame.columns) and frame.columns.is_unique:
        try:
            rows: list[dict[str, Any]] = pa.Table.from_pandas(frame, preserve_index=False).to_pylist()
            return rows
        except (pa.ArrowException, TypeError, ValueError):  # mixed types in an object column …
            pass
    return [{str(k): None if is_missing(v) else v for k, v in r.items()} for r in frame.to_dict("records")]
