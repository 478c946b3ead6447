"""The report as an Excel workbook: a Summary with native charts, then every table in full.

Written with xlsxwriter, column by column with one typed call per cell that has a value:
numbers as numbers (dates as Excel date numbers, worked out per column), and every text as text
through the shared string table, which writes each distinct text once. (constant_memory mode
would save memory but writes every text cell inline and leaves charts without cached data; it
measured slower.) No user text is ever written as a formula: the workbook is made with
`strings_to_formulas` (and URLs and numbers) off and text goes through `write_string`, so a
cell holding `=HYPERLINK(...)` shows those characters.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from okr_model.charts import GRADE_COLOURS, PACE_COLOURS
from okr_model.reports.content import (
    ReportContent,
    card_paragraphs,
    filter_lines,
    headline_lines,
    policy_lines,
    reconciliation_rows,
    reconciliation_text,
    status_text,
)

EXCEL_MAX_ROWS = 1_048_576
# Fractions (scores, coverage, weights, shares) are shown as percentages; the cell holds 0.43.
PERCENT_COLUMNS = frozenset(
    {
        "score",
        "coverage",
        "progress",
        "weight",
        "assessed_score",
        "progress_column",
        "confidence",
        "share_passed",
        "share_aligned",
    }
)
# Light fills behind the grade and pace words (the words themselves carry the meaning).
_FILLS = {
    "red": "#F6CDB3",
    "yellow": "#F9E2B3",
    "green": "#B3E2D5",
    "at_risk": "#F6CDB3",
    "behind": "#F9E2B3",
    "on_track": "#B3E2D5",
}
_WIDTH_SAMPLE = 2000  # rows looked at to size a column


class _Styles:
    """The workbook's formats, made once."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.title = book.add_format({"bold": True, "font_size": 16})
        self.heading = book.add_format({"bold": True, "font_size": 12})
        self.header = book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.percent = book.add_format({"num_format": "0%"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.bold = book.add_format({"bold": True})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.fills = {k: book.add_format({"bg_color": v}) for k, v in _FILLS.items()}


def header_label(column: str) -> str:
    """key_results_with_data -> "Key results with data"; kr_id -> "KR id"."""
    words = column.split("_")
    words = ["KR" if w == "kr" else w for w in words]
    text = " ".join(words)
    return text[0].upper() + text[1:] if text else text


# Excel counts days from 1899-12-30 (the 1900 leap-year bug included).
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def _cells(values: pd.Series) -> tuple[str, list[int], list]:
    """How to write a column, the rows that have a value, and those values as Python objects."""
    present = values.notna()
    if pd.api.types.is_bool_dtype(values):
        kind = "boolean"
    elif pd.api.types.is_numeric_dtype(values):
        kind = "number"
        present &= np.isfinite(values.astype("float64"))
    elif pd.api.types.is_datetime64_any_dtype(values):
        # Dates as Excel serial numbers, worked out for the whole column at once.
        kind = "number"
        if values.dt.tz is not None:
            values = values.dt.tz_localize(None)
        values = (values - _EXCEL_EPOCH) / pd.Timedelta(days=1)
    else:
        kind = "string"
        if values.dtype == object:  # lists (flags) become "a, b"
            values = values.map(lambda v: ", ".join(map(str, v)) if isinstance(v, list) else v)
        values = values.astype("str")
        present &= values.ne("")  # an empty text is an empty cell: nothing to write
    rows = np.flatnonzero(present.to_numpy())
    return kind, rows.tolist(), values.iloc[rows].tolist()


def _width(values: pd.Series, header: str) -> float:
    if pd.api.types.is_string_dtype(values) or values.dtype == object:
        lengths = values.head(_WIDTH_SAMPLE).dropna().astype("str").str.len()
        longest = float(lengths.quantile(0.9)) if len(lengths) else 0.0
    else:
        longest = 10.0
    return float(np.clip(max(longest, len(header) * 0.9) + 2, 8, 60))


def write_table(
    sheet: Worksheet,
    row: int,
    frame: pd.DataFrame,
    styles: _Styles,
    *,
    widths: bool = True,
) -> int:
    """Write a header and the frame's rows from `row`; return the row after the table."""
    frame = frame.head(EXCEL_MAX_ROWS - row - 1)
    columns = list(frame.columns)
    writers = {
        "boolean": sheet.write_boolean,
        "number": sheet.write_number,
        "string": sheet.write_string,
    }
    for col, name in enumerate(columns):
        values = frame[name]
        kind, rows, cells = _cells(values)
        fmt = (
            styles.date
            if pd.api.types.is_datetime64_any_dtype(values)
            else styles.percent
            if name in PERCENT_COLUMNS and kind == "number"
            else None
        )
        sheet.write_string(row, col, header_label(name), styles.header)
        if widths:
            sheet.set_column(col, col, _width(values, header_label(name)))
        # One typed call per cell that has a value (the bulk of the work for big tables);
        # column by column, so each column's type is decided once.
        write = writers[kind]
        first = row + 1
        for r, value in zip(rows, cells, strict=True):
            write(first + r, col, value, fmt)
    last = row + len(frame)
    for col, name in enumerate(columns):
        if name in {"grade", "status", "pace_status"} and len(frame):
            _word_fills(sheet, row + 1, col, last, styles)
    return last + 1


def _word_fills(sheet: Worksheet, first: int, col: int, last: int, styles: _Styles) -> None:
    """Grade and pace words get a light fill of their colour (conditional formats)."""
    for word, fill in styles.fills.items():
        for text in {word, status_text(word)}:
            sheet.conditional_format(
                first,
                col,
                last,
                col,
                {"type": "cell", "criteria": "==", "value": f'"{text}"', "format": fill},
            )


def _table_sheet(
    book: xlsxwriter.Workbook, name: str, frame: pd.DataFrame, styles: _Styles
) -> Worksheet:
    """A sheet holding one table: frozen header row, autofilter, sized columns."""
    sheet = book.add_worksheet(name)
    end = write_table(sheet, 0, frame, styles)
    sheet.freeze_panes(1, 0)
    if len(frame.columns):
        sheet.autofilter(0, 0, max(end - 1, 0), len(frame.columns) - 1)
    return sheet


def _lines(sheet: Worksheet, row: int, lines: list[str], fmt=None) -> int:
    for line in lines:
        sheet.write_string(row, 0, line, fmt)
        row += 1
    return row


def _chart(
    book: xlsxwriter.Workbook,
    kind: dict[str, str],
    title: str,
    sheet_name: str,
    rows: tuple[int, int],
    columns: tuple[int, int],
    colours: list[str],
    *,
    percent: bool = False,
):
    """A native chart of one series: categories in one column, values in another."""
    chart = book.add_chart(kind)
    first, last = rows
    label_col, value_col = columns
    chart.add_series(
        {
            "name": title,
            "categories": [sheet_name, first, label_col, last, label_col],
            "values": [sheet_name, first, value_col, last, value_col],
            "points": [{"fill": {"color": c}} for c in colours],
            "data_labels": {"value": True, "category": True, "num_format": "0%" if percent else ""},
        }
    )
    chart.set_title({"name": title})
    chart.set_legend({"none": True})
    axis = {"num_format": "0%", "min": 0, "max": 1} if percent else {"min": 0}
    (chart.set_x_axis if kind["type"] == "bar" else chart.set_y_axis)(axis)
    return chart


def _summary(book: xlsxwriter.Workbook, content: ReportContent, styles: _Styles) -> None:
    name = "Summary"
    sheet = book.add_worksheet(name)
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 5, 14)
    h = content.headline
    sheet.write_string(0, 0, content.title, styles.title)
    sheet.write_string(1, 0, content.subtitle)
    sheet.write_string(2, 0, content.created_text)
    row = 4
    figures = [
        ("Company score", h["score"], styles.percent),
        ("Company grade", h["grade"] or "no data", None),
        ("Objectives", h["objectives"], None),
        ("Key results", h["key_results"], None),
        ("Key results with data", h["coverage"], styles.percent),
        ("Expected pace", content.expected_pace, styles.percent),
        ("Aligned objectives (below company level)", content.alignment_share, styles.percent),
        ("Committed objectives that missed", len(content.missed), None),
        ("Aspirational objectives at 1.0", len(content.sandbagged), None),
    ]
    for label, value, fmt in figures:
        sheet.write_string(row, 0, label, styles.bold)
        if isinstance(value, str):
            sheet.write_string(row, 1, value)
        elif value is not None:
            sheet.write_number(row, 1, float(value), fmt)
        else:
            sheet.write_string(row, 1, "no data")
        row += 1
    row += 1
    row = _lines(sheet, row, headline_lines(content))
    row += 1
    sheet.write_string(row, 0, "Filters", styles.heading)
    row = _lines(sheet, row + 1, filter_lines(content.filters))
    sheet.write_string(
        row, 0, "Scoring policy (the Policy sheet has the formula card)", styles.heading
    )
    row = _lines(sheet, row + 1, policy_lines(content.policy)) + 1

    charts = []
    sheet.write_string(row, 0, "Completion by level", styles.heading)
    start = row + 1
    row = write_table(sheet, start, content.levels, styles, widths=False)
    charts.append(
        _chart(
            book,
            {"type": "bar"},
            "Completion by level",
            name,
            (start + 1, row - 1),
            (0, 1),
            [
                GRADE_COLOURS[g] if isinstance(g, str) else "#999999"
                for g in content.levels["grade"]
            ],
            percent=True,
        )
    )
    row += 1
    sheet.write_string(row, 0, "Objectives by grade", styles.heading)
    start = row + 1
    row = write_table(sheet, start, content.grades, styles, widths=False)
    charts.append(
        _chart(
            book,
            {"type": "column"},
            "Objectives by grade",
            name,
            (start + 1, row - 1),
            (0, 1),
            [GRADE_COLOURS[g] for g in content.grades["grade"]],
        )
    )
    row += 1
    sheet.write_string(row, 0, "Objectives against expected pace", styles.heading)
    start = row + 1
    row = write_table(sheet, start, content.pace, styles, widths=False)
    charts.append(
        _chart(
            book,
            {"type": "column"},
            "Objectives against expected pace",
            name,
            (start + 1, row - 1),
            (0, 1),
            [PACE_COLOURS[s.replace(" ", "_")] for s in content.pace["status"]],
        )
    )
    row += 1
    sheet.write_string(row, 0, "Alignment by level", styles.heading)
    row = write_table(sheet, row + 1, content.alignment, styles, widths=False) + 1
    sheet.write_string(row, 0, "Health checks", styles.heading)
    health = content.health_summary[["description", "checked", "passed", "failed", "share_passed"]]
    write_table(sheet, row + 1, health, styles, widths=False)
    for i, chart in enumerate(charts):
        chart.set_size({"width": 520, "height": 300})
        sheet.insert_chart(4 + i * 16, 7, chart)


def _highlights(book: xlsxwriter.Workbook, content: ReportContent, styles: _Styles) -> None:
    sheet = book.add_worksheet("Highlights")
    widths = {"objective": 60, "objective_id": 14, "unit": 18, "owner": 20}
    for col, name in enumerate(content.top.columns):
        sheet.set_column(col, col, widths.get(name, 12))
    row = 0
    for title, frame in (
        ("Objectives at risk, lowest score first", content.at_risk),
        ("Best objectives", content.top),
        ("Committed objectives that missed their commitment", content.missed),
        ("Aspirational objectives at 1.0 (possible sandbagging)", content.sandbagged),
    ):
        sheet.write_string(row, 0, f"{title} ({len(frame)})", styles.heading)
        row = write_table(sheet, row + 1, frame, styles, widths=False) + 1


def _policy(book: xlsxwriter.Workbook, content: ReportContent, styles: _Styles) -> None:
    sheet = book.add_worksheet("Policy")
    sheet.set_column(0, 0, 120, styles.wrap)
    sheet.write_string(0, 0, "Scoring policy", styles.title)
    row = _lines(sheet, 1, policy_lines(content.policy)) + 1
    sheet.write_string(row, 0, "Formula card", styles.heading)
    row = _lines(sheet, row + 1, card_paragraphs(content.policy_card)) + 1
    sheet.write_string(row, 0, "Filters", styles.heading)
    _lines(sheet, row + 1, filter_lines(content.filters))


def _reconciliation(book: xlsxwriter.Workbook, content: ReportContent, styles: _Styles) -> None:
    sheet = book.add_worksheet("Reconciliation")
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 7, 14)
    sheet.write_string(0, 0, reconciliation_text(content.reconciliation), styles.bold)
    row = write_table(sheet, 2, reconciliation_rows(content.reconciliation), styles, widths=False)
    sheet.write_string(row + 1, 0, "By file and sheet", styles.heading)
    write_table(sheet, row + 2, content.reconciliation_by_sheet, styles, widths=False)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (and restore it as it was).

    xlsxwriter keeps one small tuple per cell until it saves; with two million cells the
    collector's full passes over them took a seventh of the time, and they hold no cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_xlsx(content: ReportContent, stream: BinaryIO) -> None:
    """Write the report workbook to a binary stream."""
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "nan_inf_to_errors": True,
        "remove_timezone": True,
    }
    with _collector_paused(), xlsxwriter.Workbook(stream, options) as book:
        book.set_properties(
            {"title": content.title, "created": content.created, "comments": content.subtitle}
        )
        styles = _Styles(book)
        _summary(book, content, styles)
        _highlights(book, content, styles)
        _table_sheet(book, "Levels", content.levels, styles)
        _table_sheet(book, "Units", content.units, styles)
        _table_sheet(book, "Owners", content.owners, styles)
        _table_sheet(book, "Objectives", content.objectives, styles)
        _table_sheet(book, "Key results", content.key_results, styles)
        _table_sheet(book, "Health", content.health_summary, styles)
        _table_sheet(book, "Health findings", content.health, styles)
        _table_sheet(book, "Issues", content.issues, styles)
        _policy(book, content, styles)
        _reconciliation(book, content, styles)
