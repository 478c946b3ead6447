"""One quarter's scores at every level: what the app, the CLI and the reports all show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from okr_model.health import health_findings, health_summary
from okr_model.loading import OKRTable, Reconciliation
from okr_model.pace import expected_pace, pace_status, quarter_has_ended
from okr_model.policy import ScoringPolicy
from okr_model.rollup import company_score, level_scores, owner_scores, unit_scores
from okr_model.scoring import score_key_results, score_objectives


@dataclass(frozen=True)
class Filters:
    """Which objectives are in view; an empty tuple means all."""

    levels: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    objective_types: tuple[str, ...] = ()

    def apply(self, objectives: pd.DataFrame) -> pd.DataFrame:
        keep = pd.Series(True, index=objectives.index)
        for column, allowed in (
            ("level", self.levels),
            ("unit", self.units),
            ("owner", self.owners),
            ("objective_type", self.objective_types),
        ):
            if allowed:
                keep &= objectives[column].isin(allowed)
        return objectives[keep]

    @property
    def active(self) -> bool:
        return any((self.levels, self.units, self.owners, self.objective_types))


@dataclass(frozen=True)
class Scorecard:
    """Scores for one quarter, with the policy, filters and as-of date that produced them.

    The rollups (owners, units, levels, company) and health checks are worked out from the
    scored objectives when first asked for, so a view that shows only some of them pays for
    only those.
    """

    quarter: str
    as_of: dt.date
    expected_pace: float | None
    policy: ScoringPolicy
    filters: Filters
    key_results: pd.DataFrame
    objectives: pd.DataFrame
    issues: pd.DataFrame
    reconciliation: Reconciliation
    quarters: list[str] = field(default_factory=list)

    @cached_property
    def owners(self) -> pd.DataFrame:
        return owner_scores(self.objectives, self.policy.grades)

    @cached_property
    def units(self) -> pd.DataFrame:
        return unit_scores(self.objectives, self.policy.grades)

    @cached_property
    def levels(self) -> pd.DataFrame:
        return level_scores(self.objectives, self.policy.grades)

    @cached_property
    def company(self) -> dict[str, object]:
        return company_score(self.objectives, self.policy.grades)

    @cached_property
    def health(self) -> pd.DataFrame:
        return health_findings(self.objectives, self.key_results)

    @cached_property
    def health_summary(self) -> pd.DataFrame:
        return health_summary(self.objectives, self.key_results, self.health)


def default_quarter(table: OKRTable) -> str:
    """The latest quarter in the table."""
    quarters = table.quarters
    if not quarters:
        raise ValueError("the table has no objectives to score")
    return quarters[-1]


def flag_objectives(objectives: pd.DataFrame, policy: ScoringPolicy, ended: bool) -> pd.DataFrame:
    """Add `possible_sandbagging`, and `missed_commitment` (only once the quarter has ended)."""
    aspirational = objectives["objective_type"].eq("aspirational")
    committed = objectives["objective_type"].eq("committed")
    return objectives.assign(
        possible_sandbagging=aspirational & objectives["score"].ge(policy.sandbagging_from),
        missed_commitment=committed & objectives["score"].lt(1.0) & ended,
    )


def in_view(table: OKRTable, quarter: str, filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The key results and objectives of one quarter that the filters keep."""
    objectives = filters.apply(table.objectives[table.objectives["quarter"].eq(quarter)])
    keys = pd.MultiIndex.from_frame(objectives[["quarter", "objective_id"]])
    return table.key_results[table.key_result_objectives.isin(keys)], objectives


def score_quarter(
    key_results: pd.DataFrame,
    objectives: pd.DataFrame,
    *,
    quarter: str,
    as_of: dt.date,
    policy: ScoringPolicy,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scored key results and objectives, with flags and pace status."""
    expected = expected_pace(quarter, as_of)
    krs = score_key_results(key_results, policy)
    objectives = score_objectives(objectives, krs, policy)
    objectives = flag_objectives(objectives, policy, quarter_has_ended(quarter, as_of))
    committed = objectives["objective_type"].eq("committed")
    objectives = objectives.assign(
        pace_status=pace_status(objectives["score"], expected, policy.pace, committed)
    )
    kr_committed = krs["objective_id"].map(committed.set_axis(objectives["objective_id"]))
    krs = krs.assign(pace_status=pace_status(krs["score"], expected, policy.pace, kr_committed))
    return krs.reset_index(drop=True), objectives.reset_index(drop=True)


def analyse(
    table: OKRTable,
    *,
    quarter: str | None = None,
    as_of: dt.date | None = None,
    policy: ScoringPolicy | None = None,
    filters: Filters | None = None,
) -> Scorecard:
    """Score one quarter of `table` (the latest by default) as of a date (today by default)."""
    policy = policy or ScoringPolicy()
    filters = filters or Filters()
    quarter = quarter or default_quarter(table)
    if quarter not in table.quarters:
        raise ValueError(f"{quarter} is not in the file (it has {', '.join(table.quarters)})")
    as_of = as_of or dt.date.today()
    krs, objectives = in_view(table, quarter, filters)
    krs, objectives = score_quarter(krs, objectives, quarter=quarter, as_of=as_of, policy=policy)
    return Scorecard(
        quarter=quarter,
        as_of=as_of,
        expected_pace=expected_pace(quarter, as_of),
        policy=policy,
        filters=filters,
        key_results=krs,
        objectives=objectives,
        issues=table.issues,
        reconciliation=table.reconciliation,
        quarters=table.quarters,
    )
