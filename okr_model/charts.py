"""Plotly figures for the dashboard and the reports: built from scorecard tables, no Streamlit.

Every chart has a title, axis labels and hover details. Grades use a colour-blind-safe palette
(Okabe and Ito's vermillion, orange and bluish green) and are also written as text, so no
reading depends on colour alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from okr_model import rollup
from okr_model.alignment import depths
from okr_model.output import score_text
from okr_model.policy import GradeBands

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
# No template here: the dashboard applies Streamlit's theme, and setting one by name costs about
# 30 ms per figure (a template is copied and validated), which every rerun would pay.
_LAYOUT = {"margin": {"l": 10, "r": 10, "t": 60, "b": 10}}


def _grade_text(grade: object) -> str:
    return grade if isinstance(grade, str) else "no data"


def _band_lines(figure: go.Figure, bands: GradeBands, *, axis: str = "x") -> go.Figure:
    """Dashed lines at the miss (0.3) and success (0.7 by default) scores, labelled."""
    lines, notes = [], []
    for value, text in ((0.3, "0.3 miss"), (bands.green_from, f"{bands.green_from:g} success")):
        if axis == "x":
            line = {"x0": value, "x1": value, "y0": 0, "y1": 1, "xref": "x", "yref": "paper"}
            note = {"x": value, "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom"}
        else:
            line = {"y0": value, "y1": value, "x0": 0, "x1": 1, "yref": "y", "xref": "paper"}
            note = {"y": value, "x": 1, "yref": "y", "xref": "paper", "xanchor": "right"}
        lines.append({"type": "line", "line": {"dash": "dash", "color": "#555"}, **line})
        notes.append({"text": text, "showarrow": False, "font": {"size": 11}, **note})
    # One layout update for all four, rather than add_vline's validation per line.
    figure.update_layout(shapes=lines, annotations=notes)
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
            text=[f"{score_text(s)} · {g}" for s, g in zip(rows["score"], grades, strict=True)],
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
    counts = rollup.grade_counts(objectives)
    figure = go.Figure(
        go.Bar(
            x=counts["grade"],
            y=counts["objectives"],
            marker_color=[GRADE_COLOURS[g] for g in counts["grade"]],
            text=[f"{n} {g}" for g, n in zip(counts["grade"], counts["objectives"], strict=True)],
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
    counts = rollup.pace_counts(objectives)
    names = [s.replace("_", " ") for s in counts["status"]]
    figure = go.Figure(
        go.Bar(
            x=names,
            y=counts["objectives"],
            marker_color=[PACE_COLOURS[s] for s in counts["status"]],
            text=[f"{n} {name}" for n, name in zip(counts["objectives"], names, strict=True)],
            textposition="auto",
            hovertemplate="%{x}: %{y} objectives<extra></extra>",
        )
    )
    figure.update_layout(title=title, xaxis_title="Status", yaxis_title="Objectives", **_LAYOUT)
    return figure


# Beyond this many objectives a treemap is unreadable and slow to draw; it stops at units.
TREEMAP_MAX_OBJECTIVES = 1500
TREEMAP_UNITS_PER_LEVEL = 100
BOX_MAX_POINTS = 1000
BOX_MAX_GROUPS = 15


def progress_treemap(
    objectives: pd.DataFrame, *, title: str = "Progress by level and unit"
) -> go.Figure:
    """Level → unit → objective, sized by key results and coloured by score.

    Levels and units are coloured by the mean score of their objectives. With more objectives
    than a treemap can show, it stops at units.
    """
    frame = objectives.assign(
        level=objectives["level"].fillna("unspecified"),
        unit=objectives["unit"].fillna("(no unit)"),
        size=objectives["key_results"].clip(lower=1),
    )
    frame = frame.assign(unit_id=frame["level"] + "/" + frame["unit"])
    levels = frame.groupby("level", sort=False).agg(size=("size", "sum"), score=("score", "mean"))
    leaves = len(frame) <= TREEMAP_MAX_OBJECTIVES
    if not leaves:
        # Only the largest units of each level get a tile; the rest share one, so the chart
        # stays legible (and quick) with thousands of units.
        sizes = frame.groupby(["level", "unit"], sort=False)["size"].sum()
        largest = sizes.groupby(level=0, sort=False).rank(method="first", ascending=False)
        kept = largest[largest.le(TREEMAP_UNITS_PER_LEVEL)].index
        is_kept = pd.MultiIndex.from_frame(frame[["level", "unit"]]).isin(kept)
        others = frame["unit"].where(is_kept, "(smaller units)")
        frame = frame.assign(unit=others, unit_id=frame["level"] + "/" + others)
    units = frame.groupby(["level", "unit"], sort=False).agg(
        size=("size", "sum"), score=("score", "mean")
    )
    unit_level = units.index.get_level_values(0).to_series(index=units.index)
    unit_name = units.index.get_level_values(1).to_series(index=units.index)
    nodes = [
        pd.DataFrame(
            {
                "id": levels.index,
                "parent": "",
                "label": levels.index,
                "size": levels["size"].to_numpy(),
                "score": levels["score"].to_numpy(),
                "hover": levels.index
                + ": mean score "
                + levels["score"].map(score_text).to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "id": (unit_level + "/" + unit_name).to_numpy(),
                "parent": unit_level.to_numpy(),
                "label": unit_name.to_numpy(),
                "size": units["size"].to_numpy(),
                "score": units["score"].to_numpy(),
                "hover": (unit_name + ": mean score " + units["score"].map(score_text)).to_numpy(),
            }
        ),
    ]
    if leaves:
        nodes.append(
            pd.DataFrame(
                {
                    "id": (
                        frame["unit_id"] + "/" + frame["quarter"] + "/" + frame["objective_id"]
                    ).to_numpy(),
                    "parent": frame["unit_id"].to_numpy(),
                    "label": frame["objective"].to_numpy(),
                    "size": frame["size"].to_numpy(),
                    "score": frame["score"].to_numpy(),
                    "hover": (
                        frame["objective"]
                        + "<br>owner "
                        + frame["owner"].fillna("none")
                        + "<br>score "
                        + frame["score"].map(score_text)
                        + " ("
                        + frame["grade"].map(_grade_text)
                        + ")"
                    ).to_numpy(),
                }
            )
        )
    else:
        title = f"{title} ({len(frame):,} objectives: levels and units)"
    tree = pd.concat(nodes, ignore_index=True)
    figure = go.Figure(
        go.Treemap(
            ids=tree["id"],
            parents=tree["parent"],
            labels=tree["label"],
            values=tree["size"],
            branchvalues="total",
            marker={
                "colors": tree["score"].fillna(0),
                "colorscale": SCORE_SCALE,
                "cmin": 0,
                "cmax": 1,
                "colorbar": {"title": "Score"},
            },
            hovertext=tree["hover"],
            hoverinfo="text",
        )
    )
    figure.update_layout(title=title, **_LAYOUT)
    return figure


def alignment_sunburst(objectives: pd.DataFrame, *, title: str = "Alignment") -> go.Figure:
    """Objectives nested under the objectives they are aligned to; unaligned ones at the root.

    With more objectives than a chart can show, only the top levels of the tree are drawn.
    """
    if len(objectives) > TREEMAP_MAX_OBJECTIVES:
        depth = depths(objectives)
        keep = depth.le(0)
        for level in range(1, int(depth.max()) + 1):
            if (keep | depth.eq(level)).sum() > TREEMAP_MAX_OBJECTIVES:
                break
            keep |= depth.eq(level)
        objectives = objectives[keep].head(TREEMAP_MAX_OBJECTIVES)
        title = f"{title} (top of the tree: {len(objectives):,} objectives)"
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
                f"score {score_text(s)}"
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
    groups = objectives[by].fillna("unspecified")
    # One box per group reads well up to a few dozen groups: the largest are shown.
    shown = groups.value_counts().head(BOX_MAX_GROUPS).index
    if len(shown) < groups.nunique():
        title = f"{title} ({len(shown)} largest of {groups.nunique():,})"
    for name, group in objectives[groups.isin(shown)].groupby(groups, sort=False):
        figure.add_trace(
            go.Box(
                y=group["score"],
                name=str(name),
                # Every objective as a point while that stays readable; outliers beyond that.
                boxpoints="all" if len(group) <= BOX_MAX_POINTS else "outliers",
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


def quarter_lines(
    scores: pd.DataFrame, bands: GradeBands | None = None, *, title: str = "Scores by quarter"
) -> go.Figure:
    """One line per series (company, each level) across quarters, with the band lines."""
    figure = go.Figure()
    for series, rows in scores.groupby("series", sort=False):
        figure.add_trace(
            go.Scatter(
                x=rows["quarter"],
                y=rows["score"],
                mode="lines+markers+text",
                name=str(series),
                text=[score_text(v) for v in rows["score"]],
                textposition="top center",
                line={"width": 4 if series == "company score" else 2},
                hovertemplate=f"{series}<br>%{{x}}: %{{y:.2f}}<extra></extra>",
            )
        )
    figure.update_layout(title=title, xaxis_title="Quarter", yaxis_title="Score (0–1)", **_LAYOUT)
    figure.update_yaxes(range=[0, 1.05])
    figure.update_xaxes(type="category")
    return _band_lines(figure, bands or GradeBands(), axis="y")


def progress_over_time(
    points: pd.DataFrame,
    bands: GradeBands | None = None,
    *,
    title: str = "Company score at each check-in, against the expected pace",
) -> go.Figure:
    """The company score at each check-in date, beside the pace the quarter expects by then."""
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=points["date"],
            y=points["expected_pace"],
            mode="lines",
            name="expected pace",
            line={"dash": "dot", "color": "#555"},
            hovertemplate="expected by %{x|%d %b}: %{y:.2f}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=points["date"],
            y=points["score"],
            mode="lines+markers",
            name="company score",
            line={"width": 4, "color": "#0072B2"},
            customdata=points[["grade", "key_results_with_data"]].astype(object).fillna("no data"),
            hovertemplate=(
                "%{x|%d %b %Y}: %{y:.2f} (%{customdata[0]})<br>"
                "%{customdata[1]} key results checked in<extra></extra>"
            ),
        )
    )
    figure.update_layout(
        title=title, xaxis_title="Check-in date", yaxis_title="Score (0–1)", **_LAYOUT
    )
    figure.update_yaxes(range=[0, 1.05])
    return _band_lines(figure, bands or GradeBands(), axis="y")


def key_result_lines(history: pd.DataFrame, *, title: str) -> go.Figure:
    """One line per key result: the score each of its check-ins meant."""
    figure = go.Figure()
    for (kr_id, text), rows in history.groupby(["kr_id", "key_result"], sort=False):
        figure.add_trace(
            go.Scatter(
                x=rows["date"],
                y=rows["score"],
                mode="lines+markers",
                name=f"{kr_id}: {text}"[:60],
                hovertemplate=f"{kr_id}<br>%{{x|%d %b}}: %{{y:.2f}}<extra></extra>",
            )
        )
    figure.update_layout(
        title=title, xaxis_title="Check-in date", yaxis_title="Score (0–1)", **_LAYOUT
    )
    figure.update_yaxes(range=[0, 1.05])
    return figure
