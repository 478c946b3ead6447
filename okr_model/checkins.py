"""Check-ins: the values key results had on earlier dates, kept as a history table.

Three shapes are read:

- **long**: a check-ins sheet (or file) with one row per key result and date;
- **wide**: a key-result table with a column per check-in or per week, headed by a date
  (`2026-07-07`) or a week (`Week 3`, `Tuần 3`, `W3`);
- **inline**: a key-result table with a check-in date beside its current value.

A check-in names its key result the way the sheet does: by objective id and KR id, objective
and KR text, a KR id or a KR text that is unique in its quarter. A check-in belongs to the
quarter it names, else to the quarter its date falls in. Values are in the key result's own
units (`value`), or progress on 0-1 (`progress`) where the check-in gives progress.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from okr_model.columns import header_says_percent
from okr_model.issues import collect, empty_issues, issues_for
from okr_model.reader import SourceTable
from okr_model.validation import sheet_scales
from okr_model.values import (
    as_fraction,
    as_text,
    binary_done,
    is_quarter,
    parse_dates,
    parse_numbers,
    parse_quarters,
    quarter_bounds,
)

HISTORY_COLUMNS = (
    "quarter",
    "objective_id",
    "kr_id",
    "date",
    "value",
    "progress",
    "source_file",
    "source_sheet",
    "source_row",
    "column",
)
_WHERE = ["source_file", "source_sheet", "source_row"]
KR_KEY = ["quarter", "objective_id", "kr_id"]  # what names one key result
# How a check-in may name its key result, most precise first: pairs of (check-in column, key
# result column). A check-in's "KR" column may hold the KR's id ("KR1") as well as its text.
_OBJECTIVE_NAMES = (("objective_id", "objective_id"), ("objective", "objective"))
_KR_NAMES = (("kr_id", "kr_id"), ("key_result", "key_result"), ("key_result", "kr_id"))
_MATCH_KEYS = (
    *((objective, kr) for kr in _KR_NAMES for objective in _OBJECTIVE_NAMES),
    *((kr,) for kr in _KR_NAMES),
)


@dataclass(frozen=True)
class CheckIns:
    """The history table, the issues found reading it, and where its check-in rows are."""

    history: pd.DataFrame
    issues: pd.DataFrame
    rows: pd.DataFrame  # source_file, source_sheet, source_row of each check-in row used


def no_history() -> pd.DataFrame:
    """A history table with no rows and the right columns."""
    return pd.DataFrame(
        {
            "quarter": pd.Series(dtype="str"),
            "objective_id": pd.Series(dtype="str"),
            "kr_id": pd.Series(dtype="str"),
            "date": pd.Series(dtype="datetime64[us]"),
            "value": pd.Series(dtype="float64"),
            "progress": pd.Series(dtype="float64"),
            "source_file": pd.Series(dtype="str"),
            "source_sheet": pd.Series(dtype="str"),
            "source_row": pd.Series(dtype="int64"),
            "column": pd.Series(dtype="str"),
        }
    )


def read_checkins(source: SourceTable, krs: pd.DataFrame, headers: pd.Series) -> CheckIns:
    """Every check-in of the source, matched to the key results `krs` (after ids are assigned)."""
    rows = source.cells[source.cells["checkin_row"] & ~source.cells["blank"]]
    long, long_issues = long_checkins(rows, krs, headers)
    wide, wide_issues = wide_checkins(source.history, krs)
    history = pd.concat(
        [frame for frame in (long, wide, inline_checkins(krs)) if len(frame)] or [no_history()],
        ignore_index=True,
    )
    history = history.sort_values([*KR_KEY, "date"], kind="stable", ignore_index=True)
    return CheckIns(
        history=history[list(HISTORY_COLUMNS)],
        issues=collect([long_issues, wide_issues]),
        rows=long[_WHERE].drop_duplicates(),
    )


def _key(values: pd.Series) -> pd.Series:
    """Text as matched: trimmed, case-folded, inner spaces collapsed."""
    return as_text(values).str.casefold().str.replace(r"\s+", " ", regex=True).str.strip()


def long_checkins(
    rows: pd.DataFrame, krs: pd.DataFrame, headers: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check-in rows (one per key result and date) as history, and the rows that cannot be."""
    if rows.empty:
        return no_history(), empty_issues()
    dates = parse_dates(rows["checkin_date"])
    value = parse_numbers(rows["current"], booleans=True)
    progress = parse_numbers(rows["progress"])
    # The progress column's scale is found per sheet, as for a key-result table's.
    percent_rows, _ = sheet_scales(
        progress,
        rows["progress"],
        pd.MultiIndex.from_frame(rows[["source_file", "source_sheet"]]),
        lambda file, sheet: header_says_percent(headers.get((file, sheet, "progress"), "")),
    )
    fraction = as_fraction(progress, percent_scale=percent_rows)
    no_value = value["value"].isna() & fraction.isna()
    named = parse_quarters(rows["quarter"])
    quarter = named.where(is_quarter(named.fillna("")) & named.notna())
    dated = parse_quarters(dates.astype(object).where(dates.notna()))
    dated = dated.where(dated.isin(set(krs["quarter"])))
    checkins = rows.assign(quarter=quarter.fillna(dated))
    matched, ambiguous = match_key_results(checkins, krs)
    problems = {
        "checkin_bad_date": dates.isna() & rows["checkin_date"].notna(),
        "checkin_missing_date": rows["checkin_date"].isna(),
        "not_a_number": value["failed"] | progress["failed"],
        "checkin_missing_value": no_value & ~value["failed"] & ~progress["failed"],
        "checkin_ambiguous": ambiguous,
        "checkin_unmatched": matched["kr_id"].isna() & ~ambiguous,
    }
    issues, rejected = [], pd.Series(False, index=rows.index)
    for code, where in problems.items():
        where = where & ~rejected  # one reason per row, the first that applies
        rejected |= where
        column, shown = _problem_cell(code, rows, value, progress)
        issues.append(
            issues_for(rows[where], code, column=column, value=shown[where], headers=headers)
        )
    kept = ~rejected
    history = pd.DataFrame(
        {
            "quarter": matched["quarter"],
            "objective_id": matched["objective_id"],
            "kr_id": matched["kr_id"],
            "date": dates,
            "value": value["value"],
            "progress": fraction.where(value["value"].isna()),
            "source_file": rows["source_file"],
            "source_sheet": rows["source_sheet"],
            "source_row": rows["source_row"].astype("int64"),
            "column": "",
        }
    )[kept]
    return history.reset_index(drop=True), collect(issues)


