"""Complete the canonical key-results table: objective and KR ids, defaults, cross-row checks.

Input: typed rows from validation. Output: one row per scorable key result, with every
assumption made along the way reported as a warning on the row it concerns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from okr_model.issues import collect, issues_for

OBJECTIVE_KEY = ["quarter", "objective_id"]
# What identifies an objective when the sheet gives no id: the same text under another owner
# is another objective.
OBJECTIVE_IDENTITY = ["quarter", "level", "unit", "owner", "objective"]
OBJECTIVE_FIELDS = ["objective", "level", "unit", "owner", "objective_type", "parent_objective_id"]
WEIGHT_TOLERANCE = 1e-3
DEFAULT_OBJECTIVE_TYPE = "aspirational"


def generated_objective_ids(rows: pd.DataFrame) -> pd.Series:
    """Stable ids from each row's quarter, level, unit, owner and objective text ("O-" + 12 hex)."""
    hashes = pd.util.hash_pandas_object(rows[OBJECTIVE_IDENTITY].fillna(""), index=False)
    codes, uniques = pd.factorize(hashes)
    labels = np.array([f"O-{h:016x}"[:14] for h in uniques], dtype=object)
    return pd.Series(labels[codes], index=rows.index, dtype="str")


def assign_objectives(krs: pd.DataFrame, headers: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill objective ids and make each objective's fields agree across its key results.

    A field left blank on some rows is taken from the first row that has it (merged cells);
    a row that says something else is reported and overruled by that first value.
    """
    missing = krs["objective_id"].isna()
    if missing.any():
        generated = generated_objective_ids(krs[missing])
        krs = krs.assign(objective_id=krs["objective_id"].fillna(generated))
    groups = krs.groupby(OBJECTIVE_KEY, sort=False)
    agreed = groups[OBJECTIVE_FIELDS].transform("first")
    issues = []
    for field in OBJECTIVE_FIELDS:
        differs = krs[field].notna() & krs[field].ne(agreed[field]).fillna(False).astype(bool)
        if differs.any():
            # The row the agreed value comes from: the first that fills this field.
            first_row = (
                krs["source_row"]
                .where(krs[field].notna())
                .groupby([krs[k] for k in OBJECTIVE_KEY], sort=False)
                .transform("first")
                .astype("int64")
            )
            rows = krs[differs]
            issues.append(
                issues_for(
                    rows,
                    "objective_mismatch",
                    column=field,
                    value=rows[field],
                    headers=headers,
                    objective_id=rows["objective_id"],
                    field=field.replace("_", " "),
                    expected=agreed.loc[differs, field],
                    first_row=first_row[differs],
                )
            )
    krs = krs.assign(**{f: agreed[f] for f in OBJECTIVE_FIELDS})
    krs = krs.assign(objective_type=krs["objective_type"].fillna(DEFAULT_OBJECTIVE_TYPE))
    return krs, collect(issues)


def assign_kr_ids(krs: pd.DataFrame, headers: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fill KR ids (KR1, KR2, ... in sheet order within each objective); set aside duplicates.

    KR ids only need to be unique within their objective: many sheets restart them at KR1.
    """
    given = krs["kr_id"].notna()
    key = [*OBJECTIVE_KEY, "kr_id"]
    duplicate = given & krs.duplicated(key, keep="first")
    issues = []
    if duplicate.any():
        first_row = krs.groupby(key, dropna=False)["source_row"].transform("first")
        rows = krs[duplicate]
        issues.append(
            issues_for(
                rows,
                "duplicate_kr_id",
                column="kr_id",
                value=rows["kr_id"],
                headers=headers,
                first_row=first_row[duplicate],
            )
        )
        krs = krs[~duplicate]
        given = given[~duplicate]
    if given.all():
        return krs, collect(issues)
    position = krs.groupby(OBJECTIVE_KEY, sort=False).cumcount() + 1
    generated = "KR" + position.astype("str")
    taken = pd.MultiIndex.from_frame(krs.loc[given, key])
    clash = ~given & pd.MultiIndex.from_arrays(
        [krs["quarter"], krs["objective_id"], generated]
    ).isin(taken)
    generated = generated.mask(clash, generated + ".r" + krs["source_row"].astype("str"))
    return krs.assign(kr_id=krs["kr_id"].fillna(generated)), collect(issues)


def fill_weights(krs: pd.DataFrame, headers: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Blank weights: all blank means equal; some blank get the mean of the given ones."""
    groups = krs.groupby(OBJECTIVE_KEY, sort=False)["weight"]
    mean_given = groups.transform("mean")
    partly_blank = krs["weight"].isna() & mean_given.notna()
    weight = krs["weight"].fillna(mean_given).fillna(1.0)
    krs = krs.assign(weight=weight, weight_given=~krs["weight"].isna())
    total = krs.groupby(OBJECTIVE_KEY, sort=False)["weight"].transform("sum")
    first = ~krs.duplicated(OBJECTIVE_KEY)
    off = first & mean_given.notna() & (total - 1).abs().gt(WEIGHT_TOLERANCE)
    rows_partly, rows_off = krs[partly_blank], krs[off]
    issues = [
        issues_for(
            rows_partly,
            "weights_partly_blank",
            column="weight",
            value=mean_given[partly_blank].round(4),
            headers=headers,
        ),
        issues_for(
            rows_off, "weights_not_one", column="weight", value=total[off].round(4), headers=headers
        ),
    ]
    return krs, collect(issues)


def fill_directions(krs: pd.DataFrame, headers: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Default direction from the numbers; blank start taken as 0; contradictions reported.

    Without a start, a target of 0 can only mean "down to zero", so it is a decrease.
    """
    start_for_compare = krs["start"].fillna(0.0)
    down_to_zero = krs["start"].isna() & krs["target"].eq(0)
    inferred = np.where(krs["target"].lt(start_for_compare) | down_to_zero, "decrease", "increase")
    direction = krs["direction"].fillna(pd.Series(inferred, index=krs.index, dtype="str"))
    moving = direction.isin(["increase", "decrease"])
    start_assumed = krs["start"].isna() & moving & krs["target"].notna()
    contradicts = krs["direction"].notna() & (
        (direction.eq("increase") & krs["target"].lt(krs["start"]))
        | (direction.eq("decrease") & krs["target"].gt(krs["start"]))
    )
    krs = krs.assign(
        direction=direction,
        direction_given=krs["direction"].notna(),
        start=krs["start"].mask(start_assumed, 0.0),
        start_assumed=start_assumed,
    )
    rows = krs[contradicts]
    relation = pd.Series(
        np.where(rows["direction"].eq("increase"), "below", "above"), index=rows.index, dtype="str"
    )
    issues = [
        *_start_warnings(krs[start_assumed & krs["current"].notna()], headers),
        issues_for(
            rows,
            "direction_contradicts_numbers",
            column="direction",
            value=rows["direction"],
            relation=relation,
            headers=headers,
        ),
    ]
    return krs, collect(issues)


def _start_warnings(assumed: pd.DataFrame, headers: pd.Series) -> list[pd.DataFrame]:
    """One warning per row with a blank start; one per sheet when the sheet has no Start column."""
    where = pd.MultiIndex.from_arrays(
        [assumed["source_file"], assumed["source_sheet"], pd.Series("start", index=assumed.index)]
    )
    has_column = pd.Series(where.isin(headers.index), index=assumed.index)
    no_column = assumed[~has_column]
    first = no_column.drop_duplicates(["source_file", "source_sheet"])
    counts = no_column.groupby(["source_file", "source_sheet"], sort=False).size()
    count = pd.Series(
        counts.reindex(pd.MultiIndex.from_frame(first[["source_file", "source_sheet"]])).to_numpy(),
        index=first.index,
    )
    return [
        issues_for(assumed[has_column], "missing_start", column="start", headers=headers),
        issues_for(first, "no_start_column", value=count),
    ]


def data_warnings(krs: pd.DataFrame, headers: pd.Series) -> pd.DataFrame:
    """Warnings about key results scored under an assumption: thresholds and missing data."""
    has_score = krs["progress"].notna() | krs["assessed_score"].notna()
    threshold = krs["direction"].isin(["increase", "decrease"]) & krs["start"].eq(krs["target"])
    missing_target = krs["target"].isna() & ~has_score
    missing_current = krs["target"].notna() & krs["current"].isna() & ~has_score
    return collect(
        [
            issues_for(krs[threshold], "threshold_kr", column="target", headers=headers),
            issues_for(krs[missing_target], "missing_target", column="target", headers=headers),
            issues_for(krs[missing_current], "missing_current", column="current", headers=headers),
        ]
    )


def objectives_of(krs: pd.DataFrame, objective_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per objective with its fields and where it is defined in the sheet.

    Objectives come from their key results and from rows that define an objective; one with no
    key results yet is kept, with `key_results` 0. An objective row is where it is defined.
    """
    columns = [*OBJECTIVE_KEY, *OBJECTIVE_FIELDS, "source_file", "source_sheet", "source_row"]
    rows = (
        krs[columns]
        if objective_rows is None
        else pd.concat([objective_rows[columns], krs[columns]])
    )
    counts = krs.groupby(OBJECTIVE_KEY, sort=False).size().rename("key_results")
    objectives = rows.drop_duplicates(OBJECTIVE_KEY)
    keys = pd.MultiIndex.from_frame(objectives[OBJECTIVE_KEY])
    found = counts.reindex(keys).fillna(0).astype("int64").to_numpy()
    objectives = objectives.assign(key_results=found)
    return objectives.rename(columns={"parent_objective_id": "parent_reference"})
