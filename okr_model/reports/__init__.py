"""Leadership score reports: Excel, PowerPoint, PDF, standalone HTML and CSV.

One function gathers what a report says (`report_content`, from a Scorecard and its OKRTable);
one module per format lays it out. So every format tells the same story, with the numbers of
`score --format json` and the dashboard.

    from okr_model import analyse, load_okrs
    from okr_model.reports import write_report

    table = load_okrs("okrs.xlsx")
    write_report(analyse(table), table, "reports/")  # every format

`render(fmt, content)` returns one format's bytes without touching the disk (the dashboard's
downloads); for "csv" that is a zip of the two CSV files, which `write_report` writes apart.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from okr_model.loading import OKRTable
from okr_model.reports.content import ReportContent, company_name, file_stem, report_content
from okr_model.reports.csv import csv_files, write_csv_zip
from okr_model.reports.html import write_html
from okr_model.reports.pdf import write_pdf
from okr_model.reports.pptx import write_pptx
from okr_model.reports.xlsx import write_xlsx
from okr_model.scorecard import Filters, Scorecard

FORMATS = ("xlsx", "pptx", "pdf", "html", "csv")
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "html": "text/html",
    "csv": "application/zip",
}
_WRITERS: dict[str, Callable[[ReportContent, BinaryIO], None]] = {
    "xlsx": write_xlsx,
    "pptx": write_pptx,
    "pdf": write_pdf,
    "html": write_html,
    "csv": write_csv_zip,
}

__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "ReportContent",
    "company_name",
    "file_name",
    "file_stem",
    "render",
    "report_content",
    "write_report",
]


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r} is not a report format; use one of {', '.join(FORMATS)}")


def file_name(fmt: str, stem: str) -> str:
    """The name of one format's file from a stem (`ReportContent.file_stem`); a zip for csv."""
    _check(fmt)
    return f"{stem}.{'zip' if fmt == 'csv' else fmt}"


def render(fmt: str, content: ReportContent) -> bytes:
    """One format of the report as bytes (for "csv", a zip of the objectives and key results)."""
    _check(fmt)
    buffer = io.BytesIO()
    _WRITERS[fmt](content, buffer)
    return buffer.getvalue()


def _files(fmt: str, content: ReportContent) -> dict[str, bytes]:
    """File name -> bytes of one format: one file, or two for "csv"."""
    if fmt == "csv":
        return {f"{content.file_stem}-{k}.csv": v for k, v in csv_files(content).items()}
    return {file_name(fmt, content.file_stem): render(fmt, content)}


def write_report(
    scorecard: Scorecard,
    table: OKRTable,
    outdir: str | Path,
    formats: Iterable[str] = FORMATS,
    *,
    title: str | None = None,
    filters: Filters | None = None,
    progress: Callable[[str, Path], None] | None = None,
    created: dt.datetime | None = None,
) -> list[Path]:
    """Write the report in each format to `outdir` (made if missing); return the paths written.

    `title` names the company (default: the file's name); `filters` are the filters to state
    (default: the scorecard's own); `progress(fmt, path)` is called after each file is written.
    Raises OSError when a file cannot be written, ValueError for an unknown format.
    """
    formats = list(dict.fromkeys(formats))
    for fmt in formats:
        _check(fmt)
    content = report_content(scorecard, table, title=title, filters=filters, created=created)
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        for name, data in _files(fmt, content).items():
            path = folder / name
            path.write_bytes(data)
            written.append(path)
            if progress is not None:
                progress(fmt, path)
    return written
