"""Read OKR spreadsheets (.xlsx, .xlsm, .ods, .xls, .csv, .tsv) into one frame of raw cells.

The reader finds each sheet's header row, maps its headers to canonical columns through the alias
table and keeps every data row with the sheet name and the row number the user sees in Excel.
It does not interpret values: that is validation's job, so errors can quote the cells verbatim.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import datetime as dt
import html
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd
import python_calamine
from defusedxml import DefusedXmlException, ElementTree

from okr_model.columns import (
    CANONICAL_NAMES,
    REQUIRED_COLUMNS,
    TEXT_COLUMNS,
    fuzzy_match,
    header_match,
)
from okr_model.mapping import ColumnMapping
from okr_model.values import as_text, is_quarter, parse_dates, parse_quarters, vocabulary_key

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
TEXT_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
SOURCE_COLUMNS = ("source_file", "source_sheet", "source_row")

# A header row is looked for in the first rows only: title blocks above a table are short.
HEADER_SEARCH_ROWS = 30
# Limits that keep a hostile or damaged file from exhausting memory. The 80,000-key-result
# benchmark workbook is 7 MB and unpacks to 74 MB over 1.6 million cells.
MAX_FILE_BYTES = 256 * 2**20
MAX_UNPACKED_BYTES = 2**30
MAX_SHEET_CELLS = 30_000_000
_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')
_TEXT_BYTES = bytes([9, 10, 11, 12, 13, *range(32, 256)])
_SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class OKRFileError(Exception):
    """A file that cannot be read as an OKR table; the message is one sentence for the user.

    `sheets` holds what was understood of each sheet, when the file could be opened.
    """

    def __init__(self, message: str, sheets: tuple[SheetReport, ...] = ()) -> None:
        super().__init__(message)
        self.sheets = sheets


@dataclass(frozen=True)
class SheetReport:
    """What the reader understood of one sheet, or why it skipped it."""

    file: str
    sheet: str
    used: bool
    reason: str = ""
    header_row: int | None = None  # as numbered in Excel (1-based)
    columns: dict[str, str] = field(default_factory=dict)  # original header -> canonical name
    unmapped: tuple[str, ...] = ()
    rows: int = 0
    # Headers that mean a column another header already supplies: header -> canonical name.
    duplicates: dict[str, str] = field(default_factory=dict)
    # Skipped although its header names OKR columns: a required column is missing.
    incomplete: bool = False
    # Not loaded: its used range is larger than MAX_SHEET_CELLS.
    too_large: bool = False
    # Headers read as the column they nearly name (misspelt): header -> canonical name.
    approximate: dict[str, str] = field(default_factory=dict)
    # Columns the table lacks, taken from the sheet's name: canonical name -> value.
    from_sheet_name: dict[str, str] = field(default_factory=dict)
    # Columns the table lacks, taken from a "Department: Sales" block above its header.
    from_header_block: dict[str, str] = field(default_factory=dict)
    # Rows below the table, after a blank row, with nothing of a key result: notes, legends,
    # signature lines. Read, reported and not scored.
    footer_rows: int = 0
    # Every non-empty header of the header row, as written.
    headers: tuple[str, ...] = ()
    # What the sheet holds: "okrs" (key results, with or without objective rows), or one part
    # of linked tables: "objectives", "key results" (naming their objective by id only) or
    # "check-ins" (values of key results by date).
    kind: str = "okrs"
    # Headers read as check-in dates or weeks (values of each KR over time).
    history_columns: tuple[str, ...] = ()
    # Every non-empty header by its 0-based column position (to name a cell's column).
    headers_by_position: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceTable:
    """Raw cells under canonical column names, one row per data row of the used sheets.

    `cells` holds every canonical column (missing ones all-NA), the source columns
    (`source_file`, `source_sheet`, `source_row`) and `blank` (no cell of the row has content).
    """

    cells: pd.DataFrame
    sheets: tuple[SheetReport, ...]
    # Check-in values in columns headed by a date or a week ("2026-07-07", "Week 3"), one row
    # per cell: source_file, source_sheet, source_row, column, date, week, value.
    history: pd.DataFrame = field(default_factory=lambda: _no_history())
    # Formula cells saved without a result (read as empty): source_file, source_sheet,
    # source_row, column (its header, or its letter outside the table), formula.
    formulas: pd.DataFrame = field(default_factory=lambda: _no_formulas())

    def header(self, file: str, sheet: str, column: str) -> str:
        """The original header of a canonical column in one sheet (the canonical name if absent)."""
        for report in self.sheets:
            if report.file == file and report.sheet == sheet:
                for original, canonical in report.columns.items():
                    if canonical == column:
                        return original
        return column

    @property
    def present_columns(self) -> frozenset[str]:
        """Canonical columns that some used sheet has."""
        return frozenset(c for s in self.sheets if s.used for c in s.columns.values())


def read_okr_file(
    source: str | Path | bytes | BinaryIO,
    *,
    name: str | None = None,
    mapping: ColumnMapping | None = None,
) -> SourceTable:
    """Read one OKR spreadsheet from a path, bytes or a binary file object.

    `name` is the file name used in messages and for choosing the format when `source` has none;
    `mapping` corrects what detection finds (sheets, header rows, columns).
    Raises OKRFileError when nothing in the file can be read as an OKR table.
    """
    mapping = mapping or ColumnMapping()
    data, name = _read_bytes(source, name)
    if not data.strip():
        raise OKRFileError(f"{name} is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise OKRFileError(
            f"{name} is {len(data) / 2**20:,.0f} MB, more than the {MAX_FILE_BYTES // 2**20} MB "
            "this product reads."
        )
    suffix = Path(name).suffix.lower()
    formulas: dict[str, list[tuple[int, int, str]]] = {}
    if suffix in WORKBOOK_SUFFIXES or data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        grids, formulas = _workbook_grids(data, name)
    elif suffix in TEXT_SUFFIXES or not suffix:
        grids = [("", _text_grid(data, name, suffix))]  # a text file has one unnamed sheet
    else:
        raise OKRFileError(
            f"{name} is not a spreadsheet this product reads "
            "(.xlsx, .xlsm, .ods, .xls, .csv, .tsv)."
        )
    return _tables_from_grids(grids, name, mapping, formulas)


def detected_mapping(sheets: tuple[SheetReport, ...]) -> ColumnMapping:
    """What detection understood, as a mapping a user can correct and pass back in.

    Sheets whose header was found but which lack a required column are included too: that is
    when a mapping is most needed.
    """
    used = [s for s in sheets if s.used or s.incomplete]
    columns: dict[str, str | None] = {}
    for report in used:
        columns.update(report.columns)
        columns.update({header: None for header in (*report.unmapped, *report.duplicates)})
        columns.update({header: None for header in report.headers if header not in columns})
    named = [s.sheet for s in used if s.sheet]
    return ColumnMapping(
        sheets=tuple(named),
        header_rows={s.sheet: s.header_row for s in used if s.sheet and s.header_row},
        header_row=next((s.header_row for s in used if not s.sheet), None),
        columns=columns,
    )


def combine_sources(tables: list[SourceTable]) -> SourceTable:
    """One SourceTable from several files read separately (for uploads of several files).

    Files with the same name are told apart as "okrs.xlsx", "okrs.xlsx (2)", ... so every
    message still points at one file.
    """
    seen: dict[str, int] = {}
    renamed = []
    for table in tables:
        files = list(dict.fromkeys(s.file for s in table.sheets))
        names = {}
        for file in files:
            seen[file] = seen.get(file, 0) + 1
            names[file] = file if seen[file] == 1 else f"{file} ({seen[file]})"
        renamed.append(
            SourceTable(
                cells=table.cells.assign(source_file=table.cells["source_file"].map(names)),
                sheets=tuple(dataclasses.replace(s, file=names[s.file]) for s in table.sheets),
                history=table.history.assign(source_file=table.history["source_file"].map(names)),
                formulas=table.formulas.assign(
                    source_file=table.formulas["source_file"].map(names)
                ),
            )
        )
    return SourceTable(
        cells=pd.concat([t.cells for t in renamed], ignore_index=True),
        sheets=tuple(s for t in renamed for s in t.sheets),
        history=pd.concat([t.history for t in renamed], ignore_index=True),
        formulas=pd.concat([t.formulas for t in renamed], ignore_index=True),
    )


def _read_bytes(source: str | Path | bytes | BinaryIO, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), name or "upload"
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            return path.read_bytes(), name or path.name
        except FileNotFoundError:
            raise OKRFileError(f"{path} does not exist.") from None
        except IsADirectoryError:
            raise OKRFileError(f"{path} is a folder, not a spreadsheet.") from None
        except OSError as error:
            raise OKRFileError(f"{path} cannot be opened: {error.strerror}.") from None
    return source.read(), name or getattr(source, "name", "upload")


def _workbook_grids(
    data: bytes, name: str
) -> tuple[list[tuple[str, np.ndarray | str | None]], dict[str, list[tuple[int, int, str]]]]:
    """Each worksheet's cells, in order (None for a hidden sheet, a reason for one too large),
    and each sheet's formulas saved without a result."""
    oversized, formulas = _inspect_archive(data, name) if data[:4] == b"PK\x03\x04" else ({}, {})
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise OKRFileError(
            f"{name} is password-protected; save a copy without a password."
        ) from None
    except Exception:
        if _encrypted_ooxml(data):
            raise OKRFileError(
                f"{name} is password-protected; save a copy without a password."
            ) from None
        raise OKRFileError(f"{name} is not a readable workbook (it may be damaged).") from None
    grids: list[tuple[str, np.ndarray | str | None]] = []
    for meta in workbook.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue
        if meta.visible != python_calamine.SheetVisibleEnum.Visible:
            grids.append((meta.name, None))
            continue
        if meta.name in oversized:
            grids.append((meta.name, oversized[meta.name]))
            continue
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
            grid = _grid(sheet.to_python(skip_empty_area=False))
            merged = sheet.merged_cell_ranges or []
        except Exception:
            raise OKRFileError(f"Sheet {meta.name!r} of {name} cannot be read.") from None
        grids.append((meta.name, _fill_merged(grid, merged)))
    return grids, formulas


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An .xlsx saved with a password is an OLE container holding an "EncryptionInfo" stream (its
# name is stored in UTF-16).
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def _encrypted_ooxml(data: bytes) -> bool:
    return data.startswith(_OLE_MAGIC) and _ENCRYPTION_INFO in data


def _inspect_archive(
    data: bytes, name: str
) -> tuple[dict[str, str], dict[str, list[tuple[int, int, str]]]]:
    """Refuse zip bombs; name the sheets whose used range is too large to load, and why; find
    the formulas saved without a result.

    An .xlsx is a zip of XML parts. The central directory states each part's unpacked size, and
    each sheet states its used range in a <dimension> element near its start, so both checks
    read a few kilobytes, not the file.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise OKRFileError(f"{name} is not a readable workbook (it may be damaged).") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise OKRFileError(
            f"{name} unpacks to {unpacked / 2**30:,.1f} GB, more than the "
            f"{MAX_UNPACKED_BYTES // 2**30} GB this product reads; it may be damaged."
        )
    reasons, formulas = {}, {}
    for sheet, part in _sheet_parts(archive).items():
        try:
            with archive.open(part) as stream:
                head = stream.read(16_384)
        except (KeyError, zipfile.BadZipFile, OSError):
            continue
        match = _DIMENSION.search(head)
        if match and match.group(3):
            rows = int(match.group(4)) - int(match.group(2)) + 1
            columns = _column_number(match.group(3)) - _column_number(match.group(1)) + 1
            if rows * columns > MAX_SHEET_CELLS:
                reasons[sheet] = (
                    f"its used range is {rows:,} rows by {columns:,} columns, more than this "
                    "product loads; delete the empty rows and columns below and to the right of "
                    "the table"
                )
                continue
        if b"<f" in head:
            # A formula saved without its result reads as an empty cell: say which, never
            # evaluate. Sheets with formulas show them in their first rows, so only those
            # sheets are read whole for this (a formula first used far down is missed).
            with contextlib.suppress(KeyError, zipfile.BadZipFile, OSError):
                formulas[sheet] = _formulas_without_results(archive.read(part))
    return reasons, formulas


# A cell whose formula is followed by no value: <c r="D7"><f>SUM(B7:C7)</f></c>, or a shared
# formula <c r="D8"><f t="shared" si="0"/></c>. Excel and LibreOffice always save a <v>.
_FORMULA_WITHOUT_RESULT = re.compile(
    rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>]*>(?:<f[^>]*/>|<f[^>]*>([^<]*)</f>)(?:<v\s*/>|<v></v>)?</c>'
)


def _formulas_without_results(xml: bytes) -> list[tuple[int, int, str]]:
    """(row, column, formula) of each formula cell with no saved result, 0-based."""
    found = []
    for match in _FORMULA_WITHOUT_RESULT.finditer(xml):
        text = html.unescape(match.group(3).decode("utf-8", "replace")) if match.group(3) else ""
        formula = f"={text}" if text else "(a formula shared with the cell above)"
        found.append((int(match.group(2)) - 1, _column_number(match.group(1)) - 1, formula))
    return found


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML part, from the workbook and its relationships."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, DefusedXmlException):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in relations}
    parts = {}
    for sheet in workbook.iter(f"{{{_SPREADSHEET_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_RELATIONSHIP_NS}}}id"), "")
        parts[sheet.get("name", "")] = (
            target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        )
    return parts


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _fill_merged(
    grid: np.ndarray, merged: list[tuple[tuple[int, int], tuple[int, int]]]
) -> np.ndarray:
    """Give every cell of a merged range the value Excel shows in all of it (its first cell's)."""
    for (top, left), (bottom, right) in merged:
        if top < grid.shape[0] and left < grid.shape[1]:
            grid[top : bottom + 1, left : right + 1] = grid[top, left]
    return grid


def _grid(rows: list[list[object]]) -> np.ndarray:
    """A 2-D object array of cells ("" for empty), rows padded to the same width."""
    if not rows:
        return np.empty((0, 0), dtype=object)
    width = len(rows[0])
    if len(rows[-1]) != width or any(len(r) != width for r in rows):
        width = max(len(r) for r in rows)
        rows = [[*r, *[""] * (width - len(r))] for r in rows]
    grid = np.empty((len(rows), width), dtype=object)
    grid[:] = rows
    return grid


def _binary(name: str) -> OKRFileError:
    return OKRFileError(f"{name} is a binary file, not a spreadsheet or CSV export.")


def _decode(data: bytes, name: str) -> str:
    """Text of a CSV export: UTF-16 (by its byte-order mark or its zero bytes), else UTF-8, else
    the Windows code pages. Stray NUL characters, never meaningful in a cell, are dropped."""
    sample = data[:4096]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16").replace("\x00", "")
    zeros = sample.count(0)
    if zeros > len(sample) // 4:
        # Text in UTF-16 without a byte-order mark: ASCII letters come with a zero byte beside.
        odd = sample[1::2].count(0)
        encoding = "utf-16-le" if odd >= zeros * 0.9 else "utf-16-be" if odd <= zeros * 0.1 else ""
        if not encoding:
            raise _binary(name)
        try:
            return data.decode(encoding).replace("\x00", "")
        except UnicodeDecodeError:
            raise _binary(name) from None
    # Control characters other than tabs and line breaks do not occur in text exports.
    controls = len(sample.translate(None, _TEXT_BYTES))
    if controls > len(sample) // 10:
        raise _binary(name)
    try:
        return data.decode("utf-8-sig").replace("\x00", "")
    except UnicodeDecodeError:
        pass
    vietnamese = _as_vietnamese_code_page(data)
    if vietnamese is not None:
        return vietnamese
    try:
        return data.decode("cp1252").replace("\x00", "")
    except UnicodeDecodeError:
        raise OKRFileError(
            f"{name} is not text in a known encoding (UTF-8, UTF-16, Windows-1252 or -1258)."
        ) from None


# Letters only Vietnamese writes: with a tone mark (U+1EA0-U+1EF9), and ă, đ, ơ, ư.
_TONED = re.compile("[\u1ea0-\u1ef9]")
_VIETNAMESE_LETTERS = re.compile("[ăâđơưĂĐƠƯ]")


def _as_vietnamese_code_page(data: bytes) -> str | None:
    """The text of a Windows-1258 (Vietnamese) export, or None if it does not read as one.

    Windows-1252 decodes the same bytes without error, into Western letters (ì, ò, Þ, õ...), so
    the choice is by content: Windows-1258 writes tones as combining marks after the vowel, which
    compose into letters only Vietnamese uses.
    """
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    if len(_TONED.findall(text)) >= 3 and _VIETNAMESE_LETTERS.search(text):
        return text.replace("\x00", "")
    return None


def _text_grid(data: bytes, name: str, suffix: str) -> np.ndarray:
    text = _decode(data, name)
    grid = _parse_text(text, name, _delimiter(text, suffix))
    if _wrapped_lines(grid):
        # A classic broken export: every line wrapped in one pair of quotes, so each row reads
        # as a single cell. The cells are the lines; parse them again.
        lines = "\n".join(str(cell) for cell in grid[:, 0])
        grid = _parse_text(lines, name, _delimiter(lines, suffix))
    return grid


def _delimiter(text: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _wrapped_lines(grid: np.ndarray) -> bool:
    """One column whose cells mostly hold delimiters: lines wrapped whole in quotes."""
    if grid.ndim != 2 or grid.shape[1] != 1 or grid.shape[0] < 2:
        return False
    cells = [str(c) for c in grid[:, 0] if str(c)]
    return bool(cells) and sum(any(d in c for d in ",;\t") for c in cells) * 2 > len(cells)


def _parse_text(text: str, name: str, delimiter: str) -> np.ndarray:
    try:
        # Fast path for the usual rectangular export.
        grid = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=object,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="python" if delimiter == "|" else "c",
        )
        return grid.to_numpy(dtype=object)
    except (pd.errors.ParserError, ValueError):
        pass
    # Title lines above the table, or rows of other lengths: read row by row and pad.
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise OKRFileError(f"{name} is not a well-formed CSV file ({error}).") from None
    return _grid([row or [""] for row in rows])


def _find_header(
    grid: np.ndarray, approximate: set[int], only_row: int | None = None
) -> tuple[int, dict[int, str], dict[int, str]] | None:
    """The header row (0-based), its mapped columns, and headers that repeat a mapped column.

    The header row is the early row naming most columns. When two headers mean one column, the
    more specific alias wins ("Key Result" over "KR"), then the one further left. Positions
    matched only approximately (a misspelt header) are added to `approximate`.
    """
    best = None
    rows = range(min(HEADER_SEARCH_ROWS, len(grid))) if only_row is None else [only_row]
    for row in rows:
        chosen: dict[str, tuple[int, int]] = {}  # canonical -> (rank, position)
        repeats: dict[int, str] = {}
        for position, cell in enumerate(grid[row]):
            match = header_match(cell) if isinstance(cell, str) and cell.strip() else None
            if match is None:
                continue
            canonical, rank = match
            if canonical in chosen and chosen[canonical][0] <= rank:
                repeats[position] = canonical
                continue
            if canonical in chosen:
                repeats[chosen[canonical][1]] = canonical
            chosen[canonical] = (rank, position)
        mapping = {position: canonical for canonical, (_, position) in chosen.items()}
        enough = len(mapping) >= 2 or only_row is not None
        if enough and (best is None or len(mapping) > len(best[1])):
            best = (row, mapping, repeats)
    if best is None and only_row is None:
        return _find_misspelt_header(grid, approximate)
    if best is None:
        return None
    row, mapping, repeats = best
    # Misspelt headers in the chosen row: read as the column they nearly name, if still free.
    for position, cell in enumerate(grid[row]):
        if position in mapping or position in repeats or not isinstance(cell, str):
            continue
        canonical = fuzzy_match(cell)
        if canonical and canonical not in mapping.values():
            mapping[position] = canonical
            approximate.add(position)
    return row, mapping, repeats


def _apply_corrections(
    headers: list[str],
    mapping: dict[int, str],
    repeats: dict[int, str],
    approximate: set[int],
    corrections: ColumnMapping,
) -> None:
    """Let the user's mapping decide for every header it names (in place)."""
    for position, header in enumerate(headers):
        named, canonical = corrections.column_for(header) if header else (False, None)
        if not named:
            continue
        mapping.pop(position, None)
        repeats.pop(position, None)
        approximate.discard(position)
        if canonical is None:
            continue
        for other, meaning in list(mapping.items()):
            if meaning == canonical:
                del mapping[other]
        mapping[position] = canonical


def _find_misspelt_header(
    grid: np.ndarray, approximate: set[int]
) -> tuple[int, dict[int, str], dict[int, str]] | None:
    """When no row names two columns exactly: the early row naming most of them nearly."""
    best: tuple[int, dict[int, str]] | None = None
    for row in range(min(HEADER_SEARCH_ROWS, len(grid))):
        mapping: dict[int, str] = {}
        for position, cell in enumerate(grid[row]):
            canonical = fuzzy_match(cell) if isinstance(cell, str) and cell.strip() else None
            if canonical and canonical not in mapping.values():
                mapping[position] = canonical
        if len(mapping) >= 2 and (best is None or len(mapping) > len(best[1])):
            best = (row, mapping)
    if best is None:
        return None
    approximate.update(best[1])
    return best[0], best[1], {}


def _header_text(cell: object) -> str:
    return str(cell).strip()


def _sheet_table(
    grid: np.ndarray, file: str, sheet: str, corrections: ColumnMapping
) -> tuple[pd.DataFrame | None, pd.DataFrame | None, SheetReport]:
    """A sheet's cells under canonical names, its check-in history columns, and a report."""
    approximate: set[int] = set()
    forced_row = corrections.header_row_of(sheet)
    if forced_row is not None and forced_row >= len(grid):
        reason = f"the mapping puts the header on row {forced_row + 1}, below the sheet's last row"
        return None, None, SheetReport(file, sheet, used=False, reason=reason)
    found = _find_header(grid, approximate, only_row=forced_row)
    if found is None and corrections.columns:
        found = (forced_row or 0, {}, {})
    if found is None:
        return (
            None,
            None,
            SheetReport(file, sheet, used=False, reason="no header row naming OKR columns"),
        )
    header_row, mapping, repeats = found
    headers = [_header_text(h) for h in grid[header_row]]
    _apply_corrections(headers, mapping, repeats, approximate, corrections)
    columns = {headers[p]: c for p, c in sorted(mapping.items())}
    duplicates = {headers[p]: c for p, c in sorted(repeats.items())}
    nearly = {headers[p]: mapping[p] for p in sorted(approximate)}
    # A tool's export names each row's text and type instead (see layouts.py).
    tool_export = "title" in mapping.values() and (
        "item_type" in mapping.values() or "objective_type" in mapping.values()
    )
    history_labels = _history_labels(
        {p: h for p, h in enumerate(grid[header_row]) if p not in mapping and p not in repeats}
    )
    unmapped = tuple(
        h
        for p, h in enumerate(headers)
        if p not in mapping and p not in repeats and p not in history_labels and h
    )
    kind = (
        "okrs" if tool_export else _sheet_kind(set(mapping.values()), sheet, bool(history_labels))
    )
    missing = (
        []
        if kind != "okrs" or tool_export
        else [c for c in REQUIRED_COLUMNS if c not in mapping.values()]
    )
    if missing:
        needed = " and ".join(_pretty(c) for c in missing)
        reason = f"no {needed} column (headers: {', '.join(h for h in headers if h)})"
        report = SheetReport(
            file,
            sheet,
            used=False,
            reason=reason,
            header_row=header_row + 1,
            columns=columns,
            rows=len(grid) - header_row - 1,
            incomplete=True,
            headers=tuple(h for h in headers if h),
            headers_by_position={p: h for p, h in enumerate(headers) if h},
        )
        return None, None, report
    body = grid[header_row + 1 :]
    empty = (body == "") | pd.isna(body)
    # Rows after the last one with content are padding (Google Sheets adds hundreds): not read.
    filled = np.flatnonzero(~empty.all(axis=1))
    end = int(filled[-1]) + 1 if len(filled) else 0
    body, empty = body[:end], empty[:end]
    position_of = {canonical: position for position, canonical in mapping.items()}
    index = pd.RangeIndex(len(body))
    data = {}
    for name in CANONICAL_NAMES:
        if name not in position_of:
            data[name] = pd.Series(
                np.nan, index=index, dtype="str" if name in TEXT_COLUMNS else object
            )
            continue
        raw = pd.Series(
            np.where(empty[:, position_of[name]], np.nan, body[:, position_of[name]]),
            index=index,
            dtype=object,
        )
        # Text columns (ids included) are read as text once, here: 12.0 becomes "12".
        data[name] = as_text(raw) if name in TEXT_COLUMNS else raw
    cells = pd.DataFrame(data)
    text_positions = [p for c, p in position_of.items() if c in TEXT_COLUMNS]
    cells["blank"] = _blank_rows(cells, body, empty, text_positions)
    block = {
        column: value
        for column, value in _header_block(grid[:header_row]).items()
        if column not in position_of
    }
    if block:
        cells = cells.assign(**block)
    cells["checkin_row"] = kind == "check-ins"
    kr_positions = [position_of[c] for c in KR_CELL_COLUMNS if c in position_of]
    footer = _footer_rows(cells["blank"].to_numpy(), empty, kr_positions)
    cells["footer"] = footer & (kind == "okrs")
    cells.insert(
        0, "source_row", np.arange(header_row + 2, header_row + 2 + len(body))
    )  # Excel rows
    cells.insert(0, "source_sheet", sheet)
    cells.insert(0, "source_file", file)
    history = _history_cells(history_labels, grid[header_row], body, empty, file, sheet, header_row)
    report = SheetReport(
        file,
        sheet,
        used=True,
        header_row=header_row + 1,
        columns=columns,
        unmapped=unmapped,
        rows=len(cells),
        duplicates=duplicates,
        approximate=nearly,
        headers=tuple(h for h in headers if h),
        headers_by_position={p: h for p, h in enumerate(headers) if h},
        kind=kind,
        from_header_block=block,
        footer_rows=int(cells["footer"].sum()),
        history_columns=tuple(history["column"].unique()) if len(history) else (),
    )
    return cells, history, report


_HISTORY_COLUMNS = ["source_file", "source_sheet", "source_row", "column", "date", "week", "value"]
_WEEK = re.compile(r"(?:week|wk|w|tuan|semana|sem|tuan so)\s*(\d{1,2})")


def _no_history() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in _HISTORY_COLUMNS})


