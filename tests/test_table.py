"""Completing the table: objective and KR ids, agreement within objectives, weights, directions."""

from __future__ import annotations

import pytest
from conftest import write_csv

from okr_model import load_okrs


def test_objectives_without_ids_are_grouped_by_quarter_level_unit_owner_and_text(tmp_path):
    rows = [
        ["Level", "Unit", "Owner", "Objective", "Key Result", "Target", "Current"],
        ["team", "Sales", "Bao", "Grow revenue ", "A", 10, 5],
        ["team", "Sales", "Bao", "Grow revenue", "B", 10, 5],
        ["team", "Sales", "Chi", "Grow revenue", "C", 10, 5],
    ]
    table = load_okrs(write_csv(tmp_path / "g.csv", rows))
    ids = table.key_results["objective_id"]
    assert ids.iloc[0] == ids.iloc[1] != ids.iloc[2]
    assert len(table.objectives) == 2


def test_generated_objective_ids_are_stable_when_rows_move(tmp_path):
    rows = [["Owner", "Objective", "Key Result"], ["Bao", "Grow", "A"], ["Chi", "Ship", "B"]]
    first = load_okrs(write_csv(tmp_path / "a.csv", rows)).objectives.set_index("objective")[
        "objective_id"
    ]
    second = load_okrs(write_csv(tmp_path / "b.csv", [rows[0], rows[2], rows[1]])).objectives
    assert second.set_index("objective")["objective_id"].to_dict() == first.to_dict()
    assert all(i.startswith("O-") for i in first)


def test_kr_ids_may_restart_under_every_objective(tmp_path):
    rows = [
        ["Objective", "KR ID", "Key Result", "Progress"],
        ["Grow", "KR1", "A", 0.5],
        ["Grow", "KR2", "B", 0.5],
        ["Ship", "KR1", "C", 0.5],
    ]
    table = load_okrs(write_csv(tmp_path / "k.csv", rows))
    assert table.issues.empty
    assert len(table.key_results) == 3


def test_duplicate_kr_id_within_an_objective_is_an_error_naming_the_first_row(tmp_path):
    rows = [
        ["Objective", "KR ID", "Key Result", "Progress"],
        ["Grow", "KR1", "A", 0.5],
        ["Grow", "KR1", "A again", 0.5],
    ]
    table = load_okrs(write_csv(tmp_path / "d.csv", rows))
    issue = table.issues.iloc[0]
    assert (issue["code"], issue["row"], issue["severity"]) == ("duplicate_kr_id", 3, "error")
    assert "row 2" in issue["message"]
    assert table.key_results["key_result"].tolist() == ["A"]


def test_missing_kr_ids_are_numbered_within_their_objective(tmp_path):
    rows = [["Objective", "Key Result"], ["Grow", "A"], ["Ship", "B"], ["Grow", "C"]]
    krs = load_okrs(write_csv(tmp_path / "n.csv", rows)).key_results
    assert krs["kr_id"].tolist() == ["KR1", "KR1", "KR2"]


def test_objective_fields_written_once_are_shared_and_contradictions_reported(tmp_path):
    rows = [
        ["Objective ID", "Objective", "Owner", "Unit", "Key Result", "Progress"],
        ["O1", "Grow", "Bao", "Sales", "A", 0.5],
        ["O1", "", "", "", "B", 0.5],
        ["O1", "Grow", "Chi", "Sales", "C", 0.5],
    ]
    table = load_okrs(write_csv(tmp_path / "m.csv", rows))
    assert set(table.key_results["owner"]) == {"Bao"}
    assert set(table.key_results["objective"]) == {"Grow"}
    issue = table.issues.iloc[0]
    assert (issue["code"], issue["row"], issue["column"], issue["value"]) == (
        "objective_mismatch",
        4,
        "Owner",
        "Chi",
    )


@pytest.mark.parametrize(
    ("weights", "expected", "codes"),
    [
        pytest.param(["", "", ""], [1.0, 1.0, 1.0], [], id="all-blank-means-equal"),
        pytest.param([0.5, 0.3, 0.2], [0.5, 0.3, 0.2], [], id="sums-to-one"),
        pytest.param(["50%", "30%", "20%"], [0.5, 0.3, 0.2], [], id="percent-weights"),
        pytest.param(
            [3, 1, ""],
            [3.0, 1.0, 2.0],
            ["weights_partly_blank", "weights_not_one"],
            id="some-blank",
        ),
        pytest.param([3, 1, 1], [3.0, 1.0, 1.0], ["weights_not_one"], id="relative-weights"),
    ],
)
def test_weights(tmp_path, weights, expected, codes):
    rows = [["Objective", "Key Result", "Weight", "Progress"]] + [
        ["Grow", f"KR{i}", w, 0.5] for i, w in enumerate(weights)
    ]
    table = load_okrs(write_csv(tmp_path / "w.csv", rows))
    assert table.key_results["weight"].tolist() == pytest.approx(expected)
    assert sorted(table.issues["code"]) == sorted(codes)


@pytest.mark.parametrize(
    ("start", "target", "direction"),
    [
        pytest.param(10, 20, "increase", id="target-above-start"),
        pytest.param(20, 10, "decrease", id="target-below-start"),
        pytest.param(10, 10, "increase", id="equal-is-increase-threshold"),
        pytest.param("", -5, "decrease", id="blank-start-compares-with-zero"),
    ],
)
def test_direction_defaults_from_the_numbers(tmp_path, start, target, direction):
    rows = [
        ["Objective", "Key Result", "Start", "Target", "Current"],
        ["Grow", "A", start, target, 0],
    ]
    kr = load_okrs(write_csv(tmp_path / "dir.csv", rows)).key_results.iloc[0]
    assert kr["direction"] == direction
    assert not kr["direction_given"]


def test_target_zero_without_a_start_is_a_decrease(tmp_path):
    rows = [["Objective", "Key Result", "Target", "Current"], ["Safer", "Incidents to zero", 0, 5]]
    table = load_okrs(write_csv(tmp_path / "zero.csv", rows))
    kr = table.key_results.iloc[0]
    assert kr["direction"] == "decrease"
    assert kr["start_assumed"]
