"""The report as a PDF: the deck's story on numbered A4 pages, readable in black and white.

Drawn with reportlab (pure Python; charts from reportlab.graphics, no browser). Every bar is
labelled with its number and its grade or status in words, so nothing depends on colour. Text
is set in DejaVu Sans (see `fonts.py`), which covers Vietnamese. Headings are also the PDF's
outline (bookmarks), and every page says "Page N of M".
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import BinaryIO

import pandas as pd
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from okr_model.charts import GRADE_COLOURS, PACE_COLOURS
from okr_model.reports.content import (
    LIST_LIMIT,
    ReportContent,
    filter_lines,
    grade_text,
    headline_lines,
    level_table_rows,
    more_text,
    objective_list_rows,
    percent_text,
    plain,
    policy_lines,
    reconciliation_rows,
    reconciliation_text,
    score_text,
    sheet_reconciliation_rows,
    shorten,
)
from okr_model.reports.fonts import find_font

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
NO_DATA_COLOUR = "#999999"
SHEETS_LISTED = 50  # reconciliation rows by sheet, at most


@cache
def _font() -> tuple[str, str]:
    """(regular, bold) font names registered with reportlab."""
    files = find_font()
    if files is None:
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont("OKRSans", str(files.regular)))
    pdfmetrics.registerFont(TTFont("OKRSans-Bold", str(files.bold)))
    pdfmetrics.registerFontFamily(
        "OKRSans",
        normal="OKRSans",
        bold="OKRSans-Bold",
        italic="OKRSans",
        boldItalic="OKRSans-Bold",
    )
    return "OKRSans", "OKRSans-Bold"


@cache
def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = _font()
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "Body", parent=base["BodyText"], fontName=regular, fontSize=9.5, leading=12.5
    )
    return {
        "title": ParagraphStyle(
            "ReportTitle", parent=base["Title"], fontName=bold, fontSize=20, leading=24
        ),
        "h1": ParagraphStyle(
            "Heading1",
            parent=base["Heading1"],
            fontName=bold,
            fontSize=14,
            leading=18,
            spaceBefore=10,
        ),
        "h2": ParagraphStyle(
            "Heading2", parent=base["Heading2"], fontName=bold, fontSize=11, leading=14
        ),
        "body": body,
        "bullet": ParagraphStyle(
            "Bullet", parent=body, leftIndent=10, bulletIndent=0, bulletFontName=regular
        ),
        "small": ParagraphStyle("Small", parent=body, fontSize=8, leading=10),
        "cell": ParagraphStyle("Cell", parent=body, fontSize=8, leading=9.5),
        "head": ParagraphStyle("Head", parent=body, fontName=bold, fontSize=8, leading=9.5),
    }


def _text(value: object) -> str:
    """User text made safe for reportlab's paragraph markup (which reads <, > and &)."""
    return html.escape(plain(value), quote=False)


def _markdown(line: str) -> str:
    """A formula card line: its **bold** as <b>, everything else escaped."""
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", _text(line))


class _Heading(Paragraph):
    """A heading that is also an entry of the PDF's outline."""

    def __init__(self, text: str, style: ParagraphStyle, level: int = 0) -> None:
        super().__init__(_text(text), style)
        self.outline_text, self.outline_level = plain(text), level


class _Document(SimpleDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _Heading):
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_text, key, level=flowable.outline_level)


