"""Layouts: objective blocks, objective rows, and when a blank objective stays an error."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import AS_OF, write_csv, write_xlsx

from okr_model import analyse, build_table, combine_sources, load_okrs, read_okr_file
from okr_model.layouts import OBJECTIVE_BLOCKS, ONE_ROW_PER_KR
from okr_model.output import check_text

HEADER = ["Owner", "Objective", "Key Result", "Target", "Current"]


def test_objective_rows_followed_by_their_key_results(tmp_path):
    rows = [
        HEADER,
        ["Bao", "Grow revenue", "", "", ""],
        ["", "", "MRR", 100, 50],
        ["", "", "NPS", 50, 50],
        ["Chi", "Ship the app", "", "", ""],
        ["", "", "Release to stores", 1, 1],
    ]
    table = load_okrs(write_xlsx(tmp_path / "blocks.xlsx", {"OKRs": rows}))
    krs = table.key_results
    assert krs["objective"].tolist() == ["Grow revenue", "Grow revenue", "Ship the app"]
    assert krs["owner"].tolist() == ["Bao", "Bao", "Chi"]
    assert table.objectives["source_row"].tolist() == [2, 5]
    assert table.reconciliation.as_dict() == {
        "rows_read": 5,
        "rows_scored": 3,
        "rows_rejected": 0,
        "rows_blank": 0,
        "rows_objectives": 2,
        "rows_not_okrs": 0,
        "rows_checkins": 0,
    }
    layout = table.layouts[0]
    assert (layout.layout, layout.objective_rows, layout.filled_rows) == (OBJECTIVE_BLOCKS, 2, 3)
    assert "Layout: objective blocks; 2 rows define objectives; 3 key results" in check_text(table)
    scores = analyse(table, as_of=AS_OF).objectives.set_index("objective")["score"]
    assert scores.to_dict() == {"Grow revenue": 0.75, "Ship the app": 1.0}


def test_objective_named_only_on_its_first_key_result(tmp_path):
    rows = [
        ["Quarter", *HEADER],
        ["2026-Q3", "Bao", "Grow revenue", "MRR", 100, 50],
        ["", "", "", "NPS", 50, 25],
        ["", "", "", "Churn", 10, 10],
        ["2026-Q3", "Chi", "Ship the app", "Release", 1, 1],
        ["", "", "", "Ratings", 5, 4],
    ]
    table = load_okrs(write_csv(tmp_path / "first-row.csv", rows))
    assert not table.issues["severity"].eq("error").any()
    assert table.objectives.set_index("objective")["key_results"].to_dict() == {
        "Grow revenue": 3,
        "Ship the app": 2,
    }
    assert set(table.key_results["quarter"]) == {"2026-Q3"}


def test_one_forgotten_objective_among_many_is_an_error_not_filled(tmp_path):
    rows = [HEADER] + [["Bao", "Grow revenue", f"KR {i}", 10, 5] for i in range(6)]
    rows.append(["Bao", "", "Forgot my objective", 10, 5])
    table = load_okrs(write_csv(tmp_path / "forgot.csv", rows))
    assert table.layouts[0].layout == ONE_ROW_PER_KR
    assert table.issues.set_index("code").loc["missing_objective", "row"] == 8


def test_an_objective_without_key_results_is_kept_and_flagged_by_health(tmp_path):
    rows = [HEADER, ["Bao", "Grow revenue", "MRR", 100, 50], ["Chi", "Draft objective", "", "", ""]]
    table = load_okrs(write_csv(tmp_path / "draft.csv", rows))
    draft = table.objectives.set_index("objective").loc["Draft objective"]
    assert draft["key_results"] == 0
    card = analyse(table, as_of=AS_OF)
    assert pd.isna(card.objectives.set_index("objective").loc["Draft objective", "score"])
    findings = card.health[card.health["check"].eq("key_results_per_objective")]
    assert "has 0 key results" in " ".join(findings["message"])
    assert table.reconciliation.rows_objectives == 1
    assert table.reconciliation.balanced


def test_rows_before_the_first_objective_stay_errors(tmp_path):
    rows = [HEADER, ["", "", "Orphan", 1, 1], ["Bao", "Grow", "", "", ""], ["", "", "MRR", 10, 5]]
    table = load_okrs(write_csv(tmp_path / "orphan.csv", rows))
    assert table.issues.set_index("code").loc["missing_objective", "row"] == 2
    assert table.reconciliation.as_dict() == {
        "rows_read": 3,
        "rows_scored": 1,
        "rows_rejected": 1,
        "rows_blank": 0,
        "rows_objectives": 1,
        "rows_not_okrs": 0,
        "rows_checkins": 0,
    }


TOOL_EXPORT = [
    ["Id", "Title", "Object Type", "Parent", "Owners", "Teams", "Progress %", "Score", "Status"],
    [
        2295776,
        "Grow revenue",
        "Objective",
        "",
        "Ada Quill, Bao Reed",
        "Sales; Marketing",
        45,
        0.5,
        "On Track",
    ],
    [
        2295777,
        "Reach $1M ARR",
        "Key result",
        "Grow revenue(weight: 60%, Id: 2295776)",
        "Bao Reed",
        "Sales",
        50,
        "",
        "On Track",
    ],
    [
        2295778,
        "Sign 10 partners",
        "Key result",
        "Grow revenue(weight: 40%, Id: 2295776)",
        "Chi",
        "Sales",
        30,
        "",
        "Behind",
    ],
    [
        2295779,
        "Launch partner portal",
        "Deliverable",
        "Sign 10 partners(Id: 2295778)",
        "Dev",
        "",
        100,
        "",
        "Closed",
    ],
    [
        2295780,
        "Win the enterprise market",
        "Objective",
        "Reach $1M ARR(Id: 2295777)",
        "Esme",
        "Sales",
        20,
        "",
        "At Risk",
    ],
    [
        2295781,
        "Close 3 enterprise deals",
        "Key result",
        "Win the enterprise market(Id: 2295780)",
        "Esme",
        "Sales",
        33,
        "",
        "At Risk",
    ],
    [2295782, "Orphan", "Key result", "Missing parent(Id: 999)", "X", "", 10, "", ""],
]


def test_a_tool_export_becomes_objectives_and_key_results(tmp_path):
    table = load_okrs(write_xlsx(tmp_path / "export.xlsx", {"Export": TOOL_EXPORT}))
    assert table.layouts[0].layout == "tool export (one row per item)"
    objectives = table.objectives.set_index("objective_id")
    assert objectives["objective"].to_dict() == {
        "2295776": "Grow revenue",
        "2295780": "Win the enterprise market",
    }
    assert objectives.loc["2295776", "owner"] == "Ada Quill"
    assert objectives.loc["2295776", "unit"] == "Sales"
    # Aligned to a key result: aligned to that key result's objective.
    assert objectives.loc["2295780", "parent_objective_id"] == "2295776"
    krs = table.key_results.set_index("key_result")
    assert krs.loc["Reach $1M ARR", ["objective_id", "kr_id", "weight"]].tolist() == [
        "2295776",
        "2295777",
        0.6,
    ]
    assert krs.loc["Sign 10 partners", "weight"] == 0.4
    assert table.scales.progress == {("export.xlsx", "Export"): "0-100"}
    assert table.reconciliation.as_dict() == {
        "rows_read": 7,
        "rows_scored": 3,
        "rows_rejected": 1,
        "rows_blank": 0,
        "rows_objectives": 2,
        "rows_not_okrs": 1,
        "rows_checkins": 0,
    }
    codes = table.issues.set_index("code")
    assert codes.loc["not_an_okr_item", "row"] == 5
    assert "is a deliverable" in codes.loc["not_an_okr_item", "message"]
    assert codes.loc["kr_without_objective", "row"] == 8
    scores = analyse(table, as_of=AS_OF).objectives.set_index("objective_id")["score"]
    assert scores["2295776"] == pytest.approx(0.6 * 0.5 + 0.4 * 0.3)
    assert scores["2295780"] == pytest.approx(0.33)


def test_a_type_column_holding_item_types_is_read_as_the_item_type(tmp_path):
    rows = [
        ["Name", "Type", "Parent", "Progress"],
        ["Grow", "Objective", "", ""],
        ["MRR", "Key Result", "Grow", 0.5],
    ]
    table = load_okrs(write_csv(tmp_path / "typed.csv", rows))
    kr = table.key_results.iloc[0]
    assert (kr["objective"], kr["key_result"], kr["objective_type"]) == (
        "Grow",
        "MRR",
        "aspirational",
    )
    assert not table.issues["severity"].eq("error").any()


def linked_workbook(tmp_path):
    return write_xlsx(
        tmp_path / "linked.xlsx",
        {
            "Objectives": [
                ["Objective ID", "Objective", "Level", "Unit", "Aligned To"],
                ["O1", "Grow revenue", "company", None, None],
                ["O2", "Win the south", "department", "Sales", "O1"],
                ["O3", "Hire well", "department", "People", "O1"],
            ],
            "Key results": [
                ["Objective ID", "KR ID", "Key Result", "Start", "Target", "Current"],
                ["O1", "KR1", "Revenue", 0, 100, 60],
                ["O2", "KR1", "Stores", 0, 4, 1],
                ["O2", "KR2", "Partners", 0, 10, 5],
                ["O9", "KR1", "Orphan", 0, 4, 1],
            ],
        },
    )


def test_linked_objective_and_key_result_sheets_join_by_objective_id(tmp_path):
    table = load_okrs(linked_workbook(tmp_path))
    assert [s.kind for s in table.source.sheets] == ["objectives", "key results"]
    card = analyse(table, as_of=AS_OF)
    scores = card.objectives.set_index("objective_id")
    assert scores.loc["O1", "score"] == pytest.approx(0.6)
    assert scores.loc["O2", "score"] == pytest.approx((0.25 + 0.5) / 2)
    assert scores.loc["O2", ["objective", "unit", "parent_objective_id"]].tolist() == [
        "Win the south",
        "Sales",
        "O1",
    ]
    assert scores.loc["O3", "key_results"] == 0  # an objective with no key results yet
    # Sheet names of linked tables are not units.
    assert scores.loc["O1", "unit"] is None or pd.isna(scores.loc["O1", "unit"])


def test_a_key_result_naming_an_unknown_objective_id_is_an_error_where_it_is(tmp_path):
    table = load_okrs(linked_workbook(tmp_path))
    issue = table.issues[table.issues["code"].eq("unknown_objective_id")].iloc[0]
    assert (issue["sheet"], issue["row"], issue["column"], issue["value"]) == (
        "Key results",
        5,
        "Objective ID",
        "O9",
    )
    r = table.reconciliation
    assert (r.rows_scored, r.rows_objectives, r.rows_rejected) == (3, 3, 1)
    assert r.balanced


def test_linked_csv_files_uploaded_together_join_by_objective_id(tmp_path):

    objectives = write_csv(
        tmp_path / "objectives.csv",
        [["Objective ID", "Objective"], ["O1", "Grow revenue"], ["O2", "Happy customers"]],
    )
    krs = write_csv(
        tmp_path / "key_results.csv",
        [
            ["Objective ID", "Key Result", "Target", "Current"],
            ["O1", "Revenue", 10, 5],
            ["O2", "NPS", 50, 50],
        ],
    )
    checkins = write_csv(
        tmp_path / "checkins.csv",
        [["Key Result", "Date", "Value"], ["Revenue", "2026-08-01", 2], ["NPS", "2026-08-01", 40]],
    )
    table = build_table(combine_sources([read_okr_file(p) for p in (objectives, krs, checkins)]))
    assert [s.kind for s in table.source.sheets] == ["objectives", "key results", "check-ins"]
    assert table.key_results["objective"].tolist() == ["Grow revenue", "Happy customers"]
    assert len(table.checkins) == 2
    assert table.reconciliation.balanced
