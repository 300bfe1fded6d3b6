"""The ``dafu`` command line: a thin layer over the library.

    dafu run 答复 -o 表格              # every file under 答复/ into tables in 表格/
    dafu extract "引入超6家央企研发中心"
    dafu eval --gold ../shared/gold
    dafu report 表格                   # one self-contained HTML page of the tables

Exit codes: 0 done; 1 some inputs had problems (with ``--strict``); 2 a usage error;
3 dafu could not do it (the one-line message says why).
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import functools
import gc
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

import pipeline
from pipeline.batch.options import (
    DEFAULT_FORMATS,
    DEFAULT_INCLUDE,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIME_LIMIT,
    ENGINES,
    RunOptions,
)
from pipeline.errors import DafuError
from pipeline.export import FORMATS
from pipeline.refdate import coerce_date

if TYPE_CHECKING:
    from pipeline.batch import Progress, RunSummary
    from pipeline.records import Quantity

EXIT_PROBLEMS = 1
EXIT_FAILED = 3

F = TypeVar("F", bound=Callable[..., Any])


class DafuFailed(click.ClickException):
    """A library error, shown as one line: ``Error: 答复.txt: empty file``."""

    exit_code = EXIT_FAILED


class DafuGroup(click.Group):
    """The ``dafu`` group: a library error in any command becomes :class:`DafuFailed` here, once."""

    def invoke(self, ctx: click.Context) -> Any:
        _no_collection_at_exit()
        try:
            return super().invoke(ctx)
        except DafuError as e:
            raise DafuFailed(str(e)) from e


@functools.cache
def _no_collection_at_exit() -> None:
    """Python collects every object once more as it exits; with pandas and pyarrow loaded that
    walk costs ~0.3 s of a command that took 1 s (a re-run after one change). The memory goes
    back to the system as the process ends anyway: the objects left are frozen out of it, as
    the command ends (atexit handlers, such as the removal of temporary folders, still run)."""
    atexit.register(gc.freeze)


def _parse_ref_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return coerce_date(value)
    except DafuError as e:
        raise click.BadParameter(str(e)) from e


def _parse_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'} is not one of {', '.join(FORMATS)}")
    return formats


def ref_date_option(f: F) -> F:
    """``--ref-date``, shared by the commands that extract."""
    return click.option("--ref-date", callback=_parse_ref_date, metavar="YYYY-MM-DD",
                        help="Date that resolves relative dates (今年6月) when a document states none.")(f)


_RUN_OPTIONS = (  # RunOptions' fields as options, in the order --help shows them
    click.option("-f", "--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
                 callback=_parse_formats,
                 help=f"Comma-separated table formats: {', '.join(FORMATS)}. Files of other formats already in "
                      "OUT are kept up to date (see --clean)."),
    click.option("-j", "--jobs", type=click.IntRange(min=1), help="Worker processes (default: every core)."),
    ref_date_option,
    click.option("--glob", "include", multiple=True, metavar="PATTERN",
                 help=f"Read only files matching PATTERN (repeatable; default: {' '.join(DEFAULT_INCLUDE)}; "
                      "formats dafu cannot read become problems saying how to convert them)."),
    click.option("--exclude", multiple=True, metavar="PATTERN",
                 help="Skip files and folders matching PATTERN (repeatable)."),
    click.option("--tokens", is_flag=True, help="Also write the tokens table (one row per word)."),
    click.option("--time-limit", type=click.FloatRange(min=0), default=DEFAULT_TIME_LIMIT, show_default=True,
                 metavar="SECONDS",
                 help="Seconds to read and extract one file before it becomes a problem, as many again for "
                      "each page OCR recognises in it (0: no limit)."),
    click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
                 metavar="BYTES", help="Larger files become a problem without being read."),
    click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                 help="local: a pool of processes here; dask: a Dask cluster (tables as Parquet datasets "
                      "OUT/<table>/)."),
    click.option("--scheduler", metavar="ADDRESS",
                 help="With --engine dask: the scheduler (tcp://host:8786 or a scheduler file); "
                      "default: a local cluster of --jobs workers."),
    click.option("--clean", is_flag=True,
                 help="Remove the files of the formats not given in --format from OUT (without it a run "
                      "adds formats and never removes any)."),
    click.option("--metadata", type=click.Path(exists=True, dir_okay=False), metavar="FILE",
                 help="A table (.csv, .xlsx, .jsonl) keyed by path (relative to the input folder) or doc_id: "
                      "its ref_date resolves that file's relative dates, its other columns go into documents "
                      "(default: dafu-metadata.csv/.xlsx/.jsonl in an input folder)."),
    click.option("--checksum", is_flag=True,
                 help="Read and hash every input to find what changed since the last run into OUT (without "
                      "it, as make and rsync do, a file of the size and modification time recorded then is "
                      "taken as unchanged)."),
)
_RUN_FIELDS = tuple(f.name for f in dataclasses.fields(RunOptions))  # one option each, above


def run_options(f: F) -> F:
    """The options of :class:`~pipeline.batch.RunOptions`, handed to the command as one ``options`` record."""

    @functools.wraps(f)
    def command(**params: Any) -> Any:
        fields = {name: params.pop(name) for name in _RUN_FIELDS}
        fields["include"] = fields["include"] or None  # no --glob: the readers' default patterns
        return f(options=RunOptions(**fields), **params)

    for option in reversed(_RUN_OPTIONS):
        command = option(command)
    return cast(F, command)


@click.group(cls=DafuGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(pipeline.__version__, "-V", "--version", prog_name="dafu")
def main() -> None:
    """dafu: Chinese government replies in, tidy tables out.

    \b
    Example:
      dafu run 答复 -o 表格
    \b
    Exit codes: 0 done; 1 inputs had problems (run --strict);
    2 usage error; 3 dafu could not do it (the message says why).
    """


# --- run ------------------------------------------------------------------------------------


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Output folder for the tables.")
@run_options
@click.option("--strict", is_flag=True, help="Exit with status 1 when any input had a problem.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def run(inputs: tuple[Path, ...], out: Path, options: RunOptions, strict: bool, quiet: bool) -> None:
    """Read every document under INPUTS into joinable tables in OUT.

    Files whose content has not changed since the last run into OUT are not read again,
    and when nothing changed (same files, same settings, every output intact) nothing is
    written. Formats add up: `--format xlsx` after a Parquet and CSV run adds dafu.xlsx
    and keeps the Parquet and CSV files up to date; `--clean` removes the formats not given.
    A file that cannot be read is listed in the problems table and the run goes on.

    \b
    Examples:
      dafu run 答复 -o 表格
      dafu run 答复 2024/*.docx -o 表格 --format parquet,xlsx --jobs 4
      dafu run 答复 -o 表格 --glob "*.txt" --exclude "草稿/*" --strict
      dafu run 答复 -o 表格 --format xlsx --clean     # only dafu.xlsx left in 表格/
      dafu run 答复 -o 表格 --metadata 留言.xlsx
      dafu run 答复 -o /shared/表格 --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from pipeline.batch import driver, out_exclusions, run_batch  # keeps `dafu --help` fast

    driver.ARRAYS_WITHOUT_PANDAS = True  # this process ends with the run

    exclude = (*options.exclude, *_exclude_out(inputs, out, options.exclude, out_exclusions))
    bar = _ProgressBar(enabled=not quiet)
    try:
        summary = run_batch(inputs, out=out, options=options, progress=bar.update, exclude=exclude)
    finally:
        bar.close()
    _report(summary, out, options.formats)
    if strict and summary.problem_count:
        sys.exit(EXIT_PROBLEMS)


def _exclude_out(inputs: Sequence[Path], out: Path, exclude: Sequence[str],
                 out_exclusions: Callable[..., list[tuple[str, str]]]) -> list[str]:
    patterns = []
    for folder, pattern in out_exclusions(inputs, out, exclude):
        if pattern == "*":
            raise click.BadParameter(f"{out} is the input folder {folder} itself", param_hint="'-o' / '--out'")
        click.echo(f"note: {out} is inside input folder {folder}; not reading it (--exclude {pattern!r})", err=True)
        patterns.append(pattern)
    return patterns


class _ProgressBar:
    """A bar on stderr (documents/s and ETA), drawn only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.bar: Any = None
        self.phase = "read"
        self.started = time.monotonic()

    def update(self, event: Progress) -> None:
        if not self.enabled:
            return
        if event.phase == "write":
            self._writing(event)
            return
        if self.bar is None:
            self.bar = click.progressbar(length=event.total, label="reading", file=sys.stderr, show_eta=True,
                                         show_pos=True, item_show_func=lambda rate: rate)
            self.bar.__enter__()
        rate = event.done / max(time.monotonic() - self.started, 1e-9)
        scans = f", {_pages(event.ocr_total)} recognised" if event.ocr_total else ""
        self.bar.update(1, current_item=f"{rate:.1f} documents/s{scans}")

    def _writing(self, event: Progress) -> None:
        if self.phase != "write":  # the reading bar is done: a bar of the writing steps instead
            self.close()
            self.phase = "write"
            self.bar = click.progressbar(length=event.total, label="writing", file=sys.stderr, show_pos=True,
                                         item_show_func=lambda what: what)
            self.bar.__enter__()
        self.bar.update(event.done - self.bar.pos, current_item=event.path or "done")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _pages(n: int) -> str:
    return f"{n} page" if n == 1 else f"{n} pages"


def _report(summary: RunSummary, out: Path, formats: Sequence[str]) -> None:
    s = summary.statuses
    if summary.nothing_changed:
        click.echo(f"{summary.files} files unchanged since the last run into {out}/: nothing written")
    documents = s["processed"] + s["unchanged"]
    click.echo(f"{summary.files} files: {documents} documents ({s['processed']} read, {s['unchanged']} unchanged), "
               f"{s['problem']} problems → {out}/ ({', '.join(formats)})")
    if summary.skipped:
        click.echo(f"{summary.skipped} entries of the input folders skipped (hidden, excluded or not a format "
                   f"dafu reads): see {out}/manifest")
    total = sum(summary.quantities.values())
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(summary.quantities.items(), key=lambda kv: (-kv[1], kv[0])))
    click.echo(f"{total} quantities" + (f": {by_type}" if by_type else ""))
    if summary.ocr_pages:
        click.echo(f"{_pages(summary.ocr_pages)} recognised by OCR (kept in {out}/dafu-ocr/ for the next run)")
    for path, reason in summary.problems:
        click.echo(f"  problem: {path}: {reason}")
    if s["problem"] > len(summary.problems):
        click.echo(f"  … and {s['problem'] - len(summary.problems)} more in {out}/problems")
    for line in summary.notes:
        click.echo(line)


# --- extract --------------------------------------------------------------------------------


@main.command()
@click.argument("source")
@ref_date_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines, one quantity a line.")
def extract(source: str, ref_date: dt.date | None, as_json: bool) -> None:
    """Print the quantities in SOURCE: a text, or the path of a document.

    \b
    Examples:
      dafu extract "引入超6家央企研发中心，总投资约2.5亿元"
      dafu extract 答复.docx --json --ref-date 2024-09-12
    """
    is_file = len(source) < 1024 and Path(source).is_file()
    doc = pipeline.read(source, ref_date=ref_date) if is_file else pipeline.extract(source, ref_date=ref_date)
    if as_json:
        for q in doc.quantities:
            click.echo(q.model_dump_json(exclude_none=True))
        return
    click.echo(_quantity_table(doc.quantities))


_TABLE_HEAD = ("start", "end", "text", "type", "value", "unit", "qualifier", "of")


def _quantity_table(quantities: Sequence[Quantity]) -> str:
    rows = [_TABLE_HEAD] + [
        (str(q.start), str(q.end), q.text.replace("\n", " "), q.type,
         q.value if q.value is not None else f"{q.low}–{q.high}", q.unit or "", q.qualifier, q.of or "")
        for q in quantities
    ]
    widths = [max(_width(r[i]) for r in rows) for i in range(len(_TABLE_HEAD))]
    right = {0, 1}
    lines = ["  ".join(_pad(cell, w, i in right) for i, (cell, w) in enumerate(zip(r, widths, strict=True))).rstrip()
             for r in rows]
    lines.append(f"{len(quantities)} quantities")
    return "\n".join(lines)


def _width(text: str) -> int:
    # Chinese characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


# --- schema ---------------------------------------------------------------------------------


@main.command()
@click.option("--write", is_flag=True, help="Write the JSON Schemas into DIR.")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("schemas"),
              show_default=True, help="Folder of the JSON Schemas.")
def schema(write: bool, folder: Path) -> None:
    """List the JSON Schemas of dafu's records and whether DIR holds them up to date.

    \b
    Examples:
      dafu schema                 # names, and "up to date" / "stale" / "missing"
      dafu schema --write         # regenerate schemas/
    """
    from pipeline import schema as schemas  # written by the records' owner; imported when used

    if write:
        for path in schemas.write_schemas(folder):
            click.echo(f"wrote {path}")
        return
    texts: dict[str, str] = schemas.schema_texts()
    width = max((len(n) for n in texts), default=0)
    for name, text in texts.items():
        path = folder / name
        if not path.exists():
            state = "missing"
        else:
            state = "up to date" if path.read_text(encoding="utf-8") == text else "stale"
        click.echo(f"{name:<{width}}  {state}")


# --- eval -----------------------------------------------------------------------------------


@main.command(name="eval")
@click.option("--gold", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Folder of <doc>.quantities.jsonl / <doc>.negatives.jsonl gold annotations.")
@click.option("--only", default="", metavar="IDS", help="Comma-separated document ids (or id prefixes) to score.")
@click.option("--errors", type=click.IntRange(min=0), default=0, show_default=True, metavar="N",
              help="Show up to N mismatches.")
def evaluate(gold: Path, only: str, errors: int) -> None:
    """Score the extractor against gold annotations: P/R/F1 per quantity type.

    \b
    Examples:
      dafu eval --gold ../shared/gold
      dafu eval --gold ../shared/gold --only futian-2024079-reply --errors 20
    """
    from pipeline.evaluate import evaluate as score

    result = score(gold, only=[x for x in only.split(",") if x], errors=errors)
    click.echo(result.report(errors))


# --- report ---------------------------------------------------------------------------------


@main.command()
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write (default: OUT/report.html).")
@click.option("--max-docs", type=click.IntRange(min=0), default=50, show_default=True, metavar="N",
              help="Show the highlighted text of the first N documents.")
def report(out: Path, output: Path | None, max_docs: int) -> None:
    """Write one self-contained HTML page of the tables in OUT: numbers by status, charts, problems, texts.

    \b
    Examples:
      dafu run 答复 -o 表格 && dafu report 表格
      dafu report 表格 -o 报告.html --max-docs 10
    """
    from pipeline.report import write_report  # pandas: imported when used

    path = write_report(out, output, max_docs=max_docs)
    click.echo(f"wrote {path}")
