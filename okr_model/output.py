"""Scorecards and validation results as JSON-ready dicts, plain text and CSV."""

from __future__ import annotations

import io
import json
from typing import Any

import pandas as pd

from okr_model.issues import ERROR, WARNING, describe
from okr_model.loading import OKRTable
from okr_model.scorecard import Scorecard

OBJECTIVE_FIELDS = [
    "objective_id",
    "objective",
    "quarter",
    "level",
    "unit",
    "owner",
    "parent_objective_id",
    "objective_type",
    "score",
    "grade",
    "key_results",
    "key_results_with_data",
    "coverage",
    "status",
    "flags",
]
KEY_RESULT_FIELDS = [
    "kr_id",
    "objective_id",
    "key_result",
    "start",
    "target",
    "current",
    "direction",
    "weight",
    "progress",
    "score",
    "grade",
    "source",
    "pace_status",
    "assessed_score",
    "progress_column",
    "confidence",
    "due_date",
    "last_checkin",
    "sheet_status",
    "notes",
    "source_sheet",
    "source_row",
]
ISSUE_FIELDS = ["severity", "code", "file", "sheet", "row", "column", "value", "message"]
FLAGS = ("possible_sandbagging", "missed_commitment")
# Text a spreadsheet would run as a formula; such cells are written with a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as JSON-ready dicts: missing values become None, dates ISO strings (2026-09-30)."""
    dates = frame.select_dtypes(include=["datetime"]).columns
    frame = frame.assign(**{c: frame[c].dt.strftime("%Y-%m-%d") for c in dates})
    return json.loads(frame.to_json(orient="records", double_precision=10))


def objectives_frame(scorecard: Scorecard) -> pd.DataFrame:
    """The objectives table as exported: pace status as `status`, flags as a list."""
    objectives = scorecard.objectives
    raised = objectives[list(FLAGS)].to_numpy()
    flags = pd.Series(
        [[f for f, on in zip(FLAGS, row, strict=True) if on] for row in raised],
        index=objectives.index,
        dtype=object,
    )
    return objectives.assign(status=objectives["pace_status"], flags=flags)[OBJECTIVE_FIELDS]


def key_results_frame(scorecard: Scorecard) -> pd.DataFrame:
    """The key-results table as exported."""
    krs = scorecard.key_results.rename(columns={"status": "sheet_status"})
    return krs[KEY_RESULT_FIELDS]


def source_dict(table: OKRTable) -> dict[str, Any]:
    """What the reader understood: sheets used and skipped, header rows, column mapping, scales."""
    return {
        "sheets": [
            {
                "file": s.file,
                "sheet": s.sheet,
                "used": s.used,
                "reason": s.reason,
                "header_row": s.header_row,
                "columns": s.columns,
                "unmapped": list(s.unmapped),
                "approximate": s.approximate,
                "from_sheet_name": s.from_sheet_name,
                "from_header_block": s.from_header_block,
                "footer_rows": s.footer_rows,
                "duplicates": s.duplicates,
                "rows": s.rows,
                "kind": s.kind,
                "history_columns": list(s.history_columns),
            }
            for s in table.source.sheets
        ],
        "layouts": [
            {
                "file": layout.file,
                "sheet": layout.sheet,
                "layout": layout.layout,
                "objective_rows": layout.objective_rows,
                "filled_rows": layout.filled_rows,
                "other_rows": layout.other_rows,
            }
            for layout in table.layouts
        ],
        "scales": [
            {"file": file, "sheet": sheet, "column": column, "scale": scale}
            for column in ("progress", "assessed_score")
            for (file, sheet), scale in getattr(table.scales, column).items()
        ],
    }


def scorecard_to_dict(scorecard: Scorecard, table: OKRTable | None = None) -> dict[str, Any]:
    """The `score --format json` contract (more keys may be added, none removed)."""
    sc = scorecard
    result: dict[str, Any] = {
        "quarter": sc.quarter,
        "quarters": sc.quarters,
        "as_of": sc.as_of.isoformat(),
        "expected_pace": sc.expected_pace,
        "policy": sc.policy.as_dict(),
        "filters": {k: list(v) for k, v in vars(sc.filters).items()},
        "reconciliation": sc.reconciliation.as_dict(),
        "issues": records(sc.issues[ISSUE_FIELDS]),
        "company": sc.company,
        "levels": records(sc.levels),
        "units": records(sc.units),
        "owners": records(sc.owners),
        "objectives": records(objectives_frame(sc)),
        "key_results": records(key_results_frame(sc)),
        "health": {"summary": records(sc.health_summary), "findings": records(sc.health)},
    }
    if table is not None:
        result["source"] = source_dict(table)
        result["reconciliation_by_sheet"] = records(table.reconciliation_by_sheet())
    return result


