"""Trends: progress over the quarter from check-ins, and how scores moved between quarters."""

import streamlit as st

from dashboard.data import cached, cached_figure, scorecard_of_quarter
from dashboard.widgets import page_data, settings_caption
from okr_model import charts
from okr_model.compare import quarter_changes, scores_by_quarter
from okr_model.output import score_text
from okr_model.trends import key_result_history, progress_over_time

view, card = page_data("Trends")
settings_caption(card)

st.subheader("Progress over the quarter")
points = cached(view, "progress over time", lambda: progress_over_time(view.table, card))
if points.empty:
    st.info(
        "No check-ins for this quarter's key results. Add a Check-ins sheet (key result, date, "
        "value) or columns headed by dates or weeks to see progress over time.",
        icon=":material/info:",
    )
else:
    st.plotly_chart(
        cached_figure(
            view,
            "progress over time chart",
            lambda: charts.progress_over_time(points, card.policy.grades),
        ),
        width="stretch",
    )
    st.caption(
        "Each point scores every key result by its latest check-in on or before that date, "
        "under the scoring policy in the sidebar; key results not yet checked in count as no data."
    )
    history = cached(view, "key result history", lambda: key_result_history(view.table, card))
    objectives = history.drop_duplicates("objective_id")
    chosen = st.selectbox(
        "Key results of objective",
        objectives["objective_id"],
        format_func=dict(zip(objectives["objective_id"], objectives["objective"], strict=True)).get,
    )
    st.plotly_chart(
        charts.key_result_lines(
            history[history["objective_id"].eq(chosen)], title="Key results by check-in"
        ),
        width="stretch",
    )

st.subheader("Between quarters")
others = [q for q in card.quarters if q != card.quarter]
if not others:
    st.info(
        "Comparing quarters needs a second quarter: upload a file (or several files) holding "
        "two quarters and compare them here.",
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
