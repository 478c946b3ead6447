"""Sheet layouts: which rows are key results and which define objectives, and filling blocks.

Two layouts are read here, each sheet on its own:

- **one row per key result**: every key result row names its objective;
- **objective blocks**: an objective is named once, on a row of its own or on its first key
  result's row, and the key result rows below it leave the objective blank.

A row with an objective but no key result and no key-result values defines an objective (one
that may have no key results yet); it is counted as such, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

ONE_ROW_PER_KR = "one row per key result"
OBJECTIVE_BLOCKS = "objective blocks"
KEY_RESULT, OBJECTIVE = "key_result", "objective"

# Cells that belong to a key result: an objective row has none of them.
KR_VALUE_COLUMNS = (
    "kr_id",
    "key_result",
    "start",
    "target",
    "current",
    "progress",
    "direction",
    "weight",
    "assessed_score",
    "confidence",
    "due_date",
)
# An objective's fields, carried down a block onto its key results where they are blank.
OBJECTIVE_FIELD_COLUMNS = (
    "quarter",
    "level",
    "unit",
    "owner",
    "objective_id",
    "objective",
    "parent_objective_id",
    "objective_type",
)
# A sheet is read as blocks when at least this share of its key result rows leave the objective
# blank (below it, a blank objective is more likely a mistake, and is reported as one).
BLOCK_SHARE = 0.25


@dataclass(frozen=True)
class SheetLayout:
    """How one sheet's rows were understood."""

    file: str
    sheet: str
    layout: str
    objective_rows: int = 0
    filled_rows: int = 0  # key result rows that took their objective from the row above


def arrange(cells: pd.DataFrame) -> tuple[pd.DataFrame, tuple[SheetLayout, ...]]:
    """Add `row_kind` (key_result or objective) and fill objective blocks, sheet by sheet."""
    content = ~cells["blank"]
    named = cells["objective"].notna() | cells["objective_id"].notna()
    kr_values = cells[list(KR_VALUE_COLUMNS)].notna().any(axis=1)
    objective_row = content & cells["objective"].notna() & ~kr_values
    row_kind = pd.Series(KEY_RESULT, index=cells.index, dtype="str").mask(objective_row, OBJECTIVE)
    cells = cells.assign(row_kind=row_kind)

    sheet_key = [cells["source_file"], cells["source_sheet"]]
    kr_rows = content & ~objective_row
    unnamed = kr_rows & ~named
    per_sheet = (
        pd.DataFrame({"objective_rows": objective_row, "kr_rows": kr_rows, "unnamed": unnamed})
        .groupby(sheet_key, sort=False)
        .sum()
    )
    blocks = (per_sheet["objective_rows"] > 0) | (
        (per_sheet["unnamed"] > 0) & (per_sheet["unnamed"] >= BLOCK_SHARE * per_sheet["kr_rows"])
    )
    in_blocks = pd.Series(
        pd.MultiIndex.from_arrays(sheet_key).isin(per_sheet.index[blocks]), index=cells.index
    )
    filled = unnamed & in_blocks & _follows_a_name(cells, named, sheet_key)
    if filled.any():
        cells = _fill_down(cells, named, sheet_key, filled)
    counts = filled.groupby(sheet_key, sort=False).sum()
    layouts = tuple(
        SheetLayout(
            file=file,
            sheet=sheet,
            layout=OBJECTIVE_BLOCKS if blocks[(file, sheet)] else ONE_ROW_PER_KR,
            objective_rows=int(per_sheet.loc[(file, sheet), "objective_rows"]),
            filled_rows=int(counts.get((file, sheet), 0)),
        )
        for file, sheet in per_sheet.index
    )
    return cells, layouts


def _follows_a_name(cells: pd.DataFrame, named: pd.Series, sheet_key: list[pd.Series]) -> pd.Series:
    """Rows with a named objective somewhere above them on the same sheet."""
    return named.astype("int64").groupby(sheet_key, sort=False).cumsum().gt(0)


def _fill_down(
    cells: pd.DataFrame, named: pd.Series, sheet_key: list[pd.Series], filled: pd.Series
) -> pd.DataFrame:
    """Give each unnamed key result row the fields of the objective its block began with."""
    block = named.astype("int64").groupby(sheet_key, sort=False).cumsum()
    groups = [*sheet_key, block]
    carried = {}
    for column in OBJECTIVE_FIELD_COLUMNS:
        leading = cells[column].groupby(groups, sort=False).transform("first")
        carried[column] = cells[column].mask(filled & cells[column].isna(), leading)
    return cells.assign(**carried)
