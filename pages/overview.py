"""Overview: the company's score, levels, grades, pace, and the best and weakest objectives."""

import streamlit as st

from dashboard.data import cached_figure, scorecard_of_quarter
from dashboard.widgets import grade_text, objectives_table, page_data, settings_caption
from okr_model import charts
from okr_model.output import score_text

view, card = page_data("Overview")
settings_caption(card)

company = card.company
earlier = [q for q in card.quarters if q < card.quarter]
delta = None
if earlier and company["score"] is not None:
    before = scorecard_of_quarter(view, earlier[-1]).company["score"]
    delta = None if before is None else f"{company['score'] - before:+.2f} since {earlier[-1]}"
score, grade, coverage, pace = st.columns(4)
score.metric(
    "Company score",
    score_text(company["score"]),
    delta=delta,
    help=f"Mean of {company['basis']}; 0.7 is success for a stretch goal, 0.3 or less a miss.",
)
grade.metric("Grade", grade_text(company["grade"]))
coverage.metric(
    "Key results with data",
    f"{company['coverage']:.0%}",
    help=f"{company['key_results_with_data']} of {company['key_results']} key results.",
)
on_track = int(card.objectives["pace_status"].eq("on_track").sum())
pace.metric("Objectives on track", f"{on_track} of {company['objectives']}")

left, right = st.columns(2)
levels = cached_figure(
    view,
    "level bars",
    lambda: charts.score_bars(
        card.levels, "level", title="Completion by level", bands=card.policy.grades
    ),
)
left.plotly_chart(levels, width="stretch")
right.plotly_chart(
    cached_figure(view, "grades", lambda: charts.grade_counts(card.objectives)), width="stretch"
)
left.plotly_chart(
    cached_figure(view, "pace", lambda: charts.pace_counts(card.objectives)), width="stretch"
)

ranked = card.objectives.dropna(subset=["score"]).sort_values("score")
right.subheader("Best objectives")
with right:
    objectives_table(ranked.tail(5).iloc[::-1])
st.subheader("Objectives needing attention")
objectives_table(ranked[ranked["pace_status"].isin(["at_risk", "behind"])].head(10))
