"""The Streamlit app, driven headless with AppTest on the real sample data."""

from __future__ import annotations

import json

import pytest
from conftest import AS_OF, MISTAKES_WORKBOOK, ROOT, SAMPLE_WORKBOOK
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from okr_model import analyse, load_okrs
from okr_model.cli import main


@pytest.fixture
def app(monkeypatch) -> AppTest:
    # AppTest re-detects a `pages/` folder before every run and then runs the current page as a
    # v1 multipage script, skipping app.py. `streamlit run` decides once, and st.navigation
    # turns the v1 behaviour off for good; this makes AppTest do the same.
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.date_input[0].set_value(AS_OF).run()
    return at


def test_overview_shows_the_sample_companys_score_equal_to_the_cli(app, capsys):
    assert not app.exception
    main(["score", str(SAMPLE_WORKBOOK), "--format", "json", "--as-of", AS_OF.isoformat()])
    expected = json.loads(capsys.readouterr().out)["company"]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Company score"] == f"{expected['score']:.2f}"
    assert metrics["Grade"] == expected["grade"].title()
    assert metrics["Objectives"] == str(expected["objectives"])


def test_choosing_the_earlier_quarter_changes_the_scores(app):
    before = app.metric[0].value
    app.selectbox[0].set_value("2026-Q3").run()
    assert not app.exception
    assert app.metric[0].value != before
    assert "2026-Q3" in app.caption[0].value


def test_uploading_a_file_shows_its_scores(app):
    app.file_uploader[0].upload(MISTAKES_WORKBOOK.name, MISTAKES_WORKBOOK.read_bytes()).run()
    assert not app.exception
    expected = analyse(load_okrs(MISTAKES_WORKBOOK), as_of=AS_OF).company
    assert app.metric[2].value == str(expected["objectives"])
    assert app.metric[0].value == f"{expected['score']:.2f}"


def test_a_bad_upload_shows_the_message_and_keeps_showing_data(app):
    app.file_uploader[0].upload("notes.xlsx", b"not a spreadsheet").run()
    assert not app.exception
    assert "not a readable workbook" in app.error[0].value
    assert app.metric[0].label == "Company score"
