"""OKR health checks from the method."""

from __future__ import annotations

from conftest import AS_OF, write_csv

from okr_model import analyse, load_okrs

HEADER = [
    "Objective ID",
    "Level",
    "Unit",
    "Owner",
    "Objective",
    "Key Result",
    "Target",
    "Current",
    "Aligned To",
]


def test_health_checks_find_what_the_method_advises_against(tmp_path):
    rows = [
        HEADER,
        ["C1", "company", "", "Ada", "Grow", "A", 10, 5, ""],
        ["C1", "company", "", "Ada", "Grow", "B", 10, 5, ""],
        ["I1", "individual", "Sales", "Bao", "Mine", "One KR only", 10, 5, "C1"],
        ["I2", "individual", "Sales", "Bao", "Also mine", "No target", "", 5, ""],
        ["I2", "individual", "Sales", "Bao", "Also mine", "No data", 10, "", ""],
    ]
    sc = analyse(load_okrs(write_csv(tmp_path / "h.csv", rows)), as_of=AS_OF)
    found = sc.health.groupby("check")["subject"].apply(sorted).to_dict()
    assert found == {
        "objectives_per_owner": ["Bao"],
        "objectives_per_unit": ["company"],
        "key_results_per_objective": ["Objective I1"],
        "measurable_key_results": ["KR KR1"],
        "aligned_objectives": ["Objective I2"],
        "key_results_with_data": ["KR KR1", "KR KR2"],
    }
    summary = sc.health_summary.set_index("check")
    assert summary.loc["key_results_per_objective", ["checked", "failed", "passed"]].tolist() == [
        3,
        1,
        2,
    ]
    assert summary.loc["objectives_per_owner", "checked"] == 1
    assert "suggests 3 to 5" in sc.health.set_index("check").loc["objectives_per_owner", "message"]


def test_sample_company_health_summary_covers_every_check():
    from conftest import SAMPLE_WORKBOOK

    sc = analyse(load_okrs(SAMPLE_WORKBOOK), as_of=AS_OF)
    assert (
        sc.health_summary["passed"] + sc.health_summary["failed"] == sc.health_summary["checked"]
    ).all()
    assert sc.health_summary["checked"].gt(0).all()
