"""The report as a short PowerPoint deck with native, editable charts (python-pptx).

Slides list at most LIST_LIMIT objectives and CHART_LIMIT units, and cut objective texts to
TEXT_LIMIT characters with an ellipsis: the workbook and the CSV files hold everything in full.
Bars carry their number and grade in words, so the deck reads in black and white too.
"""

from __future__ import annotations

from typing import BinaryIO

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.util import Emu, Inches, Pt

from okr_model.charts import GRADE_COLOURS, PACE_COLOURS
from okr_model.reports.content import (
    LIST_LIMIT,
    ReportContent,
    card_paragraphs,
    filter_lines,
    grade_text,
    headline_lines,
    more_text,
    objective_list_rows,
    percent_text,
    plain,
    policy_lines,
    reconciliation_text,
    score_text,
    shorten,
)

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
LEFT, TOP = Inches(0.4), Inches(1.3)
BODY_WIDTH = SLIDE_WIDTH - 2 * LEFT
BODY_HEIGHT = SLIDE_HEIGHT - TOP - Inches(0.3)
TITLE_ONLY, TITLE_SLIDE = 5, 0
NO_DATA_COLOUR = "#999999"


def _slide(deck: Presentation, title: str):
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = LEFT, Inches(0.3), BODY_WIDTH, Inches(0.9)
    shape.text = plain(title)
    shape.text_frame.paragraphs[0].font.size = Pt(30)
    return slide


def _text(slide, lines: list[str], box: tuple[Emu, Emu, Emu, Emu], *, size: int = 16) -> None:
    """A text box of paragraphs, one per line."""
    frame = slide.shapes.add_textbox(*box).text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = plain(line)
        paragraph.font.size = Pt(size)
        paragraph.space_after = Pt(size * 0.4)


def _table(
    slide, rows: list[list[str]], box: tuple[Emu, Emu, Emu], widths: list[float], size: int = 11
) -> None:
    """A native table; `widths` are shares of the box's width."""
    left, top, width = box
    shape = slide.shapes.add_table(
        len(rows), len(rows[0]), left, top, width, Pt(size * 2) * len(rows)
    )
    table = shape.table
    total = sum(widths)
    for c, share in enumerate(widths):
        table.columns[c].width = int(width * share / total)
    for r, row in enumerate(rows):
        table.rows[r].height = Pt(size * 2)
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = plain(value)
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(size)
                paragraph.font.bold = r == 0
            cell.margin_top = cell.margin_bottom = Pt(2)


def _colour(name: object, palette: dict[str, str]) -> RGBColor:
    code = palette.get(name, NO_DATA_COLOUR) if isinstance(name, str) else NO_DATA_COLOUR
    return RGBColor.from_string(code.lstrip("#"))


def _bar_chart(
    slide,
    kind,
    names: list[str],
    values: list[float | None],
    labels: list[str],
    colours: list[RGBColor],
    box: tuple[Emu, Emu, Emu, Emu],
    *,
    series: str,
    score: bool,
):
    """A native chart of one series, each bar coloured and labelled in words."""
    data = CategoryChartData(number_format="0.00" if score else "0")
    data.categories = names
    data.add_series(series, values)
    chart = slide.shapes.add_chart(kind, *box, data).chart
    chart.has_legend = False
    chart.has_title = False  # the slide's title says what the chart shows
    chart.font.size = Pt(12)
    plot = chart.plots[0]
    plot.gap_width = 60
    for point, label, colour in zip(plot.series[0].points, labels, colours, strict=True):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = colour
        point.format.line.color.rgb = RGBColor(0, 0, 0)
        point.data_label.text_frame.text = label
        point.data_label.position = XL_LABEL_POSITION.OUTSIDE_END
    value_axis = chart.value_axis
    value_axis.minimum_scale = 0
    if score:
        value_axis.maximum_scale = 1.0
        chart.category_axis.reverse_order = True  # first row at the top, as in the tables
    value_axis.has_major_gridlines = False
    return chart