_FORMULA_COLUMNS = ["source_file", "source_sheet", "source_row", "column", "formula"]


def _no_formulas() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in _FORMULA_COLUMNS})


def _formula_cells(
    found: list[tuple[int, int, str]], file: str, report: SheetReport
) -> pd.DataFrame:
    """Formulas without results of one sheet, each under its column's header where it has one."""
    if not found:
        return _no_formulas()
    # Imported here, not at the top: only files with such formulas pay for it.
    from xlsxwriter.utility import xl_col_to_name

    rows, positions, formulas = zip(*found, strict=True)
    inside = report.header_row is not None
    headers = report.headers_by_position
    columns = [
        headers.get(p)
        if inside and r + 1 > report.header_row and headers.get(p)
        else xl_col_to_name(p)
        for r, p in zip(rows, positions, strict=True)
    ]
    return pd.DataFrame(
        {
            "source_file": file,
            "source_sheet": report.sheet,
            "source_row": [r + 1 for r in rows],
            "column": columns,
            "formula": formulas,
        }
    )


def _history_labels(
    headers: dict[int, object],
) -> dict[int, tuple[pd.Timestamp | None, int | None]]:
    """The date or week each column of check-in values is headed by, for the columns so headed."""
    labels: dict[int, tuple[pd.Timestamp | None, int | None]] = {}
    texts = {}
    for position, header in headers.items():
        if isinstance(header, dt.date):
            labels[position] = (pd.Timestamp(header), None)
        elif isinstance(header, str) and header.strip():
            week = _WEEK.fullmatch(vocabulary_key(header))
            if week:
                labels[position] = (None, int(week.group(1)))
            else:
                texts[position] = header.strip()
    if texts:  # the other texts are parsed as dates in one go
        dates = parse_dates(pd.Series(texts, dtype=object))
        labels.update({p: (d, None) for p, d in dates.dropna().items()})
    return dict(sorted(labels.items()))


