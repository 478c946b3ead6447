"""Reports: download the scored tables of the current view."""

import json

import streamlit as st

from dashboard.widgets import page_data, settings_caption
from okr_model import formula_card, scorecard_to_dict
from okr_model.output import key_results_frame, objectives_frame, to_csv

view, card = page_data("Reports")
settings_caption(card)
st.write(
    "The tables below are exactly what the Overview and Progress pages show, with the "
    "filters and scoring policy chosen in the sidebar."
)

stem = f"okrs-{card.quarter}"
left, right = st.columns(2)
# Each file is made when its button is pressed, not on every visit to the page.
left.download_button(
    "Objectives (CSV)",
    lambda: to_csv(objectives_frame(card)),
    f"{stem}-objectives.csv",
    "text/csv",
    icon=":material/download:",
)
left.download_button(
    "Key results (CSV)",
    lambda: to_csv(key_results_frame(card)),
    f"{stem}-key-results.csv",
    "text/csv",
    icon=":material/download:",
)
right.download_button(
    "Units (CSV)",
    lambda: to_csv(card.units),
    f"{stem}-units.csv",
    "text/csv",
    icon=":material/download:",
)
right.download_button(
    "Everything (JSON)",
    lambda: json.dumps(scorecard_to_dict(card, view.table), ensure_ascii=False, indent=2),
    f"{stem}.json",
    "application/json",
    icon=":material/download:",
)
with st.expander("The scoring policy these numbers follow"):
    st.markdown(formula_card(card.policy))
