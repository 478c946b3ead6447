"""Overview: the company's headline scores for the chosen quarter."""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.data import scorecard

table = st.session_state["table"]
card = scorecard(table, st.session_state.get(state.QUARTER), st.session_state[state.AS_OF])

st.title("Overview")
if card is None:
    st.info(
        "Nothing to score yet: the file has no key results that can be scored. "
        "Run `python -m okr_model check FILE` to see why."
    )
    st.stop()

company = card.company
score = company["score"]
left, middle, right, last = st.columns(4)
left.metric(
    "Company score",
    "no data" if score is None else f"{score:.2f}",
    help=f"Mean of {company['basis']}; 0.7 is success for a stretch goal, 0.3 or less a miss.",
)
middle.metric("Grade", (company["grade"] or "no data").title())
right.metric("Objectives", company["objectives"])
last.metric("Key results with data", f"{company['coverage']:.0%}")
pace = (
    "no quarter dates"
    if card.expected_pace is None
    else f"{card.expected_pace:.0%} of {card.quarter} elapsed"
)
st.caption(f"{card.quarter}, as of {card.as_of:%d %b %Y} ({pace}).")

st.subheader("By level")
st.dataframe(
    card.levels[["level", "score", "grade", "objectives", "key_results", "coverage"]],
    hide_index=True,
    column_config={
        "level": st.column_config.TextColumn("Level"),
        "score": st.column_config.ProgressColumn(
            "Score", min_value=0.0, max_value=1.0, format="%.2f"
        ),
        "grade": st.column_config.TextColumn("Grade"),
        "objectives": st.column_config.NumberColumn("Objectives"),
        "key_results": st.column_config.NumberColumn("Key results"),
        "coverage": st.column_config.ProgressColumn(
            "Coverage", min_value=0.0, max_value=1.0, format="percent"
        ),
    },
)
r = card.reconciliation
errors = int(card.issues["severity"].eq("error").sum())
warnings = int(card.issues["severity"].eq("warning").sum())
st.caption(
    f"Rows: {r.rows_read} read = {r.rows_scored} scored + {r.rows_rejected} set aside + "
    f"{r.rows_blank} blank; {errors} errors, {warnings} warnings."
)