# Cells that make a row a key result (a footer row has none of them).
KR_CELL_COLUMNS = ("key_result", "start", "target", "current", "progress", "assessed_score")
# What a block of "Label: value" pairs above a table may give every row of it.
_BLOCK_COLUMNS = frozenset({"quarter", "unit", "owner", "level"})


def _header_block(above: np.ndarray) -> dict[str, str]:
    """Columns given once above the header ("Department:", "Sales"; "Period:", "Q3 2026")."""
    found: dict[str, str] = {}
    for row in above:
        filled = [_header_text(cell) for cell in row if _header_text(cell) not in ("", "nan")]
        if len(filled) != 2:
            continue
        match = header_match(filled[0].rstrip(":").strip())
        if match is None or match[0] not in _BLOCK_COLUMNS or match[0] in found:
            continue
        value = filled[1]
        if match[0] == "quarter":
            quarter = parse_quarters(pd.Series([value], dtype=object))
            if not is_quarter(quarter.fillna("")).iloc[0]:
                continue
            value = str(quarter.iloc[0])
        found[match[0]] = value
    return found


def _footer_rows(blank: np.ndarray, empty: np.ndarray, kr_positions: list[int]) -> np.ndarray:
    """Rows after the table's last blank row in which no key-result cell is filled."""
    footer = np.zeros(len(blank), dtype=bool)
    blank_rows = np.flatnonzero(blank)
    if not len(blank_rows) or not kr_positions:
        return footer
    after = blank_rows[-1] + 1
    if after < len(blank) and empty[after:, kr_positions].all():
        footer[after:] = ~blank[after:]
    return footer


