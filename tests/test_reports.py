"""Score reports: every format, read back with its own reader, tells the CLI's JSON story.

Reports of the sample company are compared with `score --format json` (run through the CLI):
the company score, the level scores and the objectives at risk. Golden files pin each format's
structure; OKR_UPDATE_GOLDEN=1 rewrites them.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import AS_OF, ROOT, SAMPLE_WORKBOOK, write_csv
from report_readers import (
    Page,
    assert_golden,
    flat,
    html_outline,
    pdf_fonts,
    pdf_outline,
    pdf_pages,
    pptx_outline,
    pptx_slides,
    sheet_records,
    sheet_rows,
    xlsx_charts,
    xlsx_outline,
)

from okr_model import analyse, formula_card, load_okrs
from okr_model.cli import main
from okr_model.policy import ScoringPolicy
from okr_model.reports import FORMATS, file_name, render, report_content, write_report
from okr_model.reports.content import (
    CHART_LIMIT,
    ELLIPSIS,
    LIST_LIMIT,
    TEXT_LIMIT,
    card_paragraphs,
    reconciliation_text,
    shorten,
)
from okr_model.reports.fonts import find_font
from okr_model.samples import scaled_okrs, write_workbook
from okr_model.scorecard import Filters

CREATED = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.UTC)
INJECTED = '=HYPERLINK("http://example.invalid","x")'
SCRIPT = "</script><script>alert(1)</script>"
VIETNAMESE = "Tăng trưởng doanh thu"
LONG = "Make every single tea subscriber feel " + "truly " * 20 + "welcomed"


def cli_json(*args: str) -> dict:
    """`score FILE --format json`, run through the CLI's main, as a dict."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["score", *args, "--format", "json"]) == 0
    return json.loads(out.getvalue())


def by_kind(paths: list[Path]) -> dict[str, Path]:
    """Paths by format, and the two CSV files as "objectives" and "key_results"."""
    kinds = {}
    for path in paths:
        kind = path.suffix.lstrip(".")
        if kind == "csv":
            kind = "objectives" if path.stem.endswith("-objectives") else "key_results"
        kinds[kind] = path
    return kinds


def at_risk_ids(data: dict) -> list[str]:
    """The JSON's objectives at risk, lowest score first (ties by id), as the reports list them."""
    risky = [o for o in data["objectives"] if o["status"] == "at_risk"]
    return [o["objective_id"] for o in sorted(risky, key=lambda o: (o["score"], o["objective_id"]))]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict:
    """The sample company's reports in every format, and the CLI's JSON for the same view."""
    folder = tmp_path_factory.mktemp("sample_reports")
    table = load_okrs(SAMPLE_WORKBOOK)
    card = analyse(table, as_of=AS_OF)
    paths = write_report(card, table, folder, created=CREATED)
    return {
        "json": cli_json(str(SAMPLE_WORKBOOK), "--as-of", AS_OF.isoformat()),
        "paths": by_kind(paths),
        "content": report_content(card, table, created=CREATED),
    }


@pytest.fixture(scope="module")
def special(tmp_path_factory) -> dict[str, Path]:
    """Reports of a sheet whose texts look like formulas, markup and Vietnamese."""
    folder = tmp_path_factory.mktemp("special_reports")
    header = ["Quarter", "Level", "Unit", "Owner", "Objective", "Key Result"]
    header += ["Start", "Target", "Current"]
    rows = [
        header,
        ["2026-Q3", "company", "", "@x", INJECTED, "+1 cmd", 0, 10, 2],
        ["2026-Q3", "company", "", "@x", INJECTED, "-2 cmd", 0, 10, 1],
        ["2026-Q3", "team", "Bán hàng", "Ngọc", VIETNAMESE, "Mục tiêu <b>&amp;</b>", 0, 10, 9],
        ["2026-Q3", "team", "Bán hàng", "Ngọc", SCRIPT, "KR", 0, 10, 1],
        ["2026-Q3", "team", "Bán hàng", "Ngọc", LONG, "KR", 0, 10, 5],
    ]
    source = write_csv(folder / "special.csv", rows)
    table = load_okrs(source)
    paths = write_report(analyse(table, as_of=dt.date(2026, 8, 1)), table, folder)
    return by_kind(paths)


