"""Expected pace and on-track status."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from okr_model.pace import expected_pace, pace_status, quarter_has_ended
from okr_model.policy import PaceThresholds


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        pytest.param(dt.date(2026, 6, 1), 0.0, id="before-the-quarter-clamps-to-zero"),
        pytest.param(dt.date(2026, 7, 1), 1 / 92, id="first-day"),
        pytest.param(dt.date(2026, 8, 15), 46 / 92, id="middle"),
        pytest.param(dt.date(2026, 9, 30), 1.0, id="last-day"),
        pytest.param(dt.date(2027, 1, 1), 1.0, id="after-the-quarter-clamps-to-one"),
    ],
)
def test_expected_pace_is_the_elapsed_share_of_the_quarter(as_of, expected):
    assert expected_pace("2026-Q3", as_of) == pytest.approx(expected)


def test_no_expected_pace_without_a_quarter():
    assert expected_pace("unspecified", dt.date(2026, 8, 1)) is None
    assert pace_status(pd.Series([0.5]), None, PaceThresholds()).isna().all()


def test_quarter_has_ended_only_on_its_last_day_or_after():
    assert not quarter_has_ended("2026-Q3", dt.date(2026, 9, 29))
    assert quarter_has_ended("2026-Q3", dt.date(2026, 9, 30))


@pytest.mark.parametrize(
    ("score", "committed", "status"),
    [
        pytest.param(0.35, False, "on_track", id="aspirational-at-0.7-of-pace"),
        pytest.param(0.34, False, "behind", id="aspirational-just-below"),
        pytest.param(0.20, False, "behind", id="aspirational-at-0.4-of-pace"),
        pytest.param(0.19, False, "at_risk", id="aspirational-below-0.4-of-pace"),
        pytest.param(0.50, True, "on_track", id="committed-on-pace"),
        pytest.param(0.40, True, "behind", id="committed-behind"),
        pytest.param(0.30, True, "at_risk", id="committed-at-risk"),
        pytest.param(None, False, "no_data", id="no-score"),
    ],
)
def test_pace_status_against_half_the_quarter(score, committed, status):
    result = pace_status(
        pd.Series([score], dtype=float), 0.5, PaceThresholds(), pd.Series([committed])
    )
    assert result.iloc[0] == status


def test_at_the_quarters_end_on_track_means_green():
    scores = pd.Series([0.7, 0.69, 0.4, 0.39])
    assert pace_status(scores, 1.0, PaceThresholds()).tolist() == [
        "on_track",
        "behind",
        "behind",
        "at_risk",
    ]
