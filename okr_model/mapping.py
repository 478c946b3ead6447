"""Column mappings: what detection understood of a file, and a user's corrections to it.

A mapping is a small JSON or YAML file; `check --write-mapping` writes the detected one as a
starting point, and `--mapping FILE` (or the dashboard's mapping screen) applies one:

    sheets: [OKRs, Team B]        # read only these sheets (default: every OKR table found)
    header_row: 3                 # the header's row as Excel numbers it, for every sheet ...
    header_rows: {Team B: 5}      # ... or per sheet
    columns:                      # header as written -> canonical column; null ignores it
      KR Description: key_result
      Notes 2: null
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from okr_model.columns import CANONICAL_NAMES, normalise_header

MAPPING_KEYS = ("sheets", "header_row", "header_rows", "columns")


class MappingError(ValueError):
    """A mapping file that cannot be used; the message is one sentence for the user."""


@dataclass(frozen=True)
class ColumnMapping:
    """Corrections to detection. Empty fields leave detection alone."""

    sheets: tuple[str, ...] = ()
    header_row: int | None = None
    header_rows: dict[str, int] = field(default_factory=dict)
    columns: dict[str, str | None] = field(default_factory=dict)

    def header_row_of(self, sheet: str) -> int | None:
        """The 0-based header row to use on a sheet, or None to detect it."""
        row = self.header_rows.get(sheet, self.header_row)
        return None if row is None else row - 1

    def column_for(self, header: str) -> tuple[bool, str | None]:
        """Whether the mapping names this header, and the canonical column it gives (or None)."""
        key = normalise_header(header)
        for original, canonical in self.columns.items():
            if normalise_header(original) == key:
                return True, canonical
        return False, None

    def as_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        if self.sheets:
            result["sheets"] = list(self.sheets)
        if self.header_row is not None:
            result["header_row"] = self.header_row
        if self.header_rows:
            result["header_rows"] = dict(self.header_rows)
        result["columns"] = dict(self.columns)
        return result


def mapping_from_dict(data: object, *, where: str = "the mapping") -> ColumnMapping:
    """Check and build a mapping from parsed JSON or YAML."""
    if not isinstance(data, dict):
        raise MappingError(f"{where} must be a table of settings ({', '.join(MAPPING_KEYS)}).")
    unknown = sorted(set(data) - set(MAPPING_KEYS))
    if unknown:
        raise MappingError(
            f"{where} has unknown settings ({', '.join(map(str, unknown))}); "
            f"use {', '.join(MAPPING_KEYS)}."
        )
    sheets = data.get("sheets") or []
    if isinstance(sheets, str):
        sheets = [sheets]
    if not isinstance(sheets, list) or not all(isinstance(s, str) for s in sheets):
        raise MappingError(f"{where}: sheets must be a list of sheet names.")
    header_row = data.get("header_row")
    if header_row is not None and not _is_row(header_row):
        raise MappingError(f"{where}: header_row must be a row number from 1, not {header_row!r}.")
    header_rows = data.get("header_rows") or {}
    if not isinstance(header_rows, dict) or not all(_is_row(v) for v in header_rows.values()):
        raise MappingError(f"{where}: header_rows must map sheet names to row numbers from 1.")
    columns = data.get("columns") or {}
    if not isinstance(columns, dict):
        raise MappingError(f"{where}: columns must map headers to canonical column names.")
    wrong = sorted(str(c) for c in columns.values() if c is not None and c not in CANONICAL_NAMES)
    if wrong:
        raise MappingError(
            f"{where} maps to unknown columns ({', '.join(wrong)}); the columns are "
            f"{', '.join(CANONICAL_NAMES)}."
        )
    return ColumnMapping(
        sheets=tuple(sheets),
        header_row=header_row,
        header_rows={str(k): int(v) for k, v in header_rows.items()},
        columns={str(k): v for k, v in columns.items()},
    )


def _is_row(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def load_mapping(path: str | Path) -> ColumnMapping:
    """Read a mapping from a .json, .yaml or .yml file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise MappingError(f"{path} cannot be read: {error.strerror or error}.") from None
    return load_mapping_text(text, str(path))


def load_mapping_text(text: str, name: str) -> ColumnMapping:
    """Parse a mapping's text; `name`'s extension says whether it is YAML or JSON."""
    path = Path(name)
    try:
        if path.suffix.lower() in {".yaml", ".yml"}:
            import yaml  # only mapping files need YAML

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
    except Exception as error:  # both parsers raise their own error types
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise MappingError(f"{name} is not valid {_format_name(path)}: {first_line}.") from None
    return mapping_from_dict(data, where=name)


def _format_name(path: Path) -> str:
    return "YAML" if path.suffix.lower() in {".yaml", ".yml"} else "JSON"


def dump_mapping(mapping: ColumnMapping, path: str | Path) -> None:
    """Write a mapping as JSON or YAML, by the file's extension."""
    path = Path(path)
    data = mapping.as_dict()
    if path.suffix.lower() in {".yaml", ".yml"}:
        import yaml

        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
