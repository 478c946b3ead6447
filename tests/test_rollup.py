"""Rollups to owners, units, levels and the company."""

from __future__ import annotations

import pytest
from conftest import AS_OF, write_csv

from okr_model import analyse, load_okrs

HEADER = ["Level", "Unit", "Owner", "Objective", "Key Result", "Progress"]


def _scorecard(tmp_path, rows):
    return analyse(load_okrs(write_csv(tmp_path / "r.csv", [HEADER, *rows])), as_of=AS_OF)


def test_company_score_is_the_mean_of_company_level_objectives(tmp_path):
    sc = _scorecard(
        tmp_path,
        [
            ["company", "", "Ada", "Grow", "A", 0.8],
            ["company", "", "Ada", "Ship", "B", 0.4],
            ["team", "Sales", "Bao", "Sell", "C", 0.0],
        ],
    )
    assert sc.company["score"] == pytest.approx(0.6)
    assert sc.company["basis"] == "company objectives"
    assert sc.company["objectives"] == 3
    assert sc.company["key_results"] == 3


def test_company_score_falls_back_to_all_objectives(tmp_path):
    sc = _scorecard(
        tmp_path,
        [["team", "Sales", "Bao", "Sell", "C", 0.2], ["team", "Ops", "Chi", "Ship", "D", 0.6]],
    )
    assert sc.company["score"] == pytest.approx(0.4)
    assert sc.company["basis"] == "all objectives"


def test_levels_come_in_order_and_units_and_owners_average_their_objectives(tmp_path):
    sc = _scorecard(
        tmp_path,
        [
            ["individual", "Sales", "Chi", "Mine", "A", 0.9],
            ["team", "Sales", "Bao", "Sell", "B", 0.2],
            ["team", "Sales", "Bao", "Sell more", "C", 0.6],
            ["company", "", "Ada", "Grow", "D", 0.5],
        ],
    )
    assert sc.levels["level"].tolist() == ["company", "team", "individual"]
    units = sc.units.set_index(["level", "unit"])["score"]
    assert units[("team", "Sales")] == pytest.approx(0.4)
    owners = sc.owners.set_index("owner")
    assert owners.loc["Bao", "score"] == pytest.approx(0.4)
    assert owners.loc["Bao", "objectives"] == 2


def test_coverage_is_the_share_of_key_results_with_data(tmp_path):
    sc = _scorecard(
        tmp_path,
        [["team", "Sales", "Bao", "Sell", "A", 0.5], ["team", "Sales", "Bao", "Sell", "B", ""]],
    )
    assert sc.levels.iloc[0]["coverage"] == pytest.approx(0.5)
    assert sc.company["coverage"] == pytest.approx(0.5)


def test_objectives_without_a_level_are_rolled_up_as_unspecified(tmp_path):
    sc = _scorecard(tmp_path, [["", "", "Bao", "Sell", "A", 0.5]])
    assert sc.levels["level"].tolist() == ["unspecified"]
