"""Loading data, cached where it happens: parsing runs once per distinct file content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from okr_model import OKRFileError, OKRTable, Scorecard, analyse, load_okrs

SAMPLE_WORKBOOK = Path(__file__).resolve().parent.parent / "sample_data" / "lanternfish_okrs.xlsx"


@st.cache_data(show_spinner="Reading the spreadsheet…", max_entries=8)
def load_table(data: bytes, name: str) -> OKRTable:
    """The canonical table of a file's bytes (cached on the bytes themselves)."""
    return load_okrs(data, name=name)


def sample_table() -> OKRTable:
    return load_table(SAMPLE_WORKBOOK.read_bytes(), SAMPLE_WORKBOOK.name)


def current_table(upload) -> tuple[OKRTable, str | None]:
    """The uploaded file's table, or the sample's; with the reason an upload was not used."""
    if upload is None:
        return sample_table(), None
    try:
        return load_table(upload.getvalue(), upload.name), None
    except OKRFileError as error:
        return sample_table(), str(error)


def scorecard(table: OKRTable, quarter: str | None, as_of: dt.date) -> Scorecard | None:
    """Scores for the chosen quarter, or None when the file has nothing to score."""
    if not table.quarters:
        return None
    chosen = quarter if quarter in table.quarters else table.quarters[-1]
    return analyse(table, quarter=chosen, as_of=as_of)
