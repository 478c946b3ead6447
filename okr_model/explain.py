"""Explanations: how one key result's or objective's score came about, in words and numbers."""

from __future__ import annotations

import pandas as pd

from okr_model.policy import ScoringPolicy


def _number(value: object) -> str:
    if value is None or pd.isna(value):
        return "blank"
    number = float(value)
    return f"{number:,.4g}" if abs(number) >= 1 or number == 0 else f"{number:.4g}"


def _score(value: object) -> str:
    return "no data" if value is None or pd.isna(value) else f"{float(value):.2f}"


def key_result_card(kr: pd.Series, policy: ScoringPolicy | None = None) -> str:
    """Markdown: the key result's inputs, the formula with its numbers, the policy, the result."""
    policy = policy or ScoringPolicy()
    start, target, current = kr["start"], kr["target"], kr["current"]
    lines = [
        f"**{kr['key_result']}** ({kr['kr_id']})",
        "",
        f"- Inputs: start {_number(start)}"
        + (" (blank, taken as 0)" if kr.get("start_assumed") else "")
        + f", target {_number(target)}, current {_number(current)}, direction "
        + f"{kr['direction']}"
        + ("" if kr.get("direction_given", True) else " (from the numbers)")
        + f", weight {_number(kr['weight'])}.",
    ]
    source = kr["source"]
    if kr["direction"] == "binary":
        formula = (
            f"yes/no key result: current {_number(current)} → progress {_number(kr['progress'])}"
        )
    elif kr.get("is_threshold"):
        met = kr["progress"] == 1
        formula = (
            f"threshold: current {_number(current)} "
            f"{'meets' if met else 'does not meet'} target {_number(target)} → progress "
            f"{_number(kr['progress'])}"
        )
    elif pd.notna(kr.get("progress")) and source != "progress_column" and pd.notna(current):
        formula = (
            f"({_number(current)} − {_number(start)}) ÷ ({_number(target)} − {_number(start)}) "
            f"= {_number(kr['progress'])}"
        )
    elif pd.notna(kr.get("progress_column")):
        formula = f"progress column: {_number(kr['progress_column'])}"
    else:
        formula = "no current value, progress or assessed score"
    lines.append(f"- Formula: {formula}.")
    if source == "assessed":
        lines.append(
            f"- Policy: the owner's assessed score {_score(kr['assessed_score'])} is the score "
            "(assessed scores are used)."
        )
    elif source == "no_data":
        lines.append(
            "- Policy: no data counts as 0."
            if policy.no_data_as_zero
            else "- Policy: no data is left out of the objective's mean."
        )
    else:
        lines.append("- Policy: the score is the progress clipped to 0–1.")
    grade = kr["grade"] if isinstance(kr["grade"], str) else "no grade"
    lines.append(f"- Result: score **{_score(kr['score'])}** ({grade}).")
    return "\n".join(lines)


def objective_card(
    objective: pd.Series, krs: pd.DataFrame, policy: ScoringPolicy | None = None
) -> str:
    """Markdown: how an objective's score is the weighted mean of its key results."""
    policy = policy or ScoringPolicy()
    scored = krs[krs["score"].notna()]
    if scored.empty:
        mean = "no key result has data, so the objective has no score"
    else:
        weights, scores = scored["weight"], scored["score"]
        terms = " + ".join(f"{w:g} × {s:.2f}" for w, s in zip(weights, scores, strict=True))
        value = (weights * scores).sum() / weights.sum()
        mean = f"({terms}) ÷ {weights.sum():g} = {value:.2f}"
    rollup = (
        "each aligned child objective also counts as one item"
        if policy.rollup == "key_results_and_children"
        else "its key results only"
    )
    grade = objective["grade"] if isinstance(objective["grade"], str) else "no grade"
    return "\n".join(
        [
            f"**{objective['objective']}** ({objective['objective_id']})",
            "",
            f"- Weighted mean of the key results with data: {mean}.",
            f"- Rollup: {rollup}; {objective['coverage']:.0%} of its key results have data.",
            f"- Result: score **{_score(objective['score'])}** ({grade}), "
            f"{str(objective['pace_status']).replace('_', ' ')} against the expected pace.",
        ]
    )
