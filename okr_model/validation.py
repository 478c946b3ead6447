"""Turn raw cells into typed key-result rows with pandera, and every failure into an issue.

Rows with an error are set aside (quarantined) and reported; nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pandera.pandas as pa

from okr_model.columns import header_says_percent
from okr_model.issues import ERROR, WARNING, collect, empty_issues, issues_for
from okr_model.layouts import KEY_RESULT, OBJECTIVE, OTHER, SheetLayout, arrange
from okr_model.reader import SourceTable
from okr_model.schema import FAILURE_CODES, KEY_RESULT_ROWS, PARSE_KEY_RESULT_ROWS, failure_kind
from okr_model.values import (
    DIRECTION_WORDS,
    UNSPECIFIED_QUARTER,
    as_fraction,
    binary_done,
    is_boolean_word,
    is_quarter,
    lookup_words,
    parse_dates,
    parse_numbers,
    parse_quarters,
)


def header_lookup(source: SourceTable) -> pd.Series:
    """Original headers indexed by (file, sheet, canonical column), for issue messages."""
    entries = {
        (s.file, s.sheet, canonical): original
        for s in source.sheets
        if s.used
        for original, canonical in s.columns.items()
    }
    index = pd.MultiIndex.from_tuples(list(entries) or [("", "", "")])
    return pd.Series(list(entries.values()) or [""], index=index, dtype="str")


def sheet_issues(source: SourceTable) -> pd.DataFrame:
    """Issues about whole sheets: OKR tables missing a required column, repeated columns."""
    frames = []
    for s in source.sheets:
        if s.too_large:
            where = pd.DataFrame(
                {"source_file": [s.file], "source_sheet": [s.sheet], "source_row": [1]}
            )
            frames.append(issues_for(where, "sheet_too_large", value=s.reason))
        if s.header_row is None:
            continue
        where = pd.DataFrame(
            {"source_file": [s.file], "source_sheet": [s.sheet], "source_row": [s.header_row]}
        )
        if s.incomplete:
            needed = s.reason.split(" (headers:")[0]
            frames.append(issues_for(where, "sheet_missing_column", value=needed, rows=s.rows))
        for original, canonical in s.approximate.items():
            frames.append(
                issues_for(
                    where,
                    "approximate_header",
                    column=original,
                    value=original,
                    meaning=canonical.replace("_", " "),
                )
            )
        used = {canonical: original for original, canonical in s.columns.items()}
        for original, canonical in s.duplicates.items():
            frames.append(
                issues_for(
                    where,
                    "duplicate_column",
                    column=original,
                    value=original,
                    meaning=canonical.replace("_", " "),
                    used=used[canonical],
                )
            )
    formulas = source.formulas
    frames.append(
        issues_for(
            formulas, "formula_without_result", column=formulas["column"], value=formulas["formula"]
        )
    )
    return collect(frames)


@dataclass(frozen=True)
class Scales:
    """The scale each sheet writes a fraction column on: (file, sheet) -> "0-1" or "0-100"."""

    progress: dict[tuple[str, str], str] = field(default_factory=dict)
    assessed_score: dict[tuple[str, str], str] = field(default_factory=dict)


FRACTION_COLUMNS = ("progress", "assessed_score")


def percent_scale(parsed: pd.DataFrame, *, header_percent: bool) -> bool:
    """Whether one sheet's fraction column is written 0-100 rather than 0-1.

    Cells with a % sign say their own scale. Of the plain numbers, a 0-100 column is one where
    at least half the non-zero values exceed 1.5 (so one typo does not rescale a column), or
    whose header says % and whose values are not all within 0-1 (a %-formatted Excel column
    stores 0.7 for 70%, so all-fraction values under a % header are fractions).
    """
    plain = parsed["value"][~parsed["percent"] & parsed["value"].notna() & parsed["value"].ne(0)]
    if plain.empty:
        return bool(parsed["percent"].any() or header_percent)
    if header_percent:
        return not plain.abs().le(1).all()
    return bool(plain.abs().gt(1.5).sum() * 2 >= len(plain))


def sheet_scales(
    parsed: pd.DataFrame,
    raw: pd.Series,
    sheets: pd.MultiIndex,
    header_percent: Callable[[str, str], bool],
) -> tuple[pd.Series, dict[tuple[str, str], bool]]:
    """Whether each sheet writes a parsed fraction column on 0-100 (see `percent_scale`).

    Returns the answer per row (False where the sheet has no value) and per (file, sheet) that
    has values; `header_percent(file, sheet)` says whether that sheet's header announces a %.
    """
    per_row = pd.Series(False, index=parsed.index)
    per_sheet = {}
    for (file, sheet), rows in parsed.groupby(sheets, sort=False):
        if raw[rows.index].isna().all():
            continue
        per_sheet[(file, sheet)] = percent_scale(rows, header_percent=header_percent(file, sheet))
        per_row[rows.index] = per_sheet[(file, sheet)]
    return per_row, per_sheet


def fraction_columns(
    cells: pd.DataFrame, source: SourceTable, headers: pd.Series
) -> tuple[pd.DataFrame, Scales, pd.DataFrame]:
    """Progress and assessed scores on 0-1, each sheet's scale detected on its own.

    Plain numbers that contradict their sheet's scale (0.7 in a 0-100 column, 70 in a 0-1
    progress column) are read by the scale but reported. Cells that are not numbers are left
    for validation to report.
    """
    sheets = pd.MultiIndex.from_frame(cells[["source_file", "source_sheet"]])
    found: dict[str, dict[tuple[str, str], str]] = {}
    issues = []
    converted = {}
    for column in FRACTION_COLUMNS:
        found[column] = {}
        values = cells[column]
        if values.isna().all():
            continue
        parsed = parse_numbers(values)
        percent_rows, per_sheet = sheet_scales(
            parsed,
            values,
            sheets,
            lambda file, sheet, column=column: header_says_percent(
                headers.get((file, sheet, column), "")
            ),
        )
        found[column] = {key: "0-100" if p else "0-1" for key, p in per_sheet.items()}
        plain = parsed["value"].where(~parsed["percent"])
        odd = (percent_rows & plain.abs().le(1) & plain.ne(0)) | (
            ~percent_rows & plain.abs().gt(1.5) & (column == "progress")
        )
        rows = cells[odd]
        issues.append(
            issues_for(
                rows,
                "scale_mismatch",
                column=column,
                value=rows[column],
                headers=headers,
                scale=pd.Series(np.where(percent_rows[odd], "0-100", "0-1"), index=rows.index),
                meaning=(as_fraction(parsed, percent_scale=percent_rows)[odd] * 100).round(2),
            )
        )
        fraction = as_fraction(parsed, percent_scale=percent_rows)
        converted[column] = fraction.astype(object).mask(parsed["failed"], values)
    scales = Scales(progress=found["progress"], assessed_score=found["assessed_score"])
    return cells.assign(**converted), scales, collect(issues)


def fill_quarters(
    cells: pd.DataFrame, default: str | None, headers: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Normalise quarters; fill blanks from `default` or the file's only quarter.

    Blanks stay blank (an error later) when the file holds several quarters and no default is given.
    """
    quarters = parse_quarters(cells["quarter"])
    distinct = pd.Series(quarters.dropna().unique(), dtype="str")
    known = sorted(distinct[is_quarter(distinct)])
    fill = default or (known[0] if len(known) == 1 else None)
    blank = quarters.isna()
    issues = []
    if fill is None and not known:
        fill = UNSPECIFIED_QUARTER
    elif blank.any() and fill is not None and cells["quarter"].notna().any():
        issues.append(
            issues_for(
                cells[blank], "quarter_assumed", column="quarter", headers=headers, quarter=fill
            )
        )
    if fill is not None:
        quarters = quarters.fillna(fill)
    return cells.assign(quarter=quarters), collect(issues)


