"""Plotly figures for the dashboard and the reports: built from scorecard tables, no Streamlit.

Every chart has a title, axis labels and hover details. Grades use a colour-blind-safe palette
(Okabe and Ito's vermillion, orange and bluish green) and are also written as text, so no
reading depends on colour alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from okr_model.policy import GRADES, PACE_STATUSES, GradeBands

GRADE_COLOURS = {"red": "#D55E00", "yellow": "#E69F00", "green": "#009E73", "no data": "#999999"}
PACE_COLOURS = {
    "on_track": "#009E73",
    "behind": "#E69F00",
    "at_risk": "#D55E00",
    "no_data": "#999999",
}
# A continuous scale from the red band through yellow to green, for scores from 0 to 1.
SCORE_SCALE = [
    [0.0, GRADE_COLOURS["red"]],
    [0.5, GRADE_COLOURS["yellow"]],
    [1.0, GRADE_COLOURS["green"]],
]
_LAYOUT = {"template": "plotly_white", "margin": {"l": 10, "r": 10, "t": 60, "b": 10}}


def _label(value: object) -> str:
    return "no data" if value is None or pd.isna(value) else f"{float(value):.2f}"


def _grade_text(grade: object) -> str:
    return grade if isinstance(grade, str) else "no data"


def _band_lines(figure: go.Figure, bands: GradeBands, *, axis: str = "x") -> go.Figure:
    """Dashed lines at the miss (0.3) and success (0.7 by default) scores."""
    for value, text in ((0.3, "0.3 miss"), (bands.green_from, f"{bands.green_from:g} success")):
        if axis == "x":
            figure.add_vline(x=value, line_dash="dash", line_color="#555", annotation_text=text)
        else:
            figure.add_hline(y=value, line_dash="dash", line_color="#555", annotation_text=text)
    return figure


def score_bars(
    table: pd.DataFrame, label: str, *, title: str, bands: GradeBands | None = None
) -> go.Figure:
    """Horizontal bars of `score` per `label`, coloured and labelled by grade."""
    bands = bands or GradeBands()
    rows = table.iloc[::-1]
    grades = rows["grade"].map(_grade_text)
    figure = go.Figure(
        go.Bar(
            x=rows["score"].fillna(0),
            y=rows[label].astype("str"),
            orientation="h",
            marker_color=grades.map(GRADE_COLOURS).tolist(),
            text=[f"{_label(s)} · {g}" for s, g in zip(rows["score"], grades, strict=True)],
            textposition="auto",
            customdata=rows[["objectives", "coverage"]].to_numpy()
            if {"objectives", "coverage"} <= set(rows.columns)
            else None,
            hovertemplate="%{y}<br>score %{x:.2f}<br>%{customdata[0]} objectives, "
            "coverage %{customdata[1]:.0%}<extra></extra>"
            if {"objectives", "coverage"} <= set(rows.columns)
            else "%{y}<br>score %{x:.2f}<extra></extra>",
        )
    )
    figure.update_layout(title=title, xaxis_title="Score (0–1)", yaxis_title=None, **_LAYOUT)
    figure.update_xaxes(range=[0, 1.05])
    return _band_lines(figure, bands)


def grade_counts(objectives: pd.DataFrame, *, title: str = "Objectives by grade") -> go.Figure:
    """How many objectives are red, yellow, green or without data."""
    counts = objectives["grade"].map(_grade_text).value_counts()
    order = [*GRADES, "no data"]
    figure = go.Figure(
        go.Bar(
            x=order,
            y=[int(counts.get(g, 0)) for g in order],
            marker_color=[GRADE_COLOURS[g] for g in order],
            text=[f"{int(counts.get(g, 0))} {g}" for g in order],
            textposition="auto",
            hovertemplate="%{x}: %{y} objectives<extra></extra>",
        )
    )
    figure.update_layout(title=title, xaxis_title="Grade", yaxis_title="Objectives", **_LAYOUT)
    return figure


def pace_counts(
    objectives: pd.DataFrame, *, title: str = "Objectives against expected pace"
) -> go.Figure:
    """How many objectives are on track, behind, at risk or without data."""
    counts = objectives["pace_status"].fillna("no_data").value_counts()
    order = [*PACE_STATUSES, "no_data"]
    names = [s.replace("_", " ") for s in order]
    figure = go.Figure(
        go.Bar(
            x=names,
            y=[int(counts.get(s, 0)) for s in order],
            marker_color=[PACE_COLOURS[s] for s in order],
            text=[f"{int(counts.get(s, 0))} {n}" for s, n in zip(order, names, strict=True)],
            textposition="auto",
            hovertemplate="%{x}: %{y} objectives<extra></extra>",
        )
    )
    figure.update_layout(title=title, xaxis_title="Status", yaxis_title="Objectives", **_LAYOUT)
    return figure


# Beyond this many objectives a treemap is unreadable and slow to draw; it stops at units.
TREEMAP_MAX_OBJECTIVES = 1500


def progress_treemap(
    objectives: pd.DataFrame, *, title: str = "Progress by level and unit"
) -> go.Figure:
    """Level → unit → objective, sized by key results and coloured by score."""
    leaves = len(objectives) <= TREEMAP_MAX_OBJECTIVES
    frame = objectives.assign(
        level=objectives["level"].fillna("unspecified"),
        unit=objectives["unit"].fillna("(no unit)"),
        size=objectives["key_results"].clip(lower=1),
    )
    ids, parents, labels, values, colours, hover = [], [], [], [], [], []
    for level, by_level in frame.groupby("level", sort=False):
        ids.append(level)
        parents.append("")
        labels.append(level)
        values.append(int(by_level["size"].sum()))
        colours.append(by_level["score"].mean())
        hover.append(f"{level}: mean score {_label(by_level['score'].mean())}")
        for unit, by_unit in by_level.groupby("unit", sort=False):
            unit_id = f"{level}/{unit}"
            ids.append(unit_id)
            parents.append(level)
            labels.append(unit)
            values.append(int(by_unit["size"].sum()))
            colours.append(by_unit["score"].mean())
            hover.append(f"{unit}: mean score {_label(by_unit['score'].mean())}")
            for row in by_unit.itertuples() if leaves else ():
                ids.append(f"{unit_id}/{row.quarter}/{row.objective_id}")
                parents.append(unit_id)
                labels.append(str(row.objective))
                values.append(int(row.size))
                colours.append(row.score)
                hover.append(
                    f"{row.objective}<br>owner {row.owner}<br>score {_label(row.score)} "
                    f"({_grade_text(row.grade)})"
                )
    figure = go.Figure(
        go.Treemap(
            ids=ids,
            parents=parents,
            labels=labels,
            values=values,
            branchvalues="total" if leaves else "remainder",
            marker={
                "colors": [0 if pd.isna(c) else c for c in colours],
                "colorscale": SCORE_SCALE,
                "cmin": 0,
                "cmax": 1,
                "colorbar": {"title": "Score"},
            },
            hovertext=hover,
            hoverinfo="text",
        )
    )
    figure.update_layout(title=title, **_LAYOUT)
    return figure


def alignment_sunburst(objectives: pd.DataFrame, *, title: str = "Alignment") -> go.Figure:
    """Objectives nested under the objectives they are aligned to; unaligned ones at the root."""
    key = objectives["quarter"] + "/" + objectives["objective_id"]
    parent = (objectives["quarter"] + "/" + objectives["parent_objective_id"]).where(
        objectives["parent_objective_id"].notna(), ""
    )
    figure = go.Figure(
        go.Sunburst(
            ids=key,
            parents=parent.where(parent.isin(set(key)), ""),
            labels=objectives["objective"],
            marker={
                "colors": objectives["score"].fillna(0),
                "colorscale": SCORE_SCALE,
                "cmin": 0,
                "cmax": 1,
                "colorbar": {"title": "Score"},
            },
            hovertext=[
                f"{o}<br>{lvl or 'no level'} · {u or 'no unit'} · {w or 'no owner'}<br>"
                f"score {_label(s)}"
                for o, lvl, u, w, s in zip(
                    objectives["objective"],
                    objectives["level"],
                    objectives["unit"],
                    objectives["owner"],
                    objectives["score"],
                    strict=True,
                )
            ],
            hoverinfo="text",
        )
    )
    figure.update_layout(title=title, **_LAYOUT)
    return figure


def score_histogram(
    objectives: pd.DataFrame, bands: GradeBands | None = None, *, title: str = "Objective scores"
) -> go.Figure:
    """Distribution of objective scores in tenths, with the miss and success lines."""
    scores = objectives["score"].dropna()
    figure = go.Figure(
        go.Histogram(
            x=scores,
            xbins={"start": 0, "end": 1.0001, "size": 0.1},
            marker_color="#0072B2",
            hovertemplate="scores %{x}<br>%{y} objectives<extra></extra>",
        )
    )
    figure.update_layout(
        title=title, xaxis_title="Score (0–1)", yaxis_title="Objectives", bargap=0.05, **_LAYOUT
    )
    figure.update_xaxes(range=[0, 1.0])
    return _band_lines(figure, bands or GradeBands())


def score_boxes(
    objectives: pd.DataFrame, by: str, bands: GradeBands | None = None, *, title: str
) -> go.Figure:
    """Box and points of objective scores per `by` (level or unit), with the band lines."""
    figure = go.Figure()
    for name, group in objectives.groupby(objectives[by].fillna("unspecified"), sort=False):
        figure.add_trace(
            go.Box(
                y=group["score"],
                name=str(name),
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker_color="#0072B2",
                text=group["objective"],
                hovertemplate="%{text}<br>score %{y:.2f}<extra></extra>",
            )
        )
    figure.update_layout(
        title=title,
        yaxis_title="Score (0–1)",
        xaxis_title=by.capitalize(),
        showlegend=False,
        **_LAYOUT,
    )
    figure.update_yaxes(range=[0, 1.05])
    return _band_lines(figure, bands or GradeBands(), axis="y")


def quarter_change_bars(changes: pd.DataFrame, label: str, *, title: str) -> go.Figure:
    """Score change between two quarters per `label` (columns `change`, `before`, `after`)."""
    rows = changes.iloc[::-1]
    colours = ["#009E73" if c >= 0 else "#D55E00" for c in rows["change"].fillna(0)]
    figure = go.Figure(
        go.Bar(
            x=rows["change"].fillna(0),
            y=rows[label].astype("str"),
            orientation="h",
            marker_color=colours,
            text=[f"{c:+.2f}" if pd.notna(c) else "no data" for c in rows["change"]],
            textposition="auto",
            customdata=rows[["before", "after"]].to_numpy(),
            hovertemplate="%{y}<br>%{customdata[0]:.2f} → %{customdata[1]:.2f}<extra></extra>",
        )
    )
    figure.update_layout(title=title, xaxis_title="Change in score", yaxis_title=None, **_LAYOUT)
    return figure
