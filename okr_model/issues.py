"""Issues in spreadsheet terms: file, sheet, Excel row, original column header, value, message.

Every message the product shows about an input cell is written once, in `CATALOGUE`.
An `error` means the row cannot be scored and is set aside; a `warning` means it is scored
under the assumption the message states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from okr_model.values import as_text

ERROR = "error"
WARNING = "warning"
# Issues about a whole sheet rather than one of its rows: they reject no row.
SHEET_CODES = frozenset(
    {"sheet_too_large", "sheet_missing_column", "duplicate_column", "approximate_header"}
)
ISSUE_COLUMNS = ("severity", "code", "file", "sheet", "row", "column", "value", "message")


@dataclass(frozen=True)
class IssueKind:
    severity: str
    template: str  # placeholders: {value} and any extra fields passed to `issues_for`


CATALOGUE: dict[str, IssueKind] = {
    # errors: the row is set aside and counted as rejected
    "missing_objective": IssueKind(ERROR, "The objective is empty; every key result needs one."),
    "missing_key_result": IssueKind(
        ERROR, "The key result is empty; this row names an objective but nothing to measure."
    ),
    "missing_objective_and_key_result": IssueKind(
        ERROR, "This row has neither an objective nor a key result, so it is not a key result."
    ),
    "not_a_number": IssueKind(ERROR, "'{value}' is not a number."),
    "kr_without_objective": IssueKind(
        ERROR,
        "This key result's parent, '{value}', is not an objective in this sheet, so it belongs "
        "to no objective.",
    ),
    "unknown_level": IssueKind(
        ERROR, "'{value}' is not a level; use company, department, team or individual."
    ),
    "unknown_direction": IssueKind(
        ERROR,
        "'{value}' is not a direction; use increase, decrease, at_least, at_most or binary.",
    ),
    "unknown_objective_type": IssueKind(
        ERROR, "'{value}' is not an objective type; use committed or aspirational."
    ),
    "unknown_quarter": IssueKind(
        ERROR, "'{value}' is not a quarter; write it like 2026-Q3, Q3 2026 or Quý III/2026."
    ),
    "missing_quarter": IssueKind(
        ERROR, "The quarter is empty and the file holds several quarters ({quarters})."
    ),
    "weight_not_positive": IssueKind(ERROR, "The weight must be above 0, not {value}."),
    "score_out_of_range": IssueKind(
        ERROR, "The assessed score {value} is outside 0-1 (or 0%-100%)."
    ),
    "duplicate_kr_id": IssueKind(
        ERROR,
        "Key result id '{value}' appears again under the same objective (first on row "
        "{first_row}); only that first one is scored.",
    ),
    "sheet_too_large": IssueKind(ERROR, "This sheet is not read: {value}."),
    "unknown_objective_id": IssueKind(
        ERROR,
        "No objective has the id '{value}' (in this quarter), so this key result belongs to none.",
    ),
    "checkin_unmatched": IssueKind(
        ERROR,
        "No key result is named '{value}', so this check-in belongs to none; name the key "
        "result by its id or its text as the OKR sheet writes them.",
    ),
    "checkin_ambiguous": IssueKind(
        ERROR,
        "'{value}' names several key results, so this check-in belongs to none; add the "
        "objective id (or the quarter) to tell them apart.",
    ),
    "checkin_bad_date": IssueKind(
        ERROR,
        "'{value}' is not a date (write 2026-09-30 or 30/09/2026), so this check-in "
        "cannot be placed in time.",
    ),
    "checkin_missing_date": IssueKind(
        ERROR, "The check-in date is empty, so this check-in cannot be placed in time."
    ),
    "checkin_missing_value": IssueKind(
        ERROR, "This check-in has no value and no progress, so it says nothing."
    ),
    "sheet_missing_column": IssueKind(
        ERROR,
        "This sheet's header names OKR columns but it has {value}, so its {rows} rows below the "
        "header are not read.",
    ),
    # warnings: the row is scored under the stated assumption
    "quarter_assumed": IssueKind(WARNING, "The quarter is empty; taken as {quarter}."),
    "not_an_okr_item": IssueKind(
        WARNING,
        "This row is a {value}, not an objective or a key result, so it is not scored.",
    ),
    "missing_start": IssueKind(WARNING, "There is no start value; it is taken as 0."),
    "no_start_column": IssueKind(
        WARNING,
        "This sheet has no start column, so the start of each of its {value} key results with a "
        "current value is taken as 0.",
    ),
    "threshold_kr": IssueKind(
        WARNING,
        "Start equals target, so this key result is a threshold: it scores 1 when the current "
        "value meets the target and 0 when it does not.",
    ),
    "missing_current": IssueKind(
        WARNING,
        "There is no current value, progress or score yet; the key result counts as no data.",
    ),
    "missing_target": IssueKind(
        WARNING, "There is no target, so the key result cannot be measured; it counts as no data."
    ),
    "direction_contradicts_numbers": IssueKind(
        WARNING,
        "The direction says {value} but the target is {relation} the start; "
        "it is scored by the numbers, from start towards target.",
    ),
    "binary_not_done": IssueKind(
        WARNING, "'{value}' is not a done/yes word, so this yes/no key result counts as not done."
    ),
    "weights_not_one": IssueKind(
        WARNING,
        "The weights of this objective's key results add up to {value}, not 1; each counts in "
        "proportion to its weight.",
    ),
    "weights_partly_blank": IssueKind(
        WARNING,
        "Some key results of this objective have no weight; each of those gets the average "
        "weight of the others ({value}).",
    ),
    "objective_mismatch": IssueKind(
        WARNING,
        "Key results of objective {objective_id} disagree on its {field}: '{value}' here, "
        "'{expected}' on row {first_row}, which is used.",
    ),
    "unknown_parent": IssueKind(
        WARNING,
        "The objective this one is aligned to, '{value}', is not in {quarter}; it counts as "
        "unaligned.",
    ),
    "alignment_cycle": IssueKind(
        WARNING,
        "Alignment goes round in a circle ({value}); this link is ignored, so the objective "
        "counts as unaligned.",
    ),
    "scale_mismatch": IssueKind(
        WARNING,
        "{value} stands out in a column read as {scale} on this sheet, so it means {meaning}%; "
        "check it.",
    ),
    "approximate_header": IssueKind(
        WARNING,
        "This header is read as {meaning}, the column it most nearly names; check it or rename it.",
    ),
    "duplicate_column": IssueKind(
        WARNING,
        "This column also means {meaning}; the column '{used}' is used for that and this one is "
        "ignored.",
    ),
    "bad_confidence": IssueKind(
        WARNING, "'{value}' is not a confidence (0-1, 1-10 or low/medium/high); it is ignored."
    ),
    "confidence_out_of_range": IssueKind(
        WARNING, "The confidence {value} is outside 0-1 (or 1-10); it is ignored."
    ),
    "checkin_not_a_number": IssueKind(
        WARNING, "'{value}' is not a number, so this check-in is left out of the history."
    ),
    "checkin_undated": IssueKind(
        WARNING,
        "The column '{value}' is a week of the quarter, but this key result has no quarter, so "
        "its check-in cannot be dated and is left out of the history; add a quarter column.",
    ),
    "footer_row": IssueKind(
        WARNING,
        "This row, below a blank row after the table, holds no key result (a note, legend or "
        "signature line), so it is not read as one.",
    ),
    "formula_without_result": IssueKind(
        WARNING,
        "This cell holds the formula {value} but no saved result (the program that wrote the "
        "file did not calculate it), so it reads as empty; open and save the file in Excel or "
        "LibreOffice, or type the value.",
    ),
    "bad_date": IssueKind(
        WARNING, "'{value}' is not a date (write 2026-09-30 or 30/09/2026); it is ignored."
    ),
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _format(template: str, fields: dict[str, pd.Series | object], index: pd.Index) -> pd.Series:
    """Fill a template for many rows at once, by concatenating text columns."""
    message = pd.Series("", index=index, dtype="str")
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        message = message + template[position : match.start()]
        value = fields.get(match[1], "")
        if isinstance(value, pd.Series):
            message = message + display_values(value).reindex(index).fillna("")
        else:
            message = message + str(value)
        position = match.end()
    return message + template[position:]


def display_values(values: pd.Series) -> pd.Series:
    """Cells as the user would recognise them: 12.0 as "12", blanks as empty text."""
    return as_text(values).fillna("")


def issues_for(
    cells: pd.DataFrame,
    code: str,
    *,
    column: str | pd.Series | None = None,
    value: pd.Series | object = "",
    headers: pd.Series | None = None,
    **fields: pd.Series | object,
) -> pd.DataFrame:
    """Issues of one kind for every row of `cells` (a slice of the source cells).

    `column` is the canonical column the issue is about (or one per row); `headers` maps
    (file, sheet, column) to the header the user wrote, see `header_lookup`.
    """
    kind = CATALOGUE[code]
    if cells.empty:
        return empty_issues()
    index = cells.index
    columns = column if isinstance(column, pd.Series) else pd.Series(column or "", index=index)
    if headers is not None:
        # The header as the user wrote it; none when the sheet has no such column.
        keys = pd.MultiIndex.from_arrays([cells["source_file"], cells["source_sheet"], columns])
        columns = pd.Series(headers.reindex(keys).to_numpy(), index=index).fillna("")
    frame = pd.DataFrame(
        {
            "severity": kind.severity,
            "code": code,
            "file": cells["source_file"],
            "sheet": cells["source_sheet"],
            "row": cells["source_row"].astype("int64"),
            "column": columns.astype("str"),
            "value": display_values(value) if isinstance(value, pd.Series) else str(value),
            "message": _format(kind.template, {"value": value, **fields}, index),
        },
        index=index,
    )
    return frame.astype({"column": "str", "value": "str", "message": "str"})


def empty_issues() -> pd.DataFrame:
    """An issues frame with no rows and the right columns."""
    return pd.DataFrame(
        {c: pd.Series(dtype="int64" if c == "row" else "str") for c in ISSUE_COLUMNS}
    )


def collect(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """All issues in reading order: by file, sheet and row, errors first."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_issues()
    issues = pd.concat(frames)
    issues = issues.assign(_rank=issues["severity"].ne(ERROR))
    issues = issues.sort_values(["file", "sheet", "row", "_rank"], kind="stable")
    return issues.drop(columns="_rank").reset_index(drop=True)


def describe(issues: pd.DataFrame) -> list[str]:
    """Issues as lines: `error: file, sheet 'S', row 12, column 'Target': message`."""
    sheet = issues["sheet"].fillna("")
    column = issues["column"].fillna("")
    where = (
        issues["file"].astype("str")
        + sheet.where(sheet.eq(""), ", sheet '" + sheet + "'")
        + ", row "
        + issues["row"].astype("str")
        + column.where(column.eq(""), ", column '" + column + "'")
    )
    return (issues["severity"] + ": " + where + ": " + issues["message"]).tolist()
