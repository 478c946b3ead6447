"""OKR health checks from the method: how many objectives and KRs, measurable, aligned, with data.

These are advice, not errors: every finding names what it is about and what the method expects.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

FINDING_COLUMNS = (
    "check",
    "quarter",
    "level",
    "unit",
    "owner",
    "objective_id",
    "kr_id",
    "subject",
    "value",
    "expected",
    "message",
)


@dataclass(frozen=True)
class HealthRules:
    objectives_min: int = 3
    objectives_max: int = 5
    key_results_min: int = 2
    key_results_max: int = 5


_KR_COLUMNS = (
    "quarter",
    "level",
    "unit",
    "owner",
    "objective_id",
    "kr_id",
    "key_result",
    "target",
    "direction",
    "has_data",
)
_OBJECTIVE_COLUMNS = (
    "quarter",
    "level",
    "unit",
    "owner",
    "objective_id",
    "objective",
    "key_results",
    "parent_objective_id",
)

CHECKS: dict[str, str] = {
    "objectives_per_owner": "Each person has 3 to 5 individual objectives",
    "objectives_per_unit": "Each company, department and team has 3 to 5 objectives",
    "key_results_per_objective": "Each objective has 2 to 5 key results",
    "measurable_key_results": "Every key result has a numeric or yes/no target",
    "aligned_objectives": "Every objective below company level is aligned to a parent",
    "key_results_with_data": "Every key result has a current value, progress or score",
}


def _findings(
    check: str, rows: pd.DataFrame, subject: pd.Series, value, expected: str, message
) -> pd.DataFrame:
    columns = {"check": check}
    for column in ("quarter", "level", "unit", "owner", "objective_id", "kr_id"):
        columns[column] = rows.get(column, pd.NA)
    columns.update(subject=subject, value=value, expected=expected, message=message)
    return pd.DataFrame(columns, index=rows.index)


def _count_check(
    check: str, counts: pd.DataFrame, subject: pd.Series, noun: str, low: int, high: int
) -> pd.DataFrame:
    off = counts[(counts["count"] < low) | (counts["count"] > high)]
    nouns = pd.Series(noun, index=off.index).where(off["count"].ne(1), noun.removesuffix("s"))
    message = (
        subject[off.index]
        + " has "
        + off["count"].astype("str")
        + " "
        + nouns
        + f"; the method suggests {low} to {high}."
    )
    return _findings(check, off, subject[off.index], off["count"], f"{low}-{high}", message)


def health_findings(
    objectives: pd.DataFrame, key_results: pd.DataFrame, rules: HealthRules | None = None
) -> pd.DataFrame:
    """One row per finding (something the method advises against), for scored objectives and KRs."""
    rules = rules or HealthRules()
    frames = []
    # Only the columns findings quote: filtering whole wide frames of text costs more than the
    # checks themselves.
    key_results = key_results[list(_KR_COLUMNS)]
    objectives = objectives[list(_OBJECTIVE_COLUMNS)]

    individual = objectives[objectives["level"].eq("individual") | objectives["level"].isna()]
    per_owner = (
        individual.groupby(["quarter", "owner"], dropna=False).size().rename("count").reset_index()
    )
    frames.append(
        _count_check(
            "objectives_per_owner",
            per_owner,
            per_owner["owner"].fillna("(no owner)").astype("str"),
            "objectives",
            rules.objectives_min,
            rules.objectives_max,
        )
    )

    units = objectives[objectives["level"].isin(["company", "department", "team"])]
    per_unit = (
        units.groupby(["quarter", "level", "unit"], dropna=False)
        .size()
        .rename("count")
        .reset_index()
    )
    unit_name = per_unit["level"] + " " + per_unit["unit"].fillna("").astype("str")
    frames.append(
        _count_check(
            "objectives_per_unit",
            per_unit,
            unit_name.str.strip(),
            "objectives",
            rules.objectives_min,
            rules.objectives_max,
        )
    )

    per_objective = objectives.assign(count=objectives["key_results"])
    frames.append(
        _count_check(
            "key_results_per_objective",
            per_objective,
            "Objective " + objectives["objective_id"],
            "key results",
            rules.key_results_min,
            rules.key_results_max,
        )
    )

    unmeasurable = key_results[key_results["target"].isna() & key_results["direction"].ne("binary")]
    frames.append(
        _findings(
            "measurable_key_results",
            unmeasurable,
            "KR " + unmeasurable["kr_id"],
            "no target",
            "a numeric or yes/no target",
            "Key result '" + unmeasurable["key_result"] + "' has no target to measure against.",
        )
    )

    unaligned = objectives[
        objectives["level"].ne("company") & objectives["parent_objective_id"].isna()
    ]
    frames.append(
        _findings(
            "aligned_objectives",
            unaligned,
            "Objective " + unaligned["objective_id"],
            "not aligned",
            "a parent objective",
            "Objective '" + unaligned["objective"] + "' is not aligned to any objective above it.",
        )
    )

    no_data = key_results[~key_results["has_data"]]
    frames.append(
        _findings(
            "key_results_with_data",
            no_data,
            "KR " + no_data["kr_id"],
            "no data",
            "a current value, progress or score",
            "Key result '" + no_data["key_result"] + "' has no data yet.",
        )
    )
    findings = (
        pd.concat([f for f in frames if len(f)], ignore_index=True)
        if any(len(f) for f in frames)
        else pd.DataFrame(columns=list(FINDING_COLUMNS))
    )
    return findings.astype({"value": "str"})[list(FINDING_COLUMNS)]


def health_summary(
    objectives: pd.DataFrame, key_results: pd.DataFrame, findings: pd.DataFrame
) -> pd.DataFrame:
    """Per check: what it says, how many subjects were checked, and how many passed."""
    individual = objectives["level"].eq("individual") | objectives["level"].isna()
    checked = {
        "objectives_per_owner": objectives[individual]
        .groupby(["quarter", "owner"], dropna=False)
        .ngroups,
        "objectives_per_unit": objectives[
            objectives["level"].isin(["company", "department", "team"])
        ]
        .groupby(["quarter", "level", "unit"], dropna=False)
        .ngroups,
        "key_results_per_objective": len(objectives),
        "measurable_key_results": len(key_results),
        "aligned_objectives": int(objectives["level"].ne("company").sum()),
        "key_results_with_data": len(key_results),
    }
    failed = findings["check"].value_counts()
    summary = pd.DataFrame(
        {
            "check": list(CHECKS),
            "description": list(CHECKS.values()),
            "checked": [checked[c] for c in CHECKS],
            "failed": [int(failed.get(c, 0)) for c in CHECKS],
        }
    )
    summary["passed"] = summary["checked"] - summary["failed"]
    summary["share_passed"] = (summary["passed"] / summary["checked"]).where(summary["checked"] > 0)
    return summary
