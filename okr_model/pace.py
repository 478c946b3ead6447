"""Expected pace: how far along key results and objectives should be on the as-of date."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from okr_model.policy import NO_DATA, PaceThresholds
from okr_model.values import is_quarter, quarter_bounds


def expected_pace(quarter: str, as_of: dt.date) -> float | None:
    """The share of `quarter` elapsed at the end of `as_of` (0-1), or None without a quarter."""
    if not is_quarter(pd.Series([quarter])).iloc[0]:
        return None
    first, last = quarter_bounds(quarter)
    elapsed = (as_of - first).days + 1
    return float(np.clip(elapsed / ((last - first).days + 1), 0.0, 1.0))


def quarter_has_ended(quarter: str, as_of: dt.date) -> bool:
    """Whether the as-of date is on or after the quarter's last day."""
    return expected_pace(quarter, as_of) == 1.0


def pace_status(
    scores: pd.Series,
    expected: float | None,
    thresholds: PaceThresholds,
    committed: pd.Series | None = None,
) -> pd.Series:
    """on_track, behind or at_risk for each score against the expected pace; no_data if unscored.

    Missing for every row when there is no expected pace (no quarter).
    """
    if expected is None:
        return pd.Series(pd.NA, index=scores.index, dtype="str")
    committed = committed if committed is not None else pd.Series(False, index=scores.index)
    on_track_from = np.where(
        committed, thresholds.committed_on_track_from, thresholds.on_track_from
    )
    behind_from = np.where(committed, thresholds.committed_behind_from, thresholds.behind_from)
    # A small tolerance so a score exactly on the line is not pushed below it by rounding.
    tolerance = 1e-9
    status = np.select(
        [
            scores.isna(),
            scores >= on_track_from * expected - tolerance,
            scores >= behind_from * expected - tolerance,
        ],
        [NO_DATA, "on_track", "behind"],
        default="at_risk",
    )
    return pd.Series(status, index=scores.index, dtype="str")
