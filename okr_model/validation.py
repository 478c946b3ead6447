"""Turn raw cells into typed key-result rows with pandera, and every failure into an issue.

Rows with an error are set aside (quarantined) and reported; nothing is dropped silently.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from okr_model.columns import header_says_percent
from okr_model.issues import ERROR, WARNING, collect, issues_for
from okr_model.reader import SourceTable
from okr_model.schema import (
    FAILURE_CODES,
    KEY_RESULT_ROWS,
    Scales,
    failure_kind,
    key_result_rows,
)
from okr_model.values import (
    DIRECTION_WORDS,
    UNSPECIFIED_QUARTER,
    binary_done,
    detect_percent_scale,
    is_boolean_word,
    is_quarter,
    lookup_words,
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


def detect_scales(cells: pd.DataFrame, source: SourceTable) -> Scales:
    """Whether the progress and assessed-score columns are written 0-100 (else 0-1)."""

    def percent(column: str) -> bool:
        if cells[column].isna().all():
            return False
        headers = [o for s in source.sheets for o, c in s.columns.items() if c == column]
        return detect_percent_scale(
            parse_numbers(cells[column]),
            header_percent=any(header_says_percent(h) for h in headers),
        )

    return Scales(
        progress_percent=percent("progress"), assessed_score_percent=percent("assessed_score")
    )


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


def fill_objective_text(cells: pd.DataFrame) -> pd.DataFrame:
    """A blank objective on a row whose objective id names it elsewhere takes that text."""
    if cells["objective_id"].isna().all() or cells["objective"].notna().all():
        return cells
    named = cells.groupby(["quarter", "objective_id"], sort=False)["objective"].transform("first")
    return cells.assign(objective=cells["objective"].fillna(named))


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
    odd = binary & current.notna() & said_done.eq(0.0) & ~is_boolean_word(current)
    odd &= pd.to_numeric(current.astype(object), errors="coerce").isna()
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


def parse_rows(
    source: SourceTable, *, quarter: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, Scales]:
    """Typed key-result rows, the issues found, and the detected scales.

    Returned rows keep the source index and columns; rows with an error are not among them.
    """
    headers = header_lookup(source)
    cells = source.cells[~source.cells["blank"]]
    cells, quarter_issues = fill_quarters(cells, quarter, headers)
    cells, binary_issues = resolve_binary(cells, headers)
    cells = fill_objective_text(cells)
    scales = detect_scales(cells, source)
    typed, failure_issues = _validate(cells, key_result_rows(scales), source.cells, headers)
    return typed, collect([quarter_issues, binary_issues, failure_issues]), scales


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
    frames = []
    known = ", ".join(sorted(set(quarters.dropna()) - {UNSPECIFIED_QUARTER}))
    for (code, column), group in failures.groupby(["code", "column"]):
        index = pd.Index(group["index"].astype("int64").unique())
        rows = cells.loc[index]
        issues = issues_for(
            rows, code, column=column, value=rows[column], headers=headers, quarters=known
        )
        frames.append(issues.assign(_index=index, _column=column))
    return pd.concat(frames, ignore_index=True)