# Sheets of check-ins named so, in the languages we read (after vocabulary_key).
_CHECKINS_SHEET = re.compile(
    r".*(check ?-? ?ins?|updates?|history|progress log|cap nhat|lich su|theo doi|"
    r"atualizacoes|historico|acompanhamento|actualizaciones|seguimiento).*"
)


def _sheet_kind(mapped: set[str], sheet: str, has_history: bool) -> str:
    """What a sheet's columns say it holds (see SheetReport.kind)."""
    names_kr = bool({"kr_id", "key_result"} & mapped)
    measured = ("checkin_date" in mapped and bool({"current", "progress"} & mapped)) or has_history
    # Check-ins name a key result and a value by date, and set no target: without an
    # objective column, or with one in a sheet named for check-ins.
    if (
        names_kr
        and measured
        and not {"target", "start"} & mapped
        and ("objective" not in mapped or _CHECKINS_SHEET.fullmatch(vocabulary_key(sheet)))
    ):
        return "check-ins"
    # Linked tables name objectives on one sheet and their key results (by objective id) on
    # another.
    if {"objective", "objective_id"} <= mapped and "key_result" not in mapped:
        return "objectives"
    if {"key_result", "objective_id"} <= mapped and "objective" not in mapped:
        return "key results"
    return "okrs"


