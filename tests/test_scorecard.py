"""analyse(): one quarter, filters, flags, and the sample company end to end."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import AS_OF, SAMPLE_CSV, SAMPLE_WORKBOOK, write_csv

from okr_model import Filters, analyse, load_okrs


@pytest.fixture(scope="module")
def sample():
    return load_okrs(SAMPLE_WORKBOOK)


def test_latest_quarter_is_scored_by_default_and_others_on_request(sample):
    assert analyse(sample, as_of=AS_OF).quarter == "2026-Q4"
    earlier = analyse(sample, quarter="2026-Q3", as_of=AS_OF)
    assert earlier.quarter == "2026-Q3"
    assert earlier.expected_pace == 1.0
    assert set(earlier.key_results["source"]) == {"assessed"}


def test_unknown_quarter_is_refused_with_the_quarters_there_are(sample):
    with pytest.raises(ValueError, match=r"2025-Q1 is not in the file \(it has 2026-Q3, 2026-Q4\)"):
        analyse(sample, quarter="2025-Q1", as_of=AS_OF)


def test_filters_narrow_every_table(sample):
    whole = analyse(sample, as_of=AS_OF)
    sales = analyse(sample, as_of=AS_OF, filters=Filters(units=("Sales", "Enterprise Sales")))
    assert set(sales.objectives["unit"]) == {"Sales", "Enterprise Sales"}
    assert set(sales.key_results["objective_id"]) <= set(sales.objectives["objective_id"])
    assert sales.company["objectives"] < whole.company["objectives"]
    assert sales.company["basis"] == "all objectives"
    committed = analyse(sample, as_of=AS_OF, filters=Filters(objective_types=("committed",)))
    assert set(committed.objectives["objective_type"]) == {"committed"}


def test_flags_sandbagging_and_missed_commitments_once_the_quarter_ended(tmp_path):
    rows = [
        ["Quarter", "Objective", "Key Result", "Type", "Progress"],
        ["2026-Q3", "Easy win", "A", "aspirational", 1.0],
        ["2026-Q3", "Promise", "B", "committed", 0.8],
    ]
    table = load_okrs(write_csv(tmp_path / "f.csv", rows))
    during = analyse(table, as_of=dt.date(2026, 8, 1)).objectives.set_index("objective")
    after = analyse(table, as_of=dt.date(2026, 10, 1)).objectives.set_index("objective")
    assert during.loc["Easy win", "possible_sandbagging"]
    assert after.loc["Easy win", "possible_sandbagging"]
    assert not during.loc["Promise", "missed_commitment"]
    assert after.loc["Promise", "missed_commitment"]


def test_workbook_and_its_csv_export_score_identically():
    from_xlsx = analyse(load_okrs(SAMPLE_WORKBOOK), as_of=AS_OF)
    from_csv = analyse(load_okrs(SAMPLE_CSV), as_of=AS_OF)
    assert from_xlsx.company == pytest.approx(from_csv.company)
    columns = ["objective_id", "score", "grade", "pace_status", "coverage"]
    # "4.8%" typed in a CSV and 0.048 stored by Excel differ in the last binary digit.
    pd.testing.assert_frame_equal(
        from_xlsx.objectives[columns], from_csv.objectives[columns], rtol=1e-12
    )


def test_a_filter_matching_nothing_gives_empty_tables_not_an_error(sample):
    from okr_model import ScoringPolicy

    for rollup in ("key_results", "key_results_and_children"):
        card = analyse(
            sample,
            as_of=AS_OF,
            policy=ScoringPolicy(rollup=rollup),
            filters=Filters(units=("No such unit",)),
        )
        assert card.objectives.empty
        assert card.company["score"] is None
