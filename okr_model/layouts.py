"""Sheet layouts: which rows are key results and which define objectives, and filling blocks.

Three layouts are read here, each sheet on its own:

- **one row per key result**: every key result row names its objective;
- **objective blocks**: an objective is named once, on a row of its own or on its first key
  result's row, and the key result rows below it leave the objective blank;
- **tool exports**: every item on a row of its own, with its type and its parent.

A row with an objective but no key result and no key-result values defines an objective (one
that may have no key results yet); it is counted as such, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from okr_model.values import ITEM_TYPE_WORDS, lookup_words

ONE_ROW_PER_KR = "one row per key result"
OBJECTIVE_BLOCKS = "objective blocks"
TOOL_EXPORT = "tool export (one row per item)"
KEY_RESULT, OBJECTIVE, OTHER = "key_result", "objective", "other"
ITEM_KINDS = ("objective", "key_result", "other")
_ROW_KIND = {"objective": OBJECTIVE, "key_result": KEY_RESULT, "other": OTHER}

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
    other_rows: int = 0  # a tool export's items that are neither objectives nor key results


def arrange(cells: pd.DataFrame) -> tuple[pd.DataFrame, tuple[SheetLayout, ...]]:
    """Add `row_kind` (key_result, objective or other) and read exports and blocks, per sheet."""
    cells, exported = tool_export_rows(cells)
    content = ~cells["blank"]
    named = cells["objective"].notna() | cells["objective_id"].notna()
    kr_values = cells[list(KR_VALUE_COLUMNS)].notna().any(axis=1)
    objective_row = content & ~exported & cells["objective"].notna() & ~kr_values
    row_kind = cells["row_kind"].mask(~exported, KEY_RESULT).mask(objective_row, OBJECTIVE)
    cells = cells.assign(row_kind=row_kind)

    sheet_key = [cells["source_file"], cells["source_sheet"]]
    kr_rows = content & ~objective_row & ~exported
    unnamed = kr_rows & ~named
    per_sheet = (
        pd.DataFrame(
            {
                "objective_rows": objective_row | (exported & row_kind.eq(OBJECTIVE)),
                "kr_rows": kr_rows,
                "unnamed": unnamed,
                "exported": exported,
                "other_rows": row_kind.eq(OTHER),
            }
        )
        .groupby(sheet_key, sort=False)
        .sum()
    )
    blocks = ~(per_sheet["exported"] > 0) & (
        (per_sheet["objective_rows"] > 0)
        | (
            (per_sheet["unnamed"] > 0)
            & (per_sheet["unnamed"] >= BLOCK_SHARE * per_sheet["kr_rows"])
        )
    )
    in_blocks = pd.Series(
        pd.MultiIndex.from_arrays(sheet_key).isin(per_sheet.index[blocks]), index=cells.index
    )
    filled = unnamed & in_blocks & _follows_a_name(cells, named, sheet_key)
    if filled.any():
        cells = _fill_down(cells, named, sheet_key, filled)
    counts = filled.groupby(sheet_key, sort=False).sum()

    def layout_of(key: tuple[str, str]) -> str:
        if per_sheet.loc[key, "exported"] > 0:
            return TOOL_EXPORT
        return OBJECTIVE_BLOCKS if blocks[key] else ONE_ROW_PER_KR

    layouts = tuple(
        SheetLayout(
            file=file,
            sheet=sheet,
            layout=layout_of((file, sheet)),
            objective_rows=int(per_sheet.loc[(file, sheet), "objective_rows"]),
            filled_rows=int(counts.get((file, sheet), 0)),
            other_rows=int(per_sheet.loc[(file, sheet), "other_rows"]),
        )
        for file, sheet in per_sheet.index
    )
    return cells, layouts


_PARENT_ID = re.compile(r"\bid\s*[:=]\s*([^,;)\s]+)", re.IGNORECASE)
_PARENT_WEIGHT = re.compile(r"\bweight\s*[:=]\s*([\d.,]+)\s*%", re.IGNORECASE)
_PARENT_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_MANY = re.compile(r"\s*[,;/|]\s*")


def tool_export_rows(cells: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Read the rows of OKR tools' exports: one row per item, typed, linked to its parent.

    Such a sheet has a title and an item type (objective, key result, deliverable, ...) on each
    row, and a parent reference (an id, a title, or text like "Grow revenue(weight: 14.29%,
    Id: 2295776)"). Key results take their objective from their parent; an objective aligned to
    a key result is aligned to that key result's objective; other items are not scored. Owners
    and teams listed several to a cell ("A, B") count for the first one named.

    Returns the cells with `row_kind` set for those rows, and which rows they are.
    """
    kinds = lookup_words(cells["item_type"], ITEM_TYPE_WORDS)
    from_type_column = lookup_words(cells["objective_type"], ITEM_TYPE_WORDS)
    in_type_column = kinds.isna() & from_type_column.isin(ITEM_KINDS)
    kinds = kinds.mask(in_type_column, from_type_column)
    exported = (
        cells["title"].notna()
        & kinds.isin(ITEM_KINDS)
        & cells["objective"].isna()
        & cells["key_result"].isna()
    )
    row_kind = pd.Series(pd.NA, index=cells.index, dtype="str")
    if not exported.any():
        return cells.assign(row_kind=row_kind, from_export=exported), exported
    row_kind = row_kind.mask(exported, kinds.map(_ROW_KIND))
    is_objective = exported & row_kind.eq(OBJECTIVE)
    is_kr = exported & row_kind.eq(KEY_RESULT)
    item_id = cells["item_id"].fillna(cells["title"])
    reference = cells["parent_objective_id"]
    parent_key = reference.str.extract(_PARENT_ID, expand=False).fillna(
        reference.str.replace(_PARENT_NOTE, "", regex=True).str.strip()
    )
    weight_note = pd.to_numeric(
        reference.str.extract(_PARENT_WEIGHT, expand=False).str.replace(",", ".", regex=False),
        errors="coerce",
    )
    sheet = cells["source_file"] + "\x1f" + cells["source_sheet"]
    # Every item by (sheet, id) and by (sheet, title), to find parents by either.
    rows = exported.to_numpy()
    by_id = pd.Series(cells.index, index=sheet + "\x1f" + item_id)[rows]
    by_title = pd.Series(cells.index, index=sheet + "\x1f" + cells["title"].fillna(""))[rows]
    lookup = pd.concat([by_id, by_title[~by_title.index.isin(by_id.index)]])
    lookup = lookup[~lookup.index.duplicated()]
    parent_row = (sheet + "\x1f" + parent_key.fillna("")).map(lookup)
    # The objective an item belongs to: itself if an objective, its parent's if a key result.
    objective_of = pd.Series(cells.index, index=cells.index).where(is_objective)
    objective_of = objective_of.fillna(
        parent_row.where(is_kr & parent_row.isin(cells.index[is_objective]))
    )
    owners, units = _first_listed(cells["owner"]), _first_listed(cells["unit"])
    objective_ids = item_id.where(is_objective)
    # An objective's parent: the parent objective, or the objective of the parent key result.
    parent_objective = objective_of.reindex(parent_row.to_numpy()).to_numpy()
    parent_id = pd.Series(parent_objective, index=cells.index).map(objective_ids)
    objective_parent = parent_id.fillna(reference.str.replace(_PARENT_NOTE, "", regex=True))
    fields = pd.DataFrame(
        {
            "objective": cells["title"].where(is_objective),
            "objective_id": objective_ids,
            "owner": owners.where(is_objective),
            "unit": units.where(is_objective),
            "level": cells["level"].where(is_objective),
            "quarter": cells["quarter"].where(is_objective),
            "objective_type": cells["objective_type"].mask(in_type_column).where(is_objective),
            "parent_objective_id": objective_parent.where(is_objective),
        }
    )
    # Key results take all of these from their objective's row.
    of_kr = objective_of.where(is_kr)
    taken = fields.reindex(of_kr.to_numpy()).set_axis(cells.index)
    fields = fields.where(is_objective, taken)
    updates = {column: cells[column].mask(exported, fields[column]) for column in fields}
    updates.update(
        key_result=cells["key_result"].mask(is_kr, cells["title"]),
        kr_id=cells["kr_id"].mask(is_kr & cells["kr_id"].isna(), cells["item_id"]),
        weight=cells["weight"].mask(
            is_kr & cells["weight"].isna() & weight_note.notna(), weight_note / 100
        ),
        objective_type=updates["objective_type"].mask(in_type_column & ~exported, pd.NA),
    )
    cells = cells.assign(**updates, row_kind=row_kind, from_export=exported)
    # An exported objective's own progress or score is the tool's figure; ours comes from its
    # key results, so the objective row keeps none of them.
    values = [c for c in KR_VALUE_COLUMNS if c not in ("key_result", "kr_id")]
    cleared = {c: cells[c].mask(is_objective) for c in values}
    return cells.assign(**cleared), exported


def _first_listed(values: pd.Series) -> pd.Series:
    """The first of several names in a cell ("Ada, Bao" -> "Ada"); blanks stay blank."""
    if values.isna().all():
        return values
    return values.str.split(_MANY, n=1).str[0].astype("str")


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
