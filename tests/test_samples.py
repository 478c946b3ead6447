"""Sample data is itself tested: it validates, scores, and is what the generator makes."""

from __future__ import annotations

import pytest
from conftest import AS_OF, MISTAKES_WORKBOOK, SAMPLE_CSV, SAMPLE_WORKBOOK

from okr_model import analyse, load_okrs
from okr_model.samples import (
    SAMPLE_HEADERS,
    mistakes,
    sample_checkins,
    sample_company,
    scaled_okrs,
    write_csv,
    write_workbook,
)


@pytest.mark.parametrize("path", [SAMPLE_WORKBOOK, SAMPLE_CSV], ids=["xlsx", "csv"])
def test_sample_files_validate_without_errors_and_score_every_quarter(path):
    table = load_okrs(path)
    assert not table.issues["severity"].eq("error").any()
    assert table.reconciliation.rows_rejected == 0
    assert table.quarters == ["2026-Q3", "2026-Q4"]
    for quarter in table.quarters:
        scorecard = analyse(table, quarter=quarter, as_of=AS_OF)
        assert scorecard.company["score"] is not None
        assert 0 <= scorecard.company["score"] <= 1


def test_sample_company_is_the_size_the_readme_describes():
    table = load_okrs(SAMPLE_WORKBOOK)
    objectives, krs = table.objectives, table.key_results
    per_quarter = objectives.groupby("quarter").size()
    assert per_quarter.between(90, 130).all()
    assert krs.groupby("quarter").size().between(280, 400).all()
    assert krs["owner"].nunique() >= 40
    assert objectives.loc[objectives["level"].eq("department"), "unit"].nunique() >= 4
    assert objectives.loc[objectives["level"].eq("team"), "unit"].nunique() >= 10
    assert set(krs["direction"]) == {"increase", "decrease", "binary", "at_least", "at_most"}
    assert krs["start"].eq(krs["target"]).any()  # threshold KRs
    assert krs["weight_given"].any()
    assert not krs["weight_given"].all()
    assert set(objectives["objective_type"]) == {"committed", "aspirational"}
    below_company = objectives[objectives["level"].ne("company")]
    unaligned = below_company["parent_objective_id"].isna().mean()
    assert 0 < unaligned < 0.15


def test_earlier_quarter_is_finished_and_graded_later_one_is_under_way():
    table = load_okrs(SAMPLE_WORKBOOK)
    q3 = analyse(table, quarter="2026-Q3", as_of=AS_OF)
    q4 = analyse(table, quarter="2026-Q4", as_of=AS_OF)
    assert set(q3.key_results["source"]) == {"assessed"}
    assert q3.expected_pace == 1.0
    assert "assessed" not in set(q4.key_results["source"])
    assert 0 < q4.expected_pace < 1


def test_committed_sample_files_are_what_the_generator_makes(tmp_path):
    company = sample_company()
    write_workbook(company, tmp_path / "company.xlsx", checkins=sample_checkins(company))
    write_csv(company, tmp_path / "company.csv")
    write_workbook(mistakes(), tmp_path / "mistakes.xlsx", instructions=False)
    assert (tmp_path / "company.xlsx").read_bytes() == SAMPLE_WORKBOOK.read_bytes()
    assert (tmp_path / "company.csv").read_bytes() == SAMPLE_CSV.read_bytes()
    assert (tmp_path / "mistakes.xlsx").read_bytes() == MISTAKES_WORKBOOK.read_bytes()


def test_mistakes_workbook_has_one_planted_mistake_per_row():
    table = load_okrs(MISTAKES_WORKBOOK)
    assert len(mistakes()) == table.reconciliation.rows_read
    assert table.reconciliation.rows_rejected == 7
    assert table.reconciliation.rows_blank == 1


def test_scaled_okrs_have_exactly_the_asked_size():
    frame = scaled_okrs(key_results=1000, objectives=250)
    assert len(frame) == 1000
    assert frame["objective_id"].nunique() == 250
    assert list(frame.columns) == list(SAMPLE_HEADERS)
