"""From a spreadsheet to the canonical OKR table: read, validate, complete, reconcile."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from okr_model.alignment import resolve_parents
from okr_model.checkins import fill_from_checkins, no_history, read_checkins
from okr_model.issues import ERROR, SHEET_CODES, collect
from okr_model.layouts import KEY_RESULT, OBJECTIVE, SheetLayout
from okr_model.mapping import ColumnMapping
from okr_model.reader import SourceTable, combine_sources, read_okr_file
from okr_model.table import (
    assign_kr_ids,
    assign_objectives,
    data_warnings,
    fill_directions,
    fill_weights,
    objectives_of,
)
from okr_model.validation import Scales, header_lookup, parse_rows, sheet_issues


@dataclass(frozen=True)
class Reconciliation:
    """Where every row read went.

    `rows_read == rows_scored + rows_rejected + rows_blank + rows_objectives + rows_not_okrs
    + rows_checkins`, where `rows_objectives` counts rows that define an objective rather than a
    key result, `rows_not_okrs` a tool export's other items (deliverables, say), each with a
    warning, and `rows_checkins` the check-in rows kept in the history.
    """

    rows_read: int
    rows_scored: int
    rows_rejected: int
    rows_blank: int
    rows_objectives: int = 0
    rows_not_okrs: int = 0
    rows_checkins: int = 0

    @property
    def balanced(self) -> bool:
        return self.rows_read == (
            self.rows_scored
            + self.rows_rejected
            + self.rows_blank
            + self.rows_objectives
            + self.rows_not_okrs
            + self.rows_checkins
        )

    def as_dict(self) -> dict[str, int]:
        return {
            "rows_read": self.rows_read,
            "rows_scored": self.rows_scored,
            "rows_rejected": self.rows_rejected,
            "rows_blank": self.rows_blank,
            "rows_objectives": self.rows_objectives,
            "rows_not_okrs": self.rows_not_okrs,
            "rows_checkins": self.rows_checkins,
        }


@dataclass(frozen=True)
class OKRTable:
    """The canonical table of one upload: key results, their objectives, and every issue."""

    key_results: pd.DataFrame
    objectives: pd.DataFrame
    issues: pd.DataFrame
    source: SourceTable
    scales: Scales
    layouts: tuple[SheetLayout, ...] = ()
    # Where the rows that define an objective (and are not key results) are in the sheets.
    objective_rows: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["source_file", "source_sheet", "source_row"])
    )
    # Where a tool export's rows that are neither objectives nor key results are.
    other_rows: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["source_file", "source_sheet", "source_row"])
    )
    # Values of key results on earlier dates (see checkins.py): one row per KR and check-in.
    checkins: pd.DataFrame = field(default_factory=no_history)
    # Where the check-in rows kept in `checkins` are.
    checkin_rows: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["source_file", "source_sheet", "source_row"])
    )

    @cached_property
    def quarters(self) -> list[str]:
        """The quarters in the file, oldest first."""
        return sorted(self.objectives["quarter"].unique())

    @cached_property
    def key_result_objectives(self) -> pd.MultiIndex:
        """(quarter, objective_id) of each key result, for selecting those of some objectives."""
        return pd.MultiIndex.from_frame(self.key_results[["quarter", "objective_id"]])

    def reconciliation_by_sheet(self) -> pd.DataFrame:
        """rows_read, rows_scored, rows_rejected and rows_blank for each file and sheet."""
        cells = self.source.cells
        where = ["source_file", "source_sheet"]
        read = cells.groupby(where, sort=False).size().rename("rows_read")
        blank = cells[cells["blank"]].groupby(where, sort=False).size().rename("rows_blank")
        scored = self.key_results.groupby(where, sort=False).size().rename("rows_scored")
        issues = self.issues
        errors = issues[issues["severity"].eq(ERROR) & ~issues["code"].isin(SHEET_CODES)]
        rejected = (
            errors.drop_duplicates(["file", "sheet", "row"])
            .groupby(["file", "sheet"], sort=False)
            .size()
            .rename_axis(where)
            .rename("rows_rejected")
        )
        objectives = self.objective_rows.groupby(where, sort=False).size().rename("rows_objectives")
        others = self.other_rows.groupby(where, sort=False).size().rename("rows_not_okrs")
        checkins = self.checkin_rows.groupby(where, sort=False).size().rename("rows_checkins")
        table = pd.concat([read, scored, rejected, blank, objectives, others, checkins], axis=1)
        table = table.reindex(columns=list(Reconciliation(0, 0, 0, 0).as_dict()))
        table = table.fillna(0).astype("int64")
        return table.rename_axis(["file", "sheet"]).reset_index()

    @cached_property
    def reconciliation(self) -> Reconciliation:
        totals = self.reconciliation_by_sheet().sum(numeric_only=True)
        return Reconciliation(
            rows_read=int(totals.get("rows_read", 0)),
            rows_scored=int(totals.get("rows_scored", 0)),
            rows_rejected=int(totals.get("rows_rejected", 0)),
            rows_blank=int(totals.get("rows_blank", 0)),
            rows_objectives=int(totals.get("rows_objectives", 0)),
            rows_not_okrs=int(totals.get("rows_not_okrs", 0)),
            rows_checkins=int(totals.get("rows_checkins", 0)),
        )


def build_table(source: SourceTable, *, quarter: str | None = None) -> OKRTable:
    """Validate and complete raw cells into the canonical table.

    `quarter` (YYYY-Qn) is used for rows whose quarter is blank, and for every row when the
    sheet has no quarter column.
    """
    headers = header_lookup(source)
    parsed = parse_rows(source, quarter=quarter)
    rows, objective_issues = assign_objectives(parsed.rows, headers)
    objective_rows = rows[rows["row_kind"].eq(OBJECTIVE)]
    krs = rows[rows["row_kind"].eq(KEY_RESULT)]
    krs, id_issues = assign_kr_ids(krs, headers)
    checkins = read_checkins(source, krs, headers)
    krs = fill_from_checkins(krs, checkins.history)
    krs, weight_issues = fill_weights(krs, headers)
    krs, direction_issues = fill_directions(krs, headers)
    objectives, alignment_issues = resolve_parents(objectives_of(krs, objective_rows), headers)
    issues = collect(
        [
            sheet_issues(source),
            parsed.issues,
            objective_issues,
            id_issues,
            checkins.issues,
            weight_issues,
            direction_issues,
            data_warnings(krs, headers),
            alignment_issues,
        ]
    )
    krs = krs.drop(columns=["parent_objective_id", "blank", "row_kind", "from_export"])
    return OKRTable(
        key_results=krs.reset_index(drop=True),
        objectives=objectives.reset_index(drop=True),
        issues=issues,
        source=source,
        scales=parsed.scales,
        layouts=parsed.layouts,
        objective_rows=objective_rows[["source_file", "source_sheet", "source_row"]],
        other_rows=parsed.other_rows,
        checkins=checkins.history,
        checkin_rows=checkins.rows,
    )


def load_okrs(
    source: str | Path | bytes | BinaryIO,
    *,
    name: str | None = None,
    quarter: str | None = None,
    mapping: ColumnMapping | None = None,
) -> OKRTable:
    """Read one OKR spreadsheet and build its canonical table (see `build_table`)."""
    return build_table(read_okr_file(source, name=name, mapping=mapping), quarter=quarter)


def load_okr_files(
    sources: Sequence[str | Path | bytes | BinaryIO],
    *,
    names: Sequence[str | None] | None = None,
    quarter: str | None = None,
    mapping: ColumnMapping | None = None,
) -> OKRTable:
    """Read several spreadsheets as one table (linked tables in separate files, a file per
    team); each is read on its own, so every message still names its file."""
    names = names or [None] * len(sources)
    read = [
        read_okr_file(source, name=name, mapping=mapping)
        for source, name in zip(sources, names, strict=True)
    ]
    return build_table(read[0] if len(read) == 1 else combine_sources(read), quarter=quarter)
