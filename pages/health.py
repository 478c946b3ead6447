"""Health: the OKR method's checks, summarised and listed."""

import streamlit as st

from dashboard.widgets import TABLE_ROWS, page_data, settings_caption

view, card = page_data("Health")
settings_caption(card)

summary = card.health_summary
passed = st.column_config.ProgressColumn("Passed", min_value=0.0, max_value=1.0, format="percent")
st.dataframe(
    summary[["description", "checked", "passed", "failed", "share_passed"]],
    hide_index=True,
    column_config={
        "description": st.column_config.TextColumn("Check", width="large"),
        "share_passed": passed,
    },
    width="stretch",
)

st.subheader("Findings")
if card.health.empty:
    st.success("Nothing to report: these OKRs follow the method.", icon=":material/check_circle:")
else:
    checks = st.multiselect(
        "Checks",
        summary["check"].tolist(),
        format_func=dict(zip(summary["check"], summary["description"], strict=True)).get,
    )
    findings = card.health if not checks else card.health[card.health["check"].isin(checks)]
    if len(findings) > TABLE_ROWS:
        st.caption(
            f"The first {TABLE_ROWS:,} of {len(findings):,} findings; choose checks to narrow them."
        )
    st.dataframe(
        findings.head(TABLE_ROWS)[
            ["check", "subject", "level", "unit", "owner", "value", "expected", "message"]
        ],
        hide_index=True,
        width="stretch",
    )
