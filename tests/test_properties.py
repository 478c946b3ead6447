"""Invariants over generated sheets (hypothesis): bounded scores, order and scale independence,
and reconciliation that always adds up."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
from conftest import AS_OF, write_csv, write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okr_model import analyse, load_okrs

# Each example writes and reads a real file (a few tenths of a second), so examples are few but
# varied; HYPOTHESIS_PROFILE=thorough (see conftest.py) runs many more.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = ["Objective", "Key Result", "Start", "Target", "Current", "Weight", "Direction"]

numbers = st.one_of(
    st.none(),
    st.integers(-1000, 1000),
    st.floats(-1e4, 1e4, allow_nan=False).map(lambda x: round(x, 3)),
)
directions = st.sampled_from(["", "increase", "decrease", "at_least", "at_most"])
kr_rows = st.lists(
    st.tuples(
        st.integers(0, 4),
        numbers,
        numbers,
        numbers,
        st.one_of(st.none(), st.integers(1, 9)),
        directions,
    ),
    min_size=1,
    max_size=25,
)


def _load(rows: list[list[object]], header: list[str] = HEADER):
    with tempfile.TemporaryDirectory() as folder:
        return load_okrs(write_csv(Path(folder) / "okrs.csv", [header, *rows]))


def _as_rows(krs) -> list[list[object]]:
    return [
        [f"Objective {o}", f"KR {i}", s, t, c, w, d] for i, (o, s, t, c, w, d) in enumerate(krs)
    ]


@SETTINGS
@given(kr_rows)
def test_every_score_is_between_zero_and_one(krs):
    scorecard = analyse(_load(_as_rows(krs)), as_of=AS_OF)
    for frame in (scorecard.key_results, scorecard.objectives, scorecard.levels):
        scores = frame["score"].dropna()
        assert ((scores >= 0) & (scores <= 1)).all()


@SETTINGS
@given(kr_rows, st.randoms(use_true_random=False))
def test_shuffling_rows_changes_no_objective_score(krs, random):
    rows = _as_rows(krs)
    shuffled = rows[:]
    random.shuffle(shuffled)
    before = (
        analyse(_load(rows), as_of=AS_OF).objectives.set_index("objective")["score"].sort_index()
    )
    after = (
        analyse(_load(shuffled), as_of=AS_OF)
        .objectives.set_index("objective")["score"]
        .sort_index()
    )
    pd.testing.assert_series_equal(before, after, check_exact=False, rtol=1e-9)


@SETTINGS
@given(kr_rows, st.sampled_from([0.1, 2, 100]))
def test_scaling_all_weights_of_an_objective_changes_nothing(krs, factor):
    rows = _as_rows([(o, s, t, c, w or 1, d) for o, s, t, c, w, d in krs])
    scaled = [[*r[:5], r[5] * factor, r[6]] for r in rows]
    before = analyse(_load(rows), as_of=AS_OF).objectives.set_index("objective")["score"]
    after = analyse(_load(scaled), as_of=AS_OF).objectives.set_index("objective")["score"]
    pd.testing.assert_series_equal(
        before, after.reindex(before.index), check_exact=False, rtol=1e-9
    )


cells = st.one_of(
    st.just(""),
    st.just("   "),
    st.text(max_size=6),
    numbers.map(lambda v: "" if v is None else v),
    st.sampled_from(
        ["abc", "70%", "1,234.5", "yes", "done", "company", "Q3 2026", "=1+1", "0", "-1"]
    ),
)


@SETTINGS
@given(st.lists(st.lists(cells, min_size=7, max_size=7), min_size=1, max_size=30))
def test_reconciliation_always_adds_up_even_for_junk(rows):
    table = _load(
        rows, ["Objective", "Key Result", "Start", "Target", "Current", "Weight", "Level"]
    )
    r = table.reconciliation
    # Empty rows after the last row with content are padding and not read.
    last = max((i for i, row in enumerate(rows) if any(str(c) != "" for c in row)), default=-1)
    assert r.rows_read == last + 1
    assert r.balanced
    errors = table.issues[table.issues["severity"].eq("error")]
    assert errors[["file", "sheet", "row"]].drop_duplicates().shape[0] == r.rows_rejected
    assert len(table.key_results) == r.rows_scored


def test_reconciliation_by_sheet_sums_to_the_total(tmp_path):
    from conftest import write_xlsx

    good = [["Objective", "Key Result", "Progress"], ["Grow", "A", 0.5], [], ["Grow", "B", "lots"]]
    path = write_xlsx(tmp_path / "two.xlsx", {"North": good, "South": good[:2]})
    table = load_okrs(path)
    by_sheet = table.reconciliation_by_sheet().set_index("sheet")
    assert by_sheet.loc[
        "North", ["rows_read", "rows_scored", "rows_rejected", "rows_blank"]
    ].tolist() == [3, 1, 1, 1]
    assert by_sheet.loc["South", ["rows_read", "rows_scored"]].tolist() == [1, 1]
    totals = by_sheet.drop(columns=["file"]).sum().to_dict()
    assert totals == table.reconciliation.as_dict()


checkin_rows = st.lists(
    st.tuples(
        st.one_of(st.none(), st.sampled_from(["KR 0", "KR 1", "KR 2", "kr 1 ", "KR 9"])),
        st.one_of(
            st.none(),
            st.dates(min_value=pd.Timestamp("2026-06-01").date(), max_value=AS_OF).map(str),
            st.just("someday"),
        ),
        st.one_of(numbers, st.just("lots")),
    ),
    max_size=20,
)


@SETTINGS
@given(kr_rows, checkin_rows)
def test_every_checkin_row_is_kept_or_reported_and_the_history_is_in_view(krs, checkins):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "okrs.xlsx"
        write_xlsx(
            path,
            {
                "OKRs": [["Quarter", *HEADER], *(["2026-Q3", *row] for row in _as_rows(krs))],
                "Check-ins": [["Key Result", "Date", "Value"], *checkins],
            },
        )
        table = load_okrs(path)
    r = table.reconciliation
    assert r.balanced
    rows = sum(any(c is not None for c in row) for row in checkins)
    by_sheet = table.reconciliation_by_sheet().set_index("sheet")
    if "Check-ins" in by_sheet.index:
        sheet = by_sheet.loc["Check-ins"]
        assert sheet["rows_checkins"] + sheet["rows_rejected"] == rows
    # Every check-in belongs to a key result that was read.
    keys = set(map(tuple, table.key_results[["quarter", "objective_id", "kr_id"]].to_numpy()))
    assert set(map(tuple, table.checkins[["quarter", "objective_id", "kr_id"]].to_numpy())) <= keys