def direction_counts(table: OKRTable) -> dict[str, Any]:
    """How many key results go each way, and how many say so rather than by their numbers."""
    krs = table.key_results
    given = krs["direction_given"]
    return {
        "directions": {str(k): int(v) for k, v in krs["direction"].value_counts().items()},
        "written": int(given.sum()),
        "from_numbers": int((~given).sum()),
    }


def check_to_dict(table: OKRTable) -> dict[str, Any]:
    """The `check --format json` contract: what was read, counts, reconciliation and issues."""
    issues = table.issues
    return {
        "valid": not issues["severity"].eq(ERROR).any() and not table.key_results.empty,
        "source": source_dict(table),
        "quarters": table.quarters,
        "objectives": len(table.objectives),
        "key_results": len(table.key_results),
        "checkins": len(table.checkins),
        "directions": direction_counts(table),
        "reconciliation": table.reconciliation.as_dict(),
        "reconciliation_by_sheet": records(table.reconciliation_by_sheet()),
        "errors": int(issues["severity"].eq(ERROR).sum()),
        "warnings": int(issues["severity"].eq(WARNING).sum()),
        "issues": records(issues[ISSUE_FIELDS]),
    }


def score_text(value: object) -> str:
    """A score as every output writes it: 0.43, or "no data"."""
    return "no data" if value is None or pd.isna(value) else f"{float(value):.2f}"


def percent_text(value: object) -> str:
    """A share as every output writes it: 91%, or "-"."""
    return "-" if value is None or pd.isna(value) else f"{float(value):.0%}"


def check_text(table: OKRTable) -> str:
    """A person-readable account of what was read and what is wrong."""
    lines = []
    layouts = {(layout.file, layout.sheet): layout for layout in table.layouts}
    for s in table.source.sheets:
        where = f"{s.file}" + (f", sheet {s.sheet!r}" if s.sheet else "")
        if not s.used:
            lines.append(f"Skipped {where}: {s.reason}.")
            continue
        lines.append(f"Read {where}: header on row {s.header_row}, {s.rows} rows below it.")
        if s.kind != "okrs":
            lines.append(f"  Holds {s.kind} (linked tables are joined by their ids).")
        layout = layouts.get((s.file, s.sheet))
        if layout is not None and s.kind != "objectives":
            detail = f"Layout: {layout.layout}"
            if layout.objective_rows:
                detail += f"; {layout.objective_rows} rows define objectives"
            if layout.filled_rows:
                detail += f"; {layout.filled_rows} key results take their objective from above"
            if layout.other_rows:
                detail += f"; {layout.other_rows} items are neither objectives nor key results"
            lines.append(f"  {detail}.")
        for original, canonical in s.columns.items():
            nearly = " (nearest match)" if original in s.approximate else ""
            lines.append(f"  {original!r} -> {canonical}{nearly}")
        if s.unmapped:
            lines.append(f"  not used: {', '.join(repr(u) for u in s.unmapped)}")
        if s.history_columns:
            shown = ", ".join(repr(c) for c in s.history_columns[:6])
            more = f" and {len(s.history_columns) - 6} more" if len(s.history_columns) > 6 else ""
            lines.append(f"  Check-in columns (values by date or week): {shown}{more}")
        for column, value in s.from_sheet_name.items():
            lines.append(f"  {column} taken from the sheet's name: {value!r}")
        for column, value in s.from_header_block.items():
            lines.append(f"  {column} taken from above the header: {value!r}")
        if s.footer_rows:
            lines.append(f"  {s.footer_rows} rows below the table are notes, not key results.")
    for scale in source_dict(table)["scales"]:
        where = f"sheet {scale['sheet']!r}" if scale["sheet"] else scale["file"]
        column = scale["column"].replace("_", " ")
        lines.append(f"Scale: {column} on {where} read as {scale['scale']}.")
    quarters = ", ".join(table.quarters) or "none"
    directions = direction_counts(table)
    if directions["directions"]:
        counts = ", ".join(f"{n} {d}" for d, n in directions["directions"].items())
        lines.append(
            f"Directions: {counts} ({directions['written']} written in the sheet, "
            f"{directions['from_numbers']} from start and target)."
        )
    checkins = f" and {len(table.checkins)} check-ins" if len(table.checkins) else ""
    lines.append(
        f"Found {len(table.objectives)} objectives, {len(table.key_results)} key results"
        f"{checkins} (quarters: {quarters})."
    )
    lines.append(_reconciliation_line(table))
    if table.key_results.empty:
        lines.append("Nothing to score: no row holds a key result that can be scored.")
    lines.extend(_issue_lines(table.issues))
    return "\n".join(lines) + "\n"