# --- the content every format lays out ---


def test_content_numbers_are_the_scorecards(sample):
    content, data = sample["content"], sample["json"]
    assert content.headline == data["company"]
    assert content.levels["score"].tolist() == pytest.approx([lv["score"] for lv in data["levels"]])
    assert content.at_risk["objective_id"].tolist() == at_risk_ids(data)
    assert content.reconciliation.as_dict() == data["reconciliation"]


def test_gathering_content_leaves_the_scorecard_untouched():
    table = load_okrs(SAMPLE_WORKBOOK)
    card = analyse(table, as_of=AS_OF)
    before = card.objectives.copy(), card.key_results.copy()
    report_content(card, table)
    pd.testing.assert_frame_equal(card.objectives, before[0])
    pd.testing.assert_frame_equal(card.key_results, before[1])


def test_content_lists_are_bounded_and_ordered(sample):
    content = sample["content"]
    assert len(content.top) == LIST_LIMIT
    assert content.top["score"].is_monotonic_decreasing
    assert content.at_risk["score"].is_monotonic_increasing
    assert all(len(chart.units) <= CHART_LIMIT for chart in content.unit_charts)
    assert [chart.title for chart in content.unit_charts] == ["Departments", "Teams"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("short", "short", id="short-unchanged"),
        pytest.param("x" * TEXT_LIMIT, "x" * TEXT_LIMIT, id="exactly-the-limit"),
        pytest.param("x" * 200, "x" * (TEXT_LIMIT - 1) + ELLIPSIS, id="long-cut-with-ellipsis"),
        pytest.param("a\tb\x07c", "a bc", id="control-characters-removed"),
        pytest.param(None, "", id="missing"),
    ],
)
def test_shorten(text, expected):
    assert shorten(text) == expected


def test_title_and_file_names_come_from_the_file_or_the_title(sample):
    content = sample["content"]
    assert content.company == "lanternfish_okrs"
    assert content.title == "lanternfish_okrs: OKR report, 2026-Q4"
    assert file_name("xlsx", content.file_stem) == "lanternfish_okrs-2026-Q4.xlsx"
    table = load_okrs(SAMPLE_WORKBOOK)
    named = report_content(analyse(table, as_of=AS_OF), table, title="Lanternfish / Tea Co.")
    assert named.title.startswith("Lanternfish / Tea Co.:")
    assert named.file_stem == "Lanternfish-Tea-Co-2026-Q4"


def test_filters_and_policy_are_stated():
    table = load_okrs(SAMPLE_WORKBOOK)
    card = analyse(
        table,
        as_of=AS_OF,
        filters=Filters(levels=("team",), units=("Growth",)),
        policy=ScoringPolicy(no_data_as_zero=True),
    )
    content = report_content(card, table)
    page = Page(render("html", content).decode("utf-8"))
    text = " ".join(page.text)
    assert "Levels: team" in text
    assert "Units: Growth" in text
    assert "Key results without data count as 0." in text


# --- each format, read back ---


def test_xlsx_numbers_equal_the_cli_json(sample):
    path, data = sample["paths"]["xlsx"], sample["json"]
    summary = {row[0]: row[1] for row in sheet_rows(path, "Summary") if row and row[0]}
    assert summary["Company score"] == pytest.approx(data["company"]["score"])
    assert summary["Company grade"] == data["company"]["grade"]
    levels = sheet_records(path, "Levels")
    assert [(r["Level"], r["Score"]) for r in levels] == [
        (lv["level"], pytest.approx(lv["score"])) for lv in data["levels"]
    ]
    objectives = sheet_records(path, "Objectives")
    at_risk = {r["Objective id"] for r in objectives if r["Status"] == "at_risk"}
    assert at_risk == set(at_risk_ids(data))
    highlights = [row[0] for row in sheet_rows(path, "Highlights")]
    first = highlights.index("Objective id") + 1
    assert highlights[first : first + len(at_risk)] == at_risk_ids(data)
    assert len(sheet_records(path, "Key results")) == len(data["key_results"])
    units = {(r["Level"], r["Unit"]): r["Score"] for r in sheet_records(path, "Units")}
    assert units == {(u["level"], u["unit"]): pytest.approx(u["score"]) for u in data["units"]}


