"""The report's tables as CSV: the scored objectives and key results, safe to open in a spreadsheet.

The same text as `score --format csv` (`okr_model.output.to_csv`): a cell that a spreadsheet
would run as a formula starts with an apostrophe.
"""

from __future__ import annotations

import io
import zipfile
from typing import BinaryIO

from okr_model.output import to_csv
from okr_model.reports.content import ReportContent

# File name suffix -> table, for the files `write_report` writes.
TABLES = {"objectives": "objectives", "key-results": "key_results"}


def csv_files(content: ReportContent) -> dict[str, bytes]:
    """Each table as UTF-8 CSV bytes, by file name suffix."""
    return {
        suffix: to_csv(getattr(content, table)).encode("utf-8") for suffix, table in TABLES.items()
    }


def write_csv_zip(content: ReportContent, stream: BinaryIO) -> None:
    """Both CSV files in one zip archive (for a single download)."""
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for suffix, data in csv_files(content).items():
            info = zipfile.ZipInfo(
                f"{content.file_stem}-{suffix}.csv", content.created.timetuple()[:6]
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def zip_bytes(content: ReportContent) -> bytes:
    buffer = io.BytesIO()
    write_csv_zip(content, buffer)
    return buffer.getvalue()
