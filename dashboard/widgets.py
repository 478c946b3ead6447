"""Small pieces the pages share: getting the page's data, empty states, table column formats."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data import View, scorecard
from okr_model import Scorecard


def page_data(title: str) -> tuple[View, Scorecard]:
    """Title the page and return its view and scorecard, or show the empty state and stop."""
    st.title(title)
    view: View = st.session_state[state.VIEW]
    card = scorecard(view)
    if card is None:
        st.info(
            "Nothing to score: no row of this file is a key result that can be scored. "
            "The Data page shows what was read and why each row was set aside.",
            icon=":material/info:",
        )
        st.page_link("pages/data.py", label="Open the Data page", icon=":material/table_view:")
        st.stop()
    if card.objectives.empty:
        st.info("No objective matches the filters in the sidebar.", icon=":material/filter_alt:")
        st.stop()
    return view, card


def grade_text(value: object) -> str:
    return value.title() if isinstance(value, str) else "No data"


def settings_caption(card: Scorecard) -> None:
    pace = (
        "no quarter dates"
        if card.expected_pace is None
        else f"{card.expected_pace:.0%} of the quarter elapsed"
    )
    filtered = " Filters in the sidebar apply." if card.filters.active else ""
    st.caption(f"{card.quarter}, as of {card.as_of:%d %b %Y} ({pace}).{filtered}")


# Tables longer than this are cut, with a note: a browser table of 20,000 rows helps no one, and
# sending it would slow every rerun of the page.
TABLE_ROWS = 1000

SCORE = st.column_config.ProgressColumn("Score", min_value=0.0, max_value=1.0, format="%.2f")
COVERAGE = st.column_config.ProgressColumn(
    "Coverage", min_value=0.0, max_value=1.0, format="percent"
)

OBJECTIVE_COLUMNS = {
    "objective": st.column_config.TextColumn("Objective", width="large"),
    "level": "Level",
    "unit": "Unit",
    "owner": "Owner",
    "score": SCORE,
    "grade": "Grade",
    "pace_status": "Pace",
    "key_results": st.column_config.NumberColumn("KRs"),
    "coverage": COVERAGE,
    "objective_type": "Type",
}


def objectives_table(objectives: pd.DataFrame, **kwargs) -> None:
    """Objectives with progress bars for score and coverage."""
    shown = objectives.assign(pace_status=objectives["pace_status"].str.replace("_", " "))
    st.dataframe(
        shown[list(OBJECTIVE_COLUMNS)],
        hide_index=True,
        column_config=OBJECTIVE_COLUMNS,
        width="stretch",
        **kwargs,
    )
