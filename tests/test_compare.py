"""Quarter over quarter: changes and scores by quarter, against the library's own scorecards."""

from __future__ import annotations

import pytest
from conftest import AS_OF, SAMPLE_WORKBOOK

from okr_model import analyse, load_okrs
from okr_model.compare import quarter_changes, scores_by_quarter


@pytest.fixture(scope="module")
def table():
    return load_okrs(SAMPLE_WORKBOOK)


def test_quarter_changes_are_after_minus_before(table):
    changes = quarter_changes(table, "2026-Q3", "2026-Q4", as_of=AS_OF)
    q3 = analyse(table, quarter="2026-Q3", as_of=AS_OF)
    q4 = analyse(table, quarter="2026-Q4", as_of=AS_OF)
    assert changes["company"] == pytest.approx(
        {
            "before": q3.company["score"],
            "after": q4.company["score"],
            "change": q4.company["score"] - q3.company["score"],
        }
    )
    levels = changes["levels"].set_index("level")
    expected = q4.levels.set_index("level")["score"] - q3.levels.set_index("level")["score"]
    assert levels["change"].to_dict() == pytest.approx(expected.to_dict())


def test_scores_by_quarter_has_company_and_levels_per_quarter(table):
    cards = [analyse(table, quarter=q, as_of=AS_OF) for q in table.quarters]
    scores = scores_by_quarter(cards)
    assert scores["quarter"].unique().tolist() == ["2026-Q3", "2026-Q4"]
    company = scores[scores["series"].eq("company score")].set_index("quarter")["score"]
    assert company["2026-Q3"] == pytest.approx(cards[0].company["score"])
    assert set(scores["series"]) == {"company score", "company", "department", "team", "individual"}
