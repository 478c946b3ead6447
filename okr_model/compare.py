"""Quarter over quarter: how scores moved between two quarters of the same file."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from okr_model.loading import OKRTable
from okr_model.policy import ScoringPolicy
from okr_model.scorecard import Filters, Scorecard, analyse


def quarter_changes(
    table: OKRTable,
    before: str,
    after: str,
    *,
    as_of: dt.date,
    policy: ScoringPolicy | None = None,
    filters: Filters | None = None,
) -> dict[str, object]:
    """Company, level and unit scores in two quarters and the change between them."""
    first = analyse(table, quarter=before, as_of=as_of, policy=policy, filters=filters)
    second = analyse(table, quarter=after, as_of=as_of, policy=policy, filters=filters)
    return {
        "before": before,
        "after": after,
        "company": _company_change(first, second),
        "levels": _changes(first.levels, second.levels, ["level"]),
        "units": _changes(first.units, second.units, ["level", "unit"]),
    }


def _company_change(first: Scorecard, second: Scorecard) -> dict[str, float | None]:
    before, after = first.company["score"], second.company["score"]
    change = None if before is None or after is None else after - before
    return {"before": before, "after": after, "change": change}


def _changes(first: pd.DataFrame, second: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    merged = first[[*keys, "score"]].merge(
        second[[*keys, "score"]], on=keys, how="outer", suffixes=("_before", "_after")
    )
    merged = merged.rename(columns={"score_before": "before", "score_after": "after"})
    merged["change"] = merged["after"] - merged["before"]
    return merged.sort_values("change", ascending=False, na_position="last").reset_index(drop=True)


COMPANY_SERIES = "company score"


def scores_by_quarter(cards: list[Scorecard]) -> pd.DataFrame:
    """Company and level scores of each scorecard (one a quarter): quarter, series, score."""
    rows = []
    for card in sorted(cards, key=lambda c: c.quarter):
        # "company score" (the headline) beside "company" (the company level): they can differ,
        # for the headline falls back to all objectives when no company objective is in view.
        rows.append(
            {"quarter": card.quarter, "series": COMPANY_SERIES, "score": card.company["score"]}
        )
        rows.extend(
            {"quarter": card.quarter, "series": level, "score": score}
            for level, score in zip(card.levels["level"], card.levels["score"], strict=True)
        )
    return pd.DataFrame(rows, columns=["quarter", "series", "score"])