def _history_cells(
    labels: dict[int, tuple[pd.Timestamp | None, int | None]],
    headers: np.ndarray,
    body: np.ndarray,
    empty: np.ndarray,
    file: str,
    sheet: str,
    header_row: int,
) -> pd.DataFrame:
    """Each filled cell under a date or week header: a check-in value of that row's KR."""
    frames = []
    for position, (date, week) in labels.items():
        header = headers[position]
        filled = np.flatnonzero(~empty[:, position])
        frames.append(
            pd.DataFrame(
                {
                    "source_file": file,
                    "source_sheet": sheet,
                    "source_row": filled + header_row + 2,
                    "column": _header_text(header),
                    "date": date,
                    "week": week,
                    "value": pd.Series(body[filled, position], dtype=object),
                }
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else _no_history()


def _blank_rows(
    cells: pd.DataFrame, body: np.ndarray, empty: np.ndarray, text_positions: list[int]
) -> np.ndarray:
    """Rows with no content: every cell empty or only whitespace.

    Text columns are already trimmed; in the other columns whitespace-only cells are rare, so
    only rows blank in every text column but not plainly empty elsewhere are looked at closely.
    """
    blank_text = cells[list(TEXT_COLUMNS)].isna().all(axis=1).to_numpy()
    other = np.ones(empty.shape[1], dtype=bool)
    other[text_positions] = False
    blank = blank_text & empty[:, other].all(axis=1)
    suspects = np.flatnonzero(blank_text & ~blank)
    if len(suspects):
        whitespace = np.vectorize(lambda v: isinstance(v, str) and not v.strip(), otypes=[bool])
        rows = body[suspects][:, other]
        blank[suspects] = (empty[suspects][:, other] | whitespace(rows)).all(axis=1)
    return blank


def _pretty(column: str) -> str:
    return column.replace("_", " ").title()


def _tables_from_grids(
    grids: list[tuple[str, np.ndarray | str | None]],
    name: str,
    mapping: ColumnMapping,
    formulas: dict[str, list[tuple[int, int, str]]] | None = None,
) -> SourceTable:
    frames, reports, histories, formula_frames = [], [], [], []
    named = {sheet for sheet, _ in grids if sheet}
    missing = [s for s in mapping.sheets if named and s not in named]
    if missing:
        raise OKRFileError(
            f"{name} has no sheet named {', '.join(map(repr, missing))} "
            f"(its sheets: {', '.join(map(repr, sorted(named)))})."
        )
    for sheet, grid in grids:
        if mapping.sheets and sheet and sheet not in mapping.sheets:
            reason = "not among the mapping's sheets"
            reports.append(SheetReport(name, sheet, used=False, reason=reason))
            continue
        if grid is None:
            reports.append(SheetReport(name, sheet, used=False, reason="the sheet is hidden"))
            continue
        if isinstance(grid, str):
            reports.append(SheetReport(name, sheet, used=False, reason=grid, too_large=True))
            continue
        if grid.size == 0:
            reports.append(SheetReport(name, sheet, used=False, reason="the sheet is empty"))
            continue
        cells, history, report = _sheet_table(grid, name, sheet, mapping)
        reports.append(report)
        if cells is not None:
            frames.append(cells)
            histories.append(history)
        if report.used or report.incomplete:
            formula_frames.append(_formula_cells((formulas or {}).get(sheet, []), name, report))
    if not frames:
        reasons = "; ".join(
            f"sheet {r.sheet!r}: {r.reason}" if r.sheet else r.reason for r in reports
        )
        reasons = reasons or "no sheets"
        raise OKRFileError(f"{name} has no OKR table ({reasons}).", tuple(reports))
    frames, reports = _names_from_sheets(frames, reports)
    cells = pd.concat(frames, ignore_index=True)
    return SourceTable(
        cells=cells,
        sheets=tuple(reports),
        history=pd.concat(histories, ignore_index=True),
        formulas=pd.concat([_no_formulas(), *formula_frames], ignore_index=True),
    )


# Sheet names that say nothing about a unit: the defaults of Excel, Google Sheets and LibreOffice
# in the languages we read, and the usual names of a single OKR table.
_GENERIC_SHEET_NAME = re.compile(
    r"(sheet|trang tinh|planilha|hoja|foglio|feuille|tabelle|blad|arkusz)\s*\d*|"
    r"okrs?( \d+)?|data|du lieu|dados|datos|table|bang|export|import|all|tong hop|master",
)


def _names_from_sheets(
    frames: list[pd.DataFrame], reports: list[SheetReport]
) -> tuple[list[pd.DataFrame], list[SheetReport]]:
    """A sheet's name as its quarter or unit when its table has no such column.

    A name that reads as a quarter ("Q3 2026", "Quý III/2026") is the quarter of a sheet without
    a quarter column. When a workbook holds several OKR sheets, one per team say, a sheet without
    a unit column takes its name as the unit, unless the name is a generic one like "Sheet1".
    """
    # Only sheets of whole OKR tables can be one unit's each: linked tables' sheets (objectives,
    # key results, check-ins) are parts of one table.
    several = sum(r.used and r.kind == "okrs" for r in reports) > 1
    named_frames, named_reports = [], []
    frame_of = iter(frames)
    for report in reports:
        if not report.used:
            named_reports.append(report)
            continue
        cells = next(frame_of)
        taken: dict[str, str] = {}
        present = {*report.columns.values(), *report.from_header_block}
        title = report.sheet.strip()
        quarter = parse_quarters(pd.Series([title], dtype=object)).iloc[0] if title else None
        if (
            title
            and "quarter" not in present
            and isinstance(quarter, str)
            and is_quarter(pd.Series([quarter])).iloc[0]
        ):
            taken["quarter"] = quarter
        elif (
            title
            and several
            and report.kind == "okrs"
            and "unit" not in present
            and not _GENERIC_SHEET_NAME.fullmatch(vocabulary_key(title))
        ):
            taken["unit"] = title
        if taken:
            cells = cells.assign(**{column: value for column, value in taken.items()})
            report = dataclasses.replace(report, from_sheet_name=taken)
        named_frames.append(cells)
        named_reports.append(report)
    return named_frames, named_reports
