"""Chart builders: titles, axis labels, grades written as text, and sizes kept readable."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import AS_OF, SAMPLE_WORKBOOK

from okr_model import analyse, charts, load_okrs
from okr_model.trends import key_result_history, progress_over_time


@pytest.fixture(scope="module")
def card():
    return analyse(load_okrs(SAMPLE_WORKBOOK), as_of=AS_OF)


@pytest.mark.parametrize(
    "build",
    [
        pytest.param(
            lambda c: charts.score_bars(c.levels, "level", title="Levels"), id="score-bars"
        ),
        pytest.param(lambda c: charts.grade_counts(c.objectives), id="grades"),
        pytest.param(lambda c: charts.pace_counts(c.objectives), id="pace"),
        pytest.param(lambda c: charts.score_histogram(c.objectives), id="histogram"),
        pytest.param(
            lambda c: charts.score_boxes(c.objectives, "level", title="Boxes"), id="boxes"
        ),
    ],
)
def test_charts_have_titles_and_axis_labels(card, build):
    figure = build(card)
    assert figure.layout.title.text
    assert figure.layout.xaxis.title.text or figure.layout.yaxis.title.text


def test_grades_are_written_not_only_coloured(card):
    figure = charts.score_bars(card.levels, "level", title="Levels")
    assert all(
        g in text for text, g in zip(figure.data[0].text, card.levels["grade"][::-1], strict=True)
    )
    counts = charts.grade_counts(card.objectives)
    assert [t.split()[1] for t in counts.data[0].text] == ["red", "yellow", "green", "no"]
    assert set(counts.data[0].marker.color) == {
        charts.GRADE_COLOURS[g] for g in ("red", "yellow", "green", "no data")
    }


def test_band_lines_mark_miss_and_success(card):
    figure = charts.score_histogram(card.objectives)
    assert sorted(shape.x0 for shape in figure.layout.shapes) == [0.3, 0.7]
    assert [a.text for a in figure.layout.annotations] == ["0.3 miss", "0.7 success"]


def test_treemap_shows_objectives_then_stops_at_units_when_there_are_many(card):
    small = charts.progress_treemap(card.objectives)
    assert (
        len(small.data[0].ids)
        == len(card.objectives) + card.objectives.groupby(["level", "unit"]).ngroups + 4
    )
    many = pd.concat([card.objectives] * 20, ignore_index=True)
    many = many.assign(objective_id=many["objective_id"] + "-" + many.index.astype("str"))
    big = charts.progress_treemap(many)
    assert len(big.data[0].ids) < len(many)
    assert "levels and units" in big.layout.title.text


def test_sunburst_nests_objectives_under_their_parents(card):
    figure = charts.alignment_sunburst(card.objectives)
    parents = dict(zip(figure.data[0].ids, figure.data[0].parents, strict=True))
    aligned = card.objectives.dropna(subset=["parent_objective_id"]).iloc[0]
    assert parents[f"{aligned['quarter']}/{aligned['objective_id']}"] == (
        f"{aligned['quarter']}/{aligned['parent_objective_id']}"
    )


def test_progress_over_time_draws_the_score_beside_the_expected_pace(card):
    table = load_okrs(SAMPLE_WORKBOOK)
    points = progress_over_time(table, card)
    figure = charts.progress_over_time(points, card.policy.grades)
    traces = {trace.name: trace for trace in figure.data}
    assert list(traces["company score"].y) == points["score"].tolist()
    assert list(traces["expected pace"].y) == points["expected_pace"].tolist()
    assert figure.layout.xaxis.title.text == "Check-in date"
    history = key_result_history(table, card)
    chosen = history[history["objective_id"].eq(history["objective_id"].iloc[0])]
    lines = charts.key_result_lines(chosen, title="Key results")
    assert len(lines.data) == chosen["kr_id"].nunique()
