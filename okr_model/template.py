"""The blank template workbook: the canonical columns, dropdowns, and an Instructions sheet."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from okr_model.columns import CANONICAL_COLUMNS, column_label
from okr_model.values import DIRECTIONS, LEVELS, OBJECTIVE_TYPES

TEMPLATE_COLUMNS = tuple(c for c in CANONICAL_COLUMNS if c.group == "okr")
TEMPLATE_ROWS = 1000  # rows prepared with dropdowns
_DROPDOWNS = {"level": LEVELS, "direction": DIRECTIONS, "objective_type": OBJECTIVE_TYPES}
_EXAMPLE = {
    "quarter": "2026-Q4",
    "level": "team",
    "unit": "Growth",
    "owner": "(owner's name)",
    "objective": "Turn visitors into subscribers",
    "key_result": "Lift trial-to-paid conversion from 18% to 26%",
    "start": 0.18,
    "target": 0.26,
    "current": 0.21,
    "direction": "increase",
    "objective_type": "aspirational",
}


def write_template(target: str | Path | BinaryIO | None = None) -> bytes | None:
    """Write the template to a path or binary stream; with no target, return its bytes."""
    buffer = io.BytesIO() if target is None else None
    destination = buffer if buffer is not None else target
    with xlsxwriter.Workbook(
        destination if not isinstance(destination, Path) else str(destination),
        {"in_memory": True},
    ) as book:
        _okr_sheet(book)
        _instructions(book)
    return buffer.getvalue() if buffer is not None else None


def _okr_sheet(book: xlsxwriter.Workbook) -> None:
    sheet = book.add_worksheet("OKRs")
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    percent = book.add_format({"num_format": "0%"})
    names = [c.name for c in TEMPLATE_COLUMNS]
    for col, column in enumerate(TEMPLATE_COLUMNS):
        sheet.write(0, col, column_label(column.name), header)
        sheet.write_comment(0, col, column.description)
        width = 40 if column.name in {"objective", "key_result"} else 14
        sheet.set_column(col, col, width, percent if column.name == "weight" else None)
        if column.name in _DROPDOWNS:
            sheet.data_validation(
                1,
                col,
                TEMPLATE_ROWS,
                col,
                {
                    "validate": "list",
                    "source": list(_DROPDOWNS[column.name]),
                    "error_type": "warning",
                    "error_title": column_label(column.name),
                    "error_message": f"Use one of: {', '.join(_DROPDOWNS[column.name])}.",
                },
            )
    for name, value in _EXAMPLE.items():
        sheet.write(1, names.index(name), value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, TEMPLATE_ROWS, len(names) - 1)


def _instructions(book: xlsxwriter.Workbook) -> None:
    sheet = book.add_worksheet("Instructions")
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 90)
    sheet.write(0, 0, "How to fill in the OKRs sheet", bold)
    notes = [
        "One row per key result. Repeat the objective on each of its key results' rows, or name "
        "it once and leave it blank on the rows below.",
        "Only Objective and Key Result are required. Row 2 is an example: replace it.",
        "Scores are 0 to 1: 0.7 is success for an aspirational objective, 0.3 or less a miss.",
    ]
    for row, note in enumerate(notes, start=1):
        sheet.write(row, 1, note, wrap)
    sheet.write(len(notes) + 2, 0, "Column", bold)
    sheet.write(len(notes) + 2, 1, "What it holds", bold)
    for row, column in enumerate(TEMPLATE_COLUMNS, start=len(notes) + 3):
        sheet.write(row, 0, column_label(column.name) + (" (required)" if column.required else ""))
        sheet.write(row, 1, column.description, wrap)
