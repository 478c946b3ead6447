"""OKR dashboard: `streamlit run app.py`. Routes the pages and owns the sidebar."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import state
from dashboard.data import current_table

st.set_page_config(page_title="OKR dashboard", page_icon=":material/track_changes:", layout="wide")

page = st.navigation(
    [st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True)]
)

with st.sidebar:
    st.header("Data")
    upload = st.file_uploader(
        "OKR spreadsheet",
        type=["xlsx", "xlsm", "ods", "csv", "tsv"],
        key=state.UPLOAD,
        help="One row per key result. Without a file, the sample company is shown.",
    )
    table, problem = current_table(upload)
    if problem:
        st.error(f"{problem} Showing the sample company instead.")
    quarters = table.quarters
    if quarters:
        st.selectbox("Quarter", quarters[::-1], key=state.QUARTER)
    st.date_input(
        "As of",
        value=dt.date.today(),
        key=state.AS_OF,
        help="Expected pace is measured on this date.",
    )

st.session_state["table"] = table
page.run()
