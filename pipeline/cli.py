"""The ``dafu`` command line: a thin layer over the library.

    dafu extract "引入超6家央企研发中心"
    dafu run corpora -o out
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click

import pipeline
from pipeline.errors import DafuError
from pipeline.records import Quantity

_COLUMNS = ("doc_id", *Quantity.model_fields)


def _row(doc_id: str, q: Quantity) -> dict[str, object]:
    return {"doc_id": doc_id, **q.model_dump(mode="json")}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(pipeline.__version__, prog_name="dafu")
def main() -> None:
    """dafu: Chinese government replies in, tidy tables out."""


@main.command()
@click.argument("source")
@click.option("--ref-date", help="Document date for relative dates (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines instead of a table.")
def extract(source: str, ref_date: str | None, as_json: bool) -> None:
    """Print the quantities in SOURCE (a text or a path to a .txt file).

    Example: dafu extract "规模2亿元，排名全市第2"
    """
    path = Path(source)
    text = path.read_text(encoding="utf-8") if len(source) < 1024 and path.is_file() else source
    try:
        doc = pipeline.extract(text, ref_date=ref_date)
    except DafuError as e:
        raise click.UsageError(str(e)) from e
    for q in doc.quantities:
        if as_json:
            click.echo(q.model_dump_json(exclude_none=True))
        else:
            shown = q.value if q.value is not None else f"{q.low}–{q.high}"
            click.echo(f"{q.start:>6} {q.text:<16} {q.type:<9} {shown!s:<24} {q.unit or '':<6} {q.qualifier}")


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True, help="Output folder.")
@click.option("--ref-date", help="Document date for relative dates, when documents state none.")
def run(inputs: tuple[Path, ...], out: Path, ref_date: str | None) -> None:
    """Extract the quantities of every .txt file under INPUTS into OUT.

    Example: dafu run corpora -o out
    """
    files = sorted(p for i in inputs for p in ([i] if i.is_file() else i.rglob("*.txt")))
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, object]] = []
    for path in files:
        doc = pipeline.extract(path.read_text(encoding="utf-8"), ref_date=ref_date)
        rows.extend(_row(path.stem, q) for q in doc.quantities)
    with (out / "quantities.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    with (out / "quantities.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    click.echo(f"{len(files)} documents, {len(rows)} quantities → {out}/quantities.csv, quantities.jsonl")
