"""Layouts: objective blocks, objective rows, and when a blank objective stays an error."""

from __future__ import annotations

import pandas as pd
from conftest import AS_OF, write_csv, write_xlsx

from okr_model import analyse, load_okrs
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
    }
