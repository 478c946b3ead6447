"""Check-in history: long check-ins sheets, date- and week-headed columns, inline dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import SAMPLE_WORKBOOK, write_csv, write_xlsx

from okr_model import load_okrs
from okr_model.samples import sample_checkins, sample_company

KRS = [
    ["Quarter", "Objective ID", "Objective", "KR ID", "Key Result", "Start", "Target", "Current"],
    ["2026-Q3", "O1", "Grow revenue", "KR1", "Monthly revenue", 0, 100, None],
    ["2026-Q3", "O1", "Grow revenue", "KR2", "New clients", 0, 10, 4],
    ["2026-Q3", "O2", "Happy customers", "KR1", "Net promoter score", 30, 50, None],
]


def issues_of(table, code):
    return table.issues[table.issues["code"].eq(code)]


def load(tmp_path, checkins, krs=KRS, **kwargs):
    return load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": krs, "Check-ins": checkins}))


def test_latest_checkin_becomes_current_when_the_sheet_has_none(tmp_path):
    table = load(
        tmp_path,
        [
            ["Objective ID", "KR ID", "Date", "Value"],
            ["O1", "KR1", "2026-07-31", 20],
            ["O1", "KR1", "2026-08-31", 60],
            ["O1", "KR1", "2026-08-15", 40],  # written out of order: the date decides
            ["O2", "KR1", "31/08/2026", 35],
        ],
    )
    krs = table.key_results.set_index(["objective_id", "kr_id"])
    assert krs.loc[("O1", "KR1"), "current"] == 60
    assert krs.loc[("O1", "KR1"), "last_checkin"] == pd.Timestamp("2026-08-31")
    assert krs.loc[("O2", "KR1"), "current"] == 35
    assert len(table.checkins) == 4
    assert issues_of(table, "missing_current").empty


def test_the_sheets_own_current_value_wins_over_checkins(tmp_path):
    table = load(
        tmp_path,
        [["Objective ID", "KR ID", "Date", "Value"], ["O1", "KR2", "2026-09-30", 9]],
    )
    krs = table.key_results.set_index(["objective_id", "kr_id"])
    assert krs.loc[("O1", "KR2"), "current"] == 4
    assert table.checkins["value"].tolist() == [9]


def test_checkin_rows_are_counted_in_the_reconciliation(tmp_path):
    table = load(
        tmp_path,
        [
            ["Objective ID", "KR ID", "Date", "Value"],
            ["O1", "KR1", "2026-07-31", 20],
            ["O9", "KR1", "2026-07-31", 20],
            [None, None, None, None],
            ["O2", "KR1", "2026-07-31", 31],
        ],
    )
    r = table.reconciliation
    assert (r.rows_read, r.rows_scored, r.rows_checkins, r.rows_rejected) == (7, 3, 2, 1)
    assert r.balanced
    by_sheet = table.reconciliation_by_sheet().set_index("sheet")
    assert by_sheet.loc["Check-ins", "rows_checkins"] == 2
    assert by_sheet.loc["Check-ins", "rows_rejected"] == 1


@pytest.mark.parametrize(
    ("header", "named"),
    [
        pytest.param(["KR ID"], ["Monthly revenue"], id="text-in-id-column-is-not-an-id"),
        pytest.param(["KR"], ["KR2"], id="kr-column-holding-an-id"),
        pytest.param(["Key Result"], ["  new CLIENTS "], id="text-case-and-spaces"),
    ],
)
def test_a_checkin_names_its_key_result_by_id_or_text(tmp_path, header, named):
    table = load(tmp_path, [[*header, "Date", "Value"], [*named, "2026-08-01", 3]])
    if header == ["KR ID"]:
        assert issues_of(table, "checkin_unmatched")["value"].tolist() == ["Monthly revenue"]
        return
    assert table.checkins[["objective_id", "kr_id"]].values.tolist() == [["O1", "KR2"]]


def test_an_id_shared_by_two_objectives_is_ambiguous_and_said_where(tmp_path):
    table = load(tmp_path, [["KR ID", "Date", "Value"], ["KR1", "2026-08-01", 3]])
    issue = issues_of(table, "checkin_ambiguous").iloc[0]
    assert (issue["sheet"], issue["row"], issue["column"], issue["value"]) == (
        "Check-ins",
        2,
        "KR ID",
        "KR1",
    )
    assert "add the objective id" in issue["message"]
    assert table.checkins.empty


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        pytest.param(["O1", "KR1", "someday", 3], "checkin_bad_date", "Date", id="bad-date"),
        pytest.param(["O1", "KR1", None, 3], "checkin_missing_date", "Date", id="no-date"),
        pytest.param(["O1", "KR1", "2026-08-01", "lots"], "not_a_number", "Value", id="bad-value"),
        pytest.param(
            ["O1", "KR1", "2026-08-01", None], "checkin_missing_value", "Value", id="empty"
        ),
        pytest.param(["O7", "KR1", "2026-08-01", 3], "checkin_unmatched", "KR ID", id="unknown"),
    ],
)
def test_a_checkin_that_cannot_be_used_is_an_error_on_its_row(tmp_path, row, code, column):
    table = load(tmp_path, [["Objective ID", "KR ID", "Date", "Value"], row])
    issue = issues_of(table, code).iloc[0]
    assert (issue["severity"], issue["sheet"], issue["row"], issue["column"]) == (
        "error",
        "Check-ins",
        2,
        column,
    )
    assert table.checkins.empty
    assert table.reconciliation.rows_rejected == 1
    assert table.reconciliation.balanced


def test_a_checkin_belongs_to_the_quarter_its_date_falls_in(tmp_path):
    krs = [
        KRS[0],
        ["2026-Q3", "O1", "Grow revenue", "KR1", "Monthly revenue", 0, 100, None],
        ["2026-Q4", "O1", "Grow revenue", "KR1", "Monthly revenue", 0, 200, None],
    ]
    table = load(
        tmp_path,
        [
            ["Objective ID", "KR ID", "Date", "Value"],
            ["O1", "KR1", "2026-09-30", 80],
            ["O1", "KR1", "2026-11-15", 50],
        ],
        krs=krs,
    )
    assert table.key_results.set_index("quarter")["current"].to_dict() == {
        "2026-Q3": 80,
        "2026-Q4": 50,
    }


def test_progress_checkins_on_a_percent_scale_fill_progress(tmp_path):
    krs = [
        ["Objective", "KR ID", "Key Result", "Progress"],
        ["Grow revenue", "KR1", "Launch in two cities", None],
    ]
    table = load(
        tmp_path,
        [["KR ID", "Date", "Progress"], ["KR1", "2026-08-01", 30], ["KR1", "2026-09-01", 55]],
        krs=krs,
    )
    assert table.checkins["progress"].tolist() == [0.3, 0.55]
    assert table.key_results["progress"].tolist() == [0.55]


def test_week_headed_columns_are_checkins_dated_by_the_end_of_each_week(tmp_path):
    krs = [
        [*KRS[0], "Week 1", "Tuần 2", "W3"],
        [*KRS[1], 10, 25, "n/a"],
        [*KRS[2], 1, None, 3],
    ]
    table = load_okrs(write_xlsx(tmp_path / "weekly.xlsx", {"OKRs": krs}))
    history = table.checkins.set_index(["objective_id", "kr_id", "column"])
    assert history.loc[("O1", "KR1", "Week 1"), "date"] == pd.Timestamp("2026-07-07")
    assert history.loc[("O1", "KR1", "Tuần 2"), "value"] == 25
    assert history.loc[("O1", "KR2", "W3"), "date"] == pd.Timestamp("2026-07-21")
    assert table.key_results.set_index("kr_id")["current"].to_dict() == {"KR1": 25, "KR2": 4}
    warning = issues_of(table, "checkin_not_a_number").iloc[0]
    assert (warning["row"], warning["column"], warning["value"]) == (2, "W3", "n/a")
    report = table.source.sheets[0]
    assert report.history_columns == ("Week 1", "Tuần 2", "W3")
    assert "Week 1" not in report.unmapped


def test_date_headed_columns_are_checkins_on_those_dates(tmp_path):
    krs = [
        [*KRS[0], dt.datetime(2026, 7, 15), "2026-08-15", "15/09/2026"],
        [*KRS[1], 10, 30, 70],
    ]
    path = write_csv(tmp_path / "okrs.csv", krs)
    table = load_okrs(path)
    o1 = table.checkins[table.checkins["objective_id"].eq("O1") & table.checkins["kr_id"].eq("KR1")]
    assert o1["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-07-15", "2026-08-15", "2026-09-15"]
    assert table.key_results.loc[0, "current"] == 70


def test_yes_no_words_count_only_for_yes_no_key_results(tmp_path):
    krs = [
        ["Quarter", "Objective", "KR ID", "Key Result", "Target", "Direction", "Week 1", "Week 2"],
        ["2026-Q3", "Ship", "KR1", "Launch the app", "done", "binary", "no", "x"],
        ["2026-Q3", "Ship", "KR2", "Sign partners", 4, "increase", "x", 2],
    ]
    table = load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": krs}))
    values = table.checkins.set_index(["kr_id", "column"])["value"]
    assert values[("KR1", "Week 1")] == 0
    assert values[("KR1", "Week 2")] == 1
    assert ("KR2", "Week 1") not in values.index
    assert issues_of(table, "checkin_not_a_number")["value"].tolist() == ["x"]


def test_a_checkin_date_beside_the_current_value_is_a_history_point(tmp_path):
    krs = [[*KRS[0][:-1], "Current", "Last updated"], [*KRS[2][:-1], 6, "2026-08-20"]]
    table = load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": krs}))
    assert table.checkins[["kr_id", "date", "value"]].values.tolist() == [
        ["KR2", pd.Timestamp("2026-08-20"), 6.0]
    ]


def test_a_sheet_with_objectives_but_no_targets_is_checkins_only_when_named_so(tmp_path):
    rows = [
        ["Objective", "Key Result", "Date", "Current"],
        ["Grow revenue", "New clients", "2026-08-01", 3],
    ]
    named = load(tmp_path, rows)
    assert [s.kind for s in named.source.sheets] == ["okrs", "check-ins"]
    plain = load_okrs(write_xlsx(tmp_path / "plain.xlsx", {"OKRs": KRS, "Sheet2": rows}))
    assert [s.kind for s in plain.source.sheets] == ["okrs", "okrs"]


def test_checkin_sheets_do_not_name_units(tmp_path):
    table = load(
        tmp_path, [["Objective ID", "KR ID", "Date", "Value"], ["O1", "KR1", "2026-08-01", 3]]
    )
    assert table.objectives["unit"].isna().all()


def test_the_sample_workbooks_history_is_the_generators(tmp_path):
    table = load_okrs(SAMPLE_WORKBOOK)
    company = sample_company()
    assert len(table.checkins) == len(sample_checkins(company))
    assert table.reconciliation.rows_checkins == len(table.checkins)
    # Each measured KR's last check-in is its current value.
    last = table.checkins.sort_values("date").drop_duplicates(
        ["quarter", "objective_id", "kr_id"], keep="last"
    )
    merged = last.merge(table.key_results, on=["quarter", "objective_id", "kr_id"])
    assert (merged["value"] - merged["current"]).abs().max() < 1e-9


def test_week_columns_without_a_quarter_cannot_be_dated_and_say_so(tmp_path):
    krs = [["Objective", "Key Result", "Target", "Week 1"], ["Ship", "Sign partners", 4, 2]]
    table = load_okrs(write_xlsx(tmp_path / "okrs.xlsx", {"OKRs": krs}))
    assert table.checkins.empty
    warning = issues_of(table, "checkin_undated").iloc[0]
    assert (warning["row"], warning["column"]) == (2, "Week 1")
