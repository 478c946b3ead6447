"""Scoring: the acceptance table, weights, thresholds, binary KRs and the policy switches.

Every case goes through a real workbook: written here, read, validated and scored.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import AS_OF, write_csv, write_xlsx

from okr_model import ScoringPolicy, analyse, load_okrs

# (start, target, current, direction) -> (raw progress, score); None means no data.
ACCEPTANCE = [
    pytest.param(0, 100, 20, "", 0.2, 0.2, id="increase-part-way"),
    pytest.param(0, 100, 150, "", 1.5, 1.0, id="increase-overshoot-caps-at-one"),
    pytest.param(20, 100, 20, "", 0.0, 0.0, id="increase-no-movement"),
    pytest.param(20, 100, 0, "", -0.25, 0.0, id="increase-went-backwards-floors-at-zero"),
    pytest.param(100, 0, 80, "", 0.2, 0.2, id="decrease-to-zero"),
    pytest.param(100, 20, 80, "", 0.25, 0.25, id="decrease-part-way"),
    pytest.param(100, 20, 0, "", 1.25, 1.0, id="decrease-overshoot-caps-at-one"),
    pytest.param(500, 400, 460, "", 0.4, 0.4, id="decrease-large-numbers"),
    pytest.param(100, 10, 110, "", -1 / 9, 0.0, id="decrease-went-backwards"),
    pytest.param(0, 0, 0, "", 1.0, 1.0, id="threshold-met"),
    pytest.param(10, 10, 9, "increase", 0.0, 0.0, id="threshold-missed"),
    pytest.param(0, 100, None, "", None, None, id="no-current-is-no-data"),
]


@pytest.fixture(scope="module")
def acceptance_scores(tmp_path_factory) -> pd.DataFrame:
    rows = [["Objective", "Key Result", "Start", "Target", "Current", "Direction"]]
    for i, case in enumerate(ACCEPTANCE):
        start, target, current, direction, *_ = case.values
        rows.append([f"Objective {i}", case.id, start, target, current, direction])
    path = write_xlsx(tmp_path_factory.mktemp("acceptance") / "acceptance.xlsx", {"OKRs": rows})
    scorecard = analyse(load_okrs(path), as_of=AS_OF)
    return scorecard.key_results.set_index("key_result")


@pytest.mark.parametrize(
    ("start", "target", "current", "direction", "progress", "score"), ACCEPTANCE
)
def test_acceptance_table(
    acceptance_scores, request, start, target, current, direction, progress, score
):
    kr = acceptance_scores.loc[request.node.callspec.id]
    if progress is None:
        assert math.isnan(kr["progress"])
        assert math.isnan(kr["score"])
        assert kr["source"] == "no_data"
    else:
        assert kr["progress"] == pytest.approx(progress)
        assert kr["score"] == pytest.approx(score)
        assert kr["source"] == "computed"


def test_weighted_objective_score_is_renormalised_weighted_mean(tmp_path):
    path = write_xlsx(
        tmp_path / "weights.xlsx",
        {
            "OKRs": [
                ["Objective", "Key Result", "Start", "Target", "Current", "Weight"],
                ["Grow", "Half way", 0, 10, 5, 3],
                ["Grow", "Done", 0, 10, 10, 1],
            ]
        },
    )
    objective = analyse(load_okrs(path), as_of=AS_OF).objectives.iloc[0]
    assert objective["score"] == pytest.approx(0.625)


def test_no_data_kr_is_left_out_of_objective_mean_and_coverage_reports_it(tmp_path):
    path = write_xlsx(
        tmp_path / "coverage.xlsx",
        {
            "OKRs": [
                ["Objective", "Key Result", "Start", "Target", "Current"],
                [
                    "Grow",
                    "Measured",
                    0,
                    10,
                    8,
                ],
                ["Grow", "Not yet", 0, 10, None],
            ]
        },
    )
    table = load_okrs(path)
    objective = analyse(table, as_of=AS_OF).objectives.iloc[0]
    assert objective["score"] == pytest.approx(0.8)
    assert objective["coverage"] == pytest.approx(0.5)
    as_zero = analyse(
        table, as_of=AS_OF, policy=ScoringPolicy(no_data_as_zero=True)
    ).objectives.iloc[0]
    assert as_zero["score"] == pytest.approx(0.4)
    assert as_zero["coverage"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("current", "score"),
    [
        pytest.param("Done", 1.0, id="done"),
        pytest.param("yes", 1.0, id="yes"),
        pytest.param("TRUE", 1.0, id="true"),
        pytest.param("x", 1.0, id="x"),
        pytest.param("✓", 1.0, id="tick"),
        pytest.param("Có", 1.0, id="vietnamese-yes"),
        pytest.param("sim", 1.0, id="portuguese-yes"),
        pytest.param(1, 1.0, id="one"),
        pytest.param("Not done", 0.0, id="not-done"),
        pytest.param("không", 0.0, id="vietnamese-no"),
        pytest.param("in progress", 0.0, id="anything-else"),
        pytest.param(0, 0.0, id="zero"),
    ],
)
def test_binary_kr_scores_done_words_as_one_and_anything_else_as_zero(tmp_path, current, score):
    path = write_xlsx(
        tmp_path / "binary.xlsx",
        {
            "OKRs": [
                ["Objective", "Key Result", "Target", "Current", "Direction"],
                ["Ship", "Launch", "Done", current, "binary"],
            ]
        },
    )
    kr = analyse(load_okrs(path), as_of=AS_OF).key_results.iloc[0]
    assert kr["score"] == score
    assert kr["direction"] == "binary"


def test_binary_kr_is_inferred_from_yes_no_words_without_a_direction(tmp_path):
    path = write_xlsx(
        tmp_path / "binary.xlsx",
        {
            "OKRs": [
                ["Objective", "Key Result", "Target", "Current"],
                ["Ship", "Launch", "yes", "no"],
            ]
        },
    )
    kr = analyse(load_okrs(path), as_of=AS_OF).key_results.iloc[0]
    assert (kr["direction"], kr["score"]) == ("binary", 0.0)


@pytest.mark.parametrize(
    ("direction", "target", "current", "score"),
    [
        pytest.param("at_least", 0.95, 0.97, 1.0, id="at-least-met"),
        pytest.param("at_least", 0.95, 0.90, 0.0, id="at-least-missed"),
        pytest.param(">=", 0.95, 0.95, 1.0, id="at-least-exactly"),
        pytest.param("at_most", 5, 4, 1.0, id="at-most-met"),
        pytest.param("≤", 5, 6, 0.0, id="at-most-missed"),
        pytest.param("decrease", 5, 5, 1.0, id="decrease-threshold-met"),
    ],
)
def test_threshold_kr_scores_one_when_target_is_met_in_its_direction(
    tmp_path, direction, target, current, score
):
    path = write_xlsx(
        tmp_path / "threshold.xlsx",
        {
            "OKRs": [
                ["Objective", "Key Result", "Start", "Target", "Current", "Direction"],
                [
                    "Keep",
                    "Hold",
                    target if direction == "decrease" else None,
                    target,
                    current,
                    direction,
                ],
            ]
        },
    )
    kr = analyse(load_okrs(path), as_of=AS_OF).key_results.iloc[0]
    assert kr["is_threshold"]
    assert kr["score"] == score


@pytest.mark.parametrize(
    ("header", "values", "expected", "scale"),
    [
        pytest.param("Progress", [0.25, 0.7, 1.2], [0.25, 0.7, 1.0], "0-1", id="fractions"),
        pytest.param(
            "Progress", [25, 70, 120], [0.25, 0.7, 1.0], "0-100", id="values-above-1.5-mean-percent"
        ),
        pytest.param(
            "Progress (%)", [100, 50, 0], [1.0, 0.5, 0.0], "0-100", id="percent-in-header"
        ),
        pytest.param(
            "% Complete",
            [1, 0.5, 0],
            [1.0, 0.5, 0.0],
            "0-1",
            id="excel-percent-format-is-fractions",
        ),
        pytest.param(
            "% hoàn thành",
            ["25%", "70%", "60 percent"],
            [0.25, 0.7, 0.6],
            "0-100",
            id="percent-signs",
        ),
    ],
)
def test_progress_column_scale_is_detected_per_column(tmp_path, header, values, expected, scale):
    rows = [["Objective", "Key Result", header]] + [
        ["Grow", f"KR {i}", v] for i, v in enumerate(values)
    ]
    path = write_csv(tmp_path / "progress.csv", rows)
    table = load_okrs(path)
    scorecard = analyse(table, as_of=AS_OF)
    assert table.scales.progress == {("progress.csv", ""): scale}
    assert scorecard.key_results["score"].tolist() == pytest.approx(expected)
    assert set(scorecard.key_results["source"]) == {"progress_column"}


def test_each_sheet_has_its_own_progress_scale(tmp_path):
    path = write_xlsx(
        tmp_path / "two.xlsx",
        {
            "Fractions": [
                ["Objective", "Key Result", "Progress"],
                ["A", "a", 0.7],
                ["A", "b", 0.5],
            ],
            "Percent": [["Objective", "Key Result", "Progress %"], ["B", "c", 70], ["B", "d", 50]],
        },
    )
    scores = analyse(load_okrs(path), as_of=AS_OF).key_results.set_index("key_result")["score"]
    assert scores.to_dict() == pytest.approx({"a": 0.7, "b": 0.5, "c": 0.7, "d": 0.5})


def test_one_typo_does_not_rescale_a_column_and_odd_values_are_reported(tmp_path):
    rows = [
        ["Objective", "Key Result", "Progress", "Score"],
        ["Grow", "a", 0.7, 0.7],
        ["Grow", "b", 0.6, 0.6],
        ["Grow", "c", 70, 2],
    ]
    table = load_okrs(write_csv(tmp_path / "typo.csv", rows))
    assert table.scales.progress == {("typo.csv", ""): "0-1"}
    assert table.scales.assessed_score == {("typo.csv", ""): "0-1"}
    codes = table.issues.set_index("code")
    assert codes.loc["scale_mismatch", "row"] == 4
    assert "so it means 7000%" in codes.loc["scale_mismatch", "message"]
    assert codes.loc["score_out_of_range", "value"] == "2"


def test_assessed_score_wins_but_computed_progress_is_kept_and_can_be_ignored(tmp_path):
    path = write_xlsx(
        tmp_path / "assessed.xlsx",
        {
            "OKRs": [
                ["Objective", "Key Result", "Start", "Target", "Current", "Score"],
                ["Grow", "MRR", 0, 100, 40, 0.7],
            ]
        },
    )
    table = load_okrs(path)
    kr = analyse(table, as_of=AS_OF).key_results.iloc[0]
    assert (kr["score"], kr["source"]) == (0.7, "assessed")
    assert kr["progress"] == pytest.approx(0.4)
    ignored = analyse(
        table, as_of=AS_OF, policy=ScoringPolicy(use_assessed_scores=False)
    ).key_results.iloc[0]
    assert (ignored["score"], ignored["source"]) == (pytest.approx(0.4), "computed")


def test_rollup_with_children_counts_each_child_as_one_more_item(tmp_path, okr_rows):
    path = write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": okr_rows})
    table = load_okrs(path)
    plain = analyse(table, as_of=AS_OF).objectives.set_index("objective")["score"]
    nested = analyse(table, as_of=AS_OF, policy=ScoringPolicy(rollup="key_results_and_children"))
    nested_scores = nested.objectives.set_index("objective")["score"]
    # Grow revenue: KRs 0.2 (weight 3) and 1.0 (weight 1) -> 0.4 over two KRs; Sell more: 0.5, 0.25.
    assert plain["Grow revenue"] == pytest.approx(0.4)
    assert plain["Sell more"] == pytest.approx(0.375)
    assert nested_scores["Sell more"] == pytest.approx(0.375)
    assert nested_scores["Grow revenue"] == pytest.approx((0.4 * 2 + 0.375) / 3)


def test_grades_follow_the_bands(tmp_path):
    rows = [["Objective", "Key Result", "Progress"]] + [
        [f"O{i}", "KR", p] for i, p in enumerate([0.0, 0.39, 0.4, 0.69, 0.7, 1.0])
    ]
    scorecard = analyse(load_okrs(write_csv(tmp_path / "g.csv", rows)), as_of=AS_OF)
    assert scorecard.objectives["grade"].tolist() == [
        "red",
        "red",
        "yellow",
        "yellow",
        "green",
        "green",
    ]
