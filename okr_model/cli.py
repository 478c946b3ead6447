"""`python -m okr_model`: check and score OKR spreadsheets from the command line.

A thin layer over the library: every number printed here comes from `okr_model.analyse`.
Exit codes: 0 done, 1 the file has errors (check) or cannot be scored as asked, 2 the file
cannot be read, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click
import pandas as pd

from okr_model.issues import ERROR
from okr_model.loading import OKRTable, load_okrs
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


def _load(path: str, quarter: str | None, mapping: str | None) -> OKRTable:
    corrections = load_mapping(mapping) if mapping else None
    return load_okrs(Path(path), quarter=quarter, mapping=corrections)


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


file_argument = click.argument("file", type=click.Path(dir_okay=False, path_type=str))
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
    file: str,
    quarter: str | None,
    mapping: str | None,
    fmt: str,
    output: str | None,
    write_mapping: str | None,
) -> None:
    """Report what was read from FILE and every problem, in spreadsheet terms.

    Exits 0 when every row can be scored, 1 when some rows have errors or nothing can be scored,
    2 when FILE is unreadable.
    """
    try:
        table = _load(file, quarter, mapping)
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
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date the expected pace is measured at (default: today, clamped to the quarter).",
)
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
    "--ignore-assessed",
    is_flag=True,
    help="Score KRs from their numbers even where an assessed score is given.",
)
@click.option(
    "--no-data-as-zero",
    is_flag=True,
    help="Count KRs with no data as 0 instead of leaving them out.",
)
@click.option(
    "--rollup",
    type=click.Choice(ROLLUP_MODES),
    default="key_results",
    show_default=True,
    help="How objectives are scored.",
)
@click.option(
    "--show-policy", is_flag=True, help="Print the scoring policy (formula card) after the scores."
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write here instead of stdout."
)
def score(
    file: str,
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
    """Score one quarter of FILE: company, levels, units, owners, objectives and key results."""
    okrs = _load(file, quarter, mapping)
    if not len(okrs.objectives):
        raise CannotScore("no row of the file can be scored; run `check` to see why.")
    policy = ScoringPolicy(
        use_assessed_scores=not ignore_assessed, no_data_as_zero=no_data_as_zero, rollup=rollup
    )
    try:
        scorecard: Scorecard = analyse(
            okrs, quarter=quarter, as_of=as_of.date() if as_of else None, policy=policy
        )
    except ValueError as error:
        raise CannotScore(f"{error}.") from None
    if fmt == "json":
        text = json.dumps(scorecard_to_dict(scorecard, okrs), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = to_csv(TABLES[table](scorecard))
    else:
        text = scorecard_text(scorecard, okrs)
        if show_policy:
            text += "\nScoring policy\n\n" + formula_card(policy)
    _emit(text, output)


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