def _score_bars(slide, frame: pd.DataFrame, label: str, box) -> None:
    if frame.empty:  # a chart needs at least one category
        _text(slide, ["No objectives in view."], box)
        return
    names = [shorten(v, 40) for v in frame[label]]
    values = [None if pd.isna(s) else float(s) for s in frame["score"]]
    labels = [
        f"{score_text(s)} {grade_text(g)}"
        for s, g in zip(frame["score"], frame["grade"], strict=True)
    ]
    colours = [_colour(g, GRADE_COLOURS) for g in frame["grade"]]
    _bar_chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        names,
        values,
        labels,
        colours,
        box,
        series="Score",
        score=True,
    )


def _objectives_slide(
    deck: Presentation, title: str, frame: pd.DataFrame, empty: str, *, counted: bool = True
) -> None:
    slide = _slide(deck, f"{title} ({len(frame)})" if counted else title)
    if frame.empty:
        _text(slide, [empty], (LEFT, TOP, BODY_WIDTH, Inches(1)))
        return
    _table(
        slide,
        objective_list_rows(frame, owner_limit=30),
        (LEFT, TOP, BODY_WIDTH),
        [1.0, 5.6, 1.9, 1.6, 0.6, 0.7, 0.8],
        size=10,
    )
    note = more_text(min(len(frame), LIST_LIMIT), len(frame), "the workbook and the CSV files")
    if note:
        _text(slide, [note], (LEFT, SLIDE_HEIGHT - Inches(0.6), BODY_WIDTH, Inches(0.4)), size=11)


def _title_slide(deck: Presentation, content: ReportContent) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_SLIDE])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top, title.width, title.height = LEFT, Inches(2.0), BODY_WIDTH, Inches(1.5)
    subtitle.left, subtitle.top = LEFT, Inches(3.7)
    subtitle.width, subtitle.height = BODY_WIDTH, Inches(2.5)
    title.text = plain(content.title)
    lines = [content.subtitle, content.created_text, *filter_lines(content.filters)]
    frame = subtitle.text_frame
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = plain(line)
        paragraph.font.size = Pt(18 if i == 0 else 14)


def _headline(deck: Presentation, content: ReportContent) -> None:
    slide = _slide(deck, "Headline")
    h = content.headline
    _text(
        slide,
        [score_text(h["score"]), grade_text(h["grade"])],
        (LEFT, TOP, Inches(3), Inches(2.5)),
        size=54,
    )
    _text(
        slide,
        headline_lines(content),
        (LEFT + Inches(3.3), TOP, BODY_WIDTH - Inches(3.3), BODY_HEIGHT),
        size=18,
    )
    _text(
        slide,
        ["Scoring policy: " + " ".join(policy_lines(content.policy))],
        (LEFT, SLIDE_HEIGHT - Inches(1.5), BODY_WIDTH, Inches(1.2)),
        size=12,
    )


def _levels(deck: Presentation, content: ReportContent) -> None:
    slide = _slide(deck, "Completion by level")
    levels = content.levels
    half = int(BODY_WIDTH / 2)
    _score_bars(slide, levels, "level", (LEFT, TOP, half, Inches(4.5)))
    rows = [["Level", "Score", "Completion", "Grade", "Objectives", "With data"]]
    rows += [
        [
            plain(r.level),
            score_text(r.score),
            percent_text(r.score),
            grade_text(r.grade),
            str(r.objectives),
            percent_text(r.coverage),
        ]
        for r in levels.itertuples(index=False)
    ]
    _table(
        slide,
        rows,
        (LEFT + half + Inches(0.2), TOP, half - Inches(0.2)),
        [1.4, 0.8, 1.1, 0.9, 1.1, 1.0],
        size=12,
    )


def _units(deck: Presentation, content: ReportContent) -> None:
    for chart in content.unit_charts:
        slide = _slide(deck, chart.title)
        _score_bars(slide, chart.units, "unit", (LEFT, TOP, BODY_WIDTH, BODY_HEIGHT - Inches(0.4)))
        if chart.note:
            _text(
                slide,
                [chart.note],
                (LEFT, SLIDE_HEIGHT - Inches(0.6), BODY_WIDTH, Inches(0.4)),
                size=11,
            )


