"""Progress over the quarter from check-ins, under the same policy as the final scores."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import SAMPLE_WORKBOOK, write_xlsx

from okr_model import analyse, load_okrs
from okr_model.pace import expected_pace
from okr_model.policy import ScoringPolicy
from okr_model.scorecard import Filters
from okr_model.trends import key_result_history, progress_over_time

AS_OF = dt.date(2026, 9, 30)


@pytest.fixture
def table(tmp_path):
    krs = [
        ["Quarter", "Unit", "Objective ID", "Objective", "KR ID", "Key Result", "Start", "Target"],
        ["2026-Q3", "Sales", "O1", "Grow revenue", "KR1", "Revenue", 0, 100],
        ["2026-Q3", "Sales", "O1", "Grow revenue", "KR2", "Churn (%)", 10, 5],
        ["2026-Q3", "Retail", "O2", "Open stores", "KR1", "Stores", 0, 4],
    ]
    checkins = [
        ["Objective ID", "KR ID", "Date", "Value"],
        ["O1", "KR1", "2026-07-31", 20],
        ["O1", "KR2", "2026-07-31", 9],
        ["O1", "KR1", "2026-08-31", 50],
        ["O2", "KR1", "2026-08-31", 1],
        ["O1", "KR2", "2026-09-30", 6],
    ]
    return load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": krs, "Check-ins": checkins}))


def test_each_checkin_date_scores_the_latest_values_known_then(table):
    points = progress_over_time(table, analyse(table, as_of=AS_OF))
    # 31 Jul: O1 = mean(0.2, 0.2) = 0.2; O2 not checked in yet (no data) -> company 0.2.
    # 31 Aug: O1 = mean(0.5, 0.2) = 0.35; O2 = 0.25 -> company 0.3.
    # 30 Sep: O1 = mean(0.5, 0.8) = 0.65; O2 = 0.25 -> company 0.45.
    assert points["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2026-07-31",
        "2026-08-31",
        "2026-09-30",
    ]
    assert points["score"].round(6).tolist() == [0.2, 0.3, 0.45]
    assert points["key_results_with_data"].tolist() == [2, 3, 3]
    assert points["expected_pace"].tolist() == [
        expected_pace("2026-Q3", d) for d in (dt.date(2026, 7, 31), dt.date(2026, 8, 31), AS_OF)
    ]


def test_the_last_point_equals_the_final_score_when_every_kr_is_checked_in(table):
    card = analyse(table, as_of=AS_OF)
    assert progress_over_time(table, card)["score"].iloc[-1] == pytest.approx(card.company["score"])


def test_no_data_as_zero_counts_krs_not_yet_checked_in(table):
    card = analyse(table, as_of=AS_OF, policy=ScoringPolicy(no_data_as_zero=True))
    # 31 Jul: O1 0.2, O2 0 (no check-in yet) -> 0.1.
    assert progress_over_time(table, card)["score"].iloc[0] == pytest.approx(0.1)


def test_filters_limit_the_trend_to_the_view(table):
    card = analyse(table, as_of=AS_OF, filters=Filters(units=("Retail",)))
    points = progress_over_time(table, card)
    assert points["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-08-31"]
    assert points["score"].tolist() == [0.25]


def test_key_result_history_scores_each_checkin_in_its_direction(table):
    history = key_result_history(table, analyse(table, as_of=AS_OF))
    churn = history[history["kr_id"].eq("KR2")]
    assert churn["score"].round(6).tolist() == [0.2, 0.8]  # 10 -> 5: 9 is 0.2, 6 is 0.8


def test_a_file_without_checkins_has_no_trend(tmp_path):
    rows = [["Objective", "Key Result", "Target", "Current"], ["Ship", "Partners", 4, 2]]
    table = load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": rows}))
    card = analyse(table, as_of=AS_OF)
    assert progress_over_time(table, card).empty
    assert key_result_history(table, card).empty


def test_the_sample_quarter_under_way_trails_its_expected_pace_no_faster_than_weekly():
    table = load_okrs(SAMPLE_WORKBOOK)
    card = analyse(table, quarter="2026-Q4", as_of=dt.date(2026, 11, 20))
    points = progress_over_time(table, card)
    assert len(points) == 7  # weekly check-ins from 7 Oct to 18 Nov
    assert points["score"].is_monotonic_increasing
    assert pd.Series(points["expected_pace"]).is_monotonic_increasing


def test_daily_checkins_are_scored_week_by_week(tmp_path):
    days = pd.date_range("2026-07-01", "2026-09-30", freq="D")
    rows = [["Objective", "Key Result", "Target"], ["Ship", "Partners", 92]]
    checkins = [["Key Result", "Date", "Value"]]
    checkins += [["Partners", day.strftime("%Y-%m-%d"), n + 1] for n, day in enumerate(days)]
    table = load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": rows, "Check-ins": checkins}))
    points = progress_over_time(table, analyse(table, quarter=table.quarters[0], as_of=AS_OF))
    assert len(points) == 14  # the weeks from Wednesday 1 July to Wednesday 30 September
    assert points["date"].iloc[-1] == pd.Timestamp("2026-09-30")
    assert points["score"].iloc[-1] == pytest.approx(1.0)
