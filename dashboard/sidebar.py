"""The sidebar: data source, quarter, filters, as-of date and the scoring policy switches."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import state
from dashboard.data import Settings, View, open_files
from okr_model import Filters, OKRTable, ScoringPolicy
from okr_model.policy import ROLLUP_MODES


def render() -> View:
    """Draw the sidebar and return what the pages should show."""
    with st.sidebar:
        st.header("Data")
        uploads = st.file_uploader(
            "OKR spreadsheets",
            type=["xlsx", "xlsm", "xls", "ods", "csv", "tsv"],
            accept_multiple_files=True,
            key=state.UPLOADS,
            help="One row per key result. Several files at once are combined (two quarters, "
            "say). Without files, the sample company is shown.",
        )
        view, good = open_files(
            uploads, st.session_state.get(state.MAPPING), st.session_state.get(state.LAST_GOOD)
        )
        st.session_state[state.LAST_GOOD] = good
        if view.problem:
            st.error(f"{view.problem} Still showing {', '.join(view.names)}.")
        st.caption(
            "Showing the sample company (invented)."
            if view.source == "sample"
            else f"Showing {', '.join(view.names)}."
        )
        quarters = view.table.quarters
        if not quarters:
            return view
        st.header("View")
        quarter = st.selectbox("Quarter", quarters[::-1], key=state.QUARTER)
        as_of = st.date_input(
            "As of",
            value=dt.date.today(),
            key=state.AS_OF,
            help="Expected pace is measured on this date (clamped to the quarter).",
        )
        options = filter_options(view.key, quarter, view.table)
        filters = Filters(
            levels=tuple(st.multiselect("Level", options["level"], key=state.LEVELS)),
            units=tuple(st.multiselect("Unit", options["unit"], key=state.UNITS)),
            owners=tuple(st.multiselect("Owner", options["owner"], key=state.OWNERS)),
            objective_types=tuple(
                st.multiselect("Objective type", options["objective_type"], key=state.TYPES)
            ),
        )
        with st.expander("Scoring policy"):
            policy = ScoringPolicy(
                use_assessed_scores=st.toggle(
                    "Use assessed scores",
                    value=True,
                    key=state.USE_ASSESSED,
                    help="Where the sheet has the owner's grade, it is the key result's score.",
                ),
                no_data_as_zero=st.toggle(
                    "Count no data as 0",
                    value=False,
                    key=state.NO_DATA_AS_ZERO,
                    help="Key results with no value yet count as 0 instead of being left out.",
                ),
                rollup=st.radio(
                    "Objective score",
                    ROLLUP_MODES,
                    key=state.ROLLUP,
                    format_func=lambda m: (
                        "its key results"
                        if m == "key_results"
                        else "its key results and aligned child objectives"
                    ),
                ),
            )
    settings = Settings(quarter=quarter, as_of=as_of, policy=policy, filters=filters)
    return View(**{**view.__dict__, "settings": settings})


@st.cache_resource(max_entries=16, show_spinner=False)
def filter_options(key: str, quarter: str, _table: OKRTable) -> dict[str, list[str]]:
    """The values each filter can take in a quarter of a file."""
    objectives = _table.objectives[_table.objectives["quarter"].eq(quarter)]
    columns = ("level", "unit", "owner", "objective_type")
    return {c: sorted(objectives[c].dropna().unique().tolist()) for c in columns}
