"""Progress over a quarter, from the check-in history (see checkins.py).

The score on a date is worked out as the score at the end of the quarter is, under the same
policy, from what each key result's latest check-in on or before that date said: assessed
scores are end-of-quarter grades and play no part, and a key result not yet checked in counts
as no data (so as 0 under the "no data counts as zero" policy).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from okr_model.checkins import KR_KEY, latest_checkins
from okr_model.loading import OKRTable
from okr_model.pace import expected_pace
from okr_model.rollup import company_score
from okr_model.scorecard import Scorecard, in_view
from okr_model.scoring import kr_progress, score_key_results, score_objectives


def quarter_history(table: OKRTable, scorecard: Scorecard) -> pd.DataFrame:
    """The check-ins of the key results in the scorecard's view, oldest first."""
    history = table.checkins
    if history.empty:
        return history
    keys = pd.MultiIndex.from_frame(scorecard.key_results[KR_KEY])
    return history[pd.MultiIndex.from_frame(history[KR_KEY]).isin(keys)].sort_values(
        "date", kind="stable"
    )


def progress_over_time(table: OKRTable, scorecard: Scorecard) -> pd.DataFrame:
    """The company score on each check-in date of the view, beside the expected pace.

    Columns: date, score, grade, key_results_with_data, expected_pace.
    """
    history = quarter_history(table, scorecard)
    columns = ["date", "score", "grade", "key_results_with_data", "expected_pace"]
    if history.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    krs, objectives = in_view(table, scorecard.quarter, scorecard.filters)
    krs = krs.assign(assessed_score=np.nan)
    policy = scorecard.policy
    points = []
    # One scoring per date, not per key result.
    for date in points_in_time(history["date"]):
        snapshot = _as_checked_in(krs, latest_checkins(history[history["date"].le(date)]))
        scored = score_key_results(snapshot, policy)
        company = company_score(score_objectives(objectives, scored, policy), policy.grades)
        points.append(
            {
                "date": date,
                "score": company["score"],
                "grade": company["grade"],
                "key_results_with_data": int(scored["has_data"].sum()),
                # Clamped to the quarter: a late check-in is not past 100% of it.
                "expected_pace": expected_pace(scorecard.quarter, date.date()),
            }
        )
    return pd.DataFrame(points, columns=columns)


# More check-in dates than this (daily check-ins, say) are shown week by week.
MAX_POINTS = 31


def points_in_time(dates: pd.Series) -> pd.Series:
    """The dates the trend is scored on: every check-in date, or the last of each week when
    there are more than MAX_POINTS of them."""
    distinct = dates.drop_duplicates().sort_values()
    if len(distinct) <= MAX_POINTS:
        return distinct
    return distinct.groupby(distinct.dt.to_period("W")).max()


def _as_checked_in(krs: pd.DataFrame, checkins: pd.DataFrame) -> pd.DataFrame:
    """Key results with the current value and progress their latest check-in gives (or none)."""
    latest = checkins.set_index(KR_KEY).reindex(pd.MultiIndex.from_frame(krs[KR_KEY]))
    return krs.assign(current=latest["value"].to_numpy(), progress=latest["progress"].to_numpy())


def key_result_history(table: OKRTable, scorecard: Scorecard) -> pd.DataFrame:
    """Each check-in of the view's key results with the score it meant then.

    Columns: objective_id, objective, kr_id, key_result, date, value, progress, score.
    """
    history = quarter_history(table, scorecard)
    krs = scorecard.key_results
    described = history.merge(
        krs[[*KR_KEY, "objective", "key_result", "start", "target", "direction"]],
        on=KR_KEY,
        how="inner",
    )
    measured = kr_progress(described.assign(current=described["value"]))["progress"]
    score = measured.fillna(described["progress"]).clip(0, 1) + 0.0  # no "-0.00"
    return described.assign(score=score)[
        ["objective_id", "objective", "kr_id", "key_result", "date", "value", "progress", "score"]
    ]
