"""Alignment: parents by id or text, broken links and cycles reported, tree depths."""

from __future__ import annotations

from conftest import write_csv

from okr_model import load_okrs
from okr_model.alignment import depths

HEADER = ["Objective ID", "Level", "Objective", "Key Result", "Aligned To", "Progress"]


def _objectives(tmp_path, rows):
    return load_okrs(write_csv(tmp_path / "a.csv", [HEADER, *[[*r, 0.5] for r in rows]]))


def test_parent_may_be_named_by_id_or_by_exact_text(tmp_path):
    table = _objectives(
        tmp_path,
        [
            ["C1", "company", "Grow revenue", "A", ""],
            ["D1", "department", "Sell more", "B", "C1"],
            ["D2", "department", "Sell smarter", "C", "Grow revenue"],
        ],
    )
    parents = table.objectives.set_index("objective_id")["parent_objective_id"]
    assert parents["D1"] == "C1"
    assert parents["D2"] == "C1"
    assert table.issues.empty


def test_parent_that_names_no_objective_is_a_warning_and_counts_as_unaligned(tmp_path):
    table = _objectives(
        tmp_path, [["C1", "company", "Grow", "A", ""], ["D1", "department", "Sell", "B", "C9"]]
    )
    issue = table.issues.iloc[0]
    assert (issue["code"], issue["severity"], issue["row"], issue["value"]) == (
        "unknown_parent",
        "warning",
        3,
        "C9",
    )
    assert table.objectives.set_index("objective_id")["parent_objective_id"].isna().all()


def test_alignment_cycle_breaks_one_link_and_reports_the_circle(tmp_path):
    table = _objectives(
        tmp_path,
        [
            ["A", "team", "One", "a", "C"],
            ["B", "team", "Two", "b", "A"],
            ["C", "team", "Three", "c", "B"],
        ],
    )
    issue = table.issues.iloc[0]
    assert issue["code"] == "alignment_cycle"
    assert issue["row"] == 2
    assert issue["value"] == "A → C → B → A"
    parents = table.objectives.set_index("objective_id")["parent_objective_id"]
    assert parents.isna().tolist() == [True, False, False]


def test_self_alignment_is_a_cycle(tmp_path):
    table = _objectives(tmp_path, [["A", "team", "One", "a", "A"]])
    assert table.issues["code"].tolist() == ["alignment_cycle"]


def test_depths_count_links_to_the_top(tmp_path):
    table = _objectives(
        tmp_path,
        [
            ["C", "company", "Top", "a", ""],
            ["D", "department", "Mid", "b", "C"],
            ["T", "team", "Low", "c", "D"],
            ["U", "team", "Alone", "d", ""],
        ],
    )
    assert depths(table.objectives).tolist() == [0, 1, 2, 0]
