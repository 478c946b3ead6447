"""Validation: every failed check becomes an issue in spreadsheet terms; error rows set aside."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import write_csv, write_xlsx

from okr_model import load_okrs

HEADER = [
    "Quarter",
    "Level",
    "Objective",
    "Key Result",
    "Start",
    "Target",
    "Current",
    "Weight",
    "Score",
    "Type",
    "Direction",
    "Due date",
    "Confidence",
]


def _one_row(tmp_path, **cells) -> pd.DataFrame:
    defaults = dict(
        zip(
            HEADER,
            ["2026-Q3", "team", "Grow", "MRR", 0, 100, 50, "", "", "", "", "", ""],
            strict=True,
        )
    )
    defaults.update({k.replace("_", " "): v for k, v in cells.items()})
    path = write_xlsx(tmp_path / "one.xlsx", {"OKRs": [HEADER, [defaults[h] for h in HEADER]]})
    return load_okrs(path)


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        pytest.param("Target", "abc", "not_a_number", id="target-not-a-number"),
        pytest.param("Current", "lots", "not_a_number", id="current-not-a-number"),
        pytest.param("Level", "galaxy", "unknown_level", id="unknown-level"),
        pytest.param("Direction", "sideways", "unknown_direction", id="unknown-direction"),
        pytest.param("Type", "maybe", "unknown_objective_type", id="unknown-type"),
        pytest.param("Quarter", "H1 2026", "unknown_quarter", id="unknown-quarter"),
        pytest.param("Weight", 0, "weight_not_positive", id="zero-weight"),
        pytest.param("Weight", -2, "weight_not_positive", id="negative-weight"),
        pytest.param("Score", 1.3, "score_out_of_range", id="score-above-one"),
        pytest.param("Objective", "", "missing_objective", id="no-objective"),
        pytest.param("Key Result", "", "missing_key_result", id="no-key-result"),
    ],
)
def test_errors_quarantine_the_row_and_say_where_in_the_sheet(tmp_path, column, value, code):
    table = _one_row(tmp_path, **{column: value})
    errors = table.issues[table.issues["severity"].eq("error")]
    assert errors["code"].tolist() == [code]
    issue = errors.iloc[0]
    assert (issue["file"], issue["sheet"], issue["row"], issue["column"]) == (
        "one.xlsx",
        "OKRs",
        2,
        column,
    )
    assert issue["value"] == ("" if value == "" else str(value))
    assert issue["message"]
    assert table.key_results.empty
    assert table.reconciliation.as_dict() == {
        "rows_read": 1,
        "rows_scored": 0,
        "rows_rejected": 1,
        "rows_blank": 0,
        "rows_objectives": 0,
        "rows_not_okrs": 0,
        "rows_checkins": 0,
    }


@pytest.mark.parametrize(
    ("cells", "code"),
    [
        pytest.param({"Start": ""}, "missing_start", id="start-missing-taken-as-zero"),
        pytest.param({"Start": 100, "Target": 100}, "threshold_kr", id="start-equals-target"),
        pytest.param({"Current": ""}, "missing_current", id="no-current-is-no-data"),
        pytest.param({"Target": "", "Current": ""}, "missing_target", id="no-target"),
        pytest.param(
            {"Direction": "increase", "Start": 100, "Target": 50},
            "direction_contradicts_numbers",
            id="direction-contradiction",
        ),
        pytest.param({"Due date": "someday"}, "bad_date", id="bad-date"),
        pytest.param({"Confidence": "very sure"}, "bad_confidence", id="bad-confidence"),
    ],
)
def test_warnings_keep_the_row_and_state_the_assumption(tmp_path, cells, code):
    table = _one_row(tmp_path, **cells)
    assert table.issues["code"].tolist() == [code]
    assert table.issues["severity"].tolist() == ["warning"]
    assert len(table.key_results) == 1


def test_a_bad_date_is_blanked_but_the_rest_of_the_row_is_scored(tmp_path):
    kr = _one_row(tmp_path, **{"Due date": "someday"}).key_results.iloc[0]
    assert pd.isna(kr["due_date"])
    assert kr["current"] == 50


def test_several_errors_in_one_row_are_all_reported_and_the_row_counted_once(tmp_path):
    table = _one_row(tmp_path, Target="abc", Level="galaxy", Weight=0)
    assert sorted(table.issues["code"]) == ["not_a_number", "unknown_level", "weight_not_positive"]
    assert table.reconciliation.rows_rejected == 1


def test_blank_quarters_take_the_files_only_quarter_with_a_warning(tmp_path):
    rows = [
        ["Quarter", "Objective", "Key Result", "Start", "Target", "Current"],
        ["Q3 2026", "Grow", "A", 0, 10, 5],
        ["", "Grow", "B", 0, 10, 5],
    ]
    table = load_okrs(write_csv(tmp_path / "q.csv", rows))
    assert table.key_results["quarter"].tolist() == ["2026-Q3", "2026-Q3"]
    assert table.issues["code"].tolist() == ["quarter_assumed"]


def test_blank_quarter_is_an_error_when_the_file_holds_several(tmp_path):
    rows = [
        ["Quarter", "Objective", "Key Result", "Start", "Target", "Current"],
        ["2026-Q3", "Grow", "A", 0, 10, 5],
        ["2026-Q4", "Grow", "B", 0, 10, 5],
        ["", "Grow", "C", 0, 10, 5],
    ]
    table = load_okrs(write_csv(tmp_path / "q.csv", rows))
    issue = table.issues.iloc[0]
    assert (issue["code"], issue["row"]) == ("missing_quarter", 4)
    assert "2026-Q3, 2026-Q4" in issue["message"]


def test_quarter_given_by_the_caller_applies_when_the_sheet_has_none(tmp_path):
    rows = [["Objective", "Key Result", "Target", "Current"], ["Grow", "A", 10, 5]]
    path = write_csv(tmp_path / "noq.csv", rows)
    assert load_okrs(path).quarters == ["unspecified"]
    assert load_okrs(path, quarter="2026-Q2").quarters == ["2026-Q2"]


def test_mistakes_workbook_reports_each_planted_mistake(mistakes_table):
    codes = set(mistakes_table.issues["code"])
    assert codes >= {
        "not_a_number",
        "unknown_level",
        "missing_objective",
        "duplicate_kr_id",
        "weight_not_positive",
        "missing_start",
        "unknown_parent",
        "threshold_kr",
        "alignment_cycle",
        "direction_contradicts_numbers",
        "missing_current",
        "binary_not_done",
        "objective_mismatch",
        "unknown_quarter",
        "score_out_of_range",
        "unknown_objective_type",
        "bad_date",
    }
    assert mistakes_table.reconciliation.balanced


@pytest.fixture
def mistakes_table():
    from conftest import MISTAKES_WORKBOOK

    return load_okrs(MISTAKES_WORKBOOK)


def test_row_with_neither_objective_nor_key_result_is_one_error(tmp_path):
    table = _one_row(tmp_path, Objective="", **{"Key Result": ""})
    assert table.issues["code"].tolist() == ["missing_objective_and_key_result"]


def test_binary_kr_with_a_number_other_than_zero_or_one_is_not_done_and_said_so(tmp_path):
    table = _one_row(tmp_path, Direction="binary", Current=0.5, Start="", Target="")
    assert table.issues["code"].tolist() == ["binary_not_done"]
    assert table.key_results["current"].tolist() == [0.0]


def test_mismatch_names_the_row_the_kept_value_comes_from(tmp_path):
    rows = [
        ["Objective ID", "Objective", "Owner", "Key Result", "Progress"],
        ["O1", "Grow", "", "A", 0.5],
        ["O1", "Grow", "Bao", "B", 0.5],
        ["O1", "Grow", "Chi", "C", 0.5],
    ]
    issue = load_okrs(write_csv(tmp_path / "m.csv", rows)).issues.iloc[0]
    assert (issue["row"], issue["value"]) == (4, "Chi")
    assert "'Bao' on row 3" in issue["message"]


def test_unreadable_due_dates_are_warnings_and_the_row_is_scored(tmp_path):
    table = _one_row(tmp_path, **{"Due date": "1/10"})
    assert table.issues["code"].tolist() == ["bad_date"]
    assert table.reconciliation.rows_scored == 1
