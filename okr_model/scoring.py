"""Score key results and objectives under a `ScoringPolicy` (see `policy.formula_card`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from okr_model.alignment import depths
from okr_model.policy import NO_DATA, ScoringPolicy

KR_SOURCES = ("computed", "progress_column", "assessed", NO_DATA)
_KEY = ["quarter", "objective_id"]


def kr_progress(krs: pd.DataFrame) -> pd.DataFrame:
    """Raw progress from start, target and current: `progress` and `is_threshold`.

    progress = (current - start) / (target - start); a threshold KR (start == target, or
    at_least / at_most) is 1 when current meets the target in its direction, else 0.
    Missing where target or current is missing.
    """
    start, target, current = krs["start"], krs["target"], krs["current"]
    direction = krs["direction"]
    threshold = direction.isin(["at_least", "at_most"]) | (
        direction.isin(["increase", "decrease"]) & start.eq(target)
    )
    upward = direction.isin(["increase", "at_least", "binary"])
    met = (upward & current.ge(target)) | (~upward & current.le(target))
    with np.errstate(divide="ignore", invalid="ignore"):
        linear = (current - start) / (target - start)
    measured = target.notna() & current.notna()
    progress = linear.mask(threshold, met.astype(float)).where(measured)
    return pd.DataFrame({"progress": progress, "is_threshold": threshold}, index=krs.index)


def score_key_results(krs: pd.DataFrame, policy: ScoringPolicy) -> pd.DataFrame:
    """Add `progress`, `computed_progress`, `is_threshold`, `score`, `source`, `has_data`, `grade`.

    The score comes from, in order: the assessed score (unless the policy ignores them), the
    computed progress, the sheet's progress column; otherwise the KR has no data.
    """
    computed = kr_progress(krs)
    assessed = krs["assessed_score"]
    if not policy.use_assessed_scores:
        assessed = pd.Series(np.nan, index=krs.index)
    progress = computed["progress"].fillna(krs["progress"])
    source = np.select(
        [assessed.notna(), computed["progress"].notna(), krs["progress"].notna()],
        ["assessed", "computed", "progress_column"],
        default=NO_DATA,
    )
    score = assessed.fillna(progress.clip(0, 1))
    if policy.no_data_as_zero:
        score = score.fillna(0.0)
    scored = krs.assign(
        progress_column=krs["progress"],
        progress=progress,
        is_threshold=computed["is_threshold"],
        score=score,
        source=pd.Series(source, index=krs.index, dtype="str"),
        has_data=source != NO_DATA,
    )
    return scored.assign(grade=policy.grades.grade(scored["score"]))


def _weighted_means(krs: pd.DataFrame) -> pd.DataFrame:
    """Per objective: weighted mean score over KRs with a score, KR counts and coverage."""
    scored = krs["score"].notna()
    weight = krs["weight"].where(scored, 0.0)
    parts = pd.DataFrame(
        {
            "weighted": (krs["score"].fillna(0.0) * weight),
            "weight": weight,
            "key_results": 1,
            "key_results_scored": scored.astype("int64"),
            "key_results_with_data": krs["has_data"].astype("int64"),
        },
    )
    sums = parts.groupby([krs["quarter"], krs["objective_id"]], sort=False).sum()
    sums["kr_score"] = (sums["weighted"] / sums["weight"]).where(sums["weight"] > 0)
    sums["coverage"] = sums["key_results_with_data"] / sums["key_results"]
    return sums.drop(columns=["weighted", "weight"])


def score_objectives(
    objectives: pd.DataFrame, scored_krs: pd.DataFrame, policy: ScoringPolicy
) -> pd.DataFrame:
    """Add `score`, `grade`, `key_results`, `key_results_with_data` and `coverage` to objectives."""
    means = _weighted_means(scored_krs)
    objectives = objectives.drop(columns=["key_results"], errors="ignore").join(means, on=_KEY)
    objectives = objectives.fillna(
        {"key_results": 0, "key_results_scored": 0, "key_results_with_data": 0, "coverage": 0.0}
    ).astype(
        {"key_results": "int64", "key_results_scored": "int64", "key_results_with_data": "int64"}
    )
    if policy.rollup == "key_results_and_children":
        score = _score_with_children(objectives)
    else:
        score = objectives["kr_score"]
    objectives = objectives.assign(score=score).drop(columns=["kr_score", "key_results_scored"])
    return objectives.assign(grade=policy.grades.grade(objectives["score"]))


def _score_with_children(objectives: pd.DataFrame) -> pd.Series:
    """Each aligned child objective counts as one more item beside the objective's own KRs.

    Items: the KRs with a score (their weighted mean counts as that many items) and the children
    with a score. Scored from the deepest objectives up, one pass per level of the tree.
    """
    if objectives.empty:
        return pd.Series(np.nan, index=objectives.index)
    depth = depths(objectives)
    own_items = objectives["key_results_scored"].astype(float)
    total = (objectives["kr_score"] * own_items).fillna(0.0)
    items = own_items.where(objectives["kr_score"].notna(), 0.0)
    score = pd.Series(np.nan, index=objectives.index)
    parent_key = pd.MultiIndex.from_arrays(
        [objectives["quarter"], objectives["parent_objective_id"]]
    )
    own_key = pd.MultiIndex.from_frame(objectives[_KEY])
    for level in range(int(depth.max()), -1, -1):
        at_level = depth.eq(level)
        score[at_level] = (total[at_level] / items[at_level]).where(items[at_level] > 0)
        children = at_level & score.notna()
        if level == 0 or not children.any():
            continue
        child_sums = score[children].groupby(parent_key[children.to_numpy()]).agg(["sum", "count"])
        position = own_key.get_indexer(child_sums.index)
        present = position >= 0  # a parent filtered out of view takes no children
        total.iloc[position[present]] += child_sums["sum"].to_numpy()[present]
        items.iloc[position[present]] += child_sums["count"].to_numpy()[present]
    return score