def _reconciliation_line(table: OKRTable) -> str:
    r = table.reconciliation
    objectives = f" + {r.rows_objectives} objective rows" if r.rows_objectives else ""
    others = f" + {r.rows_not_okrs} other items" if r.rows_not_okrs else ""
    checkins = f" + {r.rows_checkins} check-ins" if r.rows_checkins else ""
    return (
        f"Rows: {r.rows_read} read = {r.rows_scored} scored + {r.rows_rejected} rejected + "
        f"{r.rows_blank} blank{objectives}{others}{checkins}."
    )


def _issue_lines(issues: pd.DataFrame) -> list[str]:
    errors = int(issues["severity"].eq(ERROR).sum())
    warnings = int(issues["severity"].eq(WARNING).sum())
    if not len(issues):
        return ["No issues."]
    return [f"{_count(errors, 'error')}, {_count(warnings, 'warning')}:", *describe(issues)]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def scorecard_text(scorecard: Scorecard, table: OKRTable | None = None) -> str:
    """The headline scores as plain text for the terminal."""
    sc = scorecard
    company = sc.company
    pace = (
        "no quarter dates"
        if sc.expected_pace is None
        else f"{sc.expected_pace:.0%} of the quarter elapsed"
    )
    lines = [
        f"Quarter {sc.quarter}, as of {sc.as_of.isoformat()} ({pace}).",
        f"Company score: {score_text(company['score'])} ({company['grade'] or 'no data'}), "
        f"from {company['basis']}; {company['objectives']} objectives, "
        f"{company['key_results']} key results, coverage {percent_text(company['coverage'])}.",
        "",
        "By level:",
    ]
    for row in sc.levels.itertuples():
        grade = row.grade if isinstance(row.grade, str) else ""
        lines.append(
            f"  {row.level:<12} {score_text(row.score):>7}  {grade:<6}"
            f"  {row.objectives} objectives, coverage {percent_text(row.coverage)}"
        )
    lines += ["", "By unit:"]
    for row in sc.units.itertuples():
        label = f"{row.level} {row.unit}".strip()
        lines.append(f"  {label:<32} {score_text(row.score):>7}  {row.objectives} objectives")
    status = sc.objectives["pace_status"].value_counts()
    if sc.expected_pace is not None:
        lines += [
            "",
            "Pace: "
            + ", ".join(
                f"{status.get(s, 0)} {s.replace('_', ' ')}"
                for s in ("on_track", "behind", "at_risk", "no_data")
            ),
        ]
    flags = [(f, int(sc.objectives[f].sum())) for f in FLAGS]
    lines.append("Flags: " + ", ".join(f"{n} {f.replace('_', ' ')}" for f, n in flags))
    if table is not None:
        lines.append(_reconciliation_line(table))
    issues = sc.issues
    if len(issues):
        lines.append(
            f"{int(issues['severity'].eq(ERROR).sum())} errors and "
            f"{int(issues['severity'].eq(WARNING).sum())} warnings: run `check` for details."
        )
    return "\n".join(lines) + "\n"


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as formulas when the CSV is opened in a spreadsheet."""
    safe = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_string_dtype(values) or values.dtype == object:
            text = values.astype("str")
            risky = text.str.startswith(_FORMULA_STARTS).fillna(False).astype(bool)
            values = values.mask(risky, "'" + text)
        safe[column] = values
    return pd.DataFrame(safe, index=frame.index)


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text of a table, safe to open in a spreadsheet."""
    buffer = io.StringIO()
    spreadsheet_safe(frame).to_csv(buffer, index=False)
    return buffer.getvalue()