def _numbered_canvas(footer: str) -> type[Canvas]:
    """A canvas that holds its pages back until it knows how many there are."""
    regular, _ = _font()

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self.setFont(regular, 8)
                self.setFillColor(colors.black)
                self.drawString(MARGIN, 10 * mm, footer)
                self.drawRightString(A4[0] - MARGIN, 10 * mm, f"Page {number} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _table(rows: list[list[str]], widths: list[float]) -> Table:
    """A table of text with a bold header row, repeated on each page it spans."""
    styles = _styles()
    data = [[Paragraph(_text(c), styles["head"]) for c in rows[0]]]
    data += [[Paragraph(_text(c), styles["cell"]) for c in row] for row in rows[1:]]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    table.setStyle(TableStyle(commands))
    return table


def _objectives(frame: pd.DataFrame, empty: str) -> list[Flowable]:
    styles = _styles()
    if frame.empty:
        return [Paragraph(_text(empty), styles["body"])]
    widths = [24 * mm, 54 * mm, 28 * mm, 24 * mm, 13 * mm, 14 * mm, 17 * mm]
    out: list[Flowable] = [_table(objective_list_rows(frame), widths)]
    note = more_text(min(len(frame), LIST_LIMIT), len(frame), "the workbook and the CSV files")
    if note:
        out.append(Paragraph(_text(note), styles["small"]))
    return out


def _colour(name: object, palette: dict[str, str]) -> colors.Color:
    return colors.HexColor(
        palette.get(name, NO_DATA_COLOUR) if isinstance(name, str) else NO_DATA_COLOUR
    )


def _score_chart(names: list[str], scores: pd.Series, grades: pd.Series) -> Drawing:
    """Horizontal bars of scores (0-1), each labelled "0.43 yellow"."""
    regular, _ = _font()
    height = 30 + 18 * len(names)
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 150, 15, WIDTH - 230, height - 25
    # reportlab draws the first category at the bottom: reverse so the table's order reads down.
    chart.data = [[float(s) if pd.notna(s) else 0.0 for s in scores][::-1]]
    chart.categoryAxis.categoryNames = [shorten(n, 32) for n in names][::-1]
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 1, 0.1
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.4
    labels = [f"{score_text(s)} {grade_text(g)}" for s, g in zip(scores, grades, strict=True)]
    for i, grade in enumerate(list(grades)[::-1]):
        chart.bars[(0, i)].fillColor = _colour(grade, GRADE_COLOURS)
    chart.barLabelFormat = "values"
    chart.barLabelArray = [labels[::-1]]
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _count_chart(
    names: list[str],
    counts: list[int],
    palette_keys: list[str],
    palette: dict[str, str],
    width: float,
) -> Drawing:
    """Vertical bars of counts, each labelled with its count and name."""
    regular, _ = _font()
    drawing = Drawing(width, 150)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 30, width - 45, 105
    chart.data = [counts]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(max(counts, default=0) * 1.2, 1)
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.bars.strokeColor = colors.black
    chart.bars.strokeWidth = 0.4
    for i, key in enumerate(palette_keys):
        chart.bars[(0, i)].fillColor = _colour(key, palette)
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[f"{c} {n}" for c, n in zip(counts, names, strict=True)]]
    chart.barLabels.fontName = regular
    chart.barLabels.fontSize = 7.5
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 2
    drawing.add(chart)
    return drawing


def _bullets(lines: list[str]) -> list[Flowable]:
    style = _styles()["bullet"]
    return [Paragraph(_text(line), style, bulletText="•") for line in lines]


def _levels(content: ReportContent) -> list[Flowable]:
    s = _styles()
    levels = content.levels
    rows = level_table_rows(levels)
    return [
        _Heading("Completion by level", s["h1"]),
        _score_chart([plain(v) for v in levels["level"]], levels["score"], levels["grade"]),
        _table(rows, [28 * mm, 20 * mm, 26 * mm, 20 * mm, 26 * mm, 26 * mm, 24 * mm]),
    ]


def _units(content: ReportContent) -> list[Flowable]:
    s = _styles()
    out: list[Flowable] = []
    for chart in content.unit_charts:
        units = chart.units
        rows = [["Unit", "Level", "Score", "Grade", "Objectives", "With data"]]
        rows += [
            [
                shorten(r.unit, 50),
                plain(r.level),
                score_text(r.score),
                grade_text(r.grade),
                str(r.objectives),
                percent_text(r.coverage),
            ]
            for r in units.itertuples(index=False)
        ]
        block: list[Flowable] = [
            _Heading(chart.title, s["h1"]),
            _score_chart([plain(v) for v in units["unit"]], units["score"], units["grade"]),
        ]
        if chart.note:
            block.append(Paragraph(_text(chart.note), s["small"]))
        block.append(_table(rows, [60 * mm, 25 * mm, 20 * mm, 20 * mm, 24 * mm, 20 * mm]))
        out += block
    return out


def _distribution(content: ReportContent) -> list[Flowable]:
    s = _styles()
    half = WIDTH / 2 - 5
    grades = content.grades
    pace = content.pace
    charts = Table(
        [
            [
                _count_chart(
                    grades["grade"].tolist(),
                    grades["objectives"].tolist(),
                    grades["grade"].tolist(),
                    GRADE_COLOURS,
                    half,
                ),
                _count_chart(
                    pace["status"].tolist(),
                    pace["objectives"].tolist(),
                    [v.replace(" ", "_") for v in pace["status"]],
                    PACE_COLOURS,
                    half,
                ),
            ]
        ],
        colWidths=[half + 5, half + 5],
    )
    return [
        _Heading("Grades and expected pace", s["h1"]),
        Paragraph(_text(content.subtitle), s["body"]),
        charts,
    ]


