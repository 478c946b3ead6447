"""OKR dashboard: `streamlit run app.py`. Routes the pages and owns the sidebar."""

from __future__ import annotations

import streamlit as st

from dashboard import sidebar, state

st.set_page_config(page_title="OKR dashboard", page_icon=":material/track_changes:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/progress.py", title="Progress", icon=":material/account_tree:"),
    st.Page("pages/alignment.py", title="Alignment", icon=":material/hub:"),
    st.Page("pages/distributions.py", title="Distributions", icon=":material/bar_chart:"),
    st.Page("pages/health.py", title="Health", icon=":material/health_and_safety:"),
    st.Page("pages/trends.py", title="Trends", icon=":material/trending_up:"),
    st.Page("pages/data.py", title="Data", icon=":material/table_view:"),
    st.Page("pages/reports.py", title="Reports", icon=":material/download:"),
]
page = st.navigation(PAGES)
st.session_state[state.VIEW] = sidebar.render()
page.run()
