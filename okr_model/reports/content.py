"""What every report says, gathered once from a Scorecard and its OKRTable.

The writers (xlsx, pptx, pdf, html, csv) only lay this content out, so every format tells the
same story with the same numbers as `score --format json` and the dashboard.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd

from okr_model.issues import ERROR, WARNING
from okr_model.loading import OKRTable, Reconciliation
from okr_model.output import (
    ISSUE_FIELDS,
    key_results_frame,
    objectives_frame,
    percent_text,
    score_text,
)
from okr_model.policy import ScoringPolicy, formula_card
from okr_model.rollup import alignment_shares, grade_counts, pace_counts
from okr_model.scorecard import Filters, Scorecard

# Slides, PDF pages and the HTML page list this many objectives per list (best, at risk, ...)
# and this many units per chart, so they stay readable and bounded at any size of file; the
# workbook and the CSV files hold everything.
LIST_LIMIT = 15
CHART_LIMIT = 15
# Objective texts on slides and pages are cut to this many characters (the full text is in the
# workbook and the CSV files).
TEXT_LIMIT = 90
ELLIPSIS = "…"

# The objective columns a list of objectives shows, in order.
HIGHLIGHT_FIELDS = [
    "objective_id",
    "objective",
    "level",
    "unit",
    "owner",
    "objective_type",
    "score",
    "grade",
    "status",
]
UNIT_FIELDS = ["level", "unit", "score", "grade", "objectives", "key_results", "coverage"]
LEVEL_FIELDS = ["level", "score", "grade", "objectives", "key_results", "coverage"]
FILTER_LABELS = {
    "levels": "Levels",
    "units": "Units",
    "owners": "Owners",
    "objective_types": "Objective types",
}
# Each count of the reconciliation: its line in a table, and its term in the sum.
RECONCILIATION_LABELS = {
    "rows_read": ("Rows read", "rows read"),
    "rows_scored": ("Key results scored", "scored"),
    "rows_rejected": ("Rows rejected (errors)", "rejected"),
    "rows_blank": ("Blank rows", "blank"),
    "rows_objectives": ("Rows that define an objective", "objective rows"),
    "rows_not_okrs": ("Other items (not objectives or key results)", "other items"),
    "rows_checkins": ("Check-in rows (progress history)", "check-in rows"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class UnitChart:
    """One chart of unit scores: a title, the units drawn, and what was left out, if anything."""

    title: str
    units: pd.DataFrame
    note: str = ""


@dataclass(frozen=True)
class ReportContent:
    """Everything a report shows, in the order it tells it. Frames are never mutated."""

    company: str
    quarter: str
    as_of: dt.date
    expected_pace: float | None
    created: dt.datetime
    headline: dict[str, object]  # the Scorecard's company dict
    levels: pd.DataFrame
    units: pd.DataFrame
    unit_charts: tuple[UnitChart, ...]
    owners: pd.DataFrame
    grades: pd.DataFrame  # grade, objectives (red, yellow, green, no data)
    pace: pd.DataFrame  # status, objectives (on track, behind, at risk, no data)
    top: pd.DataFrame  # the best objectives, at most LIST_LIMIT
    at_risk: pd.DataFrame  # every objective at risk, lowest score first
    missed: pd.DataFrame  # every committed objective that missed its commitment
    sandbagged: pd.DataFrame  # every aspirational objective at 1.0 or more
    alignment: pd.DataFrame  # per level below company: objectives, aligned, share_aligned
    alignment_share: float | None
    health_summary: pd.DataFrame
    health: pd.DataFrame
    issues: pd.DataFrame
    objectives: pd.DataFrame  # as `score --format json` exports them
    key_results: pd.DataFrame  # as `score --format json` exports them
    policy: ScoringPolicy
    filters: Filters
    reconciliation: Reconciliation
    reconciliation_by_sheet: pd.DataFrame

    @property
    def title(self) -> str:
        return f"{self.company}: OKR report, {self.quarter}"

    @property
    def subtitle(self) -> str:
        return f"Quarter {self.quarter}, as of {self.as_of.isoformat()} ({pace_text(self)})."

    @property
    def created_text(self) -> str:
        return f"Made {self.created:%Y-%m-%d %H:%M} UTC"

    @property
    def policy_card(self) -> str:
        """The formula card (Markdown), exactly as the README and the app show it."""
        return formula_card(self.policy)

    @property
    def file_stem(self) -> str:
        return file_stem(self.company, self.quarter)


def report_content(
    scorecard: Scorecard,
    table: OKRTable,
    *,
    title: str | None = None,
    filters: Filters | None = None,
    created: dt.datetime | None = None,
) -> ReportContent:
    """Gather a report's content from a scorecard and the table it was scored from.

    `title` names the company (default: the first file's name without its extension);
    `filters` are the filters to state (default: the scorecard's own, which `analyse` applied);
    `created` is the time stamped on the report (default: now).
    """
    sc = scorecard
    objectives = sc.objectives
    alignment = alignment_shares(objectives, ["level"])
    below = int(alignment["objectives"].sum())
    return ReportContent(
        company=title or company_name(table),
        quarter=sc.quarter,
        as_of=sc.as_of,
        expected_pace=sc.expected_pace,
        created=created or dt.datetime.now(dt.UTC).replace(microsecond=0),
        headline=dict(sc.company),
        levels=sc.levels[LEVEL_FIELDS],
        units=sc.units[UNIT_FIELDS],
        unit_charts=unit_charts(sc.units),
        owners=sc.owners,
        grades=grade_distribution(objectives),
        pace=pace_distribution(objectives),
        top=highlights(best_first(objectives)).head(LIST_LIMIT),
        at_risk=highlights(worst_first(objectives[objectives["pace_status"].eq("at_risk")])),
        missed=highlights(worst_first(objectives[objectives["missed_commitment"]])),
        sandbagged=highlights(best_first(objectives[objectives["possible_sandbagging"]])),
        alignment=alignment,
        alignment_share=int(alignment["aligned"].sum()) / below if below else None,
        health_summary=sc.health_summary,
        health=sc.health,
        issues=table.issues[ISSUE_FIELDS],
        objectives=objectives_frame(sc),
        key_results=key_results_frame(sc),
        policy=sc.policy,
        filters=filters or sc.filters,
        reconciliation=table.reconciliation,
        reconciliation_by_sheet=table.reconciliation_by_sheet(),
    )


def company_name(table: OKRTable) -> str:
    """The first file's name without its extension ("okrs.xlsx (2)" gives "okrs")."""
    files = [s.file for s in table.source.sheets if s.file]
    if not files:
        return "OKRs"
    name = re.sub(r" \(\d+\)$", "", files[0])
    return PurePath(name).stem or name


def file_stem(company: str, quarter: str) -> str:
    """A file name stem from the company and quarter, safe on every file system."""
    stem = re.sub(r"[^\w.-]+", "-", company).strip("-.") or "okrs"
    return f"{stem[:80]}-{quarter}"


def best_first(objectives: pd.DataFrame) -> pd.DataFrame:
    scored = objectives[objectives["score"].notna()]
    return scored.sort_values(["score", "objective_id"], ascending=[False, True], kind="stable")


def worst_first(objectives: pd.DataFrame) -> pd.DataFrame:
    return objectives.sort_values(["score", "objective_id"], kind="stable", na_position="first")


def highlights(objectives: pd.DataFrame) -> pd.DataFrame:
    """Objectives as the lists show them: pace status as `status`, as in the JSON."""
    return objectives.assign(status=objectives["pace_status"])[HIGHLIGHT_FIELDS].reset_index(
        drop=True
    )


def grade_distribution(objectives: pd.DataFrame) -> pd.DataFrame:
    return grade_counts(objectives).astype({"grade": "str"})


def pace_distribution(objectives: pd.DataFrame) -> pd.DataFrame:
    """Pace counts with each status written as the reports show it ("on track")."""
    counts = pace_counts(objectives)
    return counts.assign(status=counts["status"].map(status_text)).astype({"status": "str"})


def _largest(units: pd.DataFrame) -> pd.DataFrame:
    """The CHART_LIMIT units with the most objectives, best score first."""
    kept = units.sort_values("objectives", ascending=False, kind="stable").head(CHART_LIMIT)
    return units.loc[units.index.isin(kept.index)]


def unit_charts(units: pd.DataFrame) -> tuple[UnitChart, ...]:
    """Department and team scores (or every unit's, in a file without those levels)."""
    charts = []
    for level, noun in (("department", "Departments"), ("team", "Teams")):
        rows = units[units["level"].eq(level)]
        if len(rows):
            charts.append(_unit_chart(noun, rows))
    if not charts and len(units):
        charts.append(_unit_chart("Units", units))
    return tuple(charts)


def _unit_chart(noun: str, rows: pd.DataFrame) -> UnitChart:
    shown = _largest(rows)[UNIT_FIELDS].reset_index(drop=True)
    note = (
        f"The {len(shown)} with the most objectives, of {len(rows):,}."
        if len(shown) < len(rows)
        else ""
    )
    return UnitChart(title=noun, units=shown, note=note)


# --- text, the same in every format ---


def grade_text(value: object) -> str:
    return value if isinstance(value, str) and value else "no data"


def status_text(value: object) -> str:
    """on_track -> "on track"; missing -> "no data"."""
    return value.replace("_", " ") if isinstance(value, str) and value else "no data"


def plain(value: object) -> str:
    """User text as one printable string: control characters (invalid in XML) removed."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    return _CONTROL.sub("", str(value).replace("\t", " "))


def shorten(value: object, limit: int = TEXT_LIMIT) -> str:
    """At most `limit` characters, cut at the end with an ellipsis."""
    text = plain(value)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def pace_text(content: ReportContent) -> str:
    if content.expected_pace is None:
        return "no quarter dates, so no expected pace"
    return f"{content.expected_pace:.0%} of the quarter elapsed"


def headline_lines(content: ReportContent) -> list[str]:
    """The headline figures as sentences: the first slide, page and section of every report."""
    h = content.headline
    pace = dict(zip(content.pace["status"], content.pace["objectives"], strict=True))
    lines = [
        f"Company score {score_text(h['score'])} ({grade_text(h['grade'])}), "
        f"the mean of {h['basis']}.",
        f"{h['objectives']} objectives and {h['key_results']} key results; "
        f"{percent_text(h['coverage'])} of the key results have data.",
    ]
    if content.expected_pace is not None:
        lines.append(
            f"Expected pace: {pace_text(content)}. Objectives: {pace['on track']} on track, "
            f"{pace['behind']} behind, {pace['at risk']} at risk, {pace['no data']} no data."
        )
    lines.append(
        f"{len(content.missed)} committed objectives missed their commitment; "
        f"{len(content.sandbagged)} aspirational objectives scored 1.0 or more."
    )
    if content.alignment_share is not None:
        lines.append(
            f"{percent_text(content.alignment_share)} of the objectives below company level "
            "are aligned to a parent."
        )
    failed = int(content.health_summary["failed"].sum())
    lines.append(f"{failed} health findings; {issue_counts_text(content)}.")
    return lines


def issue_counts_text(content: ReportContent) -> str:
    severity = content.issues["severity"]
    errors, warnings = int(severity.eq(ERROR).sum()), int(severity.eq(WARNING).sum())
    return f"{errors} errors and {warnings} warnings in the file"


def filter_lines(filters: Filters) -> list[str]:
    """The filters applied, one line each, or one line saying there are none."""
    lines = [
        f"{label}: {', '.join(plain(v) for v in getattr(filters, name))}"
        for name, label in FILTER_LABELS.items()
        if getattr(filters, name)
    ]
    return lines or ["No filters: every objective of the quarter."]


def policy_lines(policy: ScoringPolicy) -> list[str]:
    """The scoring policy's switches in one sentence each (the formula card has the detail)."""
    g = policy.grades
    return [
        "Key results with an assessed score are scored by it."
        if policy.use_assessed_scores
        else "Assessed scores are ignored: every key result is scored from its numbers.",
        "Key results without data count as 0."
        if policy.no_data_as_zero
        else "Key results without data are left out of every mean.",
        "Objectives are scored from their key results."
        if policy.rollup == "key_results"
        else "Objectives are scored from their key results and their aligned child objectives.",
        f"Grades: red below {g.yellow_from:g}, yellow from {g.yellow_from:g}, "
        f"green from {g.green_from:g}.",
    ]


def card_paragraphs(card: str) -> list[str]:
    """The formula card as plain paragraphs (bold markers removed), one per line of text."""
    return [line.replace("**", "") for line in card.splitlines() if line.strip()]


def _reconciliation_label(key: str, short: bool) -> str:
    """A count's label; a count added to Reconciliation later gets one from its name."""
    fallback = key.removeprefix("rows_").replace("_", " ")
    labels = RECONCILIATION_LABELS.get(key, (fallback.capitalize(), fallback))
    return labels[1] if short else labels[0]


def reconciliation_text(reconciliation: Reconciliation) -> str:
    """ "708 rows read = 708 scored + 0 rejected + ...": where every row read went."""
    counts = reconciliation.as_dict()
    read = counts.pop("rows_read")
    terms = " + ".join(f"{n} {_reconciliation_label(k, short=True)}" for k, n in counts.items())
    return f"{read} rows read = {terms}."


def reconciliation_rows(reconciliation: Reconciliation) -> pd.DataFrame:
    """The reconciliation as a table: one count per row."""
    counts = reconciliation.as_dict()
    return pd.DataFrame(
        {
            "count": [_reconciliation_label(k, short=False) for k in counts],
            "rows": list(counts.values()),
        }
    ).astype({"count": "str"})


def sheet_reconciliation_rows(by_sheet: pd.DataFrame, limit: int) -> list[list[str]]:
    """The reconciliation by file and sheet as rows of text (header first), at most `limit`."""
    header = ["File", "Sheet"]
    header += [_reconciliation_label(c, short=True).capitalize() for c in by_sheet.columns[2:]]
    rows = [[plain(v) for v in row] for row in by_sheet.head(limit).itertuples(index=False)]
    return [header, *rows]


def more_text(shown: int, total: int, where: str = "the workbook") -> str:
    """A note under a list cut to its first rows ("" when nothing was left out)."""
    return f"{shown} of {total:,} shown; {where} lists them all." if total > shown else ""


OBJECTIVE_LIST_HEADER = ["Id", "Objective", "Level · unit", "Owner", "Score", "Grade", "Pace"]


def objective_list_rows(
    frame: pd.DataFrame, *, unit_limit: int = 40, owner_limit: int = 40
) -> list[list[str]]:
    """A list of objectives as the slides and pages show it: a header and at most LIST_LIMIT
    rows of text, long texts cut."""
    rows = [OBJECTIVE_LIST_HEADER]
    for o in frame.head(LIST_LIMIT).itertuples(index=False):
        unit = " · ".join(plain(v) for v in (o.level, o.unit) if plain(v))
        rows.append(
            [
                plain(o.objective_id),
                shorten(o.objective),
                shorten(unit, unit_limit),
                shorten(o.owner, owner_limit),
                score_text(o.score),
                grade_text(o.grade),
                status_text(o.status),
            ]
        )
    return rows


LEVEL_TABLE_HEADER = [
    "Level",
    "Score",
    "Completion",
    "Grade",
    "Objectives",
    "Key results",
    "With data",
]


def level_table_rows(levels: pd.DataFrame) -> list[list[str]]:
    """The completion-by-level table as text: a header and one row per level."""
    return [
        LEVEL_TABLE_HEADER,
        *(
            [
                plain(r.level),
                score_text(r.score),
                percent_text(r.score),
                grade_text(r.grade),
                str(r.objectives),
                str(r.key_results),
                percent_text(r.coverage),
            ]
            for r in levels.itertuples(index=False)
        ),
    ]