def _alignment_health(content: ReportContent) -> list[Flowable]:
    s = _styles()
    share = percent_text(content.alignment_share)
    rows = [["Level", "Objectives", "Aligned", "Share aligned"]]
    rows += [
        [plain(r.level), str(r.objectives), str(r.aligned), percent_text(r.share_aligned)]
        for r in content.alignment.itertuples(index=False)
    ]
    health = [["Check", "Checked", "Passed", "Failed", "Share passed"]]
    health += [
        [r.description, str(r.checked), str(r.passed), str(r.failed), percent_text(r.share_passed)]
        for r in content.health_summary.itertuples(index=False)
    ]
    return [
        _Heading("Alignment", s["h1"]),
        Paragraph(
            _text(f"{share} of the objectives below company level are aligned to a parent."),
            s["body"],
        ),
        _table(rows, [40 * mm, 30 * mm, 30 * mm, 30 * mm]),
        _Heading("OKR health", s["h1"]),
        _table(health, [85 * mm, 20 * mm, 20 * mm, 20 * mm, 25 * mm]),
    ]


def _appendix(content: ReportContent) -> list[Flowable]:
    s = _styles()
    card = []
    for line in content.policy_card.splitlines():
        if not line.strip():
            continue
        bullet = line.startswith("- ")
        card.append(
            Paragraph(
                _markdown(line[2:] if bullet else line),
                s["bullet"] if bullet else s["body"],
                bulletText="•" if bullet else None,
            )
        )
    reconciliation = [["Count", "Rows"]]
    reconciliation += [
        [plain(r.count), str(r.rows)]
        for r in reconciliation_rows(content.reconciliation).itertuples(index=False)
    ]
    sheets = sheet_reconciliation_rows(content.reconciliation_by_sheet, SHEETS_LISTED)
    counts = len(sheets[0]) - 2
    sheet_widths = [40 * mm, 24 * mm] + [(WIDTH - 64 * mm) / counts] * counts
    return [
        _Heading("Appendix A. Scoring policy", s["h1"]),
        *_bullets(policy_lines(content.policy)),
        Spacer(1, 6),
        *card,
        _Heading("Appendix B. Reconciliation", s["h1"]),
        Paragraph(_text(reconciliation_text(content.reconciliation)), s["body"]),
        _table(reconciliation, [70 * mm, 25 * mm]),
        Spacer(1, 6),
        _table(sheets, sheet_widths),
        _Heading("Appendix C. Filters", s["h1"]),
        *_bullets(filter_lines(content.filters)),
    ]


def story(content: ReportContent) -> list[Flowable]:
    """The report's flowables, in the order of the deck."""
    s = _styles()
    return [
        Paragraph(_text(content.title), s["title"]),
        Paragraph(_text(content.subtitle), s["body"]),
        Paragraph(_text(content.created_text), s["small"]),
        _Heading("Headline", s["h1"]),
        *_bullets(headline_lines(content)),
        Spacer(1, 4),
        Paragraph("<b>Filters</b>", s["body"]),
        *_bullets(filter_lines(content.filters)),
        Paragraph("<b>Scoring policy</b> (Appendix A has the formula card)", s["body"]),
        *_bullets(policy_lines(content.policy)),
        *_levels(content),
        *_units(content),
        KeepTogether(_distribution(content)),
        _Heading(f"Objectives at risk ({len(content.at_risk)})", s["h1"]),
        *_objectives(content.at_risk, "No objective is at risk."),
        _Heading("Best objectives", s["h1"]),
        *_objectives(content.top, "No objective has a score yet."),
        _Heading(f"Committed objectives that missed ({len(content.missed)})", s["h1"]),
        *_objectives(content.missed, "None (or the quarter has not ended yet)."),
        _Heading(f"Aspirational objectives at 1.0 ({len(content.sandbagged)})", s["h1"]),
        *_objectives(
            content.sandbagged, "None: every aspirational objective left room to stretch."
        ),
        *_alignment_health(content),
        *_appendix(content),
    ]


def write_pdf(content: ReportContent, stream: BinaryIO) -> None:
    """Write the report as a PDF to a binary stream."""
    document = _Document(
        stream,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=content.title,
        subject=content.subtitle,
        creator="okr_model",
        invariant=True,
    )
    footer = f"{shorten(content.title, 80)} · {content.created_text}"
    document.build(story(content), canvasmaker=_numbered_canvas(footer))
