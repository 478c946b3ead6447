"""The scoring policy: every choice that turns a sheet into scores, in one object.

The app's switches, the CLI's options and the reports' appendix all read and write this object,
and `formula_card` prints it in words, so every number can be traced to a stated rule.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

GRADES = ("red", "yellow", "green")
ROLLUP_MODES = ("key_results", "key_results_and_children")
PACE_STATUSES = ("on_track", "behind", "at_risk")
NO_DATA = "no_data"

RollupMode = Literal["key_results", "key_results_and_children"]


@dataclass(frozen=True)
class GradeBands:
    """red < yellow_from <= yellow < green_from <= green (Google's OKR playbook colours)."""

    yellow_from: float = 0.4
    green_from: float = 0.7

    def __post_init__(self) -> None:
        if not 0 < self.yellow_from < self.green_from <= 1:
            raise ValueError("grade bands need 0 < yellow_from < green_from <= 1")

    def grade(self, scores: pd.Series) -> pd.Series:
        """red, yellow or green for each score; missing where the score is missing."""
        bands = np.select(
            [scores.ge(self.green_from), scores.ge(self.yellow_from), scores.notna()],
            list(GRADES[::-1]),
            default="",
        )
        return pd.Series(bands, index=scores.index, dtype="str").replace("", pd.NA)


@dataclass(frozen=True)
class PaceThresholds:
    """How far along an objective must be, as a share of the expected pace, to count as on track.

    With expected pace e (the elapsed share of the quarter) and score s: on_track when
    s >= on_track_from * e, behind when s >= behind_from * e, else at_risk. The defaults are the
    grade bands, so at the quarter's end on track means green; committed objectives are held to
    reaching 1.0.
    """

    on_track_from: float = 0.7
    behind_from: float = 0.4
    committed_on_track_from: float = 1.0
    committed_behind_from: float = 0.7


@dataclass(frozen=True)
class ScoringPolicy:
    """Every scoring choice. The defaults are the product's documented policy."""

    use_assessed_scores: bool = True
    """A KR's assessed score, when present, is its score (its computed progress is still shown)."""
    no_data_as_zero: bool = False
    """KRs with no current value, progress or assessed score count as 0, not left out."""
    rollup: RollupMode = "key_results"
    """key_results: an objective is scored by its KRs. key_results_and_children: each aligned
    child objective counts as one more equally weighted item."""
    grades: GradeBands = field(default_factory=GradeBands)
    pace: PaceThresholds = field(default_factory=PaceThresholds)
    sandbagging_from: float = 1.0
    """Aspirational objectives scoring at least this are flagged as possible sandbagging."""

    def __post_init__(self) -> None:
        if self.rollup not in ROLLUP_MODES:
            raise ValueError(
                f"rollup must be one of {', '.join(ROLLUP_MODES)}, not {self.rollup!r}"
            )

    def replace(self, **changes: object) -> ScoringPolicy:
        """A copy with some choices changed."""
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


def _pct(value: float) -> str:
    return f"{value:g}"


def formula_card(policy: ScoringPolicy | None = None) -> str:
    """The scoring policy in words (Markdown), exactly as the README, app and reports show it."""
    p = policy or ScoringPolicy()
    g, pace = p.grades, p.pace
    assessed = (
        "where the sheet has an assessed score (the owner's 0–1 grade), that is the KR's score; "
        "the computed progress is still shown beside it."
        if p.use_assessed_scores
        else "Assessed scores are ignored: every KR is scored from its numbers."
    )
    no_data = (
        "counts as 0 in every mean; coverage still reports it."
        if p.no_data_as_zero
        else "is left out of every mean; coverage (the share of KRs with data) is reported at "
        "every level."
    )
    rollup = (
        "the weighted mean of its KR scores (weights are renormalised over the KRs with data; "
        "equal when blank)."
        if p.rollup == "key_results"
        else "the mean of its items, where each KR is an item weighted by its weight (renormalised "
        "so the KRs with data average one item each) and each aligned child objective is one "
        "more item; children are scored first."
    )
    paragraphs = [
        "**Key result progress** = (current − start) ÷ (target − start). Decreasing metrics "
        "(target below start) use the same formula. The raw value is kept (it can be below 0 or "
        "above 1); **KR score** = progress clipped to 0–1.",
        "- **Threshold KRs** (start = target, or direction at_least / at_most): score 1 when "
        "current meets the target (≥ for increase and at_least, ≤ for decrease and at_most), "
        "else 0.",
        "- **Yes/no KRs** (direction binary, or a yes/no target or current): done, yes, true, 1, "
        "x, ✓, có, sim score 1; anything else written scores 0.",
        "- **Progress column** (used when there is no current value or no target): read as 0–1, "
        "or as 0–100 on a sheet where its cells carry % signs, most of its numbers are above "
        "1.5, or its header says % and its numbers are not all fractions.",
        f"- **Assessed score**: {assessed}",
        f"- **No data** (no current value, no progress, no assessed score): the KR {no_data}",
        "- **Start missing**: taken as 0. **Direction missing**: decrease when target < start "
        "(or is 0 with no start), else increase.",
        f"**Objective score** = {rollup}",
        "**Owner, unit and level scores** = the mean of their objectives' scores. "
        "**Company score** = the mean of company-level objectives where there are any, else of "
        "all objectives.",
        f"**Grades**: red below {_pct(g.yellow_from)}, yellow from {_pct(g.yellow_from)}, green "
        f"from {_pct(g.green_from)}. 0.7 is success for an aspirational objective; 0.3 or less "
        "is a miss.",
        f"**Flags**: an aspirational objective scoring {_pct(p.sandbagging_from)} or more may be "
        "sandbagged; a committed objective below 1 when its quarter has ended missed its "
        "commitment.",
        "**Expected pace** = the share of the quarter elapsed on the as-of date (clamped to the "
        f"quarter). An objective or KR is **on track** when its score ≥ "
        f"{_pct(pace.on_track_from)} × expected pace, **behind** when ≥ "
        f"{_pct(pace.behind_from)} × expected pace, else **at risk**; committed objectives need "
        f"{_pct(pace.committed_on_track_from)} × and {_pct(pace.committed_behind_from)} ×.",
    ]
    # Bullets stay together as one list; other paragraphs are separated by a blank line.
    text = paragraphs[0]
    for previous, paragraph in itertools.pairwise(paragraphs):
        together = previous.startswith("- ") and paragraph.startswith("- ")
        text += ("\n" if together else "\n\n") + paragraph
    return text + "\n"
