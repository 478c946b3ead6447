"""The JSON contract and safe CSV output."""

from __future__ import annotations

import csv
import io
import json

from conftest import AS_OF, MISTAKES_WORKBOOK, SAMPLE_WORKBOOK, write_csv, write_xlsx

from okr_model import analyse, check_to_dict, load_okrs, scorecard_to_dict
from okr_model.output import check_text, key_results_frame, objectives_frame, to_csv


def test_score_json_has_the_contracted_keys_and_shapes():
    table = load_okrs(SAMPLE_WORKBOOK)
    result = json.loads(json.dumps(scorecard_to_dict(analyse(table, as_of=AS_OF), table)))
    assert {
        "quarter",
        "policy",
        "reconciliation",
        "issues",
        "company",
        "levels",
        "units",
        "owners",
        "objectives",
        "key_results",
    } <= set(result)
    assert set(result["reconciliation"]) >= {
        "rows_read",
        "rows_scored",
        "rows_rejected",
        "rows_blank",
    }
    assert set(result["company"]) >= {"score", "grade", "objectives", "key_results", "coverage"}
    assert set(result["levels"][0]) >= {
        "level",
        "score",
        "grade",
        "objectives",
        "key_results",
        "coverage",
    }
    assert set(result["units"][0]) >= {"level", "unit", "score", "grade", "objectives"}
    assert set(result["owners"][0]) >= {"owner", "score", "objectives"}
    assert set(result["objectives"][0]) >= {
        "objective_id",
        "objective",
        "quarter",
        "level",
        "unit",
        "owner",
        "parent_objective_id",
        "objective_type",
        "score",
        "grade",
        "key_results",
        "coverage",
        "status",
        "flags",
    }
    assert set(result["key_results"][0]) >= {
        "kr_id",
        "objective_id",
        "key_result",
        "start",
        "target",
        "current",
        "direction",
        "weight",
        "progress",
        "score",
        "grade",
        "source",
    }
    assert {kr["source"] for kr in result["key_results"]} <= {
        "computed",
        "progress_column",
        "assessed",
        "no_data",
    }
    assert all(isinstance(o["flags"], list) for o in result["objectives"])
    assert all(
        o["status"] in {"on_track", "behind", "at_risk", "no_data"} for o in result["objectives"]
    )
    scores = [kr["score"] for kr in result["key_results"] if kr["score"] is not None]
    assert all(0 <= s <= 1 for s in scores)
    assert {kr["due_date"] for kr in result["key_results"]} == {"2026-12-31"}


def test_check_json_reports_issues_in_spreadsheet_terms():
    result = check_to_dict(load_okrs(MISTAKES_WORKBOOK))
    assert result["valid"] is False
    issue = next(i for i in result["issues"] if i["code"] == "not_a_number")
    assert issue == {
        "severity": "error",
        "code": "not_a_number",
        "file": "okrs_with_mistakes.xlsx",
        "sheet": "OKRs",
        "row": 5,
        "column": "Current",
        "value": "abc",
        "message": "'abc' is not a number.",
    }
    r = result["reconciliation"]
    assert r["rows_read"] == r["rows_scored"] + r["rows_rejected"] + r["rows_blank"]


def test_csv_output_neutralises_cells_that_would_run_as_formulas(tmp_path):
    rows = [
        ["Objective", "Key Result", "Progress"],
        ['=HYPERLINK("http://example.invalid","x")', "+1 more", 0.5],
        ["@SUM(A1)", "-2 cost", 0.5],
    ]
    sc = analyse(load_okrs(write_csv(tmp_path / "inject.csv", rows)), as_of=AS_OF)
    out = list(csv.DictReader(io.StringIO(to_csv(objectives_frame(sc)))))
    assert [o["objective"] for o in out] == [
        '\'=HYPERLINK("http://example.invalid","x")',
        "'@SUM(A1)",
    ]
    krs = list(csv.DictReader(io.StringIO(to_csv(key_results_frame(sc)))))
    assert [k["key_result"] for k in krs] == ["'+1 more", "'-2 cost"]
    assert krs[0]["score"] == "0.5"


def test_check_counts_directions_written_and_read_from_the_numbers(tmp_path):
    rows = [
        ["Objective", "Key Result", "Start", "Target", "Current", "Direction"],
        ["Grow", "Revenue", 0, 100, 50, "higher is better"],
        ["Grow", "Churn", 10, 5, 7, None],
        ["Grow", "Costs", 10, 5, 7, None],
    ]
    table = load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": rows}))
    assert check_to_dict(table)["directions"] == {
        "directions": {"decrease": 2, "increase": 1},
        "written": 1,
        "from_numbers": 2,
    }
    assert (
        "Directions: 2 decrease, 1 increase (1 written in the sheet, 2 from start and target)."
        in check_text(table)
    )
