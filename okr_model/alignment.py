"""Alignment: link each objective to the one it supports, report broken links and cycles."""

from __future__ import annotations

import numpy as np
import pandas as pd

from okr_model.issues import collect, issues_for

_KEY = ["quarter", "objective_id"]


def resolve_parents(
    objectives: pd.DataFrame, headers: pd.Series
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Resolve `parent_reference` (an id or the exact text of an objective in the same quarter).

    Adds `parent_objective_id` (the parent's id, or missing) and reports references that name
    no objective and links that go round in a circle (one link per circle is dropped).
    """
    ids = pd.MultiIndex.from_frame(objectives[_KEY])
    reference = objectives["parent_reference"]
    by_id = pd.MultiIndex.from_arrays([objectives["quarter"], reference]).isin(ids)
    texts = objectives.drop_duplicates(["quarter", "objective"]).set_index(["quarter", "objective"])
    by_text = pd.Series(
        texts["objective_id"]
        .reindex(pd.MultiIndex.from_arrays([objectives["quarter"], reference]))
        .to_numpy(),
        index=objectives.index,
        dtype="str",
    )
    parent = reference.where(by_id, by_text)
    unknown = reference.notna() & parent.isna()
    objectives = objectives.assign(parent_objective_id=parent)
    objectives, cycle_issues = break_cycles(objectives, headers)
    rows = objectives[unknown]
    unknown_issues = issues_for(
        rows,
        "unknown_parent",
        column="parent_objective_id",
        value=rows["parent_reference"],
        headers=headers,
        quarter=rows["quarter"],
    )
    return objectives, collect([unknown_issues, cycle_issues])


def break_cycles(objectives: pd.DataFrame, headers: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Drop one link of every alignment circle: the one of its objective that comes first."""
    parents = _parent_positions(objectives)
    suspects = _on_or_above_cycles(parents)
    if not len(suspects):
        return objectives, collect([])
    # Each objective has at most one parent, so walking up from every suspect once, marking
    # where each walk started, finds every circle in linear time.
    walk_of: dict[int, int] = {}
    broken: list[tuple[int, list[int]]] = []
    for start in suspects:
        node = start
        while node >= 0 and node not in walk_of:
            walk_of[node] = start
            node = parents[node]
        if node >= 0 and walk_of[node] == start:
            circle = [node]
            while (following := parents[circle[-1]]) != node:
                circle.append(following)
            first = min(circle)
            at = circle.index(first)
            broken.append((first, [*circle[at:], *circle[:at], first]))
    ids = objectives["objective_id"].to_numpy()
    rows_at = [first for first, _ in broken]
    paths = pd.Series(
        [" → ".join(ids[path]) for _, path in broken], index=objectives.index[rows_at], dtype="str"
    )
    rows = objectives.iloc[rows_at]
    parent = objectives["parent_objective_id"].copy()
    parent.iloc[rows_at] = pd.NA
    issues = issues_for(
        rows, "alignment_cycle", column="parent_objective_id", value=paths, headers=headers
    )
    return objectives.assign(parent_objective_id=parent), issues


def _parent_positions(objectives: pd.DataFrame) -> np.ndarray:
    """Each objective's parent as a row position (-1 when it has none)."""
    key = pd.MultiIndex.from_frame(objectives[_KEY])
    parent_key = pd.MultiIndex.from_arrays(
        [objectives["quarter"], objectives["parent_objective_id"]]
    )
    return key.get_indexer(parent_key)


def _on_or_above_cycles(parents: np.ndarray, steps: int = 64) -> list[int]:
    """Positions whose chain of parents has not ended after `steps` links (cycles, or very deep)."""
    ancestor = parents
    for _ in range(steps):
        if not (ancestor >= 0).any():
            return []
        ancestor = np.where(ancestor >= 0, parents[ancestor.clip(0)], -1)
    return np.flatnonzero(ancestor >= 0).tolist()


def depths(objectives: pd.DataFrame) -> pd.Series:
    """How many links separate each objective from the top of its alignment tree (0 = unaligned).

    Cycles must have been broken; the loop runs once per level of the tree, not per objective.
    """
    parents = _parent_positions(objectives)
    depth = np.zeros(len(parents), dtype="int64")
    ancestor = parents
    while (ancestor >= 0).any():
        depth += ancestor >= 0
        ancestor = np.where(ancestor >= 0, parents[ancestor.clip(0)], -1)
    return pd.Series(depth, index=objectives.index)
