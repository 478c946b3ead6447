"""Trends: how scores moved between quarters."""

import streamlit as st

from dashboard.data import scorecard_of_quarter
from dashboard.widgets import page_data, score_text, settings_caption
from okr_model import charts
from okr_model.compare import quarter_changes, scores_by_quarter

view, card = page_data("Trends")
settings_caption(card)

others = [q for q in card.quarters if q != card.quarter]
if not others:
    st.info(
        "Trends need a second quarter: upload a file (or several files) holding two quarters "
        "and compare them here.",
        icon=":material/info:",
    )
    st.stop()

cards = [card, *(scorecard_of_quarter(view, q) for q in others)]
st.plotly_chart(charts.quarter_lines(scores_by_quarter(cards), card.policy.grades), width="stretch")

compare_with = st.selectbox("Compare with", others[::-1])
before, after = sorted([compare_with, card.quarter])
changes = quarter_changes(
    view.table, before, after, as_of=card.as_of, policy=card.policy, filters=card.filters
)
company = changes["company"]
first, second, change = st.columns(3)
first.metric(f"Company score, {before}", score_text(company["before"]))
second.metric(f"Company score, {after}", score_text(company["after"]))
change.metric("Change", "no data" if company["change"] is None else f"{company['change']:+.2f}")

left, right = st.columns(2)
left.plotly_chart(
    charts.quarter_change_bars(
        changes["levels"], "level", title=f"Change by level, {before} → {after}"
    ),
    width="stretch",
)
units = changes["units"].assign(
    unit=changes["units"]["level"] + " · " + changes["units"]["unit"].fillna("")
)
right.plotly_chart(
    charts.quarter_change_bars(units.head(25), "unit", title="Units that moved most"),
    width="stretch",
)
