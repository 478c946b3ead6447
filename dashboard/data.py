"""Loading and scoring for the pages, cached where the work is: parsing on the file bytes.

The canonical table is cached with `st.cache_resource` on the uploaded bytes (and mapping): one
shared, never-mutated object, so a rerun costs no copy of it (`st.cache_data` would unpickle
the whole table on every rerun, 0.4 s for 80,000 key results). Scorecards are cached on the
table's key and the settings, so switching pages re-scores nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TypeVar

import plotly.graph_objects as go
import streamlit as st

from okr_model import (
    Filters,
    OKRFileError,
    OKRTable,
    Scorecard,
    ScoringPolicy,
    analyse,
)
from okr_model.loading import load_okr_files
from okr_model.mapping import ColumnMapping, MappingError, mapping_from_dict
from okr_model.reader import SheetReport

T = TypeVar("T")

SAMPLE_WORKBOOK = Path(__file__).resolve().parent.parent / "sample_data" / "lanternfish_okrs.xlsx"
Files = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class Settings:
    """Everything a page's numbers depend on besides the data."""

    quarter: str
    as_of: dt.date
    policy: ScoringPolicy
    filters: Filters


@dataclass(frozen=True)
class View:
    """What the pages show: the table, where it came from, and the settings chosen."""

    table: OKRTable
    key: str  # identifies the table's content, for caches keyed on it
    source: str  # "sample" or "upload"
    names: tuple[str, ...]
    settings: Settings | None  # None when nothing in the file can be scored
    problem: str | None = None  # why the latest upload is not shown, if it is not
    # What detection understood of an upload it could not read, for the mapping editor.
    problem_sheets: tuple[SheetReport, ...] = ()


def files_key(files: Files, mapping: dict | None) -> str:
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode())
        digest.update(hashlib.sha256(data).digest())
    digest.update(json.dumps(mapping or {}, sort_keys=True).encode())
    return digest.hexdigest()


def _upload_key(uploads: list, files: Files, mapping: dict | None) -> str:
    """`files_key`, hashed once per upload: each rerun would otherwise hash every byte again."""
    memo = st.session_state.setdefault("_upload_keys", {})
    ids = (tuple(u.file_id for u in uploads), json.dumps(mapping or {}, sort_keys=True))
    if ids not in memo:
        memo.clear()
        memo[ids] = files_key(files, mapping)
    return memo[ids]


@st.cache_resource(max_entries=8, show_spinner="Reading the spreadsheet…")
def load_files(key: str, _files: Files, _mapping: dict | None) -> OKRTable:
    """The canonical table of one or several files (read separately, then combined)."""
    corrections = mapping_from_dict(_mapping) if _mapping else ColumnMapping()
    return load_okr_files(
        [data for _, data in _files], names=[name for name, _ in _files], mapping=corrections
    )


def sample_files() -> Files:
    return ((SAMPLE_WORKBOOK.name, SAMPLE_WORKBOOK.read_bytes()),)


def open_files(
    uploads: list, mapping: dict | None, last_good: Files | None
) -> tuple[View, Files | None]:
    """The view of the uploaded files, else of the last files that worked, else the sample."""
    problem, sheets = None, ()
    if uploads:
        files = tuple((u.name, u.getvalue()) for u in uploads)
        try:
            key = _upload_key(uploads, files, mapping)
            return _view(load_files(key, files, mapping), key, "upload", files), files
        except (OKRFileError, MappingError) as error:
            problem, sheets = str(error), getattr(error, "sheets", ())
    if last_good:
        key = files_key(last_good, mapping)
        try:
            view = _view(load_files(key, last_good, mapping), key, "upload", last_good)
            return _with_problem(view, problem, sheets), last_good
        except (OKRFileError, MappingError):
            pass
    files = sample_files()
    key = files_key(files, None)
    view = _view(load_files(key, files, None), key, "sample", files)
    return _with_problem(view, problem, sheets), None


def _view(table: OKRTable, key: str, source: str, files: Files) -> View:
    return View(
        table=table, key=key, source=source, names=tuple(n for n, _ in files), settings=None
    )


def _with_problem(view: View, problem: str | None, sheets: tuple = ()) -> View:
    return View(**{**view.__dict__, "problem": problem, "problem_sheets": tuple(sheets)})


@st.cache_resource(max_entries=32, show_spinner="Scoring…")
def _scorecard(key: str, settings_json: str, _table: OKRTable, _settings: Settings) -> Scorecard:
    s = _settings
    return analyse(_table, quarter=s.quarter, as_of=s.as_of, policy=s.policy, filters=s.filters)


def scorecard(view: View) -> Scorecard | None:
    """The scorecard of the view's settings (cached), or None when nothing can be scored."""
    if view.settings is None:
        return None
    settings_json = json.dumps(asdict(view.settings), default=str, sort_keys=True)
    return _scorecard(view.key, settings_json, view.table, view.settings)


@st.cache_resource(max_entries=32, show_spinner="Scoring…")
def _other_quarter(
    key: str, settings_json: str, quarter: str, _table: OKRTable, _settings: Settings
) -> Scorecard:
    s = _settings
    return analyse(_table, quarter=quarter, as_of=s.as_of, policy=s.policy, filters=s.filters)


def scorecard_of_quarter(view: View, quarter: str) -> Scorecard:
    """The same settings applied to another quarter of the file (cached)."""
    settings_json = json.dumps(asdict(view.settings), default=str, sort_keys=True)
    return _other_quarter(view.key, settings_json, quarter, view.table, view.settings)


@st.cache_resource(max_entries=64, show_spinner=False)
def _built(key: str, settings_json: str, name: str, _build: Callable[[], T]) -> T:
    return _build()


def cached(view: View, name: str, build: Callable[[], T]) -> T:
    """Something worked out from the view's data and settings (a chart, a table), made once and
    reused on reruns and revisits. `name` tells apart what one page builds."""
    settings_json = json.dumps(asdict(view.settings), default=str, sort_keys=True)
    return _built(view.key, settings_json, name, build)


def cached_figure(view: View, name: str, build: Callable[[], go.Figure]) -> go.Figure:
    """A chart of the view's data and settings, drawn once and reused on reruns and revisits."""
    return cached(view, name, build)
