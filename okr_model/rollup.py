"""Roll objective scores up to owners, units, levels and the company."""

from __future__ import annotations

import pandas as pd

from okr_model.policy import GRADES, NO_DATA, PACE_STATUSES, GradeBands
from okr_model.values import LEVELS

NO_LEVEL = "unspecified"


def _summary(objectives: pd.DataFrame, by: list[str], grades: GradeBands) -> pd.DataFrame:
    """Mean objective score per group, with objective and KR counts and KR coverage."""
    keys = [objectives[c].fillna(NO_LEVEL if c == "level" else "") for c in by]
    grouped = objectives.groupby(keys, sort=False)
    table = pd.DataFrame(
        {
            "score": grouped["score"].mean(),
            "objectives": grouped.size(),
            "objectives_scored": grouped["score"].count(),
            "key_results": grouped["key_results"].sum(),
            "key_results_with_data": grouped["key_results_with_data"].sum(),
        }
    )
    table["coverage"] = (table["key_results_with_data"] / table["key_results"]).where(
        table["key_results"] > 0, 0.0
    )
    table["grade"] = grades.grade(table["score"])
    return table.reset_index()


def level_scores(objectives: pd.DataFrame, grades: GradeBands) -> pd.DataFrame:
    """One row per level, company first."""
    table = _summary(objectives, ["level"], grades)
    order = {level: i for i, level in enumerate((*LEVELS, NO_LEVEL))}
    return table.sort_values("level", key=lambda s: s.map(order)).reset_index(drop=True)


def unit_scores(objectives: pd.DataFrame, grades: GradeBands) -> pd.DataFrame:
    """One row per (level, unit), best score first."""
    table = _summary(objectives, ["level", "unit"], grades)
    return table.sort_values(["score", "level", "unit"], ascending=[False, True, True]).reset_index(
        drop=True
    )


def owner_scores(objectives: pd.DataFrame, grades: GradeBands) -> pd.DataFrame:
    """One row per owner, best score first."""
    table = _summary(objectives, ["owner"], grades)
    return table.sort_values(["score", "owner"], ascending=[False, True]).reset_index(drop=True)


def company_score(objectives: pd.DataFrame, grades: GradeBands) -> dict[str, object]:
    """The company's score: the mean of company-level objectives if any, else of all objectives.

    Counts and coverage are always over every objective and KR in view.
    """
    company_level = objectives["level"].eq("company")
    basis = "company objectives" if company_level.any() else "all objectives"
    scores = objectives.loc[company_level, "score"] if company_level.any() else objectives["score"]
    score = scores.mean()
    key_results = int(objectives["key_results"].sum())
    with_data = int(objectives["key_results_with_data"].sum())
    return {
        "score": None if pd.isna(score) else float(score),
        "grade": grades.grade(pd.Series([score])).iloc[0] if pd.notna(score) else None,
        "basis": basis,
        "objectives": len(objectives),
        "key_results": key_results,
        "key_results_with_data": with_data,
        "coverage": with_data / key_results if key_results else 0.0,
    }


def alignment_shares(objectives: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per group: objectives, how many are aligned to a parent, and the share (company excluded)."""
    below = objectives[objectives["level"].ne("company")]
    keys = [below[c].fillna(NO_LEVEL if c == "level" else "") for c in by]
    grouped = below.assign(aligned=below["parent_objective_id"].notna()).groupby(keys, sort=False)
    table = pd.DataFrame({"objectives": grouped.size(), "aligned": grouped["aligned"].sum()})
    table["share_aligned"] = table["aligned"] / table["objectives"]
    return table.reset_index().sort_values("share_aligned").reset_index(drop=True)


# The method's healthy average: most objectives land between these scores.
SWEET_SPOT = (0.6, 0.7)


def distribution_summary(objectives: pd.DataFrame) -> dict[str, object]:
    """Headline numbers of the score distribution: mean, median, sweet spot, types, sandbagging."""
    scores = objectives["score"].dropna()
    low, high = SWEET_SPOT
    by_type = objectives.groupby("objective_type")["score"].mean()
    return {
        "objectives_scored": len(scores),
        "mean": None if scores.empty else float(scores.mean()),
        "median": None if scores.empty else float(scores.median()),
        "share_in_sweet_spot": None if scores.empty else float(scores.between(low, high).mean()),
        "committed_mean": None
        if pd.isna(by_type.get("committed"))
        else float(by_type["committed"]),
        "aspirational_mean": None
        if pd.isna(by_type.get("aspirational"))
        else float(by_type["aspirational"]),
        "possible_sandbagging": int(objectives["possible_sandbagging"].sum()),
        "missed_commitment": int(objectives["missed_commitment"].sum()),
    }


def grade_counts(objectives: pd.DataFrame) -> pd.DataFrame:
    """How many objectives are red, yellow, green or have no data, in that order."""
    order = [*GRADES, "no data"]
    counts = objectives["grade"].fillna("no data").value_counts().reindex(order, fill_value=0)
    return pd.DataFrame({"grade": order, "objectives": counts.astype("int64").to_numpy()})


def pace_counts(objectives: pd.DataFrame) -> pd.DataFrame:
    """How many objectives are on track, behind, at risk or have no data, in that order."""
    order = [*PACE_STATUSES, NO_DATA]
    counts = objectives["pace_status"].fillna(NO_DATA).value_counts().reindex(order, fill_value=0)
    return pd.DataFrame({"status": order, "objectives": counts.astype("int64").to_numpy()})
