"""Alignment: which objectives support which, how much of each level is aligned, broken links."""

import streamlit as st

from dashboard.data import cached_figure
from dashboard.widgets import TABLE_ROWS, objectives_table, page_data, settings_caption
from okr_model import charts
from okr_model.rollup import alignment_shares

view, card = page_data("Alignment")
settings_caption(card)

st.plotly_chart(
    cached_figure(view, "sunburst", lambda: charts.alignment_sunburst(card.objectives)),
    width="stretch",
)

by_level, by_unit = st.columns(2)
share = st.column_config.ProgressColumn("Aligned", min_value=0.0, max_value=1.0, format="percent")
by_level.subheader("Aligned objectives by level")
by_level.dataframe(
    alignment_shares(card.objectives, ["level"]),
    hide_index=True,
    column_config={"share_aligned": share},
)
by_unit.subheader("By unit, least aligned first")
by_unit.dataframe(
    alignment_shares(card.objectives, ["level", "unit"]),
    hide_index=True,
    column_config={"share_aligned": share},
)

st.subheader("Objectives not aligned to any objective above them")
unaligned = card.objectives[
    card.objectives["level"].ne("company") & card.objectives["parent_objective_id"].isna()
]
if unaligned.empty:
    st.success("Every objective below company level is aligned.", icon=":material/check_circle:")
else:
    objectives_table(unaligned.head(TABLE_ROWS))
    if len(unaligned) > TABLE_ROWS:
        st.caption(f"The first {TABLE_ROWS:,} of {len(unaligned):,}.")

st.subheader("Broken links and cycles")
links = card.issues[card.issues["code"].isin(["unknown_parent", "alignment_cycle"])]
if links.empty:
    st.success(
        "No alignment link is broken or goes round in a circle.", icon=":material/check_circle:"
    )
else:
    st.dataframe(links[["sheet", "row", "column", "value", "message"]], hide_index=True)
