"""Reports: the leadership report of the current view, and the scored tables as CSV and JSON."""

import json

import streamlit as st

from dashboard.widgets import page_data, settings_caption
from okr_model import formula_card, scorecard_to_dict
from okr_model.output import key_results_frame, objectives_frame, to_csv
from okr_model.reports import (
    MEDIA_TYPES,
    company_name,
    file_name,
    file_stem,
    render,
    report_content,
)
from okr_model.reports.content import filter_lines, policy_lines

view, card = page_data("Reports")
settings_caption(card)

st.subheader("Leadership report")
st.write(
    "The company score, levels, departments and teams, grades, pace, the objectives at risk, "
    "alignment and health, with the scoring policy and the rows reconciled as an appendix: the "
    "same numbers as the other pages, for the quarter, filters and policy chosen in the sidebar."
)
st.caption(
    " ".join(["Stated in the report:", *filter_lines(card.filters), *policy_lines(card.policy)])
)

company = company_name(view.table)
stem = file_stem(company, card.quarter)
REPORTS = {
    "xlsx": ("Excel workbook", ":material/table_chart:"),
    "pptx": ("PowerPoint deck", ":material/slideshow:"),
    "pdf": ("PDF", ":material/picture_as_pdf:"),
    "html": ("Web page (HTML)", ":material/language:"),
}
# Each report is made when its button is pressed, not on every visit to the page.
for column, (fmt, (label, icon)) in zip(st.columns(len(REPORTS)), REPORTS.items(), strict=True):
    column.download_button(
        label,
        lambda fmt=fmt: render(fmt, report_content(card, view.table, title=company)),
        file_name(fmt, stem),
        MEDIA_TYPES[fmt],
        icon=icon,
        key=f"report_{fmt}",
        width="stretch",
    )

st.subheader("Tables")
st.write(
    "The tables below are exactly what the Overview and Progress pages show, with the "
    "filters and scoring policy chosen in the sidebar."
)
table_stem = f"okrs-{card.quarter}"
left, right = st.columns(2)
left.download_button(
    "Objectives (CSV)",
    lambda: to_csv(objectives_frame(card)),
    f"{table_stem}-objectives.csv",
    "text/csv",
    icon=":material/download:",
)
left.download_button(
    "Key results (CSV)",
    lambda: to_csv(key_results_frame(card)),
    f"{table_stem}-key-results.csv",
    "text/csv",
    icon=":material/download:",
)
right.download_button(
    "Units (CSV)",
    lambda: to_csv(card.units),
    f"{table_stem}-units.csv",
    "text/csv",
    icon=":material/download:",
)
right.download_button(
    "Everything (JSON)",
    lambda: json.dumps(scorecard_to_dict(card, view.table), ensure_ascii=False, indent=2),
    f"{table_stem}.json",
    "application/json",
    icon=":material/download:",
)
with st.expander("The scoring policy these numbers follow"):
    st.markdown(formula_card(card.policy))
