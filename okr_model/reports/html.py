"""The report as one self-contained HTML page with interactive plotly charts, usable offline.

plotly.js is embedded once, with the first chart; the others reuse it. Every piece of user text
on the page goes through `html.escape`, and plotly's own JSON escapes `<`, so a name like
`</script>` stays text. The charts are the dashboard's own (`okr_model.charts`).
"""

from __future__ import annotations

import html
import re
from typing import BinaryIO

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from okr_model import charts
from okr_model.reports.content import (
    LIST_LIMIT,
    ReportContent,
    filter_lines,
    grade_text,
    headline_lines,
    level_table_rows,
    more_text,
    percent_text,
    plain,
    policy_lines,
    reconciliation_text,
    score_text,
    sheet_reconciliation_rows,
    status_text,
)

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       max-width: 1100px; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
.meta { color: #555; } .headline { font-size: 1.1rem; }
.score { font-size: 3rem; font-weight: bold; margin: .5rem 0 0; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: left;
         vertical-align: top; }
th { background: #eef3fa; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.grade-red { background: #F6CDB3; } .grade-yellow { background: #F9E2B3; }
.grade-green { background: #B3E2D5; }
.note { color: #555; font-size: .9rem; } .chart { margin: 1rem 0; }
@media print { .chart { break-inside: avoid; } }
"""
SHEETS_LISTED = 200  # reconciliation rows by sheet, at most
_NUMERIC = {"score", "completion", "objectives", "key results", "with data", "share", "rows"}


def _e(value: object) -> str:
    return html.escape(plain(value))


def _table(rows: list[list[str]], *, grade_column: int | None = None) -> str:
    """An HTML table of text; every cell escaped, numbers right-aligned."""
    header, body = rows[0], rows[1:]
    numeric = [h.lower() in _NUMERIC for h in header]
    parts = ["<table><thead><tr>", *(f"<th>{_e(h)}</th>" for h in header), "</tr></thead><tbody>"]
    for row in body:
        parts.append("<tr>")
        for c, value in enumerate(row):
            classes = []
            if numeric[c]:
                classes.append("num")
            if c == grade_column and value in {"red", "yellow", "green"}:
                classes.append(f"grade-{value}")
            attribute = f' class="{" ".join(classes)}"' if classes else ""
            parts.append(f"<td{attribute}>{_e(value)}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(line)}</li>" for line in lines) + "</ul>"


def _objectives(frame: pd.DataFrame, empty: str) -> str:
    if frame.empty:
        return f'<p class="note">{_e(empty)}</p>'
    rows = [["Id", "Objective", "Level", "Unit", "Owner", "Score", "Grade", "Pace"]]
    rows += [
        [
            plain(o.objective_id),
            plain(o.objective),
            plain(o.level),
            plain(o.unit),
            plain(o.owner),
            score_text(o.score),
            grade_text(o.grade),
            status_text(o.status),
        ]
        for o in frame.head(LIST_LIMIT).itertuples(index=False)
    ]
    note = more_text(min(len(frame), LIST_LIMIT), len(frame), "the workbook and the CSV files")
    return _table(rows, grade_column=6) + (f'<p class="note">{_e(note)}</p>' if note else "")


class _Figures:
    """Figures as HTML divs: plotly.js inline with the first, never again."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, figure: go.Figure, name: str) -> str:
        self.count += 1
        div = pio.to_html(
            figure,
            full_html=False,
            include_plotlyjs=self.count == 1,
            div_id=f"chart-{name}",  # fixed ids: the same report gives the same file
            default_height="420px",
            config={"displaylogo": False, "responsive": True},
            validate=False,
        )
        return f'<div class="chart">{div}</div>'


def _markdown(line: str) -> str:
    """A formula card line as HTML: escaped, with its **bold** as <strong>."""
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(line))


def _card(card: str) -> str:
    parts, bullets = [], []
    for line in [*card.splitlines(), ""]:
        if line.startswith("- "):
            bullets.append(f"<li>{_markdown(line[2:])}</li>")
            continue
        if bullets:
            parts.append("<ul>" + "".join(bullets) + "</ul>")
            bullets = []
        if line.strip():
            parts.append(f"<p>{_markdown(line)}</p>")
    return "".join(parts)


def render_html(content: ReportContent) -> str:
    """The report page as text."""
    c = content
    figure = _Figures()
    bands = c.policy.grades
    levels = c.levels
    h = c.headline
    sections = [
        f"<h1>{_e(c.title)}</h1>",
        f'<p class="meta">{_e(c.subtitle)} {_e(c.created_text)}.</p>',
        "<h2>Headline</h2>",
        f'<p class="score">{_e(score_text(h["score"]))} {_e(grade_text(h["grade"]))}</p>',
        f'<div class="headline">{_list(headline_lines(c))}</div>',
        "<h3>Filters</h3>",
        _list(filter_lines(c.filters)),
        "<h3>Scoring policy</h3>",
        _list(policy_lines(c.policy)),
        "<h2>Completion by level</h2>",
        figure(
            charts.score_bars(levels, "level", title="Completion by level", bands=bands), "levels"
        ),
        _table(level_table_rows(levels), grade_column=3),
    ]
    for unit_chart in c.unit_charts:
        units = unit_chart.units
        sections += [
            f"<h2>{_e(unit_chart.title)}</h2>",
            figure(
                charts.score_bars(units, "unit", title=unit_chart.title, bands=bands),
                unit_chart.title.lower(),
            ),
            f'<p class="note">{_e(unit_chart.note)}</p>' if unit_chart.note else "",
        ]
    objectives = c.objectives.assign(pace_status=c.objectives["status"])
    sections += [
        "<h2>Grades and expected pace</h2>",
        figure(charts.grade_counts(objectives), "grades"),
        figure(charts.pace_counts(objectives), "pace"),
        figure(charts.score_histogram(objectives, bands), "histogram"),
        f"<h2>Objectives at risk ({len(c.at_risk)})</h2>",
        _objectives(c.at_risk, "No objective is at risk."),
        "<h2>Best objectives</h2>",
        _objectives(c.top, "No objective has a score yet."),
        f"<h2>Committed objectives that missed ({len(c.missed)})</h2>",
        _objectives(c.missed, "None (or the quarter has not ended yet)."),
        f"<h2>Aspirational objectives at 1.0 ({len(c.sandbagged)})</h2>",
        _objectives(c.sandbagged, "None: every aspirational objective left room to stretch."),
        "<h2>Alignment</h2>",
        f"<p>{_e(percent_text(c.alignment_share))} of the objectives below company level are "
        "aligned to a parent.</p>",
        _table(
            [["Level", "Objectives", "Aligned", "Share"]]
            + [
                [plain(r.level), str(r.objectives), str(r.aligned), percent_text(r.share_aligned)]
                for r in c.alignment.itertuples(index=False)
            ]
        ),
        "<h2>OKR health</h2>",
        _table(
            [["Check", "Checked", "Passed", "Failed", "Share"]]
            + [
                [
                    r.description,
                    str(r.checked),
                    str(r.passed),
                    str(r.failed),
                    percent_text(r.share_passed),
                ]
                for r in c.health_summary.itertuples(index=False)
            ]
        ),
        "<h2>Appendix: scoring policy</h2>",
        _card(c.policy_card),
        "<h2>Appendix: reconciliation</h2>",
        f"<p>{_e(reconciliation_text(c.reconciliation))}</p>",
        _table(sheet_reconciliation_rows(c.reconciliation_by_sheet, SHEETS_LISTED)),
        "<h2>Appendix: filters</h2>",
        _list(filter_lines(c.filters)),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(c.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(s for s in sections if s)
        + "\n</body>\n</html>\n"
    )


def write_html(content: ReportContent, stream: BinaryIO) -> None:
    """Write the report page (UTF-8) to a binary stream."""
    stream.write(render_html(content).encode("utf-8"))
