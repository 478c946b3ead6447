"""Data: what was read from the files, the column mapping, every issue, and the template."""

import json

import pandas as pd
import streamlit as st

from dashboard import state
from dashboard.data import View
from okr_model.columns import CANONICAL_NAMES
from okr_model.mapping import MappingError, load_mapping_text, mapping_from_dict
from okr_model.output import source_dict, to_csv
from okr_model.reader import detected_mapping
from okr_model.template import write_template

st.title("Data")
view: View = st.session_state[state.VIEW]
table = view.table
st.caption(
    "The sample company (invented)."
    if view.source == "sample"
    else f"Files: {', '.join(view.names)}."
)

st.subheader("What was read")
layouts = {(layout.file, layout.sheet): layout.layout for layout in table.layouts}
sheets = pd.DataFrame(
    [
        {
            "file": s["file"],
            "sheet": s["sheet"] or "(csv)",
            "read": "yes" if s["used"] else "no",
            "why not": s["reason"],
            "holds": s["kind"] if s["used"] else "",
            "layout": layouts.get((s["file"], s["sheet"]), ""),
            "header row": s["header_row"],
            "rows": s["rows"],
            "taken from the sheet": ", ".join(
                f"{k}: {v}" for k, v in {**s["from_sheet_name"], **s["from_header_block"]}.items()
            ),
            "check-in columns": ", ".join(s["history_columns"]),
        }
        for s in source_dict(table)["sheets"]
    ]
)
st.dataframe(sheets, hide_index=True, width="stretch")
scales = source_dict(table)["scales"]
if scales:
    st.caption(
        "Scales: "
        + "; ".join(
            f"{s['column'].replace('_', ' ')} on {s['sheet'] or s['file']}: {s['scale']}"
            for s in scales
        )
    )

r = table.reconciliation
read, scored, rejected, blank, objectives, others, checkins = st.columns(7)
read.metric("Rows read", r.rows_read)
scored.metric("Key results scored", r.rows_scored)
rejected.metric("Rows set aside", r.rows_rejected, help="Each has an error below.")
blank.metric("Blank rows", r.rows_blank)
objectives.metric("Objective rows", r.rows_objectives, help="Rows that define an objective.")
others.metric(
    "Other rows",
    r.rows_not_okrs,
    help="A tool export's deliverables, notes below a table and the like: not scored.",
)
checkins.metric(
    "Check-in rows",
    r.rows_checkins,
    help=f"Rows of check-ins sheets; {len(table.checkins):,} check-ins in all, "
    "with those in date or week columns.",
)
with st.expander("Rows by sheet"):
    st.dataframe(table.reconciliation_by_sheet(), hide_index=True)

st.subheader("Column mapping")
if view.problem_sheets:
    st.warning(
        f"{view.problem} Correct how its columns are read below, or apply a saved mapping.",
        icon=":material/edit:",
    )
detected = detected_mapping(view.problem_sheets or table.source.sheets)
IGNORE = "(not used)"
editor = pd.DataFrame(
    {
        "header": list(detected.columns),
        "column": [c or IGNORE for c in detected.columns.values()],
    }
)
if view.source == "sample" and not view.problem_sheets:
    st.caption("Upload a file to correct how its columns are read.")
    st.dataframe(editor, hide_index=True)
else:
    edited = st.data_editor(
        editor,
        hide_index=True,
        disabled=["header"],
        column_config={
            "column": st.column_config.SelectboxColumn(
                "Read as", options=[IGNORE, *CANONICAL_NAMES], required=True
            )
        },
        key="mapping_editor",
    )
    apply, reset = st.columns(2)
    if apply.button("Apply this mapping", icon=":material/check:"):
        columns = {
            h: (None if c == IGNORE else c)
            for h, c in zip(edited["header"], edited["column"], strict=True)
        }
        st.session_state[state.MAPPING] = {**detected.as_dict(), "columns": columns}
        st.rerun()
    if reset.button("Back to the detected mapping", icon=":material/undo:"):
        st.session_state[state.MAPPING] = None
        st.rerun()
    upload = st.file_uploader(
        "Apply a saved mapping (.json, .yaml)", type=["json", "yaml", "yml"], key="mapping_file"
    )
    if upload is not None:
        try:
            mapping = load_mapping_text(upload.getvalue().decode("utf-8"), upload.name)
        except (MappingError, UnicodeDecodeError) as error:
            st.error(str(error))
        else:
            if st.session_state.get(state.MAPPING) != mapping.as_dict():
                st.session_state[state.MAPPING] = mapping.as_dict()
                st.rerun()
current = st.session_state.get(state.MAPPING) or detected.as_dict()
st.download_button(
    "Download this mapping (JSON)",
    json.dumps(mapping_from_dict(current).as_dict(), ensure_ascii=False, indent=2),
    "okr-mapping.json",
    "application/json",
    icon=":material/download:",
)

st.subheader("Issues")
issues = table.issues
if issues.empty:
    st.success("No issues: every row was read as it is.", icon=":material/check_circle:")
else:
    severities = st.pills(
        "Show", ["error", "warning"], selection_mode="multi", default=["error", "warning"]
    )
    shown = issues[issues["severity"].isin(severities or [])]
    st.dataframe(
        shown[["severity", "file", "sheet", "row", "column", "value", "message"]],
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        "Download the issues (CSV)",
        lambda: to_csv(issues),
        "okr-issues.csv",
        "text/csv",
        icon=":material/download:",
    )

st.subheader("Start from a template")
st.write(
    "A blank workbook with every column, dropdowns for level, direction and type, and instructions."
)
st.download_button(
    "Download the template (.xlsx)",
    write_template,
    "okr-template.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
)