def _problem_cell(
    code: str, rows: pd.DataFrame, value: pd.DataFrame, progress: pd.DataFrame
) -> tuple[str, pd.Series]:
    """The column an issue is about and the cell it quotes."""
    if code in {"checkin_bad_date", "checkin_missing_date"}:
        return "checkin_date", rows["checkin_date"]
    if code == "not_a_number":
        column = "current" if value["failed"].any() else "progress"
        return column, rows["current"].where(value["failed"], rows["progress"])
    if code == "checkin_missing_value":
        return "current", rows["current"]
    named = rows["kr_id"].fillna(rows["key_result"])
    column = "kr_id" if rows["kr_id"].notna().any() else "key_result"
    return column, named


def match_key_results(checkins: pd.DataFrame, krs: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The (quarter, objective_id, kr_id) each check-in names, and which names are ambiguous.

    Tries the ways of naming a key result in `_MATCH_KEYS` in turn; within a check-in's quarter
    when it has one, else across the file. A name shared by several key results matches none.
    """
    found = pd.DataFrame({c: pd.Series(np.nan, index=checkins.index, dtype="str") for c in KR_KEY})
    ambiguous = pd.Series(False, index=checkins.index)
    if krs.empty:
        return found, ambiguous
    # A check-in that names an objective is matched within that objective only.
    names_objective = checkins["objective_id"].notna() | checkins["objective"].notna()
    for pairs in _MATCH_KEYS:
        for in_quarter in (True, False):
            open_ = found["kr_id"].isna() & ~ambiguous
            if len(pairs) == 1:
                open_ &= ~names_objective
            open_ &= checkins["quarter"].notna() if in_quarter else checkins["quarter"].isna()
            quarter = [("quarter", "quarter")] if in_quarter else []
            left = _keys_of(checkins[open_], [a for a, _ in [*quarter, *pairs]])
            right = _keys_of(krs, [b for _, b in [*quarter, *pairs]])
            if left.empty or right.empty:
                continue
            right_index = pd.MultiIndex.from_frame(right)
            shared = right_index.duplicated(keep=False)
            unique = pd.Series(right.index[~shared], index=right_index[~shared])
            left_index = pd.MultiIndex.from_frame(left)
            position = unique.index.get_indexer(left_index)
            hit = position >= 0
            rows = unique.to_numpy()[position[hit]]
            found.loc[left.index[hit], KR_KEY] = krs.loc[rows, KR_KEY].to_numpy()
            ambiguous.loc[left.index[left_index.isin(right_index[shared])]] = True
    return found, ambiguous


def _keys_of(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Match keys of the rows where every one of `columns` is filled (named by position)."""
    keys = pd.DataFrame(
        {i: frame[c] if c == "quarter" else _key(frame[c]) for i, c in enumerate(columns)},
        index=frame.index,
    )
    return keys.dropna()


def wide_checkins(cells: pd.DataFrame, krs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Values in date- or week-headed columns of a key-result table, as history.

    Cells of rows that are not scored key results (objective rows, rows set aside) are left
    with their row; a week is dated by its last day, counted from the start of the quarter.
    """
    if cells.empty or krs.empty:
        return no_history(), empty_issues()
    where = pd.MultiIndex.from_frame(krs[_WHERE].astype({"source_row": "int64"}))
    position = where.get_indexer(
        pd.MultiIndex.from_frame(cells[_WHERE].astype({"source_row": "int64"}))
    )
    cells = cells[position >= 0]
    kr = krs.iloc[position[position >= 0]].reset_index(drop=True)
    cells = cells.reset_index(drop=True)
    parsed = parse_numbers(cells["value"])
    # Yes/no words count only for yes/no key results ("x" is "done" there, not elsewhere).
    binary = kr["direction"].eq("binary").to_numpy()
    if binary.any():
        done = binary_done(cells["value"])
        parsed = parsed.assign(
            value=parsed["value"].mask(binary, done), failed=parsed["failed"] & ~binary
        )
    starts = kr["quarter"].map({q: _quarter_start(q) for q in kr["quarter"].unique()})
    week = pd.to_numeric(cells["week"], errors="coerce")
    by_week = starts + pd.to_timedelta(week * 7 - 1, unit="D")
    dates = pd.to_datetime(cells["date"], errors="coerce").astype("datetime64[us]")
    dates = dates.fillna(by_week.astype("datetime64[us]"))
    # A key result without a target can only be measured by progress, its scale found per sheet
    # as for a progress column (week and date headers say nothing of it).
    as_progress = kr["target"].isna().to_numpy()
    percent_rows, _ = sheet_scales(
        parsed[as_progress],
        cells.loc[as_progress, "value"],
        pd.MultiIndex.from_frame(cells.loc[as_progress, ["source_file", "source_sheet"]]),
        lambda file, sheet: False,
    )
    fraction = as_fraction(
        parsed, percent_scale=percent_rows.reindex(parsed.index, fill_value=False)
    )
    history = pd.DataFrame(
        {
            "quarter": kr["quarter"],
            "objective_id": kr["objective_id"],
            "kr_id": kr["kr_id"],
            "date": dates,
            "value": parsed["value"].mask(as_progress),
            "progress": fraction.where(as_progress),
            "source_file": cells["source_file"],
            "source_sheet": cells["source_sheet"],
            "source_row": cells["source_row"].astype("int64"),
            "column": cells["column"].astype("str"),
        }
    )
    measured = history["value"].notna() | history["progress"].notna()
    bad, undated = parsed["failed"], measured & history["date"].isna()
    issues = collect(
        [
            issues_for(
                cells[bad],
                "checkin_not_a_number",
                column=cells.loc[bad, "column"].astype("str"),
                value=cells.loc[bad, "value"],
            ),
            issues_for(
                cells[undated],
                "checkin_undated",
                column=cells.loc[undated, "column"].astype("str"),
                value=cells.loc[undated, "column"].astype("str"),
            ),
        ]
    )
    return history[measured & history["date"].notna()], issues


def _quarter_start(quarter: object) -> pd.Timestamp:
    try:
        return pd.Timestamp(quarter_bounds(str(quarter))[0])
    except ValueError:
        return pd.NaT


def inline_checkins(krs: pd.DataFrame) -> pd.DataFrame:
    """A key result's current value (or progress) on the check-in date its row gives."""
    if "checkin_date" not in krs or krs["checkin_date"].isna().all():
        return no_history()
    dated = krs[krs["checkin_date"].notna() & (krs["current"].notna() | krs["progress"].notna())]
    return pd.DataFrame(
        {
            "quarter": dated["quarter"],
            "objective_id": dated["objective_id"],
            "kr_id": dated["kr_id"],
            "date": dated["checkin_date"].astype("datetime64[us]"),
            "value": dated["current"].astype("float64"),
            "progress": dated["progress"].astype("float64").where(dated["current"].isna()),
            "source_file": dated["source_file"],
            "source_sheet": dated["source_sheet"],
            "source_row": dated["source_row"].astype("int64"),
            "column": "",
        }
    ).reset_index(drop=True)


def latest_checkins(history: pd.DataFrame) -> pd.DataFrame:
    """Each key result's last check-in (the last written, among several on the same date)."""
    return history.sort_values("date", kind="stable").drop_duplicates(KR_KEY, keep="last")


def fill_from_checkins(krs: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """Key results whose sheet gives no current value, progress or score take their latest
    check-in's; `last_checkin` is the date of each key result's latest check-in."""
    latest = latest_checkins(history).set_index(KR_KEY)
    keys = pd.MultiIndex.from_frame(krs[KR_KEY])
    last = latest.reindex(keys)
    last.index = krs.index
    empty = krs["current"].isna() & krs["progress"].isna() & krs["assessed_score"].isna()
    return krs.assign(
        current=krs["current"].mask(empty, last["value"]),
        progress=krs["progress"].mask(empty & last["value"].isna(), last["progress"]),
        last_checkin=last["date"].astype("datetime64[us]"),
    )
