"""`python -m okr_model`: check, score and report OKR spreadsheets from the command line.

Commands: `check` (what was read, every issue), `score` (scores as text, JSON or CSV),
`report` (leadership reports: Excel, PowerPoint, PDF, HTML and CSV files) and `template` (a
blank workbook). A thin layer over the library: every number printed or written here comes from
`okr_model.analyse`, and the reports from `okr_model.reports`.
Exit codes: 0 done, 1 the file has errors (check), cannot be scored as asked, or a file cannot
be written, 2 the file cannot be read, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click
import pandas as pd

from okr_model.issues import ERROR
from okr_model.loading import OKRTable, load_okr_files
from okr_model.mapping import ColumnMapping, MappingError, dump_mapping, load_mapping
from okr_model.output import (
    check_text,
    check_to_dict,
    key_results_frame,
    objectives_frame,
    scorecard_text,
    scorecard_to_dict,
    to_csv,
)
from okr_model.policy import ROLLUP_MODES, ScoringPolicy, formula_card
from okr_model.reader import OKRFileError, detected_mapping
from okr_model.reports import FORMATS, write_report
from okr_model.scorecard import Scorecard, analyse
from okr_model.template import write_template
from okr_model.values import is_quarter, parse_quarters

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3


class CannotScore(Exception):
    """The file was read but cannot be scored as asked; the message says why."""


def _quarter(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    parsed = parse_quarters(pd.Series([value], dtype=object))
    if not is_quarter(parsed).iloc[0]:
        raise click.BadParameter(f"{value!r} is not a quarter; write it like 2026-Q3 or Q3 2026.")
    return str(parsed.iloc[0])


def _load(files: tuple[str, ...], quarter: str | None, mapping: str | None) -> OKRTable:
    """One table from one file, or from several read together (linked tables, one per team)."""
    corrections = load_mapping(mapping) if mapping else None
    return load_okr_files([Path(file) for file in files], quarter=quarter, mapping=corrections)


def _write_mapping(mapping: ColumnMapping, path: str) -> None:
    try:
        dump_mapping(mapping, path)
    except OSError as error:
        raise CannotScore(f"cannot write {path}: {error.strerror or error}.") from None
    click.echo(f"Wrote the detected mapping to {path}.", err=True)


def _emit(text: str, output: str | None) -> None:
    if not output:
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise CannotScore(f"cannot write {output}: {error.strerror or error}.") from None


# One spreadsheet, or several read as one (objectives, key results and check-ins in separate CSV
# files, say).
file_argument = click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar="FILE...",
    type=click.Path(dir_okay=False, path_type=str),
)
mapping_option = click.option(
    "--mapping",
    type=click.Path(dir_okay=False),
    help="A JSON or YAML file correcting the detected sheets, header rows and columns "
    "(see `check --write-mapping`).",
)
quarter_option = click.option(
    "--quarter",
    callback=_quarter,
    help="Quarter to score (default: the latest in the file); also used for rows with no quarter.",
)

# The as-of date and the scoring policy switches, shared by `score` and `report`.
_POLICY_OPTIONS = (
    click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Date the expected pace is measured at (default: today, clamped to the quarter).",
    ),
    click.option(
        "--ignore-assessed",
        is_flag=True,
        help="Score KRs from their numbers even where an assessed score is given.",
    ),
    click.option(
        "--no-data-as-zero",
        is_flag=True,
        help="Count KRs with no data as 0 instead of leaving them out.",
    ),
    click.option(
        "--rollup",
        type=click.Choice(ROLLUP_MODES),
        default="key_results",
        show_default=True,
        help="How objectives are scored.",
    ),
)


def policy_options(command: Callable) -> Callable:
    """Add --as-of, --ignore-assessed, --no-data-as-zero and --rollup to a command."""
    return functools.reduce(lambda f, option: option(f), reversed(_POLICY_OPTIONS), command)


def _scorecard(
    files: tuple[str, ...],
    quarter: str | None,
    mapping: str | None,
    as_of: dt.datetime | None,
    ignore_assessed: bool,
    no_data_as_zero: bool,
    rollup: str,
) -> tuple[OKRTable, Scorecard]:
    """Read the files and score them under the policy the options describe."""
    okrs = _load(files, quarter, mapping)
    if not len(okrs.objectives):
        raise CannotScore("no row of the file can be scored; run `check` to see why.")
    policy = ScoringPolicy(
        use_assessed_scores=not ignore_assessed, no_data_as_zero=no_data_as_zero, rollup=rollup
    )
    try:
        scorecard = analyse(
            okrs, quarter=quarter, as_of=as_of.date() if as_of else None, policy=policy
        )
    except ValueError as error:
        raise CannotScore(f"{error}.") from None
    return okrs, scorecard


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="okr-dashboard")
def cli() -> None:
    """Check and score OKR spreadsheets (.xlsx, .xlsm, .ods, .csv, .tsv)."""


@cli.command()
@file_argument
@quarter_option
@mapping_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout."
)
@click.option(
    "--write-mapping",
    type=click.Path(dir_okay=False),
    help="Write what was detected as a mapping file (.json or .yaml) to correct and pass back.",
)
def check(
    files: tuple[str, ...],
    quarter: str | None,
    mapping: str | None,
    fmt: str,
    output: str | None,
    write_mapping: str | None,
) -> None:
    """Report what was read from FILE (or several read as one) and every problem, in
    spreadsheet terms.

    Exits 0 when every row can be scored, 1 when some rows have errors or nothing can be scored,
    2 when a FILE is unreadable.
    """
    try:
        table = _load(files, quarter, mapping)
    except OKRFileError as error:
        # A file detection cannot read is exactly the one a mapping is for.
        if write_mapping and error.sheets:
            _write_mapping(detected_mapping(error.sheets), write_mapping)
        raise
    if write_mapping:
        _write_mapping(detected_mapping(table.source.sheets), write_mapping)
    if fmt == "json":
        _emit(json.dumps(check_to_dict(table), ensure_ascii=False, indent=2) + "\n", output)
    else:
        _emit(check_text(table), output)
    invalid = table.issues["severity"].eq(ERROR).any() or table.key_results.empty
    sys.exit(EXIT_INVALID if invalid else EXIT_OK)


TABLES = {
    "objectives": objectives_frame,
    "key_results": key_results_frame,
    "owners": lambda sc: sc.owners,
    "units": lambda sc: sc.units,
    "levels": lambda sc: sc.levels,
    "health": lambda sc: sc.health,
    "issues": lambda sc: sc.issues,
}


@cli.command()
@file_argument
@quarter_option
@mapping_option
@policy_options
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
@click.option(
    "--table",
    type=click.Choice(list(TABLES)),
    default="objectives",
    show_default=True,
    help="Which table --format csv writes.",
)
@click.option(
    "--show-policy", is_flag=True, help="Print the scoring policy (formula card) after the scores."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout."
)
def score(
    files: tuple[str, ...],
    quarter: str | None,
    mapping: str | None,
    as_of: dt.datetime | None,
    fmt: str,
    table: str,
    ignore_assessed: bool,
    no_data_as_zero: bool,
    rollup: str,
    show_policy: bool,
    output: str | None,
) -> None:
    """Score one quarter of FILE (or several read as one): company, levels, units, owners,
    objectives and key results."""
    okrs, scorecard = _scorecard(
        files, quarter, mapping, as_of, ignore_assessed, no_data_as_zero, rollup
    )
    policy = scorecard.policy
    if fmt == "json":
        text = json.dumps(scorecard_to_dict(scorecard, okrs), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = to_csv(TABLES[table](scorecard))
    else:
        text = scorecard_text(scorecard, okrs)
        if show_policy:
            text += "\nScoring policy\n\n" + formula_card(policy)
    _emit(text, output)


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"{', '.join(map(repr, unknown)) or 'nothing'} is not a report format; "
            f"use some of {','.join(FORMATS)}."
        )
    return chosen


@cli.command()
@file_argument
@quarter_option
@mapping_option
@policy_options
@click.option(
    "-o",
    "--output-dir",
    "outdir",
    type=click.Path(path_type=str),
    default=".",
    show_default=True,
    help="Folder to write the reports to (made if missing).",
)
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    callback=_formats,
    help="Which reports, separated by commas (csv writes the objectives and key results).",
)
@click.option("--title", help="The company name the reports carry (default: FILE's name).")
def report(
    files: tuple[str, ...],
    quarter: str | None,
    mapping: str | None,
    as_of: dt.datetime | None,
    ignore_assessed: bool,
    no_data_as_zero: bool,
    rollup: str,
    outdir: str,
    formats: tuple[str, ...],
    title: str | None,
) -> None:
    """Write leadership reports of one quarter of FILE: Excel, PowerPoint, PDF, HTML, CSV.

    Prints the paths written, one per line; progress goes to stderr.
    """
    okrs, scorecard = _scorecard(
        files, quarter, mapping, as_of, ignore_assessed, no_data_as_zero, rollup
    )
    folder = Path(outdir)
    if folder.exists() and not folder.is_dir():
        raise CannotScore(f"cannot write the reports to {outdir}: it is a file, not a folder.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CannotScore(f"cannot make the folder {outdir}: {error.strerror or error}.") from None
    click.echo(f"Writing {', '.join(formats)} reports of {scorecard.quarter} to {outdir}", err=True)
    started = time.perf_counter()

    def progress(fmt: str, path: Path) -> None:
        click.echo(f"  {fmt}: {path.name} ({time.perf_counter() - started:.1f} s)", err=True)

    try:
        paths = write_report(scorecard, okrs, folder, formats, title=title, progress=progress)
    except OSError as error:
        where = error.filename or outdir
        raise CannotScore(f"cannot write {where}: {error.strerror or error}.") from None
    for path in paths:
        click.echo(str(path))


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default="okr_template.xlsx",
    show_default=True,
    help="Where to write the template workbook.",
)
def template(output: str) -> None:
    """Write a blank OKR template workbook (dropdowns for level, direction and type)."""
    try:
        write_template(Path(output))
    except OSError as error:
        raise CannotScore(f"cannot write {output}: {error.strerror or error}.") from None
    click.echo(f"Wrote {output}.")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code. No traceback reaches the user unless OKR_DEBUG is set."""
    try:
        cli.main(args=argv, prog_name="okr", standalone_mode=False)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_INVALID
    except click.ClickException as error:
        error.show()
        return EXIT_UNREADABLE if error.exit_code == 2 else error.exit_code
    except (OKRFileError, MappingError) as error:
        click.echo(f"Error: {error}", err=True)
        return EXIT_UNREADABLE
    except CannotScore as error:
        click.echo(f"Error: {error}", err=True)
        return EXIT_INVALID
    except Exception as error:  # the promise: never a traceback, always one sentence
        if os.environ.get("OKR_DEBUG"):
            raise
        click.echo(
            f"Internal error ({type(error).__name__}: {error}). This is a bug; please report it "
            "with the file if you can. Set OKR_DEBUG=1 to see the details.",
            err=True,
        )
        return EXIT_INTERNAL
    return EXIT_OK