def test_xlsx_tables_are_filterable_frozen_and_typed(sample):
    import openpyxl

    book = openpyxl.load_workbook(sample["paths"]["xlsx"])
    sheet = book["Objectives"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    header = [c.value for c in sheet[1]]
    score = sheet.cell(row=2, column=header.index("Score") + 1)
    assert score.data_type == "n"
    assert score.number_format == "0%"
    assert sheet.conditional_formatting  # grade and pace words get their colour
    assert len(xlsx_charts(sample["paths"]["xlsx"])) == 3
    reconciliation = book["Reconciliation"]
    assert reconciliation["A1"].value == reconciliation_text(sample["content"].reconciliation)
    policy = [c.value for c in book["Policy"]["A"] if c.value]
    assert set(card_paragraphs(formula_card())) <= set(policy)


def test_pptx_numbers_equal_the_cli_json(sample):
    data = sample["json"]
    slides = {s.title: s for s in pptx_slides(sample["paths"]["pptx"])}
    headline = slides["Headline"]
    assert f"{data['company']['score']:.2f}" in headline.texts
    levels = slides["Completion by level"]
    chart = levels.charts[0]
    assert list(chart.plots[0].categories) == [lv["level"] for lv in data["levels"]]
    assert list(chart.plots[0].series[0].values) == pytest.approx(
        [lv["score"] for lv in data["levels"]]
    )
    assert [row[1] for row in levels.tables[0][1:]] == [
        f"{lv['score']:.2f}" for lv in data["levels"]
    ]
    risky = at_risk_ids(data)
    at_risk = slides[f"Objectives at risk ({len(risky)})"]
    assert [row[0] for row in at_risk.tables[0][1:]] == risky[:LIST_LIMIT]
    assert any(f"{LIST_LIMIT} of {len(risky)} shown" in t for t in at_risk.texts)


def test_pdf_numbers_equal_the_cli_json(sample):
    data = sample["json"]
    pages = pdf_pages(sample["paths"]["pdf"])
    text = flat(" ".join(pages))
    company = data["company"]
    assert f"Company score {company['score']:.2f} ({company['grade']})" in text
    for level in data["levels"]:
        score = level["score"]
        assert f"{level['level']} {score:.2f} {score:.0%} {level['grade']}" in text
    risky = at_risk_ids(data)
    section = text.split(f"Objectives at risk ({len(risky)})")[1].split("Best objectives")[0]
    listed = re.findall(r"\bQ4-\d{3}\b", section)
    assert listed == risky[:LIST_LIMIT]
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page


def test_html_numbers_equal_the_cli_json(sample):
    data = sample["json"]
    page = Page(sample["paths"]["html"].read_text(encoding="utf-8"))
    company = data["company"]
    assert "".join(page.classes["score"]) == f"{company['score']:.2f} {company['grade']}"
    levels = next(t for t in page.tables if t[0][:2] == ["Level", "Score"])
    assert [(r[0], r[1]) for r in levels[1:]] == [
        (lv["level"], f"{lv['score']:.2f}") for lv in data["levels"]
    ]
    risky = at_risk_ids(data)
    at_risk = next(t for t in page.tables if t[0][0] == "Id")
    assert [r[0] for r in at_risk[1:]] == risky[:LIST_LIMIT]


def test_html_embeds_plotly_once_and_loads_nothing(sample):
    raw = sample["paths"]["html"].read_text(encoding="utf-8")
    assert len(re.findall(r"plotly\.js v\d", raw)) == 1
    page = Page(raw)
    assert not [s for s in page.scripts if "src" in s]
    assert not re.search(r"""<script[^>]*\ssrc=["']?https?:""", raw)
    assert raw.count("Plotly.newPlot(") == raw.count('<div class="chart">') >= 4


def test_csv_tables_equal_the_cli_json(sample):
    data = sample["json"]
    objectives = list(csv.DictReader(io.StringIO(sample["paths"]["objectives"].read_text())))
    assert [o["objective_id"] for o in objectives] == [
        o["objective_id"] for o in data["objectives"]
    ]
    key_results = sample["paths"]["key_results"].read_text(encoding="utf-8").splitlines()
    assert len(key_results) == len(data["key_results"]) + 1


def test_csv_render_is_a_zip_of_both_tables(sample):
    import zipfile

    with zipfile.ZipFile(io.BytesIO(render("csv", sample["content"]))) as archive:
        assert archive.namelist() == [
            "lanternfish_okrs-2026-Q4-objectives.csv",
            "lanternfish_okrs-2026-Q4-key-results.csv",
        ]


# --- user text stays text ---


def test_formula_like_text_is_a_string_cell_in_xlsx(special):
    import openpyxl

    book = openpyxl.load_workbook(special["xlsx"])
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells if c.data_type == "s"}
    assert {INJECTED, "+1 cmd", "-2 cmd", "@x", SCRIPT, LONG} <= values


