"""The scoring policy object and its formula card."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT

from okr_model.policy import GradeBands, ScoringPolicy, formula_card


def test_grade_bands_default_to_googles_playbook():
    grades = GradeBands().grade(pd.Series([0.0, 0.39, 0.4, 0.69, 0.7, 1.0, None], dtype=float))
    assert grades.tolist()[:6] == ["red", "red", "yellow", "yellow", "green", "green"]
    assert pd.isna(grades.iloc[6])


@pytest.mark.parametrize(("yellow", "green"), [(0.7, 0.4), (0.0, 0.5), (0.5, 1.5)])
def test_grade_bands_must_be_ordered_within_zero_and_one(yellow, green):
    with pytest.raises(ValueError, match="grade bands"):
        GradeBands(yellow_from=yellow, green_from=green)


def test_unknown_rollup_mode_is_refused():
    with pytest.raises(ValueError, match="rollup"):
        ScoringPolicy(rollup="owners")


def test_policy_switches_change_the_formula_card():
    default = formula_card()
    assert "that is the KR's score" in default
    assert "Assessed scores are ignored" in formula_card(ScoringPolicy(use_assessed_scores=False))
    assert "counts as 0" in formula_card(ScoringPolicy(no_data_as_zero=True))
    assert "each aligned child objective is one" in formula_card(
        ScoringPolicy(rollup="key_results_and_children")
    )
    assert "green from 0.8" in formula_card(ScoringPolicy(grades=GradeBands(0.5, 0.8)))


def test_readme_shows_the_default_formula_card_word_for_word():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert formula_card() in readme
