"""Progress: drill down from levels to units to objectives, and into one objective's key results."""

import streamlit as st

from dashboard.data import cached_figure
from dashboard.widgets import SCORE, TABLE_ROWS, objectives_table, page_data, settings_caption
from okr_model import charts, formula_card
from okr_model.explain import key_result_card, objective_card

view, card = page_data("Progress")
settings_caption(card)

st.plotly_chart(
    cached_figure(view, "treemap", lambda: charts.progress_treemap(card.objectives)),
    width="stretch",
)

levels = card.units["level"].unique().tolist()
level = st.segmented_control("Units of level", levels, default=None, key="units_level")
units = card.units if level is None else card.units[card.units["level"].eq(level)]
# A team and its members' individual objectives share a unit name: say which level is meant.
units = units.assign(
    name=units["unit"].where(units["unit"].ne(""), "(no unit)") + " · " + units["level"]
)
st.plotly_chart(
    charts.score_bars(units.head(30), "name", title="Units, best first", bands=card.policy.grades),
    width="stretch",
)

st.subheader("Objectives")
unit_names = dict(zip(units["name"], zip(units["level"], units["unit"], strict=True), strict=True))
chosen_unit = st.selectbox(
    "Unit", list(unit_names), index=None, key="progress_unit", placeholder="All units"
)
objectives = card.objectives.sort_values(["level", "unit", "objective"])
if chosen_unit is not None:
    unit_level, unit = unit_names[chosen_unit]
    objectives = objectives[
        objectives["level"].fillna("unspecified").eq(unit_level)
        & objectives["unit"].fillna("").eq(unit)
    ]
if len(objectives) > TABLE_ROWS:
    st.caption(
        f"The first {TABLE_ROWS:,} of {len(objectives):,} objectives; choose a unit to see its own."
    )
objectives_table(objectives.head(TABLE_ROWS))

shown = objectives.head(TABLE_ROWS)
owners = shown["owner"].fillna("no owner")
labels = dict(zip(shown["objective_id"], shown["objective"] + " — " + owners, strict=True))
chosen = st.selectbox(
    "Explain an objective",
    list(labels),
    format_func=labels.get,
    index=None,
    key="explain_objective",
)
if chosen is None:
    st.caption("Choose an objective to see how each of its key results was scored.")
    st.stop()
objective = shown[shown["objective_id"].eq(chosen)].iloc[0]
krs = card.key_results[card.key_results["objective_id"].eq(chosen)]
st.markdown(objective_card(objective, krs, card.policy))
KR_COLUMNS = ["kr_id", "key_result", "start", "target", "current", "direction", "weight"]
st.dataframe(
    krs[[*KR_COLUMNS, "progress", "score", "source"]],
    hide_index=True,
    column_config={"score": SCORE},
)
for _, kr in krs.iterrows():
    with st.expander(f"{kr['kr_id']}: {kr['key_result']}"):
        st.markdown(key_result_card(kr, card.policy))
with st.expander("The scoring policy"):
    st.markdown(formula_card(card.policy))