def test_formula_like_text_is_neutralised_in_csv(special):
    objectives = list(csv.DictReader(io.StringIO(special["objectives"].read_text())))
    key_results = list(csv.DictReader(io.StringIO(special["key_results"].read_text())))
    assert "'" + INJECTED in {o["objective"] for o in objectives}
    assert "'@x" in {o["owner"] for o in objectives}
    assert {"'+1 cmd", "'-2 cmd"} <= {k["key_result"] for k in key_results}


def test_markup_and_formulas_are_escaped_text_in_html(special):
    raw = special["html"].read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    text = Page(raw).text
    assert SCRIPT in text
    assert INJECTED in text
    assert "@x" in text


def test_formula_like_text_is_literal_in_pptx(special):
    slides = pptx_slides(special["pptx"])
    cells = [c for s in slides for t in s.tables for row in t for c in row]
    assert {INJECTED, SCRIPT, "@x"} <= set(cells)
    long = shorten(LONG)
    assert long in cells
    assert len(long) == TEXT_LIMIT
    assert long.endswith(ELLIPSIS)


def test_formula_like_and_vietnamese_text_is_literal_in_pdf(special):
    text = "".join(pdf_pages(special["pdf"])).replace("\n", "")
    assert INJECTED in text
    assert SCRIPT in text
    assert VIETNAMESE in text
    assert "Bán hàng" in text
    assert any("DejaVuSans" in font for font in pdf_fonts(special["pdf"]))


def test_the_pdf_font_ships_with_the_requirements():
    font = find_font()
    assert font is not None
    assert font.regular.name == "DejaVuSans.ttf"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_view_and_a_file_without_quarters(fmt, tmp_path):
    table = load_okrs(SAMPLE_WORKBOOK)
    empty = analyse(table, as_of=AS_OF, filters=Filters(levels=("no such level",)))
    assert render(fmt, report_content(empty, table))
    rows = [["Objective", "Key Result", "Target", "Current"], ["Grow", "MRR", 10, 5]]
    plain_table = load_okrs(write_csv(tmp_path / "plain.csv", rows))
    assert render(fmt, report_content(analyse(plain_table), plain_table))


# --- bounded at any size ---


@pytest.mark.slow
def test_slides_and_pages_list_a_bounded_number_of_objectives(tmp_path):
    source = tmp_path / "big.xlsx"
    write_workbook(scaled_okrs(4000, 1000), source, instructions=False)
    table = load_okrs(source)
    card = analyse(table, as_of=AS_OF)
    content = report_content(card, table)
    assert len(content.at_risk) > LIST_LIMIT
    path = tmp_path / "big.pptx"
    path.write_bytes(render("pptx", content))
    for slide in pptx_slides(path):
        assert all(len(t) <= LIST_LIMIT + 1 for t in slide.tables)
        for chart in slide.charts:
            assert len(list(chart.plots[0].categories)) <= CHART_LIMIT
    html = Page(render("html", content).decode("utf-8"))
    assert all(len(t) <= LIST_LIMIT + 1 for t in html.tables)


# --- golden structure ---


@pytest.mark.parametrize(
    ("fmt", "outline"),
    [
        pytest.param("xlsx", xlsx_outline, id="xlsx-sheets-and-headers"),
        pytest.param("pptx", pptx_outline, id="pptx-slide-titles"),
        pytest.param("pdf", pdf_outline, id="pdf-headings"),
        pytest.param("html", lambda p: html_outline(p.read_text(encoding="utf-8")), id="html"),
    ],
)
def test_report_structure_matches_the_golden_file(sample, fmt, outline):
    assert_golden(f"{fmt}.txt", outline(sample["paths"][fmt]))