def _distribution(deck: Presentation, content: ReportContent) -> None:
    slide = _slide(deck, "Grades and expected pace")
    half = int(BODY_WIDTH / 2)
    for frame, key, palette, left, series in (
        (content.grades, "grade", GRADE_COLOURS, LEFT, "Objectives by grade"),
        (content.pace, "status", PACE_COLOURS, LEFT + half, "Objectives against expected pace"),
    ):
        names = [plain(v) for v in frame[key]]
        counts = [int(v) for v in frame["objectives"]]
        chart = _bar_chart(
            slide,
            XL_CHART_TYPE.COLUMN_CLUSTERED,
            names,
            counts,
            [f"{c} {n}" for c, n in zip(counts, names, strict=True)],
            [_colour(n.replace(" ", "_"), palette) for n in names],
            (left, TOP, half - Inches(0.2), Inches(4.8)),
            series=series,
            score=False,
        )
        chart.has_title = True
        chart.chart_title.text_frame.text = series
    _text(
        slide,
        [content.subtitle],
        (LEFT, SLIDE_HEIGHT - Inches(1.0), BODY_WIDTH, Inches(0.5)),
        size=14,
    )


def _alignment_health(deck: Presentation, content: ReportContent) -> None:
    slide = _slide(deck, "Alignment and OKR health")
    half = int(BODY_WIDTH / 2)
    share = percent_text(content.alignment_share)
    _text(
        slide,
        [f"{share} of the objectives below company level are aligned."],
        (LEFT, TOP, half, Inches(0.6)),
        size=14,
    )
    rows = [["Level", "Objectives", "Aligned", "Share"]]
    rows += [
        [plain(r.level), str(r.objectives), str(r.aligned), percent_text(r.share_aligned)]
        for r in content.alignment.itertuples(index=False)
    ]
    _table(slide, rows, (LEFT, TOP + Inches(0.8), half - Inches(0.3)), [1.5, 1, 1, 1], size=12)
    health = [["Check", "Checked", "Failed", "Passed"]]
    health += [
        [r.description, str(r.checked), str(r.failed), percent_text(r.share_passed)]
        for r in content.health_summary.itertuples(index=False)
    ]
    _table(slide, health, (LEFT + half, TOP, half), [3.6, 0.9, 0.8, 0.8], size=11)


def _appendix(deck: Presentation, content: ReportContent) -> None:
    slide = _slide(deck, "Appendix: scoring policy")
    _text(
        slide,
        policy_lines(content.policy) + card_paragraphs(content.policy_card),
        (LEFT, TOP - Inches(0.2), BODY_WIDTH, BODY_HEIGHT),
        size=10,
    )
    slide = _slide(deck, "Appendix: reconciliation and filters")
    lines = [
        reconciliation_text(content.reconciliation),
        "",
        "Filters:",
        *filter_lines(content.filters),
        "",
        content.subtitle,
        content.created_text,
    ]
    _text(slide, lines, (LEFT, TOP, BODY_WIDTH, BODY_HEIGHT), size=16)


def write_pptx(content: ReportContent, stream: BinaryIO) -> None:
    """Write the report as a .pptx deck to a binary stream."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    properties = deck.core_properties
    properties.title = plain(content.title)[:255]
    properties.subject = content.subtitle
    properties.author = "okr_model"
    properties.created = properties.modified = content.created.replace(tzinfo=None)
    properties.revision = 1
    _title_slide(deck, content)
    _headline(deck, content)
    _levels(deck, content)
    _units(deck, content)
    _distribution(deck, content)
    _objectives_slide(deck, "Objectives at risk", content.at_risk, "No objective is at risk.")
    _objectives_slide(
        deck, "Best objectives", content.top, "No objective has a score yet.", counted=False
    )
    _objectives_slide(
        deck,
        "Committed objectives that missed",
        content.missed,
        "None (or the quarter has not ended yet).",
    )
    _objectives_slide(
        deck,
        "Aspirational objectives at 1.0",
        content.sandbagged,
        "None: every aspirational objective left room to stretch.",
    )
    _alignment_health(deck, content)
    _appendix(deck, content)
    deck.save(stream)
