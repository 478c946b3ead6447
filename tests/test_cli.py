"""The command line: exit codes, formats, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import MISTAKES_WORKBOOK, SAMPLE_CSV, SAMPLE_WORKBOOK, score_json, write_csv

from okr_model import analyse, load_okrs, scorecard_to_dict
from okr_model.cli import main
from okr_model.samples import sample_checkins, sample_company


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_valid_file_exits_zero_and_describes_what_was_read(capsys):
    code, out, _ = run(capsys, "check", str(SAMPLE_WORKBOOK))
    assert code == 0
    assert "Skipped lanternfish_okrs.xlsx, sheet 'Instructions'" in out
    assert "'Department / Team' -> unit" in out
    checkins = len(sample_checkins(sample_company()))
    assert (
        f"Found 224 objectives, 708 key results and {checkins} check-ins "
        "(quarters: 2026-Q3, 2026-Q4)." in out
    )
    assert (
        f"Rows: {708 + checkins} read = 708 scored + 0 rejected + 0 blank + {checkins} check-ins."
        in out
    )


def test_check_file_with_errors_exits_one_and_lists_them(capsys):
    code, out, _ = run(capsys, "check", str(MISTAKES_WORKBOOK))
    assert code == 1
    assert (
        "error: okrs_with_mistakes.xlsx, sheet 'OKRs', row 5, column 'Current': "
        "'abc' is not a number." in out
    )


def test_check_json(capsys):
    code, out, _ = run(capsys, "check", str(MISTAKES_WORKBOOK), "--format", "json")
    result = json.loads(out)
    assert code == 1
    assert result["valid"] is False
    assert result["errors"] == 8


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("missing.xlsx", None, "does not exist", id="missing"),
        pytest.param("empty.csv", b"", "is empty", id="empty"),
        pytest.param(
            "fake.xlsx", b"PK\x03\x04 not really a zip", "not a readable workbook", id="fake-zip"
        ),
        pytest.param("slides.pptx", b"whatever", "not a spreadsheet", id="other-format"),
    ],
)
def test_unreadable_files_exit_two_with_one_sentence(capsys, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    for command in ("check", "score"):
        code, _, err = run(capsys, command, str(path))
        assert code == 2
        assert message in err
        assert "Traceback" not in err
        assert err.count("\n") == 1


def test_score_text_shows_headline_scores(capsys):
    code, out, _ = run(capsys, "score", str(SAMPLE_WORKBOOK), "--as-of", "2026-11-20")
    assert code == 0
    assert out.startswith("Quarter 2026-Q4, as of 2026-11-20 (55% of the quarter elapsed).")
    assert "Company score: " in out
    assert "By level:" in out


def test_score_json_equals_the_library(capsys):
    code, out, _ = run(
        capsys, "score", str(SAMPLE_CSV), "--as-of", "2026-11-20", "--format", "json"
    )
    table = load_okrs(SAMPLE_CSV)
    expected = json.loads(
        json.dumps(
            scorecard_to_dict(
                analyse(table, as_of=__import__("datetime").date(2026, 11, 20)), table
            )
        )
    )
    assert code == 0
    assert json.loads(out) == expected


def test_score_policy_switches_change_the_numbers(capsys):
    base = json.loads(
        run(capsys, "score", str(SAMPLE_WORKBOOK), "--quarter", "Q3 2026", "--format", "json")[1]
    )
    computed = json.loads(
        run(
            capsys,
            "score",
            str(SAMPLE_WORKBOOK),
            "--quarter",
            "2026-Q3",
            "--format",
            "json",
            "--ignore-assessed",
        )[1]
    )
    assert {kr["source"] for kr in base["key_results"]} == {"assessed"}
    assert {kr["source"] for kr in computed["key_results"]} == {"computed"}
    assert base["company"]["score"] != computed["company"]["score"]
    assert computed["policy"]["use_assessed_scores"] is False


def test_score_csv_writes_the_chosen_table(capsys, tmp_path):
    target = tmp_path / "krs.csv"
    code, out, _ = run(
        capsys,
        "score",
        str(SAMPLE_WORKBOOK),
        "--format",
        "csv",
        "--table",
        "key_results",
        "-o",
        str(target),
    )
    assert code == 0
    assert out == ""
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith(
        "kr_id,objective_id,key_result,start,target,current,direction,weight,progress,score"
    )


def test_unknown_quarter_exits_one(capsys):
    code, _, err = run(capsys, "score", str(SAMPLE_WORKBOOK), "--quarter", "2025-Q1")
    assert code == 1
    assert "2025-Q1 is not in the file" in err


def test_bad_option_value_is_a_usage_error(capsys):
    code, _, err = run(capsys, "score", str(SAMPLE_WORKBOOK), "--quarter", "Q9")
    assert code == 2
    assert "'Q9' is not a quarter" in err


def test_module_entry_point_runs_for_real(tmp_path):
    assert score_json(SAMPLE_WORKBOOK, "--as-of", "2026-11-20")["quarter"] == "2026-Q4"
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"\x00" * 64)
    failed = subprocess.run(
        [sys.executable, "-m", "okr_model", "check", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2
    assert "Traceback" not in failed.stderr


def test_unwritable_output_is_one_sentence(capsys, tmp_path):
    code, _, err = run(capsys, "score", str(SAMPLE_WORKBOOK), "-o", str(tmp_path / "no" / "x.txt"))
    assert code == 1
    assert "cannot write" in err
    assert "Traceback" not in err


def test_several_files_are_read_as_one_table(tmp_path, capsys):
    objectives = write_csv(
        tmp_path / "objectives.csv",
        [["Objective ID", "Objective"], ["O1", "Grow revenue"], ["O2", "Happy customers"]],
    )
    key_results = write_csv(
        tmp_path / "key_results.csv",
        [["Objective ID", "Key Result", "Target", "Current"], ["O1", "Revenue", 10, None]],
    )
    checkins = write_csv(
        tmp_path / "checkins.csv",
        [
            ["Key Result", "Date", "Value"],
            ["Revenue", "2026-08-01", 2],
            ["Revenue", "2026-09-01", 4],
        ],
    )
    files = [str(objectives), str(key_results), str(checkins)]
    code, out, _ = run(capsys, "check", *files, "--format", "json")
    assert code == 0
    checked = json.loads(out)
    assert (checked["objectives"], checked["key_results"], checked["checkins"]) == (2, 1, 2)
    assert [s["file"] for s in checked["source"]["sheets"]] == [
        "objectives.csv",
        "key_results.csv",
        "checkins.csv",
    ]
    code, out, _ = run(capsys, "score", *files, "--as-of", "2026-09-30", "--format", "json")
    assert code == 0
    scores = {o["objective"]: o["score"] for o in json.loads(out)["objectives"]}
    assert scores["Grow revenue"] == pytest.approx(0.4)  # the latest check-in: 4 of 10


def test_one_unreadable_file_among_several_stops_with_its_name(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    code, _, err = run(capsys, "check", str(SAMPLE_CSV), str(empty))
    assert code == 2
    assert err == "Error: empty.csv is empty.\n"