def test_same_content_makes_the_same_bytes(sample):
    for fmt in ("pdf", "html", "csv"):
        assert render(fmt, sample["content"]) == render(fmt, sample["content"])


# --- the library API and the command line ---


def test_write_report_writes_the_formats_asked_and_says_so(tmp_path):
    table = load_okrs(SAMPLE_WORKBOOK)
    card = analyse(table, as_of=AS_OF)
    seen = []
    paths = write_report(
        card,
        table,
        tmp_path / "new" / "folder",
        ["pdf", "csv"],
        progress=lambda f, p: seen.append(f),
    )
    assert [p.name for p in paths] == [
        "lanternfish_okrs-2026-Q4.pdf",
        "lanternfish_okrs-2026-Q4-objectives.csv",
        "lanternfish_okrs-2026-Q4-key-results.csv",
    ]
    assert all(p.exists() for p in paths)
    assert seen == ["pdf", "csv", "csv"]
    with pytest.raises(ValueError, match="not a report format"):
        write_report(card, table, tmp_path, ["docx"])


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_command_writes_every_format_and_prints_the_paths(capsys, tmp_path):
    code, out, err = run(capsys, "report", str(SAMPLE_WORKBOOK), "-o", str(tmp_path))
    assert code == 0
    paths = [Path(line) for line in out.splitlines()]
    assert {p.suffix for p in paths} == {f".{f}" for f in FORMATS}
    assert all(p.exists() and p.parent == tmp_path for p in paths)
    assert "Writing xlsx, pptx, pdf, html, csv reports of 2026-Q4" in err
    assert err.count(" s)") == len(paths)  # one progress line per file


@pytest.mark.parametrize(
    "options",
    [
        pytest.param((), id="defaults"),
        pytest.param(("--ignore-assessed",), id="ignore-assessed"),
        pytest.param(("--quarter", "Q3 2026", "--no-data-as-zero"), id="earlier-quarter"),
        pytest.param(("--rollup", "key_results_and_children"), id="rollup-children"),
    ],
)
def test_report_command_scores_as_score_does(capsys, tmp_path, options):
    common = (str(SAMPLE_WORKBOOK), "--as-of", AS_OF.isoformat(), *options)
    code, out, _ = run(capsys, "report", *common, "-o", str(tmp_path), "--format", "xlsx")
    assert code == 0
    expected = cli_json(*common)
    summary = {row[0]: row[1] for row in sheet_rows(Path(out.strip()), "Summary") if row[0]}
    assert summary["Company score"] == pytest.approx(expected["company"]["score"])


def test_report_into_a_file_instead_of_a_folder_is_one_sentence(capsys, tmp_path):
    occupied = tmp_path / "taken.txt"
    occupied.write_text("x")
    for outdir in (occupied, occupied / "below"):
        code, out, err = run(capsys, "report", str(SAMPLE_WORKBOOK), "-o", str(outdir))
        assert code == 1
        assert out == ""
        assert err.startswith("Error: cannot ")
        assert err.count("\n") == 1
        assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(("--format", "pdf,docx"), 2, "'docx' is not a report format", id="format"),
        pytest.param(("--quarter", "2025-Q1"), 1, "2025-Q1 is not in the file", id="quarter"),
    ],
)
def test_report_command_refuses_bad_options(capsys, tmp_path, args, code, message):
    result, _, err = run(capsys, "report", str(SAMPLE_WORKBOOK), "-o", str(tmp_path), *args)
    assert result == code
    assert message in err
    assert not list(tmp_path.iterdir())


def test_report_of_an_unreadable_file_exits_two(capsys, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run(capsys, "report", str(broken), "-o", str(tmp_path / "out"))
    assert code == 2
    assert err.count("\n") == 1


def test_okr_model_reports_never_imports_streamlit():
    code = (
        "import sys, okr_model.reports, okr_model.reports.pdf, okr_model.reports.pptx\n"
        "assert not [m for m in sys.modules if 'streamlit' in m]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    sources = (ROOT / "okr_model" / "reports").glob("*.py")
    assert not [p.name for p in sources if "streamlit" in p.read_text(encoding="utf-8")]
