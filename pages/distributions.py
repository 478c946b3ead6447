"""Distributions: how scores spread, against the 0.3 miss and 0.7 success lines."""

import streamlit as st

from dashboard.data import cached_figure
from dashboard.widgets import TABLE_ROWS, objectives_table, page_data, settings_caption
from okr_model import charts
from okr_model.output import score_text
from okr_model.rollup import SWEET_SPOT, distribution_summary

view, card = page_data("Distributions")
settings_caption(card)
objectives, bands = card.objectives, card.policy.grades
summary = distribution_summary(objectives)

mean, sweet, committed, aspirational = st.columns(4)
mean.metric(
    "Mean objective score",
    score_text(summary["mean"]),
    help="The method's healthy average is 0.6 to 0.7.",
)
sweet.metric(
    f"In the {SWEET_SPOT[0]}–{SWEET_SPOT[1]} sweet spot",
    "no data"
    if summary["share_in_sweet_spot"] is None
    else f"{summary['share_in_sweet_spot']:.0%}",
)
committed.metric(
    "Committed, mean",
    score_text(summary["committed_mean"]),
    help="Committed objectives are expected to reach 1.0.",
)
aspirational.metric(
    "Aspirational, mean",
    score_text(summary["aspirational_mean"]),
    help="0.7 is success for a stretch goal.",
)

st.plotly_chart(
    cached_figure(view, "histogram", lambda: charts.score_histogram(objectives, bands)),
    width="stretch",
)
left, right = st.columns(2)
left.plotly_chart(
    cached_figure(
        view,
        "level boxes",
        lambda: charts.score_boxes(objectives, "level", bands, title="Scores by level"),
    ),
    width="stretch",
)
departments = objectives[objectives["level"].eq("department")]
if departments.empty:
    right.info("No department-level objectives in view.", icon=":material/info:")
else:
    right.plotly_chart(
        cached_figure(
            view,
            "department boxes",
            lambda: charts.score_boxes(
                departments, "unit", bands, title="Department objectives by department"
            ),
        ),
        width="stretch",
    )

st.subheader("Aspirational objectives at 1.0 (possible sandbagging)")
sandbagged = objectives[objectives["possible_sandbagging"]]
if sandbagged.empty:
    st.caption("None: every aspirational objective left room to stretch.")
else:
    objectives_table(sandbagged.head(TABLE_ROWS))
st.subheader("Committed objectives below 1.0 at the quarter's end")
missed = objectives[objectives["missed_commitment"]]
if missed.empty:
    st.caption("None (or the quarter has not ended yet).")
else:
    objectives_table(missed.head(TABLE_ROWS))