DATE_COLUMNS = ("due_date", "checkin_date")


def parse_date_columns(
    cells: pd.DataFrame, headers: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Due and check-in dates as dates; a cell that is not a date is a warning and left blank."""
    parsed, issues = {}, []
    for column in DATE_COLUMNS:
        dates = parse_dates(cells[column])
        rows = cells[dates.isna() & cells[column].notna()]
        issues.append(
            issues_for(rows, "bad_date", column=column, value=rows[column], headers=headers)
        )
        parsed[column] = dates
    return cells.assign(**parsed), collect(issues)


def fill_objective_text(
    cells: pd.DataFrame, headers: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A blank objective on a row whose objective id names it elsewhere takes that text.

    Key results that name an objective only by an id no row defines are set aside, each with
    an error (linked tables: a key-results sheet pointing at a missing objective).
    """
    if cells["objective_id"].isna().all() or cells["objective"].notna().all():
        return cells, empty_issues()
    named = cells.groupby(["quarter", "objective_id"], sort=False)["objective"].transform("first")
    cells = cells.assign(objective=cells["objective"].fillna(named))
    unknown = cells["objective"].isna() & cells["objective_id"].notna()
    issues = issues_for(
        cells[unknown],
        "unknown_objective_id",
        column="objective_id",
        value=cells.loc[unknown, "objective_id"],
        headers=headers,
    )
    return cells[~unknown], issues


def resolve_binary(cells: pd.DataFrame, headers: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Yes/no key results: current becomes 1 (done) or 0, measured from 0 towards 1.

    A KR is binary when its direction says so, or when its direction is blank and its target
    or current is a yes/no word.
    """
    direction = lookup_words(cells["direction"], DIRECTION_WORDS)
    binary = direction.eq("binary")
    undecided = direction.isna()
    if undecided.any():
        words = is_boolean_word(cells.loc[undecided, "target"]) | is_boolean_word(
            cells.loc[undecided, "current"]
        )
        binary |= words.reindex(cells.index, fill_value=False)
    if not binary.any():
        return cells, collect([])
    current = cells["current"].where(binary)
    said_done = binary_done(current)
    # Anything but a yes/no word, 0 or 1 counts as not done, and the sheet should hear why.
    number = pd.to_numeric(current.astype(object), errors="coerce")
    odd = binary & current.notna() & said_done.eq(0.0) & ~is_boolean_word(current)
    odd &= number.isna() | ~number.isin([0.0, 1.0])
    issues = issues_for(
        cells[odd],
        "binary_not_done",
        column="current",
        value=cells.loc[odd, "current"],
        headers=headers,
    )
    resolved = cells.assign(
        current=cells["current"].mask(binary, said_done),
        target=cells["target"].mask(binary, 1.0),
        start=cells["start"].mask(binary, 0.0),
        direction=cells["direction"].mask(binary, "binary"),
    )
    return resolved, issues


@dataclass(frozen=True)
class ParsedRows:
    """Typed rows (key results and objective rows, told apart by `row_kind`) and what was found."""

    rows: pd.DataFrame
    issues: pd.DataFrame
    scales: Scales
    layouts: tuple[SheetLayout, ...]
    other_rows: pd.DataFrame  # where the rows that are neither objectives nor KRs are


# Objective rows have no key result; this stands in for it while the rows are validated together.
_NO_KEY_RESULT = "<objective row>"


def parse_rows(source: SourceTable, *, quarter: str | None = None) -> ParsedRows:
    """Type and check every non-blank row; rows with an error are set aside and reported.

    Returned rows keep the source index and columns.
    """
    headers = header_lookup(source)
    # Check-in rows are read on their own (see checkins.py); notes below a table are not rows.
    cells = source.cells[~source.cells["blank"] & ~source.cells["checkin_row"]]
    footers = cells[cells["footer"]]
    cells, layouts = arrange(cells[~cells["footer"]])
    cells, item_issues, other_rows = _set_aside_export_items(cells, headers)
    footer_issues = issues_for(footers, "footer_row")
    other_rows = pd.concat([other_rows, footers[["source_file", "source_sheet", "source_row"]]])
    objective_rows = cells["row_kind"].eq(OBJECTIVE)
    cells = cells.assign(key_result=cells["key_result"].mask(objective_rows, _NO_KEY_RESULT))
    cells, quarter_issues = fill_quarters(cells, quarter, headers)
    cells, binary_issues = resolve_binary(cells, headers)
    cells, objective_issues = fill_objective_text(cells, headers)
    cells, date_issues = parse_date_columns(cells, headers)
    cells, scales, scale_issues = fraction_columns(cells, source, headers)
    typed, failure_issues = _validate(cells, PARSE_KEY_RESULT_ROWS, source.cells, headers)
    typed = typed.assign(key_result=typed["key_result"].mask(typed["row_kind"].eq(OBJECTIVE)))
    issues = [
        footer_issues,
        item_issues,
        quarter_issues,
        binary_issues,
        objective_issues,
        date_issues,
        scale_issues,
        failure_issues,
    ]
    return ParsedRows(typed, collect(issues), scales, layouts, other_rows)


def _set_aside_export_items(
    cells: pd.DataFrame, headers: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A tool export's items that are not scored: deliverables and the like (a warning each),
    and key results whose parent is no objective (an error each)."""
    others = cells["row_kind"].eq(OTHER)
    orphans = cells["from_export"] & cells["row_kind"].eq(KEY_RESULT) & cells["objective"].isna()
    issues = collect(
        [
            issues_for(
                cells[others],
                "not_an_okr_item",
                column="item_type",
                value=cells.loc[others, "item_type"]
                .fillna(cells.loc[others, "objective_type"])
                .str.lower(),
                headers=headers,
            ),
            issues_for(
                cells[orphans],
                "kr_without_objective",
                column="parent_objective_id",
                value=cells.loc[orphans, "parent_objective_id"].fillna("(none)"),
                headers=headers,
            ),
        ]
    )
    where = cells.loc[others, ["source_file", "source_sheet", "source_row"]]
    return cells[~others & ~orphans], issues, where


# A failed coercion stops pandera from checking that column's values; once the bad cells are set
# aside, a second pass checks the rest. A third pass can only find nothing new.
_MAX_PASSES = 3


def _validate(
    cells: pd.DataFrame, schema: pa.DataFrameSchema, raw: pd.DataFrame, headers: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate until clean: error rows are set aside, warning cells blanked, each reported once."""
    found = []
    quarters = cells["quarter"]
    for _ in range(_MAX_PASSES):
        try:
            # In place: `cells` is this function's own frame; copying it costs a sixth of the run.
            return schema.validate(cells, lazy=True, inplace=True), collect(found)
        except pa.errors.SchemaErrors as failure:
            failures, cells = failure.failure_cases, failure.data
        issues = _failure_issues(failures, raw, headers, quarters)
        found.append(issues.drop(columns=["_index", "_column"]))
        cells = cells.drop(index=issues.loc[issues["severity"].eq(ERROR), "_index"].unique())
        # Warning cells (a bad date, say) are blanked so the rest of the row can be scored.
        for column, index in issues[issues["severity"].eq(WARNING)].groupby("_column")["_index"]:
            cells[column] = cells[column].mask(cells.index.isin(index))
        schema = KEY_RESULT_ROWS  # already parsed: only coerce and check from now on
    raise RuntimeError("validation did not settle")  # pragma: no cover - see _MAX_PASSES


def _failure_issues(
    failures: pd.DataFrame, cells: pd.DataFrame, headers: pd.Series, quarters: pd.Series
) -> pd.DataFrame:
    """Issues for pandera's failure cases, quoting the cell as written in the sheet."""
    failures = failures.assign(kind=failures["check"].astype("str").map(failure_kind))
    # A column whose cells could not be coerced also fails its value check as a whole (pandera
    # compares text with numbers and records the TypeError with no row): the coercion failures
    # already say what is wrong, cell by cell.
    coerced = failures.loc[failures["kind"].eq("coerce"), "column"].unique()
    whole_column = failures["index"].isna()
    if (whole_column & ~failures["column"].isin(coerced)).any():
        raise RuntimeError(
            f"unexpected schema failure: {failures[whole_column].to_dict('records')}"
        )
    failures = failures[failures["kind"].ne("dtype") & ~whole_column]
    keys = pd.MultiIndex.from_arrays([failures["column"], failures["kind"]])
    failures = failures.assign(code=keys.map(FAILURE_CODES).to_numpy())
    # A row with neither objective nor key result is one problem, said once.
    missing = failures[failures["code"].isin(["missing_objective", "missing_key_result"])]
    both = missing.groupby("index")["code"].transform("nunique").eq(2)
    failures = failures.drop(index=missing.index[both & missing["code"].eq("missing_key_result")])
    failures.loc[missing.index[both & missing["code"].eq("missing_objective")], "code"] = (
        "missing_objective_and_key_result"
    )
    frames = []
    known = ", ".join(sorted(set(quarters.dropna()) - {UNSPECIFIED_QUARTER}))
    for (code, column), group in failures.groupby(["code", "column"]):
        index = pd.Index(group["index"].astype("int64").unique())
        rows = cells.loc[index]
        issues = issues_for(
            rows, code, column=column, value=rows[column], headers=headers, quarters=known
        )
        frames.append(issues.assign(_index=index, _column=column))
    if not frames:
        return empty_issues().assign(
            _index=pd.Series(dtype="int64"), _column=pd.Series(dtype="str")
        )
    return pd.concat(frames, ignore_index=True)
