"""The Streamlit app, driven headless with AppTest on real files: every page, uploads, filters."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from conftest import AS_OF, MISTAKES_WORKBOOK, ROOT, SAMPLE_WORKBOOK, write_csv
from streamlit.testing.v1 import AppTest

from dashboard.apptest import navigation_only
from okr_model import analyse, load_okrs
from okr_model.cli import main

PAGES = [
    "pages/overview.py",
    "pages/progress.py",
    "pages/alignment.py",
    "pages/distributions.py",
    "pages/health.py",
    "pages/trends.py",
    "pages/data.py",
    "pages/reports.py",
]


@pytest.fixture
def app() -> Iterator[AppTest]:
    with navigation_only():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
        at.run()
        at.date_input(key="as_of").set_value(AS_OF).run()
        yield at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_shows_the_sample_companys_score_equal_to_the_cli(app, capsys):
    assert not app.exception
    main(["score", str(SAMPLE_WORKBOOK), "--format", "json", "--as-of", AS_OF.isoformat()])
    expected = json.loads(capsys.readouterr().out)["company"]
    shown = metrics(app)
    assert shown["Company score"] == f"{expected['score']:.2f}"
    assert shown["Grade"] == expected["grade"].title()
    assert shown["Objectives on track"].endswith(f"of {expected['objectives']}")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_the_sample_data(app, page):
    app.switch_page(page).run()
    assert not app.exception, app.exception
    assert app.title[0].value
    assert not app.error


def test_choosing_the_earlier_quarter_changes_the_scores(app):
    before = metrics(app)["Company score"]
    app.selectbox(key="quarter").set_value("2026-Q3").run()
    assert not app.exception
    assert metrics(app)["Company score"] != before
    assert "2026-Q3" in app.caption[-1].value or any("2026-Q3" in c.value for c in app.caption)


def test_filters_and_policy_switches_change_the_numbers_as_the_library_does(app):
    table = load_okrs(SAMPLE_WORKBOOK)
    app.multiselect(key="filter_levels").set_value(["team"]).run()
    from okr_model import Filters, ScoringPolicy

    expected = analyse(table, as_of=AS_OF, filters=Filters(levels=("team",))).company
    assert metrics(app)["Company score"] == f"{expected['score']:.2f}"
    app.toggle(key="no_data_as_zero").set_value(True).run()
    expected = analyse(
        table,
        as_of=AS_OF,
        filters=Filters(levels=("team",)),
        policy=ScoringPolicy(no_data_as_zero=True),
    ).company
    assert metrics(app)["Company score"] == f"{expected['score']:.2f}"


def test_uploading_a_file_shows_its_scores(app):
    app.file_uploader(key="uploads").upload(
        MISTAKES_WORKBOOK.name, MISTAKES_WORKBOOK.read_bytes()
    ).run()
    assert not app.exception
    expected = analyse(load_okrs(MISTAKES_WORKBOOK), as_of=AS_OF).company
    assert metrics(app)["Company score"] == f"{expected['score']:.2f}"
    assert metrics(app)["Objectives on track"].endswith(f"of {expected['objectives']}")


def test_a_bad_upload_shows_the_message_and_keeps_the_previous_data(app):
    app.file_uploader(key="uploads").upload(
        MISTAKES_WORKBOOK.name, MISTAKES_WORKBOOK.read_bytes()
    ).run()
    good = metrics(app)["Company score"]
    app.file_uploader(key="uploads").set_value(
        ("notes.xlsx", b"not a spreadsheet", "application/octet-stream")
    ).run()
    assert not app.exception
    assert "not a readable workbook" in app.error[0].value
    assert "Still showing okrs_with_mistakes.xlsx" in app.error[0].value
    assert metrics(app)["Company score"] == good


def test_data_page_lists_issues_and_reconciles(app):
    app.file_uploader(key="uploads").upload(
        MISTAKES_WORKBOOK.name, MISTAKES_WORKBOOK.read_bytes()
    ).run()
    app.switch_page("pages/data.py").run()
    assert not app.exception
    table = load_okrs(MISTAKES_WORKBOOK)
    shown = metrics(app)
    assert shown["Rows read"] == str(table.reconciliation.rows_read)
    assert shown["Rows set aside"] == str(table.reconciliation.rows_rejected)
    issues = app.dataframe[-1].value
    assert len(issues) == len(table.issues)
    assert "'abc' is not a number." in issues["message"].tolist()


def test_data_page_counts_the_sample_check_ins(app):
    app.switch_page("pages/data.py").run()
    assert not app.exception
    table = load_okrs(SAMPLE_WORKBOOK)
    assert metrics(app)["Check-in rows"] == str(table.reconciliation.rows_checkins)
    sheets = app.dataframe[0].value.set_index("sheet")
    assert sheets.loc["Check-ins", "holds"] == "check-ins"


def test_the_mapping_editor_reads_a_column_detection_missed(app, tmp_path):
    odd = [["Goal", "KR Text", "Target", "Now"], ["Grow", "MRR", 10, 5]]
    data = write_csv(tmp_path / "odd.csv", odd).read_bytes()
    app.file_uploader(key="uploads").upload("odd.csv", data).run()
    assert "no Key Result column" in app.error[0].value
    app.switch_page("pages/data.py").run()
    assert not app.exception
    mapping = json.dumps({"columns": {"KR Text": "key_result", "Now": "current"}}).encode()
    app.file_uploader(key="mapping_file").upload("mapping.json", mapping).run()
    assert not app.exception
    assert not app.error
    assert metrics(app)["Key results scored"] == "1"


def test_trends_compares_two_quarters(app):
    app.switch_page("pages/trends.py").run()
    assert not app.exception
    labels = [m.label for m in app.metric]
    assert labels[:2] == ["Company score, 2026-Q3", "Company score, 2026-Q4"]


def test_trends_shows_progress_over_the_quarter_from_checkins(app):
    app.switch_page("pages/trends.py").run()
    card = analyse(load_okrs(SAMPLE_WORKBOOK), as_of=AS_OF)
    chosen = app.selectbox[0]
    assert chosen.label == "Key results of objective"
    chosen.set_value(card.objectives["objective_id"].iloc[1]).run()
    assert not app.exception
    assert len(app.get("plotly_chart")) >= 3  # progress, key results, quarters
    assert [s.value for s in app.subheader] == ["Progress over the quarter", "Between quarters"]
    assert "latest check-in on or before that date" in " ".join(c.value for c in app.caption)


def test_progress_explains_a_chosen_objective(app):
    app.switch_page("pages/progress.py").run()
    card = analyse(load_okrs(SAMPLE_WORKBOOK), as_of=AS_OF)
    objective = card.objectives.iloc[0]
    app.selectbox(key="explain_objective").set_value(objective["objective_id"]).run()
    assert not app.exception
    text = " ".join(m.value for m in app.markdown)
    assert f"**{objective['objective']}** ({objective['objective_id']})" in text
    assert "Weighted mean of the key results with data" in text
    assert f"score **{objective['score']:.2f}**" in text


# --- Reports page: the leadership reports of the current view --------------------------------
# (kept together at the end: these tests belong to okr_model/reports and pages/reports.py)

REPORT_MAGIC = {"xlsx": b"PK", "pptx": b"PK", "pdf": b"%PDF", "html": b"<!DOCTYPE html>"}


@pytest.fixture
def deferred_downloads(monkeypatch) -> dict:
    """The callables of download buttons made on click, by file name.

    AppTest cannot click a download (there is no browser), so the data callables the page
    registers are caught here and the test calls them, as Streamlit does on a click.
    """
    from streamlit.runtime.media_file_manager import MediaFileManager

    made = {}
    register = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data_callable
        return register(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made


def test_reports_page_makes_every_report_of_the_filtered_view(app, deferred_downloads, tmp_path):
    from report_readers import sheet_rows

    from okr_model import Filters

    app.multiselect(key="filter_levels").set_value(["team"]).run()
    app.switch_page("pages/reports.py").run()
    assert not app.exception
    labels = [b.label for b in app.download_button]
    assert labels[:4] == ["Excel workbook", "PowerPoint deck", "PDF", "Web page (HTML)"]
    assert {"Objectives (CSV)", "Everything (JSON)"} <= set(labels)
    for fmt, magic in REPORT_MAGIC.items():
        data = deferred_downloads[f"lanternfish_okrs-2026-Q4.{fmt}"]()
        assert data.startswith(magic), fmt
    workbook = tmp_path / "report.xlsx"
    workbook.write_bytes(deferred_downloads["lanternfish_okrs-2026-Q4.xlsx"]())
    summary = {row[0]: row[1] for row in sheet_rows(workbook, "Summary") if row and row[0]}
    expected = analyse(load_okrs(SAMPLE_WORKBOOK), as_of=AS_OF, filters=Filters(levels=("team",)))
    assert summary["Company score"] == pytest.approx(expected.company["score"])
    assert "Levels: team" in [row[0] for row in sheet_rows(workbook, "Policy")]
